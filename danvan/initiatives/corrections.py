"""Correcting a registered model's details (a typo in its name, the wrong field or dates).

The registering unit and the year stay: the code is numbered by year and the registration was decided for that
unit. Measurable targets stay too: progress reports are recorded against them. Anything else may be corrected at
any step, with a reason; the audit row keeps the values before and after, and the model's page lists its history.
"""

import datetime

from django.db import transaction

from danvan.audit.models import Action
from danvan.audit.services import audit_record, snapshot
from danvan.core.errors import ApplicationError
from danvan.core.locking import check_version
from danvan.core.text import fold
from danvan.initiatives import permissions as perms
from danvan.initiatives.models import Initiative
from danvan.initiatives.services import _duplicate, _validate

CORRECTABLE = (
    "name",
    "field",
    "new_rural",
    "kind",
    "person_name",
    "goal",
    "participants",
    "people_mobilised",
    "start_date",
    "end_date",
)


def initiative_correct(
    *,
    actor,
    initiative: Initiative,
    reason: str,
    name: str,
    field: str,
    goal: str,
    start_date: datetime.date | None,
    kind: str = Initiative.Kind.COLLECTIVE,
    person_name: str = "",
    new_rural: bool = False,
    participants: str = "",
    people_mobilised: int | None = None,
    end_date: datetime.date | None = None,
    expected_version: str | None = None,
) -> Initiative:
    if not perms.can_register_for(actor, initiative.unit):
        raise ApplicationError("Đồng chí không có quyền sửa mô hình này.", code="forbidden")
    reason = " ".join((reason or "").split())
    if not reason:
        raise ApplicationError("Lý do sửa: bắt buộc, ví dụ “sai chính tả tên mô hình”.", field="reason")
    _validate(
        name=name,
        year=initiative.year,
        field=field,
        kind=kind,
        person_name=person_name,
        goal=goal,
        start_date=start_date,
        end_date=end_date,
    )
    values = {
        "name": name.strip(),
        "field": field,
        "new_rural": bool(new_rural),
        "kind": kind,
        "person_name": (person_name or "").strip() if kind == Initiative.Kind.INDIVIDUAL else "",
        "goal": goal.strip(),
        "participants": (participants or "").strip(),
        "people_mobilised": people_mobilised,
        "start_date": start_date,
        "end_date": end_date,
    }
    with transaction.atomic():
        initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
        check_version(initiative, expected_version, what="Mô hình này")
        changed = [n for n in CORRECTABLE if getattr(initiative, n) != values[n]]
        if not changed:
            raise ApplicationError("Không có thông tin nào thay đổi: chưa lưu gì.", field="reason", code="unchanged")
        if "name" in changed:
            other = _duplicate(unit=initiative.unit, year=initiative.year, name=values["name"])
            if other is not None and other.pk != initiative.pk:
                raise ApplicationError(
                    f"Tên mô hình: đơn vị đã có mô hình cùng tên trong năm {initiative.year} ({other.code}); "
                    "hãy đặt tên khác.",
                    field="name",
                )
        before = snapshot(initiative, changed)
        for n in changed:
            setattr(initiative, n, values[n])
        initiative.name_folded = fold(initiative.name)[:255]
        initiative.search_text = " " + " ".join(fold(f"{initiative.name} {initiative.goal}").split())
        initiative.save()
        audit_record(
            actor=actor,
            action=Action.INITIATIVE_CORRECTED,
            unit=initiative.unit,
            target=initiative,
            before=before,
            after=snapshot(initiative, changed),
            details={"reason": reason},
        )
    return initiative
