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
    PopulationForm,
    StatisticsForm,
)
from danvan.members.imports import (
    COLUMNS,
    LABELS,
    members_import_check,
    members_import_start,
    members_upload_keep,
    read_member_table,
)
from danvan.members.permissions import can_manage_branch
from danvan.organisations.models import OrgUnit


@login_required
def index(request):
    from django.core.paginator import Paginator

    # A province's or the centre's Hội sees thousands of branches: 50 a page.
    page = Paginator(selectors.branches_for_user(user=request.user), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "members/index.html",
        {"branches": page, "areas": selectors.statistics_areas_for_user(user=request.user)},
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
    population = selectors.population_of_age(scope=scope)
    share = round(100 * stats["any"]["total"] / population["people_of_age"], 1) if population["people_of_age"] else None
    population_form = None
    if scope.startswith("C"):
        population_form = PopulationForm(initial={"area": scope, "year": today.year})
    return render(
        request,
        "members/statistics.html",
        {
            "form": form,
            "scope": scope,
            "name": name,
            "stats": stats,
            "population": population,
            "share": share,
            "population_form": population_form,
            "breakdowns": [
                (_("By ethnicity"), stats["ethnicity"]),
                (_("By religion"), stats["religion"]),
                (_("By occupation"), stats["occupation"]),
            ],
        },
    )


@login_required
@require_POST
@submit_once
def population_set(request):
    from danvan.organisations.models import AdminUnit

    form = PopulationForm(request.POST)
    area = (request.POST.get("area") or "")[:16]
    commune = AdminUnit.objects.filter(
        code=area, generation=AdminUnit.Generation.CURRENT, level=AdminUnit.Level.COMMUNE
    ).first()
    if commune is None:
        raise Http404
    if not form.is_valid():
        messages.error(request, _("Population of age: enter a whole number, and a year from 2000."))
        return redirect(f"{reverse('members:statistics')}?area={commune.code}")
    try:
        services.population_set(
            actor=request.user,
            commune=commune,
            year=form.cleaned_data["year"],
            people_of_age=form.cleaned_data["people_of_age"],
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Population of age saved."))
    return redirect(f"{reverse('members:statistics')}?area={commune.code}")


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
    members = list(selectors.branch_members(branch=branch))
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
        headers=[LABELS[k] for k in COLUMNS if k != "branch"],
        rows=rows,
    )


@login_required
def branch_import_template(request, code):
    from danvan.core.exporting import xlsx_response

    branch = selectors.branch_get_for_user(user=request.user, code=code)
    return xlsx_response(
        filename="mau-danh-sach-hoi-vien.xlsx",
        sheet_title="Danh sách",
        headers=[LABELS[k] for k in COLUMNS if k != "branch"],
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
    from danvan.core.models import StoredFile

    branch = selectors.branch_get_for_user(user=request.user, code=code)
    if not can_manage_branch(request.user, branch):
        raise Http404
    form = MemberImportForm(request.POST or None, request.FILES or None)
    context = {"branch": branch, "form": form, "errors": [], "plan": None}
    if request.method == "POST" and request.POST.get("upload"):
        # Step 2: the decisions on the proposals of a file checked a moment ago.
        upload = StoredFile.objects.filter(public_id=_uuid(request.POST["upload"]), uploaded_by=request.user).first()
        if upload is None:
            raise Http404
        decisions = {
            key.removeprefix("decision_"): value
            for key, value in request.POST.items()
            if key.startswith("decision_") and value in {"same", "new"}
        }
        job = members_import_start(actor=request.user, branch=branch, upload_id=upload.pk, decisions=decisions)
        return redirect("core:job", public_id=job.public_id)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        try:
            rows = read_member_table(filename=upload.name, content=content)
            plan = members_import_check(actor=request.user, branch=branch, rows=rows)
        except ApplicationError as exc:
            exc.add_to_form(form)
            context["errors"] = exc.extra.get("errors", [])
        else:
            stored = members_upload_keep(actor=request.user, filename=upload.name, content=content)
            if not plan.proposals:
                job = members_import_start(actor=request.user, branch=branch, upload_id=stored.pk, decisions={})
                return redirect("core:job", public_id=job.public_id)
            context.update({"plan": plan, "upload": stored, "rows": len(rows)})
            return render(request, "members/branch_import_confirm.html", context)
    return render(request, "members/branch_import.html", context)


def _uuid(value: str):
    import uuid

    try:
        return uuid.UUID(value)
    except ValueError:
        raise Http404 from None


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
