"""Writes of social supervision and critique. Each function runs in one transaction and writes one audit event;
corrections lock the row (core.locking) and record before and after."""

import datetime as dt

from django.db import IntegrityError, transaction

from danvan.audit.models import Action
from danvan.audit.services import audit_record
from danvan.core.errors import ApplicationError
from danvan.core.locking import check_version
from danvan.core.sequences import next_in_sequence
from danvan.organisations.models import OrgUnit
from danvan.oversight import permissions as perms
from danvan.oversight.models import (
    Critique,
    Implementation,
    Method,
    Opinion,
    Programme,
    Recommendation,
    Response,
    SubjectKind,
    Supervision,
)


def province_of(unit: OrgUnit) -> OrgUnit | None:
    """The top province-level unit above `unit` (the province's Party committee), or None at the centre."""
    return (
        OrgUnit.objects.filter(descendant_links__descendant=unit, level=OrgUnit.Level.PROVINCE)
        .order_by("depth")
        .first()
    )


def _d(value) -> str:
    return f"{value:%d/%m/%Y}" if value else ""


def _require_body(actor, unit: OrgUnit | None) -> None:
    if unit is None:
        raise ApplicationError("Chưa chọn cơ quan thực hiện: gõ tên Ủy ban MTTQ hoặc tổ chức rồi chọn.", field="unit")
    if not perms.can_record_for(actor, unit):
        raise ApplicationError(
            "Chỉ Ủy ban MTTQ và các tổ chức chính trị - xã hội trong phạm vi của đồng chí mới ghi được: chọn lại "
            "cơ quan thực hiện.",
            field="unit",
        )


# Programmes ---------------------------------------------------------------------------------------------------


def _validate_programme(*, year, title) -> None:
    if not year or not 2000 <= int(year) <= 2100:
        raise ApplicationError("Năm của chương trình không hợp lệ: chọn năm trong danh sách.", field="year")
    if not title.strip():
        raise ApplicationError("Chưa ghi tên chương trình giám sát.", field="title")


def programme_create(*, actor, unit: OrgUnit | None, year: int, title: str, content: str = "") -> Programme:
    """Record a body's supervision programme for a year (one per body and year)."""
    _require_body(actor, unit)
    _validate_programme(year=year, title=title)
    with transaction.atomic():
        if Programme.objects.filter(unit=unit, year=year).exists():
            raise ApplicationError(
                f"{unit.name} đã có chương trình giám sát năm {year}: mở chương trình đó để sửa.", field="year"
            )
        try:
            with transaction.atomic():
                programme = Programme.objects.create(
                    code=next_in_sequence(prefix="CG", year=int(year)),
                    unit=unit,
                    province=province_of(unit),
                    year=year,
                    title=title.strip(),
                    content=content.strip(),
                    created_by=actor,
                )
        except IntegrityError:
            raise ApplicationError(
                f"Vừa có người ghi chương trình giám sát năm {year} của {unit.name}.", field="year"
            ) from None
        audit_record(
            actor=actor, action=Action.OVERSIGHT_PROGRAMME_CREATED, unit=unit, target=programme, details={"year": year}
        )
    return programme


def programme_update(
    *, actor, programme: Programme, title: str, content: str = "", expected_version: str | None = None
) -> Programme:
    """Correct a programme's title and content (the body and the year stay)."""
    if not perms.can_record_for(actor, programme.unit):
        raise ApplicationError("Đồng chí không có quyền sửa chương trình này.")
    _validate_programme(year=programme.year, title=title)
    with transaction.atomic():
        programme = Programme.objects.select_for_update(of=("self",)).get(pk=programme.pk)
        check_version(programme, expected_version, what=f"Chương trình {programme.code}")
        before = {"title": programme.title, "content": programme.content}
        programme.title, programme.content, programme.updated_by = title.strip(), content.strip(), actor
        programme.save()
        audit_record(
            actor=actor,
            action=Action.OVERSIGHT_PROGRAMME_UPDATED,
            unit=programme.unit,
            target=programme,
            before=before,
            after={"title": programme.title, "content": programme.content},
        )
    return programme


# Supervisions -------------------------------------------------------------------------------------------------


def _validate_supervision(*, unit, programme, subject_kind, subject, method, board, supervised_unit, start, end):
    if programme is not None and programme.unit_id != unit.pk:
        raise ApplicationError(
            "Chương trình đã chọn là của cơ quan khác: chọn chương trình của cơ quan thực hiện, hoặc để trống.",
            field="programme",
        )
    if subject_kind not in SubjectKind.values:
        raise ApplicationError("Chưa chọn loại nội dung giám sát.", field="subject_kind")
    if not subject.strip():
        raise ApplicationError("Chưa ghi nội dung giám sát (chính sách, cơ quan hay dự án nào).", field="subject")
    if method not in Method.values:
        raise ApplicationError("Chưa chọn hình thức giám sát.", field="method")
    if method == Method.BOARDS and board is None:
        raise ApplicationError(
            "Giám sát thông qua Ban TTND, Ban GSĐTCĐ cần chọn ban thực hiện trong danh sách.", field="board"
        )
    if supervised_unit is None:
        raise ApplicationError("Chưa chọn cơ quan được giám sát: gõ tên rồi chọn.", field="supervised_unit")
    if not perms.in_area(unit, supervised_unit):
        raise ApplicationError(
            f"{supervised_unit.name} không thuộc địa bàn của {unit.name}: chọn cơ quan cùng cấp hoặc cấp dưới.",
            field="supervised_unit",
        )
    if board is not None and not perms.in_area(unit, board.base.unit):
        raise ApplicationError("Ban đã chọn không thuộc địa bàn của cơ quan thực hiện.", field="board")
    if start is None:
        raise ApplicationError("Chưa ghi ngày bắt đầu giám sát (dd/mm/yyyy).", field="start_date")
    if end is not None and end < start:
        raise ApplicationError("Ngày kết thúc không thể trước ngày bắt đầu.", field="end_date")


def supervision_create(
    *,
    actor,
    unit: OrgUnit | None,
    subject_kind: str,
    subject: str,
    method: str,
    supervised_unit: OrgUnit | None,
    start_date: dt.date | None,
    end_date: dt.date | None = None,
    findings: str = "",
    programme: Programme | None = None,
    board=None,
) -> Supervision:
    """Record a supervision of the Front or an organisation."""
    _require_body(actor, unit)
    if method != Method.BOARDS:
        board = None
    _validate_supervision(
        unit=unit,
        programme=programme,
        subject_kind=subject_kind,
        subject=subject,
        method=method,
        board=board,
        supervised_unit=supervised_unit,
        start=start_date,
        end=end_date,
    )
    with transaction.atomic():
        supervision = Supervision.objects.create(
            code=next_in_sequence(prefix="GS", year=start_date.year),
            programme=programme,
            unit=unit,
            province=province_of(unit),
            subject_kind=subject_kind,
            subject=subject.strip(),
            method=method,
            board=board,
            supervised_unit=supervised_unit,
            start_date=start_date,
            end_date=end_date,
            findings=findings.strip(),
            created_by=actor,
        )
        audit_record(
            actor=actor,
            action=Action.SUPERVISION_RECORDED,
            unit=unit,
            target=supervision,
            details={"supervised": supervised_unit.code, "method": method},
        )
    return supervision


def _supervision_state(s: Supervision) -> dict:
    return {
        "programme": s.programme.code if s.programme_id else "",
        "subject_kind": s.subject_kind,
        "subject": s.subject,
        "method": s.method,
        "board": s.board_id,
        "supervised_unit": s.supervised_unit.code,
        "start_date": _d(s.start_date),
        "end_date": _d(s.end_date),
        "findings": s.findings,
    }


def supervision_update(
    *,
    actor,
    supervision: Supervision,
    subject_kind: str,
    subject: str,
    method: str,
    supervised_unit: OrgUnit | None,
    start_date: dt.date | None,
    end_date: dt.date | None = None,
    findings: str = "",
    programme: Programme | None = None,
    board=None,
    expected_version: str | None = None,
) -> Supervision:
    """Correct a supervision (its findings are usually added here once it ends). The body stays."""
    if not perms.can_edit_supervision(actor, supervision):
        raise ApplicationError("Đồng chí không có quyền sửa cuộc giám sát này.")
    if method != Method.BOARDS:
        board = None
    _validate_supervision(
        unit=supervision.unit,
        programme=programme,
        subject_kind=subject_kind,
        subject=subject,
        method=method,
        board=board,
        supervised_unit=supervised_unit,
        start=start_date,
        end=end_date,
    )
    with transaction.atomic():
        supervision = (
            Supervision.objects.select_for_update(of=("self",))
            .select_related("unit", "programme", "supervised_unit", "updated_by")
            .get(pk=supervision.pk)
        )
        check_version(supervision, expected_version, what=f"Cuộc giám sát {supervision.code}")
        before = _supervision_state(supervision)
        supervision.programme = programme
        supervision.subject_kind = subject_kind
        supervision.subject = subject.strip()
        supervision.method = method
        supervision.board = board
        supervision.supervised_unit = supervised_unit
        supervision.start_date = start_date
        supervision.end_date = end_date
        supervision.findings = findings.strip()
        supervision.updated_by = actor
        supervision.save()
        audit_record(
            actor=actor,
            action=Action.SUPERVISION_UPDATED,
            unit=supervision.unit,
            target=supervision,
            before=before,
            after=_supervision_state(supervision),
        )
    return supervision


# Recommendations ----------------------------------------------------------------------------------------------


def _validate_recommendation(*, supervision, content, responsible_unit, deadline) -> None:
    if not content.strip():
        raise ApplicationError("Chưa ghi nội dung kiến nghị.", field="content")
    if responsible_unit is None:
        raise ApplicationError("Chưa chọn cơ quan phải trả lời kiến nghị: gõ tên rồi chọn.", field="responsible_unit")
    if not perms.in_area(supervision.unit, responsible_unit):
        raise ApplicationError(
            f"{responsible_unit.name} không thuộc địa bàn của {supervision.unit.name}: chọn cơ quan cùng cấp hoặc "
            "cấp dưới.",
            field="responsible_unit",
        )
    if deadline is None:
        raise ApplicationError("Chưa ghi hạn trả lời (dd/mm/yyyy).", field="deadline")
    if deadline < supervision.start_date:
        raise ApplicationError(
            f"Hạn trả lời không thể trước ngày bắt đầu giám sát ({supervision.start_date:%d/%m/%Y}).", field="deadline"
        )


def recommendation_add(
    *, actor, supervision: Supervision, content: str, responsible_unit: OrgUnit | None, deadline: dt.date | None
) -> Recommendation:
    """Add a recommendation to a supervision: what, to which body, answered by when."""
    if not perms.can_edit_supervision(actor, supervision):
        raise ApplicationError("Đồng chí không có quyền ghi kiến nghị cho cuộc giám sát này.")
    _validate_recommendation(
        supervision=supervision, content=content, responsible_unit=responsible_unit, deadline=deadline
    )
    with transaction.atomic():
        recommendation = Recommendation.objects.create(
            code=next_in_sequence(prefix="KN", year=supervision.start_date.year),
            supervision=supervision,
            province=supervision.province,
            content=content.strip(),
            responsible_unit=responsible_unit,
            deadline=deadline,
            created_by=actor,
        )
        audit_record(
            actor=actor,
            action=Action.RECOMMENDATION_MADE,
            unit=supervision.unit,
            target=recommendation,
            details={"supervision": supervision.code, "to": responsible_unit.code, "deadline": _d(deadline)},
        )
    return recommendation


def _recommendation_state(r: Recommendation) -> dict:
    return {
        "content": r.content,
        "responsible_unit": r.responsible_unit.code,
        "deadline": _d(r.deadline),
        "answer": r.answer,
        "answered_by": r.answered_by_unit.code if r.answered_by_unit_id else "",
        "answered_on": _d(r.answered_on),
        "implementation": r.implementation,
    }


def recommendation_update(
    *,
    actor,
    recommendation: Recommendation,
    content: str,
    responsible_unit: OrgUnit | None,
    deadline: dt.date | None,
    expected_version: str | None = None,
) -> Recommendation:
    """Correct a recommendation's text, the body that must answer or its deadline."""
    supervision = recommendation.supervision
    if not perms.can_edit_supervision(actor, supervision):
        raise ApplicationError("Đồng chí không có quyền sửa kiến nghị này.")
    _validate_recommendation(
        supervision=supervision, content=content, responsible_unit=responsible_unit, deadline=deadline
    )
    with transaction.atomic():
        rec = (
            Recommendation.objects.select_for_update(of=("self",))
            .select_related("responsible_unit", "answered_by_unit", "updated_by")
            .get(pk=recommendation.pk)
        )
        check_version(rec, expected_version, what=f"Kiến nghị {rec.code}")
        before = _recommendation_state(rec)
        rec.content, rec.responsible_unit, rec.deadline, rec.updated_by = (
            content.strip(),
            responsible_unit,
            deadline,
            actor,
        )
        rec.save()
        audit_record(
            actor=actor,
            action=Action.RECOMMENDATION_UPDATED,
            unit=supervision.unit,
            target=rec,
            before=before,
            after=_recommendation_state(rec),
        )
    return rec


def recommendation_answer(
    *,
    actor,
    recommendation: Recommendation,
    answer: str,
    answered_by: OrgUnit | None,
    answered_on: dt.date | None,
    implementation: str = Implementation.PENDING,
    expected_version: str | None = None,
) -> Recommendation:
    """Record (or correct) the answer to a recommendation, the body that gave it, and whether it was carried out.
    An answer without the body that gave it is refused."""
    if not perms.can_answer(actor, recommendation):
        raise ApplicationError("Đồng chí không có quyền ghi câu trả lời cho kiến nghị này.")
    if not answer.strip():
        raise ApplicationError("Chưa ghi nội dung trả lời.", field="answer")
    if answered_by is None:
        raise ApplicationError(
            "Chưa chọn cơ quan đã trả lời: gõ tên cơ quan (ví dụ UBND xã) rồi chọn.", field="answered_by"
        )
    if answered_on is None:
        raise ApplicationError("Chưa ghi ngày trả lời (dd/mm/yyyy).", field="answered_on")
    if answered_on < recommendation.supervision.start_date:
        raise ApplicationError("Ngày trả lời không thể trước ngày bắt đầu giám sát.", field="answered_on")
    if implementation not in Implementation.values:
        raise ApplicationError("Chưa chọn kết quả thực hiện kiến nghị.", field="implementation")
    with transaction.atomic():
        rec = (
            Recommendation.objects.select_for_update(of=("self",))
            .select_related("responsible_unit", "answered_by_unit", "updated_by")
            .get(pk=recommendation.pk)
        )
        check_version(rec, expected_version, what=f"Kiến nghị {rec.code}")
        before = _recommendation_state(rec)
        rec.answer = answer.strip()
        rec.answered_by_unit = answered_by
        rec.answered_on = answered_on
        rec.implementation = implementation
        rec.updated_by = actor
        rec.save()
        audit_record(
            actor=actor,
            action=Action.RECOMMENDATION_ANSWERED,
            unit=rec.responsible_unit,
            target=rec,
            before=before,
            after=_recommendation_state(rec),
        )
    return rec


# Critiques ----------------------------------------------------------------------------------------------------


def _validate_critique(*, unit, title, drafting_unit, received_on, conference_on) -> None:
    if not title.strip():
        raise ApplicationError("Chưa ghi tên dự thảo chính sách, đề án được phản biện.", field="title")
    if drafting_unit is None:
        raise ApplicationError("Chưa chọn cơ quan soạn thảo, gửi phản biện: gõ tên rồi chọn.", field="drafting_unit")
    if not perms.in_area(unit, drafting_unit):
        raise ApplicationError(
            f"{drafting_unit.name} không thuộc địa bàn của {unit.name}: chọn cơ quan cùng cấp hoặc cấp dưới.",
            field="drafting_unit",
        )
    if received_on is None:
        raise ApplicationError("Chưa ghi ngày nhận dự thảo (dd/mm/yyyy).", field="received_on")
    if conference_on is not None and conference_on < received_on:
        raise ApplicationError("Ngày hội nghị phản biện không thể trước ngày nhận dự thảo.", field="conference_on")


def critique_create(
    *,
    actor,
    unit: OrgUnit | None,
    title: str,
    drafting_unit: OrgUnit | None,
    received_on: dt.date | None,
    conference_on: dt.date | None = None,
    conference_place: str = "",
    conference_summary: str = "",
) -> Critique:
    """Record a draft sent to the Front for critique, and the conference if it has been held."""
    _require_body(actor, unit)
    _validate_critique(
        unit=unit, title=title, drafting_unit=drafting_unit, received_on=received_on, conference_on=conference_on
    )
    with transaction.atomic():
        critique = Critique.objects.create(
            code=next_in_sequence(prefix="PB", year=received_on.year),
            unit=unit,
            province=province_of(unit),
            title=title.strip(),
            drafting_unit=drafting_unit,
            received_on=received_on,
            conference_on=conference_on,
            conference_place=conference_place.strip(),
            conference_summary=conference_summary.strip(),
            created_by=actor,
        )
        audit_record(
            actor=actor,
            action=Action.CRITIQUE_RECORDED,
            unit=unit,
            target=critique,
            details={"drafting_unit": drafting_unit.code},
        )
    return critique


def _critique_state(c: Critique) -> dict:
    return {
        "title": c.title,
        "drafting_unit": c.drafting_unit.code,
        "received_on": _d(c.received_on),
        "conference_on": _d(c.conference_on),
        "conference_place": c.conference_place,
        "conference_summary": c.conference_summary,
    }


def critique_update(
    *,
    actor,
    critique: Critique,
    title: str,
    drafting_unit: OrgUnit | None,
    received_on: dt.date | None,
    conference_on: dt.date | None = None,
    conference_place: str = "",
    conference_summary: str = "",
    expected_version: str | None = None,
) -> Critique:
    """Correct a critique, or add the conference once held."""
    if not perms.can_edit_critique(actor, critique):
        raise ApplicationError("Đồng chí không có quyền sửa hồ sơ phản biện này.")
    _validate_critique(
        unit=critique.unit,
        title=title,
        drafting_unit=drafting_unit,
        received_on=received_on,
        conference_on=conference_on,
    )
    with transaction.atomic():
        critique = (
            Critique.objects.select_for_update(of=("self",))
            .select_related("drafting_unit", "updated_by")
            .get(pk=critique.pk)
        )
        check_version(critique, expected_version, what=f"Hồ sơ phản biện {critique.code}")
        before = _critique_state(critique)
        critique.title = title.strip()
        critique.drafting_unit = drafting_unit
        critique.received_on = received_on
        critique.conference_on = conference_on
        critique.conference_place = conference_place.strip()
        critique.conference_summary = conference_summary.strip()
        critique.updated_by = actor
        critique.save()
        audit_record(
            actor=actor,
            action=Action.CRITIQUE_UPDATED,
            unit=critique.unit,
            target=critique,
            before=before,
            after=_critique_state(critique),
        )
    return critique


def opinion_add(*, actor, critique: Critique, content: str) -> Opinion:
    """Add an opinion given in the critique."""
    if not perms.can_edit_critique(actor, critique):
        raise ApplicationError("Đồng chí không có quyền ghi ý kiến phản biện này.")
    if not content.strip():
        raise ApplicationError("Chưa ghi nội dung ý kiến phản biện.", field="content")
    with transaction.atomic():
        opinion = Opinion.objects.create(
            code=next_in_sequence(prefix="YK", year=critique.received_on.year),
            critique=critique,
            content=content.strip(),
            created_by=actor,
        )
        audit_record(actor=actor, action=Action.CRITIQUE_OPINION_ADDED, unit=critique.unit, target=opinion, details={})
    return opinion


def opinion_update(
    *,
    actor,
    opinion: Opinion,
    content: str,
    response: str,
    response_note: str = "",
    responded_on: dt.date | None = None,
    expected_version: str | None = None,
) -> Opinion:
    """Correct an opinion and record the drafting body's response: accepted, or not accepted and explained."""
    critique = opinion.critique
    if not perms.can_respond(actor, critique):
        raise ApplicationError("Đồng chí không có quyền sửa ý kiến này.")
    if not content.strip():
        raise ApplicationError("Chưa ghi nội dung ý kiến phản biện.", field="content")
    if response not in Response.values:
        raise ApplicationError("Chưa chọn cách tiếp thu ý kiến.", field="response")
    if response == Response.EXPLAINED and not response_note.strip():
        raise ApplicationError(
            "Ý kiến không được tiếp thu cần ghi lời giải trình của cơ quan soạn thảo.", field="response_note"
        )
    if response != Response.PENDING and responded_on is None:
        raise ApplicationError("Chưa ghi ngày cơ quan soạn thảo trả lời (dd/mm/yyyy).", field="responded_on")
    if response == Response.PENDING:
        responded_on = None
    with transaction.atomic():
        row = Opinion.objects.select_for_update(of=("self",)).get(pk=opinion.pk)
        check_version(row, expected_version, what=f"Ý kiến {row.code}")
        before = {
            "content": row.content,
            "response": row.response,
            "note": row.response_note,
            "on": _d(row.responded_on),
        }
        row.content = content.strip()
        row.response = response
        row.response_note = response_note.strip()
        row.responded_on = responded_on
        row.updated_by = actor
        row.save()
        audit_record(
            actor=actor,
            action=Action.CRITIQUE_OPINION_UPDATED,
            unit=critique.unit,
            target=row,
            before=before,
            after={"content": row.content, "response": response, "note": row.response_note, "on": _d(responded_on)},
        )
    return row
