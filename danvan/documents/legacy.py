"""Documents issued before drafts existed (the direct issue buttons before decision 0034) joined to a draft, so
that each source's register entry, draft page and issue button meet in one place without a button being pressed.
Called by migration documents/0004 with its historical models; the same function is tested with the real ones."""

SOURCES = ("meeting", "contest", "assessment", "briefing")
NOTE = "Đã ban hành"


def source_key_of(issued) -> str:
    """ "doc:TB:P24-TGDV:meeting:<uuid>" → "meeting:<uuid>"; "" when the key names no generated source."""
    prefix = f"doc:{issued.register.doc_type}:{issued.register.issuer.code}:"
    if not issued.key.startswith(prefix):
        return ""
    key = issued.key[len(prefix) :]
    return key if key.split(":", 1)[0] in SOURCES else ""


def attach_issued_before_drafts(*, issued_documents, documents, versions, doc_types, audit_events, fold) -> int:
    """Give every live issued document of a generated source that has no draft an issued draft: its title, number,
    drafter (who issued it) and the text of the issued file as version 1. The file itself stays where it is, on the
    register (`Document.issued`), never copied. Returns how many were attached."""
    from danvan.documents.drafting import docx_text

    types = {t.code: t for t in doc_types.objects.all()}
    attached = 0
    legacy = (
        issued_documents.objects.filter(revoked_at__isnull=True, draft__isnull=True)
        .exclude(key="")
        .select_related("register__issuer")
        .order_by("id")
    )
    for issued in legacy.iterator(chunk_size=200):
        key = source_key_of(issued)
        issuer, doc_type = issued.register.issuer, types.get(issued.register.doc_type)
        if not key or doc_type is None or documents.objects.filter(issuer=issuer, source_key=key).exists():
            continue
        try:
            text = docx_text(bytes(issued.content))
        except Exception:  # an unreadable old file keeps its number; only its text is not searchable
            text = ""
        document = documents.objects.create(
            issuer=issuer,
            doc_type=doc_type,
            title=issued.title[:255],
            status="issued",
            drafter_id=issued.issued_by_id,
            issued=issued,
            source_key=key,
            source_url=issued.source_url[:255],
            search_text=fold(f"{issued.reference} {issued.title}")[:200_000],
        )
        versions.objects.create(document=document, number=1, text=text, note=NOTE, created_by_id=issued.issued_by_id)
        audit_events.objects.create(
            actor=None,
            actor_label="hệ thống: documents 0004",
            unit=issuer,
            action="document.legacy_attached",
            target_type="documents.document",
            target_id=str(document.public_id),
            target_label=document.title[:255],
            after={"reference": issued.reference, "key": key},
        )
        attached += 1
    return attached
