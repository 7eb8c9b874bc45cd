"""Issue 16 gaps: publishing an issued document on the citizens' portal with one action, a document's whole
history on its page, and the yearly registers to print (the job that prints them: test_registers.py)."""

import re

import pytest
from django.urls import reverse

from danvan.audit.models import AuditEvent
from danvan.core.errors import ApplicationError
from danvan.documents import services
from danvan.documents.models import Document
from danvan.documents.publishing import document_publish
from danvan.documents.tests.factories import TODAY, people, plan, to_signer

pytestmark = pytest.mark.django_db


def _issued(drafter, head, signer, **kw):
    return services.document_sign_issue(
        actor=signer, document=to_signer(plan(drafter, head, signer, **kw), drafter, head), today=TODAY
    )


def _post(client, url, data, page_url):
    page = client.get(page_url).content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', page)
    return client.post(url, {**data, "form_token": token.group(1)} if token else data)


def test_an_issued_plan_is_published_on_the_portal_with_one_action_and_taken_off(client):
    drafter, head, signer = people()
    document = _issued(drafter, head, signer)
    detail = reverse("documents:detail", args=[document.public_id])
    public = reverse("portal:document", args=[document.public_id])
    assert client.get(public).status_code == 404  # not published yet: the public page does not exist
    client.force_login(drafter)
    page = client.get(detail).content.decode()
    assert reverse("documents:publish", args=[document.public_id]) in page and 'name="publish" value="1"' in page
    response = _post(
        client,
        reverse("documents:publish", args=[document.public_id]),
        {"publish": "1", "version": document.version},
        detail,
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.published_at is not None and document.published_by == drafter
    assert AuditEvent.objects.filter(action="document.published", target_id=str(document.public_id)).count() == 1
    client.logout()
    # The citizen: the list (found without diacritics), the page, the file.
    listing = client.get(reverse("portal:documents") + "?q=thang dan van").content.decode()
    assert "Số 01-KH/BTGDVTU" in listing and public in listing
    page = client.get(public).content.decode()
    assert "Tổ chức “Tháng Dân vận” năm 2027" in page and "Tải văn bản (DOCX)" in page
    download = client.get(reverse("portal:document_file", args=[document.public_id, "docx"]))
    assert download.status_code == 200 and download.content == bytes(document.issued.content)
    assert "Văn bản của Ban Dân vận" in client.get(reverse("portal:home")).content.decode()
    # Taken off with one action: the public page is gone.
    client.force_login(drafter)
    _post(
        client,
        reverse("documents:publish", args=[document.public_id]),
        {"publish": "0", "version": document.version},
        detail,
    )
    client.logout()
    assert client.get(public).status_code == 404
    assert "Số 01-KH/BTGDVTU" not in client.get(reverse("portal:documents")).content.decode()


def test_a_draft_a_revoked_number_or_someone_outside_cannot_publish(officer_b):
    from danvan.documents.numbering import document_revoke

    drafter, head, signer = people()
    draft = plan(drafter, head, signer)
    with pytest.raises(ApplicationError, match="chưa ban hành"):
        document_publish(actor=drafter, document=draft, publish=True)
    document = _issued(drafter, head, signer, title="Hướng dẫn tiếp xúc cử tri")
    with pytest.raises(ApplicationError) as refused:
        document_publish(actor=officer_b, document=document, publish=True)
    assert refused.value.code == "forbidden"
    document = document_publish(actor=drafter, document=document, publish=True)
    # Revoked after publishing: the portal hides it by itself; it cannot be published again.
    document_revoke(actor=signer, document=document.issued, reason="Sai số liệu mục II, ban hành lại")
    document = Document.objects.get(pk=document.pk)
    from django.test import Client

    assert Client().get(reverse("portal:document", args=[document.public_id])).status_code == 404
    document_publish(actor=drafter, document=document, publish=False)
    with pytest.raises(ApplicationError, match="đã bị thu hồi"):
        document_publish(actor=drafter, document=Document.objects.get(pk=document.pk), publish=True)


def test_publishing_with_a_stale_version_is_refused_and_nothing_changes():
    drafter, head, signer = people()
    document = _issued(drafter, head, signer)
    with pytest.raises(ApplicationError):
        document_publish(actor=drafter, document=document, publish=True, expected_version=document.version - 1)
    document.refresh_from_db()
    assert document.published_at is None
    assert not AuditEvent.objects.filter(action="document.published").exists()


def test_the_document_page_shows_its_whole_history(client, commune_officer_a):
    drafter, head, signer = people()
    draft = plan(drafter, head, signer)
    services.document_comment(actor=head, document=draft, text="Bổ sung phần kinh phí.")
    document = services.document_sign_issue(actor=signer, document=to_signer(draft, drafter, head), today=TODAY)
    services.document_acknowledge(actor=commune_officer_a, document=document)
    client.force_login(drafter)
    page = client.get(reverse("documents:detail", args=[document.public_id])).content.decode()
    history = page[page.index("data-history") :]
    steps = ["document.drafted", "document.commented", "document.routed", "document.sent", "document.acknowledged"]
    positions = [history.index(f'data-action="{step}"') for step in steps]
    assert positions == sorted(positions)  # oldest first
    assert "01-KH/BTGDVTU" in history and signer.get_full_name() in history
    # A recipient sees the document, not the sender's history.
    client.force_login(commune_officer_a)
    assert "data-history" not in client.get(reverse("documents:detail", args=[document.public_id])).content.decode()


def test_the_register_print_lists_the_rows_of_the_xlsx():
    from django.template.loader import render_to_string

    from danvan.core.printing import letterhead
    from danvan.documents import registers
    from danvan.organisations.models import OrgUnit

    drafter, head, signer = people()
    _issued(drafter, head, signer, tasks="")
    unit = OrgUnit.objects.get(code="P24-TGDV")
    rows = list(registers.outgoing_register_rows(issuer=unit, year=2026))
    html = render_to_string(
        "documents/print/register.html",
        {
            "head": letterhead(unit, on=TODAY),
            "title": "Sổ văn bản đi",
            "year": 2026,
            "headers": ["Số, ký hiệu", "Ngày"],
            "rows": rows,
            "keeper": "x",
        },
    )
    assert "Số 01-KH/BTGDVTU" in html and "SỔ VĂN BẢN ĐI" in html.upper()
