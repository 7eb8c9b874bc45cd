import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class WorkPlan(models.Model):
    """A unit's work programme (chương trình công tác) or plan (kế hoạch), whose items become tasks."""

    class Kind(models.TextChoices):
        PROGRAMME = "programme", _("Work programme")
        PLAN = "plan", _("Plan")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    unit = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="work_plans")
    kind = models.CharField(max_length=10, choices=Kind)
    title = models.CharField(max_length=255)
    year = models.PositiveSmallIntegerField()
    reference = models.CharField(max_length=64, blank=True)  # "Kế hoạch số 24-KH/BDVTU"
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # Optimistic locking for the correction page (core.locking).
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-year", "-created_at"]
        indexes = [models.Index(fields=["unit", "year"], name="workplan_unit_year_idx")]

    def __str__(self) -> str:
        return self.title


class Task(models.Model):
    """Work assigned to a unit: an item of a plan, a meeting's conclusion, or on its own."""

    class Status(models.TextChoices):
        TODO = "todo", pgettext_lazy("task status", "Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(WorkPlan, null=True, blank=True, on_delete=models.CASCADE, related_name="tasks")
    title = models.TextField()
    expected_output = models.CharField(max_length=255, blank=True)
    assigned_by = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="tasks_given")
    assignee = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="tasks_received")
    coordinating = models.ManyToManyField("organisations.OrgUnit", blank=True, related_name="+")
    deadline = models.DateField()
    status = models.CharField(max_length=12, choices=Status, default=Status.TODO)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    last_note = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic lock (core.locking): a progress report or a correction made on a stale page is refused.
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["deadline", "id"]
        indexes = [
            # "Tasks assigned to us": WHERE assignee IN (…) ORDER BY deadline.
            models.Index(fields=["assignee", "status", "deadline"], name="task_assignee_idx"),
            # "Tasks we assigned".
            models.Index(fields=["assigned_by", "status", "deadline"], name="task_assigned_by_idx"),
        ]

    def __str__(self) -> str:
        return self.title[:80]

    @property
    def is_open(self) -> bool:
        return self.status in {self.Status.TODO, self.Status.IN_PROGRESS}

    def is_overdue(self, today) -> bool:
        return self.is_open and self.deadline < today


class TaskUpdate(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="updates")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=12, choices=Task.Status)
    progress = models.PositiveSmallIntegerField()
    note = models.CharField(max_length=500, blank=True)
    file = models.ForeignKey("core.StoredFile", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.task_id} {self.progress}%"


class CalendarFeed(models.Model):
    """A secret address for a person's calendar (ICS): calendar apps cannot log in, so the token is the key."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"calendar of {self.user_id}"
