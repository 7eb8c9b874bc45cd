import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Frequency(models.TextChoices):
    MONTH = "month", _("Monthly")
    QUARTER = "quarter", _("Quarterly")
    HALF_YEAR = "half", _("6 months")
    NINE_MONTHS = "nine", _("9 months")
    YEAR = "year", _("Yearly")


class Indicator(models.Model):
    """A numeric figure units report, with how it rolls up the tree."""

    class Aggregation(models.TextChoices):
        SUM = "sum", _("Sum")
        WEIGHTED_AVERAGE = "wavg", _("Average weighted by another indicator")
        NONE = "none", _("Not aggregated")

    code = models.SlugField(max_length=64, unique=True)
    name = models.CharField(max_length=255)
    unit_label = models.CharField(max_length=32)  # người, cuộc, mô hình, %, …
    aggregation = models.CharField(max_length=8, choices=Aggregation, default=Aggregation.SUM)
    weight = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    is_percentage = models.BooleanField(default=False)
    decimal_places = models.PositiveSmallIntegerField(default=0)  # 0: a count, whole numbers only
    # The unit that defined it; None for the national starter set.
    owner = models.ForeignKey(
        "organisations.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_active = models.BooleanField(default=True)
    # Filled by the system from another module instead of typed in (reports/sources.py), e.g.
    # "initiatives.registered"; empty for figures units enter. No `choices`: apps register sources at start-up.
    source = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.unit_label})"


class ReportForm(models.Model):
    """A report form: sections of indicators and narrative parts, due from some kinds of units in a subtree."""

    code = models.SlugField(max_length=64)
    version = models.PositiveSmallIntegerField(default=1)
    name = models.CharField(max_length=255)
    frequency = models.CharField(max_length=8, choices=Frequency)
    owner = models.ForeignKey(
        "organisations.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Who reports: units of these kinds under `scope` (the whole country when scope is empty).
    scope = models.ForeignKey(
        "organisations.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    unit_kinds = models.JSONField(default=list)
    # Submission deadline: this many working days after the period's cut-off (Khánh Hòa QĐ 01/2023 uses 2).
    due_working_days = models.PositiveSmallIntegerField(default=2)
    # The day figures are cut off each month: 14 (NĐ 09/2019: the 15th to the 14th), another day a province
    # chooses, or 0 for calendar periods (the 1st to the month's end).
    cutoff_day = models.PositiveSmallIntegerField(default=14)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="reportform_code_version")]

    def __str__(self) -> str:
        return self.name


class FormSection(models.Model):
    class Kind(models.TextChoices):
        FIGURES = "figures", _("Figures")
        NARRATIVE = "narrative", _("Narrative")

    form = models.ForeignKey(ReportForm, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=255)
    kind = models.CharField(max_length=10, choices=Kind)
    # For narrative parts: a stable key, so sub-units' texts can be gathered under the same heading.
    key = models.SlugField(max_length=32, blank=True)
    indicators = models.ManyToManyField(Indicator, through="FormItem", related_name="+")

    class Meta:
        ordering = ["form", "order"]

    def __str__(self) -> str:
        return self.title


class FormItem(models.Model):
    section = models.ForeignKey(FormSection, on_delete=models.CASCADE, related_name="items")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["section", "order"]
        constraints = [models.UniqueConstraint(fields=["section", "indicator"], name="formitem_unique")]

    def __str__(self) -> str:
        return f"{self.section} / {self.indicator}"


class ReportingPeriod(models.Model):
    """A reporting period: by default the official cut-offs of NĐ 09/2019 (15th → 14th)."""

    frequency = models.CharField(max_length=8, choices=Frequency)
    year = models.PositiveSmallIntegerField()
    number = models.PositiveSmallIntegerField()  # month 1-12, quarter 1-4, 1 for 6 and 9 months and the year
    cutoff_day = models.PositiveSmallIntegerField(default=14)  # see ReportForm.cutoff_day
    start_date = models.DateField()
    end_date = models.DateField()

    class Meta:
        ordering = ["-year", "frequency", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["frequency", "year", "number", "cutoff_day"], name="reportingperiod_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def key(self) -> str:
        """Readable identifier used in URLs and templates: "quarter-2026-1" (official cut-off) or "quarter-2026-1-c0"."""
        base = f"{self.frequency}-{self.year}-{self.number}"
        return base if self.cutoff_day == 14 else f"{base}-c{self.cutoff_day}"

    @property
    def label(self) -> str:
        # Only the period's own label is built: a month numbered 5 to 12 has no quarter numeral.
        if self.frequency == Frequency.MONTH:
            return f"Tháng {self.number}/{self.year}"
        if self.frequency == Frequency.QUARTER:
            return f"Quý {['I', 'II', 'III', 'IV'][self.number - 1]}/{self.year}"
        return {
            Frequency.HALF_YEAR: f"6 tháng đầu năm {self.year}",
            Frequency.NINE_MONTHS: f"9 tháng năm {self.year}",
            Frequency.YEAR: f"Năm {self.year}",
        }[self.frequency]


class Submission(models.Model):
    """One unit's report for one form and period."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned")
        APPROVED = "approved", _("Approved")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    form = models.ForeignKey(ReportForm, on_delete=models.PROTECT, related_name="submissions")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="submissions")
    unit = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="submissions")
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    # Optimistic locking: a save must name the version it started from.
    version = models.PositiveIntegerField(default=1)
    due_date = models.DateField()
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    return_comment = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["form", "period", "unit"], name="submission_unique"),
        ]
        indexes = [
            # Completeness of one form and period over a subtree.
            models.Index(fields=["form", "period", "status"], name="submission_form_period_idx"),
            # PostgreSQL also has submission_completeness_cover, (form, period, unit) INCLUDE (status,
            # submitted_at, due_date), made in SQL by migration 0012: the completeness reads are index-only.
        ]

    def __str__(self) -> str:
        return f"{self.form} — {self.period} — {self.unit}"

    @property
    def is_on_time(self) -> bool | None:
        if self.submitted_at is None:
            return None
        from django.utils import timezone

        return timezone.localtime(self.submitted_at).date() <= self.due_date

    @property
    def is_editable(self) -> bool:
        return self.status in {self.Status.DRAFT, self.Status.RETURNED}


class DataValue(models.Model):
    """One figure: (indicator, period, unit). Counted in roll-ups once its report is submitted (`is_final`)."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(max_digits=16, decimal_places=2)
    # Set by the submit / return services, never by hand: drafts do not count in roll-ups.
    is_final = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["submission", "indicator"], name="datavalue_unique"),
        ]
        indexes = [
            # Roll-up: WHERE period = … AND is_final, joined to the closure table on unit.
            models.Index(fields=["period", "unit", "indicator"], name="datavalue_period_unit_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}@{self.unit_id}/{self.period_id} = {self.value}"


class NarrativeEntry(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="narratives")
    key = models.SlugField(max_length=32)
    text = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["submission", "key"], name="narrative_unique")]

    def __str__(self) -> str:
        return f"{self.submission_id}/{self.key}"


class Notice(models.Model):
    """An in-app notice (a reminder to report, for now)."""

    unit = models.ForeignKey("organisations.OrgUnit", on_delete=models.CASCADE, related_name="+")
    text = models.CharField(max_length=500)
    link = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["unit", "created_at"], name="notice_unit_idx")]

    def __str__(self) -> str:
        return self.text


class RollupTotal(models.Model):
    """The running total of an indicator for a unit's whole subtree and a period.

    Kept in step with the final figures by the submit / return services, in the same transaction: a roll-up is
    live without summing thousands of rows on every read (see docs/decisions/0005-live-rollups.md).
    `verify_rollups` recomputes them from DataValue and reports (or repairs) any difference.
    """

    unit = models.ForeignKey("organisations.OrgUnit", on_delete=models.CASCADE, related_name="+")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="+")
    total = models.DecimalField(max_digits=20, decimal_places=2, default=0)
    # For weighted averages: Σ value × weight and Σ weight over the units that reported both.
    weighted_sum = models.DecimalField(max_digits=24, decimal_places=4, default=0)
    weight_sum = models.DecimalField(max_digits=20, decimal_places=2, default=0)
    reports = models.IntegerField(default=0)  # how many final figures make the total

    class Meta:
        constraints = [
            # Also the index of every roll-up read: WHERE unit = … AND indicator IN … AND period IN ….
            models.UniqueConstraint(fields=["unit", "indicator", "period"], name="rolluptotal_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.indicator_id}/{self.period_id} = {self.total}"


class CompletenessList(models.Model):
    """The units that owe a form in a subtree, in the completeness table's order (depth, order, name, id), stored
    once per tree version (decision 0043): a page of the table is a range of positions and its reports are read
    by key, instead of sorting thousands of units on every request. Derived data, rebuilt by
    `reports.completeness` when `tree_version` differs from the tree's (`organisations.TreeVersion`)."""

    # "<unit id>:<form scope id or 0>:<the form's unit kinds, sorted>": forms with the same kinds share a list.
    key = models.CharField(max_length=600, unique=True)
    tree_version = models.PositiveBigIntegerField()
    size = models.PositiveIntegerField(default=0)
    built_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.key} @{self.tree_version} ({self.size})"


class CompletenessEntry(models.Model):
    """One unit of a `CompletenessList` at its position, with what the table shows of it."""

    list = models.ForeignKey(CompletenessList, on_delete=models.CASCADE, related_name="entries", db_index=False)
    position = models.PositiveIntegerField()
    # No constraint: a dissolved or deleted unit changes the tree version, and the list is rebuilt without it.
    unit = models.ForeignKey(
        "organisations.OrgUnit", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    code = models.CharField(max_length=40)
    name = models.CharField(max_length=255)
    parent_name = models.CharField(max_length=255, blank=True)
    province_name = models.CharField(max_length=255, blank=True)  # at the root only

    class Meta:
        constraints = [
            # Also the index of a page: WHERE list_id = … AND position >= … ORDER BY position LIMIT ….
            models.UniqueConstraint(fields=["list", "position"], name="completenessentry_position"),
        ]

    def __str__(self) -> str:
        return f"{self.list_id}#{self.position} {self.code}"
