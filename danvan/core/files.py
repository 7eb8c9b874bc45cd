"""Checking an uploaded file before anything is stored: allowed type by content, not only by name, and size."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import HttpResponse

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


class PrivateFileStorage(FileSystemStorage):
    """Files in a folder outside the web root (no URL): served only by views that check access.

    The root is read from settings when used, not at import, so tests and deployments can move it.
    """

    def __init__(self, *, root_setting: str, subdir: str):
        super().__init__()
        self.root_setting, self.subdir = root_setting, subdir

    @property
    def base_location(self):
        return os.path.join(getattr(settings, self.root_setting), self.subdir)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None
