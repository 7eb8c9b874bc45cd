"""Writes on administrative units, the organisation tree, people and positions.

Each service runs in one transaction and records one audit event.
"""

import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from danvan.audit.models import Action
from danvan.audit.services import audit_record, snapshot
from danvan.core.errors import ApplicationError
from danvan.core.locking import bump, check_version
from danvan.core.text import fold
from danvan.organisations import loading
from danvan.organisations.models import (
    AdminUnit,
    AdminUnitSuccession,
    OrgUnit,
    OrgUnitClosure,
    Person,
    Position,
    TreeVersion,
)

BATCH = 2000


@dataclass
class SyncResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    extra: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "removed": self.removed,
            **self.extra,
        }


# --- Administrative units -------------------------------------------------------------------

_ADMIN_FIELDS = (
    "generation",
    "level",
    "gso_code",
    "division_type",
    "name",
    "name_folded",
    "codename",
    "valid_from",
    "valid_to",
)


def tree_version_bump() -> None:
    """Count the tree's version up (`TreeVersion`), for a change its triggers do not see: an administrative unit
    renamed or moved, whose name the stores kept in tree order show. Inside the caller's transaction."""
    if not TreeVersion.objects.filter(pk=1).update(number=F("number") + 1):
        TreeVersion.objects.get_or_create(pk=1, defaults={"number": 1})


def admin_units_load(*, actor=None) -> SyncResult:
    """Load or update every administrative unit and the old→new mapping from `vietnam-provinces`.

    Idempotent: a second run changes nothing; after a data update it applies only the differences.
    """
    rows = loading.admin_unit_rows()
    result = SyncResult()
    renamed: list[int] = []
    with transaction.atomic():
        existing = {u.code: u for u in AdminUnit.objects.all()}
        ids = {code: u.pk for code, u in existing.items()}
        # Parents come before children in `rows`, so one pass resolves every parent id.
        for level_rows in _by_parent_level(rows):
            to_create, to_update = [], []
            for row in level_rows:
                values = {name: getattr(row, name) for name in _ADMIN_FIELDS}
                values["parent_id"] = ids[row.parent_code] if row.parent_code else None
                unit = existing.get(row.code)
                if unit is None:
                    to_create.append(AdminUnit(code=row.code, **values))
                elif any(getattr(unit, k) != v for k, v in values.items()):
                    if (unit.name, unit.parent_id) != (values["name"], values["parent_id"]):
                        renamed.append(unit.pk)
                    for k, v in values.items():
                        setattr(unit, k, v)
                    to_update.append(unit)
                else:
                    result.unchanged += 1
            AdminUnit.objects.bulk_create(to_create, batch_size=BATCH)
            AdminUnit.objects.bulk_update(to_update, [*_ADMIN_FIELDS, "parent_id"], batch_size=BATCH)
            result.created += len(to_create)
            result.updated += len(to_update)
            if to_create:
                # bulk_create fills in primary keys on PostgreSQL and SQLite >= 3.35 (RETURNING).
                ids.update((u.code, u.pk) for u in to_create)
        # A current unit no longer in the data is closed, not deleted: records still point at it.
        wanted = {row.code for row in rows}
        gone = [
            code
            for code, unit in existing.items()
            if code not in wanted and unit.generation == AdminUnit.Generation.CURRENT and unit.valid_to is None
        ]
        result.removed = AdminUnit.objects.filter(code__in=gone).update(valid_to=timezone.localdate())

        successions, unmatched = {}, []
        for old, new, partial, date in loading.succession_rows():
            if old in ids and new in ids:
                successions[(ids[old], ids[new])] = (partial, date)
            else:
                # The package's mapping names a few codes missing from its own unit lists.
                unmatched.append(f"{old}->{new}")
        current = {(s.predecessor_id, s.successor_id): s for s in AdminUnitSuccession.objects.all()}
        AdminUnitSuccession.objects.bulk_create(
            [
                AdminUnitSuccession(predecessor_id=p, successor_id=s, is_partial=partial, effective_date=date)
                for (p, s), (partial, date) in successions.items()
                if (p, s) not in current
            ],
            batch_size=BATCH,
        )
        stale = [obj.pk for key, obj in current.items() if key not in successions]
        AdminUnitSuccession.objects.filter(pk__in=stale).delete()
        changed = [
            obj
            for key, obj in current.items()
            if key in successions and (obj.is_partial, obj.effective_date) != successions[key]
        ]
        for obj in changed:
            obj.is_partial, obj.effective_date = successions[(obj.predecessor_id, obj.successor_id)]
        AdminUnitSuccession.objects.bulk_update(changed, ["is_partial", "effective_date"], batch_size=BATCH)
        result.extra["successions"] = len(successions)
        result.extra["unmatched_successions"] = unmatched
        if renamed:
            # What is stored in tree order shows administrative names (a commune's row in the stored compliance
            # table, decision 0047), and the tree's triggers see only org units: a renamed or re-parented unit
            # makes those stores stale by itself (decision 0055). Records that copy the name follow it.
            tree_version_bump()
            result.extra["renamed"] = len(renamed)
            result.extra["names_refreshed"] = refresh_admin_name_copies(admin_ids=renamed)

        if result.created or result.updated or result.removed or stale or changed:
            audit_record(
                actor=actor, action=Action.ADMIN_UNITS_LOADED, details=result.as_dict(), system_label="load_admin_units"
            )
    return result


def _by_parent_level(rows):
    """Group rows so that every parent is written in an earlier group than its children."""
    depth: dict[str, int] = {}
    groups: dict[int, list] = defaultdict(list)
    for row in rows:
        d = depth[row.parent_code] + 1 if row.parent_code else 0
        depth[row.code] = d
        groups[d].append(row)
    return [groups[d] for d in sorted(groups)]


# --- The organisation tree ------------------------------------------------------------------

_ORG_FIELDS = (
    "name",
    "kind",
    "level",
    "admin_unit_id",
    "parent_id",
    "depth",
    "has_danvan_function",
    "sort_order",
    "search_text",
)


def _admin_search_text(admin_unit: AdminUnit | None) -> str:
    """The folded names by which one unit's territory is known (see _search_texts)."""
    if admin_unit is None:
        return ""
    names = {admin_unit.name_folded}
    for old_name, old_parent in AdminUnitSuccession.objects.filter(successor=admin_unit).values_list(
        "predecessor__name_folded", "predecessor__parent__name_folded"
    ):
        names.update(n for n in (old_name, old_parent) if n)
    return " ".join(sorted(names))


def _search_texts() -> dict[int, str]:
    """For each current admin unit: its folded name plus its predecessors' and their districts' names.

    So "bac giang" finds units of today's Bắc Ninh, and "yen the" the communes of the old huyện Yên Thế.
    """
    names: dict[int, set[str]] = defaultdict(set)
    for unit_id, name in AdminUnit.objects.filter(generation="current").values_list("pk", "name_folded"):
        names[unit_id].add(name)
    links = AdminUnitSuccession.objects.values_list(
        "successor_id", "predecessor__name_folded", "predecessor__parent__name_folded"
    )
    for successor_id, old_name, old_parent_name in links:
        names[successor_id].add(old_name)
        if old_parent_name:
            names[successor_id].add(old_parent_name)
    return {unit_id: " ".join(sorted(parts)) for unit_id, parts in names.items()}


def org_tree_build(*, actor=None) -> SyncResult:
    """Create or update the bodies of the political system for the centre, 34 provinces and every commune.

    Idempotent. Units that users added (thôn, tổ dân vận, …) are left as they are.
    """
    provinces = list(AdminUnit.objects.filter(generation="current", level="province"))
    province_codes = {p.pk: p.code for p in provinces}
    communes = defaultdict(list)
    for commune in AdminUnit.objects.filter(generation="current", level="commune").order_by("name_folded"):
        communes[province_codes[commune.parent_id]].append(commune)
    if not provinces:
        raise ApplicationError("Chưa có đơn vị hành chính: chạy lệnh load_admin_units trước.")
    rows = loading.org_unit_rows(provinces, communes)
    admin_ids = {u.code: u.pk for u in AdminUnit.objects.filter(generation="current")}
    admin_texts = _search_texts()
    result = SyncResult()
    with transaction.atomic():
        # All units (~37,000) in one read: cheaper than a 37,000-item IN list, and SQLite-safe.
        existing = {u.code: u for u in OrgUnit.objects.all()}
        ids = {code: u.pk for code, u in existing.items()}
        depth: dict[str, int] = {}
        for level_rows in _by_parent_level(rows):
            to_create, to_update = [], []
            for row in level_rows:
                depth[row.code] = depth[row.parent_code] + 1 if row.parent_code else 0
                admin_id = admin_ids.get(row.admin_code) if row.admin_code else None
                values = {
                    "name": row.name,
                    "kind": row.kind,
                    "level": row.level,
                    "admin_unit_id": admin_id,
                    "parent_id": ids[row.parent_code] if row.parent_code else None,
                    "depth": depth[row.code],
                    "has_danvan_function": row.has_danvan_function,
                    "sort_order": row.sort_order,
                    "search_text": _join_search(row.name, admin_texts.get(admin_id, "")),
                }
                unit = existing.get(row.code)
                if unit is None:
                    to_create.append(OrgUnit(code=row.code, **values))
                elif any(getattr(unit, k) != v for k, v in values.items()):
                    for k, v in values.items():
                        setattr(unit, k, v)
                    to_update.append(unit)
                else:
                    result.unchanged += 1
            OrgUnit.objects.bulk_create(to_create, batch_size=BATCH)
            OrgUnit.objects.bulk_update(to_update, list(_ORG_FIELDS), batch_size=BATCH)
            result.created += len(to_create)
            result.updated += len(to_update)
            if to_create:
                ids.update((u.code, u.pk) for u in to_create)
        closure = orgtree_sync_closure()
        result.extra["closure_rows_added"] = closure.created
        result.extra["closure_rows_removed"] = closure.removed
        if "records_refreshed" in closure.extra:
            result.extra["records_refreshed"] = closure.extra["records_refreshed"]
        if result.created or result.updated or closure.created or closure.removed:
            audit_record(
                actor=actor, action=Action.ORG_TREE_BUILT, details=result.as_dict(), system_label="build_org_tree"
            )
    return result


def _join_search(name: str, admin_text: str) -> str:
    # The leading space lets a search match word starts: contains " dan" finds "dan van", not "ban".
    return f" {fold(name)} {admin_text}".rstrip()


def orgtree_sync_closure() -> SyncResult:
    """Make the closure table match the parent pointers of the whole tree (insert missing, drop stale rows)."""
    parents = dict(OrgUnit.objects.values_list("pk", "parent_id"))
    wanted: set[tuple[int, int, int]] = set()
    for unit_id in parents:
        node, d = unit_id, 0
        while node is not None:
            wanted.add((node, unit_id, d))
            node, d = parents[node], d + 1
    have = set(OrgUnitClosure.objects.values_list("ancestor_id", "descendant_id", "depth"))
    missing = wanted - have
    stale = have - wanted
    OrgUnitClosure.objects.bulk_create(
        [OrgUnitClosure(ancestor_id=a, descendant_id=d, depth=k) for a, d, k in missing], batch_size=5000
    )
    for a, d, _k in stale:
        OrgUnitClosure.objects.filter(ancestor_id=a, descendant_id=d).delete()
    result = SyncResult(created=len(missing), removed=len(stale), unchanged=len(wanted & have))
    # Units whose ancestors changed (moved by a rebuild): the records that copy an ancestor follow them.
    moved = {d for _a, d, _k in missing | stale}
    if moved:
        result.extra["records_refreshed"] = refresh_derived_unit_fields(unit_ids=sorted(moved))
    return result


# --- Units made by users ----------------------------------------------------------------------

USER_CREATABLE_KINDS = {
    OrgUnit.Kind.VILLAGE,
    OrgUnit.Kind.RESIDENTIAL_GROUP,
    OrgUnit.Kind.MOBILISATION_TEAM,
    OrgUnit.Kind.MOBILISATION_BLOC,
    OrgUnit.Kind.OTHER,
}
DANVAN_KINDS = {
    OrgUnit.Kind.PROPAGANDA_MOBILISATION_BOARD,
    OrgUnit.Kind.MOBILISATION_BOARD,
    OrgUnit.Kind.MOBILISATION_BLOC,
    OrgUnit.Kind.MOBILISATION_TEAM,
}


def orgunit_create(*, actor, parent: OrgUnit, name: str, kind: str) -> OrgUnit:
    """Add a unit below `parent` (a thôn, tổ dân phố, tổ dân vận, …)."""
    from danvan.accounts.permissions import can_edit_unit

    name = " ".join((name or "").split())
    if not can_edit_unit(actor, parent):
        raise ApplicationError("Đồng chí không có quyền thêm đơn vị vào đơn vị này.", code="forbidden")
    if not name:
        raise ApplicationError("Tên đơn vị: bắt buộc, hãy nhập tên.", field="name")
    if len(name) > 255:
        raise ApplicationError("Tên đơn vị: tối đa 255 ký tự.", field="name")
    if kind not in USER_CREATABLE_KINDS:
        raise ApplicationError("Loại đơn vị: hãy chọn một loại trong danh sách.", field="kind")
    with transaction.atomic():
        sibling_names = OrgUnit.objects.filter(parent=parent).values_list("name", flat=True)
        if any(fold(sibling) == fold(name) for sibling in sibling_names):
            raise ApplicationError(f"Tên đơn vị: “{name}” đã có trong {parent.name}; hãy chọn tên khác.", field="name")
        level = (
            OrgUnit.Level.VILLAGE
            if kind in {OrgUnit.Kind.VILLAGE, OrgUnit.Kind.RESIDENTIAL_GROUP, OrgUnit.Kind.MOBILISATION_TEAM}
            else parent.level
        )
        unit = OrgUnit.objects.create(
            code=f"U-{uuid.uuid4().hex[:10].upper()}",
            name=name,
            kind=kind,
            level=level,
            admin_unit=parent.admin_unit,
            parent=parent,
            depth=parent.depth + 1,
            has_danvan_function=kind in DANVAN_KINDS,
            sort_order=(OrgUnit.objects.filter(parent=parent).count() + 1) * 10,
            search_text=_join_search(name, _admin_search_text(parent.admin_unit)),
        )
        # The new unit's ancestors are its parent's ancestors plus itself.
        OrgUnitClosure.objects.bulk_create(
            [
                OrgUnitClosure(ancestor_id=a, descendant=unit, depth=d + 1)
                for a, d in OrgUnitClosure.objects.filter(descendant=parent).values_list("ancestor_id", "depth")
            ]
            + [OrgUnitClosure(ancestor=unit, descendant=unit, depth=0)]
        )
        audit_record(
            actor=actor,
            action=Action.ORGUNIT_CREATED,
            unit=unit,
            target=unit,
            after=snapshot(unit, ["name", "kind", "parent"]),
        )
    return unit


def orgunit_update(
    *, actor, unit: OrgUnit, name: str, is_active: bool, expected_version: str | int | None = None
) -> OrgUnit:
    """Rename or (de)activate a unit. `expected_version` (core.locking): the version the edit page showed."""
    from danvan.accounts.permissions import can_edit_unit

    name = " ".join((name or "").split())
    if not can_edit_unit(actor, unit):
        raise ApplicationError("Đồng chí không có quyền sửa đơn vị này.", code="forbidden")
    if not name:
        raise ApplicationError("Tên đơn vị: bắt buộc, hãy nhập tên.", field="name")
    with transaction.atomic():
        unit = OrgUnit.objects.select_for_update().get(pk=unit.pk)
        check_version(unit, expected_version, what="Đơn vị")
        before = snapshot(unit, ["name", "is_active"])
        unit.name = name
        unit.is_active = is_active
        unit.search_text = _join_search(name, _admin_search_text(unit.admin_unit))
        unit.save(update_fields=["name", "is_active", "search_text", *bump(unit)])
        audit_record(
            actor=actor,
            action=Action.ORGUNIT_UPDATED,
            unit=unit,
            target=unit,
            before=before,
            after=snapshot(unit, ["name", "is_active"]),
        )
    return unit


def orgunit_move(*, actor, unit: OrgUnit, new_parent: OrgUnit) -> OrgUnit:
    """Move `unit` (and its subtree) below `new_parent`: a commune to another province after a boundary change, a
    thôn to the commune it now belongs to. Depths and the closure table follow, and so does every field that keeps
    a copy of where a record sits in the tree (`refresh_derived_unit_fields`), in the same transaction.

    The actor must be able to edit both the old parent and the new one (an administrator over both)."""
    from danvan.accounts.permissions import can_edit_unit

    old_parent = unit.parent
    if old_parent is None:
        raise ApplicationError("Đơn vị gốc không chuyển được.", field="parent")
    if not (can_edit_unit(actor, old_parent) and can_edit_unit(actor, new_parent)):
        raise ApplicationError(
            "Đồng chí không có quyền chuyển đơn vị này sang đơn vị cấp trên đã chọn.", code="forbidden"
        )
    if new_parent.pk == old_parent.pk:
        return unit
    if OrgUnitClosure.objects.filter(ancestor=unit, descendant=new_parent).exists():
        raise ApplicationError(
            f"Đơn vị cấp trên: {new_parent.name} nằm trong {unit.name}; hãy chọn đơn vị khác.", field="parent"
        )
    with transaction.atomic():
        unit = OrgUnit.objects.select_for_update().get(pk=unit.pk)
        subtree = list(OrgUnitClosure.objects.filter(ancestor=unit).values_list("descendant_id", "depth"))
        shift = new_parent.depth + 1 - unit.depth
        unit.parent = new_parent
        unit.save(update_fields=["parent", *bump(unit)])
        if shift:
            for descendant_id, depth in subtree:
                OrgUnit.objects.filter(pk=descendant_id).update(depth=unit.depth + shift + depth)
        ids = [d for d, _depth in subtree]
        # The subtree's links to its old ancestors go; links to the new parent's ancestors come.
        OrgUnitClosure.objects.filter(descendant_id__in=ids).exclude(ancestor_id__in=ids).delete()
        above = list(OrgUnitClosure.objects.filter(descendant=new_parent).values_list("ancestor_id", "depth"))
        OrgUnitClosure.objects.bulk_create(
            [OrgUnitClosure(ancestor_id=a, descendant_id=d, depth=da + 1 + dd) for a, da in above for d, dd in subtree],
            batch_size=5000,
        )
        refreshed = refresh_derived_unit_fields(unit_ids=ids)
        audit_record(
            actor=actor,
            action=Action.ORGUNIT_MOVED,
            unit=unit,
            target=unit,
            before={"parent": old_parent.code},
            after={"parent": new_parent.code, "records_updated": refreshed},
        )
    unit.refresh_from_db()
    return unit


# Fields that keep a copy of where a record sits in the tree, recomputed when units move: (model, its unit field,
# the copied field, which ancestor of the unit it copies). Every such field in danvan is listed here.
DERIVED_UNIT_FIELDS = [
    # petitions: the depth-1 ancestor (a province's Party committee, or a central body) — petitions._create_petition
    ("petitions.Petition", "unit", "province", {"ancestor__depth": 1}),
    # initiatives: the province-level ancestor, the unit itself included — initiatives.services.province_of
    ("initiatives.Initiative", "unit", "province", {"ancestor__level": OrgUnit.Level.PROVINCE}),
    # democracy: a base's province, the unit itself included — democracy.services.common._province_of
    ("democracy.Base", "unit", "province", {"ancestor__level": OrgUnit.Level.PROVINCE}),
]


def refresh_derived_unit_fields(*, unit_ids) -> dict[str, int]:
    """Recompute every DERIVED_UNIT_FIELDS copy on the records of `unit_ids` from the closure table; only rows whose
    copy is wrong are written. Returns the number of rows changed per model."""
    from django.apps import apps
    from django.db.models import OuterRef, Subquery

    unit_ids = list(unit_ids)
    changed = {}
    for label, unit_field, copy_field, which in DERIVED_UNIT_FIELDS:
        model = apps.get_model(label)
        stale = []
        for start in range(0, len(unit_ids), 5000):
            batch = unit_ids[start : start + 5000]
            wanted = dict(
                OrgUnitClosure.objects.filter(descendant_id__in=batch, **which).values_list(
                    "descendant_id", "ancestor_id"
                )
            )
            rows = model.objects.filter(**{f"{unit_field}_id__in": batch})
            stale += [
                pk
                for pk, unit_id, copied in rows.values_list("pk", f"{unit_field}_id", f"{copy_field}_id")
                if wanted.get(unit_id) != copied
            ]
        ancestor = OrgUnitClosure.objects.filter(descendant_id=OuterRef(f"{unit_field}_id"), **which)
        count = 0
        for start in range(0, len(stale), 5000):
            count += model.objects.filter(pk__in=stale[start : start + 5000]).update(
                **{copy_field: Subquery(ancestor.values("ancestor_id")[:1])}
            )
        changed[label] = count
    return changed


# Fields that keep a copy of an administrative unit's name: (model, its admin-unit field, the copied name field, the
# copied folded name field or None). Refreshed when `admin_units_load` renames a unit.
DERIVED_ADMIN_NAMES = [
    # democracy: a commune's grassroots base is named after its commune — democracy.services.bases.base_for_commune
    ("democracy.Base", "admin_unit", "name", "name_folded"),
]


def refresh_admin_name_copies(*, admin_ids) -> dict[str, int]:
    """Rewrite every DERIVED_ADMIN_NAMES copy on the records of the administrative units `admin_ids` whose copy
    differs from the unit's name. Returns the number of rows changed per model."""
    from django.apps import apps

    admin_ids = list(admin_ids)
    changed = {}
    for label, unit_field, name_field, folded_field in DERIVED_ADMIN_NAMES:
        model = apps.get_model(label)
        count = 0
        for start in range(0, len(admin_ids), 5000):
            batch = admin_ids[start : start + 5000]
            names = dict(AdminUnit.objects.filter(pk__in=batch).values_list("pk", "name"))
            rows = model.objects.filter(**{f"{unit_field}_id__in": batch})
            for pk, admin_id, copied in rows.values_list("pk", f"{unit_field}_id", name_field):
                name = names[admin_id]
                if copied != name:
                    values = {name_field: name, **({folded_field: fold(name)} if folded_field else {})}
                    count += model.objects.filter(pk=pk).update(**values)
        changed[label] = count
    return changed


# --- People and positions -----------------------------------------------------------------------


def position_assign(
    *, actor, unit: OrgUnit, full_name: str, title: str, is_head: bool = False, start_date=None, user=None
) -> Position:
    """Record that a person holds `title` in `unit`; the person is created when new."""
    from danvan.accounts.permissions import can_edit_unit

    full_name = " ".join((full_name or "").split())
    title = " ".join((title or "").split())
    if not can_edit_unit(actor, unit):
        raise ApplicationError("Đồng chí không có quyền cập nhật chức vụ của đơn vị này.", code="forbidden")
    if not full_name:
        raise ApplicationError("Họ và tên: bắt buộc.", field="full_name")
    if not title:
        raise ApplicationError("Chức vụ: bắt buộc, ví dụ “Trưởng ban” hoặc “Chuyên viên”.", field="title")
    with transaction.atomic():
        if user is not None and hasattr(user, "person"):
            person = user.person
        else:
            person = Person.objects.create(full_name=full_name, name_folded=fold(full_name), user=user)
        position = Position.objects.create(
            person=person,
            unit=unit,
            title=title,
            is_head=is_head,
            start_date=start_date,
            sort_order=10 if is_head else 100,
        )
        audit_record(
            actor=actor,
            action=Action.POSITION_ASSIGNED,
            unit=unit,
            target=position,
            after={"person": person.full_name, "title": title, "is_head": is_head},
        )
    return position


def position_end(*, actor, position: Position, end_date) -> Position:
    from danvan.accounts.permissions import can_edit_unit

    if not can_edit_unit(actor, position.unit):
        raise ApplicationError("Đồng chí không có quyền cập nhật chức vụ của đơn vị này.", code="forbidden")
    if position.end_date is not None:
        raise ApplicationError("Chức vụ này đã kết thúc.", field="end_date")
    if position.start_date and end_date < position.start_date:
        raise ApplicationError("Ngày kết thúc: phải sau ngày bắt đầu.", field="end_date")
    with transaction.atomic():
        position.end_date = end_date
        position.save(update_fields=["end_date"])
        audit_record(
            actor=actor,
            action=Action.POSITION_ENDED,
            unit=position.unit,
            target=position,
            after={"end_date": end_date.isoformat()},
        )
    return position
