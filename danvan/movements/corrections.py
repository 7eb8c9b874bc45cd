"""Correcting a recorded award (a typo in the title or the decision number, the wrong form or date).

The participant stays: an award given to the wrong unit is a different award. The correction is audited on the
award itself with a reason, so the award's page lists its history.
"""

import datetime

from danvan.audit.corrections import clean_reason, record_correct
from danvan.audit.models import Action
from danvan.core.errors import ApplicationError
from danvan.movements import permissions as perms
from danvan.movements.models import MovementAward


def check_award(*, title: str, form: str, deciding_body: str, decision_number: str, decided_on) -> None:
    """What an award must hold, when it is recorded and when it is corrected (`title` already trimmed)."""
    if not title:
        raise ApplicationError("“Danh hiệu”: bắt buộc, ví dụ “Đảng bộ dân vận khéo”.", field="title")
    if form not in MovementAward.Form.values:
        raise ApplicationError("“Hình thức”: hãy chọn Giấy khen, Bằng khen hoặc Cờ thi đua.", field="form")
    if not (deciding_body or "").strip():
        raise ApplicationError(
            "“Cấp quyết định”: bắt buộc, ví dụ “Ban Thường vụ Thành ủy Bắc Ninh”.", field="deciding_body"
        )
    if not (decision_number or "").strip():
        raise ApplicationError("“Số quyết định”: bắt buộc, ví dụ “125-QĐ/TU”.", field="decision_number")
    if decided_on is None:
        raise ApplicationError("“Ngày quyết định”: bắt buộc (dd/mm/yyyy).", field="decided_on")


def movement_award_correct(
    *,
    actor,
    award: MovementAward,
    reason: str,
    title: str,
    form: str,
    deciding_body: str,
    decision_number: str,
    decided_on: datetime.date | None,
    expected_version: str | None = None,
) -> MovementAward:
    if not perms.can_lead(actor, award.movement):
        raise ApplicationError("Chỉ lãnh đạo đơn vị phát động được sửa khen thưởng.", code="forbidden")
    reason = clean_reason(reason, example="sai số quyết định")
    values = {
        "title": " ".join((title or "").split())[:255],
        "form": form,
        "deciding_body": (deciding_body or "").strip()[:255],
        "decision_number": (decision_number or "").strip()[:64],
        "decided_on": decided_on,
    }
    check_award(**values)

    def not_twice(row, changed):
        twin = (
            MovementAward.objects.filter(
                registration_id=row.registration_id,
                title__iexact=values["title"],
                decision_number__iexact=values["decision_number"],
            )
            .exclude(pk=row.pk)
            .exists()
        )
        if twin:
            raise ApplicationError(
                f"“Danh hiệu”: đơn vị đã được ghi nhận “{values['title']}” theo quyết định "
                f"{values['decision_number']}.",
                field="title",
            )

    return record_correct(
        actor=actor,
        record=award,
        values=values,
        reason=reason,
        what="Khen thưởng này",
        action=Action.MOVEMENT_AWARD_CORRECTED,
        unit=award.registration.unit,
        expected_version=expected_version,
        check=not_twice,
    )
