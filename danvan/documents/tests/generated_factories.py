import datetime as dt
import zoneinfo

from danvan.meetings.services import ConclusionInput, meeting_record_outcome, meeting_schedule
from danvan.organisations.models import OrgUnit

HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def held_meeting(officer, unit_code: str = "P24-TU", conclusions=("Tổng kết mô hình Dân vận khéo năm 2026.",)):
    """A held briefing meeting with its conclusions, ready for its notice."""
    meeting = meeting_schedule(
        actor=officer,
        unit=OrgUnit.objects.get(code=unit_code),
        kind="giao_ban",
        title="Hội nghị giao ban công tác dân vận quý I/2026",
        starts_at=dt.datetime(2026, 3, 19, 8, tzinfo=HCM),
        ends_at=dt.datetime(2026, 3, 19, 11, tzinfo=HCM),
        chairs=[{"name": "Phạm Văn Thịnh", "title": "Trưởng Ban"}],
    )
    return meeting_record_outcome(
        actor=officer,
        meeting=meeting,
        minutes="Biên bản hội nghị.",
        conclusions=[ConclusionInput(text, None, None) for text in conclusions],
    )
