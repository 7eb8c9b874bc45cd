"""The Word report upload on the report entry page: read, shown for correction, saved only when the officer saves."""

import io
from pathlib import Path

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.audit.models import AuditEvent
from danvan.core.submissions import TOKEN_FIELD, new_form_token
from danvan.core.tests import crafted
from danvan.reports.models import Submission

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("dialogue_figures_typed")]

URL = "/bao-cao/nhap/{form}/quarter-2026-1/{unit}/"
SAMPLE = (
    Path(__file__).resolve().parents[2] / "ingest" / "tests" / "fixtures" / "wordreports" / "sample_commune_q1.docx"
)


def upload(client, url, content, name="bao-cao-quy-1.docx", follow=False):
    file = SimpleUploadedFile(name, content)
    return client.post(url + "bao-cao-word/", {"file": file, TOKEN_FIELD: new_form_token()}, follow=follow)


def messages_of(page) -> str:
    return " ".join(str(m) for m in page.context["messages"])


def test_the_entry_page_offers_the_word_upload(client_for, commune_officer_a, quarterly):
    page = client_for(commune_officer_a).get(URL.format(form=quarterly.pk, unit="C7288-KDV")).content.decode()
    assert "bao-cao-word/" in page and 'accept=".docx"' in page


def test_an_uploaded_report_is_shown_for_correction_and_nothing_is_saved(client_for, commune_officer_a, quarterly):
    client = client_for(commune_officer_a)
    page = upload(client, URL.format(form=quarterly.pk, unit="C7288-KDV"), SAMPLE.read_bytes())
    assert page.status_code == 200
    form = page.context["entry_form"]
    assert form["v_tuyen_truyen_hoi_nghi"].value() == "12"
    assert form["v_tuyen_truyen_luot_nguoi"].value() == "1.460"
    assert form["v_doi_thoai_ty_le_gq"].value() == "88,2"
    assert form["n_han_che"].value().startswith("Việc nắm tình hình ở một số thôn còn chậm")
    html = page.content.decode()
    assert "đã giải quyết 15 kiến nghị" in html  # the sentence beside the proposed figure
    assert f'action="{URL.format(form=quarterly.pk, unit="C7288-KDV")}"' in html
    assert not Submission.objects.exists()
    assert not AuditEvent.objects.filter(target_type="reports.submission").exists()


def test_the_corrected_proposal_is_saved_through_the_entry_page(client_for, commune_officer_a, quarterly):
    client = client_for(commune_officer_a)
    url = URL.format(form=quarterly.pk, unit="C7288-KDV")
    form = upload(client, url, SAMPLE.read_bytes()).context["entry_form"]
    data = _as_posted(form)
    data["v_tuyen_truyen_hoi_nghi"] = "13"  # the officer corrects one figure
    token = new_form_token()
    saved = client.post(url, {**data, "save": "1", TOKEN_FIELD: token})
    assert saved.status_code == 302
    submission = Submission.objects.get(unit__code="C7288-KDV")
    values = dict(submission.values.values_list("indicator__code", "value"))
    assert values["tuyen_truyen_hoi_nghi"] == 13 and values["doi_thoai_kien_nghi_gq"] == 15
    assert submission.narratives.get(key="kien_nghi").text.startswith("Đề nghị Ban Dân vận cấp trên")
    assert AuditEvent.objects.filter(target_type="reports.submission", target_id=str(submission.public_id)).exists()
    # The same form sent again (a double click) writes nothing more.
    again = client.post(url, {**data, "save": "1", TOKEN_FIELD: token})
    assert again.status_code == 302
    submission.refresh_from_db()
    assert submission.version == 1


def test_a_proposal_over_a_draft_changed_meanwhile_is_refused_by_the_lock(client_for, commune_officer_a, quarterly):
    client = client_for(commune_officer_a)
    url = URL.format(form=quarterly.pk, unit="C7288-KDV")
    form = upload(client, url, SAMPLE.read_bytes()).context["entry_form"]
    data = _as_posted(form)
    client.post(url, {"version": "0", "v_tuyen_truyen_hoi_nghi": "4"})  # a colleague saves first
    page = client.post(url, {**data, "save": "1"})
    assert page.status_code == 200 and page.context["entry_form"].non_field_errors()
    value = Submission.objects.get().values.get(indicator__code="tuyen_truyen_hoi_nghi").value
    assert value == 4


def _as_posted(form) -> dict[str, str]:
    """The preview form as the browser sends it back (system-filled indicators are not sent)."""
    values = {name: form[name].value() for name in form.fields if not form.fields[name].disabled}
    return {name: "" if value is None else str(value) for name, value in values.items()}


def _docx(paragraphs):
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("content", "name", "words"),
    [
        (b"Ngay 1/1 to chuc hoi nghi", "bao-cao.txt", "chỉ nhận báo cáo Word dạng .docx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "bao-cao.doc", "chỉ nhận báo cáo Word dạng .docx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "bao-cao.docx", "có mật khẩu"),
        ("<html><body><nav>Trang chủ</nav></body></html>".encode(), "trang.docx", "không phải tệp Word (.docx) hợp lệ"),
        (crafted.docx_unpacking_to(80 * crafted.MiB), "bao-cao.docx", "khi giải nén"),
        (b"PK" + b"\x00" * (6 * 1024 * 1024), "bao-cao.docx", "lớn hơn 5 MB"),
        (
            _docx(["Công thức nấu phở bò: xương ống 2 kg, bánh phở 1 kg, hành, gừng."]),
            "pho.docx",
            "không thấy nội dung",
        ),
    ],
    ids=["text-file", "old-doc", "encrypted", "html-renamed", "zip-bomb", "huge", "unrelated"],
)
def test_bad_input_gets_a_clear_message_and_saves_nothing(
    client_for, commune_officer_a, quarterly, content, name, words
):
    client = client_for(commune_officer_a)
    page = upload(client, URL.format(form=quarterly.pk, unit="C7288-KDV"), content, name=name, follow=True)
    assert page.status_code == 200
    assert words in messages_of(page)
    assert not Submission.objects.exists()


def test_another_provinces_officer_cannot_upload(client_for, officer_b, quarterly):
    page = upload(client_for(officer_b), URL.format(form=quarterly.pk, unit="C7288-KDV"), SAMPLE.read_bytes())
    assert page.status_code == 404


def test_a_submitted_report_takes_no_word_upload(client_for, report, commune_officer_a, quarterly):
    report("C7288-KDV", commune_officer_a, {"tuyen_truyen_hoi_nghi": "2"})
    page = upload(client_for(commune_officer_a), URL.format(form=quarterly.pk, unit="C7288-KDV"), SAMPLE.read_bytes())
    assert page.status_code == 404
