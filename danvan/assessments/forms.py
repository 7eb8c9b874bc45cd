import re

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.assessments.measures import measure_choices
from danvan.assessments.models import GROUP_KINDS, BodyGroup, Scheme
from danvan.assessments.scoring import number_text
from danvan.core.locking import VersionField
from danvan.core.widgets import Column, RowsWidget, rows_field
from danvan.organisations.widgets import unit_field


class SchemeForm(forms.Form):
    unit = unit_field(_("Ban running the assessment"))
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    group = forms.ChoiceField(label=_("Bodies assessed"), choices=BodyGroup.choices)
    title = forms.CharField(label=_("Name of the assessment"), max_length=255)
    uses_weights = forms.BooleanField(label=_("Use weights (the weights of the criteria total 100)"), required=False)
    excellent_min = forms.CharField(label=_("Lowest total for “hoàn thành xuất sắc”"), max_length=10)
    good_min = forms.CharField(label=_("Lowest total for “hoàn thành tốt”"), max_length=10)
    passed_min = forms.CharField(label=_("Lowest total for “hoàn thành”"), max_length=10)
    self_due = forms.DateField(label=_("Self-assessments due (dd/mm/yyyy)"), required=False)
    basis = forms.CharField(
        label=_("Grounds of the report"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("One per line, e.g. “Căn cứ Quy chế số 20-QC/TU … về công tác dân vận trong hệ thống chính trị”."),
    )

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            for name in ("unit", "year", "group"):
                del self.fields[name]
            self.fields["expected_version"] = VersionField()

    @staticmethod
    def initial_for(scheme: Scheme | None = None, **extra) -> dict:
        if scheme is None:
            return {"excellent_min": "90", "good_min": "75", "passed_min": "50"} | extra
        data = {name: getattr(scheme, name) for name in ("title", "uses_weights", "self_due", "basis")} | {
            name: number_text(getattr(scheme, name)) for name in ("excellent_min", "good_min", "passed_min")
        }
        return data | extra

    def settings(self) -> dict:
        d = dict(self.cleaned_data)
        for name in ("unit", "year", "group", "expected_version"):
            d.pop(name, None)
        return d


def criteria_columns():
    return [
        Column("title", _("Criterion"), "textarea"),
        Column("max_score", _("Maximum score"), "number"),
        Column("weight", _("Weight"), "number"),
        Column("measure", _("System figure shown as evidence"), "choice", choices=tuple(measure_choices())),
    ]


class CriteriaForm(forms.Form):
    criteria = rows_field(_("Criteria"), [], separator=" | ", required=True)
    expected_version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The measure labels are translated: build the columns per request.
        self.fields["criteria"].widget = RowsWidget(criteria_columns(), separator=" | ")

    def rows(self) -> list[list[str]]:
        return self.fields["criteria"].widget.parse(self.cleaned_data["criteria"])

    @staticmethod
    def text_for(scheme: Scheme) -> str:
        return "\n".join(
            " | ".join(
                [
                    " ".join(c.title.split()),
                    number_text(c.max_score),
                    number_text(c.weight) if c.weight else "",
                    c.measure,
                ]
            )
            for c in scheme.criteria.all()
        )


class BodiesForm(forms.Form):
    bodies = unit_field(_("Bodies assessed"), multiple=True)

    def __init__(self, *args, group: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if group:
            # The picker offers only the kinds of body the scheme assesses.
            self.fields["bodies"] = unit_field(
                _("Bodies assessed"), multiple=True, kinds=",".join(GROUP_KINDS.get(group, ()))
            )

    def codes(self) -> list[str]:
        return [c.strip().upper() for c in re.split(r"[\s,]+", self.cleaned_data.get("bodies") or "") if c.strip()]


class CopyForm(forms.Form):
    year = forms.IntegerField(label=_("Year of the copy"), min_value=2000, max_value=2100)
