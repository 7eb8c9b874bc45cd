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


class SubmissionToken(models.Model):
    """A key that may be used once: a form's one-time token (`form:<hex>`, rendered by `{% form_token %}`) or a
    document's identity (`doc:…`). Inserted in the same transaction as the write it guards, so a second insert of
    the same key fails there and then: a double click or a replay never writes twice (core.submissions)."""

    key = models.CharField(max_length=160, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.CASCADE, related_name="+")
    # Where the first submission led (its redirect): a replay is sent there instead of writing again.
    location = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)  # prune_submission_tokens

    def __str__(self) -> str:
        return self.key
