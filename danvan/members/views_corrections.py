"""Pages that correct after the fact (members/corrections.py): a membership, a branch (and its retirement), a
province's association (and its retirement). Each form carries the record's version and a one-time token."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from danvan.core.errors import ApplicationError
from danvan.core.locking import show_conflict, version_of
from danvan.core.submissions import submit_once
from danvan.members import corrections, selectors
from danvan.members.forms import (
    BranchEditForm,
    BranchRetireForm,
    MembershipEditForm,
    OrganisationEditForm,
    OrganisationRetireForm,
)
from danvan.members.models import Branch, Organisation
from danvan.members.permissions import can_manage_branch
from danvan.organisations.models import OrgUnit


def _day(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _sibling_branches(user, branch: Branch, *, include_self: bool):
    """The active branches of the same organisation under the same body that `user` manages: where a member may be
    moved to. (Moving a person to another commune is a change of their own record, not of a membership.)"""
    found = Branch.objects.filter(
        owner_id=branch.owner_id, organisation_id=branch.organisation_id, retired_on__isnull=True
    ).select_related("owner", "organisation")
    found = [b for b in found.order_by("name") if can_manage_branch(user, b)]
    if include_self:
        if all(b.pk != branch.pk for b in found):
            found.insert(0, branch)
        return found
    return [b for b in found if b.pk != branch.pk]


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def membership_edit(request, public_id, membership_id):
    person, memberships = selectors.person_get_for_user(user=request.user, public_id=public_id)
    membership = next((m for m in memberships if m.pk == membership_id), None)
    if membership is None or not can_manage_branch(request.user, membership.branch):
        raise Http404
    branches = _sibling_branches(request.user, membership.branch, include_self=True)
    initial = {
        "branch": membership.branch.code,
        "role": membership.role,
        "joined_on": _day(membership.joined_on),
        "left_on": _day(membership.left_on),
        "version": version_of(membership),
    }
    form = MembershipEditForm(request.POST or None, initial=initial, branches=branches)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            corrections.membership_update(
                actor=request.user,
                membership=membership,
                expected_version=d["version"],
                role=d["role"],
                branch=next(b for b in branches if b.code == d["branch"]),
                joined_on=d["joined_on"],
                left_on=d["left_on"],
            )
        except ApplicationError as exc:
            show_conflict(form, exc)
        else:
            messages.success(request, _("Membership corrected."))
            return redirect("members:person", public_id=person.public_id)
    return render(request, "members/membership_edit.html", {"person": person, "membership": membership, "form": form})


def _managed_branch_or_404(user, code) -> Branch:
    branch = selectors.branch_get_for_user(user=user, code=code)
    if not can_manage_branch(user, branch):
        raise Http404
    return branch


def _branch_page(request, branch, form, retire_form):
    return render(
        request,
        "members/branch_edit.html",
        {
            "branch": branch,
            "form": form,
            "retire_form": retire_form,
            "active": branch.memberships.filter(left_on__isnull=True).count(),
        },
    )


def _branch_forms(request, branch, *, bound: str):
    initial = {"name": branch.name, "place": branch.place.code if branch.place else "", "version": version_of(branch)}
    targets = _sibling_branches(request.user, branch, include_self=False)
    form = BranchEditForm(request.POST if bound == "edit" else None, initial=initial)
    retire_form = BranchRetireForm(
        request.POST if bound == "retire" else None,
        prefix="retire",
        initial={"version": version_of(branch)},
        targets=targets,
    )
    return form, retire_form, targets


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def branch_edit(request, code):
    branch = _managed_branch_or_404(request.user, code)
    if branch.retired_on is not None and request.method == "POST":
        raise Http404
    form, retire_form, _targets = _branch_forms(request, branch, bound="edit" if request.method == "POST" else "")
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        place = OrgUnit.objects.filter(code=(d["place"] or "").upper()).first() if d["place"] else None
        if d["place"] and place is None:
            form.add_error("place", _("Choose a unit from the list: type part of its name, then pick it."))
        else:
            try:
                corrections.branch_update(
                    actor=request.user, branch=branch, expected_version=d["version"], name=d["name"], place=place
                )
            except ApplicationError as exc:
                show_conflict(form, exc)
            else:
                messages.success(request, _("Branch corrected."))
                return redirect("members:branch", code=branch.code)
    return _branch_page(request, branch, form, retire_form)


@login_required
@require_POST
@submit_once
def branch_retire(request, code):
    branch = _managed_branch_or_404(request.user, code)
    form, retire_form, targets = _branch_forms(request, branch, bound="retire")
    if retire_form.is_valid():
        d = retire_form.cleaned_data
        try:
            result = corrections.branch_retire(
                actor=request.user,
                branch=branch,
                expected_version=d["version"],
                target=next((b for b in targets if b.code == d["target"]), None),
                left_on=d["left_on"],
            )
        except ApplicationError as exc:
            show_conflict(retire_form, exc)
        else:
            messages.success(
                request,
                _("Branch retired: %(moved)s members moved, %(ended)s members left the organisation.") % result,
            )
            return redirect("members:branch", code=branch.code)
    return _branch_page(request, branch, form, retire_form)


def _organisation_or_404(user, code) -> Organisation:
    organisation = Organisation.objects.select_related("province__admin_unit").filter(code=code[:16]).first()
    if organisation is None or not corrections.can_correct_organisation(user, organisation):
        raise Http404
    return organisation


def _organisation_page(request, organisation, form, retire_form):
    from danvan.members.models import Membership

    return render(
        request,
        "members/organisation_edit.html",
        {
            "organisation": organisation,
            "form": form,
            "retire_form": retire_form,
            "active": Membership.objects.filter(organisation=organisation, left_on__isnull=True).count(),
        },
    )


def _organisation_forms(request, organisation, *, bound: str):
    initial = {f: getattr(organisation, f) for f in corrections.ORGANISATION_FIELDS}
    initial["version"] = version_of(organisation)
    return (
        OrganisationEditForm(request.POST if bound == "edit" else None, initial=initial),
        OrganisationRetireForm(
            request.POST if bound == "retire" else None, prefix="retire", initial={"version": initial["version"]}
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def organisation_edit(request, code):
    organisation = _organisation_or_404(request.user, code)
    form, retire_form = _organisation_forms(request, organisation, bound="edit" if request.method == "POST" else "")
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        expected = d.pop("version")
        try:
            corrections.organisation_update(
                actor=request.user, organisation=organisation, expected_version=expected, **d
            )
        except ApplicationError as exc:
            show_conflict(form, exc)
        else:
            messages.success(request, _("Association corrected."))
            return redirect("members:organisations")
    return _organisation_page(request, organisation, form, retire_form)


@login_required
@require_POST
@submit_once
def organisation_retire(request, code):
    organisation = _organisation_or_404(request.user, code)
    form, retire_form = _organisation_forms(request, organisation, bound="retire")
    if retire_form.is_valid():
        d = retire_form.cleaned_data
        try:
            result = corrections.organisation_retire(
                actor=request.user, organisation=organisation, expected_version=d["version"], left_on=d["left_on"]
            )
        except ApplicationError as exc:
            show_conflict(retire_form, exc)
        else:
            messages.success(
                request,
                _("Association retired: %(ended)s members left it, %(branches)s branches retired.") % result,
            )
            return redirect("members:organisations")
    return _organisation_page(request, organisation, form, retire_form)
