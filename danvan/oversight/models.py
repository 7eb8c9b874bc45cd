"""Social supervision and critique (giám sát và phản biện xã hội) by the Fatherland Front and the socio-political
organisations: yearly programmes, supervisions with their recommendations and the answers, and critiques of draft
policies with the drafting body's response to each opinion.

The bodies are OrgUnits of the organisation tree (the MTTQ committee and the organisations at each level). The Ban
Thanh tra nhân dân and Ban Giám sát đầu tư của cộng đồng are `democracy.Board` rows: a supervision done through
them links the board, it does not copy it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.organisations.models import OrgUnit

# The bodies that supervise and critique: the Front's committee and the organisations (NQ 60-NQ/TW brought them
# under the Front).
SUPERVISING_KINDS = (
    OrgUnit.Kind.FATHERLAND_FRONT,
    OrgUnit.Kind.FARMERS_UNION,
    OrgUnit.Kind.WOMENS_UNION,
    OrgUnit.Kind.YOUTH_UNION,
    OrgUnit.Kind.VETERANS_ASSOCIATION,
    OrgUnit.Kind.TRADE_UNION,
)


class Programme(models.Model):
    """The yearly supervision programme (chương trình giám sát) of one Front or organisation body."""

    code = models.CharField(max_length=20, unique=True)  # CG-2026-000001
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="supervision_programmes")
    province = models.ForeignKey(OrgUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=255)
    content = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "unit__name"]
        constraints = [
            # One programme per body and year: a second one is refused on the year field.
            models.UniqueConstraint(fields=["unit", "year"], name="oversight_one_programme_a_year"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"


class SubjectKind(models.TextChoices):
    POLICY = "policy", _("A policy or law being carried out")
    BODY = "body", _("A body, an organisation or its officials")
    PROJECT = "project", _("A project or works")


class Method(models.TextChoices):
    DOCUMENTS = "documents", _("Studying documents and reports")
    DELEGATION = "delegation", _("A supervision delegation")
    BOARDS = "boards", _("Through the People's Inspection Board or the community investment supervision board")


class Supervision(models.Model):
    """One supervision: its subject, how it is done, the body supervised, the dates and what was found."""

    code = models.CharField(max_length=20, unique=True)  # GS-2026-000001
    programme = models.ForeignKey(
        Programme, null=True, blank=True, on_delete=models.PROTECT, related_name="supervisions"
    )
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="supervisions")
    # The supervising body's province, copied on the row: a province's list is one indexed filter.
    province = models.ForeignKey(OrgUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    subject_kind = models.CharField(max_length=10, choices=SubjectKind)
    subject = models.CharField(max_length=255)
    method = models.CharField(max_length=12, choices=Method)
    board = models.ForeignKey(
        "democracy.Board", null=True, blank=True, on_delete=models.PROTECT, related_name="front_supervisions"
    )
    supervised_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="supervised_by")
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    findings = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-start_date", "-id"]
        indexes = [
            # The report source "supervisions held": a unit set and a date range.
            models.Index(fields=["unit", "start_date"], name="oversight_sup_unit_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.subject}"


class Implementation(models.TextChoices):
    PENDING = "pending", _("Not yet known")
    DONE = "done", _("Carried out")
    PARTLY = "partly", _("Partly carried out")
    NOT_DONE = "not_done", _("Not carried out")


class Recommendation(models.Model):
    """A recommendation (kiến nghị) of a supervision: the body that must answer, by when, the answer, the body that
    gave it, and whether it was carried out."""

    code = models.CharField(max_length=20, unique=True)  # KN-2026-000001
    supervision = models.ForeignKey(Supervision, on_delete=models.PROTECT, related_name="recommendations")
    # The supervising body's province, copied: the follow-up list of a province is one range.
    province = models.ForeignKey(OrgUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    content = models.TextField()
    responsible_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="recommendations_due")
    deadline = models.DateField()
    answer = models.TextField(blank=True)
    answered_by_unit = models.ForeignKey(
        OrgUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="recommendations_answered"
    )
    answered_on = models.DateField(null=True, blank=True)
    implementation = models.CharField(max_length=10, choices=Implementation, default=Implementation.PENDING)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["deadline", "id"]
        indexes = [
            # The follow-up list and the inbox: recommendations not answered yet, soonest deadline first.
            models.Index(
                fields=["responsible_unit", "deadline"],
                name="oversight_rec_open_idx",
                condition=models.Q(answered_on=None),
            ),
            models.Index(fields=["province", "deadline"], name="oversight_rec_prov_idx"),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def is_answered(self) -> bool:
        return self.answered_on is not None


class Critique(models.Model):
    """A draft policy or plan sent to the Front for social critique (phản biện xã hội), and the conference held."""

    code = models.CharField(max_length=20, unique=True)  # PB-2026-000001
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="critiques")
    province = models.ForeignKey(OrgUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=255)  # the draft policy, plan or project
    drafting_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="critiques_requested")
    received_on = models.DateField()
    conference_on = models.DateField(null=True, blank=True)
    conference_place = models.CharField(max_length=255, blank=True)
    conference_summary = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["unit", "received_on"], name="oversight_critique_unit_idx")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Response(models.TextChoices):
    PENDING = "pending", _("Not answered yet")
    ACCEPTED = "accepted", _("Accepted")
    EXPLAINED = "explained", _("Not accepted, explained")


class Opinion(models.Model):
    """One opinion given in a critique, and the drafting body's response to it."""

    code = models.CharField(max_length=20, unique=True)  # YK-2026-000001
    critique = models.ForeignKey(Critique, on_delete=models.CASCADE, related_name="opinions")
    content = models.TextField()
    response = models.CharField(max_length=10, choices=Response, default=Response.PENDING)
    response_note = models.TextField(blank=True)
    responded_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.code
