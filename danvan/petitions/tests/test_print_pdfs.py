"""Print-ready PDFs (issue 14, finding 8): the receipt, the transfer slip, the reception register and forms 2a–2d
come out as A4 PDFs with the letterhead of the unit, in the user's scope only, and never name a denouncer. The text
is read back with poppler's pdftotext, as a person would read the paper."""

import datetime as dt
import shutil
import subprocess

import pytest
from django.urls import reverse

from danvan.organisations.models import OrgUnit
from danvan.petitions import services
from danvan.petitions.models import PetitionField, ReceptionSession

from .factories import receive

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is installed by scripts/test.sh"),
]
D = dt.date


def _text(response) -> str:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.startswith(b"%PDF")
    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=body, capture_output=True, check=True)
    return " ".join(out.stdout.decode().split())


def test_the_receipt_names_the_petitioner_under_the_party_letterhead(client_for, commune_officer_a):
    petition = receive(commune_officer_a, unit_code="C7288-DU")
    text = _text(client_for(commune_officer_a).get(reverse("petitions:receipt_pdf", args=[petition.code])))
    assert "PHIẾU TIẾP NHẬN ĐƠN" in text and petition.code in text
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "Nguyễn Văn An" in text
    assert f"ngày {petition.received_on.day:02d} tháng {petition.received_on.month:02d}" in text


def test_a_denunciations_receipt_and_transfer_slip_keep_the_denouncer_confidential(client_for, officer_a):
    petition = receive(officer_a, category="to_cao")
    client = client_for(officer_a)
    text = _text(client.get(reverse("petitions:receipt_pdf", args=[petition.code])))
    assert "Nguyễn Văn An" not in text and "bí mật" in text
    transfer = services.petition_transfer(
        actor=officer_a,
        petition=petition,
        on=D(2026, 3, 4),
        letter_number="26/CV",
        to_unit=None,
        to_body_name="Thanh tra tỉnh Bắc Ninh",
    )
    text = _text(client.get(reverse("petitions:transfer_slip_pdf", args=[petition.code, transfer.pk])))
    assert "PHIẾU CHUYỂN ĐƠN" in text and "Thanh tra tỉnh Bắc Ninh" in text and "Số 26/CV" in text
    assert "Nguyễn Văn An" not in text


def test_papers_outside_the_users_scope_are_not_found(client_for, officer_a, officer_b):
    petition = receive(officer_a)
    response = client_for(officer_b).get(reverse("petitions:receipt_pdf", args=[petition.code]))
    assert response.status_code == 404


def test_the_reception_register_lists_the_periods_sessions(client_for, commune_officer_a):
    unit = OrgUnit.objects.get(code="C7288-DU")
    ReceptionSession.objects.create(
        unit=unit,
        held_on=D(2026, 3, 10),
        leader_name="Trần Văn Bình",
        content="Xin cấp giấy chứng nhận đất",
        field=PetitionField.objects.get(code="dat-dai"),
        citizens="Lê Thị Cúc",
        result="Hướng dẫn nộp hồ sơ",
    )
    ReceptionSession.objects.create(
        unit=unit,
        held_on=D(2026, 5, 10),
        leader_name="Trần Văn Bình",
        content="Ngoài kỳ",
        field=PetitionField.objects.get(code="dat-dai"),
    )
    url = reverse("petitions:reception_register_pdf") + "?unit=C7288-DU&start=01/03/2026&end=31/03/2026"
    text = _text(client_for(commune_officer_a).get(url))
    # Table cells wrap over lines: look for the words.
    assert "SỔ TIẾP CÔNG DÂN" in text and "Cúc" in text and "Hướng dẫn nộp" in text
    assert "Ngoài" not in text


@pytest.mark.parametrize("form_code", ["2a", "2b", "2c", "2d"])
def test_the_statistics_forms_print_with_their_figures(client_for, officer_a, form_code):
    receive(officer_a)
    url = reverse("petitions:stats_form_pdf", args=[form_code]) + "?unit=P24-TU&start=01/03/2026&end=31/03/2026"
    text = _text(client_for(officer_a).get(url))
    assert f"Mẫu số {form_code}" in text and "Thủ trưởng đơn vị".upper() in text.upper()
