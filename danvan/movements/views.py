import re
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from danvan.accounts.permissions import EDIT_ROLES, has_any_role, scope_roots
from danvan.core.correction_pages import correction_page
from danvan.core.errors import ApplicationError
from danvan.core.exporting import xlsx_response
from danvan.core.locking import show_conflict, version_of
from danvan.core.submissions import submit_once
from danvan.movements import forms, services
from danvan.movements import permissions as perms
from danvan.movements.corrections import movement_award_correct
from danvan.movements.exports import scoreboard_headers, scoreboard_rows
from danvan.movements.models import Movement, MovementRegistration
from danvan.movements.selectors import (
    candidate_units,
    movement_detail,
    movement_get_for_user,
    movement_list_for_user,
    movement_scoreboard,
    province_choices,
    units_for_user_in_movement,
)
from danvan.organisations.forms import unit_from_form
from danvan.organisations.models import OrgUnit
from danvan.workplans.models import WorkPlan


def _plans_for(user, unit=None):
    units = [unit] if unit is not None else list(scope_roots(user, EDIT_ROLES))
    return list(WorkPlan.objects.filter(unit__in=units).order_by("-year", "-created_at")[:50])


def _plan_from(form, plans):
    chosen = form.cleaned_data.get("plan")
    return next((p for p in plans if str(p.public_id) == chosen), None)


@login_required
def index(request):
    form = forms.SearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    movements = movement_list_for_user(
        user=request.user, year=data.get("year"), status=data.get("status", ""), query=data.get("q", "")
    )
    return render(
        request,
        "movements/index.html",
        {"form": form, "movements": movements, "can_create": has_any_role(request.user, EDIT_ROLES)},
    )


def _movement_kwargs(form, plans):
    d = form.cleaned_data
    return {
        "kind": d["kind"],
        "name": d["name"],
        "description": d["description"],
        "start_date": d["start_date"],
        "end_date": d["end_date"],
        "counts_initiatives": d["counts_initiatives"],
        "plan": _plan_from(form, plans),
        "results_weight": d["results_weight"],
        "completeness_weight": d["completeness_weight"],
    }


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def create(request):
    plans = _plans_for(request.user)
    if request.method == "POST":
        form = forms.MovementForm(request.POST, plans=plans)
        if form.is_valid() and (unit := unit_from_form(form)) is not None:
            try:
                movement = services.movement_create(actor=request.user, unit=unit, **_movement_kwargs(form, plans))
            except ApplicationError as e:
                e.add_to_form(form)
            else:
                messages.success(
                    request,
                    _("Movement %(code)s drafted. Add its targets and reporting rounds, then launch it.")
                    % {"code": movement.code},
                )
                return redirect("movements:detail", code=movement.code)
    else:
        root = scope_roots(request.user, EDIT_ROLES).order_by("depth").first()
        form = forms.MovementForm(plans=plans, initial={"unit": root.code if root else ""})
    return render(request, "movements/form.html", {"form": form, "movement": None})


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def edit(request, code):
    movement = movement_get_for_user(user=request.user, code=code)
    if not perms.can_edit(request.user, movement):
        raise Http404
    plans = _plans_for(request.user, movement.scope_unit)
    if request.method == "POST":
        form = forms.MovementForm(request.POST, plans=plans, editing=True)
        if form.is_valid():
            try:
                services.movement_update(
                    actor=request.user,
                    movement=movement,
                    expected_version=form.cleaned_data["expected_version"],
                    **_movement_kwargs(form, plans),
                )
            except ApplicationError as e:
                show_conflict(form, e)
            else:
                messages.success(request, _("Movement saved."))
                return redirect("movements:detail", code=movement.code)
    else:
        form = forms.MovementForm(
            plans=plans,
            editing=True,
            initial={
                "kind": movement.kind,
                "name": movement.name,
                "description": movement.description,
                "start_date": movement.start_date,
                "end_date": movement.end_date,
                "counts_initiatives": movement.counts_initiatives,
                "plan": str(movement.plan.public_id) if movement.plan else "",
                "results_weight": movement.results_weight,
                "completeness_weight": movement.completeness_weight,
                "expected_version": version_of(movement),
            },
        )
    return render(request, "movements/form.html", {"form": form, "movement": movement})


def _render_detail(request, movement, *, status=200, **bound):
    user = request.user
    context = movement_detail(movement=movement, user=user)
    can_manage = perms.can_manage(user, movement)
    context.update(
        {
            "movement": movement,
            "can_manage": can_manage,
            "can_edit": perms.can_edit(user, movement),
            "can_lead": perms.can_lead(user, movement),
            "target_form": bound.get("target_form") or forms.TargetForm(),
            "checkpoint_form": bound.get("checkpoint_form") or forms.CheckpointForm(),
            "activity_form": bound.get("activity_form") or forms.ActivityForm(),
            "today": timezone.localdate(),
        }
    )
    return render(request, "movements/detail.html", context, status=status)


@login_required
def detail(request, code):
    return _render_detail(request, movement_get_for_user(user=request.user, code=code))


@login_required
@require_POST
@submit_once
def target_add(request, code):
    movement = movement_get_for_user(user=request.user, code=code)
    form = forms.TargetForm(request.POST)
    if form.is_valid():
        try:
            services.movement_target_add(actor=request.user, movement=movement, **form.cleaned_data)
        except ApplicationError as e:
            e.add_to_form(form)
        else:
            messages.success(request, _("Target added."))
            return redirect("movements:detail", code=movement.code)
    return _render_detail(request, movement, target_form=form)


@login_required
@require_POST
@submit_once
def checkpoint_add(request, code):
    movement = movement_get_for_user(user=request.user, code=code)
    form = forms.CheckpointForm(request.POST)
    if form.is_valid():
        try:
            services.movement_checkpoint_add(actor=request.user, movement=movement, **form.cleaned_data)
        except ApplicationError as e:
            e.add_to_form(form)
        else:
            messages.success(request, _("Reporting round added."))
            return redirect("movements:detail", code=movement.code)
    return _render_detail(request, movement, checkpoint_form=form)


@login_required
@require_POST
@submit_once
def activity_add(request, code):
    movement = movement_get_for_user(user=request.user, code=code)
    form = forms.ActivityForm(request.POST)
    if form.is_valid() and (assignee := unit_from_form(form, "assignee")) is not None:
        try:
            services.movement_activity_add(
                actor=request.user,
                movement=movement,
                title=form.cleaned_data["title"],
                due_date=form.cleaned_data["due_date"],
                assignee=assignee,
            )
        except ApplicationError as e:
            e.add_to_form(form)
        else:
            messages.success(request, _("Activity assigned: it is now a task of %(unit)s.") % {"unit": assignee.name})
            return redirect("movements:detail", code=movement.code)
    return _render_detail(request, movement, activity_form=form)


@login_required
@require_POST
@submit_once
def launch(request, code):
    movement = movement_get_for_user(user=request.user, code=code)
    try:
        services.movement_launch(actor=request.user, movement=movement)
        messages.success(request, _("Movement launched: units can now register."))
    except ApplicationError as e:
        messages.error(request, e.message)
    return redirect("movements:detail", code=movement.code)


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def register(request, code):
    movement = movement_get_for_user(user=request.user, code=code)
    units = units_for_user_in_movement(user=request.user, movement=movement)
    done = set(movement.registrations.filter(unit__in=units).values_list("unit_id", flat=True))
    units = [u for u in units if u.pk not in done]
    targets = list(movement.targets.all())
    if request.method == "POST":
        form = forms.RegisterForm(request.POST, units=units, targets=targets)
        if form.is_valid() and (unit := unit_from_form(form)) is not None:
            try:
                services.movement_register(
                    actor=request.user,
                    movement=movement,
                    unit=unit,
                    commitment=form.cleaned_data["commitment"],
                    committed_values=form.committed_values(),
                )
            except ApplicationError as e:
                e.add_to_form(form)
            else:
                messages.success(request, _("%(unit)s is registered for the movement.") % {"unit": unit.name})
                return redirect("movements:detail", code=movement.code)
    else:
        form = forms.RegisterForm(units=units, targets=targets)
    return render(request, "movements/register.html", {"form": form, "movement": movement, "targets": targets})


_CODE_SPLIT = re.compile(r"[\s,;]+")


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def register_bulk(request, code):
    movement = movement_get_for_user(user=request.user, code=code)
    if not perms.can_manage(request.user, movement):
        raise Http404
    if request.method == "POST":
        form = forms.BulkRegisterForm(request.POST)
        if form.is_valid():
            which = form.cleaned_data["which"]
            units = []
            if which == "codes":
                codes = [c for c in _CODE_SPLIT.split(form.cleaned_data["codes"].upper()) if c]
                found = {u.code: u for u in OrgUnit.objects.filter(code__in=codes)}
                unknown = [c for c in codes if c not in found]
                if unknown:
                    form.add_error(
                        "codes",
                        _("Some chosen units no longer exist (%(codes)s): remove them and choose again from the list.")
                        % {"codes": ", ".join(unknown[:10])},
                    )
                elif not codes:
                    form.add_error("codes", _("Choose at least one unit from the list."))
                units = [found[c] for c in codes if c in found]
            else:
                units = candidate_units(movement=movement, which=which)
            if not form.errors:
                try:
                    created, skipped = services.movement_register_bulk(
                        actor=request.user, movement=movement, units=units
                    )
                except ApplicationError as e:
                    e.add_to_form(form)
                else:
                    messages.success(
                        request,
                        _("%(created)s units registered; %(skipped)s were already registered.")
                        % {"created": created, "skipped": skipped},
                    )
                    return redirect("movements:detail", code=movement.code)
    else:
        form = forms.BulkRegisterForm()
    return render(request, "movements/register_bulk.html", {"form": form, "movement": movement})


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def report(request, code, checkpoint_id):
    movement = movement_get_for_user(user=request.user, code=code)
    checkpoint = movement.checkpoints.filter(pk=checkpoint_id).first()
    if checkpoint is None:
        raise Http404
    units = units_for_user_in_movement(user=request.user, movement=movement)
    registered = list(MovementRegistration.objects.filter(movement=movement, unit__in=units).select_related("unit"))
    choices = [r.unit for r in registered] or units
    targets = list(movement.targets.all())
    if request.method == "POST":
        form = forms.ReportForm(request.POST, units=choices, targets=targets)
        if form.is_valid() and (unit := unit_from_form(form)) is not None:
            try:
                submitted = services.movement_report_submit(
                    actor=request.user,
                    movement=movement,
                    unit=unit,
                    checkpoint=checkpoint,
                    values=form.values(),
                    note=form.cleaned_data["note"],
                )
            except ApplicationError as e:
                e.add_to_form(form)
            else:
                if submitted.is_late:
                    messages.warning(
                        request, _("Results saved. The report came after the due date and counts as late.")
                    )
                else:
                    messages.success(request, _("Results saved."))
                return redirect("movements:detail", code=movement.code)
    else:
        initial = {}
        wanted = request.GET.get("unit")
        if wanted and any(u.code == wanted for u in choices):
            initial["unit"] = wanted
        elif len(choices) == 1:
            initial["unit"] = choices[0].code
        if initial.get("unit"):
            # Correcting a report opens it as it was sent: its note and every target's figure.
            from danvan.movements.models import MovementReport

            sent = (
                MovementReport.objects.filter(
                    registration__movement=movement, registration__unit__code=initial["unit"], checkpoint=checkpoint
                )
                .prefetch_related("results")
                .first()
            )
            if sent is not None:
                initial["note"] = sent.note
                for result in sent.results.all():
                    initial[f"target_{result.target_id}"] = f"{result.value.normalize():f}".replace(".", ",")
        form = forms.ReportForm(units=choices, targets=targets, initial=initial)
    return render(
        request,
        "movements/report.html",
        {
            "form": form,
            "movement": movement,
            "checkpoint": checkpoint,
            "late": timezone.localdate() > checkpoint.due_date,
        },
    )


def _home_province(user, provinces) -> OrgUnit | None:
    """The one province all the user's roles sit in (or under), if it takes part: their default scoreboard."""
    codes = set(
        OrgUnit.objects.filter(
            level=OrgUnit.Level.PROVINCE,
            kind=OrgUnit.Kind.PARTY_COMMITTEE,
            descendant_links__descendant__in=scope_roots(user),
        ).values_list("code", flat=True)
    )
    if len(codes) != 1:
        return None
    return next((p for p in provinces if p.code in codes), None)


def _scoreboard(request, movement):
    provinces = province_choices(movement=movement)
    if "unit" not in request.GET:
        # A provincial or commune officer opening a movement that spans several provinces sees their own
        # province first (the "province scoreboard"); "whole movement" stays one choice away.
        home = _home_province(request.user, provinces) if len(provinces) > 1 else None
        form = forms.ScoreboardFilterForm(initial={"unit": home.code if home else ""}, provinces=provinces)
        return form, movement_scoreboard(movement=movement, root=home)
    form = forms.ScoreboardFilterForm(request.GET, provinces=provinces)
    root = None
    if form.is_valid() and form.cleaned_data.get("unit"):
        root = next((p for p in provinces if p.code == form.cleaned_data["unit"]), None)
    return form, movement_scoreboard(movement=movement, root=root)


@login_required
def scoreboard(request, code):
    movement = movement_get_for_user(user=request.user, code=code)
    form, board = _scoreboard(request, movement)
    return render(
        request,
        "movements/scoreboard.html",
        {"form": form, "movement": movement, "board": board, "query_string": request.GET.urlencode()},
    )


@login_required
def scoreboard_export(request, code):
    movement = movement_get_for_user(user=request.user, code=code)
    _, board = _scoreboard(request, movement)
    suffix = f"-{board.root.code}" if board.root else ""
    return xlsx_response(
        filename=f"bang-xep-hang-{movement.code}{suffix}.xlsx",
        sheet_title="Bảng xếp hạng",
        headers=scoreboard_headers(board),
        rows=scoreboard_rows(board),
    )


def _participants(movement):
    return [r.unit for r in movement.registrations.select_related("unit").order_by("unit__name")]


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def close(request, code):
    movement = movement_get_for_user(user=request.user, code=code)
    if not perms.can_lead(request.user, movement):
        raise Http404
    close_form = forms.CloseForm()
    award_form = forms.AwardForm(units=_participants(movement), initial={"decided_on": timezone.localdate()})
    if request.method == "POST":
        close_form = forms.CloseForm(request.POST)
        if close_form.is_valid():
            try:
                services.movement_close(actor=request.user, movement=movement, note=close_form.cleaned_data["note"])
            except ApplicationError as e:
                e.add_to_form(close_form)
            else:
                messages.success(request, _("Movement closed. Record the awards below."))
                return redirect("movements:close", code=movement.code)
    return render(request, "movements/close.html", _close_context(movement, close_form, award_form))


def _close_context(movement, close_form, award_form):
    return {
        "movement": movement,
        "close_form": close_form,
        "award_form": award_form,
        "awards": list(movement.awards.select_related("registration__unit")),
        "board": movement_scoreboard(movement=movement) if movement.status != Movement.Status.DRAFT else None,
    }


@login_required
@require_POST
@submit_once
def award_add(request, code):
    movement = movement_get_for_user(user=request.user, code=code)
    if not perms.can_lead(request.user, movement):
        raise Http404
    form = forms.AwardForm(request.POST, units=_participants(movement))
    if form.is_valid() and (unit := unit_from_form(form)) is not None:
        d = form.cleaned_data
        try:
            services.movement_award_add(
                actor=request.user,
                movement=movement,
                unit=unit,
                title=d["title"],
                form=d["form"],
                deciding_body=d["deciding_body"],
                decision_number=d["decision_number"],
                decided_on=d["decided_on"],
            )
        except ApplicationError as e:
            e.add_to_form(form)
        else:
            messages.success(request, _("Award recorded."))
            return redirect("movements:close", code=movement.code)
    return render(request, "movements/close.html", _close_context(movement, forms.CloseForm(), form))


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def award_correct(request, code, award_id):
    movement = movement_get_for_user(user=request.user, code=code)
    award = movement.awards.select_related("registration__unit").filter(pk=award_id).first()
    if award is None or not perms.can_lead(request.user, movement):
        raise Http404
    return correction_page(
        request,
        record=award,
        form_class=forms.AwardCorrectForm,
        service=partial(movement_award_correct, award=award),
        template="movements/award_correct.html",
        done=reverse("movements:close", args=[movement.code]),
        context={"movement": movement, "award": award},
    )
