"""Matters residents decide by household vote (dân bàn và quyết định, Điều 15–24)."""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from danvan.audit.models import Action
from danvan.audit.services import audit_record, snapshot
from danvan.core.errors import ApplicationError
from danvan.democracy import permissions as perms
from danvan.democracy.models import (
    Base,
    Matter,
)
from danvan.democracy.services.common import (
    VOTE_QUORUM,
    VOTE_THRESHOLD,
    _forbidden,
    _publish,
    locked_edit,
    rule_value,
)
from danvan.organisations.models import OrgUnit, OrgUnitClosure


def vote_result(
    *, eligible: int, turnout: int, votes_for: int, quorum_percent: Decimal, threshold_percent: Decimal
) -> str:
    """The outcome, from the figures only: below the quorum nothing is decided; else approved when the votes for
    are strictly more than `threshold_percent` of the eligible households."""
    if eligible <= 0 or turnout * 100 <= quorum_percent * eligible:
        return Matter.Result.NOT_DECIDED
    if votes_for * 100 > threshold_percent * eligible:
        return Matter.Result.APPROVED
    return Matter.Result.REJECTED


def _percent(value, field: str, label: str) -> Decimal:
    if value is None:
        raise ApplicationError(f"{label}: bắt buộc (0–100).", field=field)
    value = Decimal(value)
    if not 0 <= value < 100:
        raise ApplicationError(f"{label}: phải từ 0 đến dưới 100 (%).", field=field)
    return value


def matter_create(
    *,
    actor,
    base: Base,
    title: str,
    subject: str,
    method: str,
    village: OrgUnit | None = None,
    description: str = "",
    quorum_percent=None,
    threshold_percent=None,
) -> Matter:
    """Put a matter to the residents' decision, in one thôn/TDP or the whole commune."""
    if not perms.can_record_for(actor, base):
        raise _forbidden()
    title = " ".join((title or "").split())[:255]
    if not title:
        raise ApplicationError("Nội dung quyết định: bắt buộc.", field="title")
    if subject not in Matter.Subject.values:
        raise ApplicationError("Loại việc: hãy chọn trong danh sách (Điều 15).", field="subject")
    if method not in Matter.Method.values:
        raise ApplicationError("Hình thức quyết định: hãy chọn trong danh sách.", field="method")
    if village is not None and not OrgUnitClosure.objects.filter(ancestor=base.unit, descendant=village).exists():
        raise ApplicationError("Thôn, tổ dân phố: hãy chọn một thôn của xã này, hoặc để trống.", field="village")
    if quorum_percent is None:
        quorum_percent = rule_value(VOTE_QUORUM, Decimal(50))
    if threshold_percent is None:
        threshold_percent = rule_value(VOTE_THRESHOLD, Decimal(50))
    quorum = _percent(quorum_percent, "quorum_percent", "Tỷ lệ tham gia tối thiểu")
    threshold = _percent(threshold_percent, "threshold_percent", "Tỷ lệ tán thành")
    with transaction.atomic():
        matter = Matter.objects.create(
            base=base,
            title=title,
            subject=subject,
            method=method,
            village=village,
            description=(description or "").strip(),
            quorum_percent=quorum,
            threshold_percent=threshold,
            created_by=actor,
        )
        audit_record(
            actor=actor,
            action=Action.MATTER_CREATED,
            unit=base.unit,
            target=matter,
            after={
                **snapshot(matter, ["title", "subject", "method", "village"]),
                "quorum_percent": str(quorum),
                "threshold_percent": str(threshold),
            },
        )
    return matter


VOTE_FIELDS = ["voted_on", "eligible_households", "turnout", "votes_for", "votes_against", "result"]


def matter_vote_record(
    *,
    actor,
    matter: Matter,
    voted_on: dt.date | None,
    eligible_households: int | None,
    turnout: int | None,
    votes_for: int | None,
    votes_against: int | None,
    expected_version=None,
    today: dt.date | None = None,
) -> Matter:
    """Record the household vote's figures; the result is computed from them. Figures that do not add up are
    refused, naming the field."""
    today = today or timezone.localdate()
    if not perms.can_record_for(actor, matter.base):
        raise _forbidden()
    labels = {
        "eligible_households": "Số hộ có quyền tham gia",
        "turnout": "Số hộ tham gia",
        "votes_for": "Số hộ tán thành",
        "votes_against": "Số hộ không tán thành",
    }
    figures = {
        "eligible_households": eligible_households,
        "turnout": turnout,
        "votes_for": votes_for,
        "votes_against": votes_against,
    }
    for name, value in figures.items():
        if value is None:
            raise ApplicationError(f"{labels[name]}: bắt buộc (số nguyên ≥ 0).", field=name)
        if value < 0:
            raise ApplicationError(f"{labels[name]}: không được âm.", field=name)
    if voted_on is None:
        raise ApplicationError("Ngày biểu quyết: bắt buộc (dd/mm/yyyy).", field="voted_on")
    if voted_on > today:
        raise ApplicationError("Ngày biểu quyết: không được sau hôm nay.", field="voted_on")
    if eligible_households == 0:
        raise ApplicationError("Số hộ có quyền tham gia: phải lớn hơn 0.", field="eligible_households")
    if turnout > eligible_households:
        raise ApplicationError(
            f"Số hộ tham gia ({turnout}) lớn hơn số hộ có quyền tham gia ({eligible_households}); hãy kiểm tra lại.",
            field="turnout",
        )
    if votes_for + votes_against > turnout:
        raise ApplicationError(
            f"Số hộ tán thành + không tán thành ({votes_for + votes_against}) lớn hơn số hộ tham gia ({turnout}); "
            f"hãy kiểm tra lại.",
            field="votes_against",
        )
    return locked_edit(
        actor=actor,
        row=matter,
        fields=VOTE_FIELDS,
        changes=lambda row: {
            "voted_on": voted_on,
            "eligible_households": eligible_households,
            "turnout": turnout,
            "votes_for": votes_for,
            "votes_against": votes_against,
            "result": vote_result(
                eligible=eligible_households,
                turnout=turnout,
                votes_for=votes_for,
                quorum_percent=row.quorum_percent,
                threshold_percent=row.threshold_percent,
            ),
        },
        action=Action.MATTER_VOTE_RECORDED,
        unit=matter.base.unit,
        what="Kết quả biểu quyết này",
        expected_version=expected_version,
    )


def matter_publish(*, actor, matter: Matter, publish: bool, note: str = "") -> Matter:
    return _publish(
        actor=actor,
        model=Matter,
        row=matter,
        publish=publish,
        note=note,
        action_on=Action.MATTER_PUBLISHED,
        action_off=Action.MATTER_WITHDRAWN,
        what="kết quả",
    )


def matter_recognise(*, actor, matter: Matter, reference: str, recognised_on: dt.date | None, today=None) -> Matter:
    """The commune recognises an approved result (công nhận kết quả): its decision's reference and date."""
    today = today or timezone.localdate()
    if not perms.can_publish_for(actor, matter.base):
        raise _forbidden("việc công nhận kết quả của cơ sở này")
    reference = " ".join((reference or "").split())[:128]
    if not reference:
        raise ApplicationError("Số, ký hiệu quyết định công nhận: bắt buộc, ví dụ 25/QĐ-UBND.", field="reference")
    if recognised_on is None:
        raise ApplicationError("Ngày công nhận: bắt buộc (dd/mm/yyyy).", field="recognised_on")

    def recognition(row):
        # Checked on the locked row: a vote corrected meanwhile changes what may be recognised.
        if row.result != Matter.Result.APPROVED:
            raise ApplicationError(
                "Công nhận kết quả: chỉ công nhận khi nội dung đã được thông qua; hãy nhập kết quả biểu quyết trước.",
                field="reference",
            )
        if row.voted_on and recognised_on < row.voted_on:
            raise ApplicationError(
                f"Ngày công nhận: không được trước ngày biểu quyết ({row.voted_on:%d/%m/%Y}).", field="recognised_on"
            )
        return {"recognised_on": recognised_on, "recognition_reference": reference}

    if recognised_on > today:
        raise ApplicationError("Ngày công nhận: không được sau hôm nay.", field="recognised_on")
    return locked_edit(
        actor=actor,
        row=matter,
        fields=["recognised_on", "recognition_reference"],
        changes=recognition,
        action=Action.MATTER_RECOGNISED,
        unit=matter.base.unit,
    )
