from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from danvan.accounts.permissions import EDIT_ROLES, has_any_role, scope_roots
from danvan.committees import forms, selectors, services
from danvan.committees import permissions as perms
from danvan.committees.models import Committee, CommitteeMeeting, Subject
from danvan.core.errors import ApplicationError
from danvan.core.locking import show_conflict, version_of
from danvan.core.submissions import submit_once
from danvan.organisations.forms import unit_from_form


def _cases(user):
    from danvan.petitions.models import Case
    from danvan.petitions.selectors import cases_for_user

    return Case.objects.filter(pk__in=[c.pk for c in cases_for_user(user=user)]).select_related("unit")


def _bases(user):
    from danvan.democracy.selectors import bases_for_user

    return bases_for_user(user=user)


def _manageable(request, code) -> Committee:
    committee = selectors.committee_get_for_user(user=request.user, code=code)
    if not perms.can_manage_committee(request.user, committee):
        raise Http404("Không có quyền cập nhật ban này.")
    return committee


def _members_error(formset, exc: ApplicationError) -> list[str]:
    """Errors of the member table, shown above it."""
    return exc.extra.get("errors") or [exc.message]


@login_required
def index(request):
    subject = request.GET.get("subject", "")[:40]
    kind = request.GET.get("kind", "")[:20]
    return render(
        request,
        "committees/index.html",
        {
            "committees": selectors.committee_list_for_user(user=request.user, subject=subject, kind=kind),
            "subjects": Subject.objects.filter(active=True),
            "kinds": Committee.Kind.choices,
            "subject": subject,
            "kind": kind,
            "can_create": has_any_role(request.user, EDIT_ROLES),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def committee_new(request):
    cases, bases = _cases(request.user), _bases(request.user)
    member_errors = []
    if request.method == "POST":
        form = forms.CommitteeForm(request.POST, request.FILES, cases=cases, bases=bases)
        formset = forms.member_formset(request.POST)
        formset_ok = formset.is_valid()
        if form.is_valid() and formset_ok and (unit := unit_from_form(form)) is not None:
            d = form.cleaned_data
            try:
                committee = services.committee_establish(
                    actor=request.user,
                    unit=unit,
                    kind=d["kind"],
                    subject=d["subject"],
                    name=d["name"],
                    duties=d["duties"],
                    case=d["case"],
                    bases=list(d["bases"]),
                    decision=form.decision(actor=request.user),
                    members=forms.member_rows(formset),
                )
            except ApplicationError as e:
                if e.field == "members":
                    member_errors = _members_error(formset, e)
                else:
                    e.add_to_form(form)
            else:
                messages.success(
                    request, _("%(name)s set up (%(code)s).") % {"name": committee.name, "code": committee.code}
                )
                return redirect("committees:detail", code=committee.code)
    else:
        root = scope_roots(request.user, EDIT_ROLES).first()
        form = forms.CommitteeForm(
            initial={"unit": root.code if root else "", "kind": Committee.Kind.STEERING}, cases=cases, bases=bases
        )
        formset = forms.member_formset(extra=6)
    return render(
        request, "committees/committee_form.html", {"form": form, "formset": formset, "member_errors": member_errors}
    )


@login_required
def detail(request, code):
    committee = selectors.committee_get_for_user(user=request.user, code=code)
    can_manage = perms.can_manage_committee(request.user, committee)
    members = list(selectors.current_members(committee))
    context = {
        "committee": committee,
        "can_manage": can_manage,
        "current": selectors.current_composition(committee),
        "members": members,
        "timeline": selectors.compositions_of(committee),
        "tasks": selectors.tasks_of(committee),
        "meetings": selectors.meetings_of(committee),
        "bases": list(committee.bases.select_related("unit")),
    }
    if can_manage:
        context["meeting_form"] = forms.MeetingLinkForm(
            meetings=selectors.meetings_to_link(user=request.user, committee=committee)
        )
    return render(request, "committees/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def committee_edit(request, code):
    committee = _manageable(request, code)
    cases, bases = _cases(request.user), _bases(request.user)
    if request.method == "POST":
        form = forms.CommitteeEditForm(request.POST, cases=cases, bases=bases)
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.committee_update(
                    actor=request.user,
                    committee=committee,
                    name=d["name"],
                    subject=d["subject"],
                    duties=d["duties"],
                    status=d["status"],
                    case=d["case"],
                    bases=list(d["bases"]),
                    expected_version=d["expected_version"],
                )
            except ApplicationError as e:
                show_conflict(form, e)
            else:
                messages.success(request, _("Changes saved."))
                return redirect("committees:detail", code=committee.code)
    else:
        form = forms.CommitteeEditForm(
            initial={
                "name": committee.name,
                "subject": committee.subject_id,
                "duties": committee.duties,
                "status": committee.status,
                "case": committee.case_id,
                "bases": list(committee.bases.all()),
                "expected_version": version_of(committee),
            },
            cases=cases,
            bases=bases,
        )
    return render(request, "committees/committee_edit.html", {"form": form, "committee": committee})


def _composition_page(request, committee, *, correct: bool):
    """The reorganisation page (a new decision and membership) and the correction page of the current one share
    their form: the decision above, the member table below."""
    current = selectors.current_composition(committee)
    if current is None:
        raise Http404
    member_errors = []
    if request.method == "POST":
        form = forms.CompositionForm(request.POST, request.FILES)
        formset = forms.member_formset(request.POST)
        formset_ok = formset.is_valid()
        if form.is_valid() and formset_ok:
            d = form.cleaned_data
            try:
                decision = form.decision(actor=request.user)
                rows = forms.member_rows(formset)
                if correct:
                    services.composition_correct(
                        actor=request.user,
                        composition=current,
                        decision=decision,
                        members=rows,
                        expected_version=d["expected_version"],
                    )
                else:
                    services.committee_reorganise(
                        actor=request.user,
                        committee=committee,
                        decision=decision,
                        members=rows,
                        expected_version=d["expected_version"],
                    )
            except ApplicationError as e:
                if e.field == "members":
                    member_errors = _members_error(formset, e)
                else:
                    show_conflict(form, e)
            else:
                if correct:
                    messages.success(request, _("The current membership was corrected."))
                else:
                    messages.success(request, _("Reorganised: the new membership is current, the old one is kept."))
                return redirect("committees:detail", code=committee.code)
    else:
        members = list(selectors.current_members(committee))
        initial = {"expected_version": version_of(current)}
        if correct:
            initial.update(
                {
                    "decision_number": current.decision_number,
                    "decision_date": current.decision_date,
                    "signer": current.signer,
                    "note": current.note,
                }
            )
        form = forms.CompositionForm(initial=initial)
        formset = forms.member_formset(members=members)
    return render(
        request,
        "committees/composition_form.html",
        {
            "form": form,
            "formset": formset,
            "member_errors": member_errors,
            "committee": committee,
            "current": current,
            "correct": correct,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def reorganise(request, code):
    return _composition_page(request, _manageable(request, code), correct=False)


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def composition_correct(request, code):
    return _composition_page(request, _manageable(request, code), correct=True)


@login_required
def composition_detail(request, code, number):
    committee = selectors.committee_get_for_user(user=request.user, code=code)
    composition = selectors.composition_get(committee, number)
    members = composition.members.select_related("position", "body", "person").order_by("order", "id")
    return render(
        request,
        "committees/composition_detail.html",
        {"committee": committee, "composition": composition, "members": members},
    )


@login_required
def decision_file(request, code, number):
    from danvan.core.files import stored_file_response

    committee = selectors.committee_get_for_user(user=request.user, code=code)
    composition = committee.compositions.select_related("decision_file").filter(number=number).first()
    if composition is None or composition.decision_file is None:
        raise Http404
    return stored_file_response(composition.decision_file)


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def task_new(request, code):
    committee = _manageable(request, code)
    members = selectors.current_members(committee)
    if request.method == "POST":
        form = forms.TaskForm(request.POST, members=members)
        if form.is_valid():
            d = form.cleaned_data
            unit = unit_from_form(form) if d["unit"] else None
            if not (d["unit"] and unit is None):
                try:
                    services.committee_task_assign(
                        actor=request.user,
                        committee=committee,
                        member=d["member"],
                        unit=unit,
                        title=d["title"],
                        deadline=d["deadline"],
                        expected_output=d["expected_output"],
                    )
                except ApplicationError as e:
                    e.add_to_form(form)
                else:
                    messages.success(request, _("Task given."))
                    return redirect("committees:detail", code=committee.code)
    else:
        form = forms.TaskForm(members=members)
    return render(request, "committees/task_form.html", {"form": form, "committee": committee})


@login_required
@require_POST
@submit_once
def meeting_link(request, code):
    committee = _manageable(request, code)
    form = forms.MeetingLinkForm(
        request.POST, meetings=selectors.meetings_to_link(user=request.user, committee=committee)
    )
    if form.is_valid():
        try:
            services.committee_meeting_link(
                actor=request.user, committee=committee, meeting=form.cleaned_data["meeting"]
            )
        except ApplicationError as e:
            messages.error(request, e.message)
        else:
            messages.success(request, _("Meeting added to the committee's list."))
    else:
        messages.error(request, _("Meeting: choose one from the list."))
    return redirect("committees:detail", code=committee.code)


@login_required
@require_POST
@submit_once
def meeting_unlink(request, code, pk):
    committee = _manageable(request, code)
    link = get_object_or_404(
        CommitteeMeeting.objects.select_related("meeting", "committee"), pk=pk, committee=committee
    )
    try:
        services.committee_meeting_unlink(actor=request.user, link=link)
    except ApplicationError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, _("Meeting taken off the committee's list."))
    return redirect("committees:detail", code=committee.code)
