from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.locking import VersionField
from danvan.organisations.models import OrgUnit
from danvan.organisations.services import USER_CREATABLE_KINDS


class UnitSearchForm(forms.Form):
    q = forms.CharField(label=_("Search units"), max_length=100, required=False)


class OrgUnitCreateForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255)
    kind = forms.ChoiceField(
        label=_("Type"),
        choices=[(k.value, k.label) for k in OrgUnit.Kind if k in USER_CREATABLE_KINDS],
    )


class OrgUnitUpdateForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255)
    is_active = forms.BooleanField(label=_("Active"), required=False)
    expected_version = VersionField()


class PositionAssignForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=128)
    title = forms.CharField(
        label=_("Position"),
        max_length=128,
        help_text=_("For example: Trưởng ban, Phó Trưởng ban, Chuyên viên, Trưởng khối."),
    )
    is_head = forms.BooleanField(label=_("Head of the unit"), required=False)
    start_date = forms.DateField(label=_("Since (dd/mm/yyyy)"), required=False)


class VillageImportForm(forms.Form):
    file = forms.FileField(
        label=_("File (.csv or .xlsx)"),
        help_text=_(
            "Fill in the downloaded template: it lists the communes, their codes already filled in; on each row "
            "write a village's name and kind (thôn, tổ dân phố or tổ dân vận), copying a commune's row as needed."
        ),
    )
    dry_run = forms.BooleanField(label=_("Only check, do not save"), required=False)


def unit_from_form(form, name: str = "unit") -> OrgUnit | None:
    """The unit whose code the person typed in `form[name]` (any case), or None with a field error saying so.

    Scope is not checked here: the service that uses the unit decides who may act on it."""
    from django.utils.translation import gettext

    code = (form.cleaned_data.get(name) or "").strip().upper()
    unit = OrgUnit.objects.select_related("parent").filter(code=code).first()
    if unit is None:
        form.add_error(name, gettext("Choose a unit from the list: type part of its name, then pick it."))
    return unit
