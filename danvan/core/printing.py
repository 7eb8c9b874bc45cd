"""Print-ready PDF for the papers people hand over or file: a receipt, a transfer slip, a register, minutes, the
statistics forms. One HTML template per paper, rendered to A4 by WeasyPrint in Times New Roman (Liberation Serif,
its metric twin, where Times is not installed), with the letterhead of the unit that issues it.

The letterhead: a Party body prints “ĐẢNG CỘNG SẢN VIỆT NAM” on the right (HD 36-HD/VPTW); any other body the
national motto (NĐ 30/2020/NĐ-CP). Margins follow NĐ 30/2020 (top and bottom 20 mm, left 30 mm, right 15 mm);
page numbers from page 2, centred at the top. Where a paper's official layout is [unconfirmed] (DOMAIN.md §1.5,
§5), its template follows the fields of the software in service and says so in its docstring.
"""

import datetime as dt

from django.http import HttpResponse
from django.template.loader import render_to_string

from danvan.organisations.models import OrgUnit

PARTY_KINDS = {
    OrgUnit.Kind.PARTY_COMMITTEE,
    OrgUnit.Kind.PROPAGANDA_MOBILISATION_BOARD,
    OrgUnit.Kind.MOBILISATION_BOARD,
    OrgUnit.Kind.MOBILISATION_BLOC,
    OrgUnit.Kind.MOBILISATION_TEAM,
}


def letterhead(unit: OrgUnit, *, on: dt.date) -> dict:
    """What the top of the paper prints for `unit`: its superior and its own name on the left, the Party's name or
    the national motto on the right, and the place-and-date line."""
    from danvan.documents.heading import document_place

    superior = unit.parent.name if unit.parent else ""
    return {
        "superior": superior,
        "issuer": unit.name,
        "is_party": unit.kind in PARTY_KINDS,
        "place_date": f"{document_place(unit)}, ngày {on.day:02d} tháng {on.month:02d} năm {on.year}",
    }


def pdf_bytes(template: str, context: dict) -> bytes:
    """The paper rendered to PDF. Only our own templates and static fonts are read: no URL is fetched."""
    from weasyprint import HTML

    html = render_to_string(template, context)
    return HTML(string=html, url_fetcher=_no_fetch).write_pdf()


def _no_fetch(url, *args, **kwargs):
    raise ValueError(f"Không tải tài nguyên ngoài khi in: {url}")


def warm_up() -> None:
    """Render a one-line paper so that WeasyPrint, Pango and the fonts are loaded (gunicorn's post_worker_init).
    A machine that cannot print still serves everything else; the failure is logged here and each paper's page
    shows it."""
    import logging

    try:
        from weasyprint import HTML

        HTML(string="<p style='font-family: Liberation Serif'>Đảng Cộng sản Việt Nam</p>").write_pdf()
    except Exception:  # noqa: BLE001 — any failure to load the printing stack must not stop the worker
        logging.getLogger("danvan").exception("WeasyPrint could not render: printed papers will fail")


def pdf_response(template: str, context: dict, *, filename: str) -> HttpResponse:
    response = HttpResponse(pdf_bytes(template, context), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
