"""Documents issued before drafts existed are taken into an issued draft by migration documents/0004 (decision
0040): the number, title and file stay on the register entry, the draft points at it, nothing is attached twice,
and the issue button of the same source then finds that draft instead of making another."""

import datetime as dt

import pytest
from django.apps import apps

from danvan.audit.models import AuditEvent
from danvan.core.text import fold
from danvan.documents.legacy import attach_issued_before_drafts
from danvan.documents.models import Document, IssuedDocument
from danvan.documents.numbering import document_issue
from danvan.documents.tests.generated_factories import held_meeting
from danvan.meetings.services import conclusion_notice_draft
from danvan.organisations.models import OrgUnit

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 20)


def _attach() -> int:
    return attach_issued_before_drafts(
        issued_documents=apps.get_model("documents", "IssuedDocument"),
        documents=apps.get_model("documents", "Document"),
        versions=apps.get_model("documents", "DocumentVersion"),
        doc_types=apps.get_model("documents", "DocumentType"),
        audit_events=apps.get_model("audit", "AuditEvent"),
        fold=fold,
    )


def _issue_directly(officer, key: str, title: str) -> IssuedDocument:
    """What the notice button did before decision 0034: a number straight away, no draft."""
    from danvan.reports.documents import Header, party_notice_docx

    def build(reference: str) -> bytes:
        return party_notice_docx(
            header=Header(superior="ĐẢNG BỘ", issuer="BAN", reference=reference, place="Bắc Ninh", date=TODAY),
            subject=title,
            opening="Hội nghị đã họp.",
            items=["Tổng kết mô hình Dân vận khéo năm 2026."],
            closing="Thông báo để biết.",
            signer_title="T/L BAN",
            recipients=[],
        )

    return document_issue(
        actor=officer,
        issuer=OrgUnit.objects.get(code="P24-TGDV"),
        doc_type="TB",
        title=title,
        build=build,
        today=TODAY,
        key=key,
        source_url="/hoi-nghi/",
    )


def test_old_issued_notices_join_a_draft_once_and_the_button_then_finds_it(officer_a):
    meeting = held_meeting(officer_a)
    old = _issue_directly(officer_a, f"meeting:{meeting.public_id}", "Thông báo kết luận cũ")
    revoked = _issue_directly(officer_a, "meeting:00000000-0000-0000-0000-000000000001", "Đã thu hồi")
    IssuedDocument.objects.filter(pk=revoked.pk).update(revoked_at=dt.datetime(2026, 3, 21, tzinfo=dt.UTC))
    unrelated = _issue_directly(officer_a, "something-else", "Không phải văn bản tạo từ dữ liệu")

    assert _attach() == 1
    draft = Document.objects.get()
    assert (draft.issued, draft.status, draft.source_key) == (old, "issued", f"meeting:{meeting.public_id}")
    assert draft.drafter == officer_a and draft.versions.get().text and draft.versions.get().file is None
    assert AuditEvent.objects.filter(action="document.legacy_attached").count() == 1
    assert not hasattr(IssuedDocument.objects.get(pk=unrelated.pk), "draft")

    # Idempotent: nothing more the second time.
    assert _attach() == 0 and Document.objects.count() == 1
    # The notice button finds the issued draft, its number intact; the page previews the issued file.
    again = conclusion_notice_draft(actor=officer_a, meeting=meeting, today=TODAY)
    assert again == draft and Document.objects.count() == 1 and IssuedDocument.objects.count() == 3
