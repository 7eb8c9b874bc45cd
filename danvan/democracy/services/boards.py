"""Ban Thanh tra nhân dân and Ban Giám sát đầu tư của cộng đồng: boards, members, findings, answers."""

import datetime as dt

from django.db import models, transaction
from django.utils import timezone

from danvan.audit.models import Action
from danvan.audit.services import audit_record, snapshot
from danvan.core.errors import ApplicationError
from danvan.democracy import permissions as perms
from danvan.democracy.models import (
    Base,
    Board,
    BoardMember,
    Finding,
)
from danvan.democracy.services.common import (
    _forbidden,
    locked_edit,
)
from danvan.organisations.models import OrgUnit, OrgUnitClosure


def board_create(
    *, actor, base: Base, kind: str, term_start: dt.date | None, term_end: dt.date | None = None, project: str = ""
) -> Board:
    """Set up a board. A commune has one Ban TTND at a time: a second whose term overlaps is refused."""
    if not perms.can_record_for(actor, base):
        raise _forbidden()
    if kind not in Board.Kind.values:
        raise ApplicationError(
            "Loại ban: hãy chọn Ban Thanh tra nhân dân hoặc Ban Giám sát đầu tư của cộng đồng.", field="kind"
        )
    project = " ".join((project or "").split())[:255]
    if kind == Board.Kind.INVESTMENT and not project:
        raise ApplicationError(
            "Công trình, dự án giám sát: bắt buộc với Ban Giám sát đầu tư của cộng đồng.", field="project"
        )
    if term_start is None:
        raise ApplicationError("Nhiệm kỳ từ ngày: bắt buộc (dd/mm/yyyy).", field="term_start")
    if term_end is not None and term_end < term_start:
        raise ApplicationError(
            f"Nhiệm kỳ đến ngày: không được trước ngày bắt đầu ({term_start:%d/%m/%Y}).", field="term_end"
        )
    with transaction.atomic():
        if kind == Board.Kind.INSPECTION:
            overlapping = (
                Board.objects.select_for_update()
                .filter(base=base, kind=kind)
                .filter(models.Q(term_end__isnull=True) | models.Q(term_end__gte=term_start))
            )
            if term_end is not None:
                overlapping = overlapping.filter(term_start__lte=term_end)
            if overlapping.exists():
                raise ApplicationError(
                    "Nhiệm kỳ: mỗi xã chỉ có một Ban Thanh tra nhân dân; nhiệm kỳ này trùng với ban hiện có.",
                    field="term_start",
                )
        board = Board.objects.create(
            base=base, kind=kind, project=project, term_start=term_start, term_end=term_end, created_by=actor
        )
        audit_record(
            actor=actor,
            action=Action.BOARD_CREATED,
            unit=base.unit,
            target=board,
            after=snapshot(board, ["kind", "project", "term_start", "term_end"]),
        )
    return board


def board_member_add(
    *, actor, board: Board, full_name: str, position: str = "", village: OrgUnit | None = None, start_date=None
) -> BoardMember:
    if not perms.can_record_for(actor, board.base):
        raise _forbidden()
    name = " ".join((full_name or "").split())[:128]
    if not name:
        raise ApplicationError("Họ và tên thành viên: bắt buộc.", field="full_name")
    if village is not None and not OrgUnitClosure.objects.filter(ancestor=board.base.unit, descendant=village).exists():
        raise ApplicationError("Thôn, tổ dân phố: hãy chọn một thôn của xã này, hoặc để trống.", field="village")
    start_date = start_date or board.term_start
    with transaction.atomic():
        member = BoardMember.objects.create(
            board=board,
            full_name=name,
            position=" ".join((position or "").split())[:64] or "Thành viên",
            village=village,
            start_date=start_date,
        )
        audit_record(
            actor=actor, action=Action.BOARD_MEMBER_ADDED, unit=board.base.unit, target=board, after={"member": name}
        )
    return member


def board_member_end(*, actor, member: BoardMember, end_date: dt.date | None) -> BoardMember:
    board = member.board
    if not perms.can_record_for(actor, board.base):
        raise _forbidden()
    if end_date is None or end_date < member.start_date:
        raise ApplicationError(
            f"Ngày thôi làm thành viên: bắt buộc, không trước {member.start_date:%d/%m/%Y}.", field="end_date"
        )
    with transaction.atomic():
        member.end_date = end_date
        member.save(update_fields=["end_date"])
        audit_record(
            actor=actor,
            action=Action.BOARD_MEMBER_ENDED,
            unit=board.base.unit,
            target=board,
            after={"member": member.full_name, "end_date": end_date.isoformat()},
        )
    return member


def finding_record(
    *,
    actor,
    board: Board,
    subject: str,
    found_on: dt.date | None,
    finding: str,
    recommendation: str = "",
    publish: bool = False,
    today=None,
) -> Finding:
    today = today or timezone.localdate()
    if not perms.can_record_for(actor, board.base):
        raise _forbidden()
    subject = " ".join((subject or "").split())[:255]
    if not subject:
        raise ApplicationError("Công trình, nội dung giám sát: bắt buộc.", field="subject")
    if found_on is None or found_on > today:
        raise ApplicationError("Ngày giám sát: bắt buộc, không sau hôm nay (dd/mm/yyyy).", field="found_on")
    finding = (finding or "").strip()
    if not finding:
        raise ApplicationError("Kết quả giám sát: bắt buộc.", field="finding")
    if publish and not perms.can_publish_for(actor, board.base):
        publish = False
    with transaction.atomic():
        row = Finding.objects.create(
            board=board,
            subject=subject,
            found_on=found_on,
            finding=finding,
            recommendation=(recommendation or "").strip(),
            is_published=publish,
            created_by=actor,
        )
        audit_record(
            actor=actor,
            action=Action.FINDING_RECORDED,
            unit=board.base.unit,
            target=row,
            after=snapshot(row, ["subject", "found_on", "is_published"]),
        )
    return row


def finding_answer(
    *, actor, finding: Finding, answer: str, answered_on: dt.date | None, is_resolved: bool, today=None
) -> Finding:
    """The commune's answer to a board's recommendation, and whether it was resolved."""
    today = today or timezone.localdate()
    if not perms.can_record_for(actor, finding.board.base):
        raise _forbidden()
    answer = (answer or "").strip()
    if not answer:
        raise ApplicationError("Nội dung trả lời: bắt buộc.", field="answer")
    if answered_on is None or answered_on > today or answered_on < finding.found_on:
        raise ApplicationError(
            f"Ngày trả lời: bắt buộc, từ {finding.found_on:%d/%m/%Y} đến hôm nay (dd/mm/yyyy).", field="answered_on"
        )
    return locked_edit(
        actor=actor,
        row=finding,
        fields=["answer", "answered_on", "is_resolved"],
        changes={"answer": answer, "answered_on": answered_on, "is_resolved": bool(is_resolved)},
        action=Action.FINDING_ANSWERED,
        unit=finding.board.base.unit,
    )
