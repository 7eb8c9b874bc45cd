"""Citizen petitions (đơn thư) on legal deadlines: the rules table, the holiday calendar, petitions and people.

Deadlines never live in code: every limit is a `DeadlineRule` row with its article and effective dates,
so the amendments of Luật 136/2025/QH15 (in force 1/7/2026) are entered as new rows.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.files import DatabaseStorage


class Procedure(models.TextChoices):
    COMPLAINT = "khieu_nai", _("Complaint")
    DENUNCIATION = "to_cao", _("Denunciation")
    PROPOSAL = "kien_nghi", _("Recommendation or feedback")
    HANDLING = "xu_ly_don", _("Handling the petition")
    RECEPTION = "tiep_cong_dan", _("Citizen reception")


class Step(models.TextChoices):
    """The steps a rule can time. Add members here when a new law adds a step (a data change needs no more)."""

    LIMITATION = "thoi_hieu", _("Time limit for filing a complaint")
    ACCEPT_FIRST = "thu_ly_lan_1", _("Accepting a first complaint")
    RESOLVE_FIRST = "giai_quyet_lan_1", _("Resolving a first complaint")
    FILE_SECOND = "khieu_nai_lan_2", _("Time limit for a second complaint")
    ACCEPT_SECOND = "thu_ly_lan_2", _("Accepting a second complaint")
    RESOLVE_SECOND = "giai_quyet_lan_2", _("Resolving a second complaint")
    BINDING_FIRST = "hieu_luc_qd_lan_1", _("First decision takes effect")
    BINDING_SECOND = "hieu_luc_qd_lan_2", _("Second decision takes effect")
    INITIAL_HANDLING = "xu_ly_ban_dau", _("Initial handling of a denunciation")
    RESOLVE = "giai_quyet", _("Resolution")
    PROCESS = "xu_ly", _("Handling the petition")
    PARTY_ACKNOWLEDGE = "bao_tin_nhan_don_dang", _("Acknowledging receipt (head of the Party committee)")


class DayType(models.TextChoices):
    CALENDAR = "calendar", _("Calendar days")
    WORKING = "working", _("Working days")


class DeadlineRule(models.Model):
    """One legal time limit, in force from `effective_from` to `effective_to` (inclusive; null = still in force)."""

    procedure = models.CharField(max_length=16, choices=Procedure)
    step = models.CharField(max_length=32, choices=Step)
    # Lets two rules time the same step differently (e.g. a Party-body variant); "" is the general rule.
    variant = models.CharField(max_length=32, blank=True, default="")
    days = models.PositiveSmallIntegerField()
    day_type = models.CharField(max_length=8, choices=DayType, default=DayType.CALENDAR)
    # Complex cases: up to `max_extensions` extensions of `extension_days` each.
    extension_days = models.PositiveSmallIntegerField(default=0)
    max_extensions = models.PositiveSmallIntegerField(default=0)
    # Remote and hard-to-reach areas (vùng sâu, vùng xa): a longer base, and its own extension when it differs.
    remote_area_days = models.PositiveSmallIntegerField(null=True, blank=True)
    remote_area_extension_days = models.PositiveSmallIntegerField(null=True, blank=True)
    # BLDS 2015 Điều 148.5: a limit counted in days that ends on a day off ends on the next working day.
    roll_to_working_day = models.BooleanField(default=True)
    legal_basis = models.TextField()
    effective_from = models.DateField()
    effective_to = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["procedure", "step", "variant", "effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=models.F("effective_from")),
                name="deadlinerule_dates_ordered",
            ),
        ]
        indexes = [
            # deadline_for(): the rule of one key in force on a date.
            models.Index(fields=["procedure", "step", "variant", "effective_from"], name="deadlinerule_key_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_procedure_display()} / {self.get_step_display()}: {self.days} ({self.effective_from})"

    def overlapping(self):
        """Other rules with the same key whose date range meets this one's."""
        qs = DeadlineRule.objects.filter(procedure=self.procedure, step=self.step, variant=self.variant).exclude(
            pk=self.pk
        )
        qs = qs.filter(Q(effective_to__isnull=True) | Q(effective_to__gte=self.effective_from))
        if self.effective_to is not None:
            qs = qs.filter(effective_from__lte=self.effective_to)
        return qs

    def clean(self):
        if self.effective_to is not None and self.effective_from and self.effective_to < self.effective_from:
            raise ValidationError({"effective_to": "Hiệu lực đến: phải sau hoặc bằng ngày hiệu lực từ."})
        if self.effective_from:
            other = self.overlapping().first()
            if other is not None:
                end = other.effective_to.strftime("%d/%m/%Y") if other.effective_to else "nay"
                raise ValidationError(
                    {
                        "effective_from": (
                            f"Hiệu lực: trùng thời gian với quy định cùng loại đang có "
                            f"({other.effective_from:%d/%m/%Y} – {end}); hãy đặt “hiệu lực đến” cho quy định cũ "
                            f"hoặc chọn ngày khác."
                        )
                    }
                )


class Holiday(models.Model):
    """A day off for public bodies (lễ, Tết, and the government's substitute days). Editable: decided yearly."""

    date = models.DateField(unique=True)
    name = models.CharField(max_length=128)
    # True for days entered before the government's yearly notice (a lunar-calendar estimate).
    is_estimate = models.BooleanField(default=False)

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name}"


class PetitionField(models.Model):
    """The field (lĩnh vực) of a petition: a configurable list."""

    code = models.SlugField(max_length=32, unique=True)
    name = models.CharField(max_length=128)
    sort_order = models.PositiveSmallIntegerField(default=100)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


# Petition.OPEN_STATUSES as plain values, for the partial indexes of Petition.Meta (kept equal by a test).
_OPEN = ("received", "processed", "accepted", "resolving", "decision", "enforcement")


class Petition(models.Model):
    class Source(models.TextChoices):
        RECEPTION = "tiep_cong_dan", _("Citizen reception")
        POST = "buu_chinh", _("Post")
        PORTAL = "cong_thong_tin", _("Public portal")
        TRANSFERRED = "chuyen_den", _("Transferred in")

    class Category(models.TextChoices):
        COMPLAINT = "khieu_nai", _("Complaint")
        DENUNCIATION = "to_cao", _("Denunciation")
        PROPOSAL = "kien_nghi", _("Recommendation or feedback")
        MIXED = "nhieu_noi_dung", _("Several contents")
        OTHER = "khac", _("Other")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        PROCESSED = "processed", _("Processed")
        ACCEPTED = "accepted", _("Accepted (thụ lý)")
        RESOLVING = "resolving", _("Being resolved")
        DECISION = "decision", _("Decision issued")
        ENFORCEMENT = "enforcement", _("Decision being enforced")
        RESOLVED = "resolved", _("Closed: resolved")
        CLOSED_UNRESOLVED = "closed_unresolved", _("Closed: not resolved")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        TRANSFERRED = "transferred", _("Transferred")

    OPEN_STATUSES = (
        Status.RECEIVED,
        Status.PROCESSED,
        Status.ACCEPTED,
        Status.RESOLVING,
        Status.DECISION,
        Status.ENFORCEMENT,
    )

    class PetitionerKind(models.TextChoices):
        PERSON = "person", _("One person")
        GROUP = "group", _("A group, with representatives")

    code = models.CharField(max_length=20, unique=True)
    unit = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="petitions")
    # The unit's province-level ancestor (depth 1), copied at intake: a province's dashboard is one index range.
    province = models.ForeignKey(
        "organisations.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    source = models.CharField(max_length=16, choices=Source)
    category = models.CharField(max_length=16, choices=Category)
    field = models.ForeignKey(PetitionField, on_delete=models.PROTECT, related_name="petitions")
    content = models.TextField()
    # fold(content): diacritic-free search ("tranh chap dat dai") and the repeat check.
    content_folded = models.TextField(default="", blank=True)
    received_on = models.DateField()
    petitioner_kind = models.CharField(max_length=8, choices=PetitionerKind, default=PetitionerKind.PERSON)
    group_size = models.PositiveIntegerField(default=1)
    is_anonymous = models.BooleanField(default=False)
    is_ineligible = models.BooleanField(default=False)
    is_over_level = models.BooleanField(default=False)
    is_complex = models.BooleanField(default=False)
    is_remote_area = models.BooleanField(default=False)
    respondent = models.CharField(max_length=255, blank=True)  # the person or body complained about
    status = models.CharField(max_length=20, choices=Status, default=Status.RECEIVED)
    # The step now timed and when it falls due (null: no legal limit for this step).
    current_step = models.CharField(max_length=32, blank=True)
    due_on = models.DateField(null=True, blank=True)
    deadline_basis = models.TextField(blank=True)
    extensions = models.PositiveSmallIntegerField(default=0)
    accepted_on = models.DateField(null=True, blank=True)
    decision_number = models.CharField(max_length=64, blank=True)
    decision_on = models.DateField(null=True, blank=True)
    result = models.TextField(blank=True)
    closed_on = models.DateField(null=True, blank=True)
    repeat_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="repeats"
    )  # the officer linked this to an earlier petition about the same matter
    repeat_checked = models.BooleanField(default=False)  # the officer confirmed it is new
    transferred_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="transferred_to"
    )
    case = models.ForeignKey("Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="petitions")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [
            # Dashboards: a subtree's petitions received in a period. With the id, a commune's list reads its
            # (date, id) pairs from the index alone and picks the newest.
            models.Index(fields=["unit", "received_on", "id"], name="petition_unit_received_id_idx"),
            # Due/overdue lists: open petitions by due date.
            models.Index(fields=["status", "due_on"], name="petition_status_due_idx"),
            # A province's dashboard and statistics forms: one range of this index.
            models.Index(fields=["province", "received_on"], name="petition_province_received_idx"),
            # Lists and search, newest first, stopping at the page size. On PostgreSQL migration 0012 rebuilds it
            # with INCLUDE (field, status, due_on, repeat_of, is_over_level, province): a year of the whole
            # country for the national dashboard is then an index-only range, not a scan of every petition.
            models.Index(fields=["received_on", "id"], name="petition_received_idx"),
            # The repeat check's content pool: newest petitions of one field.
            models.Index(fields=["field", "received_on"], name="petition_field_received_idx"),
            # A person's due petitions (the inbox on every home page, the due list): the open ones they received,
            # and those of the few units where they may handle, by due date. Without these PostgreSQL read the
            # whole country's open due petitions from petition_status_due_idx (50,000 entries, estimated 1,500)
            # for each: 10 and 20 ms of database CPU a home page, 0.1 and 1 ms with them (perf15i).
            models.Index(
                fields=["created_by", "due_on"],
                condition=Q(status__in=_OPEN),
                name="petition_open_creator_due_idx",
            ),
            models.Index(fields=["unit", "due_on"], condition=Q(status__in=_OPEN), name="petition_open_unit_due_idx"),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def current_step_label(self) -> str:
        """The step's name as people say it ("Xử lý đơn"), never its key ("xu_ly")."""
        return Step(self.current_step).label if self.current_step in Step.values else self.current_step

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def is_denunciation(self) -> bool:
        return self.category == self.Category.DENUNCIATION

    @property
    def procedure(self) -> str:
        if self.category == self.Category.COMPLAINT:
            return Procedure.COMPLAINT
        if self.category == self.Category.DENUNCIATION:
            return Procedure.DENUNCIATION
        return Procedure.PROPOSAL


class _PersonFields(models.Model):
    full_name = models.CharField(max_length=128, blank=True)
    name_folded = models.CharField(max_length=128, blank=True)
    cccd = models.CharField(max_length=12, blank=True)  # căn cước công dân: 12 digits
    phone = models.CharField(max_length=15, blank=True)
    address = models.CharField(max_length=255, blank=True)
    is_representative = models.BooleanField(default=False)

    class Meta:
        abstract = True


class Petitioner(_PersonFields):
    """A person who sent a petition (not a denouncer: those live in ConfidentialIdentity)."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="petitioners")

    class Meta:
        indexes = [
            # The repeat check: earlier petitions by the same CCCD, phone or folded name.
            models.Index(fields=["cccd"], name="petitioner_cccd_idx"),
            models.Index(fields=["phone"], name="petitioner_phone_idx"),
            models.Index(fields=["name_folded"], name="petitioner_name_idx"),
        ]

    def __str__(self) -> str:
        return self.full_name


class ConfidentialIdentity(_PersonFields):
    """The identity of a denouncer (người tố cáo), kept apart by law (Luật Tố cáo 2018).

    Read only through services.confidential_identity_reveal, which checks the handler assignment and audits.
    """

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="+")

    def __str__(self) -> str:
        return "[bảo mật]"


class PetitionHandler(models.Model):
    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="handlers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="petition_assignments")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    assigned_at = models.DateTimeField(auto_now_add=True)
    # A denunciation's handler proposed by someone who may not decide alone (permissions.can_decide_denunciation_
    # handler): not a handler — no access, no identity — until a leader approves.
    pending = models.BooleanField(default=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["petition", "user"], name="petitionhandler_unique")]

    def __str__(self) -> str:
        return f"{self.petition_id}: {self.user_id}"


class PetitionEvent(models.Model):
    """The petition's timeline: one row per transition, with the deadline it set."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    on = models.DateField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    status_from = models.CharField(max_length=20, blank=True)
    status_to = models.CharField(max_length=20)
    due_on = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.on:%d/%m/%Y} {self.status_from} → {self.status_to}"

    @property
    def is_correction(self) -> bool:
        """A correction of the recorded details (services.petition_correct): the status did not move."""
        return self.status_from == self.status_to

    @property
    def status_to_label(self) -> str:
        try:
            return str(Petition.Status(self.status_to).label)
        except ValueError:
            return self.status_to


class PetitionTransfer(models.Model):
    """Routing to the competent body, with the transfer letter and its tracking."""

    class Tracking(models.TextChoices):
        SENT = "sent", _("Sent")
        RECEIVED = "received", _("Received by the competent body")
        ANSWERED = "answered", _("Answered")

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="transfers")
    to_unit = models.ForeignKey("organisations.OrgUnit", null=True, blank=True, on_delete=models.PROTECT)
    to_body_name = models.CharField(max_length=255)
    letter_number = models.CharField(max_length=64)
    letter_date = models.DateField()
    tracking = models.CharField(max_length=10, choices=Tracking, default=Tracking.SENT)
    tracking_note = models.TextField(blank=True)
    # The record opened at the competent unit when it is in danvan.
    new_petition = models.ForeignKey(Petition, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.letter_number} → {self.to_body_name}"


# --- Citizen reception --------------------------------------------------------------------------------


class ReceptionDutyRule(models.Model):
    """How often a position must receive citizens in person (DOMAIN.md §1.3), with effective dates."""

    class Period(models.TextChoices):
        WEEK = "week", _("per week")
        MONTH = "month", _("per month")

    position = models.CharField(max_length=40)  # e.g. "chu_tich_ubnd_xa", "bi_thu_tinh"
    position_name = models.CharField(max_length=128)
    sessions = models.PositiveSmallIntegerField()
    period = models.CharField(max_length=8, choices=Period)
    legal_basis = models.TextField()
    effective_from = models.DateField()
    effective_to = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["position", "effective_from"]

    def __str__(self) -> str:
        return f"{self.position_name}: {self.sessions} {self.get_period_display()}"


class ReceptionDuty(models.Model):
    """A leader who must receive citizens: the person, the unit, and the position that sets the frequency."""

    unit = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="reception_duties")
    holder_name = models.CharField(max_length=128)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    position = models.CharField(max_length=40)
    is_active = models.BooleanField(default=True)

    def __str__(self) -> str:
        return f"{self.holder_name} ({self.position})"


class ReceptionSession(models.Model):
    class Kind(models.TextChoices):
        PERIODIC = "periodic", _("Periodic (định kỳ)")
        AD_HOC = "ad_hoc", _("Ad hoc (đột xuất)")

    unit = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="reception_sessions")
    held_on = models.DateField()
    duty = models.ForeignKey(ReceptionDuty, null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions")
    leader_name = models.CharField(max_length=128)
    is_delegated = models.BooleanField(default=False)  # received by someone the leader delegated (ủy quyền)
    kind = models.CharField(max_length=10, choices=Kind, default=Kind.PERIODIC)
    citizen_kind = models.CharField(
        max_length=8, choices=Petition.PetitionerKind, default=Petition.PetitionerKind.PERSON
    )
    citizen_count = models.PositiveIntegerField(default=1)
    citizens = models.TextField(blank=True)  # names of the person or the group's representatives
    content = models.TextField()
    field = models.ForeignKey(PetitionField, on_delete=models.PROTECT, related_name="+")
    result = models.TextField(blank=True)
    petition = models.ForeignKey(Petition, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # Optimistic locking for the correction page (core.locking).
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-held_on", "-id"]
        indexes = [
            # The duty check: a leader's sessions in a month.
            models.Index(fields=["duty", "held_on"], name="receptionsession_duty_idx"),
            models.Index(fields=["unit", "held_on"], name="receptionsession_unit_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.held_on:%d/%m/%Y} {self.leader_name}"


# --- Prolonged complex cases --------------------------------------------------------------------------


class Case(models.Model):
    """A prolonged complex case (vụ việc phức tạp, kéo dài) gathering many petitions."""

    class Status(models.TextChoices):
        OPEN = "open", _("Being handled")
        STALLED = "stalled", _("Stalled")
        RESOLVED = "resolved", _("Resolved")
        CLOSED = "closed", _("Closed")

    code = models.CharField(max_length=20, unique=True)  # VV-2026-000001 (core.CodeSequence; older: VV-2026-0001)
    unit = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="petition_cases")
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.OPEN)
    last_reviewed_on = models.DateField(null=True, blank=True)
    opened_on = models.DateField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-opened_on", "-id"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class CaseMember(models.Model):
    """A member of the case's working group (tổ công tác)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="members")
    full_name = models.CharField(max_length=128)
    role = models.CharField(max_length=128)  # tổ trưởng, thành viên…
    unit = models.ForeignKey("organisations.OrgUnit", null=True, blank=True, on_delete=models.PROTECT)

    def __str__(self) -> str:
        return f"{self.full_name} ({self.role})"


class CaseEvent(models.Model):
    """The case's timeline: meetings, dialogues, decisions, and status reviews at briefings."""

    class Kind(models.TextChoices):
        MEETING = "meeting", _("Meeting")
        DIALOGUE = "dialogue", _("Dialogue")
        DECISION = "decision", _("Decision")
        REVIEW = "review", _("Status review at a briefing")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    on = models.DateField()
    kind = models.CharField(max_length=10, choices=Kind)
    summary = models.TextField()
    status_after = models.CharField(max_length=10, choices=Case.Status, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.on:%d/%m/%Y} {self.kind}"


# --- Dialogues ------------------------------------------------------------------------------------------


class Dialogue(models.Model):
    """A leaders' dialogue with citizens (tiếp xúc, đối thoại)."""

    unit = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="dialogues")
    held_on = models.DateField()
    place = models.CharField(max_length=255)
    leaders = models.CharField(max_length=255)
    participants = models.TextField(blank=True)
    participant_count = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    # Optimistic locking for the correction page (core.locking).
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.held_on:%d/%m/%Y} {self.place}"


class Commitment(models.Model):
    """An issue raised at a dialogue, turned into a commitment with an owner unit and a deadline."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("commitment status", "Open")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Not feasible (explained)")

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="commitments")
    issue = models.TextField()
    owner_unit = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="commitments")
    due_on = models.DateField()
    status = models.CharField(max_length=8, choices=Status, default=Status.OPEN)
    outcome = models.TextField(blank=True)
    # The day it was marked done: the reports count a dialogue's issues resolved by a period's end.
    done_on = models.DateField(null=True, blank=True)
    is_published = models.BooleanField(default=False)  # shown on the public portal (later issue)
    # Optimistic locking (core.locking): the follow-up list's row form carries the version it was shown with, so
    # two officers saving the same commitment do not overwrite each other silently.
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [
            # The follow-up list: open commitments by due date.
            models.Index(fields=["status", "due_on"], name="commitment_status_due_idx"),
        ]

    def __str__(self) -> str:
        return self.issue[:60]


# --- Attachments --------------------------------------------------------------------------------------------


# Outside the web root, served only by the checked download view.
_attachment_storage = DatabaseStorage(prefix="petition_files")


def attachment_storage():
    return _attachment_storage


class PetitionAttachment(models.Model):
    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="%Y/%m/", storage=attachment_storage, max_length=255)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name
