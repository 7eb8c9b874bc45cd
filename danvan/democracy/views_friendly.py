"""Chính quyền thân thiện pages: the province's criteria and list of communes, a commune's dossier."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from danvan.accounts.permissions import units_in_scope
from danvan.core.errors import ApplicationError
from danvan.core.locking import show_conflict, version_of
from danvan.core.submissions import submit_once
from danvan.democracy import permissions as perms
from danvan.democracy import selectors, services
from danvan.democracy.forms import FriendlyDecideForm, FriendlySchemeForm, FriendlyScoresForm, FriendlyStartForm
from danvan.organisations.models import OrgUnit


def _provinces_to_set(user):
    return [
        p
        for p in units_in_scope(user).filter(level=OrgUnit.Level.PROVINCE).order_by("name")
        if perms.can_set_friendly_scheme(user, p)
    ]


@login_required
def friendly_index(request):
    today = timezone.localdate()
    return render(
        request,
        "democracy/friendly_index.html",
        {
            "schemes": selectors.friendly_schemes_for_user(user=request.user)[:100],
            "can_set": bool(_provinces_to_set(request.user)),
            "start_form": FriendlyStartForm(today=today),
            "bases": [b for b in selectors.bases_for_user(user=request.user).filter(kind="commune")[:50]],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def friendly_scheme_new(request):
    today = timezone.localdate()
    provinces = _provinces_to_set(request.user)
    if not provinces:
        raise Http404
    example = "\n".join(f"{t} | {p:g}" for t, p in services.EXAMPLE_CRITERIA)
    form = FriendlySchemeForm(
        request.POST or None,
        provinces=provinces,
        today=today,
        initial={
            "year": today.year,
            "title": _("Friendly government criteria %(year)s") % {"year": today.year},
            "pass_score": f"{services.EXAMPLE_PASS_SCORE:g}",
            "criteria": example,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        province = next((p for p in provinces if p.code == data["province"]), None)
        try:
            scheme = services.friendly_scheme_set(
                actor=request.user,
                province=province,
                year=data["year"],
                title=data["title"],
                pass_score=data["pass_score"],
                criteria=form.criteria_rows(),
            )
        except ApplicationError as exc:
            exc.add_to_form(form)
        else:
            messages.success(request, _("Criteria saved."))
            return redirect("democracy:friendly_scheme", public_id=scheme.public_id)
    return render(request, "democracy/friendly_scheme_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def friendly_scheme(request, public_id):
    scheme = selectors.friendly_scheme_get_for_user(user=request.user, public_id=public_id)
    can_set = perms.can_set_friendly_scheme(request.user, scheme.province)
    form = FriendlySchemeForm(
        request.POST or None,
        today=timezone.localdate(),
        scheme=scheme,
        initial={
            "title": scheme.title,
            "pass_score": f"{scheme.pass_score:g}",
            "criteria": "\n".join(f"{c.title} | {c.max_points:g}" for c in scheme.criteria.all()),
            "expected_version": version_of(scheme),
        },
    )
    if request.method == "POST":
        if not can_set:
            raise Http404
        if form.is_valid():
            try:
                services.friendly_scheme_set(
                    actor=request.user,
                    province=None,
                    year=None,
                    scheme=scheme,
                    title=form.cleaned_data["title"],
                    pass_score=form.cleaned_data["pass_score"],
                    criteria=form.criteria_rows(),
                    expected_version=form.cleaned_data["expected_version"],
                )
            except ApplicationError as exc:
                show_conflict(form, exc)
            else:
                messages.success(request, _("Criteria saved."))
                return redirect("democracy:friendly_scheme", public_id=scheme.public_id)
    rows = selectors.friendly_province_status(scheme=scheme)
    counts = {}
    for row in rows:
        key = row.assessment.status if row.assessment else "none"
        counts[key] = counts.get(key, 0) + 1
    return render(
        request,
        "democracy/friendly_scheme.html",
        {"scheme": scheme, "form": form, "can_set": can_set, "rows": rows, "counts": counts},
    )


@login_required
@require_POST
@submit_once
def friendly_start(request, public_id):
    base = selectors.base_get_for_user(user=request.user, public_id=public_id)
    form = FriendlyStartForm(request.POST, today=timezone.localdate())
    try:
        if not form.is_valid():
            raise ApplicationError(_("Year: choose a year from the list."), field="year")
        assessment = services.friendly_assessment_start(actor=request.user, base=base, year=form.cleaned_data["year"])
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("democracy:base", public_id=base.public_id)
    return redirect("democracy:friendly", public_id=assessment.public_id)


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def friendly_assessment(request, public_id):
    assessment = selectors.friendly_assessment_get_for_user(user=request.user, public_id=public_id)
    scores = list(assessment.scores.all())
    can_record = perms.can_record_for(request.user, assessment.base)
    can_score = perms.can_score_friendly(request.user, assessment)
    which = request.POST.get("form")
    version = {"expected_version": version_of(assessment)}
    self_form = FriendlyScoresForm(
        request.POST if which == "self" else None,
        request.FILES if which == "self" else None,
        scores=scores,
        prefix_name="self",
        with_files=True,
        initial={
            **version,
            **{f"self_{s.criterion_id}": s.self_score for s in scores},
            **{f"selfnote_{s.criterion_id}": s.self_note for s in scores},
        },
    )
    committee_form = FriendlyScoresForm(
        request.POST if which == "committee" else None,
        scores=scores,
        prefix_name="committee",
        with_files=False,
        initial={
            **version,
            **{
                f"committee_{s.criterion_id}": s.committee_score if s.committee_score is not None else s.self_score
                for s in scores
            },
            **{f"committeenote_{s.criterion_id}": s.committee_note for s in scores},
        },
    )
    decide_form = FriendlyDecideForm(request.POST if which == "decide" else None)
    if request.method == "POST":
        allowed = {"self": can_record, "submit": can_record, "committee": can_score, "decide": can_score}
        if not allowed.get(which):
            raise Http404
        form = {"self": self_form, "committee": committee_form, "decide": decide_form}.get(which)
        try:
            if which == "submit":
                services.friendly_submit(actor=request.user, assessment=assessment)
                messages.success(request, _("Self-assessment sent to the steering committee."))
                return redirect("democracy:friendly", public_id=assessment.public_id)
            if form.is_valid():
                data = form.cleaned_data
                if which == "self":
                    services.friendly_self_score(
                        actor=request.user,
                        assessment=assessment,
                        entries=form.entries(),
                        uploads=form.uploads(),
                        expected_version=data["expected_version"],
                    )
                elif which == "committee":
                    services.friendly_committee_score(
                        actor=request.user,
                        assessment=assessment,
                        entries=form.entries(),
                        expected_version=data["expected_version"],
                    )
                else:
                    services.friendly_decide(
                        actor=request.user,
                        assessment=assessment,
                        recognised=data["recognised"],
                        reference=data["reference"],
                        decided_on=data["decided_on"],
                    )
                messages.success(request, _("Saved."))
                return redirect("democracy:friendly", public_id=assessment.public_id)
        except ApplicationError as exc:
            if form is None:
                messages.error(request, exc.message)
                return redirect("democracy:friendly", public_id=assessment.public_id)
            show_conflict(form, exc)
    status = assessment.Status
    return render(
        request,
        "democracy/friendly.html",
        {
            "assessment": assessment,
            "base": assessment.base,
            "scores": scores,
            "self_form": self_form,
            "committee_form": committee_form,
            "decide_form": decide_form,
            "can_self": can_record and assessment.status in (status.DRAFT, status.SUBMITTED),
            "can_submit": can_record and assessment.status == status.DRAFT,
            "can_committee": can_score and assessment.status in (status.SUBMITTED, status.SCORED),
            "can_decide": can_score and assessment.status not in (status.DRAFT, status.SUBMITTED),
        },
        status=400 if request.method == "POST" else 200,
    )
