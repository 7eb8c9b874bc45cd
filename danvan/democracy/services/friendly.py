"""Chính quyền thân thiện: a province's yearly criteria, a commune's self-assessment with evidence, the steering
committee's scores and the recognition decision."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from danvan.audit.models import Action
from danvan.audit.services import audit_record
from danvan.core.errors import ApplicationError
from danvan.democracy import permissions as perms
from danvan.democracy.models import (
    BaseKind,
    FriendlyAssessment,
    FriendlyCriterion,
    FriendlyEvidence,
    FriendlyScheme,
    FriendlyScore,
)
from danvan.democracy.services.common import _forbidden, _stored_files, locked_edit, snap
from danvan.organisations.models import OrgUnit

# The example of DOMAIN.md §4 (Bắc Giang), offered when a province sets its first scheme; every figure is editable.
EXAMPLE_CRITERIA = [
    ("Thực hiện quy chế dân chủ ở cơ sở và công tác thông tin, tuyên truyền", Decimal(20)),
    ("Cải cách hành chính", Decimal(25)),
    ("Văn hóa công sở", Decimal(20)),
    ("Đối thoại, tiếp công dân và giải quyết kiến nghị, phản ánh", Decimal(15)),
    ("Mức độ hài lòng của cán bộ, người dân và doanh nghiệp", Decimal(20)),
]
EXAMPLE_PASS_SCORE = Decimal(80)
SCHEME_FIELDS = ["title", "year", "pass_score"]


def _decimal(value, *, field: str, label: str, maximum: Decimal | None = None) -> Decimal:
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise ApplicationError(f"{label}: hãy nhập một số, ví dụ 18 hoặc 18,5.", field=field) from None
    if not number.is_finite() or number < 0 or (maximum is not None and number > maximum):
        bound = f"từ 0 đến {maximum:g}" if maximum is not None else "không âm"
        raise ApplicationError(f"{label}: phải {bound}.", field=field)
    if number != number.quantize(Decimal("0.1")):
        raise ApplicationError(f"{label}: chỉ lấy một chữ số thập phân, ví dụ 18,5.", field=field)
    return number


def _clean_criteria(rows) -> list[tuple[str, Decimal]]:
    criteria = []
    for i, (title, points) in enumerate(rows, start=1):
        title = " ".join((title or "").split())[:500]
        if not title:
            raise ApplicationError(f"Tiêu chí, dòng {i}: hãy ghi nội dung tiêu chí.", field="criteria")
        points = _decimal(points, field="criteria", label=f"Điểm tối đa của tiêu chí “{title[:40]}”")
        if points <= 0:
            raise ApplicationError(f"Điểm tối đa của tiêu chí “{title[:40]}”: phải lớn hơn 0.", field="criteria")
        criteria.append((title, points))
    if not criteria:
        raise ApplicationError("Tiêu chí: hãy nhập ít nhất một tiêu chí và điểm tối đa.", field="criteria")
    return criteria


def friendly_scheme_set(
    *,
    actor,
    province: OrgUnit | None,
    year: int | None,
    title: str,
    pass_score,
    criteria: list[tuple[str, object]],
    scheme: FriendlyScheme | None = None,
    expected_version=None,
) -> FriendlyScheme:
    """Set (or correct) a province's criteria for one year. The criteria themselves may change only while no commune
    has started its self-assessment; the title and the pass mark may always be corrected (audited)."""
    if scheme is not None:
        province, year = scheme.province, scheme.year
    if province is None or province.level != OrgUnit.Level.PROVINCE:
        raise ApplicationError("Tỉnh, thành phố: hãy chọn một đơn vị cấp tỉnh.", field="province")
    if not perms.can_set_friendly_scheme(actor, province):
        raise ApplicationError(
            "Tỉnh, thành phố: đồng chí không có quyền ban hành tiêu chí của tỉnh này.", field="province"
        )
    if year is None or not 2000 <= int(year) <= 2100:
        raise ApplicationError("Năm: hãy chọn năm đánh giá, ví dụ 2026.", field="year")
    title = " ".join((title or "").split())[:255]
    if not title:
        raise ApplicationError(
            "Tên bộ tiêu chí: bắt buộc, ví dụ “Bộ tiêu chí Chính quyền thân thiện năm 2026”.", field="title"
        )
    cleaned = _clean_criteria(criteria)
    total = sum(points for _t, points in cleaned)
    pass_mark = _decimal(pass_score, field="pass_score", label="Điểm đạt", maximum=total)
    if scheme is None:
        if FriendlyScheme.objects.filter(province=province, year=year).exists():
            raise ApplicationError(f"Năm: tỉnh đã có bộ tiêu chí năm {year}; hãy mở bộ đó để sửa.", field="year")
        with transaction.atomic():
            scheme = FriendlyScheme.objects.create(
                province=province, year=year, title=title, pass_score=pass_mark, created_by=actor
            )
            FriendlyCriterion.objects.bulk_create(
                FriendlyCriterion(scheme=scheme, number=i, title=t, max_points=p)
                for i, (t, p) in enumerate(cleaned, start=1)
            )
            audit_record(
                actor=actor,
                action=Action.FRIENDLY_SCHEME_SET,
                unit=province,
                target=scheme,
                after={**snap(scheme, SCHEME_FIELDS), "criteria": [[t, str(p)] for t, p in cleaned]},
            )
        return scheme

    current = [(c.title, c.max_points) for c in scheme.criteria.all()]
    changed = current != cleaned

    def replace_criteria(row):
        if not changed:
            return {}
        if row.assessments.exists():
            raise ApplicationError(
                "Tiêu chí: đã có xã tự đánh giá theo bộ tiêu chí này nên không sửa được tiêu chí; chỉ sửa được tên "
                "và điểm đạt.",
                field="criteria",
            )
        row.criteria.all().delete()
        FriendlyCriterion.objects.bulk_create(
            FriendlyCriterion(scheme=row, number=i, title=t, max_points=p) for i, (t, p) in enumerate(cleaned, start=1)
        )
        return {"criteria_before": [[t, str(p)] for t, p in current], "criteria": [[t, str(p)] for t, p in cleaned]}

    return locked_edit(
        actor=actor,
        row=scheme,
        fields=SCHEME_FIELDS,
        changes={"title": title, "pass_score": pass_mark},
        action=Action.FRIENDLY_SCHEME_SET,
        unit=province,
        what="Bộ tiêu chí này",
        expected_version=expected_version,
        then=replace_criteria,
    )


def friendly_assessment_start(*, actor, base, year: int) -> FriendlyAssessment:
    """Open a commune's self-assessment for `year` against its province's scheme (one per commune and year)."""
    if base.kind != BaseKind.COMMUNE:
        raise ApplicationError("Cơ sở: chỉ xã, phường, đặc khu tự đánh giá Chính quyền thân thiện.", field="year")
    if not perms.can_record_for(actor, base):
        raise _forbidden()
    # The scheme of the province the commune lies in (whichever of the province's bodies set it).
    scheme = (
        FriendlyScheme.objects.filter(year=year, province__descendant_links__descendant=base.unit)
        .order_by("pk")
        .first()
    )
    if scheme is None:
        raise ApplicationError(
            f"Năm: tỉnh chưa ban hành bộ tiêu chí Chính quyền thân thiện năm {year}; hãy chọn năm khác hoặc đề nghị "
            f"tỉnh ban hành.",
            field="year",
        )
    existing = FriendlyAssessment.objects.filter(scheme=scheme, base=base).first()
    if existing:
        return existing
    with transaction.atomic():
        assessment = FriendlyAssessment.objects.create(scheme=scheme, base=base, created_by=actor)
        FriendlyScore.objects.bulk_create(
            FriendlyScore(assessment=assessment, criterion=c) for c in scheme.criteria.all()
        )
        audit_record(
            actor=actor,
            action=Action.FRIENDLY_ASSESSMENT_STARTED,
            unit=base.unit,
            target=assessment,
            after={"year": year},
        )
    return assessment


def _clean_scores(assessment, entries: dict, *, prefix: str, label: str) -> dict[int, tuple[Decimal | None, str]]:
    """entries: criterion id → (score text, note). A blank score stays blank; a bad one is refused naming it."""
    cleaned = {}
    for score in assessment.scores.select_related("criterion"):
        raw, note = entries.get(score.criterion_id, ("", ""))
        criterion = score.criterion
        value = None
        if str(raw or "").strip():
            value = _decimal(
                raw,
                field=f"{prefix}_{criterion.pk}",
                label=f"{label}, tiêu chí {criterion.number} ({criterion.title[:40]})",
                maximum=criterion.max_points,
            )
        cleaned[score.pk] = (value, (note or "").strip()[:4000])
    return cleaned


def _total(values) -> Decimal | None:
    values = list(values)
    return sum(values, Decimal(0)) if values and all(v is not None for v in values) else None


def friendly_self_score(
    *, actor, assessment: FriendlyAssessment, entries: dict, uploads: dict | None = None, expected_version=None
) -> FriendlyAssessment:
    """Save the commune's self-scores, notes and evidence files; correctable until the committee has scored."""
    if not perms.can_record_for(actor, assessment.base):
        raise _forbidden()
    cleaned = _clean_scores(assessment, entries, prefix="self", label="Điểm tự chấm")
    stored = {cid: _stored_files(files, actor=actor, field=f"evidence_{cid}") for cid, files in (uploads or {}).items()}

    def write_scores(row):
        # Checked on the locked row: the committee may have scored it since the page was opened.
        if row.status not in (FriendlyAssessment.Status.DRAFT, FriendlyAssessment.Status.SUBMITTED):
            raise ApplicationError(
                "Điểm tự chấm: Ban Chỉ đạo đã chấm hồ sơ này nên không sửa được điểm tự chấm.", field="version"
            )
        before = {}
        for score in row.scores.select_related("criterion"):
            value, note = cleaned[score.pk]
            before[score.criterion.number] = str(score.self_score) if score.self_score is not None else None
            score.self_score, score.self_note = value, note
            score.save(update_fields=["self_score", "self_note"])
            for f in stored.get(score.criterion_id, []):
                f.save()
                FriendlyEvidence.objects.create(score=score, file=f)
        row.self_total = _total(v for v, _n in cleaned.values())
        row.save(update_fields=["self_total"])
        return {
            "scores_before": before,
            "scores": {str(k): (str(v) if v is not None else None) for k, (v, _n) in cleaned.items()},
            "evidence_added": [f.name for files in stored.values() for f in files],
        }

    return locked_edit(
        actor=actor,
        row=assessment,
        fields=["self_total"],
        changes={},
        action=Action.FRIENDLY_SELF_SCORED,
        unit=assessment.base.unit,
        what="Hồ sơ tự đánh giá này",
        expected_version=expected_version,
        then=write_scores,
    )


def friendly_submit(*, actor, assessment: FriendlyAssessment) -> FriendlyAssessment:
    """Send the self-assessment to the steering committee: every criterion needs a self-score first."""
    if not perms.can_record_for(actor, assessment.base):
        raise _forbidden()

    def submit(row):
        if row.status != FriendlyAssessment.Status.DRAFT:
            raise ApplicationError("Gửi hồ sơ: hồ sơ này đã được gửi.", field="status")
        missing = [s.criterion.number for s in row.scores.select_related("criterion") if s.self_score is None]
        if missing:
            raise ApplicationError(
                f"Điểm tự chấm: còn thiếu điểm của tiêu chí {', '.join(map(str, missing))}; hãy chấm đủ rồi gửi.",
                field="status",
            )
        return {"status": FriendlyAssessment.Status.SUBMITTED, "submitted_at": timezone.now()}

    return locked_edit(
        actor=actor,
        row=assessment,
        fields=["status", "self_total"],
        changes=submit,
        action=Action.FRIENDLY_SUBMITTED,
        unit=assessment.base.unit,
    )


def friendly_committee_score(
    *, actor, assessment: FriendlyAssessment, entries: dict, expected_version=None
) -> FriendlyAssessment:
    """The steering committee's score per criterion; every criterion must be scored. Correctable until decided."""
    if not perms.can_score_friendly(actor, assessment):
        raise _forbidden("việc chấm điểm của Ban Chỉ đạo")
    cleaned = _clean_scores(assessment, entries, prefix="committee", label="Điểm Ban Chỉ đạo chấm")
    blank = [pk for pk, (v, _n) in cleaned.items() if v is None]
    if blank:
        number = FriendlyScore.objects.select_related("criterion").get(pk=blank[0]).criterion
        raise ApplicationError(
            f"Điểm Ban Chỉ đạo chấm, tiêu chí {number.number}: bắt buộc (0–{number.max_points:g}).",
            field=f"committee_{number.pk}",
        )

    def scoring(row):
        # Checked on the locked row: the commune's dossier must be submitted and not yet decided.
        if row.status not in (FriendlyAssessment.Status.SUBMITTED, FriendlyAssessment.Status.SCORED):
            raise ApplicationError(
                "Điểm của Ban Chỉ đạo: chỉ chấm hồ sơ xã đã gửi và chưa có quyết định công nhận.", field="version"
            )
        return {"status": FriendlyAssessment.Status.SCORED, "committee_total": _total(v for v, _n in cleaned.values())}

    def write_scores(row):
        before = {}
        for score in row.scores.select_related("criterion"):
            value, note = cleaned[score.pk]
            before[score.criterion.number] = str(score.committee_score) if score.committee_score is not None else None
            score.committee_score, score.committee_note = value, note
            score.save(update_fields=["committee_score", "committee_note"])
        return {"scores_before": before}

    return locked_edit(
        actor=actor,
        row=assessment,
        fields=["status", "committee_total"],
        changes=scoring,
        action=Action.FRIENDLY_COMMITTEE_SCORED,
        unit=assessment.scheme.province,
        what="Hồ sơ này",
        expected_version=expected_version,
        then=write_scores,
    )


def friendly_decide(
    *,
    actor,
    assessment: FriendlyAssessment,
    recognised: bool,
    reference: str,
    decided_on: dt.date | None,
    today: dt.date | None = None,
) -> FriendlyAssessment:
    """Recognise the commune (or not), with the decision's reference and date; recognition needs the committee's
    total at or above the scheme's pass mark. Correctable, with its history in the audit log."""
    today = today or timezone.localdate()
    if not perms.can_score_friendly(actor, assessment):
        raise _forbidden("việc công nhận")
    reference = " ".join((reference or "").split())[:128]
    if not reference:
        raise ApplicationError("Số, ký hiệu quyết định: bắt buộc, ví dụ 125/QĐ-UBND.", field="reference")
    if decided_on is None or decided_on > today:
        raise ApplicationError("Ngày quyết định: bắt buộc, không sau hôm nay (dd/mm/yyyy).", field="decided_on")

    def decide(row):
        if row.status not in (
            FriendlyAssessment.Status.SCORED,
            FriendlyAssessment.Status.RECOGNISED,
            FriendlyAssessment.Status.NOT_RECOGNISED,
        ):
            raise ApplicationError("Công nhận: Ban Chỉ đạo cần chấm điểm hồ sơ trước.", field="recognised")
        if recognised and (row.committee_total or 0) < row.scheme.pass_score:
            raise ApplicationError(
                f"Công nhận: tổng điểm Ban Chỉ đạo chấm ({row.committee_total:g}) thấp hơn điểm đạt "
                f"({row.scheme.pass_score:g}); chỉ ghi “không công nhận”.",
                field="recognised",
            )
        return {
            "status": FriendlyAssessment.Status.RECOGNISED if recognised else FriendlyAssessment.Status.NOT_RECOGNISED,
            "decision_reference": reference,
            "decided_on": decided_on,
        }

    return locked_edit(
        actor=actor,
        row=assessment,
        fields=["status", "decision_reference", "decided_on"],
        changes=decide,
        action=Action.FRIENDLY_DECIDED,
        unit=assessment.scheme.province,
    )
