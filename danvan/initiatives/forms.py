from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.locking import VersionField
from danvan.core.widgets import Column, rows_field
from danvan.initiatives.models import Commendation, Field, Initiative, Level, Status
from danvan.organisations.models import OrgUnit
from danvan.organisations.widgets import unit_field

ANY = [("", "—")]
RECOGNITION_CHOICES = [(s.value, s.label) for s in (Status.RECOGNISED, Status.OUTSTANDING, Status.PROPOSED)]


def _provinces():
    return ANY + list(
        OrgUnit.objects.filter(level=OrgUnit.Level.PROVINCE, kind=OrgUnit.Kind.PARTY_COMMITTEE)
        .order_by("name")
        .values_list("code", "name")
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search name or goal"), max_length=200, required=False)
    field = forms.ChoiceField(label=_("Field"), choices=ANY + Field.choices, required=False)
    province = forms.ChoiceField(label=_("Province"), choices=(), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=ANY + Status.choices, required=False)
    level = forms.ChoiceField(label=_("Recognised at"), choices=ANY + Level.choices, required=False)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
    new_rural = forms.BooleanField(label=_("New rural development only"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].choices = _provinces()


def parse_targets(text: str) -> list[tuple[str, str, str]]:
    """One target per line: "indicator; unit; target value" (the service validates the values)."""
    rows = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split(";")]
        if len(parts) == 2:
            parts = [parts[0], "", parts[1]]
        rows.append(tuple((parts + ["", "", ""])[:3]))
    return rows


class RegisterForm(forms.Form):
    unit = unit_field(_("Registering unit"))
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    name = forms.CharField(label=_("Name of the model"), max_length=255)
    field = forms.ChoiceField(label=_("Field"), choices=Field.choices)
    new_rural = forms.BooleanField(label=_("Dân vận khéo in new rural development (nông thôn mới)"), required=False)
    kind = forms.ChoiceField(label=_("Collective or individual"), choices=Initiative.Kind.choices)
    person_name = forms.CharField(label=_("Person's full name (individual exemplar)"), max_length=128, required=False)
    goal = forms.CharField(label=_("Goal"), widget=forms.Textarea(attrs={"rows": 3}))
    participants = forms.CharField(
        label=_("Who is mobilised"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    people_mobilised = forms.IntegerField(
        label=_("Number of people mobilised"), min_value=0, max_value=1_000_000, required=False
    )
    start_date = forms.DateField(label=_("Start date (dd/mm/yyyy)"))
    end_date = forms.DateField(label=_("End date (dd/mm/yyyy)"), required=False)
    targets = rows_field(
        _("Measurable targets"),
        [
            Column("indicator", _("Indicator"), placeholder="Đường bê tông"),
            Column("unit", _("Unit of measure"), placeholder="km"),
            Column("value", _("Target value"), "number"),
        ],
        separator="; ",
    )
    allow_duplicate = forms.BooleanField(label=_("Register anyway (a model of this name exists)"), required=False)

    def __init__(self, *args, show_duplicate=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not show_duplicate:
            self.fields["allow_duplicate"].widget = forms.HiddenInput()


class ReplicateForm(forms.Form):
    unit = unit_field(_("Adopting unit"))
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    name = forms.CharField(label=_("Name (empty: the source's name)"), max_length=255, required=False)
    start_date = forms.DateField(label=_("Start date (dd/mm/yyyy)"))
    end_date = forms.DateField(label=_("End date (dd/mm/yyyy)"), required=False)
    people_mobilised = forms.IntegerField(
        label=_("Number of people mobilised"), min_value=0, max_value=1_000_000, required=False
    )


class DecisionForm(forms.Form):
    note = forms.CharField(label=_("Note or reason"), max_length=2000, required=False)


class UpdateForm(forms.Form):
    reported_on = forms.DateField(label=_("Date (dd/mm/yyyy)"))
    note = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        for target in targets:
            label = f"{target.indicator} ({target.unit_label}, mục tiêu {target.target_value.normalize():f})"
            self.fields[f"target_{target.pk}"] = forms.CharField(label=label, max_length=20, required=False)

    def results(self) -> dict:
        return {int(k.split("_", 1)[1]): v for k, v in self.cleaned_data.items() if k.startswith("target_")}


class EvaluationForm(forms.Form):
    evaluated_on = forms.DateField(label=_("Date (dd/mm/yyyy)"))
    note = forms.CharField(label=_("Council's remarks"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        for c in criteria:
            label = f"{c.name} (0–{c.max_score.normalize():f})"
            self.fields[f"criterion_{c.pk}"] = forms.CharField(label=label, max_length=10)

    def scores(self) -> dict:
        return {int(k.split("_", 1)[1]): v for k, v in self.cleaned_data.items() if k.startswith("criterion_")}


class RecogniseForm(forms.Form):
    level = forms.ChoiceField(label=_("Level"), choices=Level.choices)
    status = forms.ChoiceField(label=_("Recognition"), choices=RECOGNITION_CHOICES)
    decided_on = forms.DateField(label=_("Date (dd/mm/yyyy)"))
    note = forms.CharField(label=_("Note"), max_length=2000, required=False)


class CommendationForm(forms.Form):
    form = forms.ChoiceField(label=_("Form"), choices=Commendation.Form.choices)
    deciding_body = forms.CharField(label=_("Deciding body"), max_length=255)
    decision_number = forms.CharField(label=_("Decision number"), max_length=64)
    decided_on = forms.DateField(label=_("Decision date (dd/mm/yyyy)"))


def parse_criteria(text: str) -> list[tuple[str, str, str]]:
    """One criterion per line: "name; max score; weight" (weight 1 when left out)."""
    rows = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split(";")] + ["", ""]
        rows.append((parts[0], parts[1], parts[2] or "1"))
    return rows


class SchemeForm(forms.Form):
    unit = unit_field(_("Province"), help_text=_("The provincial Party committee whose criteria these are."))
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    name = forms.CharField(label=_("Name"), max_length=255, required=False)
    criteria = rows_field(
        _("Criteria"),
        [
            Column("name", _("Criterion")),
            Column("max", _("Maximum score"), "number"),
            Column("weight", _("Weight"), "number", placeholder="1"),
        ],
        separator="; ",
        required=True,
        help_text=_("An empty weight counts as 1."),
    )


class CorrectForm(RegisterForm):
    """The registration's details less the unit, the year and the targets (see corrections.py), with the reason
    and the version shown."""

    reason = forms.CharField(label=_("Reason for the correction"), max_length=500)
    expected_version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("unit", "year", "targets", "allow_duplicate"):
            del self.fields[name]
