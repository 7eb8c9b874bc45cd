"""Members of the Front's organisations, each person counted once (issue 12; docs/decisions/0022)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    """A member organisation: the five socio-political organisations (seeded by migration 0002) or an association
    a province adds. Age limits are data: the charters' figures are [unconfirmed] in DOMAIN.md."""

    # Readable and stable: "HND", "HPN", "DTN", "CCB", "CD"; associations a province adds get "A-xxxxxxxx".
    code = models.CharField(max_length=16, unique=True)
    name = models.CharField(max_length=255)
    short_name = models.CharField(max_length=64)
    # The kind of the organisation's own bodies in the organisation tree (OrgUnit.Kind): whose officers they are.
    unit_kind = models.CharField(max_length=32, blank=True)
    is_socio_political = models.BooleanField(default=False)
    # An association added by a province is that province's (its Party committee unit); None: national.
    province = models.ForeignKey(
        "organisations.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    min_age = models.PositiveSmallIntegerField(null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(null=True, blank=True)
    # "F" for the Women's Union: members of one sex only; empty for everyone.
    sex_only = models.CharField(max_length=1, blank=True)
    # What its branches are called: "chi hội", "chi đoàn", "công đoàn cơ sở".
    branch_word = models.CharField(max_length=32, default="chi hội")
    sort_order = models.PositiveSmallIntegerField(default=100)
    is_active = models.BooleanField(default=True)
    # The correction form's optimistic lock (members/corrections.py); a database default for bulk SQL (the bench).
    version = models.PositiveIntegerField(db_default=1)

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.short_name or self.name


class CccdProvinceCode(models.Model):
    """The first three digits of a 12-digit CCCD: the province where the birth was registered (Thông tư
    07/2016/TT-BCA and its successors; the list is data so a correction needs no release). Codes belong to the
    63 provinces of before 2025: a CCCD keeps its number when provinces merge."""

    code = models.CharField(max_length=3, unique=True)
    name = models.CharField(max_length=64)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Branch(models.Model):
    """A chi hội / chi đoàn / công đoàn cơ sở: the organisation's grassroots branch.

    `owner` is the organisation's body it belongs to (e.g. Hội Nông dân xã Yên Thế): its officers are the branch's
    officers. `place` is the thôn / tổ dân phố where it meets, when it has one. `commune` is the current commune
    its members are counted under."""

    code = models.CharField(max_length=16, unique=True)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="branches")
    owner = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="member_branches")
    place = models.ForeignKey(
        "organisations.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    commune = models.ForeignKey("organisations.AdminUnit", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=255)
    name_folded = models.CharField(max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)
    # Retired (giải thể, sáp nhập): no new members; its memberships were moved to another branch or ended.
    retired_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(db_default=1)
    # Its current members, kept by every write that starts, ends or moves a membership in the same transaction
    # (tally.branch_counts_apply); `members_recount` verifies it against a count of the memberships. The branch
    # list shows it instead of counting each branch's members (0.43 s for a province's page at 30 M people).
    member_count = models.PositiveIntegerField(db_default=0)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "organisation", "name_folded"], name="branch_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """One person, however many organisations they belong to. Only what the statistics and the de-duplication
    need: no address beyond the commune and thôn, no phone."""

    class Sex(models.TextChoices):
        MALE = "M", _("Male")
        FEMALE = "F", _("Female")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    full_name = models.CharField(max_length=128)
    name_folded = models.CharField(max_length=128)
    # 12 digits, or empty when unknown. Shown masked except to the officers of the person's branches.
    cccd = models.CharField(max_length=12, blank=True)
    birth_date = models.DateField()
    sex = models.CharField(max_length=1, choices=Sex)
    ethnicity = models.CharField(max_length=64, blank=True)
    religion = models.CharField(max_length=64, blank=True)
    occupation = models.CharField(max_length=128, blank=True)
    commune = models.ForeignKey("organisations.AdminUnit", on_delete=models.PROTECT, related_name="+")
    village_name = models.CharField(max_length=128, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["full_name"]
        constraints = [
            # Same CCCD = same person, everywhere.
            models.UniqueConstraint(fields=["cccd"], condition=~Q(cccd=""), name="member_person_unique_cccd"),
        ]
        indexes = [
            # The duplicate check without a CCCD: same folded name, date of birth and commune.
            models.Index(fields=["name_folded", "birth_date", "commune"], name="member_person_dup_idx"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def cccd_masked(self) -> str:
        if not self.cccd:
            return ""
        return self.cccd[0] + "*" * 7 + self.cccd[-4:]


class Membership(models.Model):
    """A person's membership of one organisation, through one branch. Left = `left_on` set; kept as history."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    branch = models.ForeignKey(Branch, on_delete=models.PROTECT, related_name="memberships")
    joined_on = models.DateField(null=True, blank=True)
    left_on = models.DateField(null=True, blank=True)
    role = models.CharField(max_length=64, blank=True)  # "Chi hội trưởng", … ; empty for a member
    created_at = models.DateTimeField(auto_now_add=True)
    # The correction form's optimistic lock (members/corrections.py); a database default for bulk SQL (the bench).
    version = models.PositiveIntegerField(db_default=1)
    # The person's folded name and date of birth, copied (person_update keeps them in step): the branch page lists
    # its members in this order from one index, 100 at a time, instead of sorting every member of the branch.
    person_name_folded = models.CharField(max_length=128, db_default="")
    person_birth_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["organisation__sort_order", "joined_on"]
        constraints = [
            # One current membership of an organisation per person: what makes "counted once" hold per organisation.
            models.UniqueConstraint(
                fields=["person", "organisation"], condition=Q(left_on__isnull=True), name="membership_one_current"
            ),
        ]
        indexes = [
            # The branch's member list: current members of one branch.
            models.Index(fields=["branch", "left_on"], name="membership_branch_idx"),
            # The branch page: its current members by name and date of birth, a page at a time.
            models.Index(
                fields=["branch", "person_name_folded", "person_birth_date", "id"],
                condition=Q(left_on__isnull=True),
                name="membership_branch_roster_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} ∈ {self.organisation_id}"

    @property
    def is_current(self) -> bool:
        return self.left_on is None


class MemberTally(models.Model):
    """Maintained counts behind the counted-once statistics, kept in step by the services in the same transaction
    (like reports' RollupTotal), for the nation ("VN"), each province ("P24") and commune ("C7288").

    `measure` is "org:<code>" (current members of that organisation), "any" (people in at least one) or "multi"
    (people in two or more), counted by sex and year of birth: age groups are summed from years at read time,
    so nobody's age has to be updated as years pass. "eth:<value>", "rel:<value>", "occ:<value>" count people in
    at least one organisation by ethnicity, religion and occupation, by sex, all years together (birth_year 0). `members_recount` recounts from scratch and verifies."""

    scope = models.CharField(max_length=16)
    measure = models.CharField(max_length=80)
    sex = models.CharField(max_length=1)
    birth_year = models.PositiveSmallIntegerField()
    count = models.IntegerField(default=0)

    class Meta:
        constraints = [
            # Also the index of every statistics read: WHERE scope = … (a few thousand rows at most).
            models.UniqueConstraint(fields=["scope", "measure", "sex", "birth_year"], name="membertally_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.scope}/{self.measure}/{self.sex}/{self.birth_year} = {self.count}"


class CommunePopulation(models.Model):
    """The population of age (the denominator of "share of the population who are members") of a commune in a
    year, entered by the commune or imported (members/population.py). What "of age" means (16+, 18+) is the commune's figure, not a rule here."""

    commune = models.ForeignKey("organisations.AdminUnit", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    people_of_age = models.PositiveIntegerField()
    # Men and women of age, when the commune gives them: both or neither, adding up to `people_of_age`.
    male = models.PositiveIntegerField(null=True, blank=True)
    female = models.PositiveIntegerField(null=True, blank=True)
    # The entry page's optimistic lock: two officers saving the same commune's figure at once.
    version = models.PositiveIntegerField(default=1)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            # Also the index of the statistics page: the latest year's figures of the communes of an area.
            models.UniqueConstraint(fields=["commune", "year"], name="communepopulation_unique"),
            # The split by sex, when given, is the total's: the share by sex cannot disagree with the share.
            models.CheckConstraint(
                condition=Q(male__isnull=True, female__isnull=True)
                | Q(male__isnull=False, female__isnull=False, people_of_age=F("male") + F("female")),
                name="communepopulation_sex_adds_up",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commune_id}/{self.year}: {self.people_of_age}"
