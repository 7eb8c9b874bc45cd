"""“Dân vận khéo” model initiatives: registration, progress, evaluation, recognition, replication."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.files import DatabaseStorage


class Field(models.TextChoices):
    ECONOMY = "kinh_te", _("Economy")
    CULTURE_SOCIETY = "van_hoa_xa_hoi", _("Culture and society")
    DEFENCE_SECURITY = "quoc_phong_an_ninh", _("Defence and security")
    POLITICAL_SYSTEM = "xay_dung_htct", _("Building the political system")


class Status(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    APPROVED = "approved", _("Approved")
    IN_PROGRESS = "in_progress", _("In progress")
    EVALUATED = "evaluated", _("Evaluated")
    RECOGNISED = "recognised", _("Recognised")
    OUTSTANDING = "outstanding", _("Outstanding (tiêu biểu)")
    PROPOSED = "proposed", _("Proposed for commendation")
    REJECTED = "rejected", _("Rejected")


# The statuses a recognition decision can give, and the ones that count as "recognised" in figures and the library.
RECOGNISED_STATUSES = (Status.RECOGNISED, Status.OUTSTANDING, Status.PROPOSED)


class Level(models.TextChoices):
    COMMUNE = "commune", _("Commune")
    PROVINCE = "province", _("Province")


class Initiative(models.Model):
    """A model (mô hình) or exemplar (điển hình) registered by a unit for a year."""

    class Kind(models.TextChoices):
        COLLECTIVE = "collective", _("Collective (tập thể)")
        INDIVIDUAL = "individual", _("Individual (cá nhân)")

    code = models.CharField(max_length=20, unique=True)  # MH-2026-000123
    unit = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="initiatives")
    # The province the unit belongs to, kept on the row so the library filters by province without a join.
    province = models.ForeignKey(
        "organisations.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=255)
    name_folded = models.CharField(max_length=255)
    # Folded name and goal, with a leading space per word, for "every word matches" search.
    search_text = models.TextField(default="", blank=True)
    field = models.CharField(max_length=24, choices=Field)
    new_rural = models.BooleanField(default=False)  # “Dân vận khéo trong xây dựng nông thôn mới”
    kind = models.CharField(max_length=12, choices=Kind, default=Kind.COLLECTIVE)
    person_name = models.CharField(max_length=128, blank=True)  # the exemplar, when individual
    goal = models.TextField()
    participants = models.TextField(blank=True)  # who is mobilised (hội viên, đoàn viên, nhân dân thôn …)
    people_mobilised = models.PositiveIntegerField(null=True, blank=True)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status, default=Status.REGISTERED)
    decision_note = models.TextField(blank=True)  # approval note or rejection reason
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    recognition_level = models.CharField(max_length=8, choices=Level, blank=True)
    replicated_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replicas"
    )
    # The first model of the lineage (null on the first model itself): the whole lineage is one indexed query.
    lineage_root = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="lineage_members"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "-id"]
        indexes = [
            # Duplicate-name warning and a unit's models for a year.
            models.Index(fields=["unit", "year", "name_folded"], name="initiative_unit_year_idx"),
            # Library filters: province, year, status.
            models.Index(fields=["province", "year", "status"], name="initiative_prov_year_idx"),
            models.Index(fields=["year", "status"], name="initiative_year_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    @property
    def is_recognised(self) -> bool:
        return self.status in RECOGNISED_STATUSES


class InitiativeTarget(models.Model):
    """A measurable target of a model: indicator, unit of measure, target value."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="targets")
    indicator = models.CharField(max_length=255)
    unit_label = models.CharField(max_length=32, blank=True)  # "hộ", "km", "triệu đồng"
    target_value = models.DecimalField(max_digits=14, decimal_places=2)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.target_value} {self.unit_label}".strip()


class InitiativeUpdate(models.Model):
    """A periodic progress update, with results against the targets."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="updates")
    reported_on = models.DateField()
    note = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-reported_on", "-id"]
        indexes = [
            # The latest update of each model of a lineage.
            models.Index(fields=["initiative", "reported_on"], name="initupdate_init_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.initiative_id} @ {self.reported_on}"


class InitiativeResult(models.Model):
    update = models.ForeignKey(InitiativeUpdate, on_delete=models.CASCADE, related_name="results")
    target = models.ForeignKey(InitiativeTarget, on_delete=models.CASCADE, related_name="results")
    value = models.DecimalField(max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["target__sort_order", "target_id"]
        constraints = [models.UniqueConstraint(fields=["update", "target"], name="initresult_unique")]

    def __str__(self) -> str:
        return f"{self.target_id}: {self.value}"


class EvaluationScheme(models.Model):
    """The criteria a province's council scores with in a year. The starter scheme has no unit and no year."""

    unit = models.ForeignKey(
        "organisations.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="evaluation_schemes"
    )
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    name = models.CharField(max_length=255)
    is_starter = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "id"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="evaluationscheme_unit_year")]

    def __str__(self) -> str:
        return self.name


class EvaluationCriterion(models.Model):
    scheme = models.ForeignKey(EvaluationScheme, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(max_length=255)
    max_score = models.DecimalField(max_digits=6, decimal_places=2)
    weight = models.DecimalField(max_digits=5, decimal_places=2, default=1)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.max_score})"


class Evaluation(models.Model):
    """A council member's scoring of a model against every criterion of the scheme (so always complete)."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="evaluations")
    scheme = models.ForeignKey(EvaluationScheme, on_delete=models.PROTECT, related_name="evaluations")
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    evaluated_on = models.DateField()
    total = models.DecimalField(max_digits=8, decimal_places=2)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-evaluated_on", "-id"]

    def __str__(self) -> str:
        return f"{self.initiative_id}: {self.total}"


class EvaluationScore(models.Model):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(EvaluationCriterion, on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField(max_digits=6, decimal_places=2)

    class Meta:
        ordering = ["criterion__sort_order", "criterion_id"]
        constraints = [models.UniqueConstraint(fields=["evaluation", "criterion"], name="evaluationscore_unique")]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.score}"


class Recognition(models.Model):
    """A recognition decision: the level that recognised the model and the status it gave."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="recognitions")
    level = models.CharField(max_length=8, choices=Level)
    status = models.CharField(max_length=12, choices=Status)
    decided_on = models.DateField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-decided_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_level_display()}: {self.get_status_display()}"


class Commendation(models.Model):
    class Form(models.TextChoices):
        CERTIFICATE = "giay_khen", _("Certificate of merit")
        MERIT = "bang_khen", _("Diploma of merit")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="commendations")
    form = models.CharField(max_length=12, choices=Form)
    deciding_body = models.CharField(max_length=255)  # "Chủ tịch UBND tỉnh Bắc Ninh"
    decision_number = models.CharField(max_length=64)
    decided_on = models.DateField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-decided_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_form_display()} {self.decision_number}"


# Outside the web root, served only by the checked view.
_photo_storage = DatabaseStorage(prefix="initiatives")


def photo_storage():
    return _photo_storage


class InitiativePhoto(models.Model):
    """Evidence for a progress update: an image (JPEG, PNG or WebP, checked by content) and its thumbnail."""

    update = models.ForeignKey(InitiativeUpdate, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to="%Y/%m/", storage=photo_storage, max_length=255)
    thumbnail = models.FileField(upload_to="%Y/%m/", storage=photo_storage, max_length=255)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=32)
    size = models.PositiveIntegerField()
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name
