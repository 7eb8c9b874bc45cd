import io
import shutil
import subprocess

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from danvan.audit.models import Action, AuditEvent
from danvan.contests import services
from danvan.contests.tests.factories import ready, score_all
from danvan.documents.models import IssuedDocument


@pytest.fixture
def awarded(commune_officer_a, officer_a):
    contest, round, parts, teams, _ = ready(
        commune_officer_a,
        judges=[(officer_a, "P24-TGDV")],
        prize_first=1,
        prize_second=1,
        prize_third=1,
        basis="Căn cứ Kế hoạch số 15-KH/ĐU ngày 02/3/2026 của Đảng ủy xã Yên Thế",
    )
    for n, team in enumerate(teams):
        score_all(round, officer_a, team, [str(10 - n), "20", "20,5"])
    services.contest_prizes_award(actor=commune_officer_a, contest=contest)
    return contest, teams


def test_the_xlsx_has_the_standings_and_every_judges_marks(client_for, awarded, officer_a):
    contest, teams = awarded
    response = client_for(officer_a).get(reverse("contests:export", args=[contest.code]))
    assert response.status_code == 200 and response["Content-Disposition"].endswith(f'ket-qua-{contest.code}.xlsx"')
    book = load_workbook(io.BytesIO(response.content))
    standings, marks = book.worksheets
    assert standings.title == "Xếp hạng" and marks.title == "Điểm từng giám khảo"
    rows = list(standings.iter_rows(values_only=True))
    assert rows[0][:5] == ("Vòng thi", "Hạng", "Số bốc thăm", "Đội thi", "Đơn vị")
    assert rows[1][5] == "Chào hỏi (tối đa 10, hệ số 1)" and rows[1][7] == "Xử lý tình huống (tối đa 30, hệ số 2)"
    # First: 10 + 20 + 20.5 × 2 = 71.
    assert rows[2] == (
        "Vòng chung kết",
        1,
        1,
        teams[0].name,
        "Ủy ban MTTQ Việt Nam xã Yên Thế",
        10,
        20,
        20.5,
        71,
        "Giải Nhất",
    )
    assert rows[5][1] == 4 and rows[5][9] in ("", None)
    marks_rows = list(marks.iter_rows(values_only=True))
    assert marks_rows[0] == ("Vòng thi", "Phần thi", "Giám khảo", "Đơn vị của giám khảo", "Đội thi", "Điểm")
    assert len(marks_rows) == 1 + 4 * 3
    assert marks_rows[1] == (
        "Vòng chung kết",
        "Chào hỏi",
        officer_a.get_full_name(),
        "Ban Tuyên giáo và Dân vận Thành ủy Bắc Ninh",
        teams[0].name,
        10,
    )


def _text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def test_a_team_member_gets_the_standings_but_not_each_judges_marks(client_for, awarded, reporter_a):
    contest, _teams = awarded
    response = client_for(reporter_a).get(reverse("contests:export", args=[contest.code]))
    assert response.status_code == 200
    assert [sheet.title for sheet in load_workbook(io.BytesIO(response.content)).worksheets] == ["Xếp hạng"]


def test_the_numbered_decision_is_in_party_format_with_the_prize_table(
    client_for, awarded, commune_officer_a, tmp_path
):
    contest, teams = awarded
    draft = client_for(commune_officer_a).post(reverse("contests:decision", args=[contest.code]))
    assert draft.status_code == 302 and draft["Location"].startswith("/van-ban/")
    from danvan.documents.tests.factories import issue_through_pages

    assert issue_through_pages(client_for, commune_officer_a, draft["Location"]).status_code == 302
    response = client_for(commune_officer_a).get(draft["Location"] + "tep.docx")
    assert response.status_code == 200
    text = _text(response.content)
    for expected in (
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "ĐẢNG ỦY XÃ YÊN THẾ",
        "KHỐI DÂN VẬN XÃ YÊN THẾ",
        "Số 01-QĐ/KDV",
        "Bắc Ninh, ngày",
        "QUYẾT ĐỊNH",
        f"về việc trao giải {contest.name}",
        "Căn cứ Quy định số 23-QĐ/TW ngày 30/7/2021 của Bộ Chính trị",
        "Căn cứ Kế hoạch số 15-KH/ĐU ngày 02/3/2026 của Đảng ủy xã Yên Thế;",
        "QUYẾT ĐỊNH:",
        f"Điều 1. Trao giải {contest.name} cho các tập thể sau:",
        f"1 | Giải Nhất | {teams[0].name} | Ủy ban MTTQ Việt Nam xã Yên Thế | 71",
        f"3 | Giải Ba | {teams[2].name} | Hội Liên hiệp Phụ nữ xã Yên Thế | 69",
        "Điều 2.",
        "Điều 3. Quyết định có hiệu lực kể từ ngày ký.",
        "Nơi nhận:",
        "- Như Điều 3,",
        "T/M KHỐI DÂN VẬN XÃ YÊN THẾ",
    ):
        assert expected in text, expected
    assert IssuedDocument.objects.get().reference == "Số 01-QĐ/KDV"
    assert AuditEvent.objects.filter(action=Action.DOCUMENT_ISSUED).count() == 1
    if shutil.which("soffice") is None:
        return  # the PDF conversion is checked where LibreOffice is installed
    source = tmp_path / "quyet-dinh.docx"
    source.write_bytes(response.content)
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert (tmp_path / "quyet-dinh.pdf").read_bytes()[:5] == b"%PDF-"


def test_the_draft_decision_has_no_number_and_needs_prizes(client_for, commune_officer_a, awarded):
    contest, teams = awarded
    c = client_for(commune_officer_a)
    # A GET never makes a file: before the draft exists it leads back to the contest, then to the draft's page.
    response = c.get(reverse("contests:decision", args=[contest.code]))
    assert response.status_code == 302 and response["Location"] == reverse("contests:detail", args=[contest.code])
    drafted = c.post(reverse("contests:decision", args=[contest.code]))
    assert drafted.status_code == 302 and drafted["Location"].startswith("/van-ban/")
    response = c.get(reverse("contests:decision", args=[contest.code]))
    assert response.status_code == 302 and response["Location"] == drafted["Location"]
    assert "Số     -QĐ/" in c.get(drafted["Location"]).content.decode()
    assert not IssuedDocument.objects.exists()
    contest.prizes.all().delete()
    response = c.post(reverse("contests:decision", args=[contest.code]))
    assert response.status_code == 302 and not IssuedDocument.objects.exists()
