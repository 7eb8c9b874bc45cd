from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from danvan.accounts.permissions import EDIT_ROLES, scope_roots, units_in_scope
from danvan.core.errors import ApplicationError
from danvan.core.exporting import xlsx_response
from danvan.core.forms import blank_fields_html
from danvan.core.locking import version_of
from danvan.core.submissions import submit_once
from danvan.organisations.models import OrgUnit
from danvan.petitions import forms, services
from danvan.petitions import permissions as perms
from danvan.petitions.exports import HEADERS
from danvan.petitions.models import Petition, PetitionTransfer
from danvan.petitions.selectors import (
    petition_get_for_user,
    petition_list_for_user,
    petition_repeat_candidates,
    petitioners_of,
    petitions_due_for_officer,
)


def _today():
    return timezone.localdate()


def _posted_id(request, name: str) -> int:
    """A row id from a hidden POST field; anything but a plain number of sane length is 404, not a server error."""
    value = request.POST.get(name, "")
    if not (value.isdecimal() and len(value) <= 18):
        raise Http404
    return int(value)


def _list_filters(request):
    form = forms.SearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    return form, {"query": data.get("q", ""), "status": data.get("status", ""), "category": data.get("category", "")}


@login_required
def index(request):
    form, filters = _list_filters(request)
    petitions = petition_list_for_user(user=request.user, **filters)
    return render(
        request,
        "petitions/index.html",
        {"form": form, "petitions": petitions, "today": _today(), "query_string": request.GET.urlencode()},
    )


@login_required
def export(request):
    _, filters = _list_filters(request)
    petitions = petition_list_for_user(user=request.user, limit=5000, **filters)
    rows = services.petitions_export(actor=request.user, petitions=petitions)
    return xlsx_response(filename=f"don-thu-{_today():%Y%m%d}.xlsx", sheet_title="Đơn thư", headers=HEADERS, rows=rows)


@login_required
def due(request):
    today = _today()
    return render(
        request,
        "petitions/due.html",
        {"due": petitions_due_for_officer(user=request.user, today=today), "today": today},
    )


def _people_from(formset) -> list[dict]:
    # One per form, blank ones too: the service skips them, and its "petitioners-<i>-…" errors then name the row.
    return [f.cleaned_data for f in formset.forms]


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def intake(request):
    roots = list(scope_roots(request.user))
    initial = {"received_on": _today(), "unit": roots[0].code if roots else ""}
    form = forms.PetitionIntakeForm(request.POST or None, initial=initial)
    formset = forms.PetitionerFormSet(request.POST or None, prefix="petitioners")
    candidates = []
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = form.cleaned_data
        people = _people_from(formset)
        # Set by the radio list after the repeat check: "new", or the code of the earlier petition.
        decision = request.POST.get("repeat_decision", "").strip()
        unit = OrgUnit.objects.filter(code=data.pop("unit").strip()).first()
        if unit is None or not perms.can_receive_for(request.user, unit):
            form.add_error("unit", _("Unit: enter the code of a unit you work in."))
        else:
            if not decision:
                # First submit: show likely earlier petitions before anything is written.
                candidates = petition_repeat_candidates(
                    user=request.user, content=data["content"], people=people, field_id=data["field"].pk
                )
            if decision or not candidates:
                repeat_of = None
                if decision and decision != "new":
                    try:
                        repeat_of = petition_get_for_user(user=request.user, code=decision)
                    except Http404:
                        repeat_of = None
                try:
                    petition = services.petition_receive(
                        actor=request.user,
                        unit=unit,
                        petitioners=people,
                        repeat_of=repeat_of,
                        repeat_checked=bool(decision),
                        **data,
                    )
                except ApplicationError as exc:
                    if exc.field and exc.field.startswith("petitioners-"):
                        _prefix, index, name = exc.field.split("-", 2)
                        formset.forms[int(index)].add_error(name, exc.message)
                    else:
                        exc.add_to_form(form)
                else:
                    messages.success(request, _("Petition %(code)s recorded.") % {"code": petition.code})
                    return redirect("petitions:detail", code=petition.code)
    return render(
        request,
        "petitions/intake.html",
        {"form": form, "formset": formset, "candidates": candidates},
    )


ACTIONS = {
    "process": (forms.ActionForm, services.petition_process, _("Mark as processed (xử lý đơn)")),
    "accept": (forms.ActionForm, services.petition_accept, _("Accept for resolution (thụ lý)")),
    "resolve": (forms.ActionForm, services.petition_start_resolving, _("Start resolving")),
    "extend": (forms.ExtendForm, services.petition_extend, _("Extend the deadline")),
    "decide": (forms.DecideForm, services.petition_decide, _("Record the decision")),
    "enforce": (forms.ActionForm, services.petition_enforce, _("Start enforcement")),
    "close": (forms.CloseForm, services.petition_close, _("Close")),
    "withdraw": (forms.WithdrawForm, services.petition_withdraw, _("Record a withdrawal")),
}
AVAILABLE = {
    Petition.Status.RECEIVED: ["process", "close", "withdraw"],
    Petition.Status.PROCESSED: ["accept", "close", "withdraw"],
    Petition.Status.ACCEPTED: ["resolve", "extend", "decide", "close", "withdraw"],
    Petition.Status.RESOLVING: ["extend", "decide", "close", "withdraw"],
    Petition.Status.DECISION: ["enforce", "close", "withdraw"],
    Petition.Status.ENFORCEMENT: ["close", "withdraw"],
}


def _detail_context(request, petition, **extra):
    user = request.user
    # Read once: the page lists them, and whether the person is one of them follows from the same rows.
    handlers = list(petition.handlers.select_related("user", "assigned_by").order_by("assigned_at"))
    perms.is_handler(user, petition, handlers=handlers)
    can_act = perms.can_act_on_petition(user, petition)
    actions = []
    if can_act:
        for name in AVAILABLE.get(petition.status, []):
            form_class, _service, label = ACTIONS[name]
            form = extra.pop(f"form_{name}", None) or form_class(initial={"on": _today()}, prefix=name)
            # A blank form's fields are the same on every petition page of the day: rendered once per process
            # (`blank_fields_html` renders a refused, bound one every time).
            actions.append({"name": name, "label": label, "form": form, "fields_html": blank_fields_html(form)})
    assign_form = extra.pop("assign_form", None) or forms.AssignForm()
    transfer_form = extra.pop("transfer_form", None) or forms.TransferForm(initial={"on": _today()}, prefix="transfer")
    context = {
        "petition": petition,
        "petitioners": petitioners_of(petition),
        "handlers": handlers,
        "can_approve_handlers": petition.is_denunciation and perms.can_approve_for(user, petition.unit),
        "events": petition.events.select_related("actor"),
        "transfers": petition.transfers.select_related("to_unit", "new_petition"),
        "can_act": can_act,
        "can_assign": perms.can_assign_handlers(user, petition),
        "can_see_denouncer": perms.can_see_denouncer(user, petition),
        "actions": actions,
        "today": _today(),
        "assign_form": assign_form,
        "assign_fields_html": blank_fields_html(assign_form, "_form.html"),
        "transfer_form": transfer_form,
        "transfer_fields_html": blank_fields_html(transfer_form),
        "track_form": forms.TrackForm(),
        "can_transfer": can_act and petition.status in (Petition.Status.RECEIVED, Petition.Status.PROCESSED),
        "attachments": petition.attachments.all(),
        "can_download": not petition.is_denunciation or perms.can_see_denouncer(user, petition),
    }
    context.update(extra)
    return context


@login_required
def detail(request, code):
    petition = petition_get_for_user(user=request.user, code=code)
    return render(request, "petitions/detail.html", _detail_context(request, petition))


@login_required
@require_POST
@submit_once
def act(request, code, action):
    petition = petition_get_for_user(user=request.user, code=code)
    if action not in ACTIONS or not perms.can_act_on_petition(request.user, petition):
        raise Http404
    form_class, service, _label = ACTIONS[action]
    form = form_class(request.POST, prefix=action)
    if form.is_valid():
        try:
            service(actor=request.user, petition=petition, **form.cleaned_data)
        except ApplicationError as exc:
            exc.add_to_form(form)
        else:
            messages.success(request, _("Petition updated."))
            return redirect("petitions:detail", code=petition.code)
    petition.refresh_from_db()
    return render(
        request, "petitions/detail.html", _detail_context(request, petition, **{f"form_{action}": form}), status=400
    )


@login_required
@require_POST
@submit_once
def transfer(request, code):
    petition = petition_get_for_user(user=request.user, code=code)
    if not perms.can_act_on_petition(request.user, petition):
        raise Http404
    form = forms.TransferForm(request.POST, prefix="transfer")
    if form.is_valid():
        data = dict(form.cleaned_data)
        code_to = data.pop("to_unit").strip()
        to_unit = OrgUnit.objects.filter(code=code_to).first() if code_to else None
        if code_to and to_unit is None:
            form.add_error("to_unit", _("No unit has this code; check it or write the body's name instead."))
        else:
            try:
                result = services.petition_transfer(actor=request.user, petition=petition, to_unit=to_unit, **data)
            except ApplicationError as exc:
                exc.add_to_form(form)
            else:
                messages.success(request, _("Petition transferred to %(body)s.") % {"body": result.to_body_name})
                return redirect("petitions:detail", code=petition.code)
    return render(request, "petitions/detail.html", _detail_context(request, petition, transfer_form=form), status=400)


@login_required
@require_POST
@submit_once
def track(request, code, transfer_id):
    petition = petition_get_for_user(user=request.user, code=code)
    transfer = PetitionTransfer.objects.filter(pk=transfer_id, petition=petition).first()
    if transfer is None or not perms.can_act_on_petition(request.user, petition):
        raise Http404
    form = forms.TrackForm(request.POST)
    if form.is_valid():
        try:
            services.transfer_track(actor=request.user, transfer=transfer, **form.cleaned_data)
        except ApplicationError as exc:
            messages.error(request, exc.message)
    return redirect("petitions:detail", code=petition.code)


@login_required
@require_POST
@submit_once
def assign(request, code):
    petition = petition_get_for_user(user=request.user, code=code)
    if not perms.can_assign_handlers(request.user, petition):
        raise Http404
    form = forms.AssignForm(request.POST)
    if form.is_valid():
        user = get_user_model().objects.filter(username=form.cleaned_data["username"].strip()).first()
        try:
            handler = services.petition_handler_assign(actor=request.user, petition=petition, user=user)
        except ApplicationError as exc:
            form.add_error("username" if exc.field == "user" else None, exc.message)
        else:
            if handler.pending:
                messages.success(request, _("Handler proposed; a leader of the unit must approve it."))
            else:
                messages.success(request, _("Handler assigned."))
            return redirect("petitions:detail", code=petition.code)
    return render(request, "petitions/detail.html", _detail_context(request, petition, assign_form=form), status=400)


@login_required
@require_POST
@submit_once
def assign_approve(request, code, handler_id):
    petition = petition_get_for_user(user=request.user, code=code)
    handler = petition.handlers.select_related("user", "assigned_by").filter(pk=handler_id, pending=True).first()
    if handler is None:
        raise Http404
    handler.petition = petition
    try:
        services.petition_handler_approve(actor=request.user, handler=handler)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Handler approved."))
    return redirect("petitions:detail", code=petition.code)


@login_required
@require_POST
@submit_once
def link_repeat(request, code):
    petition = petition_get_for_user(user=request.user, code=code)
    earlier_code = request.POST.get("earlier", "").strip()
    earlier = None
    if earlier_code and earlier_code != "new":
        earlier = petition_get_for_user(user=request.user, code=earlier_code)
    try:
        services.petition_link_repeat(actor=request.user, petition=petition, earlier=earlier)
    except ApplicationError as exc:
        if exc.code == "forbidden":
            raise Http404 from exc
        messages.error(request, exc.message)
    return redirect("petitions:detail", code=petition.code)


@login_required
def repeats(request, code):
    petition = petition_get_for_user(user=request.user, code=code)
    people = [{"cccd": p.cccd, "phone": p.phone, "full_name": p.full_name} for p in petitioners_of(petition)]
    candidates = petition_repeat_candidates(
        user=request.user, content=petition.content, people=people, field_id=petition.field_id, exclude_pk=petition.pk
    )
    return render(request, "petitions/repeats.html", {"petition": petition, "candidates": candidates})


@login_required
def denouncer(request, code):
    """The denouncer's identity: assigned handlers only (404 for everyone else), every view audited."""
    petition = petition_get_for_user(user=request.user, code=code)
    try:
        people = services.confidential_identity_reveal(actor=request.user, petition=petition)
    except ApplicationError as exc:
        raise Http404 from exc
    return render(request, "petitions/denouncer.html", {"petition": petition, "people": people})


# --- Statistics ------------------------------------------------------------------------------------------


def _unit_from_code(request, code: str):
    from danvan.accounts.permissions import can_view_unit

    code = (code or "").strip()
    if not code:
        roots = list(scope_roots(request.user))
        if not roots:
            raise Http404
        return roots[0]
    unit = OrgUnit.objects.filter(code=code).first()
    if unit is None or not can_view_unit(request.user, unit):
        raise Http404
    return unit


def _period(request):
    form = forms.PeriodForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    today = _today()
    end = data.get("end") or today
    start = data.get("start") or end.replace(day=1)
    return form, _unit_from_code(request, data.get("unit", "")), start, end, today


@login_required
def stats(request):
    from danvan.petitions.selectors import dashboard

    form, unit, start, end, today = _period(request)
    return render(
        request,
        "petitions/stats.html",
        {
            "form": form,
            "unit": unit,
            "start": start,
            "end": end,
            "data": dashboard(unit=unit, start=start, end=end, today=today),
            "query_string": request.GET.urlencode(),
            "forms_2": ["2a", "2b", "2c", "2d"],
        },
    )


@login_required
def stats_form(request, form_code):
    from danvan.petitions.exports import statistics_form

    if form_code not in {"2a", "2b", "2c", "2d"}:
        raise Http404
    _form, unit, start, end, today = _period(request)
    title, headers, rows = statistics_form(form_code, unit=unit, start=start, end=end, today=today)
    # First line: the form's title, unit and period; then its column headers and one row per unit.
    return xlsx_response(
        filename=f"mau-{form_code}-{unit.code}-{end:%Y%m%d}.xlsx",
        sheet_title=f"Mau {form_code}",
        headers=[f"{title}: {unit.name}, {start:%d/%m/%Y} – {end:%d/%m/%Y}"],
        rows=[headers, *rows],
    )


# --- Reception ---------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def reception(request):
    from danvan.petitions.models import ReceptionDuty
    from danvan.petitions.selectors import sessions_for_user

    roots = list(scope_roots(request.user))
    form = forms.ReceptionSessionForm(
        request.POST or None, initial={"held_on": _today(), "unit": roots[0].code if roots else ""}
    )
    formset = forms.PetitionerFormSet(request.POST or None, prefix="petitioners")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = dict(form.cleaned_data)
        unit = OrgUnit.objects.filter(code=data.pop("unit").strip()).first()
        duty_id = data.pop("duty")
        duty = ReceptionDuty.objects.filter(pk=duty_id).first() if duty_id else None
        if unit is None or not perms.can_receive_for(request.user, unit):
            form.add_error("unit", _("Unit: enter the code of a unit you work in."))
        else:
            data["category"] = data["category"] or Petition.Category.PROPOSAL
            try:
                session = services.reception_session_record(
                    actor=request.user, unit=unit, duty=duty, citizens=_people_from(formset), **data
                )
            except ApplicationError as exc:
                exc.add_to_form(form)
            else:
                messages.success(request, _("Reception session recorded."))
                if session.petition:
                    return redirect("petitions:detail", code=session.petition.code)
                return redirect("petitions:reception")
    sessions = sessions_for_user(user=request.user)
    return render(
        request,
        "petitions/reception.html",
        {"form": form, "formset": formset, "sessions": sessions, "correctable": _correctable(request.user, sessions)},
    )


def _correctable(user, rows) -> set[int]:
    """The units among `rows` whose records the person may correct (perms.can_edit_unit), in one query whatever
    the number of units listed."""
    ids = {row.unit_id for row in rows}
    return set(units_in_scope(user, EDIT_ROLES).filter(pk__in=ids).values_list("pk", flat=True)) if ids else set()


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def duties(request):
    from danvan.petitions.selectors import reception_duty_check

    form = forms.DutyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        unit = OrgUnit.objects.filter(code=data.pop("unit").strip()).first()
        if unit is None:
            form.add_error("unit", _("No unit has this code."))
        else:
            try:
                services.reception_duty_set(actor=request.user, unit=unit, **data)
            except ApplicationError as exc:
                exc.add_to_form(form)
            else:
                return redirect("petitions:duties")
    today = _today()
    rows = reception_duty_check(user=request.user, month=today, today=today)
    return render(request, "petitions/duties.html", {"form": form, "rows": rows, "today": today})


# --- Cases ---------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def cases(request):
    from danvan.petitions.selectors import cases_for_user

    form = forms.CaseForm(request.POST or None, initial={"opened_on": _today()})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        unit = OrgUnit.objects.filter(code=data.pop("unit").strip()).first()
        if unit is None:
            form.add_error("unit", _("No unit has this code."))
        else:
            try:
                case = services.case_open(actor=request.user, unit=unit, **data)
            except ApplicationError as exc:
                exc.add_to_form(form)
            else:
                return redirect("petitions:case", code=case.code)
    return render(request, "petitions/cases.html", {"form": form, "cases": cases_for_user(user=request.user)})


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def case(request, code):
    from danvan.petitions.selectors import case_get_for_user

    case = case_get_for_user(user=request.user, code=code)
    can_edit = perms.can_edit_unit(request.user, case.unit)
    petition_form, member_form = forms.CasePetitionForm(), forms.CaseMemberForm()
    event_form = forms.CaseEventForm(initial={"on": _today()})
    if request.method == "POST":
        if not can_edit:
            raise Http404
        which = request.POST.get("form")
        try:
            if which == "petition":
                petition_form = forms.CasePetitionForm(request.POST)
                if petition_form.is_valid():
                    petition = petition_get_for_user(user=request.user, code=petition_form.cleaned_data["petition"])
                    services.case_add_petition(actor=request.user, case=case, petition=petition)
                    return redirect("petitions:case", code=case.code)
            elif which == "member":
                member_form = forms.CaseMemberForm(request.POST)
                if member_form.is_valid():
                    services.case_add_member(actor=request.user, case=case, **member_form.cleaned_data)
                    return redirect("petitions:case", code=case.code)
            elif which == "event":
                event_form = forms.CaseEventForm(request.POST)
                if event_form.is_valid():
                    services.case_add_event(actor=request.user, case=case, **event_form.cleaned_data)
                    return redirect("petitions:case", code=case.code)
        except ApplicationError as exc:
            target = {"petition": petition_form, "member": member_form, "event": event_form}[which]
            exc.add_to_form(target)
    return render(
        request,
        "petitions/case.html",
        {
            "case": case,
            "can_edit": can_edit,
            "petitions": case.petitions.select_related("unit", "field").order_by("received_on"),
            "members": case.members.all(),
            "events": case.events.all(),
            "petition_form": petition_form,
            "member_form": member_form,
            "event_form": event_form,
            "today": _today(),
        },
    )


# --- Dialogues ----------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def dialogues(request):
    from danvan.petitions.models import Dialogue

    roots = list(scope_roots(request.user))
    form = forms.DialogueForm(
        request.POST or None, initial={"held_on": _today(), "unit": roots[0].code if roots else ""}
    )
    formset = forms.IssueFormSet(request.POST or None, prefix="issues")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = dict(form.cleaned_data)
        unit = OrgUnit.objects.filter(code=data.pop("unit").strip()).first()
        issues = []
        for f in formset.forms:
            row = dict(f.cleaned_data)
            code = (row.get("owner_unit") or "").strip()
            row["owner_unit"] = OrgUnit.objects.filter(code=code).first() if code else None
            issues.append(row)
        if unit is None:
            form.add_error("unit", _("No unit has this code."))
        else:
            try:
                services.dialogue_record(actor=request.user, unit=unit, issues=issues, **data)
            except ApplicationError as exc:
                if exc.field and exc.field.startswith("issues-"):
                    _prefix, index, name = exc.field.split("-", 2)
                    formset.forms[int(index)].add_error(name, exc.message)
                else:
                    exc.add_to_form(form)
            else:
                messages.success(request, _("Dialogue recorded."))
                return redirect("petitions:commitments")
    from danvan.petitions.selectors import _scope_unit_ids

    recent = (
        Dialogue.objects.filter(unit_id__in=_scope_unit_ids(request.user))
        .select_related("unit")
        .order_by("-held_on", "-id")[:50]
    )
    recent = list(recent)
    return render(
        request,
        "petitions/dialogues.html",
        {"form": form, "formset": formset, "dialogues": recent, "correctable": _correctable(request.user, recent)},
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def commitments(request):
    from danvan.petitions.models import Commitment
    from danvan.petitions.selectors import commitments_open_for_user

    conflict = None
    if request.method == "POST":
        commitment = Commitment.objects.filter(pk=_posted_id(request, "commitment")).select_related("dialogue").first()
        if commitment is None:
            raise Http404
        form = forms.CommitmentForm(request.POST)
        if form.is_valid():
            try:
                services.commitment_update(actor=request.user, commitment=commitment, **form.cleaned_data)
                return redirect("petitions:commitments")
            except ApplicationError as exc:
                if exc.code == "forbidden":
                    raise Http404 from exc
                if exc.code != "conflict":
                    messages.error(request, exc.message)
                    return redirect("petitions:commitments")
                conflict = (commitment.pk, form.cleaned_data, exc)
        else:
            return redirect("petitions:commitments")
    rows = commitments_open_for_user(user=request.user)
    if conflict and all(row.pk != conflict[0] for row in rows):
        # The other save closed it: it is no longer open, but the person's row stays on the page with the message.
        rows.insert(0, Commitment.objects.select_related("dialogue__unit", "owner_unit").get(pk=conflict[0]))
    for row in rows:
        row.shown_version = version_of(row)
        if conflict and conflict[0] == row.pk:
            # Someone saved this commitment after the person opened the list: their row keeps what they typed
            # (shown, not saved) with the message, and carries the version now stored, so saving again is a
            # choice made after reading it (core.locking).
            _, typed, exc = conflict
            row.status, row.outcome, row.is_published = typed["status"], typed["outcome"], typed["is_published"]
            row.shown_version, row.conflict_message = exc.extra["current_version"], exc.message
    return render(
        request,
        "petitions/commitments.html",
        {"commitments": rows, "today": _today(), "form": forms.CommitmentForm()},
    )


# --- Attachments -------------------------------------------------------------------------------------------


@login_required
@require_POST
@submit_once
def attachment_add(request, code):
    petition = petition_get_for_user(user=request.user, code=code)
    if not perms.can_act_on_petition(request.user, petition):
        raise Http404
    try:
        services.petition_attachment_add(actor=request.user, petition=petition, upload=request.FILES.get("file"))
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return render(
            request,
            "petitions/detail.html",
            _detail_context(request, petition, attachment_error=exc.message),
            status=400,
        )
    messages.success(request, _("File attached."))
    return redirect("petitions:detail", code=petition.code)


@login_required
def attachment_download(request, code, attachment_id):
    """Files are served only here, after the same check as the petition (handlers only for a denunciation, audited)."""
    from django.http import FileResponse

    petition = petition_get_for_user(user=request.user, code=code)
    try:
        attachment = services.petition_attachment_open(
            actor=request.user, petition=petition, attachment_id=attachment_id
        )
    except ApplicationError as exc:
        raise Http404 from exc
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )


# --- The rules table and the holiday calendar -----------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def rules(request):
    """Everyone with a role reads the table; national administrators add and end rules and edit holidays."""
    from danvan.accounts.permissions import has_any_role
    from danvan.petitions.models import DeadlineRule, Holiday

    if not has_any_role(request.user, frozenset({"admin", "leader", "officer", "reporter", "viewer"})):
        raise Http404
    can_edit = perms.can_edit_rules(request.user)
    rule_form, end_form, holiday_form = forms.DeadlineRuleForm(prefix="rule"), None, forms.HolidayForm(prefix="holiday")
    if request.method == "POST":
        if not can_edit:
            raise Http404
        which = request.POST.get("form")
        try:
            if which == "rule":
                rule_form = forms.DeadlineRuleForm(request.POST, prefix="rule")
                if rule_form.is_valid():
                    data = dict(rule_form.cleaned_data)
                    data["variant"] = data["variant"] or ""
                    services.deadline_rule_create(actor=request.user, **data)
                    messages.success(request, _("Rule added."))
                    return redirect("petitions:rules")
            elif which == "end":
                end_form = forms.RuleEndForm(request.POST)
                if end_form.is_valid():
                    rule = DeadlineRule.objects.filter(pk=end_form.cleaned_data["rule"]).first()
                    if rule is None:
                        raise Http404
                    services.deadline_rule_end(
                        actor=request.user, rule=rule, effective_to=end_form.cleaned_data["effective_to"]
                    )
                    return redirect("petitions:rules")
                messages.error(request, _("End date: enter a date as dd/mm/yyyy."))
            elif which == "holiday":
                holiday_form = forms.HolidayForm(request.POST, prefix="holiday")
                if holiday_form.is_valid():
                    services.holiday_set(actor=request.user, **holiday_form.cleaned_data)
                    return redirect("petitions:rules")
            elif which == "holiday_remove":
                holiday = Holiday.objects.filter(pk=_posted_id(request, "holiday")).first()
                if holiday is None:
                    raise Http404
                services.holiday_remove(actor=request.user, holiday=holiday)
                return redirect("petitions:rules")
        except ApplicationError as exc:
            if which == "rule":
                exc.add_to_form(rule_form)
            elif which == "holiday":
                exc.add_to_form(holiday_form)
            else:
                messages.error(request, exc.message)
    year = _today().year
    return render(
        request,
        "petitions/rules.html",
        {
            "rules": DeadlineRule.objects.all(),
            "holidays": Holiday.objects.filter(date__year__gte=year - 1),
            "can_edit": can_edit,
            "rule_form": rule_form,
            "holiday_form": holiday_form,
        },
    )
