import uuid

from django.conf import settings
from django.db import models


class StoredFile(models.Model):
    """An uploaded file kept in the database: the app may run on several machines, and no local disk is the only
    copy of anything (ARCHITECTURE.md). Served only through views that check access to what it belongs to."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    content = models.BinaryField()
    # Set for files written through DatabaseStorage (a FileField's name, e.g. "initiatives/2026/11/ab12.jpg").
    key = models.CharField(max_length=255, unique=True, null=True, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class CodeSequence(models.Model):
    """The last number handed out per code prefix and year, behind readable public codes (DT-2026-000123,
    MH-…, PT-…, HT-…). `core.sequences.next_in_sequence` updates the row, which locks it: race-safe."""

    prefix = models.CharField(max_length=8)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="codesequence_prefix_year")]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}: {self.last}"


class InboxSeen(models.Model):
    """When a person last marked their notices read: the bell counts the notices received after it."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    seen_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.user_id}: {self.seen_at:%Y-%m-%d %H:%M}"
