from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.organisations.widgets import unit_field
from danvan.reports.models import Frequency, Indicator


class ReportEntryForm(forms.Form):
    """One text field per indicator (Vietnamese number formats are parsed by the service) and per narrative."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, indicators, narratives, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator_fields = []
        for indicator in indicators:
            name = f"v_{indicator.code}"
            self.fields[name] = forms.CharField(
                label=indicator.name,
                required=False,
                max_length=32,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "data-dv-number": ""}),
                # Computed by the system (reports/sources.py): shown, never taken from the request.
                disabled=bool(indicator.source),
            )
            self.indicator_fields.append((indicator, name))
        self.narrative_fields = []
        for section in narratives:
            name = f"n_{section.key}"
            self.fields[name] = forms.CharField(
                label=section.title, required=False, widget=forms.Textarea(attrs={"rows": 4}), max_length=20000
            )
            self.narrative_fields.append((section, name))

    @property
    def indicator_rows(self):
        """(indicator, bound field, what fills it in — the source's label — or "" when a person types it)."""
        from danvan.reports.sources import SOURCES

        rows = []
        for indicator, name in self.indicator_fields:
            source = SOURCES.get(indicator.source)
            rows.append((indicator, self[name], source.label if source else ""))
        return rows

    @property
    def narrative_rows(self):
        return [(section, self[name]) for section, name in self.narrative_fields]

    def values(self) -> dict[str, str]:
        return {ind.code: self.cleaned_data.get(name, "") for ind, name in self.indicator_fields}

    def narratives(self) -> dict[str, str]:
        return {section.key: self.cleaned_data.get(name, "") for section, name in self.narrative_fields}


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Reason for returning"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Filled-in template (.xlsx)"))


class IndicatorForm(forms.Form):
    owner = unit_field(_("Defining unit"), help_text=_("A provincial or central unit you work for."))
    code = forms.SlugField(label=_("Code"), max_length=64, help_text=_("Lower-case letters, digits, _ and -."))
    name = forms.CharField(label=_("Name"), max_length=255)
    unit_label = forms.CharField(label=_("Unit of measure"), max_length=32, help_text=_("người, cuộc, mô hình, %…"))
    aggregation = forms.ChoiceField(label=_("How it rolls up"), choices=Indicator.Aggregation.choices)
    weight = forms.ModelChoiceField(
        label=_("Weighted by"), queryset=Indicator.objects.filter(is_active=True), required=False, to_field_name="code"
    )
    is_percentage = forms.BooleanField(label=_("A percentage (at most 100)"), required=False)
    decimal_places = forms.IntegerField(label=_("Decimal places"), min_value=0, max_value=2, initial=0)
    source = forms.ChoiceField(
        label=_("Where the figure comes from"),
        required=False,
        choices=[],
        help_text=_("Leave “Entered by the reporting unit” unless another module already counts it."),
    )

    def __init__(self, *args, **kwargs):
        from danvan.reports.sources import source_choices

        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [("", _("Entered by the reporting unit")), *source_choices()]


class ReportFormDefinitionForm(forms.Form):
    owner = unit_field(_("Defining unit"), help_text=_("The form is due from units under this unit."))
    code = forms.SlugField(label=_("Code"), max_length=64)
    name = forms.CharField(label=_("Name"), max_length=255)
    frequency = forms.ChoiceField(label=_("Frequency"), choices=Frequency.choices)
    unit_kinds = forms.MultipleChoiceField(
        label=_("Reporting unit types"), widget=forms.CheckboxSelectMultiple, choices=[]
    )
    cutoff_day = forms.IntegerField(
        label=_("Cut-off day"),
        min_value=0,
        max_value=28,
        initial=14,
        help_text=_("14: the official periods (15th to 14th, NĐ 09/2019). 0: calendar months. Or another day."),
    )
    due_working_days = forms.IntegerField(
        label=_("Due (working days after the cut-off)"), min_value=0, max_value=60, initial=2
    )
    indicators = forms.ModelMultipleChoiceField(
        label=_("Indicators"),
        widget=forms.CheckboxSelectMultiple,
        queryset=Indicator.objects.filter(is_active=True).order_by("code"),
    )
    narrative_keys = forms.MultipleChoiceField(
        label=_("Narrative parts"), widget=forms.CheckboxSelectMultiple, choices=[], required=False
    )

    def __init__(self, *args, **kwargs):
        from danvan.organisations.models import OrgUnit
        from danvan.reports.starter import NARRATIVE

        super().__init__(*args, **kwargs)
        self.fields["unit_kinds"].choices = OrgUnit.Kind.choices
        self.fields["narrative_keys"].choices = NARRATIVE
        self.initial.setdefault("narrative_keys", [key for key, _title in NARRATIVE])


class PeriodSelect(forms.Select):
    """A select with the periods grouped by year; the shared form templates render it as itself."""

    renders_itself = True

    def __init__(self, attrs=None):
        super().__init__({"class": "form-select", **(attrs or {})})


def period_field(label, *, required: bool = False, help_text=None) -> forms.ChoiceField:
    """Choosing a reporting period from a list (quarters, 6 and 9 months, years, months), never typing its key."""
    from django.utils import timezone

    from danvan.reports.periods import period_choices

    return forms.ChoiceField(
        label=label,
        required=required,
        help_text=help_text,
        widget=PeriodSelect,
        # Callable: the list follows today's date, not the date the server started.
        choices=lambda: [("", _("— none —"))] + period_choices(timezone.localdate()),
    )


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for revoking"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Say what was wrong, e.g. “Sai số liệu mục II, ban hành lại”. The register keeps it."),
    )
