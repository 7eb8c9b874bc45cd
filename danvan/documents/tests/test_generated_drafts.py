"""A generated document (here the conclusion notice) goes through one draft: the issue button makes it (once per
meeting), the page shows the real DOCX as HTML with no number, an officer picks the signer among the issuing
body's leaders, and only the signer (or a delegate) issues it, with the name and title in the signature block."""

import datetime as dt
import io

import pytest
from django.contrib.messages import get_messages
from docx import Document as Docx

from conftest import make_user
from danvan.audit.models import Action, AuditEvent
from danvan.core.errors import ApplicationError
from danvan.core.submissions import TOKEN_FIELD, new_form_token
from danvan.documents import generated, services
from danvan.documents.models import Document, IssuedDocument
from danvan.documents.tests.generated_factories import held_meeting
from danvan.meetings.services import conclusion_notice_draft

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 20)


def _text(content: bytes) -> str:
    document = Docx(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join(parts)


@pytest.fixture
def chief(db):
    return make_user("truong.ban", "leader", "P24-TGDV")


def test_the_issue_button_makes_one_draft_with_a_preview_and_takes_no_number(client_for, officer_a):
    meeting = held_meeting(officer_a)
    client = client_for(officer_a)
    url = f"/hoi-nghi/{meeting.public_id}/thong-bao-ket-luan/"
    first = client.post(url, {TOKEN_FIELD: new_form_token()})
    second = client.post(url, {TOKEN_FIELD: new_form_token()})
    assert first["Location"] == second["Location"] and first["Location"].startswith("/van-ban/")
    assert Document.objects.filter(source_key=f"meeting:{meeting.public_id}").count() == 1
    assert IssuedDocument.objects.count() == 0
    page = client.get(first["Location"]).content.decode()
    # The preview is the DOCX itself: header table, number left blank, the title and the conclusion.
    assert "data-docx-preview" in page
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in page and "Số     -TB/BTGDVTU" in page
    assert "1. Tổng kết mô hình Dân vận khéo năm 2026." in page
    assert "data-signer-form" in page
    assert AuditEvent.objects.filter(action=Action.DOCUMENT_DRAFT_GENERATED).count() == 2


def test_the_signer_is_picked_among_the_leaders_of_the_issuing_body(client_for, officer_a, chief, officer_b):
    draft = conclusion_notice_draft(actor=officer_a, meeting=held_meeting(officer_a), today=TODAY)
    client = client_for(officer_a)
    found = client.get(f"/van-ban/{draft.public_id}/nguoi-ky/tim/?q=truong").json()["results"]
    assert [r["code"] for r in found] == ["truong.ban"]
    assert client.get(f"/van-ban/{draft.public_id}/nguoi-ky/tim/?q=officer").json()["results"] == []
    with pytest.raises(ApplicationError) as refused:
        generated.document_signer_set(
            actor=officer_a, document=draft, signer=officer_a, signer_title="Chuyên viên", capacity="T/M"
        )
    assert refused.value.field == "signer"
    response = client.post(
        f"/van-ban/{draft.public_id}/nguoi-ky/",
        {"signer": "officer.b", "capacity": "K/T", "signer_title": "Phó Trưởng ban", TOKEN_FIELD: new_form_token()},
        follow=True,
    )
    assert "Người ký: hãy chọn một lãnh đạo của" in response.content.decode()
    draft.refresh_from_db()
    assert draft.signer is None and draft.status == Document.Status.DRAFT
    client.post(
        f"/van-ban/{draft.public_id}/nguoi-ky/",
        {"signer": "truong.ban", "capacity": "K/T", "signer_title": "Phó Trưởng ban", TOKEN_FIELD: new_form_token()},
    )
    draft.refresh_from_db()
    assert (draft.signer, draft.capacity, draft.status) == (chief, "K/T", Document.Status.SIGNING)
    event = AuditEvent.objects.get(action=Action.DOCUMENT_SIGNER_CHOSEN)
    assert event.actor == officer_a and event.after["title"] == "Phó Trưởng ban"
    # The preview now shows the signature block as it will be printed.
    page = client.get(f"/van-ban/{draft.public_id}/").content.decode()
    assert "K/T TRƯỞNG BAN" in page and "PHÓ TRƯỞNG BAN" in page and chief.get_full_name() in page


def test_only_the_signer_issues_and_the_block_carries_name_and_title(client_for, officer_a, chief):
    draft = conclusion_notice_draft(actor=officer_a, meeting=held_meeting(officer_a), today=TODAY)
    generated.document_signer_set(
        actor=officer_a, document=draft, signer=chief, signer_title="Trưởng ban", capacity="T/M"
    )
    refused = client_for(officer_a).post(f"/van-ban/{draft.public_id}/ky-ban-hanh/", {TOKEN_FIELD: new_form_token()})
    assert refused.status_code == 302 and IssuedDocument.objects.count() == 0
    response = client_for(chief).post(
        f"/van-ban/{draft.public_id}/ky-ban-hanh/", {TOKEN_FIELD: new_form_token()}, follow=True
    )
    flash = [str(m) for m in get_messages(response.wsgi_request)] or [response.content.decode()]
    issued = IssuedDocument.objects.get()
    assert issued.reference == "Số 01-TB/BTGDVTU"
    # The flash names the number once ("số 01-TB/…"), never "số Số 01-TB/…".
    page = response.content.decode()
    assert "01-TB/BTGDVTU" in page and "Số Số" not in page and "số Số" not in page, flash
    text = _text(bytes(issued.content))
    assert "Số 01-TB/BTGDVTU" in text and "Số     -" not in text
    assert "T/M BAN TUYÊN GIÁO VÀ DÂN VẬN" in text and "TRƯỞNG BAN" in text and chief.get_full_name() in text
    assert "(Ký, ghi rõ họ tên)" not in text
    # The meeting's button now leads to the issued document and takes no other number.
    again = conclusion_notice_draft(actor=officer_a, meeting=draft_meeting(draft), today=TODAY)
    assert again.pk == draft.pk and IssuedDocument.objects.count() == 1


def draft_meeting(draft):
    from danvan.meetings.models import Meeting

    return Meeting.objects.get(public_id=draft.source_key.split(":", 1)[1])


def test_a_document_with_placeholders_is_refused_naming_what_is_missing(
    officer_a, chief, leader_a, commune_officer_a, dialogue_figures_typed
):
    """A unit's text that still holds a fill-in mark ("[...]") reaches the synthesis: issuing names it."""
    from danvan.organisations.models import OrgUnit
    from danvan.reports.briefing import briefing_draft
    from danvan.reports.models import ReportForm
    from danvan.reports.periods import period_get_or_create
    from danvan.reports.services import report_save_draft, report_submit

    form = ReportForm.objects.get(code="dan-van-quy")
    period = period_get_or_create("quarter", 2026, 1)
    submission = report_save_draft(
        actor=commune_officer_a,
        form=form,
        period=period,
        unit=OrgUnit.objects.get(code="C7288-KDV"),
        values={"doi_thoai_cuoc": "2"},
        narratives={"ket_qua": "Tổ chức 2 hội nghị đối thoại; số người dự [...] sẽ bổ sung."},
        expected_version=0,
    )
    report_submit(actor=commune_officer_a, submission=submission)
    draft = briefing_draft(
        actor=officer_a, unit=OrgUnit.objects.get(code="P24-TU"), form=form, period=period, today=TODAY
    )
    generated.document_signer_set(
        actor=officer_a, document=draft, signer=chief, signer_title="Trưởng ban", capacity="T/M"
    )
    with pytest.raises(ApplicationError) as refused:
        services.document_sign_issue(actor=chief, document=Document.objects.get(pk=draft.pk), today=TODAY)
    message = refused.value.message
    assert "[...]" in message and "Kết quả công tác" in message
    assert IssuedDocument.objects.count() == 0


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (["I. KẾT QUẢ", "Đã làm được nhiều việc."], []),
        (["I. KẾT QUẢ", "Kết quả: …"], ["…"]),
        (["I. KẾT QUẢ", "Họ tên: ................"], ["…"]),
        (["I. KẾT QUẢ", "…"], ["…"]),
        # An ellipsis in running text is writing, not a gap.
        (["I. KẾT QUẢ", "Các xã, phường… đều đã báo cáo."], []),
        (["I. KẾT QUẢ", "Số liệu [...] sẽ bổ sung."], ["[...]"]),
        (["I. KẾT QUẢ", "II. HẠN CHẾ", "Còn chậm."], ["I. KẾT QUẢ"]),
        (["I. KẾT QUẢ", "1. Số liệu", "Đủ.", "2. Nhận xét"], ["2. Nhận xét"]),
    ],
)
def test_gaps_finds_placeholders_and_empty_sections(body, expected):
    from danvan.documents.docxpage import gaps
    from danvan.reports.documents import Header, add_paragraph, add_signature, document_bytes, open_party_document

    document = open_party_document(
        Header(superior="Thành ủy Bắc Ninh", issuer="Ban", reference="Số 01-BC/X", place="Bắc Ninh", date=TODAY)
    )
    for line in body:
        heading = line.split(".")[0] in ("I", "II", "1", "2")
        add_paragraph(document, line, bold=heading)
    add_signature(document, "T/M BAN", ["Lưu"])
    found = [g.what or g.where for g in gaps(document_bytes(document))]
    # The unsigned block's "(Ký, ghi rõ họ tên)" is a gap too, until the signer's name is stamped in.
    assert [f for f in found if f != "(Ký, ghi rõ họ tên)"] == expected


def test_a_draft_is_marked_as_such_in_its_preview_and_its_download_but_not_once_issued(client_for, officer_a, chief):
    from danvan.documents.docxpage import draft_marked

    draft = conclusion_notice_draft(actor=officer_a, meeting=held_meeting(officer_a), today=TODAY)
    client = client_for(officer_a)
    page = client.get(f"/van-ban/{draft.public_id}/").content.decode()
    assert "data-draft-mark" in page
    download = client.get(f"/van-ban/{draft.public_id}/ban/1/")
    assert download.status_code == 200 and "du-thao" in download["Content-Disposition"]
    assert draft_marked(download.content)
    generated.document_signer_set(
        actor=officer_a, document=draft, signer=chief, signer_title="Trưởng ban", capacity="T/M"
    )
    services.document_sign_issue(actor=chief, document=Document.objects.get(pk=draft.pk), today=TODAY)
    assert "data-draft-mark" not in client.get(f"/van-ban/{draft.public_id}/").content.decode()
    issued = client.get(f"/van-ban/{draft.public_id}/tep.docx")
    assert issued.status_code == 200 and not draft_marked(issued.content)


def test_the_preview_keeps_the_signature_space_unsigned_and_the_issued_copy_says_signed(officer_a, chief):
    draft = conclusion_notice_draft(actor=officer_a, meeting=held_meeting(officer_a), today=TODAY)
    generated.document_signer_set(
        actor=officer_a, document=draft, signer=chief, signer_title="Trưởng ban", capacity="T/M"
    )
    preview = _text(generated.preview_content(Document.objects.get(pk=draft.pk)))
    assert "TRƯỞNG BAN" in preview and "(Đã ký)" not in preview
    services.document_sign_issue(actor=chief, document=Document.objects.get(pk=draft.pk), today=TODAY)
    issued = _text(generated.preview_content(Document.objects.get(pk=draft.pk)))
    assert "(Đã ký)" in issued and "TRƯỞNG BAN" in issued
