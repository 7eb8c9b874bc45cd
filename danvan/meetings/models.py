import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Meeting(models.Model):
    """A briefing (giao ban), review (sơ kết, tổng kết), thematic or online conference of a unit."""

    class Kind(models.TextChoices):
        BRIEFING = "giao_ban", _("Periodic briefing (giao ban)")
        MID_REVIEW = "so_ket", _("Review (sơ kết)")
        YEAR_REVIEW = "tong_ket", _("Year-end review (tổng kết)")
        THEMATIC = "chuyen_de", _("Thematic meeting")
        ONLINE = "truc_tuyen", _("Online conference with connected sites")
        COMMENDATION = "bieu_duong", _("Conference honouring exemplars (biểu dương điển hình)")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        HELD = "held", _("Held")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    unit = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="meetings")
    kind = models.CharField(max_length=12, choices=Kind)
    title = models.CharField(max_length=255)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    place = models.CharField(max_length=255, blank=True)
    # The reporting period the meeting reviews (giao ban quý I → quarter 1), linked to that period's reports.
    period = models.ForeignKey(
        "reports.ReportingPeriod", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    chairs = models.JSONField(default=list)  # [{"name": …, "title": …}]
    invited_units = models.ManyToManyField("organisations.OrgUnit", blank=True, related_name="+")
    invited_people = models.TextField(blank=True)  # one per line: name, title
    agenda = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.SCHEDULED)
    minutes = models.TextField(blank=True)
    commendations = models.TextField(blank=True)
    # Recognised "Dân vận khéo" models honoured at the meeting (a biểu dương điển hình conference).
    honoured_models = models.ManyToManyField("initiatives.Initiative", blank=True, related_name="honoured_at")
    proposals = models.TextField(blank=True)
    # The article or report this record was read from (ingest), when it was not entered by hand.
    source_record = models.OneToOneField(
        "ingest.IngestRecord", null=True, blank=True, on_delete=models.SET_NULL, related_name="meeting"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # Optimistic lock on the outcome (core.locking): two people saving the results never overwrite each other.
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-starts_at"]
        indexes = [
            # A series is one unit's meetings of one kind: the previous one is the latest before this.
            models.Index(fields=["unit", "kind", "starts_at"], name="meeting_series_idx"),
        ]

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    """Who attended: an invited unit, or a connected site (điểm cầu) of an online conference, with a count."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    unit = models.ForeignKey("organisations.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    site = models.CharField(max_length=255, blank=True)
    people = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.site or self.unit}: {self.people}"


class Conclusion(models.Model):
    """One conclusion (kết luận) of the chair; each becomes a task with an assignee and a deadline."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="conclusions")
    order = models.PositiveSmallIntegerField()
    text = models.TextField()
    task = models.OneToOneField(
        "workplans.Task", null=True, blank=True, on_delete=models.SET_NULL, related_name="conclusion"
    )

    class Meta:
        ordering = ["meeting", "order"]

    def __str__(self) -> str:
        return self.text[:80]


class MeetingDocument(models.Model):
    """A document of the meeting: the report presented, a speech, the minutes as signed."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(max_length=255)
    file = models.ForeignKey("core.StoredFile", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title
