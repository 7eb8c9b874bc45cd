"""Reads of the organisation tree for a user. Out of scope answers the same as missing: 404."""

from django.db.models import Count, QuerySet
from django.http import Http404

from danvan.accounts.permissions import READ_ROLES, can_view_unit, scope_root_ids, units_around, units_in_scope
from danvan.core.text import fold_tokens
from danvan.organisations.models import AdminUnit, OrgUnit, Position


def orgunit_get_for_user(*, user, code: str) -> OrgUnit:
    unit = OrgUnit.objects.select_related("admin_unit__parent", "parent").filter(code=code).first()
    if unit is None or not can_view_unit(user, unit):
        raise Http404("Không tìm thấy đơn vị.")
    return unit


def orgunit_subtree(unit: OrgUnit) -> QuerySet[OrgUnit]:
    """Everything under `unit`, itself included: one indexed join on the closure table.

    Unordered on purpose: sorting by name makes PostgreSQL read the whole unit table instead of ~1,000 rows
    by key (12 ms instead of 3 ms p95, see docs/performance.md). Callers that show a list add order_by().
    """
    return OrgUnit.objects.filter(ancestor_links__ancestor=unit).order_by()


def tree_version() -> int:
    """The tree's version (`TreeVersion`): anything stored in tree order is stale when its label differs."""
    from danvan.organisations.models import TreeVersion

    return TreeVersion.objects.filter(pk=1).values_list("number", flat=True).first() or 0


def orgunit_is_within(unit: OrgUnit, ancestor: OrgUnit) -> bool:
    """`unit` is `ancestor` or lies below it (one indexed lookup)."""
    from danvan.organisations.models import OrgUnitClosure

    return OrgUnitClosure.objects.filter(ancestor=ancestor, descendant=unit).exists()


def orgunit_ancestors(unit: OrgUnit) -> list[OrgUnit]:
    """The path from the root down to `unit`'s parent, in one query."""
    return list(
        OrgUnit.objects.filter(descendant_links__descendant=unit, descendant_links__depth__gt=0).order_by("depth")
    )


def orgunit_ancestors_for_user(user, unit: OrgUnit) -> list[OrgUnit]:
    """`orgunit_ancestors`, each marked `viewable`: a breadcrumb links only the units above that the person may open
    (a province's officer sees the Central Committee's name above the province, but its page is not theirs). A unit
    is viewable from the first unit down the path that tops the person's scope (`scope_root_ids`, read once per
    person), as `can_view_unit` says (which would read once per unit)."""
    ancestors = orgunit_ancestors(unit)
    roots = set(scope_root_ids(user)) if getattr(user, "is_active", False) else set()
    viewable = False
    for above in ancestors:
        viewable = viewable or above.pk in roots
        above.viewable = viewable
    return ancestors


def orgunit_children_for_user(*, user, unit: OrgUnit) -> list[OrgUnit]:
    """Children of a unit the user can see (so all of them: scope is inherited), with their child counts."""
    if not can_view_unit(user, unit):
        raise Http404("Không tìm thấy đơn vị.")
    return list(
        unit.children.select_related("admin_unit")
        .annotate(child_count=Count("children"))
        .order_by("sort_order", "name")
    )


def orgunit_roots_for_user(*, user) -> list[OrgUnit]:
    """The highest units the user can see: where their roles are attached, minus those inside another."""
    # The units of the person's roles and those directly below them, read once for the request (the inbox
    # starts from them too): the children give each root's count.
    around = units_around(user)
    ids = set(scope_root_ids(user, READ_ROLES))
    scope = [u for u in around if u.pk in ids]
    for unit in scope:
        unit.child_count = sum(1 for child in around if child.parent_id == unit.pk)
    # One root covers nothing else: no need to ask.
    covered = (
        set()
        if len(ids) < 2
        else set(
            OrgUnit.objects.filter(
                pk__in=ids, ancestor_links__ancestor_id__in=ids, ancestor_links__depth__gt=0
            ).values_list("pk", flat=True)
        )
    )
    return sorted((u for u in scope if u.pk not in covered), key=lambda u: (u.depth, u.sort_order, u.name))


def orgunit_search_for_user(*, user, query: str, limit: int = 30) -> list[OrgUnit]:
    """Units in the user's scope whose name or place matches every word of `query`, diacritics ignored.

    "dan van bac giang" matches "Ban Tuyên giáo và Dân vận Thành ủy Bắc Ninh" (Bắc Giang merged into it).
    """
    tokens = fold_tokens(query)[:8]
    if not tokens:
        return []
    qs = units_in_scope(user)
    for token in tokens:
        qs = qs.filter(search_text__contains=" " + token)
    # Dân vận bodies first, then higher levels; within those, a unit whose own name holds every word before one found
    # through its place's other names ("dang uy xa yen the": Đảng ủy xã Yên Thế before Đảng ủy xã Bố Hạ, which lies
    # in the former huyện Yên Thế), then by name. A few more are read than asked, so that such a unit is not cut off.
    candidates = list(
        qs.select_related("admin_unit", "parent").order_by("-has_danvan_function", "depth", "sort_order", "name")[
            : limit * 3
        ]
    )
    candidates.sort(key=lambda u: (not u.has_danvan_function, u.depth, not _name_holds(u.name, tokens)))  # stable
    return candidates[:limit]


def _name_holds(name: str, tokens: list[str]) -> bool:
    words = " " + " ".join(fold_tokens(name))
    return all(" " + token in words for token in tokens)


def positions_for_unit(*, unit: OrgUnit) -> list[Position]:
    return list(unit.positions.filter(end_date__isnull=True).select_related("person").order_by("sort_order", "id"))


def position_title_of(*, user, units: list[OrgUnit]) -> str:
    """The person's current title (chức vụ) recorded in the first of `units` where they hold one ("Phó Trưởng
    ban"), the head's position first; "" when none is recorded."""
    if user is None or not units:
        return ""
    rows = list(
        Position.objects.filter(person__user=user, unit__in=units, end_date__isnull=True)
        .order_by("-is_head", "sort_order", "id")
        .values_list("unit_id", "title")
    )
    for unit in units:
        for unit_id, title in rows:
            if unit_id == unit.pk and title.strip():
                return " ".join(title.split())
    return ""


def adminunit_search(*, query: str, limit: int = 40) -> list[AdminUnit]:
    """Administrative units, current and legacy, whose folded name holds every word of `query`.

    Legacy units come with `.today`: the current units that cover their territory.
    """
    tokens = fold_tokens(query)[:6]
    if not tokens:
        return []
    qs = AdminUnit.objects.select_related("parent")
    for token in tokens:
        qs = qs.filter(name_folded__contains=token)
    units = list(qs.order_by("generation", "level", "name")[:limit])
    for unit in units:
        unit.today = list(adminunit_successors(unit)) if unit.generation == AdminUnit.Generation.LEGACY else []
    return units


def adminunit_successors(unit: AdminUnit) -> QuerySet[AdminUnit]:
    """Today's units covering a legacy unit's territory; for a district, those of all its communes."""
    if unit.level == AdminUnit.Level.DISTRICT:
        return AdminUnit.objects.filter(predecessor_links__predecessor__parent=unit).distinct().order_by("name")
    return AdminUnit.objects.filter(predecessor_links__predecessor=unit).distinct().order_by("name")


def adminunit_predecessors(unit: AdminUnit) -> QuerySet[AdminUnit]:
    return (
        AdminUnit.objects.filter(successor_links__successor=unit).select_related("parent").distinct().order_by("name")
    )
