"""Mobilising residents for projects: the list, a project with its dashboard, a household with its contacts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.accounts.permissions import can_view_unit
from danvan.core.errors import ApplicationError
from danvan.core.locking import show_conflict, version_of
from danvan.core.submissions import submit_once
from danvan.democracy import permissions as perms
from danvan.democracy import selectors, services
from danvan.democracy.forms import ContactForm, HouseholdEditForm, HouseholdForm, ProjectForm, ProjectPublishForm
from danvan.democracy.models import Contact, Matter
from danvan.organisations.models import OrgUnit


def _units(codes: str | None, field: str) -> list[OrgUnit]:
    codes = [c.strip().upper() for c in (codes or "").split() if c.strip()]
    units = {u.code: u for u in OrgUnit.objects.filter(code__in=codes)}
    missing = [c for c in codes if c not in units]
    if missing:
        raise ApplicationError(_("Choose units from the list."), field=field)
    return [units[c] for c in codes]


def _matters_for(user):
    return Matter.objects.filter(base__in=selectors.bases_for_user(user=user)).select_related("base")[:200]


def _project_kwargs(form, user) -> dict:
    data = form.cleaned_data
    matter = None
    if data["matter"]:
        matter = next((m for m in _matters_for(user) if str(m.public_id) == data["matter"]), None)
    return {
        "kind": data["kind"],
        "name": data["name"],
        "description": data["description"],
        "starts_on": data["starts_on"],
        "ends_on": data["ends_on"],
        "communes": _units(data["communes"], "communes"),
        "matter": matter,
    }


@login_required
def projects(request):
    return render(
        request, "democracy/projects.html", {"projects": selectors.projects_for_user(user=request.user)[:200]}
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def project_new(request):
    form = ProjectForm(request.POST or None, matters=_matters_for(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            units = _units(form.cleaned_data["unit"], "unit")
            project = services.project_create(
                actor=request.user, unit=units[0] if units else None, **_project_kwargs(form, request.user)
            )
        except ApplicationError as exc:
            exc.add_to_form(form)
        else:
            messages.success(request, _("Project registered."))
            return redirect("democracy:project", public_id=project.public_id)
    return render(request, "democracy/project_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def project_detail(request, public_id):
    project = selectors.project_get_for_user(user=request.user, public_id=public_id)
    bases = list(project.bases.select_related("unit").order_by("name"))
    user = request.user
    which = request.POST.get("form")
    can_manage = perms.can_manage_project(user, project)
    record_bases = [b for b in bases if perms.can_record_household(user, project, b)]
    household_form = HouseholdForm(request.POST if which == "household" else None, bases=record_bases, prefix="h")
    edit_form = ProjectForm(
        request.POST if which == "edit" else None,
        matters=_matters_for(user),
        initial={
            "unit": project.unit.code,
            "kind": project.kind,
            "name": project.name,
            "description": project.description,
            "starts_on": project.starts_on,
            "ends_on": project.ends_on,
            "communes": "\n".join(b.unit.code for b in bases),
            "matter": str(project.matter.public_id) if project.matter else "",
            "expected_version": version_of(project),
        },
        prefix="p",
    )
    publish_form = ProjectPublishForm(
        request.POST if which == "publish" else None, initial={"progress": project.progress}, prefix="pub"
    )
    if request.method == "POST":
        if which == "household" and record_bases and household_form.is_valid():
            data = household_form.cleaned_data
            try:
                villages = _units(data["village"], "village")
                household = services.household_add(
                    actor=user,
                    project=project,
                    base=next((b for b in record_bases if str(b.public_id) == data["base"]), None),
                    head_name=data["head_name"],
                    village=villages[0] if villages else None,
                )
            except ApplicationError as exc:
                exc.add_to_form(household_form)
            else:
                messages.success(request, _("Household added."))
                return redirect("democracy:household", public_id=household.public_id)
        elif which == "edit" and can_manage and edit_form.is_valid():
            try:
                services.project_update(
                    actor=user,
                    project=project,
                    expected_version=edit_form.cleaned_data["expected_version"],
                    **_project_kwargs(edit_form, user),
                )
            except ApplicationError as exc:
                show_conflict(edit_form, exc)
            else:
                messages.success(request, _("Project corrected."))
                return redirect("democracy:project", public_id=project.public_id)
        elif which == "publish" and perms.can_publish_project(user, project) and publish_form.is_valid():
            publish = request.POST.get("action") == "publish"
            try:
                services.project_publish(
                    actor=user,
                    project=project,
                    publish=publish,
                    progress=publish_form.cleaned_data["progress"],
                    note=publish_form.cleaned_data["note"],
                )
            except ApplicationError as exc:
                exc.add_to_form(publish_form)
            else:
                messages.success(request, _("Published on the portal.") if publish else _("Withdrawn from the portal."))
                return redirect("democracy:project", public_id=project.public_id)
        elif which == "dialogues" and can_manage:
            try:
                services.project_dialogues_set(
                    actor=user, project=project, dialogue_ids=request.POST.getlist("dialogues")
                )
            except ApplicationError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("Dialogues linked."))
            return redirect("democracy:project", public_id=project.public_id)
        elif which not in ("household", "edit", "publish") or (which == "household" and not record_bases):
            raise Http404
    today = timezone.localdate()
    # A commune's people see their own commune's households; the running unit's people see them all.
    visible = {b.pk for b in bases if can_view_unit(user, project.unit) or can_view_unit(user, b.unit)}
    households = (
        project.households.filter(base__in=visible)
        .select_related("base", "village")
        .order_by("base__name", "head_name")[:500]
    )
    dashboard = selectors.project_dashboard(project=project, today=today)
    dashboard["refusing"] = [h for h in dashboard["refusing"] if h.base_id in visible]
    return render(
        request,
        "democracy/project.html",
        {
            "project": project,
            "bases": bases,
            "households": households,
            "dashboard": dashboard,
            "household_form": household_form,
            "edit_form": edit_form,
            "publish_form": publish_form,
            "can_manage": can_manage,
            "can_publish": perms.can_publish_project(user, project),
            "can_add": bool(record_bases),
            "links": selectors.project_links(user=user, project=project, visible_bases=visible),
        },
        status=400 if request.method == "POST" else 200,
    )


def _petitions_for(household):
    from danvan.petitions.models import Petition

    return Petition.objects.filter(unit__ancestor_links__ancestor=household.base.unit).order_by("-received_on")[:100]


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def household_detail(request, public_id):
    household = selectors.household_get_for_user(user=request.user, public_id=public_id)
    user = request.user
    can_record = perms.can_record_household(user, household.project, household.base)
    which = request.POST.get("form")
    me = user.get_full_name() or user.get_username()
    contact_form = ContactForm(
        request.POST if which == "contact" else None,
        prefix="c",
        initial={"contacted_on": timezone.localdate(), "contacted_by": me, "agreement": household.agreement},
    )
    petitions = list(_petitions_for(household)) if can_record else []
    edit_form = HouseholdEditForm(
        request.POST if which == "edit" else None,
        petitions=petitions,
        prefix="e",
        initial={
            "head_name": household.head_name,
            "village": household.village.code if household.village else "",
            "petitions": list(household.petitions.values_list("code", flat=True)),
            "expected_version": version_of(household),
        },
    )
    if request.method == "POST":
        if not can_record or which not in ("contact", "edit"):
            raise Http404
        form = contact_form if which == "contact" else edit_form
        if form.is_valid():
            data = form.cleaned_data
            try:
                if which == "contact":
                    services.household_contact(
                        actor=user,
                        household=household,
                        contacted_on=data["contacted_on"],
                        contacted_by=data["contacted_by"],
                        agreement=data["agreement"],
                        reason=data["reason"],
                    )
                else:
                    villages = _units(data["village"], "village")
                    services.household_update(
                        actor=user,
                        household=household,
                        head_name=data["head_name"],
                        village=villages[0] if villages else None,
                        petitions=[p for p in petitions if p.code in set(data["petitions"])],
                        expected_version=data["expected_version"],
                    )
            except ApplicationError as exc:
                show_conflict(form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect("democracy:household", public_id=household.public_id)
    return render(
        request,
        "democracy/household.html",
        {
            "household": household,
            "project": household.project,
            "contacts": household.contacts.select_related("recorded_by"),
            "linked": household.petitions.order_by("-received_on"),
            "contact_form": contact_form,
            "edit_form": edit_form,
            "can_record": can_record,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def contact_edit(request, public_id):
    contact = Contact.objects.select_related("household").filter(public_id=public_id).first()
    if contact is None:
        raise Http404
    household = selectors.household_get_for_user(user=request.user, public_id=contact.household.public_id)
    if not perms.can_record_household(request.user, household.project, household.base):
        raise Http404
    form = ContactForm(
        request.POST or None,
        initial={
            "contacted_on": contact.contacted_on,
            "contacted_by": contact.contacted_by,
            "agreement": contact.agreement,
            "reason": contact.reason,
            "expected_version": version_of(contact),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.contact_update(
                actor=request.user,
                contact=contact,
                contacted_on=data["contacted_on"],
                contacted_by=data["contacted_by"],
                agreement=data["agreement"],
                reason=data["reason"],
                expected_version=data["expected_version"],
            )
        except ApplicationError as exc:
            show_conflict(form, exc)
        else:
            messages.success(request, _("Contact corrected."))
            return redirect("democracy:household", public_id=household.public_id)
    return render(request, "democracy/contact_form.html", {"form": form, "household": household, "contact": contact})
