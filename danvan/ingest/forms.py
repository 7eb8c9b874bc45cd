import datetime as dt
import math

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.widgets import Column, rows_field
from danvan.ingest.extract import EVENT_TYPES, LEVELS
from danvan.ingest.models import EVENT_TYPE_LABELS
from danvan.reports.forms import PeriodSelect

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]

LEVEL_LABELS = {"trung_uong": _("Central"), "tinh": _("Province"), "huyen": _("District"), "xa": _("Commune")}


class IngestUploadForm(forms.Form):
    unit = forms.ChoiceField(label=_("Unit"))
    # Empty files reach the reader, which says what to do in its own words.
    file = forms.FileField(label=_("File (.txt, .docx or .html, up to 5 MB)"), required=False, allow_empty_file=True)
    text = forms.CharField(label=_("Or paste the text"), required=False, widget=forms.Textarea(attrs={"rows": 8}))
    source_date = forms.DateField(
        label=_("Publication date (dd/mm/yyyy)"),
        required=False,
        input_formats=DATE_FORMATS,
        help_text=_("Used when the article has no date line of its own."),
    )

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.units = {u.code: u for u in units}
        self.fields["unit"].choices = [(u.code, u.name) for u in units]

    def clean(self):
        data = super().clean()
        if not data.get("file") and not (data.get("text") or "").strip():
            raise forms.ValidationError(_("Choose a file or paste the text of the article."))
        if data.get("file") and (data.get("text") or "").strip():
            raise forms.ValidationError(_("Give either a file or pasted text, not both."))
        return data

    def clean_unit(self):
        code = self.cleaned_data["unit"]
        return self.units[code]


def _date(value):
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _lines(value: str) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


def ingest_period_choices(extra: str = "") -> list:
    """The periods an article can review, as the record stores them ("2021-Q1", "2021-H1", "2021-9M", "2021",
    a Party term "2020-2025"), newest first and grouped by year; `extra` keeps an unusual value the reader found."""
    from django.utils import timezone

    this_year = timezone.localdate().year
    groups = []
    for year in range(this_year + 1, 2004, -1):
        options = [
            (str(year), f"Năm {year}"),
            (f"{year}-9M", f"9 tháng năm {year}"),
            (f"{year}-H1", f"6 tháng đầu năm {year}"),
        ]
        options += [(f"{year}-Q{q}", f"Quý {'I II III IV'.split()[q - 1]}/{year}") for q in (4, 3, 2, 1)]
        groups.append((str(year), options))
    terms = [(f"{start}-{start + 5}", f"Nhiệm kỳ {start}-{start + 5}") for start in range(2025, 2004, -5)]
    terms += [(f"{start}-{start + 5}", f"Nhiệm kỳ {start}-{start + 5}") for start in range(2026, 2004, -5)]
    choices = [("", "—"), (str(_("Terms")), sorted(set(terms), reverse=True)), *groups]
    known = {value for _label, group in choices[1:] for value, _l in group}
    if extra and extra not in known:
        choices.insert(1, (extra, extra))
    return choices


class IngestRecordForm(forms.Form):
    """The proposed record, editable. Lists are one item a line; chairs and figures split with "|"."""

    event_type = forms.ChoiceField(label=_("Event type"), choices=[(k, EVENT_TYPE_LABELS[k]) for k in EVENT_TYPES])
    event_date = forms.DateField(label=_("Meeting date (dd/mm/yyyy)"), required=False, input_formats=DATE_FORMATS)
    period = forms.ChoiceField(label=_("Reporting period"), required=False, widget=PeriodSelect)
    province = forms.CharField(label=_("Province"), required=False, max_length=64)
    level = forms.ChoiceField(
        label=_("Level"), required=False, choices=[("", "—")] + [(k, LEVEL_LABELS[k]) for k in LEVELS]
    )
    organizer = forms.CharField(label=_("Organiser"), required=False, max_length=255)
    chair = rows_field(_("Chairs"), [Column("name", _("Full name")), Column("title", _("Position"))])
    attendees_orgs = forms.CharField(
        label=_("Attending organisations (one a line)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    tasks = forms.CharField(
        label=_("Priority tasks (one a line)"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    models = forms.CharField(
        label=_("“Dân vận khéo” models (one a line)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    figures = rows_field(
        _("Figures"),
        [
            Column("value", _("Value"), "number"),
            Column("unit", _("Unit of measure")),
            Column("text", _("What it counts")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        found = self.data.get("period") if self.is_bound else (self.initial.get("period") or "")
        self.fields["period"].choices = ingest_period_choices(found or "")

    @classmethod
    def initial_from(cls, record: dict) -> dict:
        return {
            "event_type": record.get("event_type") or "other",
            "event_date": _date(record.get("event_date")),
            "period": record.get("period") or "",
            "province": record.get("province") or "",
            "level": record.get("level") or "",
            "organizer": record.get("organizer") or "",
            "chair": "\n".join(
                f"{c.get('name', '')} | {c.get('title', '')}".rstrip(" |") for c in record.get("chair") or []
            ),
            "attendees_orgs": "\n".join(record.get("attendees_orgs") or []),
            "tasks": "\n".join(record.get("tasks") or []),
            "models": "\n".join(record.get("models") or []),
            "figures": "\n".join(
                f"{f.get('value')} | {f.get('unit', '')} | {f.get('text', '')}" for f in record.get("figures") or []
            ),
        }

    def clean_figures(self):
        figures = []
        for line in _lines(self.cleaned_data.get("figures")):
            parts = [p.strip() for p in line.split("|")]
            value = parts[0].replace(" ", "")
            try:
                number = float(value.replace(".", "").replace(",", ".") if "," in value else value)
                # float() takes "NaN", "inf" and "1e999"; a JSON column cannot store them.
                if not math.isfinite(number):
                    raise ValueError
            except ValueError:
                raise forms.ValidationError(
                    _("Figure “%(line)s”: the value must be a number, e.g. 1.200.") % {"line": line}
                ) from None
            unit = parts[1] if len(parts) > 1 else ""
            text = parts[2] if len(parts) > 2 else f"{parts[0]} {unit}".strip()
            figures.append({"text": text, "value": int(number) if number.is_integer() else number, "unit": unit})
        return figures

    def to_record(self) -> dict:
        data = self.cleaned_data
        chairs = []
        for line in _lines(data.get("chair")):
            name, _sep, title = line.partition("|")
            chairs.append({"name": name.strip(), "title": title.strip()})
        return {
            "event_type": data["event_type"],
            "event_date": data["event_date"].isoformat() if data.get("event_date") else None,
            "period": data.get("period") or None,
            "province": data.get("province") or None,
            "level": data.get("level") or None,
            "organizer": data.get("organizer") or "",
            "chair": chairs,
            "attendees_orgs": _lines(data.get("attendees_orgs")),
            "tasks": _lines(data.get("tasks")),
            "models": _lines(data.get("models")),
            "figures": data.get("figures") or [],
        }
