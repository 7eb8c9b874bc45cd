"""Reads of the yearly assessment for a user. Out of scope answers the same as missing: 404."""

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404

from danvan.accounts.permissions import DATA_ENTRY_ROLES, EDIT_ROLES, READ_ROLES, scope_root_ids
from danvan.assessments import permissions as perms
from danvan.assessments.measures import figures_for
from danvan.assessments.models import Assessment, Grade, Scheme
from danvan.organisations.models import OrgUnitClosure

NOT_FOUND = "Không tìm thấy đợt đánh giá."


def _covered(user, roles, field: str) -> Q:
    """`field` (a unit id) lies in the subtree of a unit where the user holds one of `roles`."""
    return Q(
        Exists(
            OrgUnitClosure.objects.filter(
                descendant=OuterRef(field),
                ancestor__role_assignments__user=user,
                ancestor__role_assignments__role__in=roles,
            )
        )
    )


def scheme_list_for_user(*, user, limit: int = 200) -> list[Scheme]:
    """Schemes run by units in the user's read scope, newest year first, with their body counts."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    qs = (
        Scheme.objects.filter(_covered(user, READ_ROLES, "unit_id"))
        .select_related("unit")
        .annotate(
            body_count=Count("assessments", distinct=True),
            submitted_count=Count("assessments", filter=~Q(assessments__status="pending"), distinct=True),
        )
    )
    return list(qs.order_by("-year", "group", "id")[:limit])


def assessment_list_for_user(*, user, limit: int = 200) -> list[Assessment]:
    """The assessments of bodies the user enters data for (their own self-assessments), newest first."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    qs = Assessment.objects.filter(_covered(user, DATA_ENTRY_ROLES, "body_id")).select_related("scheme", "body")
    return list(qs.order_by("-scheme__year", "body__name")[:limit])


def scheme_get_for_user(*, user, code: str) -> Scheme:
    scheme = Scheme.objects.select_related("unit", "updated_by").filter(code=code).first()
    if scheme is None or not perms.can_view_scheme(user, scheme):
        raise Http404(NOT_FOUND)
    return scheme


def scheme_get_for_runner(*, user, code: str) -> Scheme:
    scheme = scheme_get_for_user(user=user, code=code)
    if not perms.can_run(user, scheme):
        raise Http404(NOT_FOUND)
    return scheme


def assessment_get_for_user(*, user, public_id) -> Assessment:
    assessment = (
        Assessment.objects.select_related("scheme__unit", "body", "updated_by").filter(public_id=public_id).first()
    )
    if assessment is None or not perms.can_view_assessment(user, assessment):
        raise Http404("Không tìm thấy bản đánh giá.")
    return assessment


def scheme_overview(*, scheme: Scheme) -> dict:
    """Criteria and the bodies' assessments (ranked first): a fixed number of queries."""
    criteria = list(scheme.criteria.all())
    assessments = list(scheme.assessments.select_related("body").order_by("rank", "body__sort_order", "id"))
    return {
        "criteria": criteria,
        "assessments": assessments,
        "weights_total": sum((c.weight or 0) for c in criteria),
        "max_total": sum((c.max_score for c in criteria), 0),
        "all_reviewed": bool(assessments) and all(a.status == Assessment.Status.REVIEWED for a in assessments),
        "all_ranked": bool(assessments) and all(a.rank is not None for a in assessments),
        # The grade names are the Party's own words (Vietnamese in every language), with their lowest totals.
        "thresholds": [
            (Grade.EXCELLENT.label, "≥", scheme.excellent_min),
            (Grade.GOOD.label, "≥", scheme.good_min),
            (Grade.PASSED.label, "≥", scheme.passed_min),
            (Grade.FAILED.label, "<", scheme.passed_min),
        ],
    }


def assessment_sheet(*, assessment: Assessment, today: dt.date) -> list[dict]:
    """Per criterion: the criterion, the scores and notes, the evidence files, and the system's figure for the
    body and year (computed now while the body is still assessing; as kept at sending afterwards)."""
    scores = list(assessment.scores.select_related("criterion").prefetch_related("evidence__file"))
    live = {}
    if assessment.status == Assessment.Status.PENDING:
        keys = [s.criterion.measure for s in scores if s.criterion.measure]
        live = figures_for(body=assessment.body, year=assessment.scheme.year, keys=keys, today=today)
    rows = []
    for s in scores:
        figure = live.get(s.criterion.measure)
        rows.append(
            {
                "score": s,
                "criterion": s.criterion,
                "figure": figure.text if figure else s.figure,
                "evidence": list(s.evidence.all()),
            }
        )
    return rows


def evidence_get_for_user(*, user, assessment: Assessment, file_id):
    """An evidence file of the assessment (its StoredFile), for a user who may view the assessment."""
    from danvan.assessments.models import Evidence

    evidence = (
        Evidence.objects.filter(score__assessment=assessment, file__public_id=file_id).select_related("file").first()
    )
    if evidence is None:
        raise Http404("Không tìm thấy tệp.")
    return evidence


def inbox_sources(*, user) -> tuple[QuerySet, QuerySet]:
    """The two reads behind `inbox_items_for_user`: self-assessments owed, and sent ones waiting for review."""
    due = Assessment.objects.filter(
        _covered(user, DATA_ENTRY_ROLES, "body_id"), status=Assessment.Status.PENDING, scheme__status="open"
    )
    editor_roots = scope_root_ids(user, EDIT_ROLES)
    review = Assessment.objects.filter(
        status=Assessment.Status.SUBMITTED,
        scheme__status="open",
        scheme__unit_id__in=OrgUnitClosure.objects.filter(ancestor_id__in=editor_roots).values("descendant_id"),
    )
    return due, review


def inbox_items_for_user(*, user, limit: int):
    """For core.inbox: (items, total) — self-assessments the user's bodies still owe, and sent ones waiting for
    the review of a Ban the user works in. Two bounded queries each."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return [], 0
    due, review = inbox_sources(user=user)
    # Each list first; counted only when it fills the limit (then there may be more).
    own = list(due.select_related("scheme", "body").order_by("scheme__self_due", "id")[:limit])
    waiting = list(review.select_related("scheme", "body").order_by("submitted_at", "id")[:limit])
    total = (due.count() if len(own) == limit else len(own)) + (
        review.count() if len(waiting) == limit else len(waiting)
    )
    rows = [("self", a) for a in own] + [("review", a) for a in waiting]
    return rows[:limit], total
