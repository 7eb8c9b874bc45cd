import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from danvan.accounts.permissions import EDIT_ROLES, can_edit_unit, has_any_role
from danvan.core.errors import ApplicationError
from danvan.core.locking import show_conflict, version_of
from danvan.core.submissions import submit_once
from danvan.meetings import selectors, services
from danvan.meetings.forms import DocumentForm, OutcomeForm, ScheduleForm
from danvan.organisations.models import OrgUnit


def _units_by_code(codes: list[str], field: str) -> dict[str, OrgUnit]:
    wanted = {c.strip().upper() for c in codes if c.strip()}
    found = {u.code: u for u in OrgUnit.objects.filter(code__in=wanted)}
    missing = sorted(wanted - found.keys())
    if missing:
        raise ApplicationError(
            f"Không có đơn vị {', '.join(missing)} trong hệ thống: đồng chí hãy chọn đơn vị từ danh sách.", field=field
        )
    return found


def parse_conclusions(text: str) -> list[services.ConclusionInput]:
    """Lines "conclusion | unit code | dd/mm/yyyy"; the unit and deadline may be left out together."""
    rows, errors = [], []
    lines = [line for line in (text or "").splitlines() if line.strip()]
    codes = [line.split("|")[1] for line in lines if line.count("|") >= 1]
    units = _units_by_code(codes, "conclusions") if codes else {}
    for number, line in enumerate(lines, start=1):
        parts = [p.strip() for p in line.split("|")]
        unit = units.get(parts[1].upper()) if len(parts) > 1 and parts[1] else None
        deadline = None
        if len(parts) > 2 and parts[2]:
            try:
                deadline = dt.datetime.strptime(parts[2], "%d/%m/%Y").date()
            except ValueError:
                errors.append(f"Kết luận {number}: thời hạn “{parts[2]}” phải có dạng dd/mm/yyyy.")
        rows.append(services.ConclusionInput(parts[0], unit, deadline))
    if errors:
        raise ApplicationError(" ".join(errors), field="conclusions")
    return rows


MAX_ATTENDANCE = 1_000_000


def parse_attendance(text: str) -> list[tuple[OrgUnit | None, str, int]]:
    rows = []
    lines = [line for line in (text or "").splitlines() if line.strip()]
    units = {u.code: u for u in OrgUnit.objects.filter(code__in=[ln.split("|")[0].strip().upper() for ln in lines])}
    for number, line in enumerate(lines, start=1):
        name, _sep, count = (p.strip() for p in line.partition("|"))
        if not count.isdecimal():
            raise ApplicationError(f"Dòng {number}: số người “{count}” phải là số nguyên.", field="attendance")
        # Checked before int(): a run of digits would otherwise overflow the database column (a server error).
        if len(count) > 7 or int(count) > MAX_ATTENDANCE:
            raise ApplicationError(
                f"Dòng {number}: số người “{count}” quá lớn; đồng chí hãy nhập tối đa 1.000.000.", field="attendance"
            )
        unit = units.get(name.upper())
        rows.append((unit, "" if unit else name, int(count)))
    return rows


def outcome_initial(meeting) -> dict:
    """The outcome form as recorded so far, so that saving again corrects it instead of adding to it."""
    conclusions = []
    for c in meeting.conclusions.select_related("task__assignee").order_by("order"):
        task = c.task if c.task is not None and c.task.status != "cancelled" else None
        conclusions.append(f"{c.text} | {task.assignee.code} | {task.deadline:%d/%m/%Y}" if task else c.text)
    attendance = [
        f"{a.unit.code if a.unit else a.site} | {a.people}" for a in meeting.attendance.select_related("unit")
    ]
    return {
        "minutes": meeting.minutes,
        "commendations": meeting.commendations,
        "proposals": meeting.proposals,
        "conclusions": "\n".join(conclusions),
        "attendance": "\n".join(attendance),
        "expected_version": version_of(meeting),
    }


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def index(request):
    from danvan.workplans.selectors import home_units

    own = next((u for u in home_units(request.user) if can_edit_unit(request.user, u)), None)
    # A viewer (or anyone with no unit to organise for) reads the list and is shown no form.
    can_schedule = own is not None or has_any_role(request.user, EDIT_ROLES)
    form = ScheduleForm(request.POST or None, initial={"unit": own.code if own else ""})
    if request.method == "POST" and not can_schedule:
        raise Http404
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            unit = _units_by_code([data["unit"]], "unit")[data["unit"].strip().upper()]
            if not can_edit_unit(request.user, unit):
                raise ApplicationError(_("Unit code: you cannot organise meetings for this unit."), field="unit")
            invited = list(_units_by_code(data["invited"].split(","), "invited").values())
            period = None
            if data["period"]:
                from danvan.reports.periods import parse_period_key

                period = parse_period_key(data["period"].strip())
            chairs = [
                dict(zip(("name", "title"), (p.strip() for p in line.split("|", 1)), strict=False))
                for line in data["chairs"].splitlines()
                if line.strip()
            ]
            meeting = services.meeting_schedule(
                actor=request.user,
                unit=unit,
                kind=data["kind"],
                title=data["title"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                place=data["place"],
                chairs=chairs,
                invited=invited,
                agenda=data["agenda"],
                period=period,
                invited_people=data["invited_people"],
            )
        except ApplicationError as exc:
            exc.add_to_form(form)
        else:
            messages.success(request, _("Meeting scheduled."))
            return redirect("meetings:detail", public_id=meeting.public_id)
    meetings = selectors.meetings_for_user(user=request.user).order_by("-starts_at")[:100]
    return render(request, "meetings/index.html", {"meetings": meetings, "form": form, "can_schedule": can_schedule})


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def detail(request, public_id):
    meeting = selectors.meeting_get_for_user(user=request.user, public_id=public_id)
    can_edit = can_edit_unit(request.user, meeting.unit)
    form = OutcomeForm(request.POST or None, initial=outcome_initial(meeting))
    if request.method == "POST":
        if not can_edit:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.meeting_record_outcome(
                    actor=request.user,
                    meeting=meeting,
                    minutes=data["minutes"],
                    conclusions=parse_conclusions(data["conclusions"]),
                    attendance=parse_attendance(data["attendance"]) if data["attendance"].strip() else None,
                    commendations=data["commendations"],
                    proposals=data["proposals"],
                    expected_version=data["expected_version"],
                )
            except ApplicationError as exc:
                show_conflict(form, exc)
            else:
                messages.success(request, _("Outcome recorded; the conclusions were assigned as tasks."))
                return redirect("meetings:detail", public_id=meeting.public_id)
    previous = selectors.previous_in_series(meeting)
    period_form = None
    if meeting.period:
        from danvan.reports.models import ReportForm

        period_form = ReportForm.objects.filter(
            frequency=meeting.period.frequency, cutoff_day=meeting.period.cutoff_day, is_active=True
        ).first()
    return render(
        request,
        "meetings/detail.html",
        {
            "meeting": meeting,
            "form": form,
            "can_edit": can_edit,
            "today": timezone.localdate(),
            "conclusions": meeting.conclusions.select_related("task__assignee"),
            "attendance": meeting.attendance.select_related("unit"),
            "invited": meeting.invited_units.all(),
            "previous": previous,
            "documents": meeting.documents.select_related("file").defer("file__content"),
            "document_form": DocumentForm(),
            "honoured": meeting.honoured_models.select_related("unit").order_by("code"),
            "honour_choices": _honour_choices(meeting) if can_edit and meeting.kind == "bieu_duong" else [],
            "period_form": period_form,
            "previous_conclusions": previous.conclusions.select_related("task__assignee") if previous else [],
        },
    )


@login_required
@require_POST
@submit_once
def notice(request, public_id):
    meeting = selectors.meeting_get_for_user(user=request.user, public_id=public_id)
    from danvan.documents.views import to_draft

    try:
        document = services.conclusion_notice_draft(actor=request.user, meeting=meeting, today=timezone.localdate())
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("meetings:detail", public_id=meeting.public_id)
    return to_draft(request, document)


@login_required
@require_POST
@submit_once
def from_ingest(request, public_id):
    from danvan.ingest.selectors import ingest_document_get_for_user

    document = ingest_document_get_for_user(user=request.user, public_id=public_id)
    try:
        meeting = services.meeting_from_ingest(actor=request.user, record=document.record)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("ingest:detail", public_id=document.public_id)
    messages.success(request, _("Meeting record created from the document."))
    return redirect("meetings:detail", public_id=meeting.public_id)


@login_required
@require_POST
@submit_once
def document_add(request, public_id):
    meeting = selectors.meeting_get_for_user(user=request.user, public_id=public_id)
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to attach."))
    else:
        try:
            services.meeting_document_add(
                actor=request.user,
                meeting=meeting,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["upload"],
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Document attached."))
    return redirect("meetings:detail", public_id=meeting.public_id)


HONOUR_CHOICES = 300  # recognised models offered in the list; the newest first beyond that


def _honour_choices(meeting):
    """The recognised models of the meeting unit's area not honoured at it yet, to choose from (never a code)."""
    from danvan.initiatives.models import RECOGNISED_STATUSES, Initiative

    return list(
        Initiative.objects.filter(status__in=RECOGNISED_STATUSES, unit__ancestor_links__ancestor=meeting.unit)
        .exclude(pk__in=meeting.honoured_models.values("pk"))
        .select_related("unit")
        .order_by("-decided_at", "name")[:HONOUR_CHOICES]
    )


@login_required
@require_POST
@submit_once
def honour_add(request, public_id):
    from danvan.initiatives.selectors import initiative_get_for_user

    meeting = selectors.meeting_get_for_user(user=request.user, public_id=public_id)
    code = (request.POST.get("code") or "").strip().upper()
    try:
        try:
            # Through the model's own access check: a model the person may not see is answered as missing.
            initiative = initiative_get_for_user(user=request.user, code=code)
        except Http404:
            raise ApplicationError(
                f"Mô hình: không có mô hình “{code}” trong phạm vi của đồng chí; hãy chọn một mô hình trong danh sách."
            ) from None
        services.meeting_honour_model(actor=request.user, meeting=meeting, initiative=initiative)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Model added to the exemplars honoured."))
    return redirect("meetings:detail", public_id=meeting.public_id)


@login_required
def document_download(request, public_id, document_id):
    from danvan.core.files import stored_file_response

    meeting = selectors.meeting_get_for_user(user=request.user, public_id=public_id)
    document = meeting.documents.select_related("file").filter(pk=document_id).first()
    if document is None:
        raise Http404
    return stored_file_response(document.file)


@login_required
def minutes_pdf(request, public_id):
    """The meeting's minutes (biên bản) as a print-ready PDF, for whoever may read the meeting."""
    from danvan.core.printing import letterhead, pdf_response

    meeting = selectors.meeting_get_for_user(user=request.user, public_id=public_id)
    context = {
        "head": letterhead(meeting.unit, on=timezone.localtime(meeting.starts_at).date()),
        "meeting": meeting,
        "invited": meeting.invited_units.order_by("name"),
        "attendance": meeting.attendance.select_related("unit"),
        "conclusions": meeting.conclusions.order_by("order"),
    }
    return pdf_response("meetings/print/minutes.html", context, filename=f"bien-ban-{meeting.public_id}.pdf")
