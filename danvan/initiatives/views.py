from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from danvan.accounts.permissions import APPROVE_ROLES, DATA_ENTRY_ROLES, scope_roots
from danvan.core.correction_pages import correction_page
from danvan.core.errors import ApplicationError
from danvan.core.exporting import xlsx_response
from danvan.core.submissions import submit_once
from danvan.initiatives import forms, services
from danvan.initiatives import permissions as perms
from danvan.initiatives.corrections import CORRECTABLE, initiative_correct
from danvan.initiatives.exports import HEADERS, library_rows
from danvan.initiatives.models import InitiativePhoto
from danvan.initiatives.selectors import (
    initiative_detail,
    initiative_get_for_user,
    initiative_lineage,
    initiative_list_for_user,
    lineage_flat,
    pending_for_user,
    schemes_for_user,
)
from danvan.organisations.forms import unit_from_form
from danvan.organisations.models import OrgUnit


def _library(request, limit):
    form = forms.SearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    initiatives = initiative_list_for_user(
        user=request.user,
        query=data.get("q", ""),
        field=data.get("field", ""),
        province=data.get("province", ""),
        status=data.get("status", ""),
        level=data.get("level", ""),
        year=data.get("year"),
        new_rural=data.get("new_rural", False),
        limit=limit,
    )
    return form, initiatives


@login_required
def index(request):
    form, initiatives = _library(request, 100)
    return render(
        request,
        "initiatives/index.html",
        {
            "form": form,
            "initiatives": initiatives,
            "pending": list(pending_for_user(user=request.user)),
            "query_string": request.GET.urlencode(),
        },
    )


@login_required
def export(request):
    _, initiatives = _library(request, 5000)
    return xlsx_response(
        filename=f"mo-hinh-dan-van-kheo-{timezone.localdate():%Y%m%d}.xlsx",
        sheet_title="Mô hình",
        headers=HEADERS,
        rows=library_rows(initiatives),
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def register(request):
    # The "register anyway" box appears only after a duplicate warning (the field is hidden until then).
    show_duplicate = request.method == "POST" and request.POST.get("allow_duplicate") in ("on", "true", "True")
    if request.method == "POST":
        form = forms.RegisterForm(request.POST, show_duplicate=show_duplicate)
        if form.is_valid() and (unit := unit_from_form(form)) is not None:
            d = form.cleaned_data
            try:
                initiative = services.initiative_register(
                    actor=request.user,
                    unit=unit,
                    year=d["year"],
                    name=d["name"],
                    field=d["field"],
                    new_rural=d["new_rural"],
                    kind=d["kind"],
                    person_name=d["person_name"],
                    goal=d["goal"],
                    participants=d["participants"],
                    people_mobilised=d["people_mobilised"],
                    start_date=d["start_date"],
                    end_date=d["end_date"],
                    targets=forms.parse_targets(d["targets"]),
                    allow_duplicate=d["allow_duplicate"],
                )
            except ApplicationError as e:
                if e.code == "duplicate":
                    # Show the warning and the confirm box; the user may rename or confirm.
                    form = forms.RegisterForm(request.POST, show_duplicate=True)
                    form.is_valid()
                e.add_to_form(form)
            else:
                messages.success(request, _("Model %(code)s registered.") % {"code": initiative.code})
                return redirect("initiatives:detail", code=initiative.code)
    else:
        root = scope_roots(request.user, DATA_ENTRY_ROLES).first()
        form = forms.RegisterForm(initial={"unit": root.code if root else "", "year": timezone.localdate().year})
    return render(request, "initiatives/register.html", {"form": form})


@login_required
def detail(request, code):
    initiative = initiative_get_for_user(user=request.user, code=code)
    user = request.user
    context = initiative_detail(initiative=initiative)
    lineage = lineage_flat(initiative_lineage(initiative=initiative))
    today = timezone.localdate()
    context.update(
        {
            "initiative": initiative,
            "lineage": lineage if len(lineage) > 1 else [],
            "can_decide": perms.can_approve_initiative(user, initiative),
            "can_update": perms.can_report_progress(user, initiative),
            "can_correct": perms.can_register_for(user, initiative.unit),
            "can_evaluate": perms.can_evaluate(user, initiative),
            "can_recognise": perms.can_recognise(user, initiative),
            "can_commend": initiative.is_recognised and perms.can_decide_registration(user, initiative),
            "can_replicate": initiative.is_recognised,
            "decision_form": forms.DecisionForm(),
            "recognise_form": forms.RecogniseForm(initial={"decided_on": today}),
            "commend_form": forms.CommendationForm(initial={"decided_on": today}),
        }
    )
    return render(request, "initiatives/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def correct(request, code):
    initiative = initiative_get_for_user(user=request.user, code=code)
    if not perms.can_register_for(request.user, initiative.unit):
        raise Http404
    return correction_page(
        request,
        record=initiative,
        form_class=forms.CorrectForm,
        fields=CORRECTABLE,
        service=partial(initiative_correct, initiative=initiative),
        template="initiatives/correct.html",
        done=reverse("initiatives:detail", args=[initiative.code]),
        context={"initiative": initiative},
    )


@login_required
@require_POST
@submit_once
def decide(request, code):
    initiative = initiative_get_for_user(user=request.user, code=code)
    form = forms.DecisionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        if request.POST.get("decision") == "reject":
            services.initiative_reject(actor=request.user, initiative=initiative, reason=note)
            messages.success(request, _("Registration rejected."))
        else:
            services.initiative_approve(actor=request.user, initiative=initiative, note=note)
            messages.success(request, _("Registration approved."))
    except ApplicationError as e:
        messages.error(request, e.message)
    return redirect("initiatives:detail", code=initiative.code)


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def update_add(request, code):
    initiative = initiative_get_for_user(user=request.user, code=code)
    targets = list(initiative.targets.all())
    if request.method == "POST":
        form = forms.UpdateForm(request.POST, targets=targets)
        if form.is_valid():
            try:
                services.initiative_update_add(
                    actor=request.user,
                    initiative=initiative,
                    reported_on=form.cleaned_data["reported_on"],
                    note=form.cleaned_data["note"],
                    results=form.results(),
                )
            except ApplicationError as e:
                e.add_to_form(form)
            else:
                messages.success(request, _("Progress recorded."))
                return redirect("initiatives:detail", code=initiative.code)
    else:
        form = forms.UpdateForm(targets=targets, initial={"reported_on": timezone.localdate()})
    return render(request, "initiatives/update.html", {"form": form, "initiative": initiative})


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def evaluate(request, code):
    initiative = initiative_get_for_user(user=request.user, code=code)
    scheme = services.evaluation_scheme_for(initiative)
    criteria = list(scheme.criteria.all()) if scheme else []
    if request.method == "POST":
        form = forms.EvaluationForm(request.POST, criteria=criteria)
        if form.is_valid():
            try:
                services.evaluation_submit(
                    actor=request.user,
                    initiative=initiative,
                    scores=form.scores(),
                    evaluated_on=form.cleaned_data["evaluated_on"],
                    note=form.cleaned_data["note"],
                )
            except ApplicationError as e:
                e.add_to_form(form)
            else:
                messages.success(request, _("Evaluation saved."))
                return redirect("initiatives:detail", code=initiative.code)
    else:
        form = forms.EvaluationForm(criteria=criteria, initial={"evaluated_on": timezone.localdate()})
    return render(request, "initiatives/evaluate.html", {"form": form, "initiative": initiative, "scheme": scheme})


@login_required
@require_POST
@submit_once
def recognise(request, code):
    initiative = initiative_get_for_user(user=request.user, code=code)
    form = forms.RecogniseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the level and the recognition, and give the date as dd/mm/yyyy."))
        return redirect("initiatives:detail", code=initiative.code)
    try:
        services.initiative_recognise(actor=request.user, initiative=initiative, **form.cleaned_data)
        messages.success(request, _("Recognition recorded."))
    except ApplicationError as e:
        messages.error(request, e.message)
    return redirect("initiatives:detail", code=initiative.code)


@login_required
@require_POST
@submit_once
def commend(request, code):
    initiative = initiative_get_for_user(user=request.user, code=code)
    form = forms.CommendationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Fill in every field of the commendation; dates as dd/mm/yyyy."))
        return redirect("initiatives:detail", code=initiative.code)
    try:
        services.commendation_add(actor=request.user, initiative=initiative, **form.cleaned_data)
        messages.success(request, _("Commendation recorded."))
    except ApplicationError as e:
        messages.error(request, e.message)
    return redirect("initiatives:detail", code=initiative.code)


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def replicate(request, code):
    source = initiative_get_for_user(user=request.user, code=code)
    if request.method == "POST":
        form = forms.ReplicateForm(request.POST)
        if form.is_valid() and (unit := unit_from_form(form)) is not None:
            d = form.cleaned_data
            try:
                copy = services.initiative_replicate(
                    actor=request.user,
                    source=source,
                    unit=unit,
                    year=d["year"],
                    name=d["name"],
                    start_date=d["start_date"],
                    end_date=d["end_date"],
                    people_mobilised=d["people_mobilised"],
                )
            except ApplicationError as e:
                e.add_to_form(form)
            else:
                messages.success(request, _("Model %(code)s registered as a replication.") % {"code": copy.code})
                return redirect("initiatives:detail", code=copy.code)
    else:
        root = scope_roots(request.user, DATA_ENTRY_ROLES).first()
        form = forms.ReplicateForm(initial={"unit": root.code if root else "", "year": timezone.localdate().year})
    return render(request, "initiatives/replicate.html", {"form": form, "source": source})


@login_required
@require_POST
@submit_once
def photo_add(request, code, update_id):
    initiative = initiative_get_for_user(user=request.user, code=code)
    update = initiative.updates.filter(pk=update_id).first()
    if update is None:
        raise Http404
    try:
        services.initiative_photo_add(actor=request.user, update=update, upload=request.FILES.get("photo"))
        messages.success(request, _("Photo added."))
    except ApplicationError as e:
        messages.error(request, e.message)
    return redirect("initiatives:detail", code=initiative.code)


@login_required
def photo_file(request, code, photo_id, variant):
    """Photos are served only here, after the same check as the model's detail page."""
    initiative = initiative_get_for_user(user=request.user, code=code)
    photo = InitiativePhoto.objects.filter(pk=photo_id, update__initiative=initiative).first()
    if photo is None:
        raise Http404
    stored = photo.thumbnail if variant == "thumb" else photo.file
    response = FileResponse(stored.open("rb"), content_type="image/jpeg" if variant == "thumb" else photo.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def schemes(request):
    if request.method == "POST":
        form = forms.SchemeForm(request.POST)
        if form.is_valid() and (unit := unit_from_form(form)) is not None:
            d = form.cleaned_data
            try:
                services.evaluation_scheme_create(
                    actor=request.user,
                    unit=unit,
                    year=d["year"],
                    name=d["name"],
                    criteria=forms.parse_criteria(d["criteria"]),
                )
            except ApplicationError as e:
                e.add_to_form(form)
            else:
                messages.success(request, _("Evaluation criteria saved."))
                return redirect("initiatives:schemes")
    else:
        root = scope_roots(request.user, APPROVE_ROLES).filter(level=OrgUnit.Level.PROVINCE).first()
        starter = "\n".join(f"{name}; {score}; 1" for name, score in services.STARTER_CRITERIA)
        form = forms.SchemeForm(
            initial={"unit": root.code if root else "", "year": timezone.localdate().year, "criteria": starter}
        )
    return render(request, "initiatives/schemes.html", {"form": form, "schemes": schemes_for_user(user=request.user)})
