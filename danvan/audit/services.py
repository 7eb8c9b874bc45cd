from django.db import models

from danvan.audit.context import current_ip
from danvan.audit.models import Action, AuditEvent


def _label(obj) -> str:
    return str(obj)[:255] if obj is not None else ""


def target_key(target) -> str:
    """How an event names its record: the record's code, else its public id, else its primary key."""
    return str(getattr(target, "code", None) or getattr(target, "public_id", None) or target.pk)


def audit_record(
    *,
    actor,
    action: Action,
    unit=None,
    target: models.Model | None = None,
    before: dict | None = None,
    after: dict | None = None,
    details: dict | None = None,
    system_label: str = "",
) -> AuditEvent:
    """Write one audit event. Call it from a service, inside that service's transaction.

    `actor` is a user, or None for a system job (then `system_label` names the job).
    """
    actor_label = actor.get_username() if actor is not None else f"hệ thống: {system_label or 'danvan'}"
    return AuditEvent.objects.create(
        actor=actor,
        actor_label=actor_label,
        unit=unit,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=target_key(target) if target is not None else "",
        target_label=_label(target),
        before=before,
        after=after,
        details=details or {},
        ip=current_ip.get(),
    )


def snapshot(obj, fields: list[str]) -> dict:
    """The named fields of `obj` as JSON-ready values, for before/after."""
    data = {}
    for name in fields:
        value = getattr(obj, name)
        if isinstance(value, models.Model):
            value = str(value)
        elif hasattr(value, "isoformat"):
            value = value.isoformat()
        data[name] = value
    return data


def audit_export_start(*, actor, filters: dict):
    """Record the export request (an export of the log is itself audited) and start the export as a background
    job; the owner downloads the file from the job's page. `filters` are AuditFilterForm's cleaned data."""
    from django.db import transaction

    from danvan.audit.tasks import audit_export_run
    from danvan.core.services import job_start

    params = {k: (v.isoformat() if hasattr(v, "isoformat") else str(v)) for k, v in filters.items() if v}
    with transaction.atomic():
        audit_record(actor=actor, action=Action.AUDIT_EXPORTED, details=params)
        return job_start(
            actor=actor, kind="audit.export", title="Xuất nhật ký hệ thống (XLSX)", task=audit_export_run, params=params
        )
