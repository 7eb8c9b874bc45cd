"""The documents danvan generates (briefing report, conclusion notice, contest decision, assessment report) go
through one draft each: the issue button of the meeting, briefing, contest or scheme puts the generated DOCX into
its draft (created once per source, reused after), the officer reads it, picks the signer from the issuing body's
leaders, and the signer (or a person the signer delegated) issues it: only then is a number taken.

Decision 0034.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max
from django.utils.module_loading import import_string

from danvan.accounts.models import Role
from danvan.audit.models import Action
from danvan.audit.services import audit_record
from danvan.core.errors import ApplicationError
from danvan.core.locking import bump, check_version
from danvan.core.models import StoredFile
from danvan.documents import permissions as perms
from danvan.documents.docxpage import draft_reference, gaps, gaps_message, stamp
from danvan.documents.drafting import docx_text
from danvan.documents.models import Document, DocumentVersion
from danvan.organisations.models import OrgUnit

GENERATED_NOTE = "Tạo từ dữ liệu"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# What the source does once its document is issued, by the first part of the key ("assessment:<code>").
ON_ISSUE = {"assessment": "danvan.assessments.services.scheme_close_after_report"}


def register_symbol(issuer: OrgUnit, doc_type: str) -> str:
    """The issuer's abbreviation after the slash, as its register has it (or the default for a new register)."""
    from danvan.documents.models import DocumentRegister
    from danvan.documents.numbering import DEFAULT_SYMBOLS

    symbol = (
        DocumentRegister.objects.filter(issuer=issuer, doc_type=doc_type)
        .order_by("-term__starts_on")
        .values_list("symbol", flat=True)
        .first()
    )
    return symbol or DEFAULT_SYMBOLS.get((issuer.kind, issuer.level), "DV")


def leaders_of(issuer: OrgUnit):
    """Who may sign for the issuing body: the leaders of the body itself and of the Party committee it works for."""
    units = [issuer.pk] + ([issuer.parent_id] if issuer.parent_id else [])
    return (
        get_user_model()
        .objects.filter(is_active=True, role_assignments__unit_id__in=units, role_assignments__role=Role.LEADER)
        .distinct()
        .order_by("full_name", "username")
    )


def signer_title_for(signer, issuer: OrgUnit, typed: str = "") -> tuple[str, bool]:
    """The title printed under the signature: the signer's recorded position in the issuing body (or in the Party
    committee it works for), else what was typed as a correction. Returns (title, taken from the position?)."""
    from danvan.organisations.selectors import position_title_of

    units = [issuer] + ([issuer.parent] if issuer.parent_id else [])
    recorded = position_title_of(user=signer, units=units)
    if recorded:
        return recorded[:120], True
    return " ".join((typed or "").split())[:120], False


def current_signer_title(document: Document) -> str:
    """The title the draft's signer holds today: their recorded position in the issuing body (or its Party
    committee) as it is now, else the title typed on the draft for a leader with none recorded. A position that
    changed after the signer was chosen (promoted, or moved) is what the preview and the issued file print."""
    if document.signer_id is None:
        return document.signer_title
    title, _recorded = signer_title_for(document.signer, document.issuer, document.signer_title)
    return title or document.signer_title


def leader_titles(issuer: OrgUnit, users) -> dict[int, str]:
    """user id → recorded title in the issuing body (or its Party committee), for the signer picker; one query."""
    from danvan.organisations.models import Position

    units = [issuer.pk] + ([issuer.parent_id] if issuer.parent_id else [])
    rows = (
        Position.objects.filter(person__user__in=users, unit_id__in=units, end_date__isnull=True)
        .order_by("-is_head", "sort_order", "id")
        .values_list("person__user_id", "unit_id", "title")
    )
    titles: dict[int, str] = {}
    for unit_id in units:
        for user_id, unit, title in rows:
            if unit == unit_id and title.strip():
                titles.setdefault(user_id, " ".join(title.split()))
    return titles


def _issued_for_key(issuer: OrgUnit, doc_type: str, key: str):
    """The register's document for this key (issued directly before drafts existed), or None."""
    from danvan.core.submissions import key_location
    from danvan.documents.models import IssuedDocument

    location = key_location(f"doc:{doc_type}:{issuer.code}:{key}")
    return IssuedDocument.objects.filter(public_id=location).first() if location else None


def _version(document: Document, *, actor, content: bytes, name: str, note: str) -> DocumentVersion:
    stored = StoredFile.objects.create(
        name=name[:200], content_type=DOCX_TYPE, size=len(content), content=content, uploaded_by=actor
    )
    number = (document.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    return DocumentVersion.objects.create(
        document=document, number=number, text=docx_text(content), file=stored, note=note, created_by=actor
    )


def generated_draft(
    *, actor, issuer: OrgUnit, doc_type_code: str, title: str, key: str, build, source_url: str = ""
) -> Document:
    """The draft of a generated document, created once per source `key` and reused by every later click.

    `build(reference) -> bytes` writes the DOCX; it is called with the number left blank. A draft not yet issued
    gets the regenerated content as a new version (unless its latest version is a file someone uploaded); an
    issued one is returned as it is; one whose number was revoked gets a replacing draft. A document issued before
    drafts existed (same register key) is taken in as an issued draft, keeping its number. The caller checks
    that `actor` may write for the source."""
    from danvan.documents.services import _search_text, doc_type_get

    doc_type = doc_type_get(doc_type_code)
    title = " ".join(title.split())[:255]
    with transaction.atomic():
        # The issuing body's row lock: two clicks on the same issue button make one draft, not two.
        OrgUnit.objects.select_for_update().filter(pk=issuer.pk).first()
        document = (
            Document.objects.select_related("issued")
            .filter(issuer=issuer, source_key=key)
            .order_by("-created_at", "-id")
            .first()
        )
        if document is not None and document.issued_id and document.issued.revoked_at is None:
            return document
        replaces = document if document is not None and document.issued_id else None
        if document is None:
            legacy = _issued_for_key(issuer, doc_type.code, key)
            if legacy is not None and legacy.revoked_at is None and not hasattr(legacy, "draft"):
                document = Document.objects.create(
                    issuer=issuer,
                    doc_type=doc_type,
                    title=legacy.title[:255] or title,
                    status=Document.Status.ISSUED,
                    drafter=legacy.issued_by or actor,
                    issued=legacy,
                    source_key=key,
                    source_url=source_url or legacy.source_url,
                    search_text=_search_text(legacy.reference, legacy.title),
                    updated_by=actor,
                )
                _version(document, actor=actor, content=bytes(legacy.content), name=f"{key}.docx", note="Đã ban hành")
                return document
        content = build(draft_reference(doc_type.code, register_symbol(issuer, doc_type.code)))
        name = f"{doc_type.code}-{key.replace(':', '-')}.docx"
        if document is None or replaces is not None:
            document = Document.objects.create(
                issuer=issuer,
                doc_type=doc_type,
                title=title,
                drafter=actor,
                source_key=key,
                source_url=source_url,
                replaces=replaces if replaces is not None and not hasattr(replaces, "replaced_by") else None,
                signer=replaces.signer if replaces else None,
                signer_title=replaces.signer_title if replaces else "",
                capacity=replaces.capacity if replaces else Document.Capacity.ON_BEHALF,
                updated_by=actor,
            )
            version = _version(document, actor=actor, content=content, name=name, note=GENERATED_NOTE)
            created = True
        else:
            latest = document.latest
            version = latest
            if latest is None or latest.note == GENERATED_NOTE:
                text = docx_text(content)
                if latest is None or latest.text != text:
                    version = _version(document, actor=actor, content=content, name=name, note=GENERATED_NOTE)
            created = False
        document.title = title
        document.search_text = _search_text(title, version.text if version else "")
        document.updated_by = actor
        document.save(update_fields=["title", "search_text", "updated_by", "updated_at"])
        audit_record(
            actor=actor,
            action=Action.DOCUMENT_DRAFT_GENERATED,
            unit=issuer,
            target=document,
            after={"key": key, "title": title[:200], "version": version.number if version else 0, "new": created},
        )
    return document


def document_signer_set(
    *, actor, document: Document, signer, signer_title: str, capacity: str, expected_version=None
) -> Document:
    """Choose who signs a draft: one of the issuing body's leaders, with the form of the signature block (T/M, K/T,
    Q.) and the title printed under it. The draft goes to that leader to sign."""
    if not perms.can_choose_signer(actor, document):
        raise ApplicationError("Đồng chí không chọn được người ký cho văn bản này.", code="forbidden")
    if signer is None or not leaders_of(document.issuer).filter(pk=signer.pk).exists():
        raise ApplicationError(
            f"Người ký: hãy chọn một lãnh đạo của {document.issuer.name} trong danh sách.", field="signer"
        )
    if capacity not in ("T/M", "K/T", "Q."):
        raise ApplicationError("Hình thức ký: hãy chọn T/M, K/T hoặc Q.", field="capacity")
    signer_title, recorded = signer_title_for(signer, document.issuer, signer_title)
    if not signer_title:
        raise ApplicationError(
            f"Chức vụ người ký: {signer.get_full_name()} chưa có chức vụ ghi trong đơn vị; hãy nhập chức vụ "
            "(ví dụ “Trưởng ban”, “Phó Trưởng ban”).",
            field="signer_title",
        )
    with transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=document.pk)
        check_version(locked, expected_version, what="Văn bản")
        if not perms.can_choose_signer(actor, locked):
            raise ApplicationError("Đồng chí không chọn được người ký cho văn bản này.", code="forbidden")
        before = {"signer": locked.signer_id, "title": locked.signer_title, "capacity": locked.capacity}
        locked.signer, locked.signer_title, locked.capacity = signer, signer_title[:120], capacity
        locked.status = Document.Status.SIGNING
        locked.updated_by = actor
        bump(locked)
        locked.save()
        audit_record(
            actor=actor,
            action=Action.DOCUMENT_SIGNER_CHOSEN,
            unit=locked.issuer,
            target=locked,
            before=before,
            after={
                "signer": signer.pk,
                "name": signer.get_full_name(),
                "title": signer_title,
                "title_from": "position" if recorded else "typed",
                "capacity": capacity,
            },
        )
    return locked


def base_content(document: Document) -> bytes:
    """The DOCX of the draft's latest version (the generated file, or a corrected one uploaded in its place)."""
    latest = document.latest
    if latest is None or latest.file_id is None or not latest.file.name.lower().endswith(".docx"):
        raise ApplicationError(
            "Nội dung: bản cuối của dự thảo không phải tệp DOCX; hãy tải lên bản DOCX hoặc tạo lại dự thảo.",
            field="content",
        )
    return bytes(latest.file.content)


def preview_content(document: Document) -> bytes:
    """What the document will look like: the issued file, or the draft with its signature block (number blank)."""
    from danvan.documents.services import _signature

    if document.issued_id:
        return bytes(document.issued.content)
    content = base_content(document)
    return stamp(content, sig=_signature(document), signed=False) if document.signer_id else content


def issue_check(document: Document) -> bytes:
    """The draft's DOCX with its signature block, refused (naming what is missing) if anything is left to fill."""
    from danvan.documents.services import _signature

    content = stamp(base_content(document), sig=_signature(document))
    found = gaps(content)
    if found:
        raise ApplicationError(gaps_message(found), field="content")
    return content


def issued_content(content: bytes, *, reference: str, today: dt.date) -> bytes:
    return stamp(content, reference=reference, date=today)


def after_issue(document: Document, *, actor) -> None:
    """Inside the issuing transaction: what the source does once its document has its number."""
    hook = ON_ISSUE.get(document.source_key.split(":", 1)[0])
    if hook:
        import_string(hook)(key=document.source_key, actor=actor)
