"""Disclosure compliance rolled up: a province's communes, or the whole country with a province column; agencies
and enterprises too. One page of 100 rows; the selector's query count does not grow with the country."""

from functools import lru_cache

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.views.decorators.http import require_POST

from danvan.accounts.permissions import can_view_unit, scope_roots
from danvan.core.errors import ApplicationError
from danvan.core.submissions import submit_once
from danvan.democracy import selectors, services
from danvan.democracy.compliance_store import stored_rollup
from danvan.democracy.forms import RollupForm
from danvan.democracy.models import BaseKind
from danvan.democracy.views import _unit, period_window
from danvan.organisations.models import OrgUnit

PER_PAGE = 100
AREA_LEVELS = (OrgUnit.Level.PROVINCE, OrgUnit.Level.CENTRAL)


def _area(request, code) -> OrgUnit | None:
    """The chosen province or centre if the person may read it; else the highest such unit in their scope."""
    try:
        area = _unit(code, "unit")
    except ApplicationError:
        area = None
    if area is not None and area.level in AREA_LEVELS and can_view_unit(request.user, area):
        return area
    return next((u for u in scope_roots(request.user).order_by("depth") if u.level in AREA_LEVELS), None)


def _rows_html(rows, national: bool) -> SafeString:
    """The table's 100 rows, written in Python: as template nodes they were most of the national page's time
    (decision 0047). Every value is escaped by format_html."""
    link = reverse("democracy:compliance", args=["00000000-0000-0000-0000-000000000000"])
    head, tail = link.split("00000000-0000-0000-0000-000000000000")
    province_cell = '<td class="d-none d-md-table-cell">{}</td>' if national else ""
    province_note = '<div class="small text-muted d-md-none">{}</div>' if national else ""
    template = (
        "<tr{}>" + province_cell + "<td>{}" + province_note + "</td>"
        "<td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>"
    )

    def cells(r):
        name = format_html('<a href="{}{}{}">{}</a>', head, r.base.public_id, tail, r.name) if r.base else r.name
        values = [r.required, r.disclosed, r.missing, r.late, r.short]
        warning = SafeString(' class="table-warning"') if r.behind else ""
        if national:
            return (warning, r.province_name, name, r.province_name, *values)
        return (warning, name, *values)

    return format_html_join("\n", template, (cells(r) for r in rows))


@lru_cache(maxsize=256)
def _filter_form_html(language: str, today, unit: str, unit_name: str, kind: str, period: str, behind_only) -> str:
    """The filter form as HTML, kept per process for what it shows: its pickers (the unit's name, the day's period
    list) rendered through widget templates cost more than the table (decision 0047). `today` and the unit's name
    are in the key, so a new day or a renamed area renders it again."""
    form = RollupForm(initial={"unit": unit, "kind": kind, "period": period, "behind_only": behind_only})
    return render_to_string("_form.html", {"form": form})


@login_required
def rollup(request):
    today = timezone.localdate()
    form = RollupForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    area = _area(request, data.get("unit"))
    kind = data.get("kind") or BaseKind.COMMUNE
    key, label, start, end = period_window(data.get("period"), today)
    # A calendar quarter is read from its stored table (decision 0047); other windows are computed live.
    stored = stored_rollup(area=area, kind=kind, start=start, end=end) if area else None
    if stored is not None:
        behind = stored.behind
        rows = stored.only_behind() if data.get("behind_only") else stored
    else:
        rows = selectors.compliance_rollup(area=area, kind=kind, start=start, end=end) if area else []
        behind = sum(1 for r in rows if r.behind)
        if data.get("behind_only"):
            rows = [r for r in rows if r.behind]
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "democracy/rollup.html",
        {
            # SafeString: rendered (and escaped) by the template engine.
            "filter_form": _filter_form_html(
                get_language(),
                today,
                area.code if area else "",
                area.name if area else "",
                kind,
                key,
                bool(data.get("behind_only")),
            ),
            "area": area,
            "national": bool(area and area.level == OrgUnit.Level.CENTRAL),
            "kind": kind,
            "period": key,
            "kind_label": BaseKind(kind).label,
            "page": page,
            "rows_html": _rows_html(page.object_list, bool(area and area.level == OrgUnit.Level.CENTRAL)),
            "total": len(rows),
            "behind": behind,
            "query": query.urlencode(),
            "label": label,
            "start": start,
            "end": end,
        },
    )


@login_required
@require_POST
@submit_once
def rollup_export(request):
    """The whole table (every page) as XLSX, written by a worker: the country is 3,321 communes."""
    today = timezone.localdate()
    form = RollupForm(request.POST)
    data = form.cleaned_data if form.is_valid() else {}
    area = _area(request, data.get("unit"))
    if area is None:
        raise Http404
    kind = data.get("kind") or BaseKind.COMMUNE
    key, _label, start, end = period_window(data.get("period"), today)
    try:
        job = services.compliance_export_start(
            actor=request.user, area=area, kind=kind, period=key, start=start, end=end
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("democracy:rollup")
    return redirect("core:job", public_id=job.public_id)
