"""Supervision plans of the Ban TTND and the Ban GSĐTCĐ: draw up the year's plan, correct its open items, record
each item's result (which locks it and files a finding for the commune's answer)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from danvan.core.errors import ApplicationError
from danvan.core.locking import show_conflict, version_of
from danvan.core.submissions import submit_once
from danvan.democracy import permissions as perms
from danvan.democracy import selectors, services
from danvan.democracy.forms import SupervisionPlanForm, SupervisionResultForm


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def supervision_plan_new(request, public_id):
    board = selectors.board_get_for_user(user=request.user, public_id=public_id)
    if not perms.can_record_for(request.user, board.base):
        raise Http404
    today = timezone.localdate()
    form = SupervisionPlanForm(request.POST or None, today=today, initial={"year": today.year})
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.supervision_plan_create(
                actor=request.user,
                board=board,
                year=form.cleaned_data["year"],
                title=form.cleaned_data["title"],
                rows=form.plan_rows(),
            )
        except ApplicationError as exc:
            exc.add_to_form(form)
        else:
            messages.success(request, _("Supervision plan saved."))
            return redirect("democracy:supervision_plan", public_id=plan.public_id)
    return render(request, "democracy/supervision_plan_form.html", {"base": board.base, "board": board, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def supervision_plan(request, public_id):
    plan = selectors.supervision_plan_get_for_user(user=request.user, public_id=public_id)
    board = plan.board
    can_record = perms.can_record_for(request.user, board.base)
    items = list(plan.items.select_related("result_by", "finding"))
    open_items = [i for i in items if not i.is_locked]
    form = SupervisionPlanForm(
        request.POST or None,
        today=timezone.localdate(),
        plan=plan,
        initial={
            "title": plan.title,
            "items": "\n".join(f"{i.content} | {i.due_on:%d/%m/%Y} | {i.target}" for i in open_items),
            "expected_version": version_of(plan),
        },
    )
    if request.method == "POST":
        if not can_record:
            raise Http404
        if form.is_valid():
            try:
                services.supervision_plan_update(
                    actor=request.user,
                    plan=plan,
                    title=form.cleaned_data["title"],
                    rows=form.plan_rows(),
                    expected_version=form.cleaned_data["expected_version"],
                )
            except ApplicationError as exc:
                show_conflict(form, exc)
            else:
                messages.success(request, _("Supervision plan saved."))
                return redirect("democracy:supervision_plan", public_id=plan.public_id)
    return render(
        request,
        "democracy/supervision_plan.html",
        {
            "base": board.base,
            "board": board,
            "plan": plan,
            "items": items,
            "form": form,
            "result_form": SupervisionResultForm(initial={"result_on": timezone.localdate()}),
            "can_record": can_record,
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
@submit_once
def supervision_result(request, public_id):
    item = selectors.supervision_item_get_for_user(user=request.user, public_id=public_id)
    if not perms.can_record_for(request.user, item.plan.board.base):
        raise Http404
    form = SupervisionResultForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    else:
        try:
            services.supervision_result_record(actor=request.user, item=item, **form.cleaned_data)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Result recorded; the item is now locked."))
    return redirect(reverse("democracy:supervision_plan", args=[item.plan.public_id]) + f"#item-{item.public_id}")
