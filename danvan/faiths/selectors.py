"""Reads of the ethnic and religious registers for a user. Out of scope answers the same as missing: 404."""

import datetime as dt

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404

from danvan.accounts.permissions import DATA_ENTRY_ROLES, READ_ROLES
from danvan.faiths.models import (
    Commendation,
    Dignitary,
    Establishment,
    EthnicArea,
    FollowerFigure,
    HolidayDate,
    Visit,
)
from danvan.faiths.permissions import can_view_register
from danvan.organisations.models import OrgUnitClosure


def _active(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def _in_scope(user, roles=READ_ROLES) -> Q:
    """The unit-scope rule as a filter: the record's unit lies under a unit the user holds one of `roles` on."""
    covering = OrgUnitClosure.objects.filter(
        descendant=OuterRef("unit_id"),
        ancestor__role_assignments__user=user,
        ancestor__role_assignments__role__in=roles,
    )
    return Q(Exists(covering))


def establishment_list_for_user(
    *, user, religion: str = "", unit=None, limit: int = 200, roles=READ_ROLES
) -> list[Establishment]:
    """Establishments the user may see, by name, with their unit, village, religion, the latest follower figure
    and the dignitaries (no per-row queries). `roles=DATA_ENTRY_ROLES`: those whose dignitaries the user may see
    (the export)."""
    if not _active(user):
        return []
    qs = Establishment.objects.filter(_in_scope(user, roles))
    if religion:
        qs = qs.filter(religion__slug=religion)
    if unit is not None:
        qs = qs.filter(unit__ancestor_links__ancestor=unit)
    return list(
        qs.select_related("unit", "village", "religion", "denomination")
        .prefetch_related(
            Prefetch("followers", queryset=FollowerFigure.objects.order_by("-year")),
            Prefetch("dignitaries", queryset=Dignitary.objects.filter(active=True)),
        )
        .order_by("unit__name", "name", "id")[:limit]
    )


def establishment_get_for_user(*, user, code: str) -> Establishment:
    establishment = (
        Establishment.objects.select_related("unit", "village", "religion", "denomination", "created_by")
        .filter(code=code)
        .first()
    )
    if establishment is None or not can_view_register(user, establishment.unit):
        raise Http404("Không tìm thấy cơ sở tôn giáo.")
    return establishment


def dignitary_get_for_user(*, user, establishment: Establishment, pk: int) -> Dignitary:
    dignitary = establishment.dignitaries.filter(pk=pk).first()
    if dignitary is None:
        raise Http404("Không tìm thấy chức sắc, chức việc.")
    return dignitary


def area_list_for_user(*, user, limit: int = 200) -> list[EthnicArea]:
    if not _active(user):
        return []
    return list(
        EthnicArea.objects.filter(_in_scope(user))
        .select_related("unit", "village")
        .prefetch_related("populations__group")
        .order_by("unit__name", "name", "id")[:limit]
    )


def area_get_for_user(*, user, code: str) -> EthnicArea:
    area = EthnicArea.objects.select_related("unit", "village").filter(code=code).first()
    if area is None or not can_view_register(user, area.unit):
        raise Http404("Không tìm thấy vùng, thôn đồng bào dân tộc thiểu số.")
    return area


def visit_list_for_user(*, user, year: int | None = None, limit: int = 500) -> list[Visit]:
    if not _active(user):
        return []
    qs = Visit.objects.filter(_in_scope(user))
    if year:
        qs = qs.filter(visit_on__year=year)
    return list(
        qs.select_related("unit", "holiday_date__holiday", "establishment", "ethnic_area").order_by("visit_on", "id")[
            :limit
        ]
    )


def visit_get_for_user(*, user, code: str) -> Visit:
    visit = (
        Visit.objects.select_related("unit", "holiday_date__holiday", "establishment", "ethnic_area")
        .filter(code=code)
        .first()
    )
    if visit is None or not can_view_register(user, visit.unit):
        raise Http404("Không tìm thấy lịch thăm hỏi.")
    return visit


def calendar_for_user(*, user, year: int) -> list[dict]:
    """The year's holidays in date order, each with the visits the user may see planned for it (two queries)."""
    dates = list(HolidayDate.objects.filter(year=year).select_related("holiday", "holiday__religion").order_by("date"))
    visits = visit_list_for_user(user=user, year=year)
    by_date: dict[int, list[Visit]] = {}
    loose = []
    for visit in visits:
        if visit.holiday_date_id:
            by_date.setdefault(visit.holiday_date_id, []).append(visit)
        else:
            loose.append(visit)
    rows = [{"date": d.date, "holiday": d, "visits": by_date.get(d.pk, [])} for d in dates]
    rows += [{"date": v.visit_on, "holiday": None, "visits": [v]} for v in loose]
    return sorted(rows, key=lambda r: r["date"])


def holiday_dates_to_choose(*, today: dt.date) -> list[HolidayDate]:
    """Holiday dates of last year, this year and next year, for the visit form."""
    return list(
        HolidayDate.objects.filter(year__range=(today.year - 1, today.year + 1))
        .select_related("holiday")
        .order_by("date")
    )


def commendation_list_for_user(*, user, limit: int = 200) -> list[Commendation]:
    if not _active(user):
        return []
    return list(
        Commendation.objects.filter(_in_scope(user))
        .select_related("unit", "establishment", "dignitary", "movement")
        .order_by("-year", "-id")[:limit]
    )


def establishments_to_choose(*, user):
    """Establishments in the user's scope, as a queryset for a form's choice."""
    if not _active(user):
        return Establishment.objects.none()
    return Establishment.objects.filter(_in_scope(user)).select_related("unit").order_by("name", "id")


def areas_to_choose(*, user):
    if not _active(user):
        return EthnicArea.objects.none()
    return EthnicArea.objects.filter(_in_scope(user)).select_related("unit").order_by("name", "id")


def dignitaries_to_choose(*, user):
    """Active dignitaries of establishments whose dignitaries the user may see (data-entry roles)."""
    if not _active(user):
        return Dignitary.objects.none()
    covering = OrgUnitClosure.objects.filter(
        descendant=OuterRef("establishment__unit_id"),
        ancestor__role_assignments__user=user,
        ancestor__role_assignments__role__in=DATA_ENTRY_ROLES,
    )
    return (
        Dignitary.objects.filter(Exists(covering), active=True)
        .select_related("establishment")
        .order_by("establishment__name", "id")
    )


def commendation_get_for_user(*, user, code: str) -> Commendation:
    commendation = Commendation.objects.select_related("unit", "establishment", "dignitary").filter(code=code).first()
    if commendation is None or not can_view_register(user, commendation.unit):
        raise Http404("Không tìm thấy khen thưởng.")
    return commendation


def visits_done_between(*, area, start, end) -> int:
    """Report source "faiths.visits_done": holiday visits units of `area` made in the dates."""
    return Visit.objects.filter(unit__in=area, status=Visit.Status.DONE, visit_on__range=(start, end)).count()


def commendations_between(*, area, start, end) -> int:
    """Report source "faiths.commendations": commendations units of `area` recorded in the dates."""
    return Commendation.objects.filter(unit__in=area, created_at__date__range=(start, end)).count()
