"""Ethnic and religious work (công tác dân tộc, tôn giáo): the register of religious establishments of each commune
with their dignitaries and followers, ethnic-minority areas with their people, the calendar of religious holidays
and ethnic festivals, visits on them, and commendations.

Religions, the recognised religious organisations, the 54 ethnic groups and the holiday dates are data (seeded by
migration 0002, edited in the admin): which organisations the state recognises changes by decision, and lunar
holidays fall on a different solar date each year, so each year's date is stored with its source.
Internal and sensitive: nothing here is on the portal. Dignitaries are personal data (NĐ 13/2023/NĐ-CP): name,
position and year of birth at most.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def mask(name: str) -> str:
    """A person's name as those without the right to the details see it: "Thích Minh Tuệ" → "T*** M*** T***"."""
    return " ".join(f"{w[0]}***" for w in (name or "").split())


class Religion(models.Model):
    """A religion recognised in Việt Nam (Phật giáo, Công giáo, Tin lành, Cao Đài …)."""

    slug = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=128)
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Denomination(models.Model):
    """A religious organisation (tổ chức tôn giáo) of a religion: Giáo hội Phật giáo Việt Nam, a Cao Đài church …"""

    religion = models.ForeignKey(Religion, on_delete=models.PROTECT, related_name="denominations")
    name = models.CharField(max_length=255)
    recognised = models.BooleanField(default=True)  # recognised or registered by the state
    note = models.CharField(max_length=255, blank=True)  # the decision or source
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["religion__order", "order", "name"]

    def __str__(self) -> str:
        return self.name


class EthnicGroup(models.Model):
    """One of Việt Nam's 54 ethnic groups (danh mục các dân tộc Việt Nam, QĐ 121-TCTK/PPCĐ 1979), in its order."""

    number = models.PositiveSmallIntegerField(unique=True)
    name = models.CharField(max_length=64, unique=True)
    other_names = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return self.name


class Establishment(models.Model):
    """A religious establishment (cơ sở thờ tự: chùa, nhà thờ, thánh thất …) registered by a commune."""

    class Kind(models.TextChoices):
        PAGODA = "pagoda", _("Pagoda (chùa, tịnh xá, niệm Phật đường)")
        CHURCH = "church", _("Church (nhà thờ, nhà nguyện)")
        PROTESTANT = "protestant", _("Protestant church (nhà thờ, điểm nhóm Tin lành)")
        CAODAI = "caodai", _("Cao Đài temple (thánh thất, điện thờ)")
        HOAHAO = "hoahao", _("Hòa Hảo meeting hall (hội quán, chùa)")
        MOSQUE = "mosque", _("Mosque (thánh đường, tiểu thánh đường)")
        OTHER = "other", _("Other place of worship")

    code = models.CharField(max_length=20, unique=True)  # CS-2026-000001
    # The commune unit that registers it (its Party committee, a bloc, the Front …); the register is per commune.
    unit = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="faith_establishments")
    village = models.ForeignKey(
        "organisations.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    religion = models.ForeignKey(Religion, on_delete=models.PROTECT, related_name="establishments")
    denomination = models.ForeignKey(
        Denomination, null=True, blank=True, on_delete=models.PROTECT, related_name="establishments"
    )
    kind = models.CharField(max_length=12, choices=Kind)
    name = models.CharField(max_length=255)
    address = models.CharField(max_length=255, blank=True)
    note = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class Dignitary(models.Model):
    """A dignitary (chức sắc) or official (chức việc) of an establishment. Only the fields the work needs."""

    class Kind(models.TextChoices):
        DIGNITARY = "dignitary", _("Dignitary (chức sắc)")
        OFFICIAL = "official", _("Official (chức việc)")

    establishment = models.ForeignKey(Establishment, on_delete=models.CASCADE, related_name="dignitaries")
    full_name = models.CharField(max_length=128)  # the religious name (pháp danh, tên thánh) may be part of it
    kind = models.CharField(max_length=10, choices=Kind, default=Kind.DIGNITARY)
    position = models.CharField(max_length=128)  # Trụ trì, Linh mục chính xứ, Trưởng ban hộ tự …
    birth_year = models.PositiveSmallIntegerField(null=True, blank=True)
    active = models.BooleanField(default=True)
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "id"]

    def __str__(self) -> str:
        return f"{self.position} {self.full_name}"

    @property
    def masked_name(self) -> str:
        return mask(self.full_name)


class FollowerFigure(models.Model):
    """The number of followers (tín đồ, giáo dân) of an establishment in a year: a figure, never a list of people."""

    establishment = models.ForeignKey(Establishment, on_delete=models.CASCADE, related_name="followers")
    year = models.PositiveSmallIntegerField()
    followers = models.PositiveIntegerField()
    households = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["establishment", "year"], name="faiths_one_figure_a_year")]

    def __str__(self) -> str:
        return f"{self.year}: {self.followers}"


class EthnicArea(models.Model):
    """An ethnic-minority area or village (vùng, thôn đồng bào dân tộc thiểu số) registered by a commune."""

    code = models.CharField(max_length=20, unique=True)  # DT-2026-000001
    unit = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="ethnic_areas")
    village = models.ForeignKey(
        "organisations.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(max_length=255)
    note = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class EthnicPopulation(models.Model):
    """The people of one ethnic group in an area in a year (households and persons)."""

    area = models.ForeignKey(EthnicArea, on_delete=models.CASCADE, related_name="populations")
    group = models.ForeignKey(EthnicGroup, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    households = models.PositiveIntegerField(null=True, blank=True)
    people = models.PositiveIntegerField()

    class Meta:
        ordering = ["-year", "group__number"]
        constraints = [models.UniqueConstraint(fields=["area", "group", "year"], name="faiths_one_population_a_year")]

    def __str__(self) -> str:
        return f"{self.group_id} {self.year}: {self.people}"


class Holiday(models.Model):
    """A religious holiday or ethnic festival (Phật đản, Vu lan, Giáng sinh, Phục sinh, lễ hội …)."""

    class Kind(models.TextChoices):
        RELIGIOUS = "religious", _("Religious holiday")
        ETHNIC = "ethnic", _("Ethnic festival")

    slug = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=128)
    kind = models.CharField(max_length=10, choices=Kind)
    religion = models.ForeignKey(Religion, null=True, blank=True, on_delete=models.PROTECT, related_name="holidays")
    ethnic_group = models.ForeignKey(
        EthnicGroup, null=True, blank=True, on_delete=models.PROTECT, related_name="holidays"
    )
    # How the date is fixed, in words: "rằm tháng Tư âm lịch", "25/12", "Chủ nhật sau rằm đầu xuân".
    rule = models.CharField(max_length=128, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class HolidayDate(models.Model):
    """The solar date of a holiday in one year, with where it comes from (lunar dates are not computed in code)."""

    holiday = models.ForeignKey(Holiday, on_delete=models.CASCADE, related_name="dates")
    year = models.PositiveSmallIntegerField()
    date = models.DateField()
    source = models.CharField(max_length=255)

    class Meta:
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["holiday", "year"], name="faiths_one_date_a_year")]

    def __str__(self) -> str:
        return f"{self.holiday.name} {self.date:%d/%m/%Y}"


class Visit(models.Model):
    """A visit or greeting (thăm hỏi, chúc mừng) on a holiday: who goes, when, where, to which establishment."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    code = models.CharField(max_length=20, unique=True)  # TT-2026-000001
    unit = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="faith_visits")
    holiday_date = models.ForeignKey(
        HolidayDate, null=True, blank=True, on_delete=models.PROTECT, related_name="visits"
    )
    visit_on = models.DateField()
    establishment = models.ForeignKey(
        Establishment, null=True, blank=True, on_delete=models.PROTECT, related_name="visits"
    )
    ethnic_area = models.ForeignKey(EthnicArea, null=True, blank=True, on_delete=models.PROTECT, related_name="visits")
    place = models.CharField(max_length=255, blank=True)
    delegation = models.CharField(max_length=500)  # who goes: "Đồng chí Bí thư Đảng ủy, Chủ tịch UBMTTQ xã …"
    gifts = models.CharField(max_length=255, blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.PLANNED)
    result = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["visit_on", "id"]
        indexes = [
            # The calendar: visits of a year in date order.
            models.Index(fields=["visit_on"], name="faiths_visit_on_idx"),
        ]

    def __str__(self) -> str:
        return self.code


class Commendation(models.Model):
    """A commendation of a dignitary, a follower or an establishment who "sống tốt đời đẹp đạo", or of a religious
    organisation's emulation movement; optionally linked to a movement of danvan.movements."""

    code = models.CharField(max_length=20, unique=True)  # KT-2026-000001
    unit = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="faith_commendations")
    year = models.PositiveSmallIntegerField()
    establishment = models.ForeignKey(
        Establishment, null=True, blank=True, on_delete=models.PROTECT, related_name="commendations"
    )
    dignitary = models.ForeignKey(
        Dignitary, null=True, blank=True, on_delete=models.PROTECT, related_name="commendations"
    )
    # A follower commended is named here (no follower register is kept).
    person_name = models.CharField(max_length=128, blank=True)
    movement_name = models.CharField(max_length=255, blank=True)  # the religious organisation's emulation movement
    movement = models.ForeignKey(
        "movements.Movement", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    form = models.CharField(max_length=128)  # Giấy khen, Bằng khen …
    reason = models.CharField(max_length=500)
    decided_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "-id"]

    def __str__(self) -> str:
        return self.code
