"""Reads of petitions for a user. Out of scope answers like missing: 404. Denouncer identities are never read here."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, QuerySet, Value
from django.db.models.functions import StrIndex
from django.http import Http404

from danvan.accounts.models import RoleAssignment
from danvan.accounts.permissions import scope_root_depths, scope_roots
from danvan.core.text import fold
from danvan.organisations.models import OrgUnitClosure
from danvan.petitions.models import Petition, Petitioner, PetitionHandler
from danvan.petitions.permissions import HANDLER_ROLES, can_view_petition


def _scope_unit_ids(user):
    """Ids of every unit under the units the user holds a role on (a subquery, not a list)."""
    return OrgUnitClosure.objects.filter(ancestor__in=scope_roots(user)).values("descendant_id")


def _scope_q(user) -> Q:
    """The units a user sees, as a filter on Petition: nothing for the national root, the province column for a
    province, else an explicit id list (PostgreSQL plans `= ANY(array)` far better than the closure subquery)."""
    roots = scope_root_depths(user)
    if any(depth == 0 for _, depth in roots):
        # Not Q(): an empty Q vanishes when OR-ed with the handler clause, leaving only that clause.
        return Q(pk__isnull=False)
    provinces = [pk for pk, depth in roots if depth == 1]
    others = [pk for pk, depth in roots if depth > 1]
    q = Q(province_id__in=provinces) if provinces else Q(pk__in=[])
    if others:
        ids = list(OrgUnitClosure.objects.filter(ancestor_id__in=others).values_list("descendant_id", flat=True))
        q |= Q(unit_id__in=ids)
    return q


def _unit_q(unit) -> Q:
    if unit.depth == 0:
        return Q()
    if unit.depth == 1:
        return Q(province_id=unit.pk)
    return Q(unit_id__in=list(OrgUnitClosure.objects.filter(ancestor=unit).values_list("descendant_id", flat=True)))


def _handled(user):
    """The person's handler rows for petitions they may still handle at their unit (as permissions.is_handler)."""
    still_there = RoleAssignment.objects.filter(
        user=user, role__in=HANDLER_ROLES, unit__ancestor_links__ancestor=OuterRef("petition__unit")
    )
    return PetitionHandler.objects.filter(user=user, pending=False).filter(Exists(still_there))


def _handled_ids(user):
    """Ids of the petitions the user handles while still able to handle at their unit (as permissions.is_handler)."""
    return _handled(user).values("petition_id")


@dataclass
class _Visible:
    petitions: QuerySet[Petition]
    reach: str  # "all": the whole country; "province": province columns; "units": a list of unit ids
    units: int = 0  # how many unit ids the list holds


def _visible(user) -> _Visible:
    """Petitions of units in the user's scope, plus those the user handles.

    Every set is worked out first, in small indexed queries, and the list is then filtered by plain values:
    a province column, a list of unit ids, and the few handled petitions outside the scope. One query OR-ing
    the scope with a handler subquery made PostgreSQL walk the whole date index backwards for a commune
    (1.3 s for 512 petitions out of 2 million)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return _Visible(Petition.objects.none(), "units")
    roots = scope_root_depths(user)
    if any(depth == 0 for _, depth in roots):
        return _Visible(Petition.objects.all(), "all")
    provinces = [pk for pk, depth in roots if depth == 1]
    others = [pk for pk, depth in roots if depth > 1]
    scope = Q(province_id__in=provinces) if provinces else Q(pk__in=[])
    unit_ids = _descendant_ids(others) if others else []
    if unit_ids:
        scope |= Q(unit_id__in=unit_ids)
    handled = _handled_outside(user, [pk for pk, _ in roots])
    petitions = Petition.objects.filter(scope | Q(pk__in=handled) if handled else scope)
    return _Visible(petitions, "province" if provinces else "units", len(unit_ids))


def _descendant_ids(unit_ids) -> list[int]:
    return list(OrgUnitClosure.objects.filter(ancestor_id__in=unit_ids).values_list("descendant_id", flat=True))


def _handled_outside(user, root_ids: list[int]) -> list[int]:
    """Ids of the petitions the user handles at units outside their scope (as `_handled_ids`, whose rule is: the
    petition's unit is at or above a unit where the user still holds a handler role). Those units are a few
    ancestors; the handled petitions inside the scope are already listed by it."""
    reach = set(
        OrgUnitClosure.objects.filter(
            descendant__role_assignments__user=user, descendant__role_assignments__role__in=HANDLER_ROLES
        ).values_list("ancestor_id", flat=True)
    )
    if not reach:
        return []
    inside = set(
        OrgUnitClosure.objects.filter(ancestor_id__in=root_ids, descendant_id__in=reach).values_list(
            "descendant_id", flat=True
        )
    )
    outside = reach - inside
    if not outside:
        return []
    return list(
        PetitionHandler.objects.filter(user=user, petition__unit_id__in=outside).values_list("petition_id", flat=True)
    )


def petition_get_for_user(*, user, code: str) -> Petition:
    # The code is unique: no ordering (`first()` would order by the model's ordering, and Django hashes every
    # selected column of the joined tables to match the ORDER BY to them). The earlier petition it repeats and
    # the one it was transferred from are read only when set (few are): joined on every read, their ~70 columns
    # cost ~10 % of the petition page's CPU.
    petition = next(iter(Petition.objects.select_related("unit", "field").filter(code=code).order_by()[:1]), None)
    if petition is None or not can_view_petition(user, petition):
        raise Http404("Không tìm thấy đơn.")
    linked = [pk for pk in (petition.repeat_of_id, petition.transferred_from_id) if pk is not None]
    if linked:
        found = Petition.objects.in_bulk(linked)
        if petition.repeat_of_id is not None:
            petition.repeat_of = found.get(petition.repeat_of_id)
        if petition.transferred_from_id is not None:
            petition.transferred_from = found.get(petition.transferred_from_id)
    return petition


def petition_list_for_user(
    *,
    user,
    query: str = "",
    status: str = "",
    category: str = "",
    unit=None,
    limit: int = 100,
) -> list[Petition]:
    """The newest petitions the user may see, filtered; `query` matches the folded content, diacritics ignored.

    How it is read depends on the scope (PostgreSQL's estimates for these filters are far off, so the plan is
    chosen here):
    - the whole country: the date index newest first, and the trigram index for the words;
    - a province: that province's (province, received_on) index newest first, stopping at `limit`; the words
      are matched on those rows (`strpos`, which the trigram index does not serve: for a common word its
      posting lists alone cost ~0.5 s, while the newest rows of the province hold the answer);
    - a commune's units: their petitions (a few hundred to a few thousand over ten years, by the unit index)
      as (date, id) pairs, the newest `limit` picked here, then those rows read by id.
    """
    visible = _visible(user)
    qs = visible.petitions
    if unit is not None:
        qs = qs.filter(unit__ancestor_links__ancestor=unit)
    if status == "open":
        qs = qs.filter(status__in=Petition.OPEN_STATUSES)
    elif status:
        qs = qs.filter(status=status)
    if category:
        qs = qs.filter(category=category)
    for i, token in enumerate(fold(query).split()[:8]):
        if visible.reach == "all":
            qs = qs.filter(content_folded__contains=token)
        else:
            qs = qs.alias(**{f"_word{i}": StrIndex("content_folded", Value(token))}).filter(**{f"_word{i}__gt": 0})
    if visible.reach == "units" and visible.units <= UNIT_LIST_PICKED_HERE:
        newest = sorted(qs.order_by().values_list("received_on", "pk"), reverse=True)[:limit]
        rows = Petition.objects.select_related("unit", "field").in_bulk([pk for _day, pk in newest])
        return [rows[pk] for _day, pk in newest]
    return list(qs.select_related("unit", "field").order_by("-received_on", "-id")[:limit])


# A commune and its bodies are ~10 units; a person with roles on many communes gets the single ordered query.
UNIT_LIST_PICKED_HERE = 500


@dataclass
class DueList:
    overdue: list[Petition] = field(default_factory=list)
    due_soon: list[Petition] = field(default_factory=list)


def petitions_due_sources(*, user, today: dt.date, within_days: int = 3) -> tuple[QuerySet, QuerySet]:
    """The two reads behind `petitions_due_for_officer`, as petition ids: the due petitions the officer handles,
    and those they received while nobody is assigned (the inbox asks whether either has a row before reading
    them)."""
    horizon = today + dt.timedelta(within_days)
    open_due = Q(status__in=Petition.OPEN_STATUSES, due_on__lte=horizon)
    # Two indexed reads joined by id, rather than one OR across a join that would scan every petition. The handled
    # ones are read from the person's handler rows (a province officer may handle thousands) joined to their
    # petition: `id IN (handled)` filtered by due date made PostgreSQL walk the due-date index (264 → 22 ms).
    handled = (
        _handled(user)
        .filter(petition__status__in=Petition.OPEN_STATUSES, petition__due_on__lte=horizon)
        .values_list("petition_id", flat=True)
    )
    # A record opened at another unit by a transfer belongs to that unit, not to the sender.
    unassigned = Petition.objects.filter(open_due, created_by=user).exclude(source=Petition.Source.TRANSFERRED)
    unassigned = unassigned.filter(~Exists(PetitionHandler.objects.filter(petition=OuterRef("pk"))))
    return handled, unassigned.values_list("pk", flat=True)


def petitions_due_for_officer(*, user, today: dt.date, within_days: int = 3, sources=None) -> DueList:
    """Open petitions the officer handles (or received, while nobody is assigned) due within `within_days`.
    `sources`: the two reads of `petitions_due_sources`, None for one known to hold no row (the inbox asked)."""
    if sources is None:
        sources = petitions_due_sources(user=user, today=today, within_days=within_days)
    present = [qs for qs in sources if qs is not None]
    if len(present) == 1:
        # One list known to have rows (the inbox asked): its ids as a subquery of the read of the rows.
        ids = present[0]
    else:
        ids = set()
        for qs in present:
            ids |= set(qs)
    rows = Petition.objects.filter(pk__in=ids).select_related("unit", "field").order_by("due_on", "id")
    result = DueList()
    for petition in rows:
        (result.overdue if petition.due_on < today else result.due_soon).append(petition)
    return result


def petitioners_of(petition: Petition) -> list[Petitioner]:
    """The petitioners shown to anyone who can see the petition; empty for a denunciation (kept confidential)."""
    if petition.is_denunciation:
        return []
    return list(petition.petitioners.order_by("-is_representative", "id"))


# --- Repeat detection -----------------------------------------------------------------------------------


def trigrams(text: str) -> set[str]:
    """Character 3-grams of folded text, words padded: the set behind the content similarity."""
    grams = set()
    for word in fold(text).split():
        padded = f" {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


@dataclass
class RepeatCandidate:
    petition: Petition
    score: float
    reasons: list[str]


CONTENT_THRESHOLD = 0.35
CONTENT_POOL = 2000  # newest petitions of the same field in scope compared by content
POOL_YEARS = 5


def petition_repeat_candidates(
    *,
    user,
    content: str,
    people: list[dict],
    field_id: int | None = None,
    exclude_pk: int | None = None,
    limit: int = 10,
    today: dt.date | None = None,
) -> list[RepeatCandidate]:
    """Likely earlier petitions: same person (CCCD, phone, or a full folded name) or similar content.

    Identity matches are indexed lookups; content is compared as character-trigram Jaccard over the newest
    CONTENT_POOL petitions of the same field the user can see (a bounded, index-backed read).
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    found: dict[int, RepeatCandidate] = {}
    scope = _scope_q(user)

    cccds = {p.get("cccd") for p in people if p.get("cccd")}
    phones = {p.get("phone") for p in people if p.get("phone")}
    names = {fold(p.get("full_name")) for p in people if len(fold(p.get("full_name")).split()) >= 2}
    identity = Q(pk__in=[])
    if cccds:
        identity |= Q(cccd__in=cccds)
    if phones:
        identity |= Q(phone__in=phones)
    if names:
        identity |= Q(name_folded__in=names)
    if cccds or phones or names:
        # Indexed lookups first, then the scope check on those petitions only (a common name matches thousands).
        matches = list(Petitioner.objects.filter(identity).values_list("petition_id", "cccd", "phone")[:5000])
        handled = _handled_ids(user)
        ids = {pid for pid, _c, _p in matches} - {exclude_pk}
        petitions = Petition.objects.filter(scope | Q(pk__in=handled), pk__in=ids).select_related("unit", "field")
        by_pk = {p.pk: p for p in petitions.order_by("-received_on")[:200]}
        for pid, cccd, phone in matches:
            if pid not in by_pk:
                continue
            reason = (
                "cùng CCCD"
                if cccd and cccd in cccds
                else "cùng số điện thoại"
                if phone and phone in phones
                else "cùng họ tên"
            )
            cand = found.setdefault(pid, RepeatCandidate(by_pk[pid], 0.0, []))
            cand.score = max(cand.score, 0.6 if reason == "cùng họ tên" else 1.0)
            if reason not in cand.reasons:
                cand.reasons.append(reason)

    mine = trigrams(content)
    if mine:
        since = (today or dt.date.today()) - dt.timedelta(days=365 * POOL_YEARS)
        pool = Petition.objects.filter(scope, received_on__gte=since)
        if exclude_pk:
            pool = pool.exclude(pk=exclude_pk)
        if field_id:
            pool = pool.filter(field_id=field_id)
        pool = pool.order_by("-received_on", "-id")
        rows = pool.values_list("pk", "content_folded")[:CONTENT_POOL]
        similar = [(pk, jaccard(mine, trigrams(text))) for pk, text in rows]
        similar = [(pk, s) for pk, s in similar if s >= CONTENT_THRESHOLD]
        if similar:
            by_pk = Petition.objects.select_related("unit", "field").in_bulk([pk for pk, _ in similar])
            for pk, s in similar:
                cand = found.setdefault(pk, RepeatCandidate(by_pk[pk], 0.0, []))
                cand.score = max(cand.score, s)
                cand.reasons.append(f"nội dung giống {round(s * 100)}%")
    return sorted(found.values(), key=lambda c: (-c.score, -c.petition.received_on.toordinal()))[:limit]


METRICS = ("received", "processed", "resolved", "outstanding", "overdue", "repeats", "over_level")


def _metric_counts(prefix: str, within: Q, today: dt.date) -> dict:
    from django.db.models import Count

    open_ = Q(status__in=Petition.OPEN_STATUSES)
    filters = {
        "received": Q(),
        "processed": ~Q(status=Petition.Status.RECEIVED),
        "resolved": Q(status=Petition.Status.RESOLVED),
        "outstanding": open_,
        "overdue": open_ & Q(due_on__lt=today),
        "repeats": Q(repeat_of__isnull=False),
        "over_level": Q(is_over_level=True),
    }
    return {f"{prefix}{name}": Count("pk", filter=within & f) for name, f in filters.items()}


def dashboard(*, unit, start: dt.date, end: dt.date, today: dt.date) -> dict:
    """Received, processed, resolved, outstanding, overdue (and repeats, vượt cấp) for `unit`'s subtree.

    For the period [start, end] and the year to date of `end`, then the period by field and by child unit.
    Two grouped queries over one index range (province, received_on) for a province.
    """
    from danvan.petitions.models import PetitionField

    year_start = end.replace(month=1, day=1)
    in_period = Q(received_on__gte=start, received_on__lte=end)
    in_ytd = Q(received_on__gte=year_start, received_on__lte=end)
    rows = (
        Petition.objects.filter(_unit_q(unit), received_on__gte=min(start, year_start), received_on__lte=end)
        .values("field_id")
        .annotate(**_metric_counts("p_", in_period, today), **_metric_counts("y_", in_ytd, today))
        .order_by()
    )
    names = dict(PetitionField.objects.values_list("pk", "name"))
    period = dict.fromkeys(METRICS, 0)
    ytd = dict.fromkeys(METRICS, 0)
    by_field = []
    for row in rows:
        for m in METRICS:
            period[m] += row[f"p_{m}"]
            ytd[m] += row[f"y_{m}"]
        if row["p_received"]:
            by_field.append({"field__name": names.get(row["field_id"], "?"), **{m: row[f"p_{m}"] for m in METRICS}})
    by_field.sort(key=lambda r: -r["received"])

    # By child unit: count per unit, then fold each unit into the child of `unit` above it. At the root the
    # children are the provinces (and central bodies): the province column is that child already, so the
    # count is per province, without reading the 37,000 closure rows below the root.
    by = "province_id" if unit.depth == 0 else "unit_id"
    per_unit = (
        Petition.objects.filter(_unit_q(unit), in_period)
        .values(by)
        .annotate(**_metric_counts("", Q(), today))
        .order_by()
    )
    children = {c.pk: c for c in unit.children.all()}
    if unit.depth == 0:
        child_of = {pk: pk for pk in children}
    else:
        child_of = dict(
            OrgUnitClosure.objects.filter(ancestor__parent=unit).values_list("descendant_id", "ancestor_id")
        )
    totals: dict[int, dict] = {}
    for row in per_unit:
        child = child_of.get(row[by])
        if child is None:
            continue
        bucket = totals.setdefault(child, dict.fromkeys(METRICS, 0))
        for m in METRICS:
            bucket[m] += row[m]
    by_unit = sorted(
        (
            {
                "unit__ancestor_links__ancestor__code": children[pk].code,
                "unit__ancestor_links__ancestor__name": children[pk].name,
                **counts,
            }
            for pk, counts in totals.items()
        ),
        key=lambda r: -r["received"],
    )
    return {"period": period, "ytd": ytd, "by_field": by_field, "by_unit": by_unit}


# --- Reception duties, cases, dialogues ------------------------------------------------------------------


@dataclass
class DutyStatus:
    duty: object
    rule: object
    required: int
    held: int

    @property
    def behind(self) -> bool:
        return self.held < self.required


def reception_duty_check(*, user, month: dt.date, today: dt.date) -> list[DutyStatus]:
    """Each active duty in the user's scope against its rule for `month` (up to `today` in the current month).

    Only sessions the holder led in person count (delegated ones do not); a weekly rule needs one session in
    every Monday-to-Sunday week that has started in the month by then.
    """
    from danvan.petitions.models import ReceptionDuty, ReceptionDutyRule, ReceptionSession

    first = month.replace(day=1)
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    end = min(last, today)
    duties = list(
        ReceptionDuty.objects.filter(is_active=True, unit_id__in=_scope_unit_ids(user))
        .select_related("unit")
        .order_by("unit__name", "holder_name")
    )
    rules = {}
    for rule in ReceptionDutyRule.objects.filter(effective_from__lte=end).filter(
        Q(effective_to__isnull=True) | Q(effective_to__gte=first)
    ):
        rules[rule.position] = rule
    held_days: dict[int, list[dt.date]] = {}
    for duty_id, day in ReceptionSession.objects.filter(
        duty__in=duties, held_on__gte=first, held_on__lte=end, is_delegated=False
    ).values_list("duty_id", "held_on"):
        held_days.setdefault(duty_id, []).append(day)
    # The weeks of the month: those whose Monday falls in it, up to `end`.
    week_starts = {first + dt.timedelta(days=i) for i in range((end - first).days + 1)}
    week_starts = {d for d in week_starts if d.weekday() == 0}
    rows = []
    for duty in duties:
        rule = rules.get(duty.position)
        if rule is None:
            continue
        days = held_days.get(duty.pk, [])
        if rule.period == "week":
            required = len(week_starts) * rule.sessions
            held = len({d - dt.timedelta(days=d.weekday()) for d in days} & week_starts)
        else:
            required, held = rule.sessions, len(days)
        rows.append(DutyStatus(duty=duty, rule=rule, required=required, held=held))
    return rows


def cases_for_user(*, user):
    from danvan.petitions.models import Case

    return list(
        Case.objects.filter(unit_id__in=_scope_unit_ids(user)).select_related("unit").order_by("-opened_on", "-id")
    )


def case_get_for_user(*, user, code: str):
    from danvan.accounts.permissions import can_view_unit
    from danvan.petitions.models import Case

    case = Case.objects.select_related("unit").filter(code=code).first()
    if case is None or not can_view_unit(user, case.unit):
        raise Http404("Không tìm thấy vụ việc.")
    return case


def commitments_open_for_user(*, user):
    """Every open commitment of dialogues held or owned in the user's scope, soonest first."""
    from danvan.petitions.models import Commitment

    units = _scope_unit_ids(user)
    return list(
        Commitment.objects.filter(Q(owner_unit_id__in=units) | Q(dialogue__unit_id__in=units), status="open")
        .select_related("dialogue__unit", "owner_unit")
        .order_by("due_on", "id")
    )


def sessions_for_user(*, user, limit: int = 100):
    from danvan.petitions.models import ReceptionSession

    return list(
        ReceptionSession.objects.filter(unit_id__in=_scope_unit_ids(user))
        .select_related("unit", "field", "petition")
        .order_by("-held_on", "-id")[:limit]
    )


def reception_session_get_for_user(*, user, pk: int):
    """A session of the reception register in the user's scope, or None."""
    from danvan.petitions.models import ReceptionSession

    return ReceptionSession.objects.filter(pk=pk, unit_id__in=_scope_unit_ids(user)).select_related("unit").first()


def dialogue_get_for_user(*, user, pk: int):
    """A dialogue record in the user's scope, or None."""
    from danvan.petitions.models import Dialogue

    return Dialogue.objects.filter(pk=pk, unit_id__in=_scope_unit_ids(user)).select_related("unit").first()
