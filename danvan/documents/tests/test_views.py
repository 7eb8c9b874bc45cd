import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.documents.models import Document, IncomingDocument
from danvan.documents.tests.factories import TODAY, people, plan, to_signer
from danvan.workplans.models import Task

pytestmark = pytest.mark.django_db


def _post(client, url, data, page_url=None):
    page = client.get(page_url or url).content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', page)
    if token:
        data = {**data, "form_token": token.group(1)}
    return client.post(url, data)


def test_a_plan_is_drafted_from_the_template_through_the_form(client):
    drafter, head, signer = people()
    client.force_login(drafter)
    url = reverse("documents:new") + "?mau=plan"
    response = _post(
        client,
        url,
        {
            "issuer": "P24-TGDV",
            "doc_type": "KH",
            "title": "Tổ chức Tháng Dân vận năm 2027",
            "s_purpose": "Phát huy sức mạnh khối đại đoàn kết.",
            "s_content": "Ra quân đồng loạt.",
            "s_organisation": "Các xã triển khai.",
            "reviewer": "head.a",
            "signer": "chief.a",
            "signer_title": "Trưởng ban",
            "capacity": "T/M",
            "communes_of": "P24-TU",
            "tasks__unit": [""],
            "tasks__title": ["Tổ chức ra quân"],
            "tasks__deadline": ["15/10/2027"],
        },
    )
    document = Document.objects.get()
    assert response.status_code == 302 and response.url == reverse("documents:detail", args=[document.public_id])
    assert document.signer == signer and document.tasks.strip() == "| Tổ chức ra quân | 15/10/2027"
    page = client.get(response.url).content.decode()
    assert "Ra quân đồng loạt." in page and 'name="step" value="review"' in page


def test_an_upload_that_is_not_docx_or_pdf_is_refused_with_the_field_named(client):
    drafter, _head, _signer = people()
    client.force_login(drafter)
    url = reverse("documents:new") + "?mau=tep"
    response = _post(
        client,
        url,
        {
            "issuer": "P24-TGDV",
            "doc_type": "CV",
            "title": "Về việc tổ chức hội nghị",
            "file": SimpleUploadedFile("du-thao.xlsx", b"PK\x03\x04 not really", content_type="application/zip"),
        },
    )
    assert response.status_code == 200 and "Tệp dự thảo: chỉ nhận tệp DOCX hoặc PDF" in response.content.decode()
    assert Document.objects.count() == 0


def test_a_draft_from_a_docx_upload_keeps_its_text_as_a_version(client):
    import io

    from docx import Document as Docx

    drafter, _head, _signer = people()
    client.force_login(drafter)
    buffer = io.BytesIO()
    docx = Docx()
    docx.add_paragraph("Kính gửi các đảng ủy xã.")
    docx.save(buffer)
    response = _post(
        client,
        reverse("documents:new") + "?mau=tep",
        {
            "issuer": "P24-TGDV",
            "doc_type": "CV",
            "title": "Về việc tổ chức hội nghị",
            "file": SimpleUploadedFile("du-thao.docx", buffer.getvalue()),
        },
    )
    assert response.status_code == 302
    version = Document.objects.get().versions.get()
    assert version.text == "Kính gửi các đảng ủy xã." and version.file.name == "du-thao.docx"


def test_compare_shows_what_changed_between_versions(client):
    from danvan.documents import services
    from danvan.documents.tests.factories import PLAN_FIELDS

    drafter, head, signer = people()
    document = plan(drafter, head, signer)
    services.document_revise(
        actor=drafter,
        document=document,
        title=document.title,
        fields={**PLAN_FIELDS, "content": "Ra quân đồng loạt ngày 15/10."},
        reviewer=head,
        signer=signer,
        signer_title="Trưởng ban",
        capacity="T/M",
        recipients_spec=document.recipients_spec,
        tasks=document.tasks,
    )
    client.force_login(head)
    page = client.get(reverse("documents:compare", args=[document.public_id])).content.decode()
    assert "Ra quân đồng loạt ngày 15/10." in page and "Biểu dương mô hình Dân vận khéo." in page


def test_a_commune_sees_the_document_in_its_inbox_and_acknowledges(client, commune_officer_a):
    from danvan.documents import services

    drafter, head, signer = people()
    document = services.document_sign_issue(
        actor=signer, document=to_signer(plan(drafter, head, signer), drafter, head), today=TODAY
    )
    client.force_login(commune_officer_a)
    inbox = client.get(reverse("core:inbox")).content.decode()
    assert "Số 01-KH/BTGDVTU" in inbox
    response = client.post(reverse("documents:acknowledge", args=[document.public_id]))
    assert response.status_code == 302
    assert document.recipients.get(unit__code="C7288-DU").acknowledged_by == commune_officer_a


def test_someone_outside_the_province_gets_404(client, officer_b):
    drafter, head, signer = people()
    document = plan(drafter, head, signer)
    client.force_login(officer_b)
    assert client.get(reverse("documents:detail", args=[document.public_id])).status_code == 404


def test_an_incoming_letter_is_registered_with_the_instruction_and_assigned(client, officer_a):
    client.force_login(officer_a)
    response = _post(
        client,
        reverse("documents:incoming_new"),
        {
            "unit": "P24-TGDV",
            "reference": "Số 1234/BNV-CQĐP",
            "dated": "01/12/2026",
            "arrived_on": "03/12/2026",
            "issuing_body": "Bộ Nội vụ",
            "summary": "Về việc báo cáo tình hình thực hiện dân chủ ở cơ sở",
            "instruction": "Giao Phòng Dân vận chủ trì, báo cáo trước 20/12.",
            "assignees": "C7288-DU",
            "deadline": "20/12/2026",
        },
    )
    incoming = IncomingDocument.objects.get()
    assert response.status_code == 302 and incoming.arrival_number == 1
    task = Task.objects.get(assignee__code="C7288-DU")
    assert "1234/BNV-CQĐP" in task.title and task.deadline.isoformat() == "2026-12-20"
    found = client.get(reverse("documents:index") + "?q=dan chu co so").content.decode()
    assert "Bộ Nội vụ" in found


def test_the_registers_download_as_xlsx(client):
    import io

    from openpyxl import load_workbook

    from danvan.documents import services
    from danvan.documents.numbering import document_issue
    from danvan.organisations.models import OrgUnit

    drafter, head, signer = people()
    # A briefing report issued before, by the reports app: the same register, listed in the same book.
    document_issue(
        actor=signer,
        issuer=OrgUnit.objects.get(code="P24-TGDV"),
        doc_type="BC",
        title="Kết quả công tác dân vận quý IV năm 2026",
        build=lambda reference: b"docx",
        today=TODAY,
        key="briefing",
    )
    services.document_sign_issue(
        actor=signer, document=to_signer(plan(drafter, head, signer, tasks=""), drafter, head), today=TODAY
    )
    client.force_login(signer)
    response = client.get(reverse("documents:register", args=["di"]) + "?unit=P24-TGDV&nam=2026")
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == ["Số 01-BC/BTGDVTU", "Số 01-KH/BTGDVTU"] and rows[2][1] == "05/12/2026"
