"""Documents read into proposed meeting records, and the officer's corrections of them."""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# The meeting types' names; Vietnamese by nature (see docs/glossary.md), so not translated.
EVENT_TYPE_LABELS = {
    "giao_ban": "Giao ban",
    "so_ket": "Sơ kết",
    "tong_ket": "Tổng kết",
    "hoi_thi": "Hội thi",
    "bieu_duong": "Biểu dương",
    "trien_khai": "Triển khai",
    "other": _("Other"),
}


class IngestDocument(models.Model):
    """An article or report as uploaded or pasted, with the text read from it."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    unit = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="ingest_documents")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    filename = models.CharField(max_length=255, blank=True)
    text = models.TextField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # The list page: documents of the units in scope, newest first.
            models.Index(fields=["unit", "created_at"], name="ingestdoc_unit_created_idx"),
            # "Was this file read before?" on upload.
            models.Index(fields=["sha256"], name="ingestdoc_sha256_idx"),
        ]

    def __str__(self) -> str:
        pasted = _("Pasted text")
        return self.filename or f"{pasted} {self.created_at:%d/%m/%Y %H:%M}"


class IngestRecord(models.Model):
    """What the extractor proposed for a document, and what the officer confirmed (kept apart, to measure accuracy)."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        CONFIRMED = "confirmed", _("Confirmed")

    document = models.OneToOneField(IngestDocument, on_delete=models.CASCADE, related_name="record")
    proposed = models.JSONField()
    corrected = models.JSONField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status, default=Status.PROPOSED)
    flags = models.JSONField(default=list, blank=True)
    # Today's administrative units that the places named in the text resolve to.
    admin_units = models.ManyToManyField("organisations.AdminUnit", blank=True, related_name="+")
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-document__created_at"]

    def __str__(self) -> str:
        return f"{self.document} ({self.get_status_display()})"

    @property
    def event_type_label(self) -> str:
        return str(EVENT_TYPE_LABELS.get(self.current.get("event_type"), self.current.get("event_type") or ""))

    @property
    def event_date(self):
        try:
            return datetime.date.fromisoformat(self.current.get("event_date") or "")
        except ValueError:
            return None

    @property
    def current(self) -> dict:
        """The record as it stands: the correction when there is one, else the proposal."""
        return self.corrected if self.corrected is not None else self.proposed
