"""Reads of grassroots democracy records, through the unit-scope rule (missing and forbidden are both 404)."""

import datetime as dt
import uuid
from dataclasses import dataclass, field
from functools import lru_cache

from django.db.models import Count, Min, Prefetch, Q, QuerySet
from django.http import Http404

from danvan.accounts.permissions import units_in_scope
from danvan.core.text import fold
from danvan.democracy import permissions as perms
from danvan.democracy.models import (
    Base,
    BaseKind,
    Board,
    BoardMember,
    Comment,
    Consultation,
    Disclosure,
    DisclosureFile,
    DisclosureItem,
    Finding,
    Frequency,
    FriendlyAssessment,
    FriendlyScheme,
    FriendlyScore,
    Household,
    Inspection,
    Matter,
    Project,
    SupervisionPlan,
    SupervisionPlanItem,
)
from danvan.organisations.models import OrgUnit


def bases_for_user(*, user) -> QuerySet[Base]:
    return Base.objects.filter(unit__in=units_in_scope(user)).select_related("unit", "admin_unit").order_by("name")


def base_get_for_user(*, user, public_id) -> Base:
    base = Base.objects.select_related("unit", "admin_unit", "province").filter(public_id=public_id).first()
    if base is None or not perms.can_view_base(user, base):
        raise Http404
    return base


def disclosure_get_for_user(*, user, public_id) -> Disclosure:
    row = Disclosure.objects.select_related("base__unit", "item", "posted_by").filter(public_id=public_id).first()
    if row is None or not perms.can_view_base(user, row.base):
        raise Http404
    return row


def consultation_get_for_user(*, user, public_id) -> Consultation:
    row = Consultation.objects.select_related("base__unit").filter(public_id=public_id).first()
    if row is None or not perms.can_view_base(user, row.base):
        raise Http404
    return row


def comment_get_for_user(*, user, public_id) -> Comment:
    row = Comment.objects.select_related("consultation__base__unit").filter(public_id=public_id).first()
    if row is None or not perms.can_view_base(user, row.consultation.base):
        raise Http404
    return row


def matter_get_for_user(*, user, public_id) -> Matter:
    row = Matter.objects.select_related("base__unit", "village").filter(public_id=public_id).first()
    if row is None or not perms.can_view_base(user, row.base):
        raise Http404
    return row


def items_for_kind(kind: str) -> list[DisclosureItem]:
    return list(DisclosureItem.objects.filter(base_kind=kind, is_active=True).order_by("number"))


def required_items(kind: str, start: dt.date, end: dt.date) -> list[DisclosureItem]:
    """The items a base must disclose within [start, end]: the quarterly ones always; the yearly ones when the
    window is longer than a quarter. Items disclosed "when it arises" are never counted missing."""
    frequencies = [Frequency.QUARTER]
    if (end - start).days > 100:
        frequencies.append(Frequency.YEAR)
    return [i for i in items_for_kind(kind) if i.frequency in frequencies]


@dataclass
class ItemCompliance:
    item: DisclosureItem
    required: bool
    disclosures: list = field(default_factory=list)
    state: str = "missing"  # ok / late / missing / none (not required, nothing posted)
    short: bool = False  # a disclosure ended before the minimum posting time

    @property
    def label(self) -> str:
        return {
            "ok": "Đã công khai",
            "late": "Công khai muộn",
            "missing": "Chưa công khai",
            "none": "Khi phát sinh",
        }[self.state]


def _state(item: DisclosureItem, first_start: dt.date | None, period_start: dt.date, required: bool) -> str:
    if first_start is None:
        return "missing" if required else "none"
    if item.due_days is not None and first_start > period_start + dt.timedelta(days=item.due_days):
        return "late"
    return "ok"


def compliance_for_base(*, base: Base, start: dt.date, end: dt.date, today: dt.date) -> list[ItemCompliance]:
    """Per catalogue item: the disclosures that started in [start, end], days posted, late / missing / too short."""
    required = {i.pk for i in required_items(base.kind, start, end)}
    rows = {i.pk: ItemCompliance(item=i, required=i.pk in required) for i in items_for_kind(base.kind)}
    disclosures = (
        Disclosure.objects.filter(base=base, start_date__range=(start, end))
        .select_related("item")
        .order_by("start_date", "id")
    )
    for d in disclosures:
        row = rows.get(d.item_id)
        if row is None:
            continue
        d.days = d.posted_days(today)
        d.too_short = bool(d.end_date and d.item.min_days and d.days < d.item.min_days)
        d.loudspeaker_short = bool(
            d.item.loudspeaker_days and (d.loudspeaker_days or 0) < d.item.loudspeaker_days and d.end_date
        )
        row.disclosures.append(d)
        row.short = row.short or d.too_short or d.loudspeaker_short
    for row in rows.values():
        first = row.disclosures[0].start_date if row.disclosures else None
        row.state = _state(row.item, first, start, row.required)
    return list(rows.values())


@dataclass(frozen=True)
class UnitRef:
    """What a roll-up row needs of a unit: read as plain values, not as a model (3,321 of them for the country)."""

    pk: int
    code: str
    name: str


@dataclass(frozen=True)
class BaseRef:
    pk: int
    public_id: uuid.UUID


@dataclass
class CommuneRollup:
    """One row of a roll-up: a commune (its unit, with or without a base yet) or an agency / enterprise base."""

    unit: UnitRef
    base: BaseRef | None
    required: int
    disclosed: int
    late: int
    short: int
    province_name: str = ""
    row_name: str = ""

    @property
    def name(self) -> str:
        return self.row_name or self.unit.name

    @property
    def missing(self) -> int:
        return self.required - self.disclosed

    @property
    def behind(self) -> bool:
        return self.missing > 0 or self.late > 0 or self.short > 0


@lru_cache(maxsize=16384)
def _folded(name: str) -> str:
    # The same 3,355 names sort every national page: fold each once per process.
    return fold(name)


def compliance_rollup(*, area: OrgUnit, kind: str, start: dt.date, end: dt.date) -> list[CommuneRollup]:
    """Every base of one kind under `area` (a province, or the centre for the whole country) with its required items
    disclosed, late and missing in [start, end]; those behind first. Communes are listed whether or not they have
    started their base. Five queries whatever the number of communes: the commune list (or the bases), the bases, the
    catalogue, the first disclosure per (base, item) and the short postings, joined in Python. Rows are read as
    values, not models: building 16,000 model instances was most of the national page's time (decision 0042)."""
    items = {i.pk: i for i in required_items(kind, start, end)}
    national = area.level == OrgUnit.Level.CENTRAL
    # The whole country needs no filter on the tree: every base is in it, and the closure join costs most.
    in_area = Q(kind=kind) if national else Q(kind=kind, unit__ancestor_links__ancestor=area)
    if kind == BaseKind.COMMUNE:
        # A commune is its Đảng ủy, the body directly under the province; the kind lets the (kind, level) index
        # pick the 3,321 of them out of the ~37,000 units of the country's communes.
        communes = OrgUnit.objects.filter(
            kind=OrgUnit.Kind.PARTY_COMMITTEE, level=OrgUnit.Level.COMMUNE, parent__level=OrgUnit.Level.PROVINCE
        )
        if not national:
            communes = communes.filter(ancestor_links__ancestor=area)
        bases = {
            unit_id: BaseRef(pk, public_id)
            for pk, public_id, unit_id in Base.objects.filter(in_area).values_list("pk", "public_id", "unit_id")
        }
        rows = [
            CommuneRollup(
                unit=UnitRef(pk, code, admin_name or name),
                base=bases.get(pk),
                required=len(items),
                disclosed=0,
                late=0,
                short=0,
                province_name=parent_admin_name or parent_name or "",
            )
            for pk, code, name, admin_name, parent_name, parent_admin_name in communes.values_list(
                "pk", "code", "name", "admin_unit__name", "parent__name", "parent__admin_unit__name"
            )
        ]
    else:
        rows = [
            CommuneRollup(
                unit=UnitRef(unit_id, unit_code, unit_admin_name or unit_name),
                base=BaseRef(pk, public_id),
                required=len(items),
                disclosed=0,
                late=0,
                short=0,
                province_name=province_admin_name or province_name or "",
                row_name=name,
            )
            for (
                pk,
                public_id,
                name,
                unit_id,
                unit_code,
                unit_name,
                unit_admin_name,
                province_name,
                province_admin_name,
            ) in Base.objects.filter(in_area).values_list(
                "pk",
                "public_id",
                "name",
                "unit_id",
                "unit__code",
                "unit__name",
                "unit__admin_unit__name",
                "province__name",
                "province__admin_unit__name",
            )
        ]
    by_base = {row.base.pk: row for row in rows if row.base is not None}
    # The bases are filtered by a join on their kind and area rather than a list of ids, so each query stays one
    # statement of a fixed size for the 3,321 communes of the country.
    base_in_area = Q(base__kind=kind) if national else Q(base__kind=kind, base__unit__ancestor_links__ancestor=area)
    rollup_count(by_base, items, base_in_area, start, end)
    # Folded names sort as Vietnamese readers expect ("Đ" beside "D", not after "Y").
    rows.sort(key=rollup_key)
    return rows


def rollup_key(row: CommuneRollup) -> tuple:
    """The roll-up's order: those behind first, the most missing first, then by province and name."""
    return (not row.behind, -row.missing, _folded(row.province_name), _folded(row.name))


def rollup_count(by_base: dict, items: dict, base_filter: Q, start: dt.date, end: dt.date) -> None:
    """Count into the rows `by_base` ({base pk: CommuneRollup}) the required `items` disclosed and late, and the
    short postings, of the disclosures that started in [start, end] of the bases `base_filter` picks. Two queries.
    Shared by the live roll-up and the stored summary (`compliance_store`), so both count alike."""
    if by_base and items:
        firsts = (
            Disclosure.objects.filter(base_filter, item_id__in=list(items), start_date__range=(start, end))
            .values_list("base_id", "item_id")
            .annotate(first=Min("start_date"))
        )
        for base_id, item_id, first in firsts:
            row = by_base.get(base_id)
            if row is None:
                continue
            row.disclosed += 1
            if _state(items[item_id], first, start, True) == "late":
                row.late += 1
    if by_base:
        shorts = Disclosure.objects.filter(
            base_filter,
            start_date__range=(start, end),
            end_date__isnull=False,
            item__min_days__isnull=False,
        ).values_list("base_id", "start_date", "end_date", "item__min_days")
        for base_id, s, e, minimum in shorts:
            if (e - s).days + 1 < minimum and base_id in by_base:
                by_base[base_id].short += 1


def province_rollup(*, province: OrgUnit, start: dt.date, end: dt.date) -> list[CommuneRollup]:
    """Every commune of the province, those behind first (see `compliance_rollup`)."""
    return compliance_rollup(area=province, kind=BaseKind.COMMUNE, start=start, end=end)


def published_disclosures(*, base: Base) -> QuerySet[Disclosure]:
    return (
        Disclosure.objects.filter(base=base)
        .filter(Q(is_published=True) | ~Q(withdrawn_note=""))
        .select_related("item")
        .prefetch_related(
            Prefetch("files", queryset=DisclosureFile.objects.select_related("file").defer("file__content"))
        )
        .order_by("-start_date", "-id")
    )


def comments_pending_count(*, consultation: Consultation) -> int:
    return consultation.comments.filter(moderation=Comment.Moderation.PENDING).count()


def matters_for_base(*, base: Base) -> QuerySet[Matter]:
    return Matter.objects.filter(base=base).select_related("village")


# Report sources (reports.sources): figures for the units of `area` between two dates.


def disclosures_between(*, area, start, end) -> int:
    """Report source "democracy.disclosures": disclosures of the area's bases that started in the dates."""
    return Disclosure.objects.filter(base__unit__in=area, start_date__range=(start, end)).count()


def _votes_between(area, start, end, subject) -> int:
    return (
        Matter.objects.filter(base__unit__in=area, subject=subject, voted_on__range=(start, end))
        .exclude(result=Matter.Result.PENDING)
        .count()
    )


def infrastructure_votes_between(*, area, start, end) -> int:
    """Report source "democracy.infrastructure_meetings": votes held on works paid partly by residents."""
    return _votes_between(area, start, end, Matter.Subject.INFRASTRUCTURE)


def convention_votes_between(*, area, start, end) -> int:
    """Report source "democracy.convention_meetings": votes held on hương ước, quy ước."""
    return _votes_between(area, start, end, Matter.Subject.CONVENTION)


def consultations_between(*, area, start, end) -> int:
    """Report source "democracy.consultations": consultations opened in the dates."""
    return Consultation.objects.filter(base__unit__in=area, opens_on__range=(start, end)).count()


def board_get_for_user(*, user, public_id) -> Board:
    row = Board.objects.select_related("base__unit").filter(public_id=public_id).first()
    if row is None or not perms.can_view_base(user, row.base):
        raise Http404
    return row


def finding_get_for_user(*, user, public_id) -> Finding:
    row = Finding.objects.select_related("board__base__unit").filter(public_id=public_id).first()
    if row is None or not perms.can_view_base(user, row.board.base):
        raise Http404
    return row


def boards_for_base(*, base: Base) -> list[Board]:
    """The base's boards with their current members and the count of findings (two queries)."""
    from django.db.models import Count

    return list(
        Board.objects.filter(base=base)
        .annotate(finding_count=Count("findings"))
        .prefetch_related(
            Prefetch(
                "members",
                queryset=BoardMember.objects.filter(end_date__isnull=True).select_related("village"),
                to_attr="current_members",
            )
        )
    )


def findings_between(*, area, start, end) -> int:
    """Report source "democracy.works_supervised": works and matters supervised by the area's boards."""
    return Finding.objects.filter(board__base__unit__in=area, found_on__range=(start, end)).count()


def recommendations_between(*, area, start, end) -> int:
    """Report source "democracy.recommendations": findings with a recommendation to the commune."""
    return (
        Finding.objects.filter(board__base__unit__in=area, found_on__range=(start, end))
        .exclude(recommendation="")
        .count()
    )


def recommendations_resolved_between(*, area, start, end) -> int:
    """Report source "democracy.recommendations_resolved": of those, the ones resolved."""
    return (
        Finding.objects.filter(board__base__unit__in=area, found_on__range=(start, end), is_resolved=True)
        .exclude(recommendation="")
        .count()
    )


def _boards_active(area, end, kind) -> int:
    return (
        Board.objects.filter(base__unit__in=area, kind=kind, term_start__lte=end)
        .filter(Q(term_end__isnull=True) | Q(term_end__gte=end))
        .count()
    )


def inspection_boards_at(*, area, start, end) -> int:
    """Report source "democracy.ttnd_boards": Ban TTND in office at the end of the period."""
    return _boards_active(area, end, Board.Kind.INSPECTION)


def investment_boards_at(*, area, start, end) -> int:
    """Report source "democracy.gsdtcd_boards": Ban GSĐTCĐ in office at the end of the period."""
    return _boards_active(area, end, Board.Kind.INVESTMENT)


def _members_active(area, end, kind) -> int:
    return (
        BoardMember.objects.filter(board__base__unit__in=area, board__kind=kind, board__term_start__lte=end)
        .filter(Q(board__term_end__isnull=True) | Q(board__term_end__gte=end))
        .filter(start_date__lte=end)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=end))
        .count()
    )


def inspection_board_members_at(*, area, start, end) -> int:
    """Report source "democracy.ttnd_members": members of the Ban TTND in office at the end of the period."""
    return _members_active(area, end, Board.Kind.INSPECTION)


def investment_board_members_at(*, area, start, end) -> int:
    """Report source "democracy.gsdtcd_members": members of the Ban GSĐTCĐ in office at the end of the period."""
    return _members_active(area, end, Board.Kind.INVESTMENT)


def friendly_recognised_between(*, area, start, end) -> int:
    """Report source "democracy.friendly_recognised": communes recognised as friendly government in the dates."""
    return FriendlyAssessment.objects.filter(
        base__unit__in=area, status=FriendlyAssessment.Status.RECOGNISED, decided_on__range=(start, end)
    ).count()


def inspections_for_user(*, user) -> QuerySet[Inspection]:
    """Inspections planned by a unit in the user's scope, or covering a base in it."""
    scope = units_in_scope(user)
    return (
        Inspection.objects.filter(Q(unit__in=scope) | Q(bases__unit__in=scope))
        .distinct()
        .select_related("unit")
        .order_by("-planned_from", "-id")
    )


def inspection_get_for_user(*, user, public_id) -> Inspection:
    row = inspections_for_user(user=user).filter(public_id=public_id).first()
    if row is None:
        raise Http404
    return row


# Chính quyền thân thiện


def friendly_schemes_for_user(*, user) -> QuerySet[FriendlyScheme]:
    """The schemes of the provinces in the user's scope."""
    return FriendlyScheme.objects.filter(province__in=units_in_scope(user)).select_related("province")


def friendly_scheme_get_for_user(*, user, public_id) -> FriendlyScheme:
    row = friendly_schemes_for_user(user=user).filter(public_id=public_id).first()
    if row is None:
        raise Http404
    return row


def friendly_assessment_get_for_user(*, user, public_id) -> FriendlyAssessment:
    """The commune's own people and the province's (its ancestors) see a dossier; others get 404."""
    row = (
        FriendlyAssessment.objects.select_related("base__unit", "base__province", "scheme__province")
        .prefetch_related(
            Prefetch(
                "scores",
                queryset=FriendlyScore.objects.select_related("criterion").prefetch_related("evidence__file"),
            )
        )
        .filter(public_id=public_id)
        .first()
    )
    if row is None or not perms.can_view_base(user, row.base):
        raise Http404
    return row


def friendly_assessments_for_base(*, base: Base) -> QuerySet[FriendlyAssessment]:
    return FriendlyAssessment.objects.filter(base=base).select_related("scheme").order_by("-scheme__year")


@dataclass
class FriendlyRow:
    unit: OrgUnit
    assessment: FriendlyAssessment | None


def friendly_province_status(*, scheme: FriendlyScheme) -> list[FriendlyRow]:
    """Every commune of the scheme's province with its dossier's status (none yet: not started); two queries."""
    communes = list(
        OrgUnit.objects.filter(
            ancestor_links__ancestor=scheme.province,
            level=OrgUnit.Level.COMMUNE,
            parent__level=OrgUnit.Level.PROVINCE,
        ).order_by("name")
    )
    by_unit = {
        a.base.unit_id: a
        for a in FriendlyAssessment.objects.filter(scheme=scheme, base__unit__in=communes).select_related("base")
    }
    return [FriendlyRow(unit=u, assessment=by_unit.get(u.pk)) for u in communes]


# Mobilising residents for projects


def projects_for_user(*, user) -> QuerySet[Project]:
    """Projects run by a unit in the user's scope, or touching a commune in it."""
    scope = units_in_scope(user)
    return (
        Project.objects.filter(Q(unit__in=scope) | Q(bases__unit__in=scope))
        .distinct()
        .select_related("unit")
        .order_by("-starts_on", "name")
    )


def project_get_for_user(*, user, public_id) -> Project:
    row = projects_for_user(user=user).filter(public_id=public_id).select_related("matter").first()
    if row is None:
        raise Http404
    return row


def household_get_for_user(*, user, public_id) -> Household:
    row = Household.objects.select_related("project__unit", "base__unit", "village").filter(public_id=public_id).first()
    if row is None or not perms.can_view_project(user, row.project, bases=[row.base]):
        raise Http404
    return row


@dataclass
class CommuneAgreement:
    base: Base
    total: int = 0
    agreed: int = 0
    pending: int = 0
    refused: int = 0
    # (month end, percent agreed at that date)
    series: list = field(default_factory=list)

    @property
    def percent(self) -> int:
        return round(self.agreed * 100 / self.total) if self.total else 0


def _month_ends(start: dt.date, end: dt.date, limit: int = 24) -> list[dt.date]:
    points, year, month = [], start.year, start.month
    while True:
        nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
        last = nxt - dt.timedelta(days=1)
        points.append(min(last, end))
        if last >= end:
            break
        year, month = nxt.year, nxt.month
    return points[-limit:]


def project_dashboard(*, project: Project, today: dt.date) -> dict:
    """Per commune: households agreed, not yet, refused, and the share agreed at each month's end (from the
    contacts' dates); the households still refusing. A fixed number of queries whatever the households."""
    from danvan.democracy.models import Agreement, Contact

    bases = list(project.bases.order_by("name"))
    rows = {b.pk: CommuneAgreement(base=b) for b in bases}
    households = list(Household.objects.filter(project=project).values_list("pk", "base_id", "agreement", "created_at"))
    for _pk, base_id, agreement, _created in households:
        row = rows.get(base_id)
        if row is None:
            continue
        row.total += 1
        setattr(row, agreement, getattr(row, agreement) + 1)
    end = min(today, project.ends_on) if project.ends_on else today
    points = _month_ends(project.starts_on, max(end, project.starts_on))
    contacts: dict[int, list[tuple[dt.date, str]]] = {}
    for household_id, on, agreement in (
        Contact.objects.filter(household__project=project)
        .order_by("contacted_on", "id")
        .values_list("household_id", "contacted_on", "agreement")
    ):
        contacts.setdefault(household_id, []).append((on, agreement))
    for point in points:
        agreed: dict[int, int] = {}
        counted: dict[int, int] = {}
        for pk, base_id, _agreement, created in households:
            # A household counts from the day it was listed (or its first contact, if entered later).
            history = contacts.get(pk, [])
            first = min([created.date(), *[on for on, _a in history]])
            if first > point:
                continue
            counted[base_id] = counted.get(base_id, 0) + 1
            state = Agreement.PENDING
            for on, agreement in history:
                if on <= point:
                    state = agreement
            if state == Agreement.AGREED:
                agreed[base_id] = agreed.get(base_id, 0) + 1
        for base_id, row in rows.items():
            n = counted.get(base_id, 0)
            row.series.append((point, round(agreed.get(base_id, 0) * 100 / n) if n else None))
    refusing = list(
        Household.objects.filter(project=project, agreement=Agreement.REFUSED)
        .select_related("base", "village")
        .order_by("base__name", "head_name")
    )
    return {"communes": list(rows.values()), "points": points, "refusing": refusing}


# Supervision plans of the boards


def supervision_plan_get_for_user(*, user, public_id) -> SupervisionPlan:
    row = SupervisionPlan.objects.select_related("board__base__unit").filter(public_id=public_id).first()
    if row is None or not perms.can_view_base(user, row.board.base):
        raise Http404
    return row


def supervision_item_get_for_user(*, user, public_id) -> SupervisionPlanItem:
    row = SupervisionPlanItem.objects.select_related("plan__board__base__unit").filter(public_id=public_id).first()
    if row is None or not perms.can_view_base(user, row.plan.board.base):
        raise Http404
    return row


def supervision_plans_for_board(*, board: Board) -> QuerySet[SupervisionPlan]:
    return SupervisionPlan.objects.filter(board=board).annotate(
        item_count=Count("items"), done_count=Count("items", filter=Q(items__result_on__isnull=False))
    )


def supervision_plans_for_user(*, user, year: int | None = None) -> QuerySet[SupervisionPlan]:
    """Plans of the boards of every base in the person's scope, newest year first, with their item counts."""
    qs = SupervisionPlan.objects.filter(board__base__unit__in=units_in_scope(user))
    if year is not None:
        qs = qs.filter(year=year)
    return (
        qs.select_related("board__base__unit")
        .annotate(item_count=Count("items"), done_count=Count("items", filter=Q(items__result_on__isnull=False)))
        .order_by("-year", "-id")
    )


def supervision_items_due_for_user(*, user, today: dt.date, horizon_days: int) -> QuerySet[SupervisionPlanItem]:
    """Plan items without a result, due within the horizon or overdue, of the boards of the bases whose unit the
    person enters data for directly (the commune officer who records for the board; not every officer above)."""
    from danvan.accounts.permissions import DATA_ENTRY_ROLES, scope_roots

    return (
        SupervisionPlanItem.objects.filter(
            result_on__isnull=True,
            due_on__lte=today + dt.timedelta(days=horizon_days),
            plan__board__base__unit__in=scope_roots(user, DATA_ENTRY_ROLES),
        )
        .select_related("plan__board__base")
        .order_by("due_on", "id")
    )


# Links between a project and the petitions and dialogues about it, both ways (issue 10).


def project_links(*, user, project: Project, visible_bases) -> dict:
    """The petitions linked to the project's households of `visible_bases` (with the household each came with) and
    the dialogues linked to the project, with those the user could link: two queries and one for the choices."""
    from danvan.petitions.models import Dialogue

    petitions = []
    through = Household.petitions.through
    for row in (
        through.objects.filter(household__project=project, household__base__in=visible_bases)
        .select_related("petition", "household")
        .order_by("-petition__received_on", "petition_id")[:200]
    ):
        petitions.append((row.petition, row.household))
    linked = list(project.dialogues.select_related("unit").order_by("-held_on", "-id"))
    choices = list(
        Dialogue.objects.filter(unit__in=units_in_scope(user)).select_related("unit").order_by("-held_on", "-id")[:200]
    )
    return {"petitions": petitions, "dialogues": linked, "dialogue_choices": choices}


def projects_for_petition(*, user, petition) -> list[Household]:
    """The households (with their project) that a petition was linked to, in projects the user may read."""
    # Most petitions are linked to no project: ask that first, a plain read of the link table, before building
    # the person's project scope (most of this page fragment's CPU when it is built for nothing).
    if not Household.petitions.through.objects.filter(petition_id=petition.pk).exists():
        return []
    return list(
        Household.objects.filter(petitions=petition, project__in=projects_for_user(user=user).order_by().values("pk"))
        .select_related("project", "base")
        .order_by("project__name", "head_name")[:50]
    )


def projects_for_dialogues(*, user, dialogues) -> list[tuple]:
    """(dialogue, project) pairs for the dialogues shown, in projects the user may read: one query."""
    through = Project.dialogues.through
    return [
        (row.dialogue, row.project)
        for row in through.objects.filter(
            dialogue__in=list(dialogues), project__in=projects_for_user(user=user).order_by().values("pk")
        )
        .select_related("dialogue", "project")
        .order_by("-dialogue__held_on", "project__name")[:100]
    ]
