"""Reads of situation reports and hotspots for a user. Out of scope (or restricted) answers the same as missing: 404."""

import datetime as dt

from django.db.models import Count, Exists, Max, Min, OuterRef, Q
from django.http import Http404

from danvan.accounts.permissions import APPROVE_ROLES, READ_ROLES
from danvan.organisations.models import OrgUnit, OrgUnitClosure
from danvan.situation.models import Hotspot, HotspotAlert, SituationReport
from danvan.situation.permissions import can_view_record


def _active(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def _visible(user, model) -> Q:
    """The unit-scope rule for open records; for restricted ones, the leaders above, the people named and the
    author only."""
    in_scope = OrgUnitClosure.objects.filter(
        descendant=OuterRef("unit_id"),
        ancestor__role_assignments__user=user,
        ancestor__role_assignments__role__in=READ_ROLES,
    )
    leads_above = OrgUnitClosure.objects.filter(
        descendant=OuterRef("unit_id"),
        depth__gt=0,
        ancestor__role_assignments__user=user,
        ancestor__role_assignments__role__in=APPROVE_ROLES,
    )
    through = model.named_people.through
    named = through.objects.filter(**{f"{model._meta.model_name}_id": OuterRef("pk"), "user_id": user.pk})
    return Q(restricted=False) & Q(Exists(in_scope)) | Q(restricted=True) & (
        Q(created_by=user) | Q(Exists(named)) | Q(Exists(leads_above))
    )


def report_list_for_user(*, user, status: str = "", limit: int = 100) -> list[SituationReport]:
    """Reports the user may see, newest month first, with their unit and topics (no per-row queries)."""
    if not _active(user):
        return []
    qs = SituationReport.objects.filter(_visible(user, SituationReport))
    if status:
        qs = qs.filter(status=status)
    return list(qs.select_related("unit", "area").prefetch_related("topics").order_by("-period_month", "-id")[:limit])


def report_get_for_user(*, user, code: str) -> SituationReport:
    report = SituationReport.objects.select_related("unit", "area", "created_by").filter(code=code).first()
    if report is None or not can_view_record(user, report):
        raise Http404("Không tìm thấy báo cáo tình hình.")
    return report


def hotspot_list_for_user(
    *, user, active_only: bool = False, province: str = "", topic: str = "", limit: int = 100
) -> list[Hotspot]:
    """Hotspots the user may see, newest first, filtered by province code and topic slug."""
    if not _active(user):
        return []
    qs = Hotspot.objects.filter(_visible(user, Hotspot))
    if active_only:
        qs = qs.filter(status__in=Hotspot.ACTIVE_STATUSES)
    if province:
        qs = qs.filter(province__code=province)
    if topic:
        qs = qs.filter(topics__slug=topic)
    return list(
        qs.select_related("unit", "province", "place_unit", "severity")
        .prefetch_related("topics")
        .order_by("-occurred_on", "-id")[:limit]
    )


def hotspot_get_for_user(*, user, code: str) -> Hotspot:
    hotspot = (
        Hotspot.objects.select_related("unit", "province", "place_unit", "severity", "created_by")
        .filter(code=code)
        .first()
    )
    if hotspot is None or not can_view_record(user, hotspot):
        raise Http404("Không tìm thấy điểm nóng.")
    return hotspot


def hotspot_counts_for_user(*, user) -> list[dict]:
    """Active hotspots the user may see, counted by province and topic (the province and national list)."""
    if not _active(user):
        return []
    return list(
        Hotspot.objects.filter(_visible(user, Hotspot), status__in=Hotspot.ACTIVE_STATUSES)
        .values("province__code", "province__name", "topics__slug", "topics__name")
        .annotate(n=Count("id", distinct=True))
        .order_by("province__name", "topics__name")
    )


def alerts_awaiting_for_user(*, user):
    """Open alerts sent to units the user leads (or leads from above): the ones they may acknowledge."""
    if not _active(user):
        return HotspotAlert.objects.none()
    leads = OrgUnitClosure.objects.filter(
        descendant=OuterRef("unit_id"),
        ancestor__role_assignments__user=user,
        ancestor__role_assignments__role__in=APPROVE_ROLES,
    )
    return (
        HotspotAlert.objects.filter(Exists(leads), acknowledged_at=None, escalated_at=None)
        .exclude(hotspot__status=Hotspot.Status.RESOLVED)
        .select_related("hotspot", "hotspot__severity", "unit")
        .order_by("due_at", "id")
    )


def communes_not_reported(*, province: OrgUnit, month: dt.date | None = None, round_key: str = "") -> list[OrgUnit]:
    """The communes (their Party committees) of `province` with no submitted monthly report for `month` from any
    unit of the commune — or, given `round_key`, no submitted report of that special round (decision 0051)."""
    if round_key:
        period = {"kind": SituationReport.Kind.EVENT, "event_key": round_key}
    else:
        period = {"kind": SituationReport.Kind.MONTHLY, "period_month": month}
    reported = SituationReport.objects.filter(
        unit__ancestor_links__ancestor=OuterRef("pk"), status=SituationReport.Status.SUBMITTED, **period
    )
    return list(
        OrgUnit.objects.filter(
            ancestor_links__ancestor=province,
            level=OrgUnit.Level.COMMUNE,
            kind=OrgUnit.Kind.PARTY_COMMITTEE,
        )
        .exclude(Exists(reported))
        .order_by("name")
    )


def petitions_to_link(*, user, hotspot: Hotspot):
    """Petitions the user may see in the hotspot's province (or unit), newest first, plus those already linked."""
    from danvan.petitions.models import Petition
    from danvan.petitions.selectors import petition_list_for_user

    rows = petition_list_for_user(user=user, unit=hotspot.province or hotspot.unit, limit=200)
    linked = list(hotspot.petitions.values_list("pk", flat=True))
    return Petition.objects.filter(pk__in=[p.pk for p in rows] + linked).order_by("-received_on", "-id")


def dialogues_to_link(*, user, hotspot: Hotspot):
    """Dialogues held by units in the user's scope within the hotspot's province, plus those already linked."""
    from danvan.petitions.models import Dialogue

    in_scope = OrgUnitClosure.objects.filter(
        descendant=OuterRef("unit_id"),
        ancestor__role_assignments__user=user,
        ancestor__role_assignments__role__in=READ_ROLES,
    )
    area = hotspot.province or hotspot.unit
    ids = list(
        Dialogue.objects.filter(Exists(in_scope), unit__ancestor_links__ancestor=area)
        .order_by("-held_on", "-id")
        .values_list("pk", flat=True)[:200]
    )
    ids += list(hotspot.dialogues.values_list("pk", flat=True))
    return Dialogue.objects.filter(pk__in=ids).order_by("-held_on", "-id")


def cases_to_link(*, user, hotspot: Hotspot):
    """Prolonged complex cases of units in the user's scope within the hotspot's province, plus those already
    linked."""
    from danvan.petitions.models import Case

    in_scope = OrgUnitClosure.objects.filter(
        descendant=OuterRef("unit_id"),
        ancestor__role_assignments__user=user,
        ancestor__role_assignments__role__in=READ_ROLES,
    )
    area = hotspot.province or hotspot.unit
    ids = list(
        Case.objects.filter(Exists(in_scope), unit__ancestor_links__ancestor=area)
        .order_by("-opened_on", "-id")
        .values_list("pk", flat=True)[:200]
    )
    ids += list(hotspot.cases.values_list("pk", flat=True))
    return Case.objects.filter(pk__in=ids).order_by("-opened_on", "-id")


def reports_sent_between(*, area, start, end) -> int:
    """Report source "situation.reports_sent": situation reports units of `area` sent in the dates."""
    return SituationReport.objects.filter(
        unit__in=area, status=SituationReport.Status.SUBMITTED, submitted_at__date__range=(start, end)
    ).count()


def hotspots_raised_between(*, area, start, end) -> int:
    """Report source "situation.hotspots_raised": hotspots units of `area` recorded in the dates."""
    return Hotspot.objects.filter(unit__in=area, created_at__date__range=(start, end)).count()


def hotspots_resolved_between(*, area, start, end) -> int:
    """Report source "situation.hotspots_resolved": hotspots of units of `area` marked resolved in the dates."""
    return Hotspot.objects.filter(
        unit__in=area, status=Hotspot.Status.RESOLVED, resolved_at__date__range=(start, end)
    ).count()


def digest_units_for_user(*, user) -> list[OrgUnit]:
    """The digest units (the centre, province committees) the user's scope includes."""
    from danvan.accounts.permissions import units_in_scope
    from danvan.situation.digests import digest_units

    if not _active(user):
        return []
    return list(digest_units().filter(pk__in=units_in_scope(user).values("pk")))


def digest_units_to_generate_for_user(*, user) -> list[OrgUnit]:
    """The digest units the user may make a digest for now (permissions.can_generate_digest), in one query: the
    centre's officers would otherwise cost one query per province."""
    from danvan.accounts.permissions import EDIT_ROLES, units_in_scope
    from danvan.situation.digests import digest_units

    if not _active(user):
        return []
    return list(digest_units().filter(pk__in=units_in_scope(user, EDIT_ROLES).values("pk")))


def digest_list_for_user(*, user, limit: int = 100):
    """Digests of the units in the user's scope, newest period first (without their documents)."""
    from danvan.situation.models import Digest

    units = digest_units_for_user(user=user)
    return list(
        Digest.objects.filter(unit__in=units, superseded_at=None)
        .defer("document", "data")
        .select_related("unit")
        .order_by("-period_start", "kind", "unit__level", "unit__name")[:limit]
    )


def digest_get_for_user(*, user, code: str):
    from danvan.situation.models import Digest
    from danvan.situation.permissions import can_view_digest

    digest = Digest.objects.select_related("unit").filter(code=code).first()
    if digest is None or not _active(user) or not can_view_digest(user, digest):
        raise Http404("Không tìm thấy bản tin.")
    return digest


def hotspot_ids_visible(*, user, ids: list[int]) -> set[int]:
    """Which of the hotspots `ids` the user may see one by one (the others stay counts)."""
    if not ids or not _active(user):
        return set()
    return set(Hotspot.objects.filter(_visible(user, Hotspot), pk__in=ids).values_list("pk", flat=True))


def sees_province_or_centre(*, user) -> bool:
    """Whether the user's scope holds the centre or a province: the digests, the map and "areas that did not
    report" are theirs (a commune's officer has none of them, so is not sent there)."""
    from danvan.accounts.permissions import units_in_scope

    if not _active(user):
        return False
    return units_in_scope(user).filter(level__in=[OrgUnit.Level.CENTRAL, OrgUnit.Level.PROVINCE]).exists()


def map_areas_for_user(*, user):
    """Whether the user sees the national map, and the provinces whose commune map they may open."""
    from danvan.accounts.permissions import units_in_scope
    from danvan.organisations.models import AdminUnit

    if not _active(user):
        return False, []
    scope = units_in_scope(user)
    national = scope.filter(level=OrgUnit.Level.CENTRAL).exists()
    provinces = AdminUnit.objects.filter(
        generation="current",
        level="province",
        pk__in=scope.filter(level=OrgUnit.Level.PROVINCE).values("admin_unit_id"),
    ).order_by("name")
    return national, list(provinces)


def digest_area_of_meeting(meeting) -> OrgUnit | None:
    """The digest unit (a province committee or the centre) at or nearest above the meeting's unit."""
    from danvan.situation.digests import digest_units

    return digest_units().filter(descendant_links__descendant_id=meeting.unit_id).order_by("-depth").first()


def meeting_digests_for_user(*, user, meeting) -> list:
    """The digests attached to `meeting` that the user may read (situation data is never shown beyond the
    digest unit's scope), without their documents."""
    from danvan.situation.models import Digest, MeetingDigest
    from danvan.situation.permissions import can_view_digest

    if not _active(user):
        return []
    rows = list(
        MeetingDigest.objects.filter(meeting=meeting, detached_at=None)
        .select_related("digest__unit", "attached_by")
        .defer("digest__document", "digest__data")
    )
    allowed = {}
    for row in rows:
        # Usually one or two digests of one unit: the scope check is asked once per unit.
        if row.digest.unit_id not in allowed:
            allowed[row.digest.unit_id] = can_view_digest(user, row.digest)
    rows = [row for row in rows if allowed[row.digest.unit_id]]
    # A superseded version on the agenda: its newer version, offered in its place (one query for all of them).
    old = [row.digest for row in rows if row.digest.superseded_at is not None]
    newer = {}
    if old:
        periods = Q()
        for d in old:
            periods |= Q(unit_id=d.unit_id, kind=d.kind, period_start=d.period_start)
        newer = {
            (d.unit_id, d.kind, d.period_start): d
            for d in Digest.objects.filter(periods, superseded_at=None).defer("document", "data")
        }
    for row in rows:
        d = row.digest
        row.newer = newer.get((d.unit_id, d.kind, d.period_start)) if d.superseded_at else None
    return rows


def digest_versions(*, digest) -> list:
    """Every version of the digest's unit, kind and period, newest first (without their documents)."""
    from danvan.situation.models import Digest

    return list(
        Digest.objects.filter(unit_id=digest.unit_id, kind=digest.kind, period_start=digest.period_start)
        .defer("document", "data")
        .select_related("generated_by")
        .order_by("-version")
    )


def digests_to_attach(*, area: OrgUnit, before: dt.date, limit: int = 12):
    """The area's digests whose period began by `before` (the meeting's day), newest first."""
    from danvan.situation.models import Digest

    return list(
        Digest.objects.filter(unit=area, period_start__lte=before, superseded_at=None)
        .defer("document", "data")
        .order_by("-period_start", "kind")[:limit]
    )


def event_rounds(*, province: OrgUnit, since: dt.date) -> list[dict]:
    """The special rounds (an election, Tết, a storm) reported on in `province` since `since`, latest first:
    `key`, `name` (as the first unit wrote it), `year`. One grouped query."""
    rows = (
        SituationReport.objects.filter(
            province=province, kind=SituationReport.Kind.EVENT, period_month__gte=since, event_key__gt=""
        )
        .values("event_key")
        .annotate(name=Min("event_name"), last=Max("period_month"))
        .order_by("-last", "event_key")[:50]
    )
    return [{"key": r["event_key"], "name": r["name"], "year": r["last"].year} for r in rows]


def hotspots_of_case_for_user(*, user, case) -> list[Hotspot]:
    """The hotspots linked to a prolonged complex case (`petitions.Case`) that the user may read, by the same rule
    as the situation pages (unit scope; restricted ones to the leaders above, the people named and the author).
    Someone who reads the case but not the area's situation gets an empty list."""
    if not _active(user):
        return []
    return list(
        Hotspot.objects.filter(_visible(user, Hotspot), cases=case)
        .select_related("unit", "place_unit", "severity")
        .order_by("-occurred_on", "-id")
    )
