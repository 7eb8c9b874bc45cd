"""The issue's "bad input" list through the pages (the services' own refusals are in test_document_sign_issue.py):
each is refused with a Vietnamese message naming the field and the fix, never a 500, and nothing is written — no
draft, no number, no incoming entry, no task."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.audit.models import AuditEvent
from danvan.documents.models import Document, DocumentRegister, IncomingDocument, IssuedDocument
from danvan.documents.tests.factories import people, plan
from danvan.documents.tests.test_views import _post
from danvan.workplans.models import Task

pytestmark = pytest.mark.django_db

PLAN = {
    "issuer": "P24-TGDV",
    "doc_type": "KH",
    "title": "Tổ chức Tháng Dân vận năm 2027",
    "s_purpose": "Phát huy sức mạnh khối đại đoàn kết.",
    "s_content": "Ra quân đồng loạt.",
    "s_organisation": "Các xã triển khai.",
    "signer": "chief.a",
    "signer_title": "Trưởng ban",
    "capacity": "T/M",
    "communes_of": "P24-TU",
    "tasks__unit": [""],
    "tasks__title": ["Tổ chức ra quân"],
    "tasks__deadline": ["15/10/2027"],
}


def _draft(client, **changes):
    url = reverse("documents:new") + "?mau=plan"
    return _post(client, url, {**PLAN, **changes})


def test_a_recipient_outside_the_senders_reach_is_refused_on_the_form(client):
    drafter, _head, _signer = people()
    client.force_login(drafter)
    events = AuditEvent.objects.count()
    # An Giang's communes, typed into the request (the picker offers only units within reach).
    response = _draft(client, communes_of="P91-TU")
    page = response.content.decode()
    assert response.status_code == 200 and "ngoài phạm vi" in page and "Tỉnh ủy An Giang" in page
    assert Document.objects.count() == 0 and AuditEvent.objects.count() == events


def test_an_unknown_type_is_refused_on_the_form(client):
    drafter, _head, _signer = people()
    client.force_login(drafter)
    response = _draft(client, doc_type="XX")
    assert response.status_code == 200 and "Loại văn bản" in response.content.decode()
    assert Document.objects.count() == 0


def test_issuing_without_a_signer_is_refused_on_the_page_and_takes_no_number(client):
    drafter, head, _signer = people()
    document = plan(drafter, head, None)
    client.force_login(drafter)
    url = reverse("documents:issue", args=[document.public_id])
    response = _post(client, url, {}, page_url=reverse("documents:detail", args=[document.public_id]))
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "Người ký: văn bản chưa có người ký" in page
    assert IssuedDocument.objects.count() == 0 and DocumentRegister.objects.filter(last_number__gt=0).count() == 0
    assert Document.objects.get().status == Document.Status.DRAFT


def test_an_incoming_file_that_is_not_docx_or_pdf_is_refused_and_nothing_is_registered(client, officer_a):
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
            "assignees": "C7288-DU",
            "deadline": "20/12/2026",
            "file": SimpleUploadedFile("cong-van.xlsx", b"PK\x03\x04 not really", content_type="application/zip"),
        },
    )
    page = response.content.decode()
    assert response.status_code == 200 and "Tệp văn bản đến: chỉ nhận tệp DOCX hoặc PDF" in page
    assert IncomingDocument.objects.count() == 0 and Task.objects.count() == 0
