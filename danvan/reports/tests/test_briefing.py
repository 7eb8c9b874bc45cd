"""The briefing report: numbered per issuer, type and term; opens in LibreOffice; carries the figures and the
sub-units' narratives under each heading."""

import datetime as dt
import io
import shutil
import subprocess

import pytest
from docx import Document

from conftest import make_user
from danvan.core.errors import ApplicationError
from danvan.organisations.models import OrgUnit
from danvan.reports.tests.briefing_helpers import briefing_issue

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("dialogue_figures_typed")]
TODAY = dt.date(2026, 4, 2)


@pytest.fixture
def reported(report, commune_officer_a):
    other = make_user("bo.ha", "officer", "C7294-DU")
    report(
        "C7288-KDV",
        commune_officer_a,
        {"doi_thoai_cuoc": "3", "tuyen_truyen_luot_nguoi": "1250"},
        narratives={
            "ket_qua": "Tổ chức 3 hội nghị đối thoại về giải phóng mặt bằng.",
            "nhiem_vu": "Tiếp tục nắm tình hình nhân dân sau bầu cử.",
            "han_che": "Một số chi hội chưa báo cáo đúng hạn.",
            "kien_nghi": "Đề nghị tập huấn nghiệp vụ cho cán bộ mới.",
        },
    )
    report("C7294-KDV", other, {"doi_thoai_cuoc": "2"}, narratives={"ket_qua": "Xây dựng mô hình dân vận khéo."})


def text_of(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_the_briefing_report_carries_header_number_figures_and_narratives(reported, officer_a, quarterly, q1):
    document = briefing_issue(
        actor=officer_a, unit=OrgUnit.objects.get(code="P24-TU"), form=quarterly, period=q1, today=TODAY
    )
    assert document.reference == "Số 01-BC/BTGDVTU"
    text = text_of(bytes(document.content))
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert "THÀNH ỦY BẮC NINH" in text and "BAN TUYÊN GIÁO VÀ DÂN VẬN" in text
    assert "Bắc Ninh, ngày 02 tháng 04 năm 2026" in text
    assert "BÁO CÁO" in text and "Kết quả công tác dân vận quý I/2026" in text
    assert "1.250" in text  # Vietnamese thousands separator
    assert "Khối dân vận xã Yên Thế: Tổ chức 3 hội nghị đối thoại" in text
    assert "Khối dân vận xã Bố Hạ: Xây dựng mô hình dân vận khéo." in text
    assert "Tiếp tục nắm tình hình nhân dân sau bầu cử." in text
    style = Document(io.BytesIO(bytes(document.content))).styles["Normal"].font
    assert style.name == "Times New Roman" and style.size.pt == 14


def test_numbers_follow_on_within_a_term_and_restart_with_the_next(
    reported, report, commune_officer_a, officer_a, quarterly, q1, q2
):
    from danvan.reports.periods import period_get_or_create

    unit = OrgUnit.objects.get(code="P24-TU")
    # Nothing placeholder-like is issued: each period has a report under every heading.
    every_part = {key: f"Nội dung mục {key}." for key in ("ket_qua", "han_che", "nhiem_vu", "kien_nghi")}
    report("C7288-KDV", commune_officer_a, {"doi_thoai_cuoc": "1"}, period=q2, narratives=every_part)
    first = briefing_issue(actor=officer_a, unit=unit, form=quarterly, period=q1, today=TODAY)
    second = briefing_issue(actor=officer_a, unit=unit, form=quarterly, period=q2, today=TODAY)
    assert (first.number, second.number) == (1, 2)
    # The same report issued again is the same document: it keeps its number.
    again = briefing_issue(actor=officer_a, unit=unit, form=quarterly, period=q1, today=TODAY)
    assert (again.pk, again.number) == (first.pk, 1)
    from danvan.documents.models import PartyTerm

    PartyTerm.objects.filter(label="2025-2030").update(ends_on=dt.date(2030, 9, 30))
    PartyTerm.objects.create(label="2030-2035", starts_on=dt.date(2030, 10, 1))
    q3 = period_get_or_create("quarter", 2030, 3)
    report("C7288-KDV", commune_officer_a, {"doi_thoai_cuoc": "1"}, period=q3, narratives=every_part)
    later = briefing_issue(actor=officer_a, unit=unit, form=quarterly, period=q3, today=dt.date(2030, 11, 1))
    assert later.reference == "Số 01-BC/BTGDVTU"


def test_a_commune_issues_through_its_danvan_bloc(reported, commune_officer_a, quarterly, q1):
    document = briefing_issue(
        actor=commune_officer_a, unit=OrgUnit.objects.get(code="C7288-DU"), form=quarterly, period=q1, today=TODAY
    )
    assert document.reference == "Số 01-BC/KDV"
    assert document.register.issuer.code == "C7288-KDV"


def test_a_reporter_cannot_issue(reported, reporter_a, quarterly, q1):
    with pytest.raises(ApplicationError):
        briefing_issue(
            actor=reporter_a, unit=OrgUnit.objects.get(code="C7288-HND"), form=quarterly, period=q1, today=TODAY
        )


def test_it_opens_in_libreoffice(reported, officer_a, quarterly, q1, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("LibreOffice is missing: scripts/test.sh installs libreoffice-writer-nogui")
    document = briefing_issue(
        actor=officer_a, unit=OrgUnit.objects.get(code="P24-TU"), form=quarterly, period=q1, today=TODAY
    )
    source = tmp_path / "bao-cao.docx"
    source.write_bytes(bytes(document.content))
    subprocess.run(
        [
            soffice,
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
        timeout=180,
    )
    pdf = tmp_path / "bao-cao.pdf"
    assert pdf.exists() and pdf.stat().st_size > 5000
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
        assert "Số 01-BC/BTGDVTU" in text


def test_the_pages_issue_list_and_download(client_for, reported, officer_a, officer_b, quarterly):
    client = client_for(officer_a)
    query = f"?form={quarterly.pk}&period=quarter-2026-1&unit=P24-TU"
    preview = client.get("/bao-cao/van-ban/du-thao.docx" + query)
    assert preview["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessing")
    from danvan.documents.docxpage import draft_marked

    # The draft read offline says "DỰ THẢO" on every page: it never passes for the issued report.
    assert draft_marked(preview.content)
    # The issue button makes the draft; the officer chooses the leader who signs; the leader issues it.
    to_draft = client.post("/bao-cao/van-ban/" + query)
    assert to_draft.status_code == 302 and to_draft["Location"].startswith("/van-ban/")
    leader = make_user("truong.ban", "leader", "P24-TGDV")
    signer = {"signer": leader.username, "capacity": "T/M", "signer_title": "Trưởng ban"}
    assert client.post(to_draft["Location"] + "nguoi-ky/", signer).status_code == 302
    assert client.get("/bao-cao/van-ban/").context["documents"] == []
    assert client_for(leader).post(to_draft["Location"] + "ky-ban-hanh/").status_code == 302
    listing = client.get("/bao-cao/van-ban/")
    document = listing.context["documents"][0]
    download = client.get(f"/bao-cao/van-ban/{document.public_id}.docx")
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment; filename")
    assert preview["Content-Disposition"] == 'attachment; filename="du-thao-bao-cao-quarter-2026-1-P24-TU.docx"'
    assert client_for(officer_b).get(f"/bao-cao/van-ban/{document.public_id}.docx").status_code == 404
