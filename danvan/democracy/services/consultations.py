"""Residents are consulted (tham gia ý kiến, Điều 25–29): drafts, comments, answers, the summary."""

import datetime as dt
from decimal import Decimal

from django.db import transaction

from danvan.audit.models import Action
from danvan.audit.services import audit_record, snapshot
from danvan.core.errors import ApplicationError
from danvan.democracy import permissions as perms
from danvan.democracy.models import (
    Base,
    Comment,
    Consultation,
    ConsultationFile,
)
from danvan.democracy.services.common import (
    CONSULTATION_MIN_DAYS,
    _forbidden,
    _publish,
    _stored_files,
    locked_edit,
    rule_value,
)


def consultation_open(
    *,
    actor,
    base: Base,
    title: str,
    opens_on: dt.date | None,
    closes_on: dt.date | None,
    description: str = "",
    uploads=None,
    publish: bool = True,
) -> Consultation:
    """Put a draft out for residents' comments; the comment period is at least the legal minimum (rule data)."""
    if not perms.can_record_for(actor, base):
        raise _forbidden()
    title = " ".join((title or "").split())[:255]
    if not title:
        raise ApplicationError("Tên dự thảo: bắt buộc.", field="title")
    if opens_on is None:
        raise ApplicationError("Ngày bắt đầu lấy ý kiến: bắt buộc (dd/mm/yyyy).", field="opens_on")
    if closes_on is None:
        raise ApplicationError("Ngày kết thúc lấy ý kiến: bắt buộc (dd/mm/yyyy).", field="closes_on")
    minimum = int(rule_value(CONSULTATION_MIN_DAYS, Decimal(30)))
    earliest = opens_on + dt.timedelta(days=minimum - 1)
    if closes_on < earliest:
        raise ApplicationError(
            f"Ngày kết thúc lấy ý kiến: thời gian lấy ý kiến tối thiểu là {minimum} ngày; hãy chọn từ ngày "
            f"{earliest:%d/%m/%Y} trở đi.",
            field="closes_on",
        )
    if publish and not perms.can_publish_for(actor, base):
        publish = False
    stored = _stored_files(uploads, actor=actor, field="files")
    with transaction.atomic():
        consultation = Consultation.objects.create(
            base=base,
            title=title,
            description=(description or "").strip(),
            opens_on=opens_on,
            closes_on=closes_on,
            is_published=publish,
            created_by=actor,
        )
        for f in stored:
            f.save()
            ConsultationFile.objects.create(consultation=consultation, file=f)
        audit_record(
            actor=actor,
            action=Action.CONSULTATION_OPENED,
            unit=base.unit,
            target=consultation,
            after=snapshot(consultation, ["title", "opens_on", "closes_on", "is_published"]),
        )
    return consultation


MAX_COMMENT = 4000


def comment_record(*, actor, consultation: Consultation, channel: str, text: str, author_name: str = "") -> Comment:
    """Record a comment collected at a meeting, in a box or in writing (officials' entry: no moderation)."""
    if not perms.can_record_for(actor, consultation.base):
        raise _forbidden()
    if channel not in Comment.Channel.values or channel == Comment.Channel.PORTAL:
        raise ApplicationError("Kênh góp ý: hãy chọn hội nghị, hòm thư hoặc văn bản.", field="channel")
    text = (text or "").strip()
    if not text:
        raise ApplicationError("Nội dung góp ý: bắt buộc.", field="text")
    if len(text) > MAX_COMMENT:
        raise ApplicationError(f"Nội dung góp ý: tối đa {MAX_COMMENT} ký tự.", field="text")
    with transaction.atomic():
        comment = Comment.objects.create(
            consultation=consultation,
            channel=channel,
            author_name=" ".join((author_name or "").split())[:128],
            text=text,
            moderation=Comment.Moderation.APPROVED,
            recorded_by=actor,
        )
        audit_record(
            actor=actor,
            action=Action.CONSULTATION_COMMENT_ADDED,
            unit=consultation.base.unit,
            target=consultation,
            details={"channel": channel},
        )
    return comment


def comment_moderate(*, actor, comment: Comment, approve: bool) -> Comment:
    """Decide whether a citizen's comment is shown on the portal; audited."""
    consultation = comment.consultation
    if not perms.can_publish_for(actor, consultation.base):
        raise _forbidden("góp ý này")
    with transaction.atomic():
        row = Comment.objects.select_for_update().get(pk=comment.pk)
        before = row.moderation
        row.moderation = Comment.Moderation.APPROVED if approve else Comment.Moderation.REJECTED
        row.save(update_fields=["moderation"])
        audit_record(
            actor=actor,
            action=Action.CONSULTATION_COMMENT_MODERATED,
            unit=consultation.base.unit,
            target=consultation,
            before={"moderation": before},
            after={"moderation": row.moderation, "comment": str(row.public_id)},
        )
    return row


def comment_answer(*, actor, comment: Comment, uptake: str, response: str) -> Comment:
    """How the commune took the comment into account (tiếp thu) or why not (giải trình)."""
    consultation = comment.consultation
    if not perms.can_record_for(actor, consultation.base):
        raise _forbidden()
    if uptake not in Comment.Uptake.values or not uptake:
        raise ApplicationError("Tiếp thu: hãy chọn tiếp thu, tiếp thu một phần hoặc giải trình.", field="uptake")
    response = (response or "").strip()
    if uptake != Comment.Uptake.ACCEPTED and not response:
        raise ApplicationError("Giải trình: bắt buộc khi không tiếp thu toàn bộ góp ý.", field="response")
    return locked_edit(
        actor=actor,
        row=comment,
        fields=["uptake", "response"],
        changes={"uptake": uptake, "response": response[:MAX_COMMENT]},
        action=Action.CONSULTATION_COMMENT_ANSWERED,
        unit=consultation.base.unit,
        target=consultation,
    )


def consultation_summarise(
    *, actor, consultation: Consultation, uptake_summary: str, expected_version=None
) -> Consultation:
    """The commune's summary of how the comments were taken into account; public once the consultation closes."""
    if not perms.can_record_for(actor, consultation.base):
        raise _forbidden()
    return locked_edit(
        actor=actor,
        row=consultation,
        fields=["uptake_summary"],
        changes={"uptake_summary": (uptake_summary or "").strip()},
        action=Action.CONSULTATION_SUMMARISED,
        unit=consultation.base.unit,
        what="Dự thảo lấy ý kiến này",
        expected_version=expected_version,
    )


def consultation_publish(*, actor, consultation: Consultation, publish: bool, note: str = "") -> Consultation:
    return _publish(
        actor=actor,
        model=Consultation,
        row=consultation,
        publish=publish,
        note=note,
        action_on=Action.CONSULTATION_PUBLISHED,
        action_off=Action.CONSULTATION_WITHDRAWN,
        what="dự thảo",
    )
