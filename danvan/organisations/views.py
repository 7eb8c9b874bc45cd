from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from danvan.accounts.permissions import can_edit_unit, can_manage_accounts, can_view_audit
from danvan.core.errors import ApplicationError
from danvan.core.locking import show_conflict, version_of
from danvan.core.submissions import submit_once
from danvan.organisations import services
from danvan.organisations.forms import (
    OrgUnitCreateForm,
    OrgUnitUpdateForm,
    PositionAssignForm,
    UnitSearchForm,
    VillageImportForm,
)
from danvan.organisations.imports import read_table, villages_import, villages_import_start
from danvan.organisations.selectors import (
    adminunit_predecessors,
    adminunit_search,
    orgunit_ancestors_for_user,
    orgunit_children_for_user,
    orgunit_get_for_user,
    orgunit_roots_for_user,
    orgunit_search_for_user,
    positions_for_unit,
)


@login_required
def tree(request):
    return render(request, "organisations/tree.html", {"roots": orgunit_roots_for_user(user=request.user)})


@login_required
def children(request, code):
    unit = orgunit_get_for_user(user=request.user, code=code)
    return render(
        request,
        "organisations/_children.html",
        {"unit": unit, "children": orgunit_children_for_user(user=request.user, unit=unit)},
    )


@login_required
def search(request):
    form = UnitSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    results = orgunit_search_for_user(user=request.user, query=query) if query else []
    template = (
        "organisations/_search_results.html" if request.headers.get("HX-Request") else "organisations/search.html"
    )
    return render(request, template, {"form": form, "query": query, "results": results})


@login_required
def pick(request):
    """The unit picker's answers: units in the person's scope matching the typed words (diacritics optional)."""
    from django.http import JsonResponse

    query = (request.GET.get("q") or "")[:100]
    kinds = {k for k in (request.GET.get("kinds") or "").split(",") if k}
    units = orgunit_search_for_user(user=request.user, query=query, limit=40) if len(query.strip()) >= 2 else []
    if kinds:
        units = [u for u in units if u.kind in kinds]
    results = [
        {"code": u.code, "name": u.name, "path": " · ".join(n for n in (u.parent.name if u.parent else "",) if n)}
        for u in units[:15]
    ]
    return JsonResponse({"results": results, "empty": _("No unit in your scope matches these words.")})


@login_required
def detail(request, code):
    unit = orgunit_get_for_user(user=request.user, code=code)
    admin_unit = unit.admin_unit
    context = {
        "unit": unit,
        "ancestors": orgunit_ancestors_for_user(request.user, unit),
        "children": orgunit_children_for_user(user=request.user, unit=unit),
        "positions": positions_for_unit(unit=unit),
        "admin_unit": admin_unit,
        "predecessors": list(adminunit_predecessors(admin_unit))
        if admin_unit and unit.level == "commune" and unit.kind == "party_committee"
        else [],
        "can_edit": can_edit_unit(request.user, unit),
        "can_manage_accounts": can_manage_accounts(request.user, unit),
        "can_view_audit": can_view_audit(request.user, unit),
        "create_form": OrgUnitCreateForm(),
        "position_form": PositionAssignForm(),
    }
    if context["can_manage_accounts"]:
        context["assignments"] = unit.role_assignments.select_related("user").order_by("role", "user__username")
    return render(request, "organisations/detail.html", context)


def _editable_unit(request, code):
    unit = orgunit_get_for_user(user=request.user, code=code)
    if not can_edit_unit(request.user, unit):
        raise Http404
    return unit


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def update(request, code):
    unit = _editable_unit(request, code)
    form = OrgUnitUpdateForm(
        request.POST or None,
        initial={"name": unit.name, "is_active": unit.is_active, "expected_version": version_of(unit)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.orgunit_update(actor=request.user, unit=unit, **form.cleaned_data)
        except ApplicationError as exc:
            show_conflict(form, exc)
        else:
            messages.success(request, _("Unit updated."))
            return redirect("organisations:detail", code=unit.code)
    return render(
        request,
        "organisations/form.html",
        {
            "unit": unit,
            "form": form,
            "title": _("Edit unit"),
            "ancestors": orgunit_ancestors_for_user(request.user, unit),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def create_child(request, code):
    parent = _editable_unit(request, code)
    form = OrgUnitCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.orgunit_create(actor=request.user, parent=parent, **form.cleaned_data)
        except ApplicationError as exc:
            exc.add_to_form(form)
        else:
            messages.success(request, _("Unit %(name)s added.") % {"name": unit.name})
            return redirect("organisations:detail", code=unit.code)
    return render(
        request,
        "organisations/form.html",
        {
            "unit": parent,
            "form": form,
            "title": _("Add a unit below this one"),
            "ancestors": orgunit_ancestors_for_user(request.user, parent),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def position_add(request, code):
    unit = _editable_unit(request, code)
    form = PositionAssignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.position_assign(actor=request.user, unit=unit, **form.cleaned_data)
        except ApplicationError as exc:
            exc.add_to_form(form)
        else:
            messages.success(request, _("Position recorded."))
            return redirect("organisations:detail", code=unit.code)
    return render(
        request,
        "organisations/form.html",
        {
            "unit": unit,
            "form": form,
            "title": _("Record a position"),
            "ancestors": orgunit_ancestors_for_user(request.user, unit),
        },
    )


@login_required
@require_POST
@submit_once
def position_end(request, code, position_id):
    unit = _editable_unit(request, code)
    position = unit.positions.filter(pk=position_id).first()
    if position is None:
        raise Http404
    try:
        services.position_end(actor=request.user, position=position, end_date=timezone.localdate())
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Position ended."))
    return redirect("organisations:detail", code=unit.code)


@login_required
def places(request):
    """Look up an administrative unit, current or legacy, and where its territory is today."""
    query = request.GET.get("q", "")[:100]
    return render(request, "organisations/places.html", {"query": query, "units": adminunit_search(query=query)})


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def village_import(request, code):
    """Upload thôn / tổ dân phố / tổ dân vận for the communes under this unit."""
    unit = _editable_unit(request, code)
    form = VillageImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        try:
            # Checked here first, so a wrong file gets its errors by row at once; the job checks again and writes.
            rows = read_table(filename=upload.name, content=content)
            villages_import(actor=request.user, rows=rows, dry_run=True)
        except ApplicationError as exc:
            exc.add_to_form(form)
            errors = exc.extra.get("errors", [])
        else:
            if form.cleaned_data["dry_run"]:
                messages.success(request, _("The file is valid: %(n)s rows can be imported.") % {"n": len(rows)})
            else:
                job = villages_import_start(actor=request.user, unit=unit, filename=upload.name, content=content)
                return redirect("core:job", public_id=job.public_id)
    return render(
        request,
        "organisations/village_import.html",
        {"unit": unit, "form": form, "errors": errors, "ancestors": orgunit_ancestors_for_user(request.user, unit)},
    )


@login_required
def village_import_template(request, code):
    from danvan.core.exporting import xlsx_response
    from danvan.organisations.models import OrgUnit

    unit = _editable_unit(request, code)
    # The communes in scope with their codes already filled in: nobody types a code (issue 14).
    communes = (
        OrgUnit.objects.filter(
            kind=OrgUnit.Kind.PARTY_COMMITTEE,
            level=OrgUnit.Level.COMMUNE,
            ancestor_links__ancestor=unit,
            admin_unit__isnull=False,
        )
        .select_related("admin_unit")
        .order_by("sort_order", "name")[:5000]
    )
    rows = [[c.admin_unit.gso_code, c.name, "", ""] for c in communes]
    return xlsx_response(
        filename="mau-nhap-thon.xlsx",
        sheet_title="Thôn, tổ dân phố",
        headers=["Mã xã", "Xã", "Tên", "Loại"],
        rows=rows,
    )
