"""Attachments of a petition and petitions sent from the public portal."""

import uuid

from django.db import transaction

from danvan.audit.models import Action
from danvan.audit.services import audit_record
from danvan.core.errors import ApplicationError
from danvan.core.files import DOCUMENT_TYPES, MAX_BYTES
from danvan.petitions import permissions as perms
from danvan.petitions.models import (
    Petition,
    PetitionAttachment,
)
from danvan.petitions.services.intake import _check_actor

Status = Petition.Status


# --- Attachments -----------------------------------------------------------------------------------------------


def petition_attachment_add(*, actor, petition: Petition, upload) -> PetitionAttachment:
    """Store a scanned letter or evidence file (PDF, JPEG, PNG, DOCX, XLSX; at most 10 MB) outside the web root.

    The types, their first bytes and the size limit are core.files'; the file goes to a FileField here, not a
    StoredFile row, hence the check written out rather than core.files.stored_file_from_upload."""
    import os

    _check_actor(actor, petition)
    if upload is None:
        raise ApplicationError("Tệp đính kèm: hãy chọn một tệp.", field="file")
    name = os.path.basename(upload.name or "")[:200]
    ext = os.path.splitext(name)[1].lower()
    if ext not in DOCUMENT_TYPES:
        raise ApplicationError("Tệp đính kèm: chỉ nhận PDF, JPG, PNG, DOCX hoặc XLSX.", field="file")
    if upload.size > MAX_BYTES:
        raise ApplicationError("Tệp đính kèm: tối đa 10 MB; hãy quét lại với độ phân giải thấp hơn.", field="file")
    content_type, magics = DOCUMENT_TYPES[ext]
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(m) for m in magics):
        raise ApplicationError(f"Tệp đính kèm: nội dung không phải tệp {ext[1:].upper()} hợp lệ.", field="file")
    with transaction.atomic():
        attachment = PetitionAttachment(
            petition=petition, original_name=name, content_type=content_type, size=upload.size, uploaded_by=actor
        )
        # A random stored name: the citizen's file name never becomes a path.
        attachment.file.save(f"{uuid.uuid4().hex}{ext}", upload, save=False)
        stored = attachment.file.name
        try:
            attachment.save()
            audit_record(
                actor=actor,
                action=Action.PETITION_ATTACHMENT_ADDED,
                unit=petition.unit,
                target=petition,
                # A denunciation's file name may name the denouncer: the audit trail keeps only its size and type.
                after={"size": upload.size, "type": content_type}
                if petition.is_denunciation
                else {"file": name, "size": upload.size},
            )
        except Exception:
            attachment.file.storage.delete(stored)
            raise
    return attachment


def petition_attachment_open(*, actor, petition: Petition, attachment_id: int) -> PetitionAttachment:
    """An attachment to download. A denunciation's files are for its handlers only, and each download is audited
    as a view of the denouncer's identity (the scan is the signed letter)."""
    if petition.is_denunciation and not perms.can_see_denouncer(actor, petition):
        raise ApplicationError("Thông tin người tố cáo được bảo mật.", code="forbidden")
    attachment = petition.attachments.filter(pk=attachment_id).first()
    if attachment is None:
        raise ApplicationError("Tệp đính kèm: không tìm thấy tệp này.", code="not_found")
    if petition.is_denunciation:
        with transaction.atomic():
            audit_record(
                actor=actor,
                action=Action.PETITION_IDENTITY_VIEWED,
                unit=petition.unit,
                target=petition,
                details={"attachment": attachment.pk},
            )
    return attachment
