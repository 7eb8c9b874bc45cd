import datetime as dt
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from danvan.accounts.permissions import can_view_unit, scope_roots
from danvan.core.errors import ApplicationError
from danvan.core.locking import show_conflict, version_of
from danvan.core.submissions import submit_once
from danvan.democracy import permissions as perms
from danvan.democracy import selectors, services
from danvan.democracy.forms import (
    AnswerForm,
    BaseRegisterForm,
    BoardForm,
    CommentForm,
    CommuneForm,
    CompliancePeriodForm,
    ConsultationForm,
    DisclosureForm,
    FindingAnswerForm,
    FindingForm,
    FriendlyStartForm,
    InspectionForm,
    InspectionResultForm,
    ItemForm,
    MatterForm,
    MemberForm,
    PublishForm,
    RecogniseForm,
    ReinspectForm,
    SummaryForm,
    VoteForm,
)
from danvan.democracy.models import BaseKind, Consultation, Disclosure, DisclosureItem, FriendlyAssessment, Rule
from danvan.organisations.models import OrgUnit


def _unit(code: str | None, field: str) -> OrgUnit | None:
    code = (code or "").strip().upper()
    if not code:
        return None
    unit = OrgUnit.objects.filter(code=code).select_related("admin_unit").first()
    if unit is None:
        raise ApplicationError(_("Choose a unit from the list."), field=field)
    return unit


def period_window(key: str | None, today: dt.date) -> tuple[str, str, dt.date, dt.date]:
    """(key, label, start, end) of a period chosen in the period list, as calendar dates; this quarter by default."""
    from danvan.reports.periods import period_bounds, period_choices

    if not key:
        key = f"quarter-{today.year}-{(today.month - 1) // 3 + 1}"
    labels = {k: label for _year, options in period_choices(today) for k, label in options}
    try:
        frequency, year, number = key.split("-")[:3]
        start, end = period_bounds(frequency, int(year), int(number), 0)
    except (ValueError, ApplicationError):
        raise Http404 from None
    return key, labels.get(key, key), start, end


def _publish_toggle(request, *, record, service, kwarg: str, redirect_to: str):
    """The publish / withdraw button of a record: one service call, the outcome as a message, back to the record."""
    publish = request.POST.get("action") == "publish"
    try:
        service(actor=request.user, publish=publish, note=request.POST.get("note", ""), **{kwarg: record})
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Published on the portal.") if publish else _("Withdrawn from the portal."))
    return redirect(redirect_to, public_id=record.public_id)


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def index(request):
    form = CommuneForm(request.POST or None, prefix="commune")
    register_form = BaseRegisterForm(prefix="base")
    if request.method == "POST" and form.is_valid():
        try:
            unit = _unit(form.cleaned_data["unit"], "unit")
            if not can_view_unit(request.user, unit):
                raise ApplicationError(_("Commune: you have no rights on this commune."), field="unit")
            base = services.base_for_commune(actor=request.user, unit=unit)
        except ApplicationError as exc:
            exc.add_to_form(form)
        else:
            return redirect("democracy:base", public_id=base.public_id)
    bases = selectors.bases_for_user(user=request.user)[:200]
    roots = list(scope_roots(request.user))
    return render(
        request,
        "democracy/index.html",
        {"form": form, "register_form": register_form, "bases": bases, "roots": roots},
    )


@login_required
@require_POST
@submit_once
def base_register(request):
    form = BaseRegisterForm(request.POST, prefix="base")
    if form.is_valid():
        try:
            base = services.base_register(
                actor=request.user,
                kind=form.cleaned_data["kind"],
                name=form.cleaned_data["name"],
                unit=_unit(form.cleaned_data["unit"], "unit"),
            )
        except ApplicationError as exc:
            exc.add_to_form(form)
        else:
            messages.success(request, _("Base registered."))
            return redirect("democracy:base", public_id=base.public_id)
    bases = selectors.bases_for_user(user=request.user)[:200]
    return render(
        request,
        "democracy/index.html",
        {"form": CommuneForm(prefix="commune"), "register_form": form, "bases": bases},
        status=400,
    )


@login_required
def base_detail(request, public_id):
    base = selectors.base_get_for_user(user=request.user, public_id=public_id)
    today = timezone.localdate()
    return render(
        request,
        "democracy/base.html",
        {
            "base": base,
            "today": today,
            "can_record": perms.can_record_for(request.user, base),
            "disclosures": base.disclosures.select_related("item").order_by("-start_date", "-id")[:100],
            "consultations": base.consultations.order_by("-opens_on")[:50],
            "matters": selectors.matters_for_base(base=base)[:50],
            "boards": selectors.boards_for_base(base=base),
            "friendly": selectors.friendly_assessments_for_base(base=base),
            "friendly_form": FriendlyStartForm(today=today, auto_id="id_friendly_%s"),
            "projects": base.projects.order_by("-starts_on")[:20],
        },
    )


def _disclosure_kwargs(form, base):
    data = form.cleaned_data
    return {
        "item": data["item"],
        "title": data["title"],
        "start_date": data["start_date"],
        "end_date": data["end_date"],
        "forms_used": data["forms_used"],
        "loudspeaker_days": data["loudspeaker_days"],
        "uploads": data["files"],
    }


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def disclosure_new(request, public_id):
    base = selectors.base_get_for_user(user=request.user, public_id=public_id)
    if not perms.can_record_for(request.user, base):
        raise Http404
    form = DisclosureForm(request.POST or None, request.FILES or None, base_kind=base.kind)
    if request.method == "POST" and form.is_valid():
        try:
            disclosure = services.disclosure_post(
                actor=request.user,
                base=base,
                publish=bool(request.POST.get("publish")) and perms.can_publish_for(request.user, base),
                **_disclosure_kwargs(form, base),
            )
        except ApplicationError as exc:
            exc.add_to_form(form)
        else:
            messages.success(request, _("Disclosure recorded."))
            return redirect("democracy:disclosure", public_id=disclosure.public_id)
    return render(
        request,
        "democracy/disclosure_form.html",
        {"base": base, "form": form, "can_publish": perms.can_publish_for(request.user, base)},
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def disclosure_detail(request, public_id):
    disclosure = selectors.disclosure_get_for_user(user=request.user, public_id=public_id)
    base = disclosure.base
    can_record = perms.can_record_for(request.user, base)
    initial = {
        "item": disclosure.item_id,
        "title": disclosure.title,
        "forms_used": disclosure.forms_used,
        "loudspeaker_days": disclosure.loudspeaker_days,
        "start_date": disclosure.start_date,
        "end_date": disclosure.end_date,
        "expected_version": version_of(disclosure),
    }
    form = DisclosureForm(request.POST or None, request.FILES or None, base_kind=base.kind, initial=initial)
    if request.method == "POST":
        if not can_record:
            raise Http404
        if form.is_valid():
            try:
                services.disclosure_update(
                    actor=request.user,
                    disclosure=disclosure,
                    expected_version=form.cleaned_data["expected_version"],
                    **_disclosure_kwargs(form, base),
                )
            except ApplicationError as exc:
                show_conflict(form, exc)
            else:
                messages.success(request, _("Disclosure corrected."))
                return redirect("democracy:disclosure", public_id=disclosure.public_id)
    from danvan.audit.models import AuditEvent

    history = AuditEvent.objects.filter(
        target_type="democracy.disclosure", target_id=str(disclosure.public_id)
    ).order_by("-at")[:50]
    return render(
        request,
        "democracy/disclosure.html",
        {
            "base": base,
            "disclosure": disclosure,
            "form": form,
            "can_record": can_record,
            "can_publish": perms.can_publish_for(request.user, base),
            "publish_form": PublishForm(),
            "files": disclosure.files.select_related("file").defer("file__content"),
            "history": history,
            "days": disclosure.posted_days(timezone.localdate()),
        },
    )


@login_required
@require_POST
@submit_once
def disclosure_publish(request, public_id):
    disclosure = selectors.disclosure_get_for_user(user=request.user, public_id=public_id)
    return _publish_toggle(
        request,
        record=disclosure,
        service=services.disclosure_publish,
        kwarg="disclosure",
        redirect_to="democracy:disclosure",
    )


@login_required
def file_download(request, public_id):
    """A file of a disclosure, a consultation or a friendly-government dossier of a base in the user's scope."""
    from danvan.core.files import stored_file_response
    from danvan.core.models import StoredFile

    stored = StoredFile.objects.filter(public_id=public_id).first()
    if stored is None:
        raise Http404
    owner = (
        Disclosure.objects.filter(files__file=stored).select_related("base__unit").first()
        or Consultation.objects.filter(files__file=stored).select_related("base__unit").first()
        or FriendlyAssessment.objects.filter(scores__evidence__file=stored).select_related("base__unit").first()
    )
    if owner is None or not perms.can_view_base(request.user, owner.base):
        raise Http404
    return stored_file_response(stored)


@login_required
def compliance(request, public_id):
    base = selectors.base_get_for_user(user=request.user, public_id=public_id)
    today = timezone.localdate()
    form = CompliancePeriodForm(request.GET or None)
    key = form.cleaned_data["period"] if form.is_valid() else None
    key, label, start, end = period_window(key, today)
    rows = selectors.compliance_for_base(base=base, start=start, end=end, today=today)
    return render(
        request,
        "democracy/compliance.html",
        {
            "base": base,
            "rows": rows,
            "form": CompliancePeriodForm(initial={"period": key}),
            "label": label,
            "start": start,
            "end": end,
            "required": sum(1 for r in rows if r.required),
            "missing": sum(1 for r in rows if r.state == "missing"),
            "late": sum(1 for r in rows if r.state == "late"),
            "short": sum(1 for r in rows if r.short),
        },
    )


@login_required
def catalogue(request):
    # Communes first, then agencies and enterprises: the order of the law's chapters.
    order = {kind: i for i, kind in enumerate(BaseKind.values)}
    items = sorted(DisclosureItem.objects.all(), key=lambda i: (order.get(i.base_kind, 9), i.number))
    return render(
        request,
        "democracy/catalogue.html",
        {"items": items, "can_edit": perms.can_edit_catalogue(request.user), "rules": Rule.objects.all()},
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def item_edit(request, pk):
    if not perms.can_edit_catalogue(request.user):
        raise Http404
    item = DisclosureItem.objects.filter(pk=pk).first()
    if item is None:
        raise Http404
    form = ItemForm(request.POST or None, instance=DisclosureItem.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.disclosure_item_update(actor=request.user, item=item, **data)
        except ApplicationError as exc:
            exc.add_to_form(form)
        else:
            messages.success(request, _("Catalogue item corrected."))
            return redirect("democracy:catalogue")
    return render(request, "democracy/item_form.html", {"item": item, "form": form})


# Consultations


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def consultation_new(request, public_id):
    base = selectors.base_get_for_user(user=request.user, public_id=public_id)
    if not perms.can_record_for(request.user, base):
        raise Http404
    form = ConsultationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            consultation = services.consultation_open(
                actor=request.user,
                base=base,
                title=data["title"],
                description=data["description"],
                opens_on=data["opens_on"],
                closes_on=data["closes_on"],
                uploads=data["files"],
            )
        except ApplicationError as exc:
            exc.add_to_form(form)
        else:
            messages.success(request, _("Consultation opened."))
            return redirect("democracy:consultation", public_id=consultation.public_id)
    minimum = int(services.rule_value(services.CONSULTATION_MIN_DAYS, Decimal(30)))
    return render(request, "democracy/consultation_form.html", {"base": base, "form": form, "minimum": minimum})


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def consultation_detail(request, public_id):
    consultation = selectors.consultation_get_for_user(user=request.user, public_id=public_id)
    base = consultation.base
    can_record = perms.can_record_for(request.user, base)
    comment_form = CommentForm(request.POST if request.POST.get("form") == "comment" else None, prefix="c")
    summary_form = SummaryForm(
        request.POST if request.POST.get("form") == "summary" else None,
        prefix="s",
        initial={"uptake_summary": consultation.uptake_summary, "expected_version": version_of(consultation)},
    )
    if request.method == "POST":
        if not can_record:
            raise Http404
        try:
            if comment_form.is_bound and comment_form.is_valid():
                services.comment_record(actor=request.user, consultation=consultation, **comment_form.cleaned_data)
                messages.success(request, _("Comment recorded."))
                return redirect("democracy:consultation", public_id=consultation.public_id)
            if summary_form.is_bound and summary_form.is_valid():
                services.consultation_summarise(
                    actor=request.user, consultation=consultation, **summary_form.cleaned_data
                )
                messages.success(request, _("Summary saved."))
                return redirect("democracy:consultation", public_id=consultation.public_id)
        except ApplicationError as exc:
            show_conflict(summary_form if summary_form.is_bound else comment_form, exc)
    comments = list(consultation.comments.order_by("created_at", "id"))
    return render(
        request,
        "democracy/consultation.html",
        {
            "base": base,
            "consultation": consultation,
            "comments": comments,
            "comment_form": comment_form,
            "summary_form": summary_form,
            "answer_form": AnswerForm(),
            "can_record": can_record,
            "can_publish": perms.can_publish_for(request.user, base),
            "files": consultation.files.select_related("file").defer("file__content"),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
@submit_once
def comment_moderate(request, public_id):
    comment = selectors.comment_get_for_user(user=request.user, public_id=public_id)
    try:
        services.comment_moderate(actor=request.user, comment=comment, approve=request.POST.get("action") == "approve")
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("democracy:consultation", public_id=comment.consultation.public_id)


@login_required
@require_POST
@submit_once
def comment_answer(request, public_id):
    comment = selectors.comment_get_for_user(user=request.user, public_id=public_id)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.comment_answer(actor=request.user, comment=comment, **form.cleaned_data)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Answer saved."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("democracy:consultation", public_id=comment.consultation.public_id)


@login_required
@require_POST
@submit_once
def consultation_publish(request, public_id):
    consultation = selectors.consultation_get_for_user(user=request.user, public_id=public_id)
    return _publish_toggle(
        request,
        record=consultation,
        service=services.consultation_publish,
        kwarg="consultation",
        redirect_to="democracy:consultation",
    )


# Matters decided by residents


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def matter_new(request, public_id):
    base = selectors.base_get_for_user(user=request.user, public_id=public_id)
    if not perms.can_record_for(request.user, base):
        raise Http404
    form = MatterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            matter = services.matter_create(
                actor=request.user,
                base=base,
                title=data["title"],
                subject=data["subject"],
                method=data["method"],
                village=_unit(data["village"], "village"),
                description=data["description"],
                quorum_percent=data["quorum_percent"],
                threshold_percent=data["threshold_percent"],
            )
        except ApplicationError as exc:
            exc.add_to_form(form)
        else:
            messages.success(request, _("Matter recorded; record the vote when it is held."))
            return redirect("democracy:matter", public_id=matter.public_id)
    return render(request, "democracy/matter_form.html", {"base": base, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def matter_detail(request, public_id):
    matter = selectors.matter_get_for_user(user=request.user, public_id=public_id)
    can_record = perms.can_record_for(request.user, matter.base)
    form = VoteForm(
        request.POST or None,
        initial={
            "voted_on": matter.voted_on,
            "eligible_households": matter.eligible_households,
            "turnout": matter.turnout,
            "votes_for": matter.votes_for,
            "votes_against": matter.votes_against,
            "expected_version": version_of(matter),
        },
    )
    if request.method == "POST":
        if not can_record:
            raise Http404
        if form.is_valid():
            try:
                services.matter_vote_record(actor=request.user, matter=matter, **form.cleaned_data)
            except ApplicationError as exc:
                show_conflict(form, exc)
            else:
                messages.success(request, _("Vote recorded; the result was computed from the figures."))
                return redirect("democracy:matter", public_id=matter.public_id)
    return render(
        request,
        "democracy/matter.html",
        {
            "base": matter.base,
            "matter": matter,
            "form": form,
            "can_record": can_record,
            "can_publish": perms.can_publish_for(request.user, matter.base),
            "recognise_form": RecogniseForm(
                initial={"reference": matter.recognition_reference, "recognised_on": matter.recognised_on}
            ),
        },
    )


@login_required
@require_POST
@submit_once
def matter_publish(request, public_id):
    matter = selectors.matter_get_for_user(user=request.user, public_id=public_id)
    return _publish_toggle(
        request, record=matter, service=services.matter_publish, kwarg="matter", redirect_to="democracy:matter"
    )


@login_required
def matter_minutes(request, public_id):
    from danvan.core.exporting import file_response
    from danvan.democracy.exports import matter_minutes_docx

    matter = selectors.matter_get_for_user(user=request.user, public_id=public_id)
    content = matter_minutes_docx(matter=matter, today=timezone.localdate())
    return file_response(content, filename=f"bien-ban-bieu-quyet-{matter.public_id.hex[:8]}.docx")


@login_required
@require_POST
@submit_once
def matter_recognise(request, public_id):
    matter = selectors.matter_get_for_user(user=request.user, public_id=public_id)
    form = RecogniseForm(request.POST)
    if form.is_valid():
        try:
            services.matter_recognise(actor=request.user, matter=matter, **form.cleaned_data)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Result recognised."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("democracy:matter", public_id=matter.public_id)


# Inspection and supervision boards


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def board_new(request, public_id):
    base = selectors.base_get_for_user(user=request.user, public_id=public_id)
    if not perms.can_record_for(request.user, base):
        raise Http404
    form = BoardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            board = services.board_create(actor=request.user, base=base, **form.cleaned_data)
        except ApplicationError as exc:
            exc.add_to_form(form)
        else:
            messages.success(request, _("Board set up; add its members."))
            return redirect("democracy:board", public_id=board.public_id)
    return render(request, "democracy/board_form.html", {"base": base, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def board_detail(request, public_id):
    board = selectors.board_get_for_user(user=request.user, public_id=public_id)
    base = board.base
    can_record = perms.can_record_for(request.user, base)
    which = request.POST.get("form")
    member_form = MemberForm(request.POST if which == "member" else None, prefix="m")
    finding_form = FindingForm(request.POST if which == "finding" else None, prefix="f")
    if request.method == "POST":
        if not can_record:
            raise Http404
        try:
            if member_form.is_bound and member_form.is_valid():
                data = member_form.cleaned_data
                services.board_member_add(
                    actor=request.user,
                    board=board,
                    full_name=data["full_name"],
                    position=data["position"],
                    village=_unit(data["village"], "village"),
                )
                messages.success(request, _("Member added."))
                return redirect("democracy:board", public_id=board.public_id)
            if finding_form.is_bound and finding_form.is_valid():
                services.finding_record(actor=request.user, board=board, **finding_form.cleaned_data)
                messages.success(request, _("Finding recorded."))
                return redirect("democracy:board", public_id=board.public_id)
        except ApplicationError as exc:
            exc.add_to_form(member_form if member_form.is_bound else finding_form)
    minimum = int(services.rule_value(services.TTND_MIN_MEMBERS, Decimal(5)))
    members = list(board.members.select_related("village"))
    current = [m for m in members if m.end_date is None]
    return render(
        request,
        "democracy/board.html",
        {
            "base": base,
            "board": board,
            "members": members,
            "short_of_members": board.kind == "ttnd" and len(current) < minimum,
            "minimum": minimum,
            "findings": board.findings.order_by("-found_on", "-id"),
            "plans": selectors.supervision_plans_for_board(board=board),
            "member_form": member_form,
            "finding_form": finding_form,
            "answer_form": FindingAnswerForm(),
            "can_record": can_record,
        },
    )


@login_required
@require_POST
@submit_once
def finding_answer(request, public_id):
    finding = selectors.finding_get_for_user(user=request.user, public_id=public_id)
    form = FindingAnswerForm(request.POST)
    if form.is_valid():
        try:
            services.finding_answer(actor=request.user, finding=finding, **form.cleaned_data)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Answer saved."))
    return redirect("democracy:board", public_id=finding.board.public_id)


# Inspections by the level above


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def inspections(request):
    form = InspectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            unit = _unit(data["unit"], "unit")
            communes = [_unit(code, "communes") for code in data["communes"].split() if code.strip()]
            bases = []
            for commune in communes:
                if not can_view_unit(request.user, commune):
                    raise ApplicationError(_("Communes inspected: choose communes from the list."), field="communes")
                bases.append(services.base_for_commune(actor=request.user, unit=commune))
            inspection = services.inspection_plan(
                actor=request.user,
                unit=unit,
                title=data["title"],
                planned_from=data["planned_from"],
                planned_to=data["planned_to"],
                bases=bases,
            )
        except ApplicationError as exc:
            exc.add_to_form(form)
        else:
            messages.success(request, _("Inspection planned."))
            return redirect("democracy:inspection", public_id=inspection.public_id)
    return render(
        request,
        "democracy/inspections.html",
        {"form": form, "inspections": selectors.inspections_for_user(user=request.user)[:100]},
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def inspection_detail(request, public_id):
    from danvan.accounts.permissions import can_edit_unit

    inspection = selectors.inspection_get_for_user(user=request.user, public_id=public_id)
    bases = list(inspection.bases.order_by("name"))
    can_edit = can_edit_unit(request.user, inspection.unit)
    which = request.POST.get("form")
    form = InspectionResultForm(request.POST if which == "result" else None, bases=bases, prefix="r")
    reinspect_form = ReinspectForm(request.POST if which == "reinspect" else None, prefix="t")
    if request.method == "POST":
        if not can_edit:
            raise Http404
        try:
            if form.is_bound and form.is_valid():
                data = form.cleaned_data
                services.inspection_result_record(
                    actor=request.user,
                    inspection=inspection,
                    base=next((b for b in bases if str(b.public_id) == data["base"]), None),
                    inspected_on=data["inspected_on"],
                    findings=data["findings"],
                    remedy=data["remedy"],
                    remedy_deadline=data["remedy_deadline"],
                )
                messages.success(request, _("Findings recorded; a required remedy was assigned as a task."))
                return redirect("democracy:inspection", public_id=inspection.public_id)
            if reinspect_form.is_bound and reinspect_form.is_valid():
                again = services.inspection_reinspect(
                    actor=request.user, inspection=inspection, **reinspect_form.cleaned_data
                )
                messages.success(request, _("Re-inspection planned."))
                return redirect("democracy:inspection", public_id=again.public_id)
        except ApplicationError as exc:
            exc.add_to_form(form if form.is_bound else reinspect_form)
    return render(
        request,
        "democracy/inspection.html",
        {
            "inspection": inspection,
            "bases": bases,
            "results": inspection.results.select_related("base", "task"),
            "form": form,
            "reinspect_form": reinspect_form,
            "can_edit": can_edit,
        },
    )
