import datetime

from django.utils import timezone

from danvan.movements import services
from danvan.organisations.models import OrgUnit


def today():
    return timezone.localdate()


def unit(code):
    return OrgUnit.objects.select_related("parent").get(code=code)


def draft(actor, unit_code="P24-TGDV", name="Tháng Dân vận năm 2026", **kw):
    data = {
        "actor": actor,
        "unit": unit(unit_code),
        "kind": "peak",
        "name": name,
        "start_date": today() - datetime.timedelta(days=60),
        "end_date": today() + datetime.timedelta(days=30),
    }
    data.update(kw)
    return services.movement_create(**data)


def launched(actor, launcher=None, *, targets=None, checkpoints=None, **kw):
    """A launched movement: `actor` drafts it, `launcher` (a leader) launches it."""
    movement = draft(actor, **kw)
    for name, label, value, weight in targets or [("Buổi tuyên truyền", "buổi", "10", "1")]:
        services.movement_target_add(
            actor=actor, movement=movement, name=name, unit_label=label, target_value=value, weight=weight
        )
    for name, days in checkpoints or [("Sơ kết", -30), ("Tổng kết", -5), ("Báo cáo bổ sung", 20)]:
        services.movement_checkpoint_add(
            actor=actor, movement=movement, name=name, due_date=today() + datetime.timedelta(days=days)
        )
    services.movement_launch(actor=launcher or actor, movement=movement)
    movement.refresh_from_db()
    return movement


def report(actor, movement, unit_code, checkpoint, values, note=""):
    targets = list(movement.targets.all())
    return services.movement_report_submit(
        actor=actor,
        movement=movement,
        unit=unit(unit_code),
        checkpoint=checkpoint,
        values={t.pk: v for t, v in zip(targets, values, strict=True)},
        note=note,
    )
