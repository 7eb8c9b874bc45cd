"""The organisations members belong to: the five socio-political organisations and the associations a province
adds (issue 12, "Organisations"). Adding an association is the province's Ban's: an editor of the province's Party
committee."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.accounts.permissions import EDIT_ROLES, units_in_scope
from danvan.core.errors import ApplicationError
from danvan.core.submissions import submit_once
from danvan.members.forms import OrganisationAddForm
from danvan.members.models import Organisation
from danvan.members.services import organisation_add
from danvan.organisations.models import OrgUnit


def provinces_to_add_for(user):
    """The provinces' Party committees whose associations `user` may add: the ones their edit roles cover."""
    return (
        units_in_scope(user, EDIT_ROLES)
        .filter(level=OrgUnit.Level.PROVINCE, kind=OrgUnit.Kind.PARTY_COMMITTEE)
        .select_related("admin_unit")
        .order_by("name")
    )


def organisations_for(user):
    """The national organisations, and the associations of the provinces `user` holds a role in (all of them for
    the centre): an association of another province is none of theirs."""
    provinces = units_in_scope(user).filter(level=OrgUnit.Level.PROVINCE, kind=OrgUnit.Kind.PARTY_COMMITTEE)
    # A commune's officer is in the province of their commune: its associations are theirs to see too.
    role_units = OrgUnit.objects.filter(role_assignments__user=user)
    return (
        Organisation.objects.filter(
            Q(province__isnull=True)
            | Q(province__in=provinces)
            | Q(province__admin_unit__in=role_units.values("admin_unit_id"))
            | Q(province__admin_unit__in=role_units.values("admin_unit__parent_id"))
        )
        .select_related("province__admin_unit")
        .order_by("province__name", "sort_order", "name")
    )


@login_required
def organisations(request):
    from danvan.members.corrections import can_correct_organisation

    found = list(organisations_for(request.user))
    return render(
        request,
        "members/organisations.html",
        {
            "organisations": found,
            "can_add": provinces_to_add_for(request.user).exists(),
            "correctable": {o.code for o in found if can_correct_organisation(request.user, o)},
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def organisation_new(request):
    provinces = provinces_to_add_for(request.user)
    if not provinces.exists():
        raise Http404
    form = OrganisationAddForm(request.POST or None, provinces=provinces)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            organisation = organisation_add(
                actor=request.user,
                province=data["province"],
                name=data["name"],
                short_name=data["short_name"],
                min_age=data["min_age"],
                max_age=data["max_age"],
                sex_only=data["sex_only"],
                branch_word=data["branch_word"],
            )
        except ApplicationError as exc:
            exc.add_to_form(form)
        else:
            messages.success(
                request,
                _("%(name)s added: its branches can now be opened under the province's bodies, usually the Front's.")
                % {"name": organisation.name},
            )
            return redirect("members:organisations")
    return render(request, "members/organisation_new.html", {"form": form})
