"""Correcting a recorded fact (decision 0062): the shared shape of every edit that must not overwrite another's.

`locked_edit` (first written for the democracy app) locks the row, checks the version the person's page was shown
with (core.locking), applies the changes, saves and writes one audit event with the fields before and after, in one
transaction. `record_correct` is the apps' correction on top of it: only what differs is written, nothing changed is
refused, and the reason goes into the audit event.
"""

from collections.abc import Callable
from decimal import Decimal

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


def snap(obj, fields: list[str]) -> dict:
    """`snapshot` with decimals (points, percentages) kept as text, so the audit row stays JSON."""
    return {k: str(v) if isinstance(v, Decimal) else v for k, v in snapshot(obj, fields).items()}


def locked_edit(
    *,
    actor,
    row,
    fields: list[str],
    changes,
    action,
    unit,
    target=None,
    what: str | None = None,
    expected_version=None,
    then=None,
    after_extra: dict | None = None,
    details: dict | None = None,
    changed_only: bool = False,
):
    """The one shape of every correction: lock the row, check the version the person saw (when `what` names the
    record), apply `changes` (a dict, or a function of the locked row returning one), save, run `then(row)` for
    dependent writes, and audit the `fields` before and after (with `changed_only`, those that changed), all in one
    transaction."""
    model = type(row)
    with transaction.atomic():
        locked = model.objects.select_for_update().get(pk=row.pk)
        if what:
            check_version(locked, expected_version, what=what)
        before = snap(locked, fields)
        values = changes(locked) if callable(changes) else changes
        for name, value in values.items():
            setattr(locked, name, value)
        update = list(values)
        if hasattr(locked, "updated_by"):
            locked.updated_by = actor
            update.append("updated_by")
        if hasattr(locked, "version") or hasattr(locked, "updated_at"):
            update += bump(locked)
        locked.save(update_fields=update)
        extra = then(locked) if then else None
        after = snap(locked, fields)
        if changed_only:
            kept = [name for name in fields if before[name] != after[name]]
            before, after = {n: before[n] for n in kept}, {n: after[n] for n in kept}
        audit_record(
            actor=actor,
            action=action,
            unit=unit,
            target=target or locked,
            before=before,
            after={**after, **(after_extra or {}), **(extra or {})},
            details=details or {},
        )
    return locked


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
    ApplicationError once the row is locked; `derive(values)` gives the fields that follow from the others (a folded
    name), written but not audited. Nothing changed is refused: the person is told nothing was saved."""

    def changes(row) -> dict:
        changed = {name: value for name, value in values.items() if getattr(row, name) != value}
        if not changed:
            raise ApplicationError("Không có thông tin nào thay đổi: chưa lưu gì.", field="reason", code="unchanged")
        if check is not None:
            check(row, list(changed))
        if derive is not None:
            changed.update(derive(values))
        if hasattr(row, "version"):
            changed["updated_at"] = timezone.now()  # named with the editor in a later conflict message
        return changed

    return locked_edit(
        actor=actor,
        row=record,
        fields=list(values),
        changes=changes,
        action=action,
        unit=unit,
        what=what,
        expected_version=expected_version,
        details={"reason": reason},
        changed_only=True,
    )
