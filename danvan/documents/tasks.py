"""Background work of the documents app: the PDF copy of an issued document (LibreOffice takes seconds), and the
printed yearly register (WeasyPrint lays out tens of A4 pages in seconds)."""

from django.tasks import task

from danvan.core.services import job_run


@task()
def document_pdf_make(*, document_id: int) -> bool:
    """Make the PDF copy of an issued document; idempotent (a copy already made is kept)."""
    from danvan.documents.services import document_pdf_attach

    return document_pdf_attach(document_id=document_id) is not None


@task()
def register_print_run(job_id: int) -> bool:
    """Make the printed register of job `job_id` (its owner, unit, kind and year) and keep the PDF for download."""
    from danvan.documents.registers import register_print_build

    return job_run(job_id=job_id, work=register_print_build)
