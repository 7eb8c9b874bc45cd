"""The yearly registers of a unit: a page of the register (paginated, read on indexes), the XLSX of the whole year,
and the printed register, made by a background job whose page shows how far it got."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from danvan.accounts.permissions import can_view_unit, scope_roots
from danvan.core.exporting import xlsx_streaming_response
from danvan.core.submissions import submit_once
from danvan.documents import registers
from danvan.documents.views import _default_issuer
from danvan.organisations.models import OrgUnit


def _unit_year(request, kind, data):
    """The unit (in the person's scope, else 404) and year of a register: `unit` and `nam` from `data`, by default
    the person's issuing body (outgoing) or first unit, and this year."""
    if kind not in registers.REGISTERS:
        raise Http404
    unit = OrgUnit.objects.filter(code=data.get("unit", "").strip().upper()[:40]).first()
    if unit is None:
        code = _default_issuer(request.user) if kind == "di" else ""
        if not code:
            root = scope_roots(request.user).first()
            code = root.code if root else ""
        unit = OrgUnit.objects.filter(code=code).first()
    if unit is None or not can_view_unit(request.user, unit):
        raise Http404
    try:
        year = int(data.get("nam", timezone.localdate().year))
        dt.date(year, 1, 1)
    except (ValueError, OverflowError):
        raise Http404 from None
    return unit, year


@login_required
def register_page(request, kind):
    """One page of the register of a year (PAGE_SIZE rows), with links to the XLSX and to the printed copy."""
    unit, year = _unit_year(request, kind, request.GET)
    try:
        page = max(int(request.GET.get("trang", 1)), 1)
    except ValueError:
        page = 1
    rows, total = registers.register_page(kind=kind, unit=unit, year=year, page=page)
    pages = max((total + registers.PAGE_SIZE - 1) // registers.PAGE_SIZE, 1)
    page = min(page, pages)
    title, headers = registers.REGISTERS[kind]
    first = (page - 1) * registers.PAGE_SIZE + 1
    return render(
        request,
        "documents/register.html",
        {
            "kind": kind,
            "title": title,
            "headers": headers,
            "unit": unit,
            "year": year,
            # Each cell with its column's header (its label on a phone), paired once here rather than per cell.
            "numbered": [(first + n, list(zip(headers, row, strict=False))) for n, row in enumerate(rows)],
            "total": total,
            "page": page,
            "pages": pages,
            "previous": page - 1 if page > 1 else None,
            "next": page + 1 if page < pages else None,
        },
    )


@login_required
def register_xlsx(request, kind):
    """The register of a year (sổ văn bản đi / đến) of a unit in the person's scope, as XLSX."""
    unit, year = _unit_year(request, kind, request.GET)
    title, headers = registers.REGISTERS[kind]
    # Streamed: the rows are read in chunks and the file is sent from disk, whatever the size of the year.
    return xlsx_streaming_response(
        filename=f"{title} {unit.code} {year}.xlsx",
        sheet_title=f"{title} {year}",
        headers=headers,
        rows=registers.register_rows_iter(kind=kind, unit=unit, year=year),
    )


@login_required
def register_pdf(request, kind):
    """The old address of the printed register: the register's page, where printing is asked for."""
    unit, year = _unit_year(request, kind, request.GET)
    return redirect(reverse("documents:register_page", args=[kind]) + f"?unit={unit.code}&nam={year}")


@login_required
@require_POST
@submit_once
def register_print(request, kind):
    """Start making the printed register (A4 landscape, the unit's letterhead, numbered rows; seconds of layout
    for a provincial Ban's year) as a background job, and show the job's page."""
    unit, year = _unit_year(request, kind, request.POST)
    job = registers.register_print_start(actor=request.user, kind=kind, unit=unit, year=year)
    return redirect("core:job", public_id=job.public_id)
