"""Grassroots democracy (Luật Thực hiện dân chủ ở cơ sở 2022): bases, what they disclose, what residents are
consulted on and what they decide by household vote."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class BaseKind(models.TextChoices):
    COMMUNE = "commune", _("Commune, ward or special zone")
    AGENCY = "agency", _("State agency or public service unit")
    ENTERPRISE = "enterprise", _("Enterprise employing workers")


class Base(models.Model):
    """A grassroots base (cơ sở). A commune is the commune itself (its Đảng ủy unit heads its subtree); an
    agency or enterprise is registered under the unit that oversees it. Scope follows `unit`."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=12, choices=BaseKind)
    name = models.CharField(max_length=255)
    name_folded = models.CharField(max_length=255)
    unit = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="democracy_bases")
    admin_unit = models.ForeignKey(
        "organisations.AdminUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="democracy_bases"
    )
    # The province, kept on the row so the province roll-up is one indexed filter.
    province = models.ForeignKey(
        "organisations.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            # One commune base per commune.
            models.UniqueConstraint(
                fields=["admin_unit"], condition=models.Q(kind="commune"), name="democracy_base_one_per_commune"
            ),
        ]
        indexes = [models.Index(fields=["province", "kind"], name="democracy_base_prov_idx")]

    def __str__(self) -> str:
        return self.name


class Frequency(models.TextChoices):
    YEAR = "year", _("Every year")
    QUARTER = "quarter", _("Every quarter")
    EVENT = "event", _("When it arises")


class DisclosureItem(models.Model):
    """One entry of the catalogue of what a kind of base must disclose (Điều 11 for communes). Data, editable:
    wording, minimum posting days and deadlines are partly unconfirmed (DOMAIN.md §2)."""

    base_kind = models.CharField(max_length=12, choices=BaseKind)
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=500)
    legal_reference = models.CharField(max_length=255)
    frequency = models.CharField(max_length=8, choices=Frequency, default=Frequency.EVENT)
    # Days after the start of the period by which a periodic item must be posted (null: no deadline set).
    due_days = models.PositiveSmallIntegerField(null=True, blank=True)
    # Minimum posting time at the office (≥30 days is the usual figure, [unconfirmed]).
    min_days = models.PositiveSmallIntegerField(null=True, blank=True)
    # Items 7–12 of Điều 11 also go out on the loudspeakers for at least 3 consecutive days (Điều 13.3).
    loudspeaker_days = models.PositiveSmallIntegerField(null=True, blank=True)
    wording_confirmed = models.BooleanField(default=False)
    # Whether the figures above (posting time, deadline) were found in the legal text for this kind of base; when
    # not, the editor's pages show them as [unconfirmed]. Public pages never show either flag.
    days_confirmed = models.BooleanField(default=False)
    # Where the wording and the figures were checked (article, clause, and the copy of the text read).
    source = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["base_kind", "number"]
        constraints = [
            models.UniqueConstraint(fields=["base_kind", "number"], name="democracy_item_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class PostingForm(models.TextChoices):
    """Forms of publicising (Điều 12)."""

    NOTICE_BOARD = "niem_yet", "Niêm yết tại trụ sở"
    PORTAL = "cong_thong_tin", "Cổng/trang thông tin điện tử"
    LOUDSPEAKER = "loa", "Hệ thống loa truyền thanh"
    VILLAGE_HEADS = "truong_thon", "Qua Trưởng thôn, Tổ trưởng tổ dân phố"
    WRITTEN_NOTICE = "van_ban", "Thông báo bằng văn bản"
    DIALOGUE = "doi_thoai", "Hội nghị đối thoại"
    RECEPTION = "tiep_dan", "Tiếp công dân, tiếp xúc cử tri, báo chí"
    ORGANISATIONS = "doan_the", "Thông tin tới MTTQ và các tổ chức chính trị - xã hội"
    OTHER = "khac", "Hình thức khác"


class Disclosure(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    base = models.ForeignKey(Base, on_delete=models.PROTECT, related_name="disclosures")
    item = models.ForeignKey(DisclosureItem, on_delete=models.PROTECT, related_name="disclosures")
    title = models.CharField(max_length=255)
    forms_used = models.JSONField(default=list, blank=True)  # PostingForm values
    loudspeaker_days = models.PositiveSmallIntegerField(null=True, blank=True)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)  # null: still posted
    is_published = models.BooleanField(default=False)  # shown on the portal
    withdrawn_note = models.CharField(max_length=255, blank=True)
    posted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-start_date", "-id"]
        indexes = [
            # Compliance: a base's disclosures starting in a period.
            models.Index(fields=["base", "start_date"], name="democracy_discl_base_idx"),
            # The portal page: a base's published disclosures.
            models.Index(fields=["base", "is_published", "start_date"], name="democracy_discl_pub_idx"),
            # The national compliance roll-up: every disclosure starting in a period (decision 0042).
            models.Index(fields=["start_date"], name="democracy_discl_start_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def posted_days(self, today) -> int:
        last = min(self.end_date, today) if self.end_date else today
        return max((last - self.start_date).days + 1, 0)

    def forms_labels(self) -> list[str]:
        return [PostingForm(v).label for v in self.forms_used if v in PostingForm.values]


class DisclosureFile(models.Model):
    disclosure = models.ForeignKey(Disclosure, on_delete=models.CASCADE, related_name="files")
    file = models.ForeignKey("core.StoredFile", on_delete=models.PROTECT, related_name="democracy_disclosure_links")

    def __str__(self) -> str:
        return str(self.file)


class Rule(models.Model):
    """A figure the law sets that officials may correct (minimum consultation days, default vote threshold)."""

    code = models.SlugField(max_length=64, unique=True)
    label = models.CharField(max_length=255)
    value = models.DecimalField(max_digits=8, decimal_places=2)
    legal_reference = models.CharField(max_length=255, blank=True)
    confirmed = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.label}: {self.value}"


class Consultation(models.Model):
    """A draft put out for residents' comments (Điều 25–29)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    base = models.ForeignKey(Base, on_delete=models.PROTECT, related_name="consultations")
    title = models.CharField(max_length=255)
    description = models.TextField(blank=True)
    opens_on = models.DateField()
    closes_on = models.DateField()
    # The commune's summary of how comments were taken into account (tiếp thu, giải trình).
    uptake_summary = models.TextField(blank=True)
    is_published = models.BooleanField(default=False)
    withdrawn_note = models.CharField(max_length=255, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-opens_on", "-id"]
        indexes = [models.Index(fields=["base", "closes_on"], name="democracy_consult_base_idx")]

    def __str__(self) -> str:
        return self.title

    def is_open(self, today) -> bool:
        return self.opens_on <= today <= self.closes_on

    def is_closed(self, today) -> bool:
        return today > self.closes_on


class ConsultationFile(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="files")
    file = models.ForeignKey("core.StoredFile", on_delete=models.PROTECT, related_name="democracy_consultation_links")

    def __str__(self) -> str:
        return str(self.file)


class Comment(models.Model):
    class Channel(models.TextChoices):
        MEETING = "meeting", "Hội nghị, cuộc họp"
        BOX = "box", "Hòm thư góp ý"
        PORTAL = "portal", "Cổng thông tin (công dân gửi)"
        WRITTEN = "written", "Văn bản, phiếu góp ý"

    class Moderation(models.TextChoices):
        PENDING = "pending", _("Awaiting moderation")
        APPROVED = "approved", _("Approved for the portal")
        REJECTED = "rejected", _("Not shown")

    class Uptake(models.TextChoices):
        NONE = "", _("Not yet considered")
        ACCEPTED = "accepted", _("Taken into account")
        PARTLY = "partly", _("Partly taken into account")
        EXPLAINED = "explained", _("Not taken; explained")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="comments")
    channel = models.CharField(max_length=8, choices=Channel)
    author_name = models.CharField(max_length=128, blank=True)
    # Never shown publicly.
    contact = models.CharField(max_length=128, blank=True)
    text = models.TextField()
    moderation = models.CharField(max_length=8, choices=Moderation, default=Moderation.PENDING)
    uptake = models.CharField(max_length=9, choices=Uptake, blank=True, default="")
    response = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["consultation", "moderation"], name="democracy_comment_mod_idx")]

    def __str__(self) -> str:
        return self.text[:60]


class Matter(models.Model):
    """A matter residents decide (Điều 15), with the household vote's figures and its computed result."""

    class Subject(models.TextChoices):
        INFRASTRUCTURE = "infrastructure", "Xây dựng công trình công cộng, đóng góp của nhân dân"
        CONTRIBUTIONS = "contributions", "Thu, chi, quản lý các khoản đóng góp, quỹ của cộng đồng"
        CONVENTION = "convention", "Nội dung hương ước, quy ước"
        VILLAGE_HEAD = "village_head", "Bầu, cho thôi làm Trưởng thôn, Tổ trưởng tổ dân phố"
        BOARDS = "boards", "Bầu, bãi nhiệm Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng"
        OTHER = "other", "Công việc tự quản khác"

    class Method(models.TextChoices):
        MEETING = "meeting", "Hội nghị cử tri hoặc cử tri đại diện hộ gia đình"
        BALLOT = "ballot", "Bỏ phiếu kín theo hộ gia đình"
        WRITTEN = "written", "Phát phiếu lấy ý kiến"

    class Result(models.TextChoices):
        PENDING = "pending", _("Vote not recorded yet")
        NOT_DECIDED = "not_decided", _("Not decided (turnout below the quorum)")
        # "Approved" alone is a report's approval ("Đã duyệt"); residents' votes pass ("Được thông qua").
        APPROVED = "approved", pgettext_lazy("vote result", "Approved")
        REJECTED = "rejected", _("Not approved")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    base = models.ForeignKey(Base, on_delete=models.PROTECT, related_name="matters")
    title = models.CharField(max_length=255)
    subject = models.CharField(max_length=16, choices=Subject)
    description = models.TextField(blank=True)
    # A thôn / tổ dân phố of the commune, or null for the whole commune.
    village = models.ForeignKey(
        "organisations.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    method = models.CharField(max_length=8, choices=Method)
    voted_on = models.DateField(null=True, blank=True)
    eligible_households = models.PositiveIntegerField(null=True, blank=True)
    turnout = models.PositiveIntegerField(null=True, blank=True)
    votes_for = models.PositiveIntegerField(null=True, blank=True)
    votes_against = models.PositiveIntegerField(null=True, blank=True)
    # Percent of eligible households that must take part, and that must vote for (strictly more than).
    quorum_percent = models.DecimalField(max_digits=5, decimal_places=2, default=50)
    threshold_percent = models.DecimalField(max_digits=5, decimal_places=2, default=50)
    result = models.CharField(max_length=12, choices=Result, default=Result.PENDING)
    # The commune's recognition of the result (công nhận kết quả): its decision's reference and date.
    recognised_on = models.DateField(null=True, blank=True)
    recognition_reference = models.CharField(max_length=128, blank=True)
    is_published = models.BooleanField(default=False)
    withdrawn_note = models.CharField(max_length=255, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["base", "is_published"], name="democracy_matter_base_idx")]

    def __str__(self) -> str:
        return self.title


class Board(models.Model):
    """A Ban Thanh tra nhân dân (one per commune, ≥ 5 members elected per thôn) or a Ban Giám sát đầu tư của cộng
    đồng (one per project), with its term (Điều 30–45)."""

    class Kind(models.TextChoices):
        INSPECTION = "ttnd", "Ban Thanh tra nhân dân"
        INVESTMENT = "gsdtcd", "Ban Giám sát đầu tư của cộng đồng"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    base = models.ForeignKey(Base, on_delete=models.PROTECT, related_name="boards")
    kind = models.CharField(max_length=8, choices=Kind)
    project = models.CharField(max_length=255, blank=True)  # the works supervised, for a community board
    term_start = models.DateField()
    term_end = models.DateField(null=True, blank=True)
    is_published = models.BooleanField(default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "-term_start", "-id"]
        indexes = [models.Index(fields=["base", "kind"], name="democracy_board_base_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.project}".strip()


class BoardMember(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="members")
    full_name = models.CharField(max_length=128)
    position = models.CharField(max_length=64, default="Thành viên")  # Trưởng ban, Phó Trưởng ban, Thành viên
    # The thôn / tổ dân phố that elected the member (TTND members are elected per thôn).
    village = models.ForeignKey(
        "organisations.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["end_date", "id"]

    def __str__(self) -> str:
        return self.full_name


class Finding(models.Model):
    """What a board supervised, what it found, what it recommended to the commune, the answer, and whether the
    recommendation was resolved."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="findings")
    subject = models.CharField(max_length=255)  # the works or matter supervised
    found_on = models.DateField()
    finding = models.TextField()
    recommendation = models.TextField(blank=True)
    answer = models.TextField(blank=True)
    answered_on = models.DateField(null=True, blank=True)
    is_resolved = models.BooleanField(default=False)
    is_published = models.BooleanField(default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-found_on", "-id"]
        indexes = [models.Index(fields=["board", "found_on"], name="democracy_finding_board_idx")]

    def __str__(self) -> str:
        return self.subject


class Inspection(models.Model):
    """The level above checks how bases carry out grassroots democracy (kiểm tra việc thực hiện QCDC)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    unit = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=255)
    planned_from = models.DateField()
    planned_to = models.DateField()
    bases = models.ManyToManyField(Base, related_name="inspections")
    reinspection_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reinspections"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-planned_from", "-id"]

    def __str__(self) -> str:
        return self.title


class InspectionResult(models.Model):
    """The findings at one base; a required remedy becomes a work-plan task of the base's unit."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="results")
    base = models.ForeignKey(Base, on_delete=models.PROTECT, related_name="inspection_results")
    inspected_on = models.DateField()
    findings = models.TextField()
    remedy = models.TextField(blank=True)
    remedy_deadline = models.DateField(null=True, blank=True)
    task = models.ForeignKey("workplans.Task", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["base__name"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "base"], name="democracy_inspection_result_unique")
        ]

    def __str__(self) -> str:
        return f"{self.inspection_id} @ {self.base_id}"


# --- Chính quyền thân thiện: the yearly self-assessment of a commune against its province's criteria --------------


class FriendlyScheme(models.Model):
    """A province's criteria for recognising a commune as "Chính quyền thân thiện" in one year. Data, not code: the
    100-point example of DOMAIN.md §4 is only an example; each province sets its criteria and pass mark."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    province = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=255)
    # The committee's total at or above which a commune may be recognised ([unconfirmed]: set per province).
    pass_score = models.DecimalField(max_digits=6, decimal_places=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-year", "province__name"]
        constraints = [
            models.UniqueConstraint(fields=["province", "year"], name="democracy_friendly_one_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"


class FriendlyCriterion(models.Model):
    scheme = models.ForeignKey(FriendlyScheme, on_delete=models.CASCADE, related_name="criteria")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=500)
    max_points = models.DecimalField(max_digits=6, decimal_places=1)

    class Meta:
        ordering = ["scheme", "number"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "number"], name="democracy_friendly_criterion_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class FriendlyAssessment(models.Model):
    """One commune's dossier for one scheme: self-scores with evidence, then the steering committee's scores, then
    the recognition decision."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Self-assessing")
        SUBMITTED = "submitted", _("Submitted to the steering committee")
        SCORED = "scored", _("Scored by the steering committee")
        RECOGNISED = "recognised", _("Recognised")
        NOT_RECOGNISED = "not_recognised", _("Not recognised")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    scheme = models.ForeignKey(FriendlyScheme, on_delete=models.PROTECT, related_name="assessments")
    base = models.ForeignKey(Base, on_delete=models.PROTECT, related_name="friendly_assessments")
    status = models.CharField(max_length=16, choices=Status, default=Status.DRAFT)
    self_total = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    committee_total = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    decision_reference = models.CharField(max_length=128, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-scheme__year", "base__name"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "base"], name="democracy_friendly_one_per_commune"),
        ]

    def __str__(self) -> str:
        return f"{self.base} — {self.scheme}"


class FriendlyScore(models.Model):
    assessment = models.ForeignKey(FriendlyAssessment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(FriendlyCriterion, on_delete=models.PROTECT, related_name="+")
    self_score = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    self_note = models.TextField(blank=True)
    committee_score = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    committee_note = models.TextField(blank=True)

    class Meta:
        ordering = ["criterion__number"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="democracy_friendly_score_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.self_score}"


class FriendlyEvidence(models.Model):
    score = models.ForeignKey(FriendlyScore, on_delete=models.CASCADE, related_name="evidence")
    file = models.ForeignKey("core.StoredFile", on_delete=models.PROTECT, related_name="democracy_friendly_links")

    def __str__(self) -> str:
        return str(self.file_id)


# --- Mobilising residents for major projects (GPMB, tái định cư, đường giao thông nông thôn, nông thôn mới) -------


class Agreement(models.TextChoices):
    PENDING = "pending", _("Not yet agreed")
    AGREED = "agreed", _("Agreed")
    REFUSED = "refused", _("Refused")


class Project(models.Model):
    """A project residents are mobilised for, the communes it touches and its published progress (dân thụ hưởng)."""

    class Kind(models.TextChoices):
        CLEARANCE = "clearance", _("Site clearance")
        RESETTLEMENT = "resettlement", _("Resettlement")
        RURAL_ROAD = "rural_road", _("Rural road")
        NEW_RURAL = "new_rural", _("New rural development")
        OTHER = "other", _("Other works")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The unit that runs the mobilisation (province or commune): scope follows it.
    unit = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind)
    name = models.CharField(max_length=255)
    description = models.TextField(blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    bases = models.ManyToManyField(Base, related_name="projects")
    # Where residents decide on a contribution, the project uses that decision (Điều 15).
    matter = models.ForeignKey(Matter, null=True, blank=True, on_delete=models.SET_NULL, related_name="projects")
    # Leaders' dialogues with residents about the project (seed 004); their page links back (templatetags).
    dialogues = models.ManyToManyField("petitions.Dialogue", blank=True, related_name="+")
    progress = models.TextField(blank=True)  # what the commune publishes on the portal
    is_published = models.BooleanField(default=False)
    withdrawn_note = models.CharField(max_length=255, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-starts_on", "name"]

    def __str__(self) -> str:
        return self.name


class Household(models.Model):
    """A household the project affects. Personal data kept minimal: the head's name and the thôn only."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="households")
    base = models.ForeignKey(Base, on_delete=models.PROTECT, related_name="+")
    village = models.ForeignKey(
        "organisations.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    head_name = models.CharField(max_length=128)
    # The agreement after the latest contact (kept on the row for the dashboard and the refusing list).
    agreement = models.CharField(max_length=8, choices=Agreement, default=Agreement.PENDING)
    reason = models.TextField(blank=True)
    petitions = models.ManyToManyField("petitions.Petition", blank=True, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["base__name", "head_name"]
        indexes = [
            # The dashboard: a project's households per commune and agreement; the list of those refusing.
            models.Index(fields=["project", "base", "agreement"], name="democracy_household_agree_idx"),
        ]

    def __str__(self) -> str:
        return self.head_name


class Contact(models.Model):
    """One mobilisation contact with a household: who, when, and where the household stood afterwards."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="contacts")
    contacted_on = models.DateField()
    contacted_by = models.CharField(max_length=128)  # the cadre, thôn head or member who went
    agreement = models.CharField(max_length=8, choices=Agreement)
    reason = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-contacted_on", "-id"]
        indexes = [models.Index(fields=["household", "contacted_on"], name="democracy_contact_hh_idx")]

    def __str__(self) -> str:
        return f"{self.contacted_on:%d/%m/%Y} {self.contacted_by}"


# --- Supervision plans of the Ban TTND and the Ban GSĐTCĐ (Điều 30–45) ------------------------------------------


class SupervisionPlan(models.Model):
    """A board's plan for one year: what it will supervise, when, and at whom. Each item is closed by its result."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="plans")
    year = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=255)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-year", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["board", "year"], name="democracy_supervision_plan_one_per_year"),
        ]

    def __str__(self) -> str:
        return self.title


class SupervisionPlanItem(models.Model):
    """One line of a plan (content, time, target). Once its result is recorded the line is locked: the result
    also becomes a `Finding` of the board, where the commune's answer is recorded."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(SupervisionPlan, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField()
    content = models.CharField(max_length=500)
    due_on = models.DateField()
    target = models.CharField(max_length=255)
    findings = models.TextField(blank=True)
    recommendations = models.TextField(blank=True)
    result_on = models.DateField(null=True, blank=True)
    result_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    finding = models.OneToOneField(Finding, null=True, blank=True, on_delete=models.SET_NULL, related_name="plan_item")
    # The day the scheduled reminder told the commune the item is overdue: it is told once per item.
    reminded_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "number", "id"]
        indexes = [
            # The inbox: items without a result due before a date.
            models.Index(fields=["result_on", "due_on"], name="democracy_planitem_due_idx"),
        ]

    def __str__(self) -> str:
        return self.content

    @property
    def is_locked(self) -> bool:
        return self.result_on is not None


class ComplianceQuarter(models.Model):
    """A calendar quarter of one kind of base whose compliance table is stored (`ComplianceSummary`), and what it
    was built from: the tree's version and the catalogue's figures. Either differing makes the next read rebuild it
    (decision 0047); a disclosure posted or corrected updates its base's row in the same transaction, locking that
    row only (decision 0055)."""

    kind = models.CharField(max_length=12, choices=BaseKind)
    start = models.DateField()
    end = models.DateField()
    tree_version = models.PositiveBigIntegerField()
    catalogue = models.CharField(max_length=2000)
    built_at = models.DateTimeField()
    # The whole country's rows, written by a rebuild (a posting never changes it). Those behind are counted with
    # the quarter on the page's index: a counter here would make every posting of the country wait on this row.
    total = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "start"], name="democracy_compliance_quarter_one"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.start:%Y-%m-%d} @{self.tree_version}"


class ComplianceSummary(models.Model):
    """One row of a stored compliance table: a commune (with or without its base yet) or an agency / enterprise
    base, its counts for the quarter, and what the page shows and sorts by (`name_rank`: its place by province
    and name, which a count never changes)."""

    quarter = models.ForeignKey(ComplianceQuarter, on_delete=models.CASCADE, related_name="rows")
    unit = models.ForeignKey("organisations.OrgUnit", on_delete=models.CASCADE, related_name="+")
    unit_code = models.CharField(max_length=32)
    unit_name = models.CharField(max_length=255)
    base = models.ForeignKey(Base, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    base_public_id = models.UUIDField(null=True, blank=True)
    row_name = models.CharField(max_length=255, blank=True)
    province_name = models.CharField(max_length=255, blank=True)
    name_rank = models.PositiveIntegerField()
    required = models.PositiveSmallIntegerField()
    disclosed = models.PositiveSmallIntegerField()
    late = models.PositiveSmallIntegerField()
    short = models.PositiveIntegerField()
    missing = models.PositiveSmallIntegerField()
    behind = models.BooleanField()

    class Meta:
        indexes = [
            # The page: a quarter's rows, behind first, the most missing first, then by province and name.
            models.Index(
                "quarter",
                models.F("behind").desc(),
                models.F("missing").desc(),
                "name_rank",
                name="democracy_compl_sum_order",
            ),
            models.Index(fields=["base", "quarter"], name="democracy_compl_sum_base"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_code} {self.quarter_id}"
