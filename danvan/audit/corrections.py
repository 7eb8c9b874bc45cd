"""Correcting a recorded fact (decision 0062): the building block the apps' `<entity>_correct` services share.

One transaction: the row is locked, the version the person's page was shown with is checked (core.locking), only
what differs is written, and one audit event on the record keeps the values before and after with the reason. The
app's service checks the person's right and the values first; what needs the locked row is its `check`.
"""

from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from danvan.audit.models import Action
from danvan.audit.services import audit_record, snapshot
from danvan.core.errors import ApplicationError
from danvan.core.locking import bump, check_version


def clean_reason(reason: str, *, example: str) -> str:
    """The reason a correction is made, required: it is shown in the record's history."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise ApplicationError(f"Lý do sửa: bắt buộc, ví dụ “{example}”.", field="reason")
    return reason


def record_correct(
    *,
    actor,
    record,
    values: dict,
    reason: str,
    what: str,
    action: Action,
    unit,
    expected_version: str | None = None,
    check: Callable | None = None,
    derive: Callable | None = None,
):
    """Write `values` over `record`'s fields where they differ; returns the locked, saved row.

    `what` names the record in the conflict message ("Cam kết này"). `check(row, changed)` may refuse with an
    ApplicationError once the row is locked; `derive(row)` recomputes the fields that follow from the others (a
    folded name). Nothing changed is refused: the person is told nothing was saved."""
    with transaction.atomic():
        # No select_related here: PostgreSQL refuses FOR UPDATE on the nullable side of an outer join
        # (`updated_by`); the conflict message reads that person only when there is a conflict.
        row = type(record).objects.select_for_update().get(pk=record.pk)
        check_version(row, expected_version, what=what)
        changed = [name for name, value in values.items() if getattr(row, name) != value]
        if not changed:
            raise ApplicationError("Không có thông tin nào thay đổi: chưa lưu gì.", field="reason", code="unchanged")
        if check is not None:
            check(row, changed)
        before = snapshot(row, changed)
        for name in changed:
            setattr(row, name, values[name])
        if derive is not None:
            derive(row)
        if hasattr(row, "version"):
            row.updated_by, row.updated_at = actor, timezone.now()
            row.save(update_fields=[*changed, "updated_by", *bump(row)])
        else:
            row.save()  # its `updated_at` (auto_now) is its version, and derived fields go with it
        audit_record(
            actor=actor,
            action=action,
            unit=unit,
            target=row,
            before=before,
            after=snapshot(row, changed),
            details={"reason": reason},
        )
    return row
