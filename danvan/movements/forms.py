from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.locking import VersionField
from danvan.movements.models import Movement, MovementAward
from danvan.organisations.widgets import unit_field

ANY = [("", "—")]


class UnitChoiceField(forms.ChoiceField):
    """A select of the user's units that still accepts any code, so the service answers an out-of-scope unit
    with its own message (naming the unit and the fix) instead of the generic "not a valid choice"."""

    def valid_value(self, value) -> bool:
        return True


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search by name"), max_length=200, required=False)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=ANY + Movement.Status.choices, required=False)


class MovementForm(forms.Form):
    unit = unit_field(_("Launching unit"))
    kind = forms.ChoiceField(label=_("Kind of movement"), choices=Movement.Kind.choices)
    name = forms.CharField(label=_("Name of the movement"), max_length=255)
    description = forms.CharField(
        label=_("Theme and content"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    start_date = forms.DateField(label=_("Start date (dd/mm/yyyy)"))
    end_date = forms.DateField(label=_("End date (dd/mm/yyyy)"))
    counts_initiatives = forms.BooleanField(
        label=_("“Dân vận khéo” movement: show the models each participant registered and had recognised"),
        required=False,
    )
    plan = forms.ChoiceField(label=_("Work plan it belongs to"), choices=(), required=False)
    results_weight = forms.IntegerField(
        label=_("Weight of results, in percent"), min_value=0, max_value=100, initial=70
    )
    completeness_weight = forms.IntegerField(
        label=_("Weight of reporting completeness, in percent"), min_value=0, max_value=100, initial=30
    )

    def __init__(self, *args, plans=(), editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].choices = ANY + [(str(p.public_id), f"{p.title} ({p.year})") for p in plans]
        if editing:
            del self.fields["unit"]
            # The version the edit page showed (core.locking): a save from a stale page is a conflict.
            self.fields["expected_version"] = VersionField()


class TargetForm(forms.Form):
    name = forms.CharField(label=_("Target name"), max_length=255)
    unit_label = forms.CharField(label=_("Unit of measure"), max_length=32, required=False)
    target_value = forms.CharField(label=_("Value per participant"), max_length=20)
    weight = forms.CharField(label=_("Weight"), max_length=10, required=False, initial="1")


class CheckpointForm(forms.Form):
    name = forms.CharField(label=_("Reporting round"), max_length=128)
    due_date = forms.DateField(label=_("Due date (dd/mm/yyyy)"))


class ActivityForm(forms.Form):
    title = forms.CharField(label=_("Activity"), max_length=255)
    assignee = unit_field(_("Unit in charge"))
    due_date = forms.DateField(label=_("Deadline (dd/mm/yyyy)"))


class RegisterForm(forms.Form):
    unit = UnitChoiceField(label=_("Unit"), choices=())
    commitment = forms.CharField(
        label=_("Commitment (bản đăng ký thi đua)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, units=(), targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.code, u.name) for u in units]
        for target in targets:
            label = _("%(name)s — our target (%(unit)s; empty: %(value)s)") % {
                "name": target.name,
                "unit": target.unit_label or "—",
                "value": f"{target.target_value.normalize():f}",
            }
            self.fields[f"target_{target.pk}"] = forms.CharField(label=label, max_length=20, required=False)

    def committed_values(self) -> dict:
        return {int(k.split("_", 1)[1]): v for k, v in self.cleaned_data.items() if k.startswith("target_")}


class BulkRegisterForm(forms.Form):
    WHICH = [
        ("communes", _("Every commune-level Party committee in the scope")),
        ("party", _("Every Party committee below the launching committee (provinces and communes)")),
        ("codes", _("Only the units listed below")),
    ]
    which = forms.ChoiceField(label=_("Which units"), choices=WHICH, widget=forms.RadioSelect, initial="communes")
    codes = unit_field(
        _("Units"), required=False, help_text=_("Used when “Only the units listed below” is chosen."), multiple=True
    )


class ReportForm(forms.Form):
    unit = UnitChoiceField(label=_("Unit"), choices=())
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, units=(), targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.code, u.name) for u in units]
        for target in targets:
            label = _("%(name)s — cumulative to date (%(unit)s)") % {
                "name": target.name,
                "unit": target.unit_label or "—",
            }
            self.fields[f"target_{target.pk}"] = forms.CharField(label=label, max_length=20, required=False)

    def values(self) -> dict:
        return {int(k.split("_", 1)[1]): v for k, v in self.cleaned_data.items() if k.startswith("target_")}


class ScoreboardFilterForm(forms.Form):
    unit = forms.ChoiceField(label=_("Province scoreboard"), choices=(), required=False)

    def __init__(self, *args, provinces=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("Whole movement"))] + [(u.code, u.name) for u in provinces]


class CloseForm(forms.Form):
    note = forms.CharField(label=_("Summary (tổng kết)"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class AwardForm(forms.Form):
    unit = UnitChoiceField(label=_("Participant"), choices=())
    title = forms.CharField(label=_("Title awarded"), max_length=255, help_text=_("e.g. Đảng bộ dân vận khéo"))
    form = forms.ChoiceField(label=_("Form of commendation"), choices=MovementAward.Form.choices)
    deciding_body = forms.CharField(label=_("Deciding body"), max_length=255)
    decision_number = forms.CharField(label=_("Decision number"), max_length=64)
    decided_on = forms.DateField(label=_("Decision date (dd/mm/yyyy)"))

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.code, u.name) for u in units]


class AwardCorrectForm(forms.Form):
    title = forms.CharField(label=_("Title awarded"), max_length=255)
    form = forms.ChoiceField(label=_("Form of commendation"), choices=MovementAward.Form.choices)
    deciding_body = forms.CharField(label=_("Deciding body"), max_length=255)
    decision_number = forms.CharField(label=_("Decision number"), max_length=64)
    decided_on = forms.DateField(label=_("Decision date (dd/mm/yyyy)"))
    reason = forms.CharField(label=_("Reason for the correction"), max_length=500)
    expected_version = VersionField()
