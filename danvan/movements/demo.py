"""Demo movements for a first look (Bắc Ninh): "Tháng Dân vận năm 2026" with results, and a "Dân vận khéo"
movement that counts the models the communes register. Never in production; the lead calls it from
load_demo_data."""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from danvan.audit.models import Action
from danvan.audit.services import audit_record
from danvan.core.sequences import next_in_sequence
from danvan.core.text import fold
from danvan.movements.models import (
    Movement,
    MovementCheckpoint,
    MovementRegistration,
    MovementReport,
    MovementResult,
    MovementTarget,
)
from danvan.movements.services import scope_of
from danvan.organisations.models import OrgUnit

LAUNCHER = "P24-TGDV"
MONTH_NAME = "Tháng Dân vận năm 2026"
DVK_NAME = "Dân vận khéo trong xây dựng nông thôn mới năm 2026"
# Xã Yên Thế (the demo commune officer's) first, then four other communes of Bắc Ninh.
COMMUNES = ("C7288-DU", "C7210-DU", "C9295-DU", "C7738-DU", "C7525-DU")


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=timezone.get_current_timezone())


def _movement(*, launcher, kind, name, description, start, end, counts_initiatives, targets, checkpoints):
    movement = Movement.objects.create(
        code=next_in_sequence(prefix="PT", year=start.year),
        unit=launcher,
        scope_unit=scope_of(launcher),
        kind=kind,
        name=name,
        name_folded=fold(name),
        description=description,
        start_date=start,
        end_date=end,
        status=Movement.Status.LAUNCHED,
        counts_initiatives=counts_initiatives,
        launched_at=_at(start, 8),
    )
    made_targets = [
        MovementTarget.objects.create(
            movement=movement, name=t, unit_label=u, target_value=Decimal(v), weight=Decimal(w), sort_order=i
        )
        for i, (t, u, v, w) in enumerate(targets)
    ]
    made_checkpoints = [
        MovementCheckpoint.objects.create(movement=movement, name=n, due_date=d) for n, d in checkpoints
    ]
    return movement, made_targets, made_checkpoints


def _report(registration, checkpoint, targets, values, submitted: dt.date):
    report = MovementReport.objects.create(
        registration=registration,
        checkpoint=checkpoint,
        submitted_at=_at(submitted, 16),
        is_late=submitted > checkpoint.due_date,
        note="",
    )
    MovementResult.objects.bulk_create(
        MovementResult(report=report, target=t, value=Decimal(v)) for t, v in zip(targets, values, strict=True)
    )


def demo_movements_load() -> list[str]:
    """Create the demo movements unless they exist; return the codes created (empty when already loaded)."""
    launcher = OrgUnit.objects.select_related("parent").filter(code=LAUNCHER).first()
    if launcher is None:
        raise RuntimeError(f"Thiếu đơn vị {LAUNCHER}: chạy build_org_tree trước.")
    if Movement.objects.filter(unit=launcher, name=MONTH_NAME).exists():
        return []
    communes = {u.code: u for u in OrgUnit.objects.filter(code__in=COMMUNES)}
    communes = [communes[c] for c in COMMUNES if c in communes]
    created = []
    with transaction.atomic():
        month, targets, (mid, final) = _movement(
            launcher=launcher,
            kind=Movement.Kind.PEAK,
            name=MONTH_NAME,
            description=(
                "Hưởng ứng Ngày Dân vận 15/10 và kỷ niệm 96 năm Ngày truyền thống công tác Dân vận của Đảng: "
                "ra quân vệ sinh môi trường, thăm hỏi gia đình chính sách, đối thoại với nhân dân, đăng ký "
                "mô hình “Dân vận khéo”."
            ),
            start=dt.date(2026, 9, 15),
            end=dt.date(2026, 10, 15),
            counts_initiatives=False,
            targets=[
                ("Buổi tuyên truyền, vận động nhân dân", "buổi", 10, 1),
                ("Lượt người dân tham gia ra quân vệ sinh môi trường", "người", 500, 1),
                ("Mô hình “Dân vận khéo” mới đăng ký", "mô hình", 2, 2),
            ],
            checkpoints=[
                ("Sơ kết giữa tháng", dt.date(2026, 9, 30)),
                ("Tổng kết Tháng Dân vận", dt.date(2026, 10, 20)),
            ],
        )
        registrations = [
            MovementRegistration.objects.create(
                movement=month,
                unit=unit,
                commitment="Đảng ủy cam kết hoàn thành toàn bộ chỉ tiêu của Tháng Dân vận.",
                registered_at=_at(dt.date(2026, 9, 16 + i)),
            )
            for i, unit in enumerate(communes)
        ]
        # (mid-month values, submitted on, final values, submitted on or None): one late, one missing a round.
        plan = [
            ((6, 320, 1), dt.date(2026, 9, 29), (12, 640, 2), dt.date(2026, 10, 18)),
            ((5, 300, 1), dt.date(2026, 9, 30), (10, 520, 2), dt.date(2026, 10, 19)),
            ((4, 150, 0), dt.date(2026, 10, 2), (9, 480, 2), dt.date(2026, 10, 20)),
            ((3, 120, 0), dt.date(2026, 9, 28), None, None),
            ((7, 410, 1), dt.date(2026, 9, 30), (10, 500, 1), dt.date(2026, 10, 24)),
        ]
        for registration, (first, first_on, second, second_on) in zip(registrations, plan, strict=False):
            _report(registration, mid, targets, first, first_on)
            if second is not None:
                _report(registration, final, targets, second, second_on)
        created.append(month.code)

        dvk, targets, (half, nine, _year_end) = _movement(
            launcher=launcher,
            kind=Movement.Kind.EMULATION,
            name=DVK_NAME,
            description=(
                "Phong trào thi đua “Dân vận khéo” gắn với xây dựng nông thôn mới: mỗi xã đăng ký và xây dựng mô "
                "hình “Dân vận khéo”; cấp ủy xã tiêu biểu được đề nghị công nhận “Đảng bộ dân vận khéo”."
            ),
            start=dt.date(2026, 1, 1),
            end=dt.date(2026, 12, 31),
            counts_initiatives=True,
            targets=[
                ("Mô hình “Dân vận khéo” xây dựng nông thôn mới", "mô hình", 3, 2),
                ("Hộ tham gia hiến đất, góp công làm đường", "hộ", 50, 1),
            ],
            checkpoints=[
                ("Sơ kết 6 tháng", dt.date(2026, 6, 30)),
                ("Báo cáo 9 tháng", dt.date(2026, 9, 30)),
                ("Tổng kết năm", dt.date(2026, 12, 15)),
            ],
        )
        for i, unit in enumerate(communes[:4]):
            registration = MovementRegistration.objects.create(
                movement=dvk, unit=unit, registered_at=_at(dt.date(2026, 1, 10 + i)), in_bulk=True
            )
            _report(registration, half, targets, (1, 12 + 5 * i), dt.date(2026, 6, 26 + i))
            if i < 3:
                _report(registration, nine, targets, (2 + (i == 0), 30 + 8 * i), dt.date(2026, 9, 28 + i))
        created.append(dvk.code)
        audit_record(
            actor=None,
            action=Action.DEMO_DATA_LOADED,
            unit=launcher,
            details={"movements": created},
            system_label="load_demo_data",
        )
    return created
