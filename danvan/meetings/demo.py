"""Demo meetings, made through the services as the demo personas. Idempotent: a meeting already there is left alone.

- A past giao ban of the Bắc Ninh Party committee with its conclusions, and its conclusion notice issued through its
  draft: the officer generates it, picks the leader who signs (the title comes from the leader's position), and the
  leader issues it — so the register has a numbered document to read, revoke or replace (issue 14, finding 3).
- Two conferences honouring exemplars (biểu dương điển hình), one of the province and one of xã Yên Thế, where the
  recognised “Dân vận khéo” models are chosen from a list.
"""

import datetime as dt
import zoneinfo

from django.db import transaction

from danvan.accounts.models import User
from danvan.meetings.models import Meeting
from danvan.organisations.models import OrgUnit

HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
BRIEFING_TITLE = "Hội nghị giao ban công tác dân vận quý III năm 2026"
PROVINCE = "P24-TU"
COMMUNE = "C7288-DU"
DRAFTED_ON = dt.date(2026, 10, 12)
ISSUED_ON = dt.date(2026, 10, 14)
CONCLUSIONS = (
    (
        "Các cơ quan, đơn vị tiếp tục triển khai phong trào thi đua “Dân vận khéo” gắn với nhiệm vụ chính trị.",
        None,
        None,
    ),
    (
        "Đảng ủy xã Yên Thế tổng hợp kết quả nắm tình hình nhân dân quý IV năm 2026, báo cáo Ban Tuyên giáo và Dân vận.",
        COMMUNE,
        dt.date(2026, 12, 31),
    ),
)
HONOURING = (
    (PROVINCE, "bn.chuyenvien", "Hội nghị biểu dương điển hình “Dân vận khéo” năm 2026", dt.date(2026, 12, 18)),
    (COMMUNE, "xa.yenthe", "Hội nghị biểu dương điển hình “Dân vận khéo” xã Yên Thế năm 2026", dt.date(2026, 12, 20)),
)


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=HCM)


def _briefing_with_issued_notice(*, officer, leader, units) -> Meeting:
    from danvan.documents import services as documents
    from danvan.documents.generated import document_signer_set
    from danvan.meetings.services import (
        ConclusionInput,
        conclusion_notice_draft,
        meeting_record_outcome,
        meeting_schedule,
    )

    held_on = dt.date(2026, 10, 9)
    meeting = meeting_schedule(
        actor=officer,
        unit=units[PROVINCE],
        kind=Meeting.Kind.BRIEFING,
        title=BRIEFING_TITLE,
        starts_at=_at(held_on, 8),
        ends_at=_at(held_on, 11),
        place="Hội trường Thành ủy Bắc Ninh",
        chairs=[{"name": leader.get_full_name(), "title": "Phó Trưởng ban Tuyên giáo và Dân vận Thành ủy"}],
        invited=[units[COMMUNE]],
    )
    meeting = meeting_record_outcome(
        actor=officer,
        meeting=meeting,
        minutes="Hội nghị nghe báo cáo kết quả công tác dân vận quý III năm 2026 và ý kiến của các đơn vị.",
        conclusions=[ConclusionInput(text, units.get(code), deadline) for text, code, deadline in CONCLUSIONS],
    )
    draft = conclusion_notice_draft(actor=officer, meeting=meeting, today=DRAFTED_ON)
    # No title typed: the block prints the leader's recorded position (“Phó Trưởng ban”), under K/T Trưởng ban.
    draft = document_signer_set(actor=officer, document=draft, signer=leader, signer_title="", capacity="K/T")
    documents.document_sign_issue(actor=leader, document=draft, today=ISSUED_ON)
    return meeting


def demo_meetings_load() -> list[Meeting]:
    """Create the demo meetings that are not there yet; returns those created (none on a second run)."""
    from danvan.meetings.services import meeting_schedule

    units = {u.code: u for u in OrgUnit.objects.filter(code__in=[PROVINCE, COMMUNE])}
    users = {u.username: u for u in User.objects.filter(username__in=["bn.chuyenvien", "bn.lanhdao", "xa.yenthe"])}
    if len(units) != 2 or len(users) != 3:
        return []
    created = []
    with transaction.atomic():
        if not Meeting.objects.filter(unit=units[PROVINCE], title=BRIEFING_TITLE).exists():
            created.append(
                _briefing_with_issued_notice(officer=users["bn.chuyenvien"], leader=users["bn.lanhdao"], units=units)
            )
        for code, username, title, day in HONOURING:
            if Meeting.objects.filter(unit=units[code], title=title).exists():
                continue
            created.append(
                meeting_schedule(
                    actor=users[username],
                    unit=units[code],
                    kind=Meeting.Kind.COMMENDATION,
                    title=title,
                    starts_at=_at(day, 8),
                    ends_at=_at(day, 11),
                    place="Hội trường " + units[code].name,
                )
            )
    return created
