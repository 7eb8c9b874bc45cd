"""Yearly assessment of dân vận duties (QĐ 23-QĐ/TW Điều 1; provincial rules such as Quy chế 20-QC/TU).

A province's Ban configures a `Scheme` per year and kind of body (criteria with maximum scores and, when the
province uses them, weights; the grade thresholds) — all data, copied from last year with one action. Each body
assessed gets an `Assessment` with one `CriterionScore` per criterion: its self-score, note and evidence files,
then the Ban's score and comment. The grade is computed from the thresholds, never typed.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BodyGroup(models.TextChoices):
    PARTY = "party", _("Party committees")
    GOVERNMENT = "government", _("Government bodies")
    FRONT = "front", _("The Front and the organisations")
    ARMED = "armed", _("The armed forces")


class Grade(models.TextChoices):
    EXCELLENT = "excellent", "Hoàn thành xuất sắc nhiệm vụ"
    GOOD = "good", "Hoàn thành tốt nhiệm vụ"
    PASSED = "passed", "Hoàn thành nhiệm vụ"
    FAILED = "failed", "Không hoàn thành nhiệm vụ"


class Scheme(models.Model):
    """The criteria and thresholds of one year's assessment of one kind of body, set by a province's Ban."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Being prepared")
        OPEN = "open", _("Under way")
        CLOSED = "closed", _("Report issued")

    code = models.CharField(max_length=20, unique=True)  # DG-2026-000001
    # The Ban that runs it (Ban Tuyên giáo và Dân vận Tỉnh ủy); bodies come from its committee's subtree.
    unit = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="assessment_schemes")
    year = models.PositiveSmallIntegerField()
    group = models.CharField(max_length=12, choices=BodyGroup)
    title = models.CharField(max_length=255)
    # Weights: each criterion's score counts as score / max × weight and the weights total 100. Without weights
    # the total is the plain sum of the scores.
    uses_weights = models.BooleanField(default=False)
    # Lowest total for each grade; below `passed_min` is "không hoàn thành".
    excellent_min = models.DecimalField(max_digits=6, decimal_places=2, default=90)
    good_min = models.DecimalField(max_digits=6, decimal_places=2, default=75)
    passed_min = models.DecimalField(max_digits=6, decimal_places=2, default=50)
    self_due = models.DateField(null=True, blank=True)
    # Extra "Căn cứ …" lines of the report (the province's Quy chế), one per line.
    basis = models.TextField(blank=True)
    status = models.CharField(max_length=8, choices=Status, default=Status.DRAFT)
    copied_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-year", "group", "id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "group"], name="assessment_scheme_unique"),
        ]

    def __str__(self) -> str:
        return self.title


class Criterion(models.Model):
    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=500)
    max_score = models.DecimalField(max_digits=6, decimal_places=2)
    weight = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    # A system figure offered as evidence (assessments.measures), e.g. "reports.on_time"; empty: none.
    measure = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title


class Assessment(models.Model):
    """One body's assessment for one scheme."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Self-assessment due")
        SUBMITTED = "submitted", _("Waiting for review")
        REVIEWED = "reviewed", _("Reviewed")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="assessments")
    body = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    self_total = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    review_total = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    grade = models.CharField(max_length=10, choices=Grade, blank=True)
    rank = models.PositiveSmallIntegerField(null=True, blank=True)
    review_comment = models.TextField(blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["rank", "body__sort_order", "id"]
        constraints = [models.UniqueConstraint(fields=["scheme", "body"], name="assessment_body_unique")]
        indexes = [
            # The inbox: assessments of the bodies in a person's scope, by status.
            models.Index(fields=["body", "status"], name="assessment_body_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.scheme_id}: {self.body_id}"


class CriterionScore(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    self_score = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    self_note = models.TextField(blank=True)
    # The system's figure as shown when the body submitted ("12/14 báo cáo đúng hạn"), kept for the report.
    figure = models.CharField(max_length=255, blank=True)
    review_score = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    review_note = models.TextField(blank=True)

    class Meta:
        ordering = ["criterion__order", "criterion_id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="assessment_score_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.assessment_id}/{self.criterion_id}"


class Evidence(models.Model):
    """A file a body attaches to a criterion (minutes, a decision, a photo)."""

    score = models.ForeignKey(CriterionScore, on_delete=models.CASCADE, related_name="evidence")
    file = models.ForeignKey("core.StoredFile", on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]

    def __str__(self) -> str:
        return str(self.file_id)


# The kinds of bodies each group assesses (organisations.OrgUnit.Kind values).
GROUP_KINDS: dict[str, tuple[str, ...]] = {
    BodyGroup.PARTY: ("party_committee",),
    BodyGroup.GOVERNMENT: ("peoples_committee", "peoples_council", "government", "legislature"),
    BodyGroup.FRONT: ("fatherland_front", "farmers_union", "womens_union", "youth_union", "veterans", "trade_union"),
    BodyGroup.ARMED: ("police", "military"),
}
