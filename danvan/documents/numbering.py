"""The document register: numbers per issuing body, document type and Party term (HD 36-HD/VPTW), the one path
every numbered document goes through (decision 0025), and revoking a number (decision 0057).

Moved here from `reports.briefing` with the register's models (decision 0059)."""

import datetime as dt

from django.db import transaction

from danvan.audit.models import Action
from danvan.audit.services import audit_record
from danvan.core.errors import ApplicationError
from danvan.core.models import SubmissionToken
from danvan.documents.models import DocumentRegister, IssuedDocument, PartyTerm
from danvan.organisations.models import OrgUnit

# Issuer abbreviations after the slash in "Số 12-BC/…". The merged board's abbreviation is [unconfirmed]
# (DOMAIN.md §6); the register keeps it per issuer, so a province can correct it once.
DEFAULT_SYMBOLS = {
    ("tgdv_board", "central"): "BTGDVTW",
    ("tgdv_board", "province"): "BTGDVTU",
    ("danvan_board", "province"): "BDVTU",
    ("danvan_bloc", "commune"): "KDV",
}


def register_for(issuer: OrgUnit, doc_type: str, today: dt.date) -> DocumentRegister:
    """The issuer's register for this document type and the Party term of `today` (row-locked)."""
    term = PartyTerm.objects.filter(starts_on__lte=today).order_by("-starts_on").first()
    if term is None or (term.ends_on and term.ends_on < today):
        raise ApplicationError(
            "Chưa khai báo nhiệm kỳ cấp ủy cho ngày hôm nay; quản trị viên cần bổ sung.", field="term"
        )
    symbol = DEFAULT_SYMBOLS.get((issuer.kind, issuer.level), "DV")
    register, _created = DocumentRegister.objects.select_for_update().get_or_create(
        issuer=issuer, doc_type=doc_type, term=term, defaults={"symbol": symbol}
    )
    return register


def document_issue(
    *,
    actor,
    issuer: OrgUnit,
    doc_type: str,
    title: str,
    build,
    today: dt.date,
    key: str,
    details: dict | None = None,
    source_url: str = "",
) -> IssuedDocument:
    """Give a document the next number of its register, build it with that reference, and keep the file.

    `build(reference) -> bytes`. `key` names the document itself (the meeting whose notice it is, the form, period
    and unit a briefing report covers): issuing the same document again returns the one already issued, with its
    number, instead of taking another (a double click, two officers at once). When that one was revoked, this
    issues its replacement under the next number (`replaces`). Call inside a permission-checked service; one
    audit event."""
    from danvan.core.submissions import claim_key, key_location

    document_key = f"doc:{doc_type}:{issuer.code}:{key}"
    with transaction.atomic():
        # The row lock makes two officers issuing at once get 12 and 13, never 12 twice; and the second of two
        # issuing the same document waits here, then finds the first one's key.
        register = register_for(issuer, doc_type, today)
        issued = key_location(document_key)
        replaced = None
        if issued:
            existing = IssuedDocument.objects.get(public_id=issued)
            if existing.revoked_at is None:
                return existing
            if hasattr(existing, "replaced_by"):
                return existing.replaced_by
            replaced = existing
        register.last_number += 1
        register.save(update_fields=["last_number"])
        reference = f"Số {register.last_number:02d}-{doc_type}/{register.symbol}"
        document = IssuedDocument.objects.create(
            register=register,
            number=register.last_number,
            reference=reference,
            title=title,
            issued_on=today,
            issued_by=actor,
            content=build(reference),
            key=document_key,
            source_url=source_url,
            replaces=replaced,
        )
        if replaced is None:
            claim_key(key=document_key, user=actor, location=str(document.public_id))
        else:
            # The document's key now leads to its replacement: issuing again returns it.
            SubmissionToken.objects.filter(key=document_key).update(location=str(document.public_id))
        audit_record(
            actor=actor,
            action=Action.DOCUMENT_ISSUED,
            unit=issuer,
            target=document,
            after={
                "reference": reference,
                "title": title,
                **({"replaces": replaced.reference} if replaced else {}),
                **(details or {}),
            },
        )
    return document


ONLY_ISSUER_REVOKES = "Chỉ lãnh đạo của cơ quan ban hành được thu hồi văn bản."


def document_revoke(*, actor, document: IssuedDocument, reason: str) -> IssuedDocument:
    """Revoke an issued number (thu hồi văn bản): the register shows it revoked with the reason, the number is never
    reused, and issuing the same document again gives its replacement the next number. A leader of the issuing
    body (or of the Party committee it works for) decides; the reason is required."""
    from django.utils import timezone

    from danvan.accounts.permissions import can_revoke_number

    reason = " ".join((reason or "").split())
    if not can_revoke_number(actor, document.register.issuer):
        raise ApplicationError(ONLY_ISSUER_REVOKES, code="forbidden")
    if len(reason) < 10:
        raise ApplicationError(
            "Lý do thu hồi: bắt buộc, ít nhất 10 ký tự (ví dụ “Sai số liệu mục II, ban hành lại”).", field="reason"
        )
    with transaction.atomic():
        document = IssuedDocument.objects.select_for_update().get(pk=document.pk)
        if document.revoked_at is not None:
            raise ApplicationError(f"Văn bản {document.reference} đã được thu hồi trước đó.", field="reason")
        document.revoked_at = timezone.now()
        document.revoked_by = actor
        document.revoke_reason = reason[:2000]
        document.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
        audit_record(
            actor=actor,
            action=Action.DOCUMENT_REVOKED,
            unit=document.register.issuer,
            target=document,
            before={"reference": document.reference},
            after={"revoked": True, "reason": reason[:500]},
        )
    return document
