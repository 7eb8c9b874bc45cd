"""Writes for model initiatives. Each service: keyword-only, one transaction, one audit event."""

import datetime
import io
import uuid
import warnings
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageOps, UnidentifiedImageError

from danvan.accounts.permissions import APPROVE_ROLES, roles_on
from danvan.audit.models import Action
from danvan.audit.services import audit_record, snapshot
from danvan.core.errors import ApplicationError
from danvan.core.numbers import parse_decimal
from danvan.core.sequences import next_in_sequence
from danvan.core.text import fold
from danvan.initiatives import permissions as perms
from danvan.initiatives.models import (
    RECOGNISED_STATUSES,
    Commendation,
    Evaluation,
    EvaluationCriterion,
    EvaluationScheme,
    EvaluationScore,
    Field,
    Initiative,
    InitiativePhoto,
    InitiativeResult,
    InitiativeTarget,
    InitiativeUpdate,
    Level,
    Recognition,
    Status,
    photo_storage,
)
from danvan.organisations.models import OrgUnit

# The 100-point example of DOMAIN.md §4 (Bắc Giang, "Chính quyền thân thiện"): the starter scheme.
STARTER_CRITERIA = (
    ("Thực hiện quy chế dân chủ ở cơ sở và công tác thông tin, tuyên truyền", 20),
    ("Cải cách hành chính", 25),
    ("Văn hóa công sở", 20),
    ("Đối thoại và giải quyết kiến nghị, phản ánh của người dân", 15),
    ("Sự hài lòng của cán bộ, công chức, người dân và doanh nghiệp", 20),
)
STARTER_NAME = "Bộ tiêu chí mẫu 100 điểm"
FIELDS = ["code", "unit", "year", "name", "field", "new_rural", "kind", "status", "start_date", "end_date"]


def _decimal(value, *, field: str, label: str, digits: int = 14) -> Decimal:
    return parse_decimal(value, label=label, field=field, digits=digits)


def province_of(unit: OrgUnit) -> OrgUnit | None:
    """The province-level ancestor of `unit` (itself if it is one): one closure-table query."""
    if unit.level == OrgUnit.Level.PROVINCE:
        return unit
    return OrgUnit.objects.filter(descendant_links__descendant=unit, level=OrgUnit.Level.PROVINCE).first()


def _next_code(year: int) -> str:
    return next_in_sequence(prefix="MH", year=year)


def _clean_targets(targets) -> list[tuple[str, str, Decimal]]:
    cleaned = []
    for i, target in enumerate(targets or (), start=1):
        indicator, unit_label, value = (list(target) + ["", "", ""])[:3]
        indicator = (indicator or "").strip()
        if not indicator:
            raise ApplicationError(f"Chỉ tiêu số {i}: hãy nhập tên chỉ tiêu.", field="targets")
        number = _decimal(value, field="targets", label=f"Chỉ tiêu “{indicator}”")
        if number < 0:
            raise ApplicationError(f"Chỉ tiêu “{indicator}”: giá trị mục tiêu không được âm.", field="targets")
        cleaned.append((indicator[:255], (unit_label or "").strip()[:32], number))
    return cleaned


def _validate(*, name, year, field, kind, person_name, goal, start_date, end_date) -> None:
    if not (name or "").strip():
        raise ApplicationError("Hãy nhập tên mô hình.", field="name")
    if not (2000 <= int(year) <= 2100):
        raise ApplicationError("Năm đăng ký không hợp lệ: hãy nhập năm có 4 chữ số, ví dụ 2026.", field="year")
    if field not in Field.values:
        raise ApplicationError("Hãy chọn một lĩnh vực trong danh sách.", field="field")
    if kind not in Initiative.Kind.values:
        raise ApplicationError("Hãy chọn tập thể hoặc cá nhân.", field="kind")
    if kind == Initiative.Kind.INDIVIDUAL and not (person_name or "").strip():
        raise ApplicationError("Điển hình cá nhân: hãy nhập họ tên người đó.", field="person_name")
    if not (goal or "").strip():
        raise ApplicationError("Hãy nhập mục tiêu của mô hình.", field="goal")
    if start_date is None:
        raise ApplicationError("Hãy nhập ngày bắt đầu (dd/mm/yyyy).", field="start_date")
    if end_date is not None and end_date < start_date:
        raise ApplicationError("Ngày kết thúc phải sau ngày bắt đầu.", field="end_date")


def _create(
    *,
    actor,
    unit,
    year,
    name,
    field,
    new_rural,
    kind,
    person_name,
    goal,
    participants,
    people_mobilised,
    start_date,
    end_date,
    targets,
    replicated_from=None,
) -> Initiative:
    initiative = Initiative.objects.create(
        code=_next_code(year),
        unit=unit,
        province=province_of(unit),
        year=year,
        name=name.strip(),
        name_folded=fold(name)[:255],
        search_text=" " + " ".join(fold(f"{name} {goal}").split()),
        field=field,
        new_rural=bool(new_rural),
        kind=kind,
        person_name=(person_name or "").strip() if kind == Initiative.Kind.INDIVIDUAL else "",
        goal=goal.strip(),
        participants=(participants or "").strip(),
        people_mobilised=people_mobilised,
        start_date=start_date,
        end_date=end_date,
        replicated_from=replicated_from,
        lineage_root_id=(replicated_from.lineage_root_id or replicated_from.pk) if replicated_from else None,
        created_by=actor,
    )
    InitiativeTarget.objects.bulk_create(
        InitiativeTarget(initiative=initiative, indicator=i, unit_label=u, target_value=v, sort_order=n)
        for n, (i, u, v) in enumerate(targets)
    )
    return initiative


def _duplicate(*, unit, year, name) -> Initiative | None:
    return (
        Initiative.objects.filter(unit=unit, year=year, name_folded=fold(name)[:255])
        .exclude(status=Status.REJECTED)
        .first()
    )


def initiative_register(
    *,
    actor,
    unit: OrgUnit,
    year: int,
    name: str,
    field: str,
    goal: str,
    start_date: datetime.date,
    kind: str = Initiative.Kind.COLLECTIVE,
    person_name: str = "",
    new_rural: bool = False,
    participants: str = "",
    people_mobilised: int | None = None,
    end_date: datetime.date | None = None,
    targets=(),
    allow_duplicate: bool = False,
) -> Initiative:
    """Register a model for `unit` and `year` (status "registered", waiting for the level above).

    A model of the same name in the same unit and year raises ApplicationError(code="duplicate") unless
    `allow_duplicate` is set (the form shows the warning and asks to confirm).
    """
    if not perms.can_register_for(actor, unit):
        raise ApplicationError(
            "Đồng chí chỉ được đăng ký mô hình cho đơn vị mình và các đơn vị cấp dưới.", field="unit", code="forbidden"
        )
    _validate(
        name=name,
        year=year,
        field=field,
        kind=kind,
        person_name=person_name,
        goal=goal,
        start_date=start_date,
        end_date=end_date,
    )
    cleaned = _clean_targets(targets)
    with transaction.atomic():
        existing = _duplicate(unit=unit, year=year, name=name)
        if existing is not None and not allow_duplicate:
            raise ApplicationError(
                f"Đơn vị đã đăng ký mô hình cùng tên trong năm {year} ({existing.code}). "
                "Hãy đổi tên, hoặc xác nhận vẫn đăng ký.",
                field="name",
                code="duplicate",
                extra={"existing": existing.code},
            )
        initiative = _create(
            actor=actor,
            unit=unit,
            year=year,
            name=name,
            field=field,
            new_rural=new_rural,
            kind=kind,
            person_name=person_name,
            goal=goal,
            participants=participants,
            people_mobilised=people_mobilised,
            start_date=start_date,
            end_date=end_date,
            targets=cleaned,
        )
        audit_record(
            actor=actor,
            action=Action.INITIATIVE_REGISTERED,
            unit=unit,
            target=initiative,
            after=snapshot(initiative, FIELDS),
            details={"targets": len(cleaned), "duplicate_of": existing.code if existing else None},
        )
    return initiative


def _decide(*, actor, initiative: Initiative, to: str, note: str, action: Action) -> Initiative:
    if not perms.can_decide_registration(actor, initiative):
        raise ApplicationError(
            "Chỉ lãnh đạo cấp trên của đơn vị đăng ký được phê duyệt hoặc từ chối mô hình.", code="forbidden"
        )
    with transaction.atomic():
        initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
        if initiative.status != Status.REGISTERED:
            raise ApplicationError(
                f"Mô hình đang ở trạng thái “{initiative.get_status_display()}”, không còn chờ phê duyệt.",
                code="bad_state",
            )
        before = snapshot(initiative, ["status"])
        initiative.status = to
        initiative.decision_note = note
        initiative.decided_by = actor
        initiative.decided_at = timezone.now()
        initiative.save(update_fields=["status", "decision_note", "decided_by", "decided_at", "updated_at"])
        audit_record(
            actor=actor,
            action=action,
            unit=initiative.unit,
            target=initiative,
            before=before,
            after=snapshot(initiative, ["status", "decision_note"]),
        )
    return initiative


def initiative_approve(*, actor, initiative: Initiative, note: str = "") -> Initiative:
    """The level above approves a registration."""
    return _decide(
        actor=actor,
        initiative=initiative,
        to=Status.APPROVED,
        note=(note or "").strip(),
        action=Action.INITIATIVE_APPROVED,
    )


def initiative_reject(*, actor, initiative: Initiative, reason: str) -> Initiative:
    """The level above rejects a registration, saying why."""
    if not (reason or "").strip():
        raise ApplicationError("Hãy nêu lý do không phê duyệt.", field="reason")
    return _decide(
        actor=actor, initiative=initiative, to=Status.REJECTED, note=reason.strip(), action=Action.INITIATIVE_REJECTED
    )


def initiative_update_add(
    *, actor, initiative: Initiative, reported_on: datetime.date, note: str = "", results: dict | None = None
) -> InitiativeUpdate:
    """Record progress: a dated note and results per target ({target id: value}). Starts an approved model."""
    if not perms.can_enter_data(actor, initiative.unit):
        raise ApplicationError("Đồng chí không có quyền cập nhật kết quả mô hình của đơn vị này.", code="forbidden")
    if reported_on is None:
        raise ApplicationError("Hãy nhập ngày cập nhật (dd/mm/yyyy).", field="reported_on")
    targets = {t.pk: t for t in initiative.targets.all()}
    cleaned = {}
    for key, value in (results or {}).items():
        if value in (None, ""):
            continue
        target = targets.get(int(key)) if str(key).isdigit() else None
        if target is None:
            raise ApplicationError("Kết quả gửi lên không thuộc chỉ tiêu của mô hình này.", field="results")
        number = _decimal(value, field=f"target_{target.pk}", label=target.indicator)
        if number < 0:
            raise ApplicationError(f"“{target.indicator}”: kết quả không được âm.", field=f"target_{target.pk}")
        cleaned[target.pk] = number
    if not cleaned and not (note or "").strip():
        raise ApplicationError("Hãy nhập kết quả cho ít nhất một chỉ tiêu, hoặc một ghi chú.", field="note")
    with transaction.atomic():
        initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
        if initiative.status not in perms.ACTIVE_STATUSES:
            raise ApplicationError("Chỉ cập nhật kết quả cho mô hình đã được phê duyệt.", code="bad_state")
        update = InitiativeUpdate.objects.create(
            initiative=initiative, reported_on=reported_on, note=(note or "").strip(), created_by=actor
        )
        InitiativeResult.objects.bulk_create(
            InitiativeResult(update=update, target_id=pk, value=v) for pk, v in cleaned.items()
        )
        before = snapshot(initiative, ["status"])
        if initiative.status == Status.APPROVED:
            initiative.status = Status.IN_PROGRESS
            initiative.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action=Action.INITIATIVE_UPDATE_ADDED,
            unit=initiative.unit,
            target=initiative,
            before=before,
            after=snapshot(initiative, ["status"]),
            details={"reported_on": reported_on.isoformat(), "results": {str(k): str(v) for k, v in cleaned.items()}},
        )
    return update


# --- Evaluation -------------------------------------------------------------------------------------------


def starter_scheme() -> EvaluationScheme:
    return EvaluationScheme.objects.filter(is_starter=True).order_by("id").first()


def evaluation_scheme_for(initiative: Initiative) -> EvaluationScheme | None:
    """The province's scheme for the model's year, else the starter scheme."""
    scheme = None
    if initiative.province_id:
        scheme = EvaluationScheme.objects.filter(unit_id=initiative.province_id, year=initiative.year).first()
    return scheme or starter_scheme()


def evaluation_scheme_create(*, actor, unit: OrgUnit, year: int, name: str = "", criteria=None) -> EvaluationScheme:
    """A province's criteria for a year: `criteria` = [(name, max score, weight)], default the starter ones."""
    if unit.level != OrgUnit.Level.PROVINCE:
        raise ApplicationError(
            "Bộ tiêu chí chấm điểm do cấp tỉnh ban hành: hãy chọn một đơn vị cấp tỉnh.", field="unit"
        )
    if not (roles_on(actor, unit) & APPROVE_ROLES):
        raise ApplicationError("Chỉ lãnh đạo cấp tỉnh được ban hành bộ tiêu chí.", code="forbidden")
    rows = criteria if criteria is not None else [(n, m, 1) for n, m in STARTER_CRITERIA]
    cleaned = []
    for i, (cname, max_score, weight) in enumerate(rows, start=1):
        if not (cname or "").strip():
            raise ApplicationError(f"Tiêu chí số {i}: hãy nhập tên.", field="criteria")
        m = _decimal(max_score, field="criteria", label=f"Điểm tối đa của “{cname}”", digits=6)
        w = _decimal(weight, field="criteria", label=f"Trọng số của “{cname}”", digits=5)
        if m <= 0 or w <= 0:
            raise ApplicationError(f"“{cname}”: điểm tối đa và trọng số phải lớn hơn 0.", field="criteria")
        cleaned.append((cname.strip(), m, w))
    if not cleaned:
        raise ApplicationError("Bộ tiêu chí cần ít nhất một tiêu chí.", field="criteria")
    with transaction.atomic():
        if EvaluationScheme.objects.filter(unit=unit, year=year).exists():
            raise ApplicationError(f"{unit.name} đã có bộ tiêu chí năm {year}.", field="year")
        scheme = EvaluationScheme.objects.create(unit=unit, year=year, name=name or f"Bộ tiêu chí năm {year}")
        EvaluationCriterion.objects.bulk_create(
            EvaluationCriterion(scheme=scheme, name=n, max_score=m, weight=w, sort_order=i)
            for i, (n, m, w) in enumerate(cleaned)
        )
        audit_record(
            actor=actor,
            action=Action.EVALUATION_SCHEME_CREATED,
            unit=unit,
            target=scheme,
            after={"year": year, "criteria": [[n, str(m), str(w)] for n, m, w in cleaned]},
        )
    return scheme


def evaluation_submit(
    *, actor, initiative: Initiative, scores: dict, evaluated_on: datetime.date, note: str = ""
) -> Evaluation:
    """A council member scores the model on every criterion of its scheme ({criterion id: score})."""
    if not perms.is_council_member(actor, initiative):
        raise ApplicationError(
            "Chỉ thành viên hội đồng cấp trên của đơn vị đăng ký được chấm điểm mô hình.", code="forbidden"
        )
    scheme = evaluation_scheme_for(initiative)
    if scheme is None:
        raise ApplicationError("Chưa có bộ tiêu chí chấm điểm cho tỉnh và năm này.", code="no_scheme")
    criteria = list(scheme.criteria.all())
    cleaned = {}
    for criterion in criteria:
        raw = scores.get(criterion.pk, scores.get(str(criterion.pk)))
        key = f"criterion_{criterion.pk}"
        if raw in (None, ""):
            raise ApplicationError(f"Hãy chấm điểm tiêu chí “{criterion.name}”.", field=key)
        value = _decimal(raw, field=key, label=criterion.name, digits=6)
        if value < 0 or value > criterion.max_score:
            raise ApplicationError(
                f"Điểm tiêu chí “{criterion.name}” phải từ 0 đến {criterion.max_score.normalize():f}.", field=key
            )
        cleaned[criterion.pk] = value
    if evaluated_on is None:
        raise ApplicationError("Hãy nhập ngày chấm (dd/mm/yyyy).", field="evaluated_on")
    total = sum((cleaned[c.pk] * c.weight for c in criteria), Decimal(0))
    with transaction.atomic():
        initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
        if initiative.status not in perms.EVALUABLE_STATUSES:
            raise ApplicationError(
                f"Mô hình đang ở trạng thái “{initiative.get_status_display()}”, chưa thể chấm điểm.",
                code="bad_state",
            )
        evaluation = Evaluation.objects.create(
            initiative=initiative,
            scheme=scheme,
            evaluator=actor,
            evaluated_on=evaluated_on,
            total=total,
            note=(note or "").strip(),
        )
        EvaluationScore.objects.bulk_create(
            EvaluationScore(evaluation=evaluation, criterion_id=pk, score=v) for pk, v in cleaned.items()
        )
        before = snapshot(initiative, ["status"])
        initiative.status = Status.EVALUATED
        initiative.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action=Action.INITIATIVE_EVALUATED,
            unit=initiative.unit,
            target=initiative,
            before=before,
            after={"status": initiative.status, "total": str(total)},
            details={"scheme": scheme.pk, "scores": {str(k): str(v) for k, v in cleaned.items()}},
        )
    return evaluation


def initiative_recognise(
    *, actor, initiative: Initiative, level: str, status: str, decided_on: datetime.date, note: str = ""
) -> Recognition:
    """Recognise an evaluated model at commune or province level as recognised, outstanding or proposed."""
    if level not in Level.values:
        raise ApplicationError("Hãy chọn cấp công nhận: xã hoặc tỉnh.", field="level")
    if status not in RECOGNISED_STATUSES:
        raise ApplicationError("Hãy chọn: công nhận, tiêu biểu, hoặc đề nghị khen thưởng.", field="status")
    if not perms.can_recognise_at(actor, initiative, level):
        raise ApplicationError("Đồng chí không có quyền công nhận mô hình ở cấp này.", field="level", code="forbidden")
    if decided_on is None:
        raise ApplicationError("Hãy nhập ngày công nhận (dd/mm/yyyy).", field="decided_on")
    with transaction.atomic():
        initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
        if not initiative.evaluations.exists():
            raise ApplicationError("Chưa thể công nhận: mô hình chưa được hội đồng chấm điểm.", code="not_evaluated")
        if initiative.status not in perms.RECOGNISABLE_STATUSES:
            raise ApplicationError(
                f"Mô hình đang ở trạng thái “{initiative.get_status_display()}”, chưa thể công nhận.",
                code="bad_state",
            )
        before = snapshot(initiative, ["status", "recognition_level"])
        recognition = Recognition.objects.create(
            initiative=initiative,
            level=level,
            status=status,
            decided_on=decided_on,
            decided_by=actor,
            note=(note or "").strip(),
        )
        initiative.status = status
        initiative.recognition_level = level
        initiative.save(update_fields=["status", "recognition_level", "updated_at"])
        audit_record(
            actor=actor,
            action=Action.INITIATIVE_RECOGNISED,
            unit=initiative.unit,
            target=initiative,
            before=before,
            after=snapshot(initiative, ["status", "recognition_level"]),
        )
    return recognition


def commendation_add(
    *, actor, initiative: Initiative, form: str, deciding_body: str, decision_number: str, decided_on: datetime.date
) -> Commendation:
    """Record a commendation (Giấy khen / Bằng khen) for a recognised model."""
    if not perms.can_decide_registration(actor, initiative):
        raise ApplicationError("Chỉ lãnh đạo cấp trên của đơn vị được ghi nhận khen thưởng.", code="forbidden")
    if form not in Commendation.Form.values:
        raise ApplicationError("Hãy chọn hình thức: Giấy khen hoặc Bằng khen.", field="form")
    if not (deciding_body or "").strip():
        raise ApplicationError("Hãy nhập cơ quan, người ra quyết định khen thưởng.", field="deciding_body")
    if not (decision_number or "").strip():
        raise ApplicationError("Hãy nhập số quyết định khen thưởng.", field="decision_number")
    if decided_on is None:
        raise ApplicationError("Hãy nhập ngày quyết định (dd/mm/yyyy).", field="decided_on")
    with transaction.atomic():
        initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
        if initiative.status not in RECOGNISED_STATUSES:
            raise ApplicationError("Chỉ khen thưởng mô hình đã được công nhận.", code="bad_state")
        commendation = Commendation.objects.create(
            initiative=initiative,
            form=form,
            deciding_body=deciding_body.strip(),
            decision_number=decision_number.strip(),
            decided_on=decided_on,
            created_by=actor,
        )
        audit_record(
            actor=actor,
            action=Action.INITIATIVE_COMMENDED,
            unit=initiative.unit,
            target=initiative,
            after={
                "form": form,
                "deciding_body": commendation.deciding_body,
                "decision_number": commendation.decision_number,
                "decided_on": decided_on.isoformat(),
            },
        )
    return commendation


# --- Replication ------------------------------------------------------------------------------------------


def initiative_replicate(
    *,
    actor,
    source: Initiative,
    unit: OrgUnit,
    year: int,
    start_date: datetime.date,
    name: str = "",
    goal: str = "",
    end_date: datetime.date | None = None,
    people_mobilised: int | None = None,
    targets=None,
) -> Initiative:
    """Another unit adopts a recognised model: a new registration linked to its source and lineage.

    Field, kind and targets are copied unless given; the copy waits for approval like any registration.
    """
    if not perms.can_register_for(actor, unit):
        raise ApplicationError(
            "Đồng chí chỉ được nhân rộng mô hình cho đơn vị mình và các đơn vị cấp dưới.",
            field="unit",
            code="forbidden",
        )
    if source.status not in RECOGNISED_STATUSES:
        raise ApplicationError("Chỉ nhân rộng mô hình đã được công nhận.", code="bad_state")
    if unit.pk == source.unit_id:
        raise ApplicationError("Mô hình đã có ở đơn vị này: hãy chọn đơn vị khác để nhân rộng.", field="unit")
    name = (name or source.name).strip()
    goal = (goal or source.goal).strip()
    kind = source.kind
    _validate(
        name=name,
        year=year,
        field=source.field,
        kind=kind,
        person_name=source.person_name,
        goal=goal,
        start_date=start_date,
        end_date=end_date,
    )
    if targets is None:
        targets = [(t.indicator, t.unit_label, t.target_value) for t in source.targets.all()]
    cleaned = _clean_targets(targets)
    with transaction.atomic():
        initiative = _create(
            actor=actor,
            unit=unit,
            year=year,
            name=name,
            field=source.field,
            new_rural=source.new_rural,
            kind=kind,
            person_name=source.person_name,
            goal=goal,
            participants=source.participants,
            people_mobilised=people_mobilised,
            start_date=start_date,
            end_date=end_date,
            targets=cleaned,
            replicated_from=source,
        )
        audit_record(
            actor=actor,
            action=Action.INITIATIVE_REPLICATED,
            unit=unit,
            target=initiative,
            after=snapshot(initiative, FIELDS),
            details={"source": source.code, "lineage_root": initiative.lineage_root_id},
        )
    return initiative


# --- Photos -----------------------------------------------------------------------------------------------

MAX_PHOTO_BYTES = 5 * 1024 * 1024
THUMBNAIL_SIZE = (320, 320)
# Pillow format → (content type, file extension). Anything else is refused, whatever the file name says.
PHOTO_FORMATS = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png"), "WEBP": ("image/webp", "webp")}
ACCEPTED = "JPEG, PNG, WebP"


def _read_image(upload) -> tuple[bytes, str, object]:
    """The upload's bytes, Pillow format and opened image, or ApplicationError naming the accepted types."""
    if upload is None:
        raise ApplicationError(f"Hãy chọn một ảnh ({ACCEPTED}, tối đa 5 MB).", field="photo")
    if upload.size > MAX_PHOTO_BYTES:
        raise ApplicationError(
            f"Ảnh “{upload.name}” nặng {upload.size / 1024 / 1024:.1f} MB, quá 5 MB: hãy thu nhỏ ảnh "
            f"(chấp nhận {ACCEPTED}).",
            field="photo",
        )
    data = upload.read()
    try:
        with warnings.catch_warnings():
            # A small file that decodes into a huge picture (decompression bomb) is refused, not processed.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                fmt = probe.format
                probe.verify()
            image = Image.open(io.BytesIO(data))
            image.load()
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ):
        raise ApplicationError(
            f"Tệp “{upload.name}” không phải là ảnh hợp lệ: chỉ chấp nhận ảnh {ACCEPTED}.", field="photo"
        ) from None
    if fmt not in PHOTO_FORMATS:
        raise ApplicationError(f"Ảnh “{upload.name}” có định dạng {fmt}: chỉ chấp nhận ảnh {ACCEPTED}.", field="photo")
    return data, fmt, image


def _thumbnail(image) -> bytes:
    thumb = ImageOps.exif_transpose(image)
    thumb.thumbnail(THUMBNAIL_SIZE)
    if thumb.mode not in ("RGB", "L"):
        thumb = thumb.convert("RGB")
    out = io.BytesIO()
    thumb.save(out, format="JPEG", quality=80)
    return out.getvalue()


def initiative_photo_add(*, actor, update: InitiativeUpdate, upload):
    """Attach a photo to a progress update: checked by content with Pillow, thumbnail made, stored privately.

    Files are written before the transaction and removed again if it fails, so no row points to a missing file.
    """
    initiative = update.initiative
    if not perms.can_enter_data(actor, initiative.unit):
        raise ApplicationError("Đồng chí không có quyền thêm ảnh cho mô hình của đơn vị này.", code="forbidden")
    data, fmt, image = _read_image(upload)
    thumb = _thumbnail(image)
    content_type, ext = PHOTO_FORMATS[fmt]
    storage = photo_storage()
    today = timezone.localdate()
    stem = f"{today:%Y/%m}/{uuid.uuid4().hex}"
    file_name = storage.save(f"{stem}.{ext}", ContentFile(data))
    thumb_name = storage.save(f"{stem}-thumb.jpg", ContentFile(thumb))
    try:
        with transaction.atomic():
            photo = InitiativePhoto.objects.create(
                update=update,
                file=file_name,
                thumbnail=thumb_name,
                original_name=(upload.name or "")[:255],
                content_type=content_type,
                size=len(data),
                width=image.width,
                height=image.height,
                uploaded_by=actor,
            )
            audit_record(
                actor=actor,
                action=Action.INITIATIVE_PHOTO_ADDED,
                unit=initiative.unit,
                target=initiative,
                after={
                    "update": update.pk,
                    "photo": photo.pk,
                    "name": photo.original_name,
                    "type": content_type,
                    "size": len(data),
                },
            )
    except Exception:
        storage.delete(file_name)
        storage.delete(thumb_name)
        raise
    return photo
