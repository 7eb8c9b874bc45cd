"""Publishing an issued document on the citizens' portal (/cong-dan/van-ban/) with one action, and taking it off.

Only an issued document whose number is not revoked is shown; a revoked one disappears from the portal by itself
(its replacement is published with its own action). Who may: an editor of the issuing body. Both audited.
"""

from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from danvan.accounts.permissions import can_edit_unit
from danvan.audit.models import Action
from danvan.audit.services import audit_record
from danvan.core.errors import ApplicationError
from danvan.core.locking import bump, check_version
from danvan.core.text import fold_tokens
from danvan.documents.models import Document

PORTAL_LIMIT = 50


def can_publish(user, document: Document) -> bool:
    return (
        document.status == Document.Status.ISSUED
        and document.issued_id is not None
        and document.issued.revoked_at is None
        and can_edit_unit(user, document.issuer)
    )


def document_publish(*, actor, document: Document, publish: bool, expected_version=None) -> Document:
    """Put the document on the portal (`publish`) or take it off; refused for a draft or a revoked number."""
    with transaction.atomic():
        locked = Document.objects.select_for_update(of=("self",)).select_related("issued", "issuer").get(pk=document.pk)
        if not can_edit_unit(actor, locked.issuer):
            raise ApplicationError(
                "Chỉ cán bộ của cơ quan ban hành được đưa văn bản lên Cổng thông tin.", code="forbidden"
            )
        if locked.status != Document.Status.ISSUED or locked.issued_id is None:
            raise ApplicationError(
                "Văn bản chưa ban hành: chỉ văn bản đã có số mới được đưa lên Cổng thông tin.", field="publish"
            )
        if publish and locked.issued.revoked_at is not None:
            raise ApplicationError(
                f"Văn bản {locked.issued.reference.removeprefix('Số ')} đã bị thu hồi: hãy đăng văn bản thay thế.",
                field="publish",
            )
        check_version(locked, expected_version, what="văn bản")
        if publish == (locked.published_at is not None):
            state = "đã có" if publish else "không có"
            raise ApplicationError(f"Văn bản {state} trên Cổng thông tin.", field="publish")
        locked.published_at = timezone.now() if publish else None
        locked.published_by = actor if publish else None
        locked.updated_by = actor
        bump(locked)
        locked.save()
        audit_record(
            actor=actor,
            action=Action.DOCUMENT_PUBLISHED if publish else Action.DOCUMENT_UNPUBLISHED,
            unit=locked.issuer,
            target=locked,
            before={"published": not publish},
            after={"published": publish, "reference": locked.issued.reference},
        )
    return locked


def _public():
    return Document.objects.filter(
        published_at__isnull=False, status=Document.Status.ISSUED, issued__revoked_at__isnull=True
    )


def published_documents(*, q: str = "", limit: int = PORTAL_LIMIT) -> list[Document]:
    """What the portal lists: published documents, newest first; `q` searches the folded text (no diacritics)."""
    qs = _public()
    for token in fold_tokens(q)[:8]:
        qs = qs.filter(search_text__contains=token)
    return list(qs.select_related("issued", "issuer", "doc_type").order_by("-published_at", "-id")[:limit])


def published_get(*, public_id) -> Document:
    document = (
        _public()
        .filter(Q(public_id=public_id))
        .select_related("issued", "issuer", "doc_type", "signer", "replaces__issued")
        .first()
    )
    if document is None:
        raise Http404
    return document
