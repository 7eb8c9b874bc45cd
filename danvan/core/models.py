import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


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


class JobRun(models.Model):
    """One piece of background work a person asked for (an export, an import) or the scheduler started: what it
    is, how far it got, and its result. Its owner follows it on /cong-viec/<public_id>/; nobody else sees it.
    Bookkeeping, not a domain record: the work itself is audited by the service it calls."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", pgettext_lazy("job", "Running")
        SUCCEEDED = "succeeded", _("Done")
        FAILED = "failed", _("Failed")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # "audit.export", "organisations.village_import", "reports.reminders", …
    kind = models.CharField(max_length=64)
    title = models.CharField(max_length=255)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("organisations.OrgUnit", null=True, on_delete=models.SET_NULL, related_name="+")
    # What the task needs beyond ids (filters, options): JSON, as the task's own arguments are.
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(null=True, blank=True)
    message = models.CharField(max_length=500, blank=True)
    # Row-by-row problems of an import, shown as a list.
    errors = models.JSONField(default=list, blank=True)
    result_file = models.ForeignKey(StoredFile, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    result_url = models.CharField(max_length=255, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            # jobruns_prune: finished jobs older than the retention period.
            models.Index(fields=["finished_at"], name="jobrun_finished_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.public_id}"

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.SUCCEEDED, self.Status.FAILED}

    @property
    def percent(self) -> int | None:
        if not self.total:
            return 100 if self.status == self.Status.SUCCEEDED else None
        return min(100, self.done * 100 // self.total)


class PeriodicJob(models.Model):
    """When each periodic job of settings.DANVAN_PERIODIC_JOBS is next due. `run_scheduled` moves `next_run_at`
    forward with a conditional UPDATE before it enqueues, so two runners (two machines, a cron overlap) never
    enqueue the same run twice."""

    name = models.CharField(max_length=64, unique=True)
    next_run_at = models.DateTimeField()
    last_run_at = models.DateTimeField(null=True, blank=True)
    last_task_id = models.CharField(max_length=64, blank=True)

    def __str__(self) -> str:
        return self.name


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


class InboxSeen(models.Model):
    """When a person last marked their notices read: the bell counts the notices received after it."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    seen_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.user_id}: {self.seen_at:%Y-%m-%d %H:%M}"
