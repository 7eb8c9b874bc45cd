from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.locking import VersionField
from danvan.core.widgets import Column, rows_field
from danvan.faiths.models import (
    Denomination,
    Dignitary,
    Establishment,
    EthnicGroup,
    Religion,
    Visit,
)
from danvan.organisations.widgets import unit_field

VILLAGE_KINDS = "village,residential_group"


def year_choices() -> list[tuple[int, int]]:
    """This year, next year and the five before, newest first."""
    this = timezone.localdate().year
    return [(y, y) for y in range(this + 1, this - 6, -1)]


def _village():
    return unit_field(_("Village (thôn, tổ dân phố)"), required=False, kinds=VILLAGE_KINDS)


def dignitary_rows_field():
    return rows_field(
        _("Dignitaries and officials"),
        [
            Column("full_name", _("Full name (religious name)")),
            Column("position", _("Position"), placeholder=_("e.g. Abbot, Parish priest")),
            Column("birth_year", _("Year of birth"), kind="number"),
            Column("official", _("Official (chức việc)"), kind="flag"),
        ],
        help_text=_("Only what the work needs: name, position and year of birth at most."),
    )


def parse_dignitary_rows(text: str) -> list[dict]:
    """The rows widget's text (one dignitary a line, "name | position | year | x") as the service's dicts."""
    rows = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        cells = [c.strip() for c in line.split("|")] + ["", "", "", ""]
        rows.append(
            {
                "full_name": cells[0],
                "position": cells[1],
                "birth_year": cells[2],
                "kind": Dignitary.Kind.OFFICIAL if cells[3].lower() == "x" else Dignitary.Kind.DIGNITARY,
            }
        )
    return rows


class EstablishmentForm(forms.Form):
    unit = unit_field(_("Registering unit (of the commune)"))
    religion = forms.ModelChoiceField(label=_("Religion"), queryset=Religion.objects.filter(active=True))
    denomination = forms.ModelChoiceField(
        label=_("Religious organisation"), queryset=Denomination.objects.select_related("religion"), required=False
    )
    kind = forms.ChoiceField(label=_("Kind of establishment"), choices=Establishment.Kind.choices)
    name = forms.CharField(label=_("Name of the establishment"), max_length=255)
    village = _village()
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    dignitaries = dignitary_rows_field()
    followers_year = forms.TypedChoiceField(label=_("Year of the figure"), choices=year_choices, coerce=int)
    followers = forms.IntegerField(label=_("Followers"), min_value=0, max_value=10_000_000, required=False)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class EstablishmentEditForm(forms.Form):
    religion = forms.ModelChoiceField(label=_("Religion"), queryset=Religion.objects.filter(active=True))
    denomination = forms.ModelChoiceField(
        label=_("Religious organisation"), queryset=Denomination.objects.select_related("religion"), required=False
    )
    kind = forms.ChoiceField(label=_("Kind of establishment"), choices=Establishment.Kind.choices)
    name = forms.CharField(label=_("Name of the establishment"), max_length=255)
    village = _village()
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    expected_version = VersionField()


class DignitaryForm(forms.Form):
    full_name = forms.CharField(label=_("Full name (religious name)"), max_length=128)
    position = forms.CharField(label=_("Position"), max_length=128)
    kind = forms.ChoiceField(label=_("Dignitary or official"), choices=Dignitary.Kind.choices)
    birth_year = forms.IntegerField(label=_("Year of birth"), required=False, min_value=1900, max_value=2100)


class DignitaryEditForm(DignitaryForm):
    active = forms.BooleanField(label=_("Still serves at this establishment"), required=False)
    expected_version = VersionField()


class FollowersForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), choices=year_choices, coerce=int)
    followers = forms.IntegerField(label=_("Followers"), min_value=0, max_value=10_000_000)
    households = forms.IntegerField(label=_("Households"), min_value=0, max_value=10_000_000, required=False)


class AreaForm(forms.Form):
    unit = unit_field(_("Registering unit (of the commune)"))
    name = forms.CharField(label=_("Name of the area or village"), max_length=255)
    village = _village()
    group = forms.ModelChoiceField(label=_("Ethnic group"), queryset=EthnicGroup.objects.all())
    year = forms.TypedChoiceField(label=_("Year of the figure"), choices=year_choices, coerce=int)
    households = forms.IntegerField(label=_("Households"), min_value=0, max_value=10_000_000, required=False)
    people = forms.IntegerField(label=_("People"), min_value=0, max_value=10_000_000)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class PopulationForm(forms.Form):
    group = forms.ModelChoiceField(label=_("Ethnic group"), queryset=EthnicGroup.objects.all())
    year = forms.TypedChoiceField(label=_("Year"), choices=year_choices, coerce=int)
    households = forms.IntegerField(label=_("Households"), min_value=0, max_value=10_000_000, required=False)
    people = forms.IntegerField(label=_("People"), min_value=0, max_value=10_000_000)


class VisitForm(forms.Form):
    unit = unit_field(_("Unit that visits"))
    holiday_date = forms.ModelChoiceField(label=_("Holiday or festival"), queryset=None, required=False)
    visit_on = forms.DateField(label=_("Date of the visit (dd/mm/yyyy)"))
    establishment = forms.ModelChoiceField(label=_("Establishment visited"), queryset=None, required=False)
    ethnic_area = forms.ModelChoiceField(label=_("Ethnic-minority area visited"), queryset=None, required=False)
    place = forms.CharField(label=_("Place, in words"), max_length=255, required=False)
    delegation = forms.CharField(
        label=_("Who goes"),
        max_length=500,
        help_text=_("e.g. “Secretary of the Party committee, Chair of the Front committee”"),
    )
    gifts = forms.CharField(label=_("Gifts, greetings"), max_length=255, required=False)

    def __init__(self, *args, holiday_dates, establishments, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["holiday_date"].queryset = holiday_dates
        self.fields["holiday_date"].label_from_instance = lambda d: f"{d.holiday.name} — {d.date:%d/%m/%Y}"
        self.fields["establishment"].queryset = establishments
        self.fields["establishment"].label_from_instance = lambda e: f"{e.name} ({e.unit.name})"
        self.fields["ethnic_area"].queryset = areas
        self.fields["ethnic_area"].label_from_instance = lambda a: f"{a.name} ({a.unit.name})"


class VisitEditForm(VisitForm):
    status = forms.ChoiceField(label=_("Status"), choices=Visit.Status.choices)
    result = forms.CharField(label=_("How it went"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    expected_version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["unit"]


class CommendationForm(forms.Form):
    unit = unit_field(_("Commending unit"))
    year = forms.TypedChoiceField(label=_("Year"), choices=year_choices, coerce=int)
    establishment = forms.ModelChoiceField(label=_("Establishment"), queryset=None, required=False)
    dignitary = forms.ModelChoiceField(label=_("Dignitary"), queryset=None, required=False)
    person_name = forms.CharField(label=_("Follower commended (full name)"), max_length=128, required=False)
    movement_name = forms.CharField(
        label=_("Emulation movement of the religious organisation"), max_length=255, required=False
    )
    movement = forms.ModelChoiceField(label=_("Linked movement (if any)"), queryset=None, required=False)
    form = forms.CharField(label=_("Form of commendation"), max_length=128, help_text=_("e.g. Certificate of merit"))
    reason = forms.CharField(label=_("Achievement"), max_length=500)
    decided_on = forms.DateField(label=_("Decided on (dd/mm/yyyy)"), required=False)

    def __init__(self, *args, establishments, dignitaries, movements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["establishment"].queryset = establishments
        self.fields["establishment"].label_from_instance = lambda e: f"{e.name} ({e.unit.name})"
        self.fields["dignitary"].queryset = dignitaries
        self.fields["dignitary"].label_from_instance = lambda d: f"{d.position} {d.full_name} — {d.establishment.name}"
        self.fields["movement"].queryset = movements
        self.fields["movement"].label_from_instance = lambda m: f"{m.code} {m.name}"


class CommendationEditForm(forms.Form):
    person_name = forms.CharField(label=_("Follower commended (full name)"), max_length=128, required=False)
    movement_name = forms.CharField(
        label=_("Emulation movement of the religious organisation"), max_length=255, required=False
    )
    form = forms.CharField(label=_("Form of commendation"), max_length=128)
    reason = forms.CharField(label=_("Achievement"), max_length=500)
    decided_on = forms.DateField(label=_("Decided on (dd/mm/yyyy)"), required=False)
    expected_version = VersionField()
