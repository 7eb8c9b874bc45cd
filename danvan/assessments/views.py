from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from danvan.accounts.permissions import EDIT_ROLES, scope_roots
from danvan.assessments import forms, selectors, services
from danvan.assessments import permissions as perms
from danvan.assessments.models import Assessment
from danvan.core.errors import ApplicationError
from danvan.core.locking import show_conflict, version_of
from danvan.core.submissions import submit_once
from danvan.organisations.forms import unit_from_form
from danvan.organisations.models import OrgUnit


def _base(request, scheme, **extra) -> dict:
    return {"scheme": scheme, "can_run": perms.can_run(request.user, scheme), **extra}


@login_required
def index(request):
    return render(
        request,
        "assessments/index.html",
        {
            "schemes": selectors.scheme_list_for_user(user=request.user),
            "mine": selectors.assessment_list_for_user(user=request.user),
            "can_create": perms.can_create_schemes(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def create(request):
    if not perms.can_create_schemes(request.user):
        raise Http404
    if request.method == "POST":
        form = forms.SchemeForm(request.POST)
        if form.is_valid() and (unit := unit_from_form(form)) is not None:
            d = form.cleaned_data
            try:
                scheme = services.scheme_create(
                    actor=request.user, unit=unit, year=d["year"], group=d["group"], **form.settings()
                )
            except ApplicationError as e:
                e.add_to_form(form)
            else:
                messages.success(request, _("Assessment %(code)s created.") % {"code": scheme.code})
                return redirect("assessments:criteria", code=scheme.code)
    else:
        root = scope_roots(request.user, EDIT_ROLES).first()
        if root is not None and root.kind == OrgUnit.Kind.PARTY_COMMITTEE:
            root = root.children.filter(has_danvan_function=True).order_by("sort_order").first() or root
        year = timezone.localdate().year
        form = forms.SchemeForm(
            initial=forms.SchemeForm.initial_for(
                unit=root.code if root else "", year=year, title=f"Đánh giá công tác dân vận năm {year}"
            )
        )
    return render(request, "assessments/form.html", {"form": form, "scheme": None})


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def edit(request, code):
    scheme = selectors.scheme_get_for_runner(user=request.user, code=code)
    if request.method == "POST":
        form = forms.SchemeForm(request.POST, editing=True)
        if form.is_valid():
            try:
                services.scheme_update(
                    actor=request.user,
                    scheme=scheme,
                    expected_version=form.cleaned_data["expected_version"],
                    **form.settings(),
                )
            except ApplicationError as e:
                show_conflict(form, e)
            else:
                messages.success(request, _("Assessment saved."))
                return redirect("assessments:detail", code=scheme.code)
    else:
        form = forms.SchemeForm(
            initial=forms.SchemeForm.initial_for(scheme, expected_version=version_of(scheme)), editing=True
        )
    return render(request, "assessments/form.html", {"form": form, "scheme": scheme})


@login_required
def detail(request, code):
    scheme = selectors.scheme_get_for_user(user=request.user, code=code)
    context = selectors.scheme_overview(scheme=scheme)
    context.update(
        _base(
            request,
            scheme,
            bodies_form=forms.BodiesForm(group=scheme.group),
            copy_form=forms.CopyForm(initial={"year": scheme.year + 1}),
        )
    )
    return render(request, "assessments/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def criteria(request, code):
    scheme = selectors.scheme_get_for_runner(user=request.user, code=code)
    if request.method == "POST":
        form = forms.CriteriaForm(request.POST)
        if form.is_valid():
            try:
                services.criteria_set(
                    actor=request.user,
                    scheme=scheme,
                    rows=form.rows(),
                    expected_version=form.cleaned_data["expected_version"],
                )
            except ApplicationError as e:
                show_conflict(form, e)
            else:
                messages.success(request, _("Criteria saved."))
                return redirect("assessments:detail", code=scheme.code)
    else:
        form = forms.CriteriaForm(
            initial={"criteria": forms.CriteriaForm.text_for(scheme), "expected_version": version_of(scheme)}
        )
    return render(request, "assessments/criteria.html", _base(request, scheme, form=form))


@login_required
@require_POST
@submit_once
def open_for(request, code):
    scheme = selectors.scheme_get_for_runner(user=request.user, code=code)
    form = forms.BodiesForm(request.POST, group=scheme.group)
    if form.is_valid():
        codes = form.codes()
        bodies = list(OrgUnit.objects.filter(code__in=codes))
        try:
            if len(bodies) != len(set(codes)):
                raise ApplicationError(_("Bodies assessed: choose each body from the list."), field="bodies")
            services.scheme_open(actor=request.user, scheme=scheme, bodies=bodies)
        except ApplicationError as e:
            messages.error(request, e.message)
        else:
            messages.success(request, _("The assessment is open; the bodies can assess themselves."))
    else:
        messages.error(request, _("Bodies assessed: choose at least one body from the list."))
    return redirect("assessments:detail", code=scheme.code)


@login_required
@require_POST
@submit_once
def copy(request, code):
    scheme = selectors.scheme_get_for_runner(user=request.user, code=code)
    form = forms.CopyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Year of the copy: choose a year from 2000 to 2100."))
        return redirect("assessments:detail", code=scheme.code)
    try:
        new = services.scheme_copy(actor=request.user, source=scheme, year=form.cleaned_data["year"])
    except ApplicationError as e:
        messages.error(request, e.message)
        return redirect("assessments:detail", code=scheme.code)
    messages.success(request, _("Criteria copied to %(year)s.") % {"year": new.year})
    return redirect("assessments:detail", code=new.code)


def _posted_values(request, rows) -> dict:
    return {
        r["criterion"].pk: (
            request.POST.get(f"score_{r['criterion'].pk}", ""),
            request.POST.get(f"note_{r['criterion'].pk}", ""),
        )
        for r in rows
    }


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def assessment(request, public_id):
    """The body's self-assessment (to fill in while it is due) and, for the Ban, the review of it."""
    item = selectors.assessment_get_for_user(user=request.user, public_id=public_id)
    scheme = item.scheme
    today = timezone.localdate()
    can_self = perms.can_self_assess(request.user, item) and item.status != Assessment.Status.REVIEWED
    can_review = perms.can_run(request.user, scheme) and item.status != Assessment.Status.PENDING
    can_self = can_self and scheme.status == scheme.Status.OPEN
    can_review = can_review and scheme.status == scheme.Status.OPEN
    rows = selectors.assessment_sheet(assessment=item, today=today)
    error, field_errors, posted = "", {}, None
    if request.method == "POST":
        action = request.POST.get("action", "")
        values = _posted_values(request, rows)
        posted = values
        try:
            if action == "review":
                if not can_review:
                    raise Http404
                services.review_save(
                    actor=request.user,
                    assessment=item,
                    values=values,
                    comment=request.POST.get("review_comment", ""),
                    expected_version=request.POST.get("version", ""),
                )
                messages.success(request, _("Review saved; the grade follows from the thresholds."))
            else:
                if not can_self:
                    raise Http404
                uploads = {
                    r["criterion"].pk: request.FILES.getlist(f"files_{r['criterion'].pk}")
                    for r in rows
                    if request.FILES.getlist(f"files_{r['criterion'].pk}")
                }
                services.self_assessment_save(
                    actor=request.user,
                    assessment=item,
                    values=values,
                    uploads=uploads,
                    submit=action == "submit",
                    expected_version=request.POST.get("version", ""),
                    today=today,
                )
                messages.success(
                    request,
                    _("Self-assessment sent to the Ban.") if action == "submit" else _("Self-assessment saved."),
                )
        except ApplicationError as e:
            error = e.message
            if e.field:
                field_errors[e.field] = e.message
            if e.code == "conflict":
                item.version = e.extra.get("current_version", item.version)
        else:
            return redirect("assessments:assessment", public_id=item.public_id)
    for r in rows:
        pk = r["criterion"].pk
        r["error"] = field_errors.get(f"score_{pk}", "") or field_errors.get(f"files_{pk}", "")
        if posted is not None:
            r["posted_score"], r["posted_note"] = posted.get(pk, ("", ""))
    return render(
        request,
        "assessments/assessment.html",
        _base(
            request,
            scheme,
            item=item,
            rows=rows,
            can_self=can_self,
            can_review=can_review,
            error=error,
            posted=posted is not None,
            review_comment=request.POST.get("review_comment", item.review_comment) if posted else item.review_comment,
            version=version_of(item),
        ),
    )


@login_required
def evidence(request, public_id, file_id):
    from danvan.core.files import stored_file_response

    item = selectors.assessment_get_for_user(user=request.user, public_id=public_id)
    found = selectors.evidence_get_for_user(user=request.user, assessment=item, file_id=file_id)
    return stored_file_response(services.evidence_open(actor=request.user, assessment=item, evidence=found))


@login_required
@require_POST
@submit_once
def rank(request, code):
    scheme = selectors.scheme_get_for_runner(user=request.user, code=code)
    try:
        services.scheme_rank(actor=request.user, scheme=scheme)
    except ApplicationError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, _("The bodies are ranked."))
    return redirect("assessments:detail", code=scheme.code)


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def report(request, code):
    """POST: put the report into its draft in the documents app, where the signer issues it with the next BC number.
    GET (an old link): to that draft, never a file."""
    from danvan.documents.views import draft_page_or_back, to_draft

    scheme = selectors.scheme_get_for_runner(user=request.user, code=code)
    back = redirect("assessments:detail", code=scheme.code)
    if request.method != "POST":
        return draft_page_or_back(request, key=f"assessment:{scheme.code}", back=back)
    try:
        document = services.scheme_report_draft(actor=request.user, scheme=scheme, today=timezone.localdate())
    except ApplicationError as e:
        messages.error(request, e.message)
        return back
    return to_draft(request, document)
