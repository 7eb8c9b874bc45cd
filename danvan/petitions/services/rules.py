"""The rules table (deadlines by procedure and step) and the holiday calendar."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from danvan.audit.models import Action
from danvan.audit.services import audit_record, snapshot
from danvan.core.errors import ApplicationError
from danvan.petitions import permissions as perms
from danvan.petitions.models import (
    DeadlineRule,
    Holiday,
    Petition,
)

Status = Petition.Status


# --- The rules table and the holiday calendar -------------------------------------------------------

RULE_FIELDS = [
    "procedure",
    "step",
    "variant",
    "days",
    "day_type",
    "extension_days",
    "max_extensions",
    "remote_area_days",
    "remote_area_extension_days",
    "legal_basis",
    "effective_from",
    "effective_to",
]


def _raise_first(exc: ValidationError):
    for field, messages in exc.message_dict.items():
        raise ApplicationError(messages[0], field=None if field == "__all__" else field) from exc


def deadline_rule_create(*, actor, **fields) -> DeadlineRule:
    """Add a rule (e.g. a Luật 136/2025 limit from 1/7/2026). It may not overlap a rule with the same key."""
    if not perms.can_edit_rules(actor):
        raise ApplicationError("Chỉ quản trị hệ thống được sửa bảng quy định thời hạn.", code="forbidden")
    with transaction.atomic():
        rule = DeadlineRule(**fields)
        # Lock the key's rows so two concurrent additions cannot both pass the overlap check.
        list(
            DeadlineRule.objects.select_for_update().filter(
                procedure=rule.procedure, step=rule.step, variant=rule.variant
            )
        )
        try:
            rule.full_clean()
        except ValidationError as exc:
            _raise_first(exc)
        rule.save()
        audit_record(actor=actor, action=Action.DEADLINE_RULE_CREATED, target=rule, after=snapshot(rule, RULE_FIELDS))
    return rule


def deadline_rule_end(*, actor, rule: DeadlineRule, effective_to: dt.date) -> DeadlineRule:
    """Close a rule's validity (the day before its replacement takes effect)."""
    if not perms.can_edit_rules(actor):
        raise ApplicationError("Chỉ quản trị hệ thống được sửa bảng quy định thời hạn.", code="forbidden")
    with transaction.atomic():
        rule = DeadlineRule.objects.select_for_update().get(pk=rule.pk)
        before = snapshot(rule, ["effective_to"])
        rule.effective_to = effective_to
        try:
            rule.full_clean()
        except ValidationError as exc:
            _raise_first(exc)
        rule.save(update_fields=["effective_to"])
        audit_record(
            actor=actor,
            action=Action.DEADLINE_RULE_ENDED,
            target=rule,
            before=before,
            after=snapshot(rule, ["effective_to"]),
        )
    return rule


def holiday_set(*, actor, date: dt.date, name: str, is_estimate: bool = False) -> Holiday:
    """Add or rename a day off (the government announces Tết and substitute days yearly)."""
    if not perms.can_edit_rules(actor):
        raise ApplicationError("Chỉ quản trị hệ thống được sửa lịch ngày nghỉ.", code="forbidden")
    name = " ".join((name or "").split())
    if not name:
        raise ApplicationError("Tên ngày nghỉ: bắt buộc, ví dụ “Tết Nguyên đán”.", field="name")
    with transaction.atomic():
        holiday, _ = Holiday.objects.update_or_create(date=date, defaults={"name": name, "is_estimate": is_estimate})
        audit_record(actor=actor, action=Action.HOLIDAY_SET, target=holiday, after=snapshot(holiday, ["date", "name"]))
    return holiday


def holiday_remove(*, actor, holiday: Holiday) -> None:
    if not perms.can_edit_rules(actor):
        raise ApplicationError("Chỉ quản trị hệ thống được sửa lịch ngày nghỉ.", code="forbidden")
    with transaction.atomic():
        audit_record(actor=actor, action=Action.HOLIDAY_REMOVED, target=holiday, before=snapshot(holiday, ["date"]))
        holiday.delete()
