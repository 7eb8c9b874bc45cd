"""Emulation movements (phong trào thi đua) and campaigns (cuộc vận động): targets, reporting rounds,
participants and their results, activities that become work-plan tasks, and awards at closing."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Movement(models.Model):
    """A movement or campaign launched by a unit for a period; units of its scope register and report results."""

    class Kind(models.TextChoices):
        EMULATION = "emulation", _("Emulation movement (phong trào thi đua)")
        CAMPAIGN = "campaign", _("Campaign (cuộc vận động)")
        PEAK = "peak", _("Peak emulation drive (đợt thi đua cao điểm)")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        LAUNCHED = "launched", _("Launched")
        CLOSED = "closed", _("Closed")

    code = models.CharField(max_length=20, unique=True)  # PT-2026-000012
    # The body that launches it (e.g. the Ban Tuyên giáo và Dân vận Thành ủy Bắc Ninh).
    unit = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="movements_launched")
    # Whose subtree takes part: the launching unit itself, or, for a Party committee's advisory board (Ban TG&DV,
    # Ban Dân vận), the Party committee it serves — a board has no units below it in the tree.
    scope_unit = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=12, choices=Kind, default=Kind.EMULATION)
    name = models.CharField(max_length=255)
    name_folded = models.CharField(max_length=255)
    description = models.TextField(blank=True)  # theme, content, who it calls on
    start_date = models.DateField()
    end_date = models.DateField()
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    # "Dân vận khéo" movements: the scoreboard also counts the models each participant's subtree registered.
    counts_initiatives = models.BooleanField(default=False)
    plan = models.ForeignKey(
        "workplans.WorkPlan", null=True, blank=True, on_delete=models.PROTECT, related_name="movements"
    )
    # Scoreboard weights in percent; they add up to 100.
    results_weight = models.PositiveSmallIntegerField(default=70)
    completeness_weight = models.PositiveSmallIntegerField(default=30)
    launched_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closing_note = models.TextField(blank=True)
    # Null only for rows made by a system job (the demo loader).
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-start_date", "-id"]
        indexes = [
            # The list: movements of the units above a user (scope_unit in their ancestors), newest first.
            models.Index(fields=["scope_unit", "start_date"], name="movement_scope_start_idx"),
            models.Index(fields=["unit", "start_date"], name="movement_unit_start_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"


class MovementTarget(models.Model):
    """A target every participant works towards: name, unit of measure, value per participant, weight."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="targets")
    name = models.CharField(max_length=255)
    unit_label = models.CharField(max_length=32, blank=True)  # người, buổi, mô hình, %
    target_value = models.DecimalField(max_digits=14, decimal_places=2)
    weight = models.DecimalField(max_digits=6, decimal_places=2, default=1)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return f"{self.name}: {self.target_value} {self.unit_label}".strip()


class MovementCheckpoint(models.Model):
    """A reporting round (monthly, sơ kết, tổng kết) with its due date."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="checkpoints")
    name = models.CharField(max_length=128)
    due_date = models.DateField()

    class Meta:
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.due_date:%d/%m/%Y})"


class MovementRegistration(models.Model):
    """A unit takes part: its commitment, and its own target values where they differ from the movement's."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="registrations")
    unit = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="movement_registrations")
    commitment = models.TextField(blank=True)
    # {target id (str): value (str)} — only the targets the unit committed its own value for.
    committed_values = models.JSONField(default=dict, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    registered_at = models.DateTimeField()
    in_bulk = models.BooleanField(default=False)  # registered by the launching unit with others at once

    class Meta:
        ordering = ["id"]
        constraints = [
            # Also the index of "the registrations of a movement" and "is this unit registered?".
            models.UniqueConstraint(fields=["movement", "unit"], name="movementregistration_unique"),
        ]
        indexes = [
            # "Movements my unit takes part in".
            models.Index(fields=["unit"], name="movementreg_unit_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.movement_id} / {self.unit_id}"


class MovementReport(models.Model):
    """A participant's report for one checkpoint: cumulative results to date for every target.

    The first submission decides whether it was late; a later correction changes the values, not that.
    """

    registration = models.ForeignKey(MovementRegistration, on_delete=models.CASCADE, related_name="reports")
    checkpoint = models.ForeignKey(MovementCheckpoint, on_delete=models.CASCADE, related_name="reports")
    submitted_at = models.DateTimeField()
    corrected_at = models.DateTimeField(null=True, blank=True)
    is_late = models.BooleanField(default=False)
    note = models.TextField(blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["checkpoint__due_date", "id"]
        constraints = [
            # Also the index of the scoreboard's per-registration aggregates (WHERE registration_id IN …).
            models.UniqueConstraint(fields=["registration", "checkpoint"], name="movementreport_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.registration_id} @ {self.checkpoint_id}"


class MovementResult(models.Model):
    """The cumulative value of one target, as of one report."""

    report = models.ForeignKey(MovementReport, on_delete=models.CASCADE, related_name="results")
    target = models.ForeignKey(MovementTarget, on_delete=models.CASCADE, related_name="results")
    value = models.DecimalField(max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["target__sort_order", "target_id"]
        constraints = [models.UniqueConstraint(fields=["report", "target"], name="movementresult_unique")]

    def __str__(self) -> str:
        return f"{self.target_id}: {self.value}"


class MovementActivity(models.Model):
    """An activity of the campaign plan, assigned to a unit as a work-plan task (progress lives on the task)."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="activities")
    title = models.CharField(max_length=255)
    due_date = models.DateField()
    assignee = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="+")
    task = models.OneToOneField("workplans.Task", on_delete=models.PROTECT, related_name="movement_activity")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return self.title


class MovementAward(models.Model):
    """A title or commendation given to a participant when the movement closes."""

    class Form(models.TextChoices):
        CERTIFICATE = "giay_khen", _("Certificate of merit")
        MERIT = "bang_khen", _("Diploma of merit")
        FLAG = "co_thi_dua", _("Emulation flag")

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="awards")
    registration = models.ForeignKey(MovementRegistration, on_delete=models.PROTECT, related_name="awards")
    title = models.CharField(max_length=255)  # "Đảng bộ dân vận khéo", "Đơn vị xuất sắc"
    form = models.CharField(max_length=12, choices=Form)
    deciding_body = models.CharField(max_length=255)
    decision_number = models.CharField(max_length=64)
    decided_on = models.DateField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Optimistic locking for the correction page (core.locking).
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["decided_on", "id"]

    def __str__(self) -> str:
        return f"{self.title} — {self.get_form_display()} {self.decision_number}"
