"""Reads of supervision and critique for a user. Outside the user's reach answers the same as missing: 404.

A record is seen from its body's area (the Front of a province sees its communes' supervisions) and from the
bodies it concerns (a commune's UBND sees the recommendations it must answer)."""

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404

from danvan.accounts.permissions import DATA_ENTRY_ROLES
from danvan.organisations.models import OrgUnit, OrgUnitClosure
from danvan.oversight import permissions as perms
from danvan.oversight.models import Critique, Opinion, Programme, Recommendation, Supervision

# The follow-up list's levels: which level the supervising body sits on.
LEVELS = (OrgUnit.Level.CENTRAL, OrgUnit.Level.PROVINCE, OrgUnit.Level.COMMUNE)


def _active(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def programme_list_for_user(*, user, year: int | None = None, limit: int = 100) -> list[Programme]:
    if not _active(user):
        return []
    qs = Programme.objects.filter(perms.visible_q(user, "unit_id"))
    if year:
        qs = qs.filter(year=year)
    return list(qs.select_related("unit").annotate(n=Count("supervisions")).order_by("-year", "unit__name")[:limit])


def programme_get_for_user(*, user, code: str) -> Programme:
    programme = Programme.objects.select_related("unit", "updated_by").filter(code=code).first()
    if programme is None or not perms.reaches(user, programme.unit):
        raise Http404("Không tìm thấy chương trình giám sát.")
    return programme


def programmes_to_choose(*, user):
    """Programmes of the bodies the user enters data for, newest year first (the supervision form's choices)."""
    return Programme.objects.filter(unit__in=perms.bodies_for(user)).select_related("unit").order_by("-year", "title")


def supervision_list_for_user(*, user, programme: Programme | None = None, limit: int = 100) -> list[Supervision]:
    if not _active(user):
        return []
    qs = Supervision.objects.filter(perms.visible_q(user, "unit_id", "supervised_unit_id"))
    if programme is not None:
        qs = qs.filter(programme=programme)
    return list(
        qs.select_related("unit", "supervised_unit")
        .annotate(
            n_recs=Count("recommendations", distinct=True),
            n_open=Count("recommendations", filter=Q(recommendations__answered_on=None), distinct=True),
        )
        .order_by("-start_date", "-id")[:limit]
    )


def supervision_get_for_user(*, user, code: str) -> Supervision:
    supervision = (
        Supervision.objects.select_related("unit", "supervised_unit", "programme", "board__base", "updated_by")
        .filter(code=code)
        .first()
    )
    if supervision is None or not perms.can_view_supervision(user, supervision):
        raise Http404("Không tìm thấy cuộc giám sát.")
    return supervision


def recommendations_of(*, supervision: Supervision) -> list[Recommendation]:
    return list(
        supervision.recommendations.select_related("responsible_unit", "answered_by_unit").order_by("deadline", "id")
    )


def recommendation_get_for_user(*, user, code: str) -> Recommendation:
    rec = (
        Recommendation.objects.select_related(
            "supervision__unit", "supervision__supervised_unit", "responsible_unit", "answered_by_unit", "updated_by"
        )
        .filter(code=code)
        .first()
    )
    if rec is None or not perms.can_view_recommendation(user, rec):
        raise Http404("Không tìm thấy kiến nghị.")
    return rec


def followup_for_user(
    *, user, today: dt.date, level: str = "", overdue_only: bool = False, limit: int = 200
) -> tuple[list[Recommendation], int]:
    """Recommendations not answered yet that the user may see, the most overdue first, with the total.

    `level` keeps those made by bodies of one level (a province's Front sees its own and its communes')."""
    if not _active(user):
        return [], 0
    qs = Recommendation.objects.filter(
        perms.visible_q(user, "supervision__unit_id", "responsible_unit_id"), answered_on=None
    )
    if level in LEVELS:
        qs = qs.filter(supervision__unit__level=level)
    if overdue_only:
        qs = qs.filter(deadline__lt=today)
    total = qs.count()
    rows = list(qs.select_related("supervision__unit", "responsible_unit").order_by("deadline", "id")[:limit])
    return rows, total


def _entered_by(user, field: str) -> Q:
    """The record's `field` unit lies where the user enters data (their own units and the units below)."""
    covering = OrgUnitClosure.objects.filter(
        descendant=OuterRef(field),
        ancestor__role_assignments__user=user,
        ancestor__role_assignments__role__in=DATA_ENTRY_ROLES,
    )
    return Q(Exists(covering))


def recommendations_for_inbox(*, user, today: dt.date, horizon_days: int = 7):
    """Unanswered recommendations the person's units must answer (any deadline), or made by the person's units and
    due within the horizon or overdue (to follow up): the soonest deadline first."""
    if not _active(user):
        return Recommendation.objects.none()
    to_answer = _entered_by(user, "responsible_unit_id")
    to_follow = _entered_by(user, "supervision__unit_id") & Q(deadline__lte=today + dt.timedelta(horizon_days))
    return (
        Recommendation.objects.filter(to_answer | to_follow, answered_on=None)
        .select_related("supervision__unit", "responsible_unit")
        .order_by("deadline", "id")
    )


def critique_list_for_user(*, user, limit: int = 100) -> list[Critique]:
    if not _active(user):
        return []
    return list(
        Critique.objects.filter(perms.visible_q(user, "unit_id", "drafting_unit_id"))
        .select_related("unit", "drafting_unit")
        .annotate(
            n_opinions=Count("opinions", distinct=True),
            n_pending=Count("opinions", filter=Q(opinions__response="pending"), distinct=True),
        )
        .order_by("-received_on", "-id")[:limit]
    )


def critique_get_for_user(*, user, code: str) -> Critique:
    critique = Critique.objects.select_related("unit", "drafting_unit", "updated_by").filter(code=code).first()
    if critique is None or not perms.can_view_critique(user, critique):
        raise Http404("Không tìm thấy hồ sơ phản biện.")
    return critique


def opinion_get_for_user(*, user, code: str) -> Opinion:
    opinion = (
        Opinion.objects.select_related("critique__unit", "critique__drafting_unit", "updated_by")
        .filter(code=code)
        .first()
    )
    if opinion is None or not perms.can_view_critique(user, opinion.critique):
        raise Http404("Không tìm thấy ý kiến.")
    return opinion


def units_to_pick(*, user, query: str, limit: int = 15) -> list[OrgUnit]:
    """Units under the user's oversight roots whose name matches every word of `query` (diacritics ignored): the
    bodies a Front may supervise, ask to answer, or receive a draft from."""
    from danvan.core.text import fold, fold_tokens

    tokens = fold_tokens(query)[:8]
    roots = perms.roots_of(user)
    if not tokens or not roots:
        return []
    qs = OrgUnit.objects.filter(Exists(OrgUnitClosure.objects.filter(ancestor_id__in=roots, descendant=OuterRef("pk"))))
    for token in tokens:
        qs = qs.filter(search_text__contains=" " + token)
    rows = list(qs.select_related("parent").order_by("depth", "sort_order", "name")[: limit * 4])
    # Old names are searchable too ("yen the" finds every commune of the old huyện Yên Thế): the units whose own
    # name holds every word come first.
    rows.sort(key=lambda unit: not all(token in fold(unit.name) for token in tokens))
    return rows[:limit]


# Report sources (reports.sources): `area` is a queryset of unit ids, see reports.sources.area_unit_ids.


def supervisions_between(*, area, start, end) -> int:
    """Report source "oversight.supervisions": supervisions the bodies of `area` began in the dates."""
    return Supervision.objects.filter(unit__in=area, start_date__range=(start, end)).count()


def recommendations_between(*, area, start, end) -> int:
    """Report source "oversight.recommendations": recommendations of the bodies of `area` recorded in the dates."""
    return Recommendation.objects.filter(supervision__unit__in=area, created_at__date__range=(start, end)).count()


def recommendations_answered_between(*, area, start, end) -> int:
    """Report source "oversight.recommendations_answered": recommendations of the bodies of `area` answered in the
    dates."""
    return Recommendation.objects.filter(supervision__unit__in=area, answered_on__range=(start, end)).count()


def critiques_between(*, area, start, end) -> int:
    """Report source "oversight.critiques": drafts the bodies of `area` received for critique in the dates."""
    return Critique.objects.filter(unit__in=area, received_on__range=(start, end)).count()


def critique_conferences_between(*, area, start, end) -> int:
    """Report source "oversight.critique_conferences": critique conferences the bodies of `area` held in the dates
    (a draft critiqued in writing only has no conference and is not counted here)."""
    return Critique.objects.filter(unit__in=area, conference_on__range=(start, end)).count()


def boards_to_choose(*, user):
    """Ban TTND and Ban GSĐTCĐ (democracy.Board) in the user's area: the boards a supervision can go through."""
    from danvan.democracy.models import Board

    roots = perms.roots_of(user)
    return (
        Board.objects.filter(
            Exists(OrgUnitClosure.objects.filter(ancestor_id__in=roots, descendant=OuterRef("base__unit_id")))
        )
        .select_related("base")
        .order_by("base__name", "kind", "-term_start")
    )
