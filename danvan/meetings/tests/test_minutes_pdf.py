"""The meeting's minutes print as a PDF (issue 14, finding 8): the letterhead, time and place, chairs, the
attendance with its figures, the conclusions in order, and the signatures; only for those who may read it."""

import datetime as dt
import shutil
import subprocess
import zoneinfo

import pytest
from django.urls import reverse

from danvan.meetings.services import ConclusionInput, meeting_record_outcome, meeting_schedule
from danvan.organisations.models import OrgUnit

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is installed by scripts/test.sh"),
]
HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def test_the_minutes_print_with_the_conclusions_and_the_attendance(client_for, officer_a, officer_b):
    unit = OrgUnit.objects.get(code="P24-TU")
    meeting = meeting_schedule(
        actor=officer_a,
        unit=unit,
        kind="giao_ban",
        title="Hội nghị giao ban công tác dân vận quý I/2026",
        starts_at=dt.datetime(2026, 3, 19, 8, tzinfo=HCM),
        ends_at=dt.datetime(2026, 3, 19, 11, 30, tzinfo=HCM),
        place="Hội trường Tỉnh ủy",
        chairs=[{"name": "Phạm Văn Thịnh", "title": "Trưởng Ban Tuyên giáo và Dân vận"}],
        invited=[OrgUnit.objects.get(code="P24-MTTQ")],
    )
    meeting_record_outcome(
        actor=officer_a,
        meeting=meeting,
        minutes="Các đại biểu thảo luận về công tác nắm tình hình.",
        conclusions=[ConclusionInput("Tập trung nắm tình hình nhân dân sau bầu cử", None, None)],
        attendance=[(None, "Điểm cầu xã Yên Thế", 1250)],
    )
    url = reverse("meetings:minutes_pdf", args=[meeting.public_id])
    response = client_for(officer_a).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    out = subprocess.run(["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True)
    text = " ".join(out.stdout.decode().split())
    assert "BIÊN BẢN" in text and "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert "từ 08 giờ 00 đến 11 giờ 30, ngày 19/03/2026" in text
    assert "đồng chí Phạm Văn Thịnh" in text and "1.250 người" in text
    assert "1. Tập trung nắm tình hình nhân dân sau bầu cử" in text
    assert client_for(officer_b).get(url).status_code == 404
