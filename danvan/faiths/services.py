"""Writes of the ethnic and religious registers. Every function runs in one transaction and writes one audit event;
corrections lock the row (danvan.core.locking) and record before and after.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from danvan.audit.models import Action
from danvan.audit.services import audit_record, snapshot
from danvan.core.errors import ApplicationError
from danvan.core.locking import bump, check_version
from danvan.core.sequences import next_in_sequence
from danvan.faiths import permissions as perms
from danvan.faiths.models import (
    Commendation,
    Denomination,
    Dignitary,
    Establishment,
    EthnicArea,
    EthnicGroup,
    EthnicPopulation,
    FollowerFigure,
    HolidayDate,
    Religion,
    Visit,
)
from danvan.organisations.models import OrgUnit
from danvan.organisations.selectors import orgunit_ancestors

ESTABLISHMENT_FIELDS = ["name", "kind", "religion", "denomination", "village", "address", "note"]
DIGNITARY_FIELDS = ["full_name", "kind", "position", "birth_year", "active"]
VISIT_FIELDS = ["visit_on", "holiday_date", "establishment", "ethnic_area", "place", "delegation", "gifts", "status"]
COMMENDATION_FIELDS = ["year", "establishment", "dignitary", "person_name", "movement_name", "form", "reason"]
OLDEST_BIRTH_YEAR = 1900


def commune_of(unit: OrgUnit) -> OrgUnit | None:
    """The top unit of `unit`'s commune (its Party committee, the commune's root), or None above the commune."""
    if unit.level not in (OrgUnit.Level.COMMUNE, OrgUnit.Level.VILLAGE):
        return None
    for above in orgunit_ancestors(unit):
        if above.level == OrgUnit.Level.COMMUNE:
            return above
    return unit


def _check_unit(actor, unit: OrgUnit) -> None:
    if not perms.can_edit_register(actor, unit):
        raise ApplicationError("Đồng chí chỉ được nhập cho đơn vị mình và các đơn vị cấp dưới.", field="unit")
    if commune_of(unit) is None:
        raise ApplicationError(
            "Sổ theo dõi lập theo từng xã, phường: chọn một đơn vị cấp xã (Đảng ủy, khối dân vận, Mặt trận xã …).",
            field="unit",
        )


def _check_village(unit: OrgUnit, village: OrgUnit | None) -> None:
    if village is None:
        return
    commune = commune_of(unit)
    if village.level != OrgUnit.Level.VILLAGE or not village.ancestor_links.filter(ancestor=commune).exists():
        raise ApplicationError(
            f"Thôn, tổ dân phố phải thuộc {commune.name}: chọn lại trong danh sách, hoặc để trống và ghi địa chỉ.",
            field="village",
        )


def _check_text(value: str, *, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ApplicationError(message, field=field)
    return value


def _check_birth_year(year, *, field: str, label: str = "") -> int | None:
    if year in (None, ""):
        return None
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ApplicationError(f"{label}Năm sinh phải là số có 4 chữ số, ví dụ 1968.", field=field) from None
    if not OLDEST_BIRTH_YEAR <= year <= timezone.localdate().year:
        raise ApplicationError(
            f"{label}Năm sinh {year} không hợp lệ: ghi năm từ {OLDEST_BIRTH_YEAR} đến năm nay.", field=field
        )
    return year


def _check_establishment_fields(*, religion, denomination, kind, name) -> str:
    if religion is None:
        raise ApplicationError("Chưa chọn tôn giáo.", field="religion")
    if denomination is not None and denomination.religion_id != religion.pk:
        raise ApplicationError(
            f"Tổ chức “{denomination.name}” không thuộc {religion.name}: chọn lại tổ chức tôn giáo hoặc để trống.",
            field="denomination",
        )
    if kind not in Establishment.Kind.values:
        raise ApplicationError("Chưa chọn loại cơ sở (chùa, nhà thờ, thánh thất …).", field="kind")
    return _check_text(name, field="name", message="Chưa ghi tên cơ sở, ví dụ “Chùa Phúc Lâm”.")


def _dignitary_rows(rows) -> list[dict]:
    cleaned = []
    for number, row in enumerate(rows, start=1):
        label = f"Dòng {number}: "
        full_name = (row.get("full_name") or "").strip()
        position = (row.get("position") or "").strip()
        if not full_name or not position:
            raise ApplicationError(
                f"{label}ghi cả họ tên và chức vụ (ví dụ “Thích Minh Tuệ — Trụ trì”), hoặc xóa dòng đó.",
                field="dignitaries",
            )
        kind = row.get("kind") or Dignitary.Kind.DIGNITARY
        if kind not in Dignitary.Kind.values:
            raise ApplicationError(f"{label}chọn chức sắc hoặc chức việc.", field="dignitaries")
        cleaned.append(
            {
                "full_name": full_name[:128],
                "position": position[:128],
                "kind": kind,
                "birth_year": _check_birth_year(row.get("birth_year"), field="dignitaries", label=label),
            }
        )
    return cleaned


def _check_followers(year, followers, *, field: str = "followers") -> tuple[int, int] | None:
    if followers in (None, ""):
        return None
    if year is None or not 1945 <= int(year) <= timezone.localdate().year + 1:
        raise ApplicationError("Chọn năm của số tín đồ.", field="followers_year")
    if int(followers) < 0:
        raise ApplicationError("Số tín đồ không được âm.", field=field)
    return int(year), int(followers)


def establishment_register(
    *,
    actor,
    unit: OrgUnit,
    religion: Religion | None,
    kind: str,
    name: str,
    denomination: Denomination | None = None,
    village: OrgUnit | None = None,
    address: str = "",
    note: str = "",
    dignitaries=(),
    followers_year: int | None = None,
    followers: int | None = None,
) -> Establishment:
    """Register a religious establishment of a commune with its dignitaries and this year's followers."""
    _check_unit(actor, unit)
    name = _check_establishment_fields(religion=religion, denomination=denomination, kind=kind, name=name)
    _check_village(unit, village)
    rows = _dignitary_rows(dignitaries)
    figure = _check_followers(followers_year, followers)
    with transaction.atomic():
        establishment = Establishment.objects.create(
            code=next_in_sequence(prefix="CS", year=timezone.localdate().year),
            unit=unit,
            village=village,
            religion=religion,
            denomination=denomination,
            kind=kind,
            name=name,
            address=address.strip(),
            note=note.strip(),
            created_by=actor,
        )
        Dignitary.objects.bulk_create([Dignitary(establishment=establishment, updated_by=actor, **row) for row in rows])
        if figure:
            FollowerFigure.objects.create(establishment=establishment, year=figure[0], followers=figure[1])
        audit_record(
            actor=actor,
            action=Action.FAITH_ESTABLISHMENT_REGISTERED,
            unit=unit,
            target=establishment,
            after=snapshot(establishment, ESTABLISHMENT_FIELDS),
            # Counts only: the names are personal data and stay in their table.
            details={"dignitaries": len(rows), "followers": figure[1] if figure else None},
        )
    return establishment


def establishment_update(
    *,
    actor,
    establishment: Establishment,
    religion: Religion | None,
    kind: str,
    name: str,
    denomination: Denomination | None = None,
    village: OrgUnit | None = None,
    address: str = "",
    note: str = "",
    expected_version=None,
) -> Establishment:
    """Correct an establishment's entry (locked against a concurrent edit)."""
    if not perms.can_edit_register(actor, establishment.unit):
        raise ApplicationError("Đồng chí không được sửa cơ sở này.", field="unit")
    name = _check_establishment_fields(religion=religion, denomination=denomination, kind=kind, name=name)
    _check_village(establishment.unit, village)
    with transaction.atomic():
        row = Establishment.objects.select_for_update().get(pk=establishment.pk)
        check_version(row, expected_version, what=f"Cơ sở {row.name}")
        before = snapshot(row, ESTABLISHMENT_FIELDS)
        row.religion, row.denomination, row.kind, row.name = religion, denomination, kind, name
        row.village, row.address, row.note, row.updated_by = village, address.strip(), note.strip(), actor
        row.save(update_fields=[*ESTABLISHMENT_FIELDS, "updated_by", *bump(row)])
        audit_record(
            actor=actor,
            action=Action.FAITH_ESTABLISHMENT_UPDATED,
            unit=row.unit,
            target=row,
            before=before,
            after=snapshot(row, ESTABLISHMENT_FIELDS),
        )
    return row


def dignitary_add(
    *, actor, establishment: Establishment, full_name: str, position: str, kind: str = "dignitary", birth_year=None
) -> Dignitary:
    if not perms.can_see_dignitaries(actor, establishment):
        raise ApplicationError("Đồng chí không được nhập chức sắc của cơ sở này.", field="full_name")
    row = _dignitary_rows([{"full_name": full_name, "position": position, "kind": kind, "birth_year": birth_year}])[0]
    with transaction.atomic():
        dignitary = Dignitary.objects.create(establishment=establishment, updated_by=actor, **row)
        audit_record(
            actor=actor,
            action=Action.FAITH_DIGNITARY_ADDED,
            unit=establishment.unit,
            target=establishment,
            details={"dignitary": dignitary.pk, "position": dignitary.position},
        )
    return dignitary


def dignitary_update(
    *,
    actor,
    dignitary: Dignitary,
    full_name: str,
    position: str,
    kind: str,
    birth_year=None,
    active: bool = True,
    expected_version=None,
) -> Dignitary:
    """Correct a dignitary, or mark that they no longer serve at the establishment (kept for the history)."""
    if not perms.can_see_dignitaries(actor, dignitary.establishment):
        raise ApplicationError("Đồng chí không được sửa chức sắc của cơ sở này.", field="full_name")
    row = _dignitary_rows([{"full_name": full_name, "position": position, "kind": kind, "birth_year": birth_year}])[0]
    with transaction.atomic():
        locked = Dignitary.objects.select_for_update().get(pk=dignitary.pk)
        check_version(locked, expected_version, what=f"Thông tin {locked.position} {locked.full_name}")
        before = snapshot(locked, DIGNITARY_FIELDS)
        for key, value in row.items():
            setattr(locked, key, value)
        locked.active, locked.updated_by = active, actor
        locked.save(update_fields=[*DIGNITARY_FIELDS, "updated_by", *bump(locked)])
        audit_record(
            actor=actor,
            action=Action.FAITH_DIGNITARY_UPDATED,
            unit=dignitary.establishment.unit,
            target=dignitary.establishment,
            before=before,
            after=snapshot(locked, DIGNITARY_FIELDS),
            details={"dignitary": locked.pk},
        )
    return locked


def dignitaries_view_record(*, actor, establishment: Establishment) -> None:
    """Every view of an establishment's dignitaries (personal data) is audited."""
    with transaction.atomic():
        audit_record(actor=actor, action=Action.FAITH_DIGNITARIES_VIEWED, unit=establishment.unit, target=establishment)


def followers_set(
    *, actor, establishment: Establishment, year: int, followers: int, households: int | None = None
) -> FollowerFigure:
    """Enter (or correct) an establishment's number of followers for a year."""
    if not perms.can_edit_register(actor, establishment.unit):
        raise ApplicationError("Đồng chí không được nhập số liệu của cơ sở này.", field="followers")
    year, followers = _check_followers(year, followers) or (None, None)
    if followers is None:
        raise ApplicationError("Chưa ghi số tín đồ.", field="followers")
    if households is not None and households < 0:
        raise ApplicationError("Số hộ không được âm.", field="households")
    with transaction.atomic():
        figure = FollowerFigure.objects.select_for_update().filter(establishment=establishment, year=year).first()
        before = {"followers": figure.followers, "households": figure.households} if figure else None
        if figure is None:
            figure = FollowerFigure(establishment=establishment, year=year)
        figure.followers, figure.households = followers, households
        figure.save()
        audit_record(
            actor=actor,
            action=Action.FAITH_FOLLOWERS_SET,
            unit=establishment.unit,
            target=establishment,
            before=before,
            after={"followers": followers, "households": households},
            details={"year": year},
        )
    return figure


def ethnic_area_register(
    *, actor, unit: OrgUnit, name: str, village: OrgUnit | None = None, note: str = "", populations=()
) -> EthnicArea:
    """Register an ethnic-minority area or village of a commune with its people per group for a year.
    `populations` are dicts of group (EthnicGroup), year, households, people."""
    _check_unit(actor, unit)
    name = _check_text(name, field="name", message="Chưa ghi tên vùng, thôn, ví dụ “Thôn Khe Nghè”.")
    _check_village(unit, village)
    rows = [_population_row(p, number) for number, p in enumerate(populations, start=1)]
    with transaction.atomic():
        area = EthnicArea.objects.create(
            code=next_in_sequence(prefix="DT", year=timezone.localdate().year),
            unit=unit,
            village=village,
            name=name,
            note=note.strip(),
            created_by=actor,
        )
        EthnicPopulation.objects.bulk_create([EthnicPopulation(area=area, **row) for row in rows])
        audit_record(
            actor=actor,
            action=Action.FAITH_AREA_REGISTERED,
            unit=unit,
            target=area,
            after={"name": name, "village": str(village or "")},
            details={"populations": [[str(r["group"]), r["year"], r["people"]] for r in rows]},
        )
    return area


def _population_row(p: dict, number: int) -> dict:
    label = f"Dòng {number}: "
    if not isinstance(p.get("group"), EthnicGroup):
        raise ApplicationError(f"{label}chọn dân tộc trong danh sách.", field="populations")
    year, people = p.get("year"), p.get("people")
    if year is None or not 1945 <= int(year) <= timezone.localdate().year + 1:
        raise ApplicationError(f"{label}chọn năm của số liệu.", field="populations")
    if people is None or int(people) < 0:
        raise ApplicationError(f"{label}ghi số nhân khẩu (một số không âm).", field="populations")
    households = p.get("households")
    if households is not None and int(households) < 0:
        raise ApplicationError(f"{label}số hộ không được âm.", field="populations")
    return {"group": p["group"], "year": int(year), "people": int(people), "households": households}


def ethnic_population_set(
    *, actor, area: EthnicArea, group: EthnicGroup, year: int, people: int, households: int | None = None
) -> EthnicPopulation:
    """Enter (or correct) the people of one group in an area for a year."""
    if not perms.can_edit_register(actor, area.unit):
        raise ApplicationError("Đồng chí không được nhập số liệu của vùng này.", field="people")
    row = _population_row({"group": group, "year": year, "people": people, "households": households}, 1)
    with transaction.atomic():
        population = EthnicPopulation.objects.select_for_update().filter(area=area, group=group, year=year).first()
        before = {"people": population.people, "households": population.households} if population else None
        if population is None:
            population = EthnicPopulation(area=area, group=group, year=row["year"])
        population.people, population.households = row["people"], row["households"]
        population.save()
        audit_record(
            actor=actor,
            action=Action.FAITH_POPULATION_SET,
            unit=area.unit,
            target=area,
            before=before,
            after={"people": population.people, "households": population.households},
            details={"group": group.name, "year": row["year"]},
        )
    return population


def _check_visit(*, unit, visit_on, establishment, ethnic_area, place, delegation) -> str:
    if visit_on is None:
        raise ApplicationError("Chưa ghi ngày thăm (dd/mm/yyyy).", field="visit_on")
    delegation = _check_text(
        delegation,
        field="delegation",
        message="Chưa ghi thành phần đoàn, ví dụ “Bí thư Đảng ủy, Chủ tịch UBMTTQ xã”.",
    )
    if establishment is None and ethnic_area is None and not (place or "").strip():
        raise ApplicationError(
            "Chưa chọn nơi đến: chọn cơ sở tôn giáo, vùng đồng bào dân tộc, hoặc ghi địa điểm.", field="establishment"
        )
    return delegation


def visit_plan(
    *,
    actor,
    unit: OrgUnit,
    visit_on: dt.date | None,
    delegation: str,
    holiday_date: HolidayDate | None = None,
    establishment: Establishment | None = None,
    ethnic_area: EthnicArea | None = None,
    place: str = "",
    gifts: str = "",
) -> Visit:
    """Plan a visit or greeting on a holiday: who goes, when, where, to which establishment."""
    if not perms.can_edit_register(actor, unit):
        raise ApplicationError("Đồng chí chỉ được lập kế hoạch cho đơn vị mình và cấp dưới.", field="unit")
    delegation = _check_visit(
        unit=unit,
        visit_on=visit_on,
        establishment=establishment,
        ethnic_area=ethnic_area,
        place=place,
        delegation=delegation,
    )
    for target, field in ((establishment, "establishment"), (ethnic_area, "ethnic_area")):
        if target is not None and not perms.can_view_register(actor, target.unit):
            raise ApplicationError("Chọn nơi đến trong phạm vi của đồng chí.", field=field)
    with transaction.atomic():
        visit = Visit.objects.create(
            code=next_in_sequence(prefix="TT", year=visit_on.year),
            unit=unit,
            holiday_date=holiday_date,
            visit_on=visit_on,
            establishment=establishment,
            ethnic_area=ethnic_area,
            place=place.strip(),
            delegation=delegation,
            gifts=gifts.strip(),
            created_by=actor,
        )
        audit_record(
            actor=actor, action=Action.FAITH_VISIT_PLANNED, unit=unit, target=visit, after=snapshot(visit, VISIT_FIELDS)
        )
    return visit


def visit_update(
    *,
    actor,
    visit: Visit,
    visit_on: dt.date | None,
    delegation: str,
    status: str,
    holiday_date: HolidayDate | None = None,
    establishment: Establishment | None = None,
    ethnic_area: EthnicArea | None = None,
    place: str = "",
    gifts: str = "",
    result: str = "",
    expected_version=None,
) -> Visit:
    """Correct a visit, or record that it took place (or was cancelled) and how it went."""
    if not perms.can_edit_register(actor, visit.unit):
        raise ApplicationError("Đồng chí không được sửa lịch thăm này.", field="unit")
    delegation = _check_visit(
        unit=visit.unit,
        visit_on=visit_on,
        establishment=establishment,
        ethnic_area=ethnic_area,
        place=place,
        delegation=delegation,
    )
    if status not in Visit.Status.values:
        raise ApplicationError("Chọn tình trạng: dự kiến, đã thăm hoặc hủy.", field="status")
    with transaction.atomic():
        row = Visit.objects.select_for_update().get(pk=visit.pk)
        check_version(row, expected_version, what=f"Lịch thăm {row.code}")
        before = snapshot(row, VISIT_FIELDS)
        row.visit_on, row.delegation, row.status, row.holiday_date = visit_on, delegation, status, holiday_date
        row.establishment, row.ethnic_area, row.place, row.gifts = establishment, ethnic_area, place.strip(), gifts
        row.result, row.updated_by = result.strip(), actor
        row.save(update_fields=[*VISIT_FIELDS, "result", "updated_by", *bump(row)])
        audit_record(
            actor=actor,
            action=Action.FAITH_VISIT_UPDATED,
            unit=row.unit,
            target=row,
            before=before,
            after=snapshot(row, VISIT_FIELDS),
        )
    return row


def commendation_record(
    *,
    actor,
    unit: OrgUnit,
    year: int,
    form: str,
    reason: str,
    establishment: Establishment | None = None,
    dignitary: Dignitary | None = None,
    person_name: str = "",
    movement_name: str = "",
    movement=None,
    decided_on: dt.date | None = None,
) -> Commendation:
    """Record a commendation of a dignitary, a follower or an establishment ("sống tốt đời đẹp đạo"), or of a
    religious organisation's emulation movement."""
    if not perms.can_edit_register(actor, unit):
        raise ApplicationError("Đồng chí chỉ được nhập cho đơn vị mình và cấp dưới.", field="unit")
    if establishment is None and dignitary is None and not person_name.strip() and not movement_name.strip():
        raise ApplicationError(
            "Chưa chọn người hoặc tập thể được khen: chọn cơ sở, chức sắc, ghi tên tín đồ hoặc tên phong trào.",
            field="person_name",
        )
    if dignitary is not None and establishment is not None and dignitary.establishment_id != establishment.pk:
        raise ApplicationError("Chức sắc được chọn không thuộc cơ sở được chọn.", field="dignitary")
    for target in (establishment, dignitary.establishment if dignitary else None):
        if target is not None and not perms.can_view_register(actor, target.unit):
            raise ApplicationError("Chọn cơ sở trong phạm vi của đồng chí.", field="establishment")
    if movement is not None:
        from danvan.movements.permissions import can_view_movement

        if not can_view_movement(actor, movement):
            raise ApplicationError("Chọn phong trào trong phạm vi của đồng chí.", field="movement")
    form = _check_text(form, field="form", message="Chưa ghi hình thức khen thưởng, ví dụ “Giấy khen”.")
    reason = _check_text(reason, field="reason", message="Chưa ghi thành tích được khen.")
    with transaction.atomic():
        commendation = Commendation.objects.create(
            code=next_in_sequence(prefix="KT", year=year),
            unit=unit,
            year=year,
            establishment=establishment,
            dignitary=dignitary,
            person_name=person_name.strip(),
            movement_name=movement_name.strip(),
            movement=movement,
            form=form,
            reason=reason,
            decided_on=decided_on,
            created_by=actor,
        )
        audit_record(
            actor=actor,
            action=Action.FAITH_COMMENDATION_RECORDED,
            unit=unit,
            target=commendation,
            after=snapshot(commendation, COMMENDATION_FIELDS),
        )
    return commendation


def commendation_update(
    *,
    actor,
    commendation: Commendation,
    form: str,
    reason: str,
    person_name: str = "",
    movement_name: str = "",
    decided_on: dt.date | None = None,
    expected_version=None,
) -> Commendation:
    """Correct a commendation's wording, person and date (locked against a concurrent edit)."""
    if not perms.can_edit_register(actor, commendation.unit):
        raise ApplicationError("Đồng chí không được sửa khen thưởng này.", field="unit")
    form = _check_text(form, field="form", message="Chưa ghi hình thức khen thưởng, ví dụ “Giấy khen”.")
    reason = _check_text(reason, field="reason", message="Chưa ghi thành tích được khen.")
    with transaction.atomic():
        row = Commendation.objects.select_for_update().get(pk=commendation.pk)
        check_version(row, expected_version, what=f"Khen thưởng {row.code}")
        before = snapshot(row, COMMENDATION_FIELDS)
        row.form, row.reason, row.person_name = form, reason, person_name.strip()
        row.movement_name, row.decided_on = movement_name.strip(), decided_on
        row.save()
        audit_record(
            actor=actor,
            action=Action.FAITH_COMMENDATION_UPDATED,
            unit=row.unit,
            target=row,
            before=before,
            after=snapshot(row, COMMENDATION_FIELDS),
        )
    return row


def register_export_record(*, actor, unit: OrgUnit | None, rows: int, what: str) -> None:
    """Every export of the register (personal data) is audited: who, which scope, how many rows."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=Action.FAITH_REGISTER_EXPORTED,
            unit=unit,
            details={"what": what, "rows": rows},
        )
