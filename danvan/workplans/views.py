import datetime as dt
import secrets
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.accounts.permissions import can_edit_unit, can_enter_data
from danvan.core.correction_pages import correction_page
from danvan.core.errors import ApplicationError
from danvan.core.locking import show_conflict, version_of
from danvan.core.submissions import submit_once
from danvan.organisations.models import OrgUnit
from danvan.workplans import selectors, services
from danvan.workplans.calendar import calendar_events, ics_feed
from danvan.workplans.forms import AdHocTaskForm, PlanCorrectForm, PlanForm, ProgressForm, TaskForm
from danvan.workplans.models import CalendarFeed, WorkPlan


def _unit(request, code: str, field: str) -> OrgUnit:
    """The unit named by a code typed into a form. An assigning or planning unit must be one the person may
    act for; an assignee is checked by the service (it must lie below the assigning unit)."""
    unit = OrgUnit.objects.filter(code=(code or "").strip().upper()).first()
    must_edit = field != "assignee"
    if unit is None or (must_edit and not can_edit_unit(request.user, unit)):
        raise ApplicationError(_("Choose one of the units you work for from the list."), field=field)
    return unit


def _coordinating(codes: str) -> list[OrgUnit]:
    wanted = {c.strip().upper() for c in (codes or "").split(",") if c.strip()}
    units = list(OrgUnit.objects.filter(code__in=wanted))
    missing = sorted(wanted - {u.code for u in units})
    if missing:
        raise ApplicationError(
            "Đơn vị phối hợp: có đơn vị không còn trong hệ thống; đồng chí hãy bỏ ra và chọn lại từ danh sách.",
            field="coordinating",
        )
    return units


@login_required
def index(request):
    today = timezone.localdate()
    view = request.GET.get("xem", "den")
    if view == "di":
        tasks = selectors.tasks_assigned_by(user=request.user)
    else:
        view, tasks = "den", selectors.tasks_assigned_to(user=request.user)
    if request.GET.get("mo"):
        tasks = tasks.filter(status__in=["todo", "in_progress"])
    page = Paginator(tasks.order_by("status", "deadline", "id"), 50).get_page(request.GET.get("page"))
    rate_unit = next((u for u in selectors.home_units(request.user) if can_edit_unit(request.user, u)), None)
    return render(
        request,
        "workplans/index.html",
        {
            "page": page,
            "view": view,
            "today": today,
            "only_open": bool(request.GET.get("mo")),
            "completion": selectors.completion_by_assignee(unit=rate_unit, today=today) if rate_unit else [],
            "rate_unit": rate_unit,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def task_new(request):
    from danvan.accounts.permissions import EDIT_ROLES, scope_roots

    # The unit the person works for is chosen for them when there is only one.
    roots = list(scope_roots(request.user, EDIT_ROLES)[:2])
    initial = {"assigned_by": roots[0].code} if len(roots) == 1 else {}
    form = AdHocTaskForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assigned_by = _unit(request, data["assigned_by"], "assigned_by")
            assignee = _unit(request, data["assignee"], "assignee")
            task = services.task_assign(
                actor=request.user,
                assigned_by=assigned_by,
                assignee=assignee,
                title=data["title"],
                deadline=data["deadline"],
                expected_output=data["expected_output"],
                coordinating=_coordinating(data["coordinating"]),
            )
        except ApplicationError as exc:
            exc.add_to_form(form)
        else:
            messages.success(request, _("Task assigned."))
            return redirect("workplans:task", public_id=task.public_id)
    return render(request, "workplans/form.html", {"form": form, "title": _("Assign a task")})


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def task_detail(request, public_id):
    task = selectors.task_get_for_user(user=request.user, public_id=public_id)
    can_update = can_enter_data(request.user, task.assignee) and task.status != "cancelled"
    form = ProgressForm(
        request.POST or None,
        request.FILES or None,
        initial={"status": task.status, "progress": task.progress, "expected_version": version_of(task)},
    )
    if request.method == "POST":
        if not can_update:
            raise Http404
        if form.is_valid():
            try:
                services.task_update_progress(actor=request.user, task=task, **form.cleaned_data)
            except ApplicationError as exc:
                show_conflict(form, exc)
            else:
                messages.success(request, _("Progress updated."))
                return redirect("workplans:task", public_id=task.public_id)
    return render(
        request,
        "workplans/task.html",
        {
            "task": task,
            "form": form,
            "can_update": can_update,
            "today": timezone.localdate(),
            "updates": task.updates.select_related("actor", "file").defer("file__content")[:50],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def plans(request):
    units = selectors.home_units(request.user)
    form = PlanForm(
        request.POST or None, initial={"year": timezone.localdate().year, "unit": units[0].code if units else ""}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan = services.workplan_create(actor=request.user, unit=_unit(request, data.pop("unit"), "unit"), **data)
        except ApplicationError as exc:
            exc.add_to_form(form)
        else:
            return redirect("workplans:plan", public_id=plan.public_id)
    listed = WorkPlan.objects.filter(unit__in=units).select_related("unit")[:100]
    return render(request, "workplans/plans.html", {"plans": listed, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def plan_detail(request, public_id):
    plan = selectors.workplan_get_for_user(user=request.user, public_id=public_id)
    can_edit = can_edit_unit(request.user, plan.unit)
    form = TaskForm(request.POST or None)
    if request.method == "POST":
        if not can_edit:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            try:
                assignee = _unit(request, data.pop("assignee"), "assignee")
                coordinating = _coordinating(data.pop("coordinating"))
                services.task_assign(
                    actor=request.user,
                    assigned_by=plan.unit,
                    assignee=assignee,
                    plan=plan,
                    coordinating=coordinating,
                    **data,
                )
            except ApplicationError as exc:
                exc.add_to_form(form)
            else:
                messages.success(request, _("Item added and assigned."))
                return redirect("workplans:plan", public_id=plan.public_id)
    return render(
        request,
        "workplans/plan.html",
        {
            "plan": plan,
            "form": form,
            "can_edit": can_edit,
            "today": timezone.localdate(),
            "tasks": plan.tasks.select_related("assignee").order_by("deadline", "id"),
        },
    )


@login_required
def calendar(request):
    feed, _created = CalendarFeed.objects.get_or_create(
        user=request.user, defaults={"token": secrets.token_urlsafe(32)}
    )
    today = timezone.localdate()
    events = calendar_events(user=request.user, start=today - dt.timedelta(days=7), end=today + dt.timedelta(days=60))
    ics_url = request.build_absolute_uri(reverse("workplans:ics", args=[feed.token]))
    return render(request, "workplans/calendar.html", {"events": events, "ics_url": ics_url, "today": today})


def ics(request, token):
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        raise Http404
    response = HttpResponse(ics_feed(user=feed.user, today=timezone.localdate()), content_type="text/calendar")
    response["Content-Disposition"] = 'inline; filename="danvan.ics"'
    return response


@login_required
def task_file(request, public_id, update_id):
    from danvan.core.files import stored_file_response

    task = selectors.task_get_for_user(user=request.user, public_id=public_id)
    update = task.updates.select_related("file").filter(pk=update_id, file__isnull=False).first()
    if update is None:
        raise Http404
    return stored_file_response(update.file)


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def plan_correct(request, public_id):
    plan = selectors.workplan_get_for_user(user=request.user, public_id=public_id)
    if not can_edit_unit(request.user, plan.unit):
        raise Http404
    return correction_page(
        request,
        record=plan,
        form_class=PlanCorrectForm,
        service=partial(services.workplan_correct, plan=plan),
        template="workplans/plan_correct.html",
        done=reverse("workplans:plan", args=[plan.public_id]),
        context={"plan": plan},
    )
