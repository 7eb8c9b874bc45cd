"""Correcting a registered model's details (a typo in its name, the wrong field or dates).

The registering unit and the year stay: the code is numbered by year and the registration was decided for that
unit. Measurable targets stay too: progress reports are recorded against them. Anything else may be corrected at
any step, with a reason; the audit row keeps the values before and after, and the model's page lists its history.
"""

import datetime

from danvan.audit.corrections import clean_reason, record_correct
from danvan.audit.models import Action
from danvan.core.errors import ApplicationError
from danvan.core.text import fold
from danvan.initiatives import permissions as perms
from danvan.initiatives.models import Initiative
from danvan.initiatives.services import _duplicate, _validate

# The details the correction page shows (the keys of `values` below).
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
    reason = clean_reason(reason, example="sai chính tả tên mô hình")
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

    def name_free(row, changed):
        other = _duplicate(unit=row.unit, year=row.year, name=values["name"]) if "name" in changed else None
        if other is not None and other.pk != row.pk:
            raise ApplicationError(
                f"Tên mô hình: đơn vị đã có mô hình cùng tên trong năm {row.year} ({other.code}); hãy đặt tên khác.",
                field="name",
            )

    def folded(values):
        return {
            "name_folded": fold(values["name"])[:255],
            "search_text": " " + " ".join(fold(f"{values['name']} {values['goal']}").split()),
        }

    return record_correct(
        actor=actor,
        record=initiative,
        values=values,
        reason=reason,
        what="Mô hình này",
        action=Action.INITIATIVE_CORRECTED,
        unit=initiative.unit,
        expected_version=expected_version,
        check=name_free,
        derive=folded,
    )
