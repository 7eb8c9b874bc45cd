from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.locking import VersionField
from danvan.core.widgets import Column, RowsWidget, rows_field
from danvan.members.models import Organisation
from danvan.organisations.widgets import unit_field

ORGANISATION_KINDS = "farmers_union,womens_union,youth_union,veterans,trade_union,fatherland_front"


class BranchCreateForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.filter(is_active=True), empty_label=None
    )
    owner = unit_field(
        _("Belongs to"),
        kinds=ORGANISATION_KINDS,
        help_text=_("The organisation's body in the commune, for example Hội Nông dân xã Yên Thế."),
    )
    place = unit_field(_("Village or residential group"), required=False, kinds="village,residential_group")
    name = forms.CharField(label=_("Branch name"), max_length=255, help_text=_("For example: Chi hội thôn Đồng Tâm."))


class MemberImportForm(forms.Form):
    file = forms.FileField(
        label=_("Member list (.xlsx or .csv)"),
        help_text=_(
            "First row: Họ tên, Ngày sinh, Giới tính, CCCD, Dân tộc, Tôn giáo, Nghề nghiệp, Địa chỉ thôn, Ngày vào; "
            "a commune's or province's list may add Chi hội, the branch of each row."
        ),
    )


class StatisticsForm(forms.Form):
    area = forms.ChoiceField(label=_("Area"), required=False)

    def __init__(self, *args, areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = list(areas)


class PersonEditForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=128)
    birth_date = forms.DateField(label=_("Date of birth (dd/mm/yyyy)"))
    sex = forms.ChoiceField(label=_("Sex"), choices=[("M", _("Male")), ("F", _("Female"))])
    cccd = forms.CharField(
        label=_("Citizen ID"), max_length=12, required=False, help_text=_("12 digits; leave empty if unknown.")
    )
    ethnicity = forms.CharField(label=_("Ethnicity"), max_length=64, required=False)
    religion = forms.CharField(label=_("Religion"), max_length=64, required=False)
    occupation = forms.CharField(label=_("Occupation"), max_length=128, required=False)
    village_name = forms.CharField(label=_("Village"), max_length=128, required=False)
    version = VersionField()


class MembershipEndForm(forms.Form):
    left_on = forms.DateField(label=_("Left on (dd/mm/yyyy)"))


class MemberAddForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=128)
    birth_date = forms.DateField(label=_("Date of birth (dd/mm/yyyy)"))
    sex = forms.ChoiceField(label=_("Sex"), choices=[("M", _("Male")), ("F", _("Female"))])
    cccd = forms.CharField(
        label=_("Citizen ID"), max_length=12, required=False, help_text=_("12 digits; leave empty if unknown.")
    )
    ethnicity = forms.CharField(label=_("Ethnicity"), max_length=64, required=False)
    religion = forms.CharField(label=_("Religion"), max_length=64, required=False)
    occupation = forms.CharField(label=_("Occupation"), max_length=128, required=False)
    village_name = forms.CharField(label=_("Village"), max_length=128, required=False)
    joined_on = forms.DateField(label=_("Joined on (dd/mm/yyyy)"), required=False)
    role = forms.CharField(label=_("Role"), max_length=64, required=False, help_text=_("Empty for a member."))


def population_columns(communes) -> list[Column]:
    return [
        Column(
            "commune",
            _("Commune or ward"),
            "choice",
            choices=(("", "—"), *((c.code, c.name) for c in communes)),
            fixed=True,
        ),
        Column("male", _("Men of age"), "number"),
        Column("female", _("Women of age"), "number"),
        Column("total", _("Total of age"), "number"),
    ]


class PopulationRowsForm(forms.Form):
    """The population of age of the communes of one province (or one commune) for a year: a row a commune."""

    year = forms.IntegerField(widget=forms.HiddenInput)
    province = forms.CharField(widget=forms.HiddenInput, max_length=16)
    rows = rows_field(
        _("Population of age, by commune"),
        [],
        help_text=_(
            "Men and women of the age to join the organisations, living in the commune; the total is added up when "
            "it is left empty. A row left empty is not saved; a figure already saved stays until it is changed."
        ),
    )
    # The version and figures of each commune as this page showed them (JSON), for the conflict check.
    shown = forms.CharField(widget=forms.HiddenInput, required=False, max_length=1_000_000)

    def __init__(self, *args, communes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rows"].widget = RowsWidget(population_columns(communes), separator=" | ")

    def cells(self) -> list[list[str]]:
        return self.fields["rows"].widget.parse(self.cleaned_data["rows"])


class PopulationImportForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    file = forms.FileField(
        label=_("Population file (.xlsx or .csv)"),
        help_text=_(
            "Columns: Tỉnh, Xã, Nam, Nữ, Tổng (a commune written as people write it, with or without diacritics); "
            "download the template for the communes in your scope."
        ),
    )

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]


class PopulationCorrectForm(forms.Form):
    """One commune's figure for one year, corrected; the numbers are checked by the service (1.234 or 1 234 read as
    1234), so a mistake comes back naming its column."""

    male = forms.CharField(label=_("Men of age"), max_length=20, required=False)
    female = forms.CharField(label=_("Women of age"), max_length=20, required=False)
    total = forms.CharField(
        label=_("Total of age"),
        max_length=20,
        required=False,
        help_text=_("May be left empty when men and women are given."),
    )
    reason = forms.CharField(
        label=_("Reason for the correction"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Optional, shown in the history."),
    )
    version = VersionField()


class PopulationDeleteForm(forms.Form):
    """Remove one commune's figure for a year; on the correction page with the prefix "remove" (ids stay unique)."""

    reason = forms.CharField(
        label=_("Reason for removing"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Optional, shown in the history."),
    )
    version = VersionField()
