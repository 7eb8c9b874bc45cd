"""Checking an uploaded file before anything is stored: allowed type by content, not only by name, and size."""

import mimetypes
import os

from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.http import HttpResponse
from django.utils.deconstruct import deconstructible

from danvan.core.errors import ApplicationError

MAX_BYTES = 10 * 1024 * 1024
# Extension → (content type, what such a file starts with).
DOCUMENT_TYPES = {
    ".pdf": ("application/pdf", (b"%PDF",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (b"PK\x03\x04",)),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (b"PK\x03\x04",)),
}


def stored_file_from_upload(upload, *, actor, field: str = "file", max_bytes: int = MAX_BYTES):
    """An unsaved StoredFile for `upload`, or ApplicationError naming the field and what is accepted."""
    from danvan.core.models import StoredFile

    name = os.path.basename(getattr(upload, "name", "") or "")[:200]
    ext = os.path.splitext(name)[1].lower()
    if ext not in DOCUMENT_TYPES:
        raise ApplicationError("Tệp đính kèm: chỉ nhận PDF, JPG, PNG, DOCX hoặc XLSX.", field=field)
    if upload.size > max_bytes:
        raise ApplicationError(f"Tệp đính kèm: tối đa {max_bytes // (1024 * 1024)} MB.", field=field)
    content = upload.read()
    content_type, starts = DOCUMENT_TYPES[ext]
    if not any(content.startswith(s) for s in starts):
        raise ApplicationError(f"Tệp đính kèm: nội dung không phải tệp {ext[1:].upper()} hợp lệ.", field=field)
    return StoredFile(name=name, content_type=content_type, size=len(content), content=content, uploaded_by=actor)


def stored_file_response(stored) -> HttpResponse:
    response = HttpResponse(bytes(stored.content), content_type=stored.content_type)
    # Always a download: an uploaded file is never rendered by the browser as a page of ours.
    response["Content-Disposition"] = f'attachment; filename="{stored.public_id}{os.path.splitext(stored.name)[1]}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@deconstructible
class DatabaseStorage(Storage):
    """A Django storage that keeps each file in a `core.StoredFile` row, so FileFields (initiative photos,
    petition attachments) live in the database like every other upload: the app may run on several machines
    and no local disk is the only copy of anything (ARCHITECTURE.md). Files have no URL; views that check
    access stream them.
    """

    def __init__(self, *, prefix: str):
        self.prefix = prefix.strip("/")

    def _key(self, name: str) -> str:
        return f"{self.prefix}/{name}"

    def _rows(self, name: str):
        from danvan.core.models import StoredFile

        return StoredFile.objects.filter(key=self._key(name))

    def _save(self, name, content):
        from danvan.core.models import StoredFile

        content.seek(0)
        data = content.read()
        StoredFile.objects.create(
            key=self._key(name),
            name=os.path.basename(name)[:255],
            content_type=mimetypes.guess_type(name)[0] or "application/octet-stream",
            size=len(data),
            content=data,
        )
        return name

    def _open(self, name, mode="rb"):
        content = self._rows(name).values_list("content", flat=True).first()
        if content is None:
            raise FileNotFoundError(name)
        file = ContentFile(bytes(content), name=name)
        return file

    def exists(self, name):
        return self._rows(name).exists()

    def delete(self, name):
        self._rows(name).delete()

    def size(self, name):
        size = self._rows(name).values_list("size", flat=True).first()
        if size is None:
            raise FileNotFoundError(name)
        return size

    def url(self, name):
        raise NotImplementedError("Stored files have no URL: a view that checks access serves them.")


def kept_uploads_prune(*, prefix: str, job_kind: str, older_than, action, system_label: str) -> int:
    """Remove the StoredFiles named `prefix`… uploaded before `older_than` that no queued or running job of
    `job_kind` is about to read (its params' "file"); one audit event (`action`, `system_label`) per run that removes
    any, with how many, how large and whose. Returns how many. The daily pruning jobs of kept uploads use it."""
    from django.db import transaction

    from danvan.audit.services import audit_record
    from danvan.core.models import JobRun, StoredFile

    with transaction.atomic():
        busy = {
            params.get("file")
            for params in JobRun.objects.filter(
                kind=job_kind, status__in=[JobRun.Status.QUEUED, JobRun.Status.RUNNING]
            ).values_list("params", flat=True)
        }
        old = StoredFile.objects.filter(name__startswith=prefix, uploaded_at__lt=older_than).exclude(
            pk__in={pk for pk in busy if pk}
        )
        removed = list(old.order_by("pk").values("pk", "size", "uploaded_by__username"))
        if not removed:
            return 0
        StoredFile.objects.filter(pk__in=[f["pk"] for f in removed]).delete()
        audit_record(
            actor=None,
            action=action,
            system_label=system_label,
            details={
                "files": len(removed),
                "bytes": sum(f["size"] for f in removed),
                "uploaded_by": sorted({f["uploaded_by__username"] or "" for f in removed}),
                "uploaded_before": older_than.isoformat(timespec="seconds"),
            },
        )
    return len(removed)
