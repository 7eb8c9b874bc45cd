"""The yearly registers (sổ văn bản đi, sổ văn bản đến) of a unit: one page of rows for the register's page, every
row for the XLSX, and the printed register, made by a background job (WeasyPrint takes seconds for 20+ A4 pages).

Both registers are read on indexes shaped for them: the outgoing one on the issuer's registers and their
(register, number) key, the incoming one on (unit, issued_on) of the recipient rows (each row keeps its document's
issue date, documents 0008), so a year is a range and not a join of everything the unit ever received."""

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from danvan.documents.models import DocumentRecipient, IncomingDocument

REGISTERS = {
    "di": (
        "Sổ văn bản đi",
        ["Số, ký hiệu", "Ngày", "Trích yếu", "Người ký", "Số nơi nhận", "Ghi chú"],
    ),
    "den": (
        "Sổ văn bản đến",
        ["Số đến", "Ngày đến", "Số, ký hiệu", "Ngày văn bản", "Cơ quan ban hành", "Trích yếu", "Bút phê"],
    ),
}
FILE_NAMES = {"di": "so-van-ban-di", "den": "so-van-ban-den"}
PAGE_SIZE = 100


def _outgoing(issuer, year: int, *, counted: bool = True):
    from danvan.documents.models import IssuedDocument

    qs = (
        IssuedDocument.objects.filter(register__issuer=issuer, issued_on__year=year)
        .select_related("register", "issued_by", "draft__signer")
        # Never the files' bytes nor the whole text: 600 rows of a year would carry every DOCX and PDF of it.
        .defer("content", "draft__pdf", "draft__search_text")
        .order_by("register__doc_type", "number")
    )
    if not counted:
        return qs
    # Counted per row on the (document, unit) index: a join with GROUP BY hashed the 20 million recipient rows.
    return qs.annotate(
        recipient_count=Coalesce(
            Subquery(
                DocumentRecipient.objects.filter(document__issued=OuterRef("pk"))
                .order_by()
                .values("document")
                .annotate(n=Count("id"))
                .values("n")
            ),
            0,
        )
    )


def _with_recipient_counts(page: list) -> list:
    """The page's documents with their recipient counts, counted for these rows only (as a column of the query,
    PostgreSQL counted every row skipped by the OFFSET too)."""
    counts = dict(
        DocumentRecipient.objects.filter(document__issued_id__in=[i.pk for i in page])
        .order_by()
        .values_list("document__issued_id")
        .annotate(n=Count("id"))
    )
    for issued in page:
        issued.recipient_count = counts.get(issued.pk, 0)
    return page


def _outgoing_row(issued) -> list:
    draft = getattr(issued, "draft", None)
    signer = draft.signer if draft is not None else None
    return _outgoing_values_row(
        issued.reference,
        issued.issued_on,
        issued.title,
        issued.issued_by.full_name,
        issued.issued_by.username,
        draft.pk if draft is not None else None,
        signer.full_name if signer else None,
        signer.username if signer else None,
        issued.recipient_count,
        issued.revoked_at,
    )


def _arrivals(unit, year: int):
    return IncomingDocument.objects.filter(unit=unit, arrival_year=year).order_by("arrival_number")


def _arrival_row(i) -> list:
    return [
        f"{i.arrival_number}",
        i.arrived_on.strftime("%d/%m/%Y"),
        i.reference,
        i.dated.strftime("%d/%m/%Y"),
        i.issuing_body,
        i.summary,
        i.instruction,
    ]


def _received(unit, year: int):
    rows = DocumentRecipient.objects.filter(unit=unit)
    if rows.filter(issued_on__isnull=True).exists():
        # Rows written before the column existed and not yet filled (documents 0008 fills them in batches, for
        # tens of minutes at 20 million rows): the year through the documents' dates, as before.
        rows = rows.filter(document__issued__issued_on__year=year).order_by("document__issued__issued_on", "id")
    else:
        # A range on (unit, issued_on): the year's rows only, already in the order of the documents' dates.
        rows = rows.filter(issued_on__year=year).order_by("issued_on", "id")
    return rows.select_related("document__issued", "document__issuer").defer(
        "document__pdf", "document__search_text", "document__issued__content"
    )


def _received_row(r) -> list:
    issued = r.document.issued
    return _received_values_row(
        r.acknowledged_at, issued.reference, issued.issued_on, r.document.issuer.name, r.document.title
    )


# The columns of a received row, read as values when a whole year is written out: four model instances a row
# (recipient, document, register entry, issuer) cost more than the query itself (docs/performance.md "docs16f":
# 2,401 rows of a province Ban's year, 2.3 s of objects against 0.15 s of SQL on the loaded machine).
RECEIVED_VALUES = (
    "acknowledged_at",
    "document__issued__reference",
    "document__issued__issued_on",
    "document__issuer__name",
    "document__title",
)


def _received_values_row(acknowledged_at, reference, issued_on, issuer_name, title) -> list:
    return [
        "danvan",
        acknowledged_at.strftime("%d/%m/%Y") if acknowledged_at else "",
        reference,
        issued_on.strftime("%d/%m/%Y"),
        issuer_name,
        title,
        "",
    ]


# Rows read from the database at a time when a whole year is written out (XLSX): memory stays flat.
CHUNK = 500


# The columns of an outgoing row, read as values when a whole year is written out (as the received rows are): the
# model rows (entry, register, issuer of the number, draft, signer) cost 171 / 270 ms p50 / p95 for a province
# Ban's year at a million documents (docs/performance.md "docs16g"). The signer is the draft's when there is one,
# else the person who took the number (a briefing report, a notice). The page's model rows go through the same cells.
OUTGOING_VALUES = (
    "reference",
    "issued_on",
    "title",
    "issued_by__full_name",
    "issued_by__username",
    "draft__id",
    "draft__signer__full_name",
    "draft__signer__username",
    "recipient_count",
    "revoked_at",
)


def _outgoing_values_row(
    reference, issued_on, title, by_full, by_username, draft_id, signer_full, signer_username, count, revoked_at
) -> list:
    if draft_id is None:
        signer = by_full or by_username
    else:
        signer = (signer_full or signer_username) if signer_username is not None else ""
    return [reference, issued_on.strftime("%d/%m/%Y"), title, signer, count, "Đã thu hồi" if revoked_at else ""]


def outgoing_register_rows(*, issuer, year: int):
    """The sổ văn bản đi of one issuing body and year: every numbered document (briefing reports and conclusion
    notices included), in the order of their registers. A generator, read in chunks."""
    for values in _outgoing(issuer, year).values_list(*OUTGOING_VALUES).iterator(chunk_size=CHUNK):
        yield _outgoing_values_row(*values)


def incoming_register_rows(*, unit, year: int):
    """The sổ văn bản đến of one unit and year: registered arrivals, then documents sent to it inside danvan. A
    generator, read in chunks."""
    for arrival in _arrivals(unit, year).iterator(chunk_size=CHUNK):
        yield _arrival_row(arrival)
    for values in _received(unit, year).values_list(*RECEIVED_VALUES).iterator(chunk_size=CHUNK):
        yield _received_values_row(*values)


def register_rows_iter(*, kind: str, unit, year: int):
    """The rows of a register of a year one at a time (the XLSX download streams them)."""
    if kind == "di":
        return outgoing_register_rows(issuer=unit, year=year)
    return incoming_register_rows(unit=unit, year=year)


def register_rows(*, kind: str, unit, year: int) -> list:
    return list(register_rows_iter(kind=kind, unit=unit, year=year))


def register_page(*, kind: str, unit, year: int, page: int, size: int | None = None) -> tuple[list, int]:
    """Rows `page` (from 1) of the register, `size` a page, and the number of rows in the whole register. The
    row numbers run on from page to page; a page past the end is empty."""
    size = size or PAGE_SIZE
    start = (max(page, 1) - 1) * size
    if kind == "di":
        qs = _outgoing(unit, year, counted=False)
        return [_outgoing_row(i) for i in _with_recipient_counts(list(qs[start : start + size]))], qs.count()
    arrivals = _arrivals(unit, year)
    received = _received(unit, year)
    n_arrivals = arrivals.count()
    rows = [_arrival_row(i) for i in arrivals[start : start + size]] if start < n_arrivals else []
    if len(rows) < size:
        first = max(start - n_arrivals, 0)
        rows += [_received_row(r) for r in received[first : first + size - len(rows)]]
    return rows, n_arrivals + received.count()


# --- the printed register, a background job -------------------------------------------------------------------


def register_print_start(*, actor, kind: str, unit, year: int):
    """Start making the printed register of `unit` and `year` as a background job; its page shows how far it got
    and offers the PDF. Nothing is written but the job itself (printing is a read)."""
    from danvan.core.services import job_start
    from danvan.documents.tasks import register_print_run

    title, _headers = REGISTERS[kind]
    return job_start(
        actor=actor,
        kind="documents.register_print",
        title=f"{title} {unit.name} năm {year} (bản in PDF)",
        task=register_print_run,
        unit=unit,
        params={"kind": kind, "unit": unit.code, "year": year},
    )


def register_print_build(job):
    """The job's work: read the register (the owner must still see the unit), lay it out in WeasyPrint, keep the
    PDF for the owner to download."""
    from django.utils import timezone

    from danvan.accounts.permissions import can_view_unit
    from danvan.core.errors import ApplicationError
    from danvan.core.printing import letterhead, pdf_bytes
    from danvan.core.services import JobOutcome, job_file_store, job_progress
    from danvan.organisations.models import OrgUnit

    kind, year = job.params.get("kind"), int(job.params.get("year", 0))
    unit = OrgUnit.objects.filter(code=job.params.get("unit", "")).first()
    if kind not in REGISTERS or unit is None or not can_view_unit(job.owner, unit):
        raise ApplicationError("Đồng chí không còn quyền xem sổ văn bản của đơn vị này.", field="unit")
    title, headers = REGISTERS[kind]
    job_progress(job_id=job.pk, done=0, message="Đang đọc các văn bản của sổ…")
    rows = register_rows(kind=kind, unit=unit, year=year)
    job_progress(job_id=job.pk, done=0, total=len(rows), message=f"Đang dàn trang {len(rows)} dòng để in…")
    context = {
        "head": letterhead(unit, on=timezone.localdate()),
        "title": title,
        "unit": unit,
        "year": year,
        "headers": headers,
        "rows": rows,
        "keeper": job.owner.get_full_name() or job.owner.get_username(),
    }
    content = pdf_bytes("documents/print/register.html", context)
    job_progress(job_id=job.pk, done=len(rows))
    stored = job_file_store(
        owner=job.owner,
        name=f"{FILE_NAMES[kind]}-{unit.code}-{year}.pdf",
        content_type="application/pdf",
        content=content,
    )
    return JobOutcome(message=f"Đã dàn trang {len(rows)} dòng của {title.lower()} năm {year}.", result_file=stored)
