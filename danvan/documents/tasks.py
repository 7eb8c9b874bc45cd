"""Background work of the documents app: the PDF copy of an issued document (LibreOffice takes seconds)."""

from django.tasks import task


@task()
def document_pdf_make(*, document_id: int) -> bool:
    """Make the PDF copy of an issued document; idempotent (a copy already made is kept)."""
    from danvan.documents.services import document_pdf_attach

    return document_pdf_attach(document_id=document_id) is not None
