"""Steering committees (ban chỉ đạo) and working groups (tổ công tác), their decisions and memberships.

A committee is set up by a body (a Party committee, a People's Committee, the Front …: `unit`) on a subject (QCDC,
Dân vận khéo, religion, a prolonged complex case …). Its membership comes in versions (`Composition`): the decision
of establishment is version 1, each reorganisation (kiện toàn) under a new decision is the next one and closes the
one before, which stays as read-only history with its dates. Subjects and positions are data: the names in use
differ between provinces and no source we have read fixes them.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Subject(models.Model):
    """What a committee is about (QCDC, Dân vận khéo, tôn giáo, a prolonged complex case …): a configurable list.

    `links_case` / `links_bases` say which links its committees offer (a petitions case; democracy bases)."""

    slug = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=128)
    order = models.PositiveSmallIntegerField(default=0)
    links_case = models.BooleanField(default=False)
    links_bases = models.BooleanField(default=False)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Position(models.Model):
    """A member's position in a committee (trưởng ban, phó trưởng ban, thành viên, tổ trưởng …): a list as data."""

    slug = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=64)
    # Members are listed by this rank: the head first.
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Committee(models.Model):
    class Kind(models.TextChoices):
        STEERING = "steering", _("Steering committee")
        WORKING_GROUP = "working_group", _("Working group")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        DISSOLVED = "dissolved", _("Dissolved")

    code = models.CharField(max_length=20, unique=True)  # BCD-2026-000001
    # The body that set it up; scope follows it.
    unit = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="committees")
    kind = models.CharField(max_length=16, choices=Kind)
    subject = models.ForeignKey(Subject, on_delete=models.PROTECT, related_name="committees")
    name = models.CharField(max_length=255)
    duties = models.TextField(blank=True)  # chức năng, nhiệm vụ
    status = models.CharField(max_length=12, choices=Status, default=Status.ACTIVE)
    # A prolonged-case working group points at the case; a QCDC committee at the bases it steers. The links live
    # here so that the petitions and democracy apps need no migration.
    case = models.ForeignKey(
        "petitions.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="committees"
    )
    bases = models.ManyToManyField("democracy.Base", blank=True, related_name="committees")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # Optimistic lock (core.locking) on corrections of the committee's own fields.
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["unit__sort_order", "name"]
        indexes = [
            # The list page: committees of the units in scope, by subject.
            models.Index(fields=["unit", "subject"], name="committee_unit_subject_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Composition(models.Model):
    """One version of the membership, under one decision (of establishment, or of reorganisation).

    The current version has `ended_on` empty; a reorganisation sets it on the old one, which is then read-only."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="compositions")
    number = models.PositiveSmallIntegerField()  # 1 = establishment, 2… = each kiện toàn
    decision_number = models.CharField(max_length=64)  # "Quyết định số 125-QĐ/TU"
    decision_date = models.DateField()
    signer = models.CharField(max_length=255)  # "T/M Ban Thường vụ, Bí thư Nguyễn Văn A"
    decision_file = models.ForeignKey(
        "core.StoredFile", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(blank=True)
    ended_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["committee", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "number"], name="committee_composition_number"),
            # One current membership per committee: two reorganisations at once cannot both win.
            models.UniqueConstraint(
                fields=["committee"], condition=models.Q(ended_on=None), name="committee_one_current_composition"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.committee_id} #{self.number} {self.decision_number}"

    @property
    def is_current(self) -> bool:
        return self.ended_on is None


class Member(models.Model):
    """A member of one version: position, body, and the person (an account) or their name."""

    composition = models.ForeignKey(Composition, on_delete=models.CASCADE, related_name="members")
    order = models.PositiveSmallIntegerField(default=0)
    position = models.ForeignKey(Position, on_delete=models.PROTECT, related_name="+")
    body = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="committee_seats"
    )
    # The person's name as it stands on the decision (copied from the account when there is one).
    name = models.CharField(max_length=150)
    title = models.CharField(max_length=255, blank=True)  # their post in the body: "Phó Chủ tịch UBND tỉnh"

    class Meta:
        ordering = ["composition", "order", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.position_id})"


class CommitteeTask(models.Model):
    """A workplans task the committee gave, to a member (through their body) or to a unit."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="task_links")
    task = models.OneToOneField("workplans.Task", on_delete=models.CASCADE, related_name="committee_link")
    member = models.ForeignKey(Member, null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.committee_id} → {self.task_id}"


class CommitteeMeeting(models.Model):
    """A meetings.Meeting held by or for the committee."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="meeting_links")
    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.CASCADE, related_name="committee_links")
    linked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    linked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["committee", "meeting"], name="committee_meeting_once")]

    def __str__(self) -> str:
        return f"{self.committee_id} ↔ {self.meeting_id}"
