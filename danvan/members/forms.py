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


class OrganisationAddForm(forms.Form):
    """An association a province adds (Hội Người cao tuổi, Hội Chữ thập đỏ, …): the province is chosen from those
    the officer's Ban edits, never typed."""

    province = forms.ModelChoiceField(label=_("Province"), queryset=None, empty_label=None)
    name = forms.CharField(
        label=_("Name of the association"),
        max_length=255,
        help_text=_("For example: Hội Người cao tuổi tỉnh Bắc Ninh."),
    )
    short_name = forms.CharField(
        label=_("Short name"), max_length=64, required=False, help_text=_("Shown in tables; for example: Hội NCT.")
    )
    min_age = forms.IntegerField(
        label=_("Youngest age to join"), min_value=0, max_value=120, required=False, help_text=_("Empty: no limit.")
    )
    max_age = forms.IntegerField(
        label=_("Oldest age to join"), min_value=0, max_value=120, required=False, help_text=_("Empty: no limit.")
    )
    sex_only = forms.ChoiceField(
        label=_("Members"),
        choices=[("", _("Men and women")), ("F", _("Women only")), ("M", _("Men only"))],
        required=False,
    )
    branch_word = forms.ChoiceField(
        label=_("Its branches are called"),
        choices=[(w, w) for w in ("chi hội", "chi đoàn", "công đoàn cơ sở", "tổ")],
        initial="chi hội",
    )

    def __init__(self, *args, provinces, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = provinces
        self.fields["province"].label_from_instance = lambda unit: (
            unit.admin_unit.name if unit.admin_unit else unit.name
        )


class BodyImportForm(forms.Form):
    """A commune's or a province's list of an organisation: the body chosen from the officer's own, never typed."""

    owner = forms.ModelChoiceField(label=_("The list of"), queryset=None, empty_label=None)
    file = forms.FileField(
        label=_("Member list (.xlsx or .csv)"),
        help_text=_(
            "First row: Họ tên, Ngày sinh, Giới tính, CCCD, Dân tộc, Tôn giáo, Nghề nghiệp, Địa chỉ thôn, Ngày vào, "
            "Chi hội, and Xã where the same branch name is found in several communes."
        ),
    )

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = bodies


class MembershipEditForm(forms.Form):
    """Correct one membership (members/corrections.py): the branch is chosen among the body's own branches."""

    branch = forms.ChoiceField(label=_("Branch"))
    role = forms.CharField(
        label=_("Role"), max_length=64, required=False, help_text=_("For example: Chi hội trưởng. Empty for a member.")
    )
    joined_on = forms.DateField(label=_("Joined on (dd/mm/yyyy)"), required=False)
    left_on = forms.DateField(
        label=_("Left on (dd/mm/yyyy)"), required=False, help_text=_("Empty while the person is still a member.")
    )
    version = VersionField()

    def __init__(self, *args, branches, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["branch"].choices = [(b.code, b.name) for b in branches]


class BranchEditForm(forms.Form):
    name = forms.CharField(label=_("Branch name"), max_length=255)
    place = unit_field(_("Village or residential group"), required=False, kinds="village,residential_group")
    version = VersionField()


class BranchRetireForm(forms.Form):
    """Retire a branch: its members go to `target`, or leave on `left_on`. Prefix "retire" on the edit page."""

    target = forms.ChoiceField(label=_("Branch that takes its members"), required=False)
    left_on = forms.DateField(
        label=_("Or: the members left on (dd/mm/yyyy)"),
        required=False,
        help_text=_("Leave empty when another branch takes the members."),
    )
    version = VersionField()

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [("", _("— none —"))] + [(b.code, b.name) for b in targets]


class OrganisationEditForm(forms.Form):
    name = forms.CharField(label=_("Name of the association"), max_length=255)
    short_name = forms.CharField(label=_("Short name"), max_length=64, required=False)
    min_age = forms.IntegerField(
        label=_("Youngest age to join"), min_value=0, max_value=120, required=False, help_text=_("Empty: no limit.")
    )
    max_age = forms.IntegerField(
        label=_("Oldest age to join"), min_value=0, max_value=120, required=False, help_text=_("Empty: no limit.")
    )
    branch_word = forms.ChoiceField(
        label=_("Its branches are called"), choices=[(w, w) for w in ("chi hội", "chi đoàn", "công đoàn cơ sở", "tổ")]
    )
    version = VersionField()


class OrganisationRetireForm(forms.Form):
    left_on = forms.DateField(
        label=_("Its members left it on (dd/mm/yyyy)"),
        required=False,
        help_text=_("Needed while it has members; they stay members of their other organisations."),
    )
    version = VersionField()
