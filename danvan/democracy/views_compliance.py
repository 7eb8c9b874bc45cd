"""Disclosure compliance rolled up: a province's communes, or the whole country with a province column; agencies
and enterprises too. One page of 100 rows; the selector's query count does not grow with the country."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
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
            "form": RollupForm(
                initial={
                    "unit": area.code if area else "",
                    "kind": kind,
                    "period": key,
                    "behind_only": data.get("behind_only"),
                }
            ),
            "area": area,
            "national": bool(area and area.level == OrgUnit.Level.CENTRAL),
            "kind": kind,
            "period": key,
            "kind_label": BaseKind(kind).label,
            "page": page,
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
