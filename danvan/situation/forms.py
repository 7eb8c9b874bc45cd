import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.locking import VersionField
from danvan.core.widgets import InlineCheckboxes
from danvan.organisations.widgets import person_field, unit_field
from danvan.situation.models import Hotspot, Mood, SeverityLevel, SituationReport, Topic, Trend


def month_choices(today: dt.date | None = None, count: int = 24) -> list[tuple[str, str]]:
    """The last `count` months, newest first, as ("2026-12", "Tháng 12/2026")."""
    today = today or timezone.localdate()
    year, month = today.year, today.month
    rows = []
    for _i in range(count):
        rows.append((f"{year:04d}-{month:02d}", f"{month:02d}/{year}"))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return rows


def parse_month(value: str) -> dt.date | None:
    try:
        year, month = (int(x) for x in (value or "").split("-"))
        return dt.date(year, month, 1)
    except ValueError:
        return None


def _topics():
    return forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.filter(active=True),
        widget=InlineCheckboxes,
        required=False,
    )


class ReportForm(forms.Form):
    unit = unit_field(_("Reporting unit"))
    kind = forms.ChoiceField(label=_("Kind of report"), choices=SituationReport.Kind.choices)
    period = forms.ChoiceField(label=_("Month"), choices=lambda: month_choices())
    event_name = forms.CharField(
        label=_("Event (for an event report)"),
        max_length=255,
        required=False,
        help_text=_("e.g. “Bầu cử đại biểu Quốc hội khóa XVI”, “Tết Nguyên đán”, “Bão số 3”"),
    )
    topics = _topics()
    area = unit_field(_("Area (down to the village)"), required=False)
    mood = forms.ChoiceField(label=_("People's mood"), choices=Mood.choices)
    trend = forms.ChoiceField(label=_("Trend since the last report"), choices=Trend.choices)
    opinions = forms.CharField(label=_("What people are saying"), widget=forms.Textarea(attrs={"rows": 5}))
    proposals = forms.CharField(label=_("Proposals"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    restricted = forms.BooleanField(
        label=_("Restricted: only the leaders above and the people named may read it"), required=False
    )
    named_person = person_field(_("Person named on it (may read it when restricted)"), required=False)


class ReportEditForm(ReportForm):
    """Correcting a draft: the unit and the kind stay as they were."""

    expected_version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["unit"]
        del self.fields["kind"]


class HotspotForm(forms.Form):
    unit = unit_field(_("Reporting unit"))
    title = forms.CharField(label=_("Short name of the case"), max_length=255)
    occurred_on = forms.DateField(label=_("Date it happened (dd/mm/yyyy)"))
    place_unit = unit_field(_("Where (commune or village)"))
    place_text = forms.CharField(label=_("Place, in words"), max_length=255, required=False)
    people_involved = forms.IntegerField(
        label=_("Number of people involved"), min_value=0, max_value=1_000_000, required=False
    )
    severity = forms.ModelChoiceField(label=_("Severity"), queryset=SeverityLevel.objects.all())
    topics = _topics()
    description = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 5}))
    handled_by = forms.CharField(label=_("Who is handling it"), max_length=255, required=False)
    restricted = forms.BooleanField(
        label=_("Restricted: only the leaders above and the people named may read it"), required=False
    )
    named_person = person_field(_("Person named on it (may read it when restricted)"), required=False)


class HotspotUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Hotspot.Status.choices)
    severity = forms.ModelChoiceField(
        label=_("Severity"),
        queryset=SeverityLevel.objects.all(),
        empty_label=None,
        help_text=_("Raised to a level that alerts, the level above is alerted at once."),
    )
    people_involved = forms.IntegerField(
        label=_("Number of people involved"), min_value=0, max_value=1_000_000, required=False
    )
    handled_by = forms.CharField(label=_("Who is handling it"), max_length=255, required=False)
    petitions = forms.ModelMultipleChoiceField(
        label=_("Linked petitions"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    dialogues = forms.ModelMultipleChoiceField(
        label=_("Linked dialogues"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    cases = forms.ModelMultipleChoiceField(
        label=_("Linked prolonged complex cases"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    expected_version = VersionField()

    def __init__(self, *args, petitions, dialogues, cases, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cases"].queryset = cases
        self.fields["cases"].label_from_instance = lambda c: f"{c.code} — {c.title[:80]}"
        self.fields["petitions"].queryset = petitions
        self.fields["petitions"].label_from_instance = lambda p: f"{p.code} — {p.content[:80]}"
        self.fields["dialogues"].queryset = dialogues
        self.fields["dialogues"].label_from_instance = lambda d: f"{d.held_on:%d/%m/%Y} — {d.place}"


def week_choices(today: dt.date | None = None, count: int = 12) -> list[tuple[str, str]]:
    """This week and the `count - 1` before it, newest first, as ("2026-11-30", "30/11 – 06/12/2026")."""
    today = today or timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday())
    rows = []
    for i in range(count):
        start = monday - dt.timedelta(weeks=i)
        end = start + dt.timedelta(days=6)
        rows.append((start.isoformat(), f"{start:%d/%m} – {end:%d/%m/%Y}"))
    return rows


class DigestForm(forms.Form):
    """Make a digest now: for which unit (the centre or a province in scope), weekly or monthly, which period.

    Only the picker of the chosen kind applies (a week for a weekly digest, a month for a monthly one): the other is
    drawn disabled, and a value sent for it anyway (no script, a link) is dropped before validation and named in
    `ignored` so the page can say so (decision 0054)."""

    unit = forms.ChoiceField(label=_("For"))
    kind = forms.ChoiceField(label=_("Digest"), choices=[("weekly", _("Weekly")), ("monthly", _("Monthly"))])
    week = forms.ChoiceField(label=_("Week"), choices=lambda: week_choices(), required=False)
    month = forms.ChoiceField(label=_("Month"), choices=lambda: month_choices(count=12), required=False)

    # The picker each kind uses; the other one does not apply.
    PICKER = {"weekly": "week", "monthly": "month"}

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.code, u.name) for u in units]
        self.ignored = ""
        if self.is_bound:
            kind = self.data.get("kind")
            other = {"weekly": "month", "monthly": "week"}.get(kind)
            if other and self.data.get(other):
                self.data = self.data.copy()
                self.data[other] = ""
                self.ignored = other
            self.chosen_kind = kind if kind in self.PICKER else "weekly"
        else:
            self.chosen_kind = self.initial.get("kind", "weekly")

    def ignored_notice(self) -> str:
        """The Vietnamese line saying which sent value did not apply, or ""."""
        if self.ignored == "month":
            return _(
                "Month: not applied. A weekly digest is made for the week chosen; to pick a month, choose “Monthly”."
            )
        if self.ignored == "week":
            return _(
                "Week: not applied. A monthly digest is made for the month chosen; to pick a week, choose “Weekly”."
            )
        return ""

    def start(self) -> dt.date | None:
        d = self.cleaned_data
        if d["kind"] == "weekly":
            return dt.date.fromisoformat(d["week"]) if d["week"] else None
        return parse_month(d["month"])

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == "weekly" and not data.get("week"):
            self.add_error("week", _("Choose the week of the digest."))
        if kind == "monthly" and not data.get("month"):
            self.add_error("month", _("Choose the month of the digest."))
        return data


class MeetingDigestPickForm(forms.Form):
    """Attach one of the area's digests to a briefing meeting: picked from a list, never typed."""

    digest = forms.ChoiceField(
        label=_("Digest"), error_messages={"required": _("Choose a digest from the list, or make one.")}
    )

    def __init__(self, *args, digests, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["digest"].choices = [("", "—")] + [(d.code, digest_label(d)) for d in digests]
        self.fields["digest"].error_messages["invalid_choice"] = _("Choose a digest from the list, or make one.")


def digest_label(digest) -> str:
    """“Weekly 30/11 – 06/12/2026 (BT-2026-000012)”: how a digest is named in a list."""
    if digest.kind == "monthly":
        period = f"{digest.period_start:%m/%Y}"
    else:
        period = f"{digest.period_start:%d/%m} – {digest.period_end:%d/%m/%Y}"
    return f"{digest.get_kind_display()} {period} ({digest.code})"
