"""Writes of the yearly assessment. Each service: keyword-only, one transaction, one audit event.

Rule violations raise ApplicationError with a Vietnamese message that names the field and the fix; nothing is
written then. Edits of a scheme or an assessment carry the version the page showed (core.locking).
"""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from danvan.accounts.permissions import assignment_scope, can_edit_unit
from danvan.assessments import permissions as perms
from danvan.assessments import scoring
from danvan.assessments.measures import MEASURES, figures_for
from danvan.assessments.models import (
    GROUP_KINDS,
    Assessment,
    BodyGroup,
    Criterion,
    CriterionScore,
    Evidence,
    Scheme,
)
from danvan.audit.models import Action
from danvan.audit.services import audit_record
from danvan.core.errors import ApplicationError
from danvan.core.locking import bump, check_version
from danvan.core.numbers import parse_decimal
from danvan.core.sequences import next_in_sequence
from danvan.organisations.models import OrgUnit, OrgUnitClosure

SETTINGS = ["title", "uses_weights", "excellent_min", "good_min", "passed_min", "self_due", "basis"]
MAX_EVIDENCE = 10


def _number(raw, *, label: str, field: str, digits: int = 6) -> Decimal:
    value = parse_decimal(raw, label=label, field=field, digits=digits, example=" (ví dụ 8 hoặc 8,5)")
    if value != value.quantize(scoring.CENT):
        raise ApplicationError(f"“{label}”: lấy tối đa 2 chữ số thập phân.", field=field)
    return value


def _values(obj, fields) -> dict:
    """Before/after values as JSON-ready text."""
    out = {}
    for name in fields:
        value = getattr(obj, name)
        out[name] = value.isoformat() if hasattr(value, "isoformat") else (str(value) if value is not None else None)
        if isinstance(value, bool):
            out[name] = value
    return out


def _require_runner(actor, scheme: Scheme) -> None:
    if not perms.can_run(actor, scheme):
        raise ApplicationError("Chỉ cán bộ của Ban (hoặc cấp trên) mới được thực hiện việc này.", code="forbidden")


def _locked(scheme: Scheme) -> Scheme:
    return Scheme.objects.select_for_update().select_related("unit").get(pk=scheme.pk)


def _clean_settings(data: dict) -> dict:
    title = (data.get("title") or "").strip()
    if not title:
        raise ApplicationError(
            "“Tên đợt đánh giá”: hãy nhập tên, ví dụ “Đánh giá công tác dân vận năm 2026”.", field="title"
        )
    thresholds = {}
    for key, label in (
        ("excellent_min", "Điểm tối thiểu loại Hoàn thành xuất sắc"),
        ("good_min", "Điểm tối thiểu loại Hoàn thành tốt"),
        ("passed_min", "Điểm tối thiểu loại Hoàn thành"),
    ):
        value = _number(data.get(key), label=label, field=key)
        if not Decimal(0) < value <= Decimal(1000):
            raise ApplicationError(f"“{label}”: phải lớn hơn 0 và không quá 1000.", field=key)
        thresholds[key] = value
    if not thresholds["excellent_min"] > thresholds["good_min"] > thresholds["passed_min"]:
        raise ApplicationError(
            "Ngưỡng xếp loại phải giảm dần: Hoàn thành xuất sắc > Hoàn thành tốt > Hoàn thành "
            f"(đồng chí đã nhập {scoring.number_text(thresholds['excellent_min'])}, "
            f"{scoring.number_text(thresholds['good_min'])}, {scoring.number_text(thresholds['passed_min'])}).",
            field="good_min",
        )
    return {
        "title": title[:255],
        "uses_weights": bool(data.get("uses_weights")),
        "self_due": data.get("self_due"),
        "basis": (data.get("basis") or "").strip(),
        **thresholds,
    }


def scheme_create(*, actor, unit: OrgUnit, year: int, group: str, **settings) -> Scheme:
    """Create a year's scheme for one kind of body (status "being prepared"), code DG-YYYY-NNNNNN."""
    if not can_edit_unit(actor, unit):
        raise ApplicationError(
            "“Đơn vị tổ chức”: đồng chí chỉ được chọn đơn vị của mình hoặc cấp dưới.", field="unit", code="forbidden"
        )
    if group not in BodyGroup.values:
        raise ApplicationError("“Khối được đánh giá”: hãy chọn trong danh sách.", field="group")
    if not 2000 <= int(year or 0) <= 2100:
        raise ApplicationError("“Năm”: hãy chọn năm từ 2000 đến 2100.", field="year")
    data = _clean_settings(settings)
    with transaction.atomic():
        if Scheme.objects.filter(unit=unit, year=year, group=group).exists():
            raise ApplicationError(
                f"“Năm”: {unit.name} đã có đợt đánh giá năm {year} cho {BodyGroup(group).label}; hãy mở đợt đó.",
                field="year",
            )
        scheme = Scheme.objects.create(
            code=next_in_sequence(prefix="DG", year=year), unit=unit, year=year, group=group, updated_by=actor, **data
        )
        audit_record(
            actor=actor,
            action=Action.ASSESSMENT_SCHEME_CREATED,
            unit=unit,
            target=scheme,
            after={"code": scheme.code, "year": year, "group": group, **_values(scheme, SETTINGS)},
        )
    return scheme


def scheme_update(*, actor, scheme: Scheme, expected_version: str | None = None, **settings) -> Scheme:
    """Change the title, weights switch, thresholds, due date or grounds. Thresholds change grades of reviews."""
    _require_runner(actor, scheme)
    data = _clean_settings(settings)
    with transaction.atomic():
        scheme = _locked(scheme)
        check_version(scheme, expected_version, what="Đợt đánh giá")
        if scheme.status == Scheme.Status.CLOSED:
            raise ApplicationError("Đã ban hành báo cáo: đợt đánh giá đã khóa.", code="locked")
        if scheme.status != Scheme.Status.DRAFT and data["uses_weights"] != scheme.uses_weights:
            raise ApplicationError("“Dùng trọng số”: không đổi được khi đã mở đánh giá.", field="uses_weights")
        before = _values(scheme, SETTINGS)
        for key, value in data.items():
            setattr(scheme, key, value)
        scheme.updated_by = actor
        scheme.save(update_fields=[*data, "updated_by", *bump(scheme)])
        _regrade(scheme)
        audit_record(
            actor=actor,
            action=Action.ASSESSMENT_SCHEME_UPDATED,
            unit=scheme.unit,
            target=scheme,
            before=before,
            after=_values(scheme, SETTINGS),
        )
    return scheme


def _regrade(scheme: Scheme) -> None:
    """Grades follow the thresholds: recompute the reviewed ones after a threshold change."""
    for assessment in scheme.assessments.filter(status=Assessment.Status.REVIEWED):
        grade = scoring.grade_for(scheme, assessment.review_total)
        if grade != assessment.grade:
            assessment.grade = grade
            assessment.save(update_fields=["grade", "updated_at"])


def parse_criteria(rows: list[list[str]], *, uses_weights: bool) -> list[dict]:
    """Rows of (title, max score, weight, measure) as typed in the criteria table, checked; errors name the row."""
    cleaned = []
    for number, row in enumerate(rows, start=1):
        title, top, weight, measure = (list(row) + ["", "", "", ""])[:4]
        title = title.strip()
        if not title:
            raise ApplicationError(f"Tiêu chí dòng {number}: hãy nhập nội dung tiêu chí.", field="criteria")
        label = f"Điểm tối đa (tiêu chí dòng {number})"
        top_value = _number(top, label=label, field="criteria")
        if not Decimal(0) < top_value <= Decimal(1000):
            raise ApplicationError(f"“{label}”: phải lớn hơn 0 và không quá 1000.", field="criteria")
        weight_value = None
        if uses_weights:
            wlabel = f"Trọng số (tiêu chí dòng {number})"
            weight_value = _number(weight, label=wlabel, field="criteria", digits=5)
            if not Decimal(0) < weight_value <= Decimal(100):
                raise ApplicationError(f"“{wlabel}”: phải lớn hơn 0 và không quá 100.", field="criteria")
        measure = measure.strip()
        if measure and measure not in MEASURES:
            raise ApplicationError(
                f"Tiêu chí dòng {number}: số liệu hệ thống không có trong danh sách.", field="criteria"
            )
        cleaned.append({"title": title[:500], "max_score": top_value, "weight": weight_value, "measure": measure})
    if not cleaned:
        raise ApplicationError("Hãy nhập ít nhất một tiêu chí.", field="criteria")
    if uses_weights:
        weights = sum(c["weight"] for c in cleaned)
        if weights != 100:
            raise ApplicationError(
                f"“Trọng số”: tổng trọng số các tiêu chí phải bằng 100 (hiện là {scoring.number_text(weights)}); "
                "hãy sửa trọng số hoặc bỏ chọn “Dùng trọng số”.",
                field="criteria",
            )
    return cleaned


def criteria_set(*, actor, scheme: Scheme, rows: list[list[str]], expected_version: str | None = None) -> Scheme:
    """Replace the criteria of a scheme being prepared (all rows checked first; nothing written on an error)."""
    _require_runner(actor, scheme)
    cleaned = parse_criteria(rows, uses_weights=scheme.uses_weights)
    with transaction.atomic():
        scheme = _locked(scheme)
        check_version(scheme, expected_version, what="Đợt đánh giá")
        if scheme.status != Scheme.Status.DRAFT:
            raise ApplicationError("Đã mở đánh giá: không sửa bộ tiêu chí được nữa.", field="criteria", code="locked")
        top = scoring.max_total(criteria=[Criterion(**c) for c in cleaned], uses_weights=scheme.uses_weights)
        if scheme.excellent_min > top:
            raise ApplicationError(
                f"Tổng điểm tối đa ({scoring.number_text(top)}) thấp hơn ngưỡng Hoàn thành xuất sắc "
                f"({scoring.number_text(scheme.excellent_min)}): hãy sửa điểm tối đa hoặc ngưỡng.",
                field="criteria",
            )
        before = _criteria_text(scheme)
        scheme.criteria.all().delete()
        Criterion.objects.bulk_create(Criterion(scheme=scheme, order=i, **c) for i, c in enumerate(cleaned, 1))
        scheme.updated_by = actor
        scheme.save(update_fields=["updated_by", *bump(scheme)])
        audit_record(
            actor=actor,
            action=Action.ASSESSMENT_CRITERIA_SET,
            unit=scheme.unit,
            target=scheme,
            before={"criteria": before},
            after={"criteria": _criteria_text(scheme)},
        )
    return scheme


def _criteria_text(scheme: Scheme) -> list[str]:
    return [f"{c.title} | {c.max_score} | {c.weight or ''} | {c.measure}" for c in scheme.criteria.order_by("order")]


def _same_day_in(day: dt.date | None, years: int) -> dt.date | None:
    """The same day `years` later (29/2 becomes 28/2 in a common year)."""
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def scheme_copy(*, actor, source: Scheme, year: int) -> Scheme:
    """Next year's scheme from `source`: the same criteria, weights, measures and thresholds, being prepared."""
    _require_runner(actor, source)
    if year <= source.year:
        raise ApplicationError(f"“Năm”: phải sau năm {source.year} của bộ tiêu chí gốc.", field="year")
    with transaction.atomic():
        if Scheme.objects.filter(unit=source.unit, year=year, group=source.group).exists():
            raise ApplicationError(
                f"“Năm”: đã có đợt đánh giá năm {year} cho {source.get_group_display()}.", field="year"
            )
        title = source.title.replace(str(source.year), str(year))
        if title == source.title:
            title = f"{source.title} ({year})"
        scheme = Scheme.objects.create(
            code=next_in_sequence(prefix="DG", year=year),
            unit=source.unit,
            year=year,
            group=source.group,
            title=title[:255],
            uses_weights=source.uses_weights,
            excellent_min=source.excellent_min,
            good_min=source.good_min,
            passed_min=source.passed_min,
            self_due=_same_day_in(source.self_due, year - source.year),
            basis=source.basis,
            copied_from=source,
            updated_by=actor,
        )
        Criterion.objects.bulk_create(
            Criterion(
                scheme=scheme, order=c.order, title=c.title, max_score=c.max_score, weight=c.weight, measure=c.measure
            )
            for c in source.criteria.all()
        )
        audit_record(
            actor=actor,
            action=Action.ASSESSMENT_SCHEME_COPIED,
            unit=scheme.unit,
            target=scheme,
            after={"code": scheme.code, "from": source.code, "year": year, "criteria": source.criteria.count()},
        )
    return scheme


def _check_bodies(scheme: Scheme, bodies: list[OrgUnit]) -> None:
    if not bodies:
        raise ApplicationError("“Cơ quan, đơn vị được đánh giá”: hãy chọn ít nhất một.", field="bodies")
    kinds = GROUP_KINDS[scheme.group]
    scope = assignment_scope(scheme.unit)
    inside = set(
        OrgUnitClosure.objects.filter(ancestor=scope, descendant__in=bodies).values_list("descendant_id", flat=True)
    )
    for body in bodies:
        if body.kind not in kinds:
            raise ApplicationError(
                f"“Cơ quan, đơn vị được đánh giá”: {body.name} không thuộc khối {scheme.get_group_display()}; "
                "hãy bỏ đơn vị này.",
                field="bodies",
            )
        if body.pk not in inside:
            raise ApplicationError(
                f"“Cơ quan, đơn vị được đánh giá”: {body.name} không thuộc phạm vi của {scope.name}.", field="bodies"
            )


def scheme_open(*, actor, scheme: Scheme, bodies: list[OrgUnit]) -> Scheme:
    """Open the year's assessment for the chosen bodies (or add bodies to an open one)."""
    _require_runner(actor, scheme)
    _check_bodies(scheme, bodies)
    with transaction.atomic():
        scheme = _locked(scheme)
        if scheme.status == Scheme.Status.CLOSED:
            raise ApplicationError("Đã ban hành báo cáo: đợt đánh giá đã khóa.", code="locked")
        criteria = list(scheme.criteria.all())
        if not criteria:
            raise ApplicationError("Hãy nhập bộ tiêu chí trước khi mở đánh giá.", field="criteria")
        if scheme.uses_weights and sum(c.weight or 0 for c in criteria) != 100:
            raise ApplicationError("“Trọng số”: tổng trọng số các tiêu chí phải bằng 100.", field="criteria")
        existing = set(scheme.assessments.values_list("body_id", flat=True))
        added = [b for b in bodies if b.pk not in existing]
        for body in added:
            assessment = Assessment.objects.create(scheme=scheme, body=body, updated_by=actor)
            CriterionScore.objects.bulk_create(CriterionScore(assessment=assessment, criterion=c) for c in criteria)
        before = scheme.status
        scheme.status = Scheme.Status.OPEN
        scheme.save(update_fields=["status", *bump(scheme)])
        audit_record(
            actor=actor,
            action=Action.ASSESSMENT_OPENED,
            unit=scheme.unit,
            target=scheme,
            before={"status": before},
            after={"status": scheme.status, "bodies": [b.code for b in added]},
        )
    return scheme


def _locked_assessment(assessment: Assessment) -> Assessment:
    return Assessment.objects.select_for_update().select_related("scheme__unit", "body").get(pk=assessment.pk)


def _score_for(criterion: Criterion, raw, *, field: str) -> Decimal | None:
    """A score typed for `criterion`: empty → None; else 0…max, 2 decimals, or an error naming the criterion."""
    if raw is None or str(raw).strip() == "":
        return None
    label = f"Điểm — {criterion.title[:80]}"
    value = _number(raw, label=label, field=field)
    if value < 0 or value > criterion.max_score:
        raise ApplicationError(
            f"“{label}”: điểm phải từ 0 đến {scoring.number_text(criterion.max_score)} "
            f"(đồng chí đã nhập {scoring.number_text(value)}).",
            field=field,
        )
    return value


def self_assessment_save(
    *,
    actor,
    assessment: Assessment,
    values: dict[int, tuple[object, str]],
    uploads: dict[int, list] | None = None,
    submit: bool = False,
    expected_version: str | None = None,
    today: dt.date | None = None,
) -> Assessment:
    """A body saves (and with `submit`, sends) its self-assessment: {criterion id: (score, note)} and evidence
    files per criterion. Corrections are allowed until the Ban has reviewed it; each save is audited with the
    scores before and after. Sending needs a score for every criterion and keeps the system's figures shown."""
    from danvan.core.files import stored_file_from_upload

    if not perms.can_self_assess(actor, assessment):
        raise ApplicationError("Đồng chí không nhập liệu cho đơn vị này.", code="forbidden")
    scores = list(assessment.scores.select_related("criterion"))
    cleaned: dict[int, tuple[Decimal | None, str]] = {}
    for row in scores:
        raw, note = values.get(row.criterion_id, (None, ""))
        cleaned[row.pk] = (_score_for(row.criterion, raw, field=f"score_{row.criterion_id}"), (note or "").strip())
    if submit:
        missing = [row.criterion.title for row in scores if cleaned[row.pk][0] is None]
        if missing:
            raise ApplicationError(
                "Chưa gửi được: còn tiêu chí chưa tự chấm điểm — " + "; ".join(m[:60] for m in missing[:5]) + ".",
                field=f"score_{next(r.criterion_id for r in scores if cleaned[r.pk][0] is None)}",
            )
    files = []
    for criterion_id, items in (uploads or {}).items():
        for upload in items:
            files.append((criterion_id, stored_file_from_upload(upload, actor=actor, field=f"files_{criterion_id}")))
    with transaction.atomic():
        assessment = _locked_assessment(assessment)
        check_version(assessment, expected_version, what="Bản tự đánh giá")
        scheme = assessment.scheme
        if scheme.status != Scheme.Status.OPEN or assessment.status == Assessment.Status.REVIEWED:
            raise ApplicationError("Ban đã thẩm định bản đánh giá này: không sửa được nữa.", code="locked")
        by_criterion = {row.criterion_id: row for row in scores}
        for criterion_id, _stored in files:
            if criterion_id not in by_criterion:
                raise ApplicationError("Tiêu chí này không thuộc bản đánh giá.", field="files")
            if by_criterion[criterion_id].evidence.count() + sum(1 for c, _ in files if c == criterion_id) > (
                MAX_EVIDENCE
            ):
                raise ApplicationError(
                    f"Mỗi tiêu chí tối đa {MAX_EVIDENCE} tệp minh chứng.", field=f"files_{criterion_id}"
                )
        figures = {}
        if submit:
            keys = [row.criterion.measure for row in scores if row.criterion.measure]
            figures = figures_for(
                body=assessment.body, year=scheme.year, keys=keys, today=today or timezone.localdate()
            )
        before, after = {}, {}
        for row in scores:
            score, note = cleaned[row.pk]
            changed = ["self_score"] if row.self_score != score else []
            if row.self_note != note:
                changed.append("self_note")
            figure = figures.get(row.criterion.measure)
            if figure is not None and row.figure != figure.text:
                row.figure = figure.text[:255]
                changed.append("figure")
            if changed:
                before[row.criterion.title[:60]] = scoring.number_text(row.self_score)
                after[row.criterion.title[:60]] = scoring.number_text(score)
                row.self_score, row.self_note = score, note
                row.save(update_fields=changed)
        for criterion_id, stored in files:
            stored.save()
            Evidence.objects.create(score=by_criterion[criterion_id], file=stored)
        assessment.self_total = scoring.total(
            criteria=[r.criterion for r in scores],
            scores={r.criterion_id: cleaned[r.pk][0] for r in scores},
            uses_weights=scheme.uses_weights,
        )
        status_before = assessment.status
        if submit:
            assessment.status = Assessment.Status.SUBMITTED
            assessment.submitted_at = timezone.now()
        assessment.updated_by = actor
        assessment.save(update_fields=["self_total", "status", "submitted_at", "updated_by", *bump(assessment)])
        audit_record(
            actor=actor,
            action=Action.ASSESSMENT_SELF_SAVED,
            unit=assessment.body,
            target=assessment,
            before={"status": status_before, "scores": before},
            after={"status": assessment.status, "scores": after, "self_total": str(assessment.self_total)},
            details={"scheme": scheme.code, "files": [s.name for _c, s in files]},
        )
    return assessment


def review_save(
    *,
    actor,
    assessment: Assessment,
    values: dict[int, tuple[object, str]],
    comment: str = "",
    expected_version: str | None = None,
) -> Assessment:
    """The Ban scores each criterion of a sent self-assessment (or corrects its earlier review). Every criterion
    needs a score; the total and the grade follow from the scheme. Audited with before/after."""
    scheme = assessment.scheme
    _require_runner(actor, scheme)
    scores = list(assessment.scores.select_related("criterion"))
    cleaned = {}
    for row in scores:
        raw, note = values.get(row.criterion_id, (None, ""))
        value = _score_for(row.criterion, raw, field=f"score_{row.criterion_id}")
        if value is None:
            raise ApplicationError(
                f"“Điểm — {row.criterion.title[:80]}”: hãy nhập điểm thẩm định.", field=f"score_{row.criterion_id}"
            )
        cleaned[row.pk] = (value, (note or "").strip())
    with transaction.atomic():
        assessment = _locked_assessment(assessment)
        check_version(assessment, expected_version, what="Bản đánh giá")
        scheme = assessment.scheme
        if scheme.status != Scheme.Status.OPEN:
            raise ApplicationError("Đã ban hành báo cáo: đợt đánh giá đã khóa.", code="locked")
        if assessment.status == Assessment.Status.PENDING:
            raise ApplicationError("Đơn vị chưa gửi bản tự đánh giá: chưa thẩm định được.", code="state")
        before = {
            "total": str(assessment.review_total),
            "grade": assessment.grade,
            "scores": {r.criterion.title[:60]: scoring.number_text(r.review_score) for r in scores},
        }
        for row in scores:
            row.review_score, row.review_note = cleaned[row.pk]
            row.save(update_fields=["review_score", "review_note"])
        assessment.review_total = scoring.total(
            criteria=[r.criterion for r in scores],
            scores={r.criterion_id: cleaned[r.pk][0] for r in scores},
            uses_weights=scheme.uses_weights,
        )
        assessment.grade = scoring.grade_for(scheme, assessment.review_total)
        assessment.review_comment = (comment or "").strip()
        assessment.status = Assessment.Status.REVIEWED
        assessment.reviewed_at = timezone.now()
        assessment.rank = None  # ranks are set again for the whole scheme
        assessment.updated_by = actor
        bump(assessment)
        assessment.save()
        scheme.assessments.exclude(rank=None).update(rank=None)
        audit_record(
            actor=actor,
            action=Action.ASSESSMENT_REVIEWED,
            unit=scheme.unit,
            target=assessment,
            before=before,
            after={
                "total": str(assessment.review_total),
                "grade": assessment.grade,
                "scores": {r.criterion.title[:60]: scoring.number_text(r.review_score) for r in scores},
            },
            details={"scheme": scheme.code, "body": assessment.body.code},
        )
    return assessment


def scheme_rank(*, actor, scheme: Scheme) -> list[Assessment]:
    """Rank the reviewed bodies by the Ban's total (equal totals share a rank); every body must be reviewed."""
    _require_runner(actor, scheme)
    with transaction.atomic():
        scheme = _locked(scheme)
        assessments = list(scheme.assessments.select_related("body"))
        if not assessments:
            raise ApplicationError("Chưa có đơn vị nào được đánh giá.", field="bodies")
        waiting = [a.body.name for a in assessments if a.status != Assessment.Status.REVIEWED]
        if waiting:
            raise ApplicationError(
                "Chưa xếp hạng được: Ban chưa thẩm định " + ", ".join(waiting[:10]) + ".", field="reviews"
            )
        ranked = scoring.ranks([(a.pk, a.review_total) for a in assessments])
        for a in assessments:
            a.rank = ranked[a.pk]
        Assessment.objects.bulk_update(assessments, ["rank"])
        audit_record(
            actor=actor,
            action=Action.ASSESSMENT_RANKED,
            unit=scheme.unit,
            target=scheme,
            after={a.body.code: [a.rank, a.grade, str(a.review_total)] for a in assessments},
        )
    return sorted(assessments, key=lambda a: (a.rank, a.body.name))


def scheme_report_draft(*, actor, scheme: Scheme, today: dt.date):
    """The “Báo cáo kết quả đánh giá …” to the Party committee, put into its draft in the documents app (one per
    scheme); the signer issues it there with the next number of the Ban's BC register, and that closes the scheme
    (scheme_close_after_report)."""
    from danvan.assessments.documents import lower_first, report_docx
    from danvan.documents.generated import generated_draft
    from danvan.documents.heading import issuer_for

    _require_runner(actor, scheme)
    assessments = list(scheme.assessments.select_related("body").order_by("rank", "body__sort_order"))
    if not assessments or any(a.rank is None for a in assessments):
        raise ApplicationError("Hãy thẩm định và xếp hạng tất cả các đơn vị trước khi ban hành báo cáo.", field="rank")
    criteria = list(scheme.criteria.all())
    return generated_draft(
        actor=actor,
        issuer=issuer_for(scheme.unit),
        doc_type_code="BC",
        title=f"Báo cáo kết quả {lower_first(scheme.title)}",
        build=lambda reference: report_docx(
            scheme=scheme, assessments=assessments, criteria=criteria, reference=reference, today=today
        ),
        key=f"assessment:{scheme.code}",
        source_url=f"/danh-gia/{scheme.code}/",
    )


def scheme_close_after_report(*, key: str, actor) -> None:
    """Inside the issuing of the scheme's report (documents.generated.after_issue): its scores are final from here
    on. The document.sent and document.issued events of the same transaction record it."""
    code = key.split(":", 1)[1]
    Scheme.objects.filter(code=code).exclude(status=Scheme.Status.CLOSED).update(
        status=Scheme.Status.CLOSED, version=F("version") + 1, updated_at=timezone.now()
    )


def evidence_open(*, actor, assessment: Assessment, evidence: Evidence):
    """Record that `actor` opened an evidence file of a body's assessment (it may hold minutes and names)."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=Action.ASSESSMENT_EVIDENCE_VIEWED,
            unit=assessment.body,
            target=assessment,
            details={"file": evidence.file.name, "scheme": assessment.scheme.code},
        )
    return evidence.file
