from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from danvan.core.errors import ApplicationError
from danvan.core.locking import show_conflict, version_of
from danvan.core.submissions import submit_once
from danvan.members import selectors, services
from danvan.members.forms import (
    BranchCreateForm,
    MemberAddForm,
    MemberImportForm,
    MembershipEndForm,
    PersonEditForm,
    PopulationCorrectForm,
    PopulationDeleteForm,
    PopulationImportForm,
    PopulationRowsForm,
    StatisticsForm,
)
from danvan.members.imports import (
    BRANCH_COLUMNS,
    LABELS,
)
from danvan.members.permissions import can_manage_branch
from danvan.members.population import (
    Figure,
    figure_problems,
    population_communes_for_user,
    population_correct,
    population_delete,
    population_figures,
    population_history,
    population_import_check,
    population_import_start,
    population_save,
    population_template_rows,
    read_population_table,
    years_offered,
)
from danvan.organisations.models import OrgUnit


@login_required
def index(request):
    from django.core.paginator import Paginator

    # A province's or the centre's Hội sees thousands of branches: 50 a page.
    # Each branch's current members from its maintained count (Branch.member_count): nothing counted here.
    page = Paginator(selectors.branches_for_user(user=request.user), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "members/index.html",
        {
            "branches": page,
            "areas": selectors.statistics_areas_for_user(user=request.user),
            "can_import_list": selectors.import_bodies_for(request.user).exists(),
        },
    )


@login_required
def statistics(request):
    areas = selectors.statistics_areas_for_user(user=request.user)
    if not areas:
        raise Http404
    form = StatisticsForm(request.GET or None, areas=areas)
    scope = request.GET.get("area") or areas[0][0]
    scope, name = selectors.statistics_area_get_for_user(user=request.user, scope=scope[:16])
    today = timezone.localdate()
    stats = selectors.member_statistics(scope=scope, today=today)
    population = selectors.population_share(scope=scope, members=stats["any"])
    return render(
        request,
        "members/statistics.html",
        {
            "form": form,
            "scope": scope,
            "name": name,
            "stats": stats,
            "population": population,
            "can_enter_population": population_communes_for_user(user=request.user).exists(),
            "breakdowns": [
                (_("By ethnicity"), stats["ethnicity"]),
                (_("By religion"), stats["religion"]),
                (_("By occupation"), stats["occupation"]),
            ],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def branch_new(request):
    form = BranchCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        units = {
            u.code: u for u in OrgUnit.objects.filter(code__in=[form.cleaned_data["owner"], form.cleaned_data["place"]])
        }
        owner = units.get((form.cleaned_data["owner"] or "").upper())
        place = units.get((form.cleaned_data["place"] or "").upper())
        if owner is None:
            form.add_error("owner", _("Choose a unit from the list: type part of its name, then pick it."))
        elif form.cleaned_data["place"] and place is None:
            form.add_error("place", _("Choose a unit from the list: type part of its name, then pick it."))
        else:
            try:
                branch = services.branch_create(
                    actor=request.user,
                    organisation=form.cleaned_data["organisation"],
                    owner=owner,
                    place=place,
                    name=form.cleaned_data["name"],
                )
            except ApplicationError as exc:
                exc.add_to_form(form)
            else:
                messages.success(request, _("Branch opened."))
                return redirect("members:branch", code=branch.code)
    return render(request, "members/branch_new.html", {"form": form})


@login_required
def branch(request, code):
    branch = selectors.branch_get_for_user(user=request.user, code=code)
    # A branch of a large commune holds thousands: 100 a page, the total above.
    members = selectors.branch_members_page(branch=branch, number=request.GET.get("page"))
    return render(
        request,
        "members/branch.html",
        {"branch": branch, "members": members, "can_manage": can_manage_branch(request.user, branch)},
    )


@login_required
@require_POST
@submit_once
def branch_export(request, code):
    from danvan.core.exporting import xlsx_response

    branch = selectors.branch_get_for_user(user=request.user, code=code)
    try:
        rows = services.branch_members_export(actor=request.user, branch=branch)
    except ApplicationError:
        raise Http404 from None
    return xlsx_response(
        filename=f"danh-sach-{branch.code}.xlsx",
        sheet_title="Danh sách",
        headers=[LABELS[k] for k in BRANCH_COLUMNS],
        rows=rows,
    )


@login_required
def branch_import_template(request, code):
    from danvan.core.exporting import xlsx_response

    branch = selectors.branch_get_for_user(user=request.user, code=code)
    return xlsx_response(
        filename="mau-danh-sach-hoi-vien.xlsx",
        sheet_title="Danh sách",
        headers=[LABELS[k] for k in BRANCH_COLUMNS],
        rows=[
            [
                "Nguyễn Văn A",
                "15/03/1980",
                "Nam",
                "",
                "Kinh",
                "Không",
                "Làm ruộng",
                branch.place.name if branch.place else "",
                "01/05/2010",
                "",
            ]
        ],
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def branch_import(request, code):
    """Step 1: upload and check the whole file. Step 2 (only when danvan finds likely duplicates): the officer
    confirms or denies each. Then the import runs as a background job."""
    from danvan.members.import_flow import import_steps

    branch = selectors.branch_get_for_user(user=request.user, code=code)
    if not can_manage_branch(request.user, branch):
        raise Http404
    form = MemberImportForm(request.POST or None, request.FILES or None)
    return import_steps(
        request,
        form=form,
        context={"branch": branch, "form": form, "errors": [], "plan": None},
        target_of_form=lambda: {"branch": branch},
        target_of_confirmation=lambda: {"branch": branch},
        target_name=lambda target: target["branch"].name,
        links={
            "back_url": reverse("members:branch", args=[branch.code]),
            "import_url": reverse("members:branch_import", args=[branch.code]),
        },
        template="members/branch_import.html",
    )


@login_required
def person(request, public_id):
    person, memberships = selectors.person_get_for_user(user=request.user, public_id=public_id)
    full_cccd = any(can_manage_branch(request.user, m.branch) for m in memberships)
    return render(
        request,
        "members/person.html",
        {
            "person": person,
            "memberships": memberships,
            "full_cccd": full_cccd,
            "managed": {m.pk for m in memberships if m.is_current and can_manage_branch(request.user, m.branch)},
            "editable": {m.pk for m in memberships if can_manage_branch(request.user, m.branch)},
            "end_form": MembershipEndForm(initial={"left_on": timezone.localdate()}),
        },
    )


def _managed_branch(user, memberships):
    return next((m.branch for m in memberships if can_manage_branch(user, m.branch)), None)


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def person_edit(request, public_id):
    """Correct a person's record: an officer of one of their branches; audited, with optimistic locking."""
    person, memberships = selectors.person_get_for_user(user=request.user, public_id=public_id)
    branch = _managed_branch(request.user, memberships)
    if branch is None:
        raise Http404
    initial = {name: getattr(person, name) for name in services.PERSON_FIELDS} | {"version": version_of(person)}
    form = PersonEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        expected = data.pop("version")
        try:
            services.person_update(actor=request.user, person=person, branch=branch, expected_version=expected, **data)
        except ApplicationError as exc:
            show_conflict(form, exc)
        else:
            messages.success(request, _("Record corrected."))
            return redirect("members:person", public_id=person.public_id)
    return render(request, "members/person_edit.html", {"person": person, "form": form})


@login_required
@require_POST
@submit_once
def membership_end(request, public_id, membership_id):
    person, memberships = selectors.person_get_for_user(user=request.user, public_id=public_id)
    membership = next((m for m in memberships if m.pk == membership_id), None)
    if membership is None or not can_manage_branch(request.user, membership.branch):
        raise Http404
    form = MembershipEndForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Date left: write it as dd/mm/yyyy."))
        return redirect("members:person", public_id=person.public_id)
    try:
        services.membership_end(actor=request.user, membership=membership, left_on=form.cleaned_data["left_on"])
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("members:person", public_id=person.public_id)
    messages.success(request, _("Recorded: the member left the organisation."))
    return redirect("members:person", public_id=person.public_id)


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def member_new(request, code):
    """Add one member. Without a CCCD, people of the same name, date of birth and commune are offered first: the
    officer says whether it is one of them (one person, one more membership) or someone else."""
    branch = selectors.branch_get_for_user(user=request.user, code=code)
    if not can_manage_branch(request.user, branch):
        raise Http404
    form = MemberAddForm(request.POST or None)
    candidates = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = None
        choice = request.POST.get("same_person", "")
        if not data["cccd"]:
            candidates = selectors.likely_same_people(
                full_name=data["full_name"],
                birth_date=data["birth_date"],
                commune=branch.commune,
                exclude_organisation=branch.organisation,
            )
            person = next((p for p in candidates if str(p.public_id) == choice), None)
        if candidates and person is None and choice != "new":
            # First time through: ask.
            return render(
                request, "members/member_new.html", {"branch": branch, "form": form, "candidates": candidates}
            )
        try:
            membership = services.member_add(actor=request.user, branch=branch, person=person, **data)
        except ApplicationError as exc:
            exc.add_to_form(form)
            candidates = []
        else:
            messages.success(request, _("Member added."))
            return redirect("members:person", public_id=membership.person.public_id)
    return render(request, "members/member_new.html", {"branch": branch, "form": form, "candidates": candidates})


def _population_scope(request, params):
    """(communes listed, year, province code, provinces) for the population pages; 404 without a commune to enter."""
    communes = list(population_communes_for_user(user=request.user))
    if not communes:
        raise Http404
    provinces = sorted({(c.parent.code, c.parent.name) for c in communes})
    year = _population_year(params)
    province = params.get("province") if params.get("province") in {code for code, _name in provinces} else None
    province = province or provinces[0][0]
    return [c for c in communes if c.parent.code == province], year, province, provinces


def _population_year(params) -> int:
    """The year asked for if it is one offered, else the latest: never int() of whatever was typed."""
    years = years_offered()
    asked = str(params.get("year") or "")
    year = int(asked) if asked.isascii() and asked.isdecimal() and len(asked) == 4 else years[0]
    return year if year in years else years[0]


def _blank(n) -> str:
    return "" if n is None else str(n)


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def population(request):
    """The population of age of the communes in the officer's scope for a year, a row a commune."""
    import json

    communes, year, province, provinces = _population_scope(request, request.POST or request.GET)
    stored = population_figures(communes=communes, year=year)
    shown = {
        c.code: [stored[c.pk].version, [stored[c.pk].male, stored[c.pk].female, stored[c.pk].people_of_age]]
        if c.pk in stored
        else [0, None]
        for c in communes
    }
    initial = {
        "year": year,
        "province": province,
        "shown": json.dumps(shown),
        "rows": "\n".join(
            " | ".join([c.code, _blank(r.male), _blank(r.female), _blank(r.people_of_age)])
            if (r := stored.get(c.pk))
            else c.code
            for c in communes
        ),
    }
    form = PopulationRowsForm(request.POST or None, communes=communes, initial=initial)
    if request.method == "POST" and form.is_valid():
        figures = _population_figures(form, communes)
        if figures is not None:
            try:
                summary = population_save(
                    actor=request.user, year=year, figures=figures, shown=_shown(form.cleaned_data["shown"])
                )
            except ApplicationError as exc:
                if exc.code == "conflict":
                    # The page now carries the figures stored: saving again is a choice made after reading them.
                    data = form.data.copy()
                    data["shown"] = json.dumps(_shown_json(form.cleaned_data["shown"]) | exc.extra["current"])
                    form.data = data
                    form.add_error(None, exc.message)
                else:
                    exc.add_to_form(form)
            else:
                messages.success(
                    request,
                    _("Population saved: %(created)s communes added, %(changed)s changed, %(unchanged)s unchanged.")
                    % summary,
                )
                return redirect(f"{reverse('members:population')}?year={year}&province={province}")
    return render(
        request,
        "members/population.html",
        {
            "form": form,
            "year": year,
            "years": years_offered(),
            "province": province,
            "provinces": provinces,
            "communes": [(c, stored.get(c.pk)) for c in communes],
        },
    )


def _population_figures(form, communes) -> list[Figure] | None:
    """The rows of the form as figures, or None after putting every error (row, commune, column) on the form."""
    by_code = {c.code: c for c in communes}
    labels = {"male": _("Men of age"), "female": _("Women of age"), "total": _("Total of age")}
    figures, seen, errors = [], {}, []
    for number, (code, male, female, total) in enumerate(form.cells(), start=1):
        commune = by_code.get(code)
        values, problems = figure_problems(male, female, total)
        if commune is None:
            if values is not None or problems:
                errors.append(_("Row %(n)s, Commune: choose a commune from the list.") % {"n": number})
            continue
        if commune.pk in seen:
            errors.append(
                _("Row %(n)s, Commune: %(name)s is already on row %(first)s; keep one row per commune.")
                % {"n": number, "name": commune.name, "first": seen[commune.pk]}
            )
            continue
        seen[commune.pk] = number
        for key, problem in problems:
            errors.append(
                _("Row %(n)s (%(name)s), %(column)s: %(problem)s")
                % {"n": number, "name": commune.name, "column": labels[key], "problem": problem}
            )
        if values is not None:
            figures.append(Figure(commune=commune, male=values[0], female=values[1], total=values[2], line=number))
    for message in errors[:50]:
        form.add_error("rows", message)
    return None if errors else figures


def _shown_json(text: str) -> dict:
    import json

    try:
        data = json.loads(text or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _shown(text: str) -> dict | None:
    """The page's versions and figures as population_save takes them; None (no check) when the page sent none."""
    shown = {}
    for code, value in _shown_json(text).items():
        try:
            version, figures = value
            shown[str(code)] = (int(version), tuple(figures) if figures else None)
        except (TypeError, ValueError):
            continue
    return shown or None


def _population_commune(request, code):
    """The commune of the URL, if its population is the user's to enter; 404 otherwise (missing or forbidden)."""
    from danvan.organisations.models import AdminUnit

    commune = (
        AdminUnit.objects.filter(code=code[:16], generation=AdminUnit.Generation.CURRENT, level=AdminUnit.Level.COMMUNE)
        .select_related("parent")
        .first()
    )
    if commune is None or not population_communes_for_user(user=request.user).filter(pk=commune.pk).exists():
        raise Http404
    return commune


@login_required
def population_history_page(request, code):
    from danvan.members.models import CommunePopulation

    commune = _population_commune(request, code)
    return render(
        request,
        "members/population_history.html",
        {
            "commune": commune,
            "figures": CommunePopulation.objects.filter(commune=commune).select_related("entered_by").order_by("-year"),
            "events": population_history(commune=commune),
        },
    )


def _population_figure(request, code, year):
    from danvan.members.models import CommunePopulation

    commune = _population_commune(request, code)
    row = CommunePopulation.objects.filter(commune=commune, year=year).select_related("entered_by").first()
    if row is None:
        raise Http404
    return commune, row


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def population_figure(request, code, year):
    """Correct one commune's figure for a year (locked, audited, with an optional reason); the form to remove it
    is on the same page."""
    commune, row = _population_figure(request, code, year)
    initial = {
        "male": _blank(row.male),
        "female": _blank(row.female),
        "total": _blank(row.people_of_age),
        "version": version_of(row),
    }
    form = PopulationCorrectForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            population_correct(
                actor=request.user,
                commune=commune,
                year=year,
                male=d["male"],
                female=d["female"],
                total=d["total"],
                reason=d["reason"],
                expected_version=d["version"],
            )
        except ApplicationError as exc:
            show_conflict(form, exc)
        else:
            messages.success(
                request, _("Population of %(name)s for %(year)s saved.") % {"name": commune.name, "year": year}
            )
            return redirect("members:population_history", code=commune.code)
    delete_form = PopulationDeleteForm(prefix="remove", initial={"version": version_of(row)})
    return render(
        request,
        "members/population_figure.html",
        {"commune": commune, "row": row, "year": year, "form": form, "delete_form": delete_form},
    )


@login_required
@require_POST
@submit_once
def population_figure_delete(request, code, year):
    commune, row = _population_figure(request, code, year)
    form = PopulationDeleteForm(request.POST, prefix="remove")
    if form.is_valid():
        try:
            population_delete(
                actor=request.user,
                commune=commune,
                year=year,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
        except ApplicationError as exc:
            show_conflict(form, exc)
        else:
            messages.success(
                request, _("Population of %(name)s for %(year)s removed.") % {"name": commune.name, "year": year}
            )
            return redirect("members:population_history", code=commune.code)
    return render(
        request,
        "members/population_figure.html",
        {
            "commune": commune,
            "row": row,
            "year": year,
            "form": PopulationCorrectForm(
                initial={
                    "male": _blank(row.male),
                    "female": _blank(row.female),
                    "total": _blank(row.people_of_age),
                    "version": version_of(row),
                }
            ),
            "delete_form": form,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def population_import(request):
    """Upload and check the whole file here (errors by row and column, nothing written); then the import runs as
    a background job with its progress on the job's page."""
    _communes, year, province, _provinces = _population_scope(request, request.GET)
    form = PopulationImportForm(request.POST or None, request.FILES or None, years=years_offered())
    if request.method == "GET":
        form.initial["year"] = year
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > 2 * 1024 * 1024:
                raise ApplicationError("Tệp: lớn hơn 2 MB; hãy chia thành nhiều tệp (ví dụ theo tỉnh).", field="file")
            content = upload.read()
            rows = read_population_table(filename=upload.name, content=content)
            population_import_check(actor=request.user, year=form.cleaned_data["year"], rows=rows)
        except ApplicationError as exc:
            exc.add_to_form(form)
            errors = exc.extra.get("errors", [])
        else:
            job = population_import_start(
                actor=request.user, year=form.cleaned_data["year"], filename=upload.name, content=content
            )
            return redirect("core:job", public_id=job.public_id)
    return render(
        request,
        "members/population_import.html",
        {"form": form, "errors": errors, "year": year, "province": province},
    )


@login_required
def population_template(request):
    from danvan.core.exporting import xlsx_response

    communes = list(population_communes_for_user(user=request.user))
    if not communes:
        raise Http404
    year = _population_year(request.GET)
    if request.GET.get("province"):
        communes = [c for c in communes if c.parent.code == request.GET["province"]] or communes
    return xlsx_response(
        filename=f"mau-dan-so-{year}.xlsx",
        sheet_title=f"Dân số {year}",
        headers=["Tỉnh", "Xã", "Nam", "Nữ", "Tổng"],
        rows=population_template_rows(communes=communes, year=year),
    )
