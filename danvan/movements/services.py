"""Writes for movements. Each service: keyword-only, one transaction, one audit event.

(`movement_activity_add` also calls the workplans services, which write their own events: the plan, the task.)
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from danvan.accounts.permissions import can_edit_unit
from danvan.audit.models import Action
from danvan.audit.services import audit_record, snapshot
from danvan.core.errors import ApplicationError
from danvan.core.locking import check_version
from danvan.core.numbers import as_id, parse_decimal
from danvan.core.sequences import next_in_sequence
from danvan.core.text import fold
from danvan.movements import permissions as perms
from danvan.movements.corrections import check_award
from danvan.movements.models import (
    Movement,
    MovementActivity,
    MovementAward,
    MovementCheckpoint,
    MovementRegistration,
    MovementReport,
    MovementResult,
    MovementTarget,
)
from danvan.organisations.models import OrgUnit, OrgUnitClosure
from danvan.organisations.selectors import orgunit_is_within
from danvan.workplans.models import WorkPlan
from danvan.workplans.services import task_assign, workplan_create

FIELDS = [
    "code",
    "unit",
    "scope_unit",
    "kind",
    "name",
    "start_date",
    "end_date",
    "status",
    "counts_initiatives",
    "results_weight",
    "completeness_weight",
]
# A Party committee's advisory boards have no units below them: their movements cover the committee's subtree.
BOARD_KINDS = (OrgUnit.Kind.PROPAGANDA_MOBILISATION_BOARD, OrgUnit.Kind.MOBILISATION_BOARD)
# A tổng kết report may be due a while after the movement ends.
CHECKPOINT_GRACE = datetime.timedelta(days=92)


def _number(value, *, field: str, label: str, digits: int = 14) -> Decimal:
    return parse_decimal(value, label=label, field=field, digits=digits).quantize(Decimal("0.01"))


def scope_of(unit: OrgUnit) -> OrgUnit:
    """The unit whose subtree takes part in a movement `unit` launches (the Party committee a board serves)."""
    if unit.kind in BOARD_KINDS and unit.parent_id:
        parent = unit.parent
        if parent.kind == OrgUnit.Kind.PARTY_COMMITTEE:
            return parent
    return unit


def _validate(*, kind, name, start_date, end_date, results_weight, completeness_weight) -> None:
    if kind not in Movement.Kind.values:
        raise ApplicationError(
            "“Loại”: hãy chọn phong trào thi đua, cuộc vận động hoặc đợt thi đua cao điểm.", field="kind"
        )
    if not (name or "").strip():
        raise ApplicationError("“Tên phong trào”: bắt buộc, hãy nhập tên.", field="name")
    if start_date is None:
        raise ApplicationError("“Ngày bắt đầu”: bắt buộc (dd/mm/yyyy).", field="start_date")
    if end_date is None:
        raise ApplicationError("“Ngày kết thúc”: bắt buộc (dd/mm/yyyy).", field="end_date")
    if end_date < start_date:
        raise ApplicationError(
            "“Ngày kết thúc”: phải trùng hoặc sau ngày bắt đầu; hãy sửa lại một trong hai ngày.", field="end_date"
        )
    for value, field, label in (
        (results_weight, "results_weight", "Trọng số kết quả"),
        (completeness_weight, "completeness_weight", "Trọng số đầy đủ báo cáo"),
    ):
        if value is None or not (0 <= int(value) <= 100):
            raise ApplicationError(f"“{label}”: hãy nhập số từ 0 đến 100 (phần trăm).", field=field)
    if int(results_weight) + int(completeness_weight) != 100:
        raise ApplicationError(
            f"“Trọng số”: kết quả ({results_weight}) và đầy đủ báo cáo ({completeness_weight}) phải cộng lại "
            "bằng 100, ví dụ 70 và 30.",
            field="results_weight",
        )


def _check_plan(plan: WorkPlan | None, scope: OrgUnit) -> None:
    if plan is not None and plan.unit_id != scope.pk:
        raise ApplicationError(
            f"“Kế hoạch”: phải là kế hoạch của {scope.name} (đơn vị giao nhiệm vụ cho các đơn vị tham gia).",
            field="plan",
        )


def movement_create(
    *,
    actor,
    unit: OrgUnit,
    kind: str,
    name: str,
    start_date: datetime.date,
    end_date: datetime.date,
    description: str = "",
    counts_initiatives: bool = False,
    plan: WorkPlan | None = None,
    results_weight: int = 70,
    completeness_weight: int = 30,
) -> Movement:
    """Draft a movement launched by `unit`. Its scope is `unit`'s subtree, or the Party committee a board serves."""
    if not perms.can_create_for(actor, unit):
        raise ApplicationError(
            "“Đơn vị phát động”: đồng chí chỉ lập phong trào cho đơn vị mình phụ trách và cấp dưới.",
            field="unit",
            code="forbidden",
        )
    _validate(
        kind=kind,
        name=name,
        start_date=start_date,
        end_date=end_date,
        results_weight=results_weight,
        completeness_weight=completeness_weight,
    )
    scope = scope_of(unit)
    _check_plan(plan, scope)
    with transaction.atomic():
        movement = Movement.objects.create(
            code=next_in_sequence(prefix="PT", year=start_date.year),
            unit=unit,
            scope_unit=scope,
            kind=kind,
            name=" ".join(name.split())[:255],
            name_folded=fold(name)[:255],
            description=(description or "").strip(),
            start_date=start_date,
            end_date=end_date,
            counts_initiatives=bool(counts_initiatives),
            plan=plan,
            results_weight=int(results_weight),
            completeness_weight=int(completeness_weight),
            created_by=actor,
        )
        audit_record(
            actor=actor,
            action=Action.MOVEMENT_CREATED,
            unit=unit,
            target=movement,
            after=snapshot(movement, FIELDS),
        )
    return movement


def movement_update(
    *,
    actor,
    movement: Movement,
    kind: str,
    name: str,
    start_date: datetime.date,
    end_date: datetime.date,
    description: str = "",
    counts_initiatives: bool = False,
    plan: WorkPlan | None = None,
    results_weight: int = 70,
    completeness_weight: int = 30,
    expected_version: str | None = None,
) -> Movement:
    """Edit a movement: officers while it is a draft, leaders while it runs; never once closed.

    `expected_version` (core.locking): the movement's version the edit page showed; stale → conflict."""
    _validate(
        kind=kind,
        name=name,
        start_date=start_date,
        end_date=end_date,
        results_weight=results_weight,
        completeness_weight=completeness_weight,
    )
    _check_plan(plan, movement.scope_unit)
    with transaction.atomic():
        movement = Movement.objects.select_for_update().select_related("unit").get(pk=movement.pk)
        # Checked on the locked row: the status decides who may edit.
        if not perms.can_edit(actor, movement):
            raise ApplicationError(
                "Chỉ lãnh đạo đơn vị phát động được sửa phong trào đang diễn ra; phong trào đã tổng kết không "
                "sửa được.",
                code="forbidden",
            )
        check_version(movement, expected_version, what="Phong trào")
        late = movement.checkpoints.filter(due_date__gt=end_date + CHECKPOINT_GRACE).first()
        early = movement.checkpoints.filter(due_date__lt=start_date).first()
        if late or early:
            raise ApplicationError(
                f"“Ngày bắt đầu/kết thúc”: đợt báo cáo “{(late or early).name}” hạn {(late or early).due_date:%d/%m/%Y}"
                " nằm ngoài thời gian mới; hãy chọn lại ngày.",
                field="end_date" if late else "start_date",
            )
        before = snapshot(movement, FIELDS)
        movement.kind = kind
        movement.name = " ".join(name.split())[:255]
        movement.name_folded = fold(name)[:255]
        movement.description = (description or "").strip()
        movement.start_date = start_date
        movement.end_date = end_date
        movement.counts_initiatives = bool(counts_initiatives)
        movement.plan = plan
        movement.results_weight = int(results_weight)
        movement.completeness_weight = int(completeness_weight)
        movement.save()
        audit_record(
            actor=actor,
            action=Action.MOVEMENT_UPDATED,
            unit=movement.unit,
            target=movement,
            before=before,
            after=snapshot(movement, FIELDS),
        )
    return movement


def movement_target_add(
    *, actor, movement: Movement, name: str, target_value, unit_label: str = "", weight=1
) -> MovementTarget:
    """Add a target (value per participant, weight in the results score). Only while the movement is a draft."""
    if not perms.can_manage(actor, movement):
        raise ApplicationError("Đồng chí không có quyền quản lý chỉ tiêu của phong trào này.", code="forbidden")
    name = " ".join((name or "").split())
    if not name:
        raise ApplicationError("“Tên chỉ tiêu”: bắt buộc, ví dụ “Số buổi tuyên truyền”.", field="name")
    value = _number(target_value, field="target_value", label="Chỉ tiêu mỗi đơn vị")
    if value <= 0:
        raise ApplicationError(
            "“Chỉ tiêu mỗi đơn vị”: phải lớn hơn 0; hãy nhập giá trị cần đạt, ví dụ 10.", field="target_value"
        )
    w = _number(weight if weight not in (None, "") else 1, field="weight", label="Trọng số", digits=6)
    if w <= 0 or w > 100:
        raise ApplicationError("“Trọng số”: phải lớn hơn 0 và không quá 100, ví dụ 1.", field="weight")
    with transaction.atomic():
        movement = Movement.objects.select_for_update().get(pk=movement.pk)
        if movement.status != Movement.Status.DRAFT:
            raise ApplicationError(
                "Chỉ thêm chỉ tiêu khi phong trào còn là bản nháp: các đơn vị đã đăng ký theo bộ chỉ tiêu hiện có.",
                code="bad_state",
            )
        target = MovementTarget.objects.create(
            movement=movement,
            name=name[:255],
            unit_label=(unit_label or "").strip()[:32],
            target_value=value,
            weight=w,
            sort_order=movement.targets.count(),
        )
        audit_record(
            actor=actor,
            action=Action.MOVEMENT_TARGET_ADDED,
            unit=movement.unit,
            target=movement,
            after={"name": target.name, "unit_label": target.unit_label, "target_value": str(value), "weight": str(w)},
        )
    return target


def movement_checkpoint_add(*, actor, movement: Movement, name: str, due_date: datetime.date) -> MovementCheckpoint:
    """Add a reporting round (monthly, sơ kết, tổng kết) with its due date. Allowed until the movement closes."""
    if not perms.can_manage(actor, movement):
        raise ApplicationError("Đồng chí không có quyền quản lý các đợt báo cáo của phong trào này.", code="forbidden")
    name = " ".join((name or "").split())
    if not name:
        raise ApplicationError("“Tên đợt báo cáo”: bắt buộc, ví dụ “Sơ kết” hoặc “Tháng 9”.", field="name")
    if due_date is None:
        raise ApplicationError("“Hạn báo cáo”: bắt buộc (dd/mm/yyyy).", field="due_date")
    latest = movement.end_date + CHECKPOINT_GRACE
    if not (movement.start_date <= due_date <= latest):
        raise ApplicationError(
            f"“Hạn báo cáo”: phải từ {movement.start_date:%d/%m/%Y} (ngày bắt đầu) đến {latest:%d/%m/%Y} "
            "(3 tháng sau ngày kết thúc).",
            field="due_date",
        )
    with transaction.atomic():
        movement = Movement.objects.select_for_update().get(pk=movement.pk)
        if movement.status == Movement.Status.CLOSED:
            raise ApplicationError("Phong trào đã tổng kết: không thêm đợt báo cáo.", code="bad_state")
        if movement.checkpoints.filter(due_date=due_date).exists():
            raise ApplicationError(
                f"“Hạn báo cáo”: đã có đợt báo cáo hạn {due_date:%d/%m/%Y}; hãy chọn ngày khác.", field="due_date"
            )
        checkpoint = MovementCheckpoint.objects.create(movement=movement, name=name[:128], due_date=due_date)
        audit_record(
            actor=actor,
            action=Action.MOVEMENT_CHECKPOINT_ADDED,
            unit=movement.unit,
            target=movement,
            after={"name": checkpoint.name, "due_date": due_date.isoformat()},
        )
    return checkpoint


def movement_launch(*, actor, movement: Movement) -> Movement:
    """Launch a draft (phát động): units may then register and report. Needs a target and a reporting round."""
    if not perms.can_lead(actor, movement):
        raise ApplicationError(
            "Chỉ lãnh đạo đơn vị phát động (hoặc cấp trên) được phát động phong trào.", code="forbidden"
        )
    with transaction.atomic():
        movement = Movement.objects.select_for_update().get(pk=movement.pk)
        if movement.status != Movement.Status.DRAFT:
            raise ApplicationError("Phong trào đã được phát động rồi.", code="bad_state")
        if not movement.targets.exists():
            raise ApplicationError("Chưa thể phát động: hãy thêm ít nhất một chỉ tiêu.", field="targets")
        if not movement.checkpoints.exists():
            raise ApplicationError("Chưa thể phát động: hãy thêm ít nhất một đợt báo cáo.", field="checkpoints")
        movement.status = Movement.Status.LAUNCHED
        movement.launched_at = timezone.now()
        movement.save(update_fields=["status", "launched_at", "updated_at"])
        audit_record(
            actor=actor,
            action=Action.MOVEMENT_LAUNCHED,
            unit=movement.unit,
            target=movement,
            before={"status": Movement.Status.DRAFT},
            after={"status": movement.status},
        )
    return movement


def movement_close(*, actor, movement: Movement, note: str = "") -> Movement:
    """Close (tổng kết) a running movement: results are frozen; awards may then be recorded."""
    if not perms.can_lead(actor, movement):
        raise ApplicationError(
            "Chỉ lãnh đạo đơn vị phát động (hoặc cấp trên) được tổng kết phong trào.", code="forbidden"
        )
    with transaction.atomic():
        movement = Movement.objects.select_for_update().get(pk=movement.pk)
        if movement.status != Movement.Status.LAUNCHED:
            raise ApplicationError("Chỉ tổng kết phong trào đang diễn ra.", code="bad_state")
        movement.status = Movement.Status.CLOSED
        movement.closed_at = timezone.now()
        movement.closing_note = (note or "").strip()
        movement.save(update_fields=["status", "closed_at", "closing_note", "updated_at"])
        audit_record(
            actor=actor,
            action=Action.MOVEMENT_CLOSED,
            unit=movement.unit,
            target=movement,
            before={"status": Movement.Status.LAUNCHED},
            after={"status": movement.status, "note": movement.closing_note[:500]},
        )
    return movement


# --- Participation ----------------------------------------------------------------------------------------


def _require_launched(movement: Movement, what: str) -> None:
    if movement.status == Movement.Status.DRAFT:
        raise ApplicationError(f"Phong trào chưa được phát động: chưa thể {what}.", code="bad_state")
    if movement.status == Movement.Status.CLOSED:
        raise ApplicationError(f"Phong trào đã tổng kết: không thể {what} nữa.", code="bad_state")


def _clean_commitments(movement: Movement, committed_values: dict | None) -> dict[str, str]:
    targets = {t.pk: t for t in movement.targets.all()}
    cleaned = {}
    for key, raw in (committed_values or {}).items():
        if raw in (None, ""):
            continue
        target = targets.get(as_id(key))
        if target is None:
            raise ApplicationError("Giá trị đăng ký gửi lên không thuộc chỉ tiêu của phong trào này.", field="targets")
        field = f"target_{target.pk}"
        value = _number(raw, field=field, label=f"{target.name} — mức đăng ký")
        if value <= 0:
            raise ApplicationError(
                f"“{target.name}”: mức đăng ký phải lớn hơn 0; để trống để nhận mức chung "
                f"{target.target_value.normalize():f}.",
                field=field,
            )
        if value != target.target_value:
            cleaned[str(target.pk)] = str(value)
    return cleaned


def movement_register(
    *, actor, movement: Movement, unit: OrgUnit, commitment: str = "", committed_values: dict | None = None
) -> MovementRegistration:
    """A unit of the movement's scope registers to take part, with its commitment and, optionally, its own
    target values ({target id: value}; empty means the movement's value)."""
    if not orgunit_is_within(unit, movement.scope_unit):
        raise ApplicationError(
            f"“Đơn vị”: {unit.name} không thuộc phạm vi phong trào ({movement.scope_unit.name}); "
            "hãy chọn một đơn vị trong phạm vi đó.",
            field="unit",
        )
    if not perms.can_register_unit(actor, unit):
        raise ApplicationError(
            f"“Đơn vị”: đồng chí chỉ đăng ký được cho đơn vị mình phụ trách, không phải {unit.name}.",
            field="unit",
            code="forbidden",
        )
    _require_launched(movement, "đăng ký")
    cleaned = _clean_commitments(movement, committed_values)
    with transaction.atomic():
        # The movement's row lock: two first registrations of a unit cannot both pass the check below (the unique
        # constraint would turn the second into a server error), and none lands after the movement closed.
        movement = Movement.objects.select_for_update().get(pk=movement.pk)
        _require_launched(movement, "đăng ký")
        existing = MovementRegistration.objects.filter(movement=movement, unit=unit).first()
        if existing is not None:
            raise ApplicationError(
                f"“Đơn vị”: {unit.name} đã đăng ký tham gia phong trào này rồi "
                f"(ngày {timezone.localtime(existing.registered_at):%d/%m/%Y}).",
                field="unit",
                code="duplicate",
            )
        registration = MovementRegistration.objects.create(
            movement=movement,
            unit=unit,
            commitment=(commitment or "").strip(),
            committed_values=cleaned,
            registered_by=actor,
            registered_at=timezone.now(),
        )
        audit_record(
            actor=actor,
            action=Action.MOVEMENT_REGISTERED,
            unit=unit,
            target=movement,
            after={"unit": unit.code, "committed_values": cleaned, "commitment": registration.commitment[:500]},
        )
    return registration


def movement_register_bulk(*, actor, movement: Movement, units: list[OrgUnit]) -> tuple[int, int]:
    """The launching unit registers many units of its scope at once (e.g. every commune of the province).

    Units already registered are skipped. Returns (registered, skipped). A fixed number of queries: one to check
    the scope, one for those already registered, the inserts in batches, one audit event.
    """
    if not perms.can_manage(actor, movement):
        raise ApplicationError(
            "Chỉ lãnh đạo, chuyên viên của đơn vị phát động được đăng ký hàng loạt.", code="forbidden"
        )
    _require_launched(movement, "đăng ký")
    ids = list(dict.fromkeys(u.pk for u in units))
    if not ids:
        raise ApplicationError("“Đơn vị”: hãy chọn ít nhất một đơn vị để đăng ký.", field="units")
    inside = set(
        OrgUnitClosure.objects.filter(ancestor_id=movement.scope_unit_id, descendant_id__in=ids).values_list(
            "descendant_id", flat=True
        )
    )
    outside = [u.name for u in units if u.pk not in inside]
    if outside:
        shown = ", ".join(outside[:5]) + (f" và {len(outside) - 5} đơn vị khác" if len(outside) > 5 else "")
        raise ApplicationError(
            f"“Đơn vị”: {shown} không thuộc phạm vi phong trào ({movement.scope_unit.name}); hãy bỏ khỏi danh sách.",
            field="units",
        )
    now = timezone.now()
    with transaction.atomic():
        done = set(
            MovementRegistration.objects.filter(movement=movement, unit_id__in=ids).values_list("unit_id", flat=True)
        )
        new = [
            MovementRegistration(movement=movement, unit_id=pk, registered_by=actor, registered_at=now, in_bulk=True)
            for pk in ids
            if pk not in done
        ]
        MovementRegistration.objects.bulk_create(new, batch_size=1000)
        audit_record(
            actor=actor,
            action=Action.MOVEMENT_REGISTERED_BULK,
            unit=movement.unit,
            target=movement,
            details={"registered": len(new), "skipped": len(done)},
        )
    return len(new), len(done)


def movement_report_submit(
    *,
    actor,
    movement: Movement,
    unit: OrgUnit,
    checkpoint: MovementCheckpoint,
    values: dict,
    note: str = "",
) -> MovementReport:
    """A participant reports, for one checkpoint, its cumulative result to date for every target.

    After the due date the report is still taken, and counted late. Reporting again for the same checkpoint
    corrects the values; the first submission's time and lateness stay.
    """
    if checkpoint.movement_id != movement.pk:
        raise ApplicationError("“Đợt báo cáo”: không thuộc phong trào này.", field="checkpoint")
    if not perms.can_report_for(actor, unit):
        raise ApplicationError(
            f"“Đơn vị”: đồng chí không có quyền báo cáo cho {unit.name}.", field="unit", code="forbidden"
        )
    _require_launched(movement, "báo cáo kết quả")
    registration = MovementRegistration.objects.filter(movement=movement, unit=unit).first()
    if registration is None:
        raise ApplicationError(
            f"“Đơn vị”: {unit.name} chưa đăng ký tham gia phong trào; hãy đăng ký trước rồi báo cáo.",
            field="unit",
            code="not_registered",
        )
    cleaned = {}
    for target in movement.targets.all():
        field = f"target_{target.pk}"
        raw = values.get(target.pk, values.get(str(target.pk)))
        if raw in (None, ""):
            raise ApplicationError(
                f"“{target.name}”: hãy nhập kết quả cộng dồn đến nay (nhập 0 nếu chưa có).", field=field
            )
        value = _number(raw, field=field, label=target.name)
        if value < 0:
            raise ApplicationError(f"“{target.name}”: kết quả không được âm; hãy nhập số từ 0 trở lên.", field=field)
        cleaned[target.pk] = value
    now = timezone.now()
    with transaction.atomic():
        # Lock the movement row, as closing does: two first reports for a round cannot both create one, and no
        # report lands after the movement closed.
        movement = Movement.objects.select_for_update().get(pk=movement.pk)
        _require_launched(movement, "báo cáo kết quả")
        report = MovementReport.objects.filter(registration=registration, checkpoint=checkpoint).first()
        corrected = report is not None
        if report is None:
            report = MovementReport.objects.create(
                registration=registration,
                checkpoint=checkpoint,
                submitted_at=now,
                is_late=timezone.localdate(now) > checkpoint.due_date,
                note=(note or "").strip(),
                reported_by=actor,
            )
        else:
            report.corrected_at = now
            report.note = (note or "").strip()
            report.reported_by = actor
            report.save(update_fields=["corrected_at", "note", "reported_by"])
            report.results.all().delete()
        MovementResult.objects.bulk_create(
            MovementResult(report=report, target_id=pk, value=v) for pk, v in cleaned.items()
        )
        audit_record(
            actor=actor,
            action=Action.MOVEMENT_REPORTED,
            unit=unit,
            target=movement,
            after={str(k): str(v) for k, v in cleaned.items()},
            details={
                "checkpoint": checkpoint.name,
                "due_date": checkpoint.due_date.isoformat(),
                "late": report.is_late,
                "corrected": corrected,
            },
        )
    return report


# --- Activities and awards --------------------------------------------------------------------------------


def movement_activity_add(
    *, actor, movement: Movement, title: str, due_date: datetime.date, assignee: OrgUnit
) -> MovementActivity:
    """An activity of the campaign plan, given to `assignee` as a work-plan task (workplans.task_assign), so it
    appears in that unit's "tasks assigned to us". A movement without a plan gets one first (workplan_create)."""
    scope = movement.scope_unit
    if not perms.can_manage(actor, movement) or not can_edit_unit(actor, scope):
        raise ApplicationError(
            f"Đồng chí không có quyền giao nhiệm vụ thay {scope.name} cho các đơn vị tham gia.", code="forbidden"
        )
    title = " ".join((title or "").split())
    if not title:
        raise ApplicationError("“Nội dung hoạt động”: bắt buộc, ví dụ “Tổ chức Ngày Dân vận 15/10”.", field="title")
    if due_date is None:
        raise ApplicationError("“Thời hạn”: bắt buộc (dd/mm/yyyy).", field="due_date")
    if assignee is None or not orgunit_is_within(assignee, scope):
        name = assignee.name if assignee else ""
        raise ApplicationError(
            f"“Đơn vị thực hiện”: {name} không thuộc {scope.name}; hãy chọn đơn vị trong phạm vi phong trào.",
            field="assignee",
        )
    with transaction.atomic():
        movement = Movement.objects.select_for_update().get(pk=movement.pk)
        if movement.status == Movement.Status.CLOSED:
            raise ApplicationError("Phong trào đã tổng kết: không thêm hoạt động.", code="bad_state")
        plan = movement.plan
        if plan is None:
            plan = workplan_create(
                actor=actor,
                unit=scope,
                kind=WorkPlan.Kind.PLAN,
                title=f"Kế hoạch thực hiện {movement.name}"[:255],
                year=movement.start_date.year,
            )
            movement.plan = plan
            movement.save(update_fields=["plan", "updated_at"])
        task = task_assign(
            actor=actor,
            assigned_by=scope,
            assignee=assignee,
            title=f"{title} ({movement.code})",
            deadline=due_date,
            expected_output=movement.name[:255],
            plan=plan,
        )
        activity = MovementActivity.objects.create(
            movement=movement, title=title[:255], due_date=due_date, assignee=assignee, task=task, created_by=actor
        )
        audit_record(
            actor=actor,
            action=Action.MOVEMENT_ACTIVITY_ADDED,
            unit=movement.unit,
            target=movement,
            after={"title": activity.title, "assignee": assignee.code, "due_date": due_date.isoformat()},
            details={"task": str(task.public_id), "plan": str(plan.public_id)},
        )
    return activity


def movement_award_add(
    *,
    actor,
    movement: Movement,
    unit: OrgUnit,
    title: str,
    form: str,
    deciding_body: str,
    decision_number: str,
    decided_on: datetime.date,
) -> MovementAward:
    """Record a title or commendation for a participant of a closed movement."""
    if not perms.can_lead(actor, movement):
        raise ApplicationError("Chỉ lãnh đạo đơn vị phát động được ghi nhận khen thưởng.", code="forbidden")
    if movement.status != Movement.Status.CLOSED:
        raise ApplicationError("Hãy tổng kết phong trào trước khi ghi nhận khen thưởng.", code="bad_state")
    registration = MovementRegistration.objects.filter(movement=movement, unit=unit).first()
    if registration is None:
        raise ApplicationError(
            f"“Đơn vị”: {unit.name} không tham gia phong trào; chỉ khen thưởng đơn vị đã đăng ký.", field="unit"
        )
    title = " ".join((title or "").split())
    check_award(
        title=title, form=form, deciding_body=deciding_body, decision_number=decision_number, decided_on=decided_on
    )
    with transaction.atomic():
        # The registration's row lock makes a double submit wait, then see the first award.
        MovementRegistration.objects.select_for_update().get(pk=registration.pk)
        if MovementAward.objects.filter(
            registration=registration, title__iexact=title[:255], decision_number__iexact=decision_number.strip()
        ).exists():
            raise ApplicationError(
                f"“Danh hiệu”: {unit.name} đã được ghi nhận “{title}” theo quyết định {decision_number.strip()}.",
                field="title",
            )
        award = MovementAward.objects.create(
            movement=movement,
            registration=registration,
            title=title[:255],
            form=form,
            deciding_body=deciding_body.strip()[:255],
            decision_number=decision_number.strip()[:64],
            decided_on=decided_on,
            created_by=actor,
        )
        audit_record(
            actor=actor,
            action=Action.MOVEMENT_AWARDED,
            unit=unit,
            target=movement,
            after={
                "unit": unit.code,
                "title": award.title,
                "form": form,
                "deciding_body": award.deciding_body,
                "decision_number": award.decision_number,
                "decided_on": decided_on.isoformat(),
            },
        )
    return award
