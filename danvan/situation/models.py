"""The people's situation (nắm tình hình nhân dân): situation reports, hotspots and their alerts.

Topics and the severity scale are data (seeded, editable by administrators): which severity alerts the level above,
and how long the level above has to acknowledge before it climbs again, are not settled by any source we have read.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Topic(models.Model):
    """A topic of the people's concern (đời sống, đất đai …): a configurable list."""

    slug = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=128)
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class SeverityLevel(models.Model):
    """One step of the severity scale. `alerts` marks the threshold [unconfirmed]: a hotspot at a level that alerts
    is sent to the level above at once, which has `acknowledge_hours` to acknowledge before it climbs again."""

    rank = models.PositiveSmallIntegerField(unique=True)
    name = models.CharField(max_length=64)
    alerts = models.BooleanField(default=False)
    acknowledge_hours = models.PositiveIntegerField(default=24)

    class Meta:
        ordering = ["rank"]

    def __str__(self) -> str:
        return self.name


class Mood(models.TextChoices):
    STABLE = "stable", _("Stable, confident")
    CONCERNED = "concerned", _("Concerned")
    WORRIED = "worried", _("Worried, dissatisfied")
    TENSE = "tense", _("Tense")


class Trend(models.TextChoices):
    BETTER = "better", _("Improving")
    SAME = "same", _("Unchanged")
    WORSE = "worse", _("Worsening")


class SituationReport(models.Model):
    """A unit's report on the people's situation for a month, or for an event (an election, Tết, a storm)."""

    class Kind(models.TextChoices):
        MONTHLY = "monthly", _("Monthly")
        EVENT = "event", _("Event")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    code = models.CharField(max_length=20, unique=True)  # TH-2026-000123
    unit = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="situation_reports")
    # The unit's province (depth-1 ancestor), copied on the row: "who did not report" for a province is one range.
    province = models.ForeignKey(
        "organisations.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=8, choices=Kind, default=Kind.MONTHLY)
    # The first day of the month reported on (monthly reports; an event report records the month it was made).
    period_month = models.DateField()
    event_name = models.CharField(max_length=255, blank=True)
    # The special round an event report belongs to: the year of its month and the event name without case or
    # extra spaces ("2026|bầu cử đại biểu quốc hội khóa xvi"); empty for monthly reports (decision 0051).
    event_key = models.CharField(max_length=270, blank=True, default="", db_default="")
    topics = models.ManyToManyField(Topic, related_name="reports", blank=True)
    area = models.ForeignKey("organisations.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    mood = models.CharField(max_length=12, choices=Mood)
    trend = models.CharField(max_length=8, choices=Trend)
    opinions = models.TextField()  # what people are saying
    proposals = models.TextField(blank=True)
    restricted = models.BooleanField(default=False)
    named_people = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True)
    status = models.CharField(max_length=12, choices=Status, default=Status.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-period_month", "-id"]
        constraints = [
            # One monthly report per unit and month: a second one updates the draft or is refused.
            models.UniqueConstraint(
                fields=["unit", "period_month"],
                condition=models.Q(kind="monthly"),
                name="situation_one_monthly_report",
            ),
            # One report per unit and special round (an election, Tết, a storm) likewise.
            models.UniqueConstraint(
                fields=["unit", "event_key"],
                condition=models.Q(kind="event"),
                name="situation_one_event_report",
            ),
        ]
        indexes = [
            # "Areas that did not report this month": submitted monthly reports of a province for a month.
            models.Index(fields=["province", "period_month", "status"], name="situation_report_prov_idx"),
            # The same for the whole country (the national map and digest): the month's submitted reports.
            models.Index(fields=["period_month", "status"], name="situation_report_month_idx"),
            # "Who did not report this round": submitted event reports of a province for one round.
            models.Index(fields=["province", "event_key", "status"], name="situation_report_round_idx"),
            # A digest's "topics against the last period": reports sent in a week or month, of the country or a
            # province (digests._topic_counts; decision 0054).
            models.Index(fields=["submitted_at", "province"], name="situation_report_sent_idx"),
        ]

    def __str__(self) -> str:
        return self.code

    @staticmethod
    def round_key(event_name: str, month) -> str:
        """The special round of an event report: same year and same name (case and spaces aside)."""
        return f"{month.year}|{' '.join(event_name.split()).casefold()}"[:270]


class Hotspot(models.Model):
    """A hotspot (điểm nóng, vụ việc phức tạp): what happened, where, how many people, how severe, who handles it."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        HANDLING = "handling", _("Being handled")
        RESOLVED = "resolved", _("Resolved")

    ACTIVE_STATUSES = (Status.NEW, Status.ACKNOWLEDGED, Status.HANDLING)

    code = models.CharField(max_length=20, unique=True)  # DN-2026-000123
    unit = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="hotspots")
    province = models.ForeignKey(
        "organisations.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(max_length=255)
    occurred_on = models.DateField()
    place_unit = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="+")
    place_text = models.CharField(max_length=255, blank=True)
    people_involved = models.PositiveIntegerField(default=0)
    severity = models.ForeignKey(SeverityLevel, on_delete=models.PROTECT, related_name="hotspots")
    topics = models.ManyToManyField(Topic, related_name="hotspots", blank=True)
    description = models.TextField()
    handled_by = models.CharField(max_length=255, blank=True)
    status = models.CharField(max_length=14, choices=Status, default=Status.NEW)
    resolved_at = models.DateTimeField(null=True, blank=True)  # when it was last marked resolved
    petitions = models.ManyToManyField("petitions.Petition", related_name="+", blank=True)
    dialogues = models.ManyToManyField("petitions.Dialogue", related_name="+", blank=True)
    # Prolonged complex cases (vụ việc phức tạp, kéo dài) the hotspot belongs to or flared up from.
    cases = models.ManyToManyField("petitions.Case", related_name="+", blank=True)
    restricted = models.BooleanField(default=False)
    named_people = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-occurred_on", "-id"]
        indexes = [
            # Active hotspots of a province (the province and national lists).
            models.Index(fields=["province", "status"], name="situation_hotspot_prov_idx"),
            # The map and the digests: hotspots that occurred in a month or a week, by province.
            models.Index(fields=["occurred_on", "province"], name="situation_hotspot_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class HotspotAlert(models.Model):
    """A hotspot sent to a unit above for acknowledgement. Unacknowledged past `due_at`, it climbs one level."""

    hotspot = models.ForeignKey(Hotspot, on_delete=models.CASCADE, related_name="alerts")
    unit = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    due_at = models.DateTimeField()
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    escalated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            # The escalation job: alerts still open past their deadline.
            models.Index(
                fields=["due_at"],
                name="situation_alert_open_idx",
                condition=models.Q(acknowledged_at=None, escalated_at=None),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.hotspot_id} → {self.unit_id}"


class Digest(models.Model):
    """A weekly or monthly digest (bản tin tình hình) for a province or the centre: its figures as JSON, and the
    DOCX made from them for the briefing meeting. Made again for the same unit and period, it is a new version
    with its own code; the earlier one is kept, readable, marked superseded (decision 0041)."""

    class Kind(models.TextChoices):
        WEEKLY = "weekly", _("Weekly")
        MONTHLY = "monthly", _("Monthly")

    code = models.CharField(max_length=20, unique=True)  # BT-2026-000123
    # The centre ("TW") or a province's Party committee ("P24-TU").
    unit = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="situation_digests")
    kind = models.CharField(max_length=8, choices=Kind)
    period_start = models.DateField()
    period_end = models.DateField()  # inclusive
    data = models.JSONField(default=dict)
    new_total = models.PositiveIntegerField(default=0)  # new hotspots in the period, for the list
    document = models.BinaryField()
    generated_at = models.DateTimeField()
    # None when the scheduled job made it.
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # 1, 2, … for the same unit, kind and period; the current version has no `superseded_at`.
    version = models.PositiveIntegerField(default=1)
    superseded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-period_start", "kind", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "kind", "period_start", "version"], name="situation_digest_version_unique"
            ),
            # One current version per period; also the index of the lists and of the daily job's check.
            models.UniqueConstraint(
                fields=["unit", "kind", "period_start"],
                condition=models.Q(superseded_at=None),
                name="situation_one_current_digest",
            ),
        ]

    def __str__(self) -> str:
        return self.code


class MeetingDigest(models.Model):
    """A digest attached to a briefing meeting (giao ban, sơ kết, tổng kết) for its agenda. Detaching keeps the
    row (who and when): the meeting's record shows what was put before it."""

    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.CASCADE, related_name="situation_digests")
    digest = models.ForeignKey(Digest, on_delete=models.PROTECT, related_name="meeting_links")
    attached_at = models.DateTimeField()
    attached_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    detached_at = models.DateTimeField(null=True, blank=True)
    detached_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["attached_at", "id"]
        constraints = [
            # A digest is on a meeting's agenda once at a time (attached again after a detach: a new row).
            models.UniqueConstraint(
                fields=["meeting", "digest"],
                condition=models.Q(detached_at=None),
                name="situation_meeting_digest_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id} ← {self.digest_id}"
