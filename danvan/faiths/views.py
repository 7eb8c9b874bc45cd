from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.accounts.permissions import DATA_ENTRY_ROLES, has_any_role, scope_roots
from danvan.core.errors import ApplicationError
from danvan.core.exporting import xlsx_response
from danvan.core.locking import show_conflict, version_of
from danvan.core.submissions import submit_once
from danvan.faiths import exports, forms, selectors, services
from danvan.faiths import permissions as perms
from danvan.faiths.models import HolidayDate, Religion, mask
from danvan.organisations.forms import unit_from_form


def _default_unit(request) -> str:
    root = scope_roots(request.user, DATA_ENTRY_ROLES).first()
    return root.code if root else ""


def _village(form):
    """The village picked on `form`, None when left empty; False when the code is unknown (error on the form)."""
    if not form.cleaned_data.get("village"):
        return None
    return unit_from_form(form, "village") or False


@login_required
def index(request):
    religion = request.GET.get("religion", "")[:40]
    return render(
        request,
        "faiths/index.html",
        {
            "can_enter": has_any_role(request.user, DATA_ENTRY_ROLES),
            "religions": Religion.objects.filter(active=True),
            "religion": religion,
            "establishments": selectors.establishment_list_for_user(user=request.user, religion=religion),
            "areas": selectors.area_list_for_user(user=request.user, limit=50),
            "year": timezone.localdate().year,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def establishment_new(request):
    if request.method == "POST":
        form = forms.EstablishmentForm(request.POST)
        if form.is_valid() and (unit := unit_from_form(form)) is not None and (village := _village(form)) is not False:
            d = form.cleaned_data
            try:
                establishment = services.establishment_register(
                    actor=request.user,
                    unit=unit,
                    religion=d["religion"],
                    denomination=d["denomination"],
                    kind=d["kind"],
                    name=d["name"],
                    village=village,
                    address=d["address"],
                    note=d["note"],
                    dignitaries=forms.parse_dignitary_rows(d["dignitaries"]),
                    followers_year=d["followers_year"],
                    followers=d["followers"],
                )
            except ApplicationError as e:
                e.add_to_form(form)
            else:
                messages.success(request, _("%(name)s registered.") % {"name": establishment.name})
                return redirect("faiths:establishment_detail", code=establishment.code)
    else:
        form = forms.EstablishmentForm(
            initial={"unit": _default_unit(request), "followers_year": timezone.localdate().year}
        )
    return render(request, "faiths/form.html", {"form": form, "title": _("Register a religious establishment")})


@login_required
def establishment_detail(request, code):
    establishment = selectors.establishment_get_for_user(user=request.user, code=code)
    can_see = perms.can_see_dignitaries(request.user, establishment)
    dignitaries = list(establishment.dignitaries.all())
    if can_see and dignitaries:
        services.dignitaries_view_record(actor=request.user, establishment=establishment)
    return render(
        request,
        "faiths/establishment_detail.html",
        {
            "e": establishment,
            "dignitaries": dignitaries,
            "can_see": can_see,
            "can_edit": perms.can_edit_register(request.user, establishment.unit),
            "followers": list(establishment.followers.all()),
            "dignitary_form": forms.DignitaryForm(),
            "followers_form": forms.FollowersForm(initial={"year": timezone.localdate().year}),
            "visits": list(establishment.visits.select_related("holiday_date__holiday").order_by("-visit_on")[:20]),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def establishment_edit(request, code):
    establishment = selectors.establishment_get_for_user(user=request.user, code=code)
    if not perms.can_edit_register(request.user, establishment.unit):
        raise Http404("Không sửa được cơ sở này.")
    if request.method == "POST":
        form = forms.EstablishmentEditForm(request.POST)
        if form.is_valid() and (village := _village(form)) is not False:
            d = form.cleaned_data
            try:
                services.establishment_update(
                    actor=request.user,
                    establishment=establishment,
                    religion=d["religion"],
                    denomination=d["denomination"],
                    kind=d["kind"],
                    name=d["name"],
                    village=village,
                    address=d["address"],
                    note=d["note"],
                    expected_version=d["expected_version"],
                )
            except ApplicationError as e:
                show_conflict(form, e)
            else:
                messages.success(request, _("Changes saved."))
                return redirect("faiths:establishment_detail", code=code)
    else:
        e = establishment
        form = forms.EstablishmentEditForm(
            initial={
                "religion": e.religion_id,
                "denomination": e.denomination_id,
                "kind": e.kind,
                "name": e.name,
                "village": e.village.code if e.village else "",
                "address": e.address,
                "note": e.note,
                "expected_version": version_of(e),
            }
        )
    return render(request, "faiths/form.html", {"form": form, "title": _("Correct the establishment"), "back": code})


@login_required
@require_http_methods(["POST"])
@submit_once
def dignitary_add(request, code):
    establishment = selectors.establishment_get_for_user(user=request.user, code=code)
    form = forms.DignitaryForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.dignitary_add(actor=request.user, establishment=establishment, **d)
        except ApplicationError as e:
            messages.error(request, e.message)
        else:
            messages.success(request, _("Dignitary added."))
    else:
        messages.error(request, _("Write the full name and the position; the year of birth is four digits."))
    return redirect("faiths:establishment_detail", code=code)


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def dignitary_edit(request, code, pk):
    establishment = selectors.establishment_get_for_user(user=request.user, code=code)
    if not perms.can_see_dignitaries(request.user, establishment):
        raise Http404("Không tìm thấy chức sắc, chức việc.")
    dignitary = selectors.dignitary_get_for_user(user=request.user, establishment=establishment, pk=pk)
    if request.method == "POST":
        form = forms.DignitaryEditForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.dignitary_update(actor=request.user, dignitary=dignitary, **d)
            except ApplicationError as e:
                show_conflict(form, e)
            else:
                messages.success(request, _("Changes saved."))
                return redirect("faiths:establishment_detail", code=code)
    else:
        form = forms.DignitaryEditForm(
            initial={
                "full_name": dignitary.full_name,
                "position": dignitary.position,
                "kind": dignitary.kind,
                "birth_year": dignitary.birth_year,
                "active": dignitary.active,
                "expected_version": version_of(dignitary),
            }
        )
    return render(request, "faiths/form.html", {"form": form, "title": _("Correct a dignitary"), "back": code})


@login_required
@require_http_methods(["POST"])
@submit_once
def followers_set(request, code):
    establishment = selectors.establishment_get_for_user(user=request.user, code=code)
    form = forms.FollowersForm(request.POST)
    if form.is_valid():
        try:
            services.followers_set(actor=request.user, establishment=establishment, **form.cleaned_data)
        except ApplicationError as e:
            messages.error(request, e.message)
        else:
            messages.success(request, _("Followers saved."))
    else:
        messages.error(request, _("Followers: write a number of zero or more for the chosen year."))
    return redirect("faiths:establishment_detail", code=code)


@login_required
def register_export(request):
    if not has_any_role(request.user, DATA_ENTRY_ROLES):
        raise Http404("Không có sổ để xuất.")
    rows = selectors.establishment_list_for_user(user=request.user, limit=20_000, roles=DATA_ENTRY_ROLES)
    services.register_export_record(
        actor=request.user, unit=scope_roots(request.user, DATA_ENTRY_ROLES).first(), rows=len(rows), what="register"
    )
    return xlsx_response(
        filename=f"so-co-so-ton-giao-{timezone.localdate():%Y%m%d}.xlsx", sheets=exports.register_sheets(rows)
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def area_new(request):
    if request.method == "POST":
        form = forms.AreaForm(request.POST)
        if form.is_valid() and (unit := unit_from_form(form)) is not None and (village := _village(form)) is not False:
            d = form.cleaned_data
            try:
                area = services.ethnic_area_register(
                    actor=request.user,
                    unit=unit,
                    name=d["name"],
                    village=village,
                    note=d["note"],
                    populations=[
                        {"group": d["group"], "year": d["year"], "households": d["households"], "people": d["people"]}
                    ],
                )
            except ApplicationError as e:
                e.add_to_form(form)
            else:
                messages.success(request, _("%(name)s registered.") % {"name": area.name})
                return redirect("faiths:area_detail", code=area.code)
    else:
        form = forms.AreaForm(initial={"unit": _default_unit(request), "year": timezone.localdate().year})
    return render(request, "faiths/form.html", {"form": form, "title": _("Register an ethnic-minority area")})


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def area_detail(request, code):
    area = selectors.area_get_for_user(user=request.user, code=code)
    can_edit = perms.can_edit_register(request.user, area.unit)
    form = forms.PopulationForm(initial={"year": timezone.localdate().year})
    if request.method == "POST":
        if not can_edit:
            raise Http404("Không nhập được số liệu của vùng này.")
        form = forms.PopulationForm(request.POST)
        if form.is_valid():
            try:
                services.ethnic_population_set(actor=request.user, area=area, **form.cleaned_data)
            except ApplicationError as e:
                e.add_to_form(form)
            else:
                messages.success(request, _("Population saved."))
                return redirect("faiths:area_detail", code=code)
    populations = list(area.populations.select_related("group"))
    return render(
        request,
        "faiths/area_detail.html",
        {"area": area, "populations": populations, "can_edit": can_edit, "form": form},
    )


@login_required
def calendar(request):
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    year = min(max(year, 2000), 2100)
    return render(
        request,
        "faiths/calendar.html",
        {
            "year": year,
            "rows": selectors.calendar_for_user(user=request.user, year=year),
            "can_enter": has_any_role(request.user, DATA_ENTRY_ROLES),
        },
    )


def _visit_form(request, data=None, *, edit=False, **kwargs):
    cls = forms.VisitEditForm if edit else forms.VisitForm
    today = timezone.localdate()
    return cls(
        data,
        holiday_dates=HolidayDate.objects.filter(year__range=(today.year - 1, today.year + 1))
        .select_related("holiday")
        .order_by("date"),
        establishments=selectors.establishments_to_choose(user=request.user),
        areas=selectors.areas_to_choose(user=request.user),
        **kwargs,
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def visit_new(request):
    if request.method == "POST":
        form = _visit_form(request, request.POST)
        if form.is_valid() and (unit := unit_from_form(form)) is not None:
            d = form.cleaned_data
            try:
                visit = services.visit_plan(
                    actor=request.user, unit=unit, **{k: v for k, v in d.items() if k != "unit"}
                )
            except ApplicationError as e:
                e.add_to_form(form)
            else:
                messages.success(request, _("Visit %(code)s planned.") % {"code": visit.code})
                return redirect(f"{_calendar_url()}?year={visit.visit_on.year}")
    else:
        initial = {"unit": _default_unit(request)}
        holiday = HolidayDate.objects.filter(pk=request.GET.get("holiday") or 0).first()
        if holiday is not None:
            initial.update({"holiday_date": holiday.pk, "visit_on": holiday.date})
        establishment = request.GET.get("establishment", "")[:20]
        if establishment:
            found = selectors.establishments_to_choose(user=request.user).filter(code=establishment).first()
            initial["establishment"] = found.pk if found else None
        form = _visit_form(request, initial=initial)
    return render(request, "faiths/form.html", {"form": form, "title": _("Plan a holiday visit")})


def _calendar_url() -> str:
    from django.urls import reverse

    return reverse("faiths:calendar")


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def visit_edit(request, code):
    visit = selectors.visit_get_for_user(user=request.user, code=code)
    if not perms.can_edit_register(request.user, visit.unit):
        raise Http404("Không sửa được lịch thăm này.")
    if request.method == "POST":
        form = _visit_form(request, request.POST, edit=True)
        if form.is_valid():
            try:
                visit = services.visit_update(actor=request.user, visit=visit, **form.cleaned_data)
            except ApplicationError as e:
                show_conflict(form, e)
            else:
                messages.success(request, _("Changes saved."))
                return redirect(f"{_calendar_url()}?year={visit.visit_on.year}")
    else:
        form = _visit_form(
            request,
            edit=True,
            initial={
                "holiday_date": visit.holiday_date_id,
                "visit_on": visit.visit_on,
                "establishment": visit.establishment_id,
                "ethnic_area": visit.ethnic_area_id,
                "place": visit.place,
                "delegation": visit.delegation,
                "gifts": visit.gifts,
                "status": visit.status,
                "result": visit.result,
                "expected_version": version_of(visit),
            },
        )
    return render(request, "faiths/form.html", {"form": form, "title": _("Visit %(code)s") % {"code": visit.code}})


def _commendation_form(request, data=None, **kwargs):
    from danvan.movements.models import Movement
    from danvan.movements.selectors import movement_list_for_user

    movements = [m.pk for m in movement_list_for_user(user=request.user, limit=200)]
    return forms.CommendationForm(
        data,
        establishments=selectors.establishments_to_choose(user=request.user),
        dignitaries=selectors.dignitaries_to_choose(user=request.user),
        movements=Movement.objects.filter(pk__in=movements).order_by("-start_date", "-id"),
        **kwargs,
    )


@login_required
def commendations(request):
    rows = selectors.commendation_list_for_user(user=request.user)
    for c in rows:
        c.shown_dignitary = ""
        # A follower's name is personal data too: masked for those who may not enter the commune's data.
        c.shown_person = c.person_name if perms.can_edit_register(request.user, c.unit) else mask(c.person_name)
        if c.dignitary_id:
            d = c.dignitary
            visible = perms.can_see_dignitaries(request.user, c.establishment or d.establishment)
            c.shown_dignitary = f"{d.position} {d.full_name if visible else mask(d.full_name)}"
    return render(
        request,
        "faiths/commendations.html",
        {"rows": rows, "can_enter": has_any_role(request.user, DATA_ENTRY_ROLES)},
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def commendation_new(request):
    if request.method == "POST":
        form = _commendation_form(request, request.POST)
        if form.is_valid() and (unit := unit_from_form(form)) is not None:
            d = form.cleaned_data
            try:
                services.commendation_record(
                    actor=request.user, unit=unit, **{k: v for k, v in d.items() if k != "unit"}
                )
            except ApplicationError as e:
                e.add_to_form(form)
            else:
                messages.success(request, _("Commendation recorded."))
                return redirect("faiths:commendations")
    else:
        form = _commendation_form(request, initial={"unit": _default_unit(request), "year": timezone.localdate().year})
    return render(request, "faiths/form.html", {"form": form, "title": _("Record a commendation")})


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def commendation_edit(request, code):
    commendation = selectors.commendation_get_for_user(user=request.user, code=code)
    if not perms.can_edit_register(request.user, commendation.unit):
        raise Http404("Không sửa được khen thưởng này.")
    if request.method == "POST":
        form = forms.CommendationEditForm(request.POST)
        if form.is_valid():
            try:
                services.commendation_update(actor=request.user, commendation=commendation, **form.cleaned_data)
            except ApplicationError as e:
                show_conflict(form, e)
            else:
                messages.success(request, _("Changes saved."))
                return redirect("faiths:commendations")
    else:
        c = commendation
        form = forms.CommendationEditForm(
            initial={
                "person_name": c.person_name,
                "movement_name": c.movement_name,
                "form": c.form,
                "reason": c.reason,
                "decided_on": c.decided_on,
                "expected_version": version_of(c),
            }
        )
    return render(request, "faiths/form.html", {"form": form, "title": _("Correct a commendation")})
