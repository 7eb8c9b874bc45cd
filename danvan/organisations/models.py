from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AdminUnit(models.Model):
    """An administrative unit: today's provinces and communes, and the legacy ones kept as history."""

    class Generation(models.TextChoices):
        CURRENT = "current", _("Current (two-level, since 1/7/2025)")
        LEGACY = "legacy", _("Legacy (before 1/7/2025)")

    class Level(models.TextChoices):
        PROVINCE = "province", _("Province")
        DISTRICT = "district", _("District")
        COMMUNE = "commune", _("Commune")

    # "P24", "C7210" for current units; "LP24", "LD215", "LC7210" for legacy ones (GSO codes overlap).
    code = models.CharField(max_length=16, unique=True)
    generation = models.CharField(max_length=8, choices=Generation)
    level = models.CharField(max_length=8, choices=Level)
    gso_code = models.PositiveIntegerField()
    division_type = models.CharField(max_length=32)  # "tỉnh", "xã", "đặc khu", "huyện", … as the data says
    name = models.CharField(max_length=128)
    name_folded = models.CharField(max_length=128)
    codename = models.CharField(max_length=128)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["generation", "level", "gso_code"], name="adminunit_unique_gso_code"),
        ]
        indexes = [
            # Listing a level of one generation, e.g. the 34 current provinces.
            models.Index(fields=["generation", "level", "name_folded"], name="adminunit_gen_level_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_current(self) -> bool:
        return self.generation == self.Generation.CURRENT


class AdminUnitSuccession(models.Model):
    """Legacy unit → the current unit(s) that took over its territory on 1/7/2025 (or 12/6/2025)."""

    predecessor = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="successor_links")
    successor = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="predecessor_links")
    is_partial = models.BooleanField(default=False)  # only part of the old unit went to this successor
    effective_date = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="adminunitsuccession_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor_id} → {self.successor_id}"


class OrgUnit(models.Model):
    """A body of the political system, attached to an administrative unit, in one tree for the country."""

    class Kind(models.TextChoices):
        PARTY_COMMITTEE = "party_committee", _("Party committee")
        PROPAGANDA_MOBILISATION_BOARD = "tgdv_board", _("Propaganda and Mass Mobilisation Board")
        MOBILISATION_BOARD = "danvan_board", _("Mass Mobilisation Board")
        MOBILISATION_BLOC = "danvan_bloc", _("Mass mobilisation bloc")
        MOBILISATION_TEAM = "danvan_team", _("Mass mobilisation team")
        FATHERLAND_FRONT = "fatherland_front", _("Fatherland Front committee")
        FARMERS_UNION = "farmers_union", _("Farmers' Union")
        WOMENS_UNION = "womens_union", _("Women's Union")
        YOUTH_UNION = "youth_union", _("Youth Union")
        VETERANS_ASSOCIATION = "veterans", _("Veterans' Association")
        TRADE_UNION = "trade_union", _("Trade Union")
        PEOPLES_COMMITTEE = "peoples_committee", _("People's Committee")
        PEOPLES_COUNCIL = "peoples_council", _("People's Council")
        GOVERNMENT = "government", _("Government")
        LEGISLATURE = "legislature", _("National Assembly")
        POLICE = "police", _("Police")
        MILITARY = "military", _("Military command")
        VILLAGE = "village", _("Village (thôn)")
        RESIDENTIAL_GROUP = "residential_group", _("Residential group (tổ dân phố)")
        OTHER = "other", _("Other")

    class Level(models.TextChoices):
        CENTRAL = "central", _("Central")
        PROVINCE = "province", _("Province")
        COMMUNE = "commune", _("Commune")
        VILLAGE = "village", _("Village / residential group")

    # Readable and stable: "TW", "P24-TU", "P24-TGDV", "C7210-DU", "C7210-KDV"; user-made units get "U-xxxxxxxx".
    code = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=255)
    kind = models.CharField(max_length=32, choices=Kind)
    level = models.CharField(max_length=16, choices=Level)
    admin_unit = models.ForeignKey(AdminUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="org_units")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    depth = models.PositiveSmallIntegerField(default=0)
    has_danvan_function = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    sort_order = models.PositiveIntegerField(default=0)
    # Folded name plus the names of the administrative unit and its predecessors ("bac giang" finds Bắc Ninh).
    search_text = models.TextField(default="", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic lock on the unit's edit form (core.locking).
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["sort_order", "name"]
        indexes = [
            # The children of a unit, in display order (unit page, tree browser).
            models.Index(fields=["parent", "sort_order"], name="orgunit_parent_sort_idx"),
            models.Index(fields=["kind", "level"], name="orgunit_kind_level_idx"),
        ]

    def __str__(self) -> str:
        return self.name


class OrgUnitClosure(models.Model):
    """Closure table: one row per (ancestor, descendant) pair, self included at depth 0.

    "Everything under Bắc Ninh" is one indexed lookup on ancestor; "the path to the root" one on descendant.
    """

    # No separate FK indexes: the unique constraint leads with ancestor, the index below with descendant.
    ancestor = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="descendant_links", db_index=False)
    descendant = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="ancestor_links", db_index=False)
    depth = models.PositiveSmallIntegerField()  # descendant.depth - ancestor.depth

    class Meta:
        constraints = [
            # Also the index for subtree queries (WHERE ancestor_id = …).
            models.UniqueConstraint(fields=["ancestor", "descendant"], name="orgunitclosure_unique"),
        ]
        indexes = [
            # Ancestors of a unit (permission checks, breadcrumbs): WHERE descendant_id = ….
            models.Index(fields=["descendant", "depth"], name="orgunitclosure_desc_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.ancestor_id} ⊇ {self.descendant_id} ({self.depth})"


class Person(models.Model):
    """A person who holds positions in units; may or may not have a user account."""

    full_name = models.CharField(max_length=128)
    name_folded = models.CharField(max_length=128, db_index=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="person"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name


class Position(models.Model):
    """A person's position (chức vụ) in a unit."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="positions")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="positions")
    title = models.CharField(max_length=128)
    is_head = models.BooleanField(default=False)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["sort_order", "id"]
        indexes = [
            # The people of a unit page: current positions of one unit.
            models.Index(fields=["unit", "end_date"], name="position_unit_end_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.title} — {self.person}"

    @property
    def is_current(self) -> bool:
        return self.end_date is None


class TreeVersion(models.Model):
    """How many times the tree has changed: one row, counted up by the database itself (triggers, migration 0005)
    on every insert or delete of a unit or a closure row and every change of a unit's parent, depth, order, name,
    code, kind or state. Whatever is stored in tree order (the completeness lists, decision 0043) is labelled
    with this number and rebuilt when it differs: no service, loader or bulk update can forget to say so."""

    number = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return str(self.number)
