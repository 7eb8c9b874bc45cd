"""Reads of movements for a user, and the scoreboard. Out of scope answers the same as missing: 404."""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.http import Http404
from django.utils import timezone

from danvan.accounts.permissions import DATA_ENTRY_ROLES, READ_ROLES, scope_roots
from danvan.core.text import fold, fold_tokens
from danvan.movements.models import (
    Movement,
    MovementActivity,
    MovementAward,
    MovementRegistration,
    MovementReport,
    MovementResult,
)
from danvan.movements.permissions import can_view_movement
from danvan.organisations.models import OrgUnit, OrgUnitClosure

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


def _visible(user) -> Q:
    """Movements launched by a unit in the user's scope, or launched (not drafts) above a unit they work in."""
    launcher_in_scope = OrgUnitClosure.objects.filter(
        descendant=OuterRef("unit_id"),
        ancestor__role_assignments__user=user,
        ancestor__role_assignments__role__in=READ_ROLES,
    )
    role_in_movement_scope = OrgUnitClosure.objects.filter(
        ancestor=OuterRef("scope_unit_id"),
        descendant__role_assignments__user=user,
        descendant__role_assignments__role__in=READ_ROLES,
    )
    return Q(Exists(launcher_in_scope)) | (Q(Exists(role_in_movement_scope)) & ~Q(status=Movement.Status.DRAFT))


def movement_list_for_user(
    *, user, year: int | None = None, status: str = "", query: str = "", limit: int = 200
) -> list[Movement]:
    """Movements the user may see, newest first: those their units launched and those open to their units.

    A movement runs in `year` when its period overlaps that year. Every word of `query` must match the folded
    name. Each row carries its launching unit and its number of participants (a subquery: fixed query count).
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    qs = Movement.objects.filter(_visible(user))
    if year:
        qs = qs.filter(start_date__lte=datetime.date(year, 12, 31), end_date__gte=datetime.date(year, 1, 1))
    if status:
        qs = qs.filter(status=status)
    for token in fold_tokens(query)[:8]:
        qs = qs.filter(name_folded__contains=token)
    participants = (
        MovementRegistration.objects.filter(movement=OuterRef("pk"))
        .order_by()
        .values("movement")
        .annotate(n=Count("id"))
        .values("n")
    )
    return list(
        qs.select_related("unit", "scope_unit")
        .annotate(participant_count=Subquery(participants))
        .order_by("-start_date", "-id")[:limit]
    )


def movement_get_for_user(*, user, code: str) -> Movement:
    movement = Movement.objects.select_related("unit", "scope_unit", "plan", "created_by").filter(code=code).first()
    if movement is None or not can_view_movement(user, movement):
        raise Http404("Không tìm thấy phong trào.")
    return movement


def units_for_user_in_movement(*, user, movement: Movement, roles=DATA_ENTRY_ROLES) -> list[OrgUnit]:
    """The units where the user's roles are attached, inside the movement's scope (what they register for)."""
    return list(
        scope_roots(user, roles).filter(ancestor_links__ancestor_id=movement.scope_unit_id).order_by("depth", "name")
    )


def movement_detail(*, movement: Movement, user) -> dict:
    """Everything the detail page shows, in a fixed number of queries."""
    my_units = units_for_user_in_movement(user=user, movement=movement)
    my_registrations = list(
        MovementRegistration.objects.filter(movement=movement, unit__in=my_units).select_related("unit")
    )
    reported = {
        (r.registration_id, r.checkpoint_id): r
        for r in MovementReport.objects.filter(registration__in=[r.pk for r in my_registrations])
    }
    checkpoints = list(movement.checkpoints.all())
    for registration in my_registrations:
        registration.rounds = [(c, reported.get((registration.pk, c.pk))) for c in checkpoints]
    registered_ids = {r.unit_id for r in my_registrations}
    return {
        "targets": list(movement.targets.all()),
        "checkpoints": checkpoints,
        "activities": list(
            MovementActivity.objects.filter(movement=movement).select_related("assignee", "task").order_by("due_date")
        ),
        "participant_count": movement.registrations.count(),
        "my_registrations": my_registrations,
        "my_unregistered": [u for u in my_units if u.pk not in registered_ids],
        "awards": list(MovementAward.objects.filter(movement=movement).select_related("registration__unit")),
    }


def candidate_units(*, movement: Movement, which: str) -> list[OrgUnit]:
    """Units for bulk registration: every Party committee below the scope unit (`party`), or only the
    commune-level ones (`communes`). One query."""
    qs = OrgUnit.objects.filter(
        ancestor_links__ancestor_id=movement.scope_unit_id,
        ancestor_links__depth__gt=0,
        kind=OrgUnit.Kind.PARTY_COMMITTEE,
        is_active=True,
    )
    if which == "communes":
        qs = qs.filter(level=OrgUnit.Level.COMMUNE)
    return list(qs.order_by("depth", "name"))


def province_choices(*, movement: Movement) -> list[OrgUnit]:
    """Province-level Party committees inside the movement's scope (the province scoreboard filter)."""
    return list(
        OrgUnit.objects.filter(
            ancestor_links__ancestor_id=movement.scope_unit_id,
            level=OrgUnit.Level.PROVINCE,
            kind=OrgUnit.Kind.PARTY_COMMITTEE,
        ).order_by("name")
    )


# --- Scoreboard -------------------------------------------------------------------------------------------


@dataclass
class ScoreRow:
    registration: MovementRegistration
    unit: OrgUnit
    score: Decimal = Decimal(0)
    results_share: Decimal = Decimal(0)  # 0..1: weighted mean of min(latest / target, 1)
    completeness: Decimal | None = None  # 0..1; None while no round is due
    on_time_share: Decimal | None = None  # 0..1 of the reports for due rounds; None without such reports
    reported: int = 0
    on_time: int = 0
    last_reported_at: datetime.datetime | None = None
    latest: dict = field(default_factory=dict)  # target id → latest cumulative value
    cells: list = field(default_factory=list)  # the latest values in the order of the targets (None: no report)
    models_registered: int | None = None
    models_recognised: int | None = None
    rank: int = 0

    def sort_key(self):
        # Higher score, completeness, on-time share first; then whoever finished reporting earlier.
        last = self.last_reported_at.timestamp() if self.last_reported_at else float("inf")
        return (-self.score, -(self.completeness or 0), -(self.on_time_share or 0), last)


@dataclass
class Scoreboard:
    movement: Movement
    targets: list
    due: int  # reporting rounds due so far
    rows: list[ScoreRow]
    root: OrgUnit | None = None


def _q(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _initiative_counts(movement: Movement, unit_ids: list[int], base: OrgUnit) -> dict[int, tuple[int, int]]:
    """{unit id: (models registered, models recognised)} for each unit's subtree during the movement's period.

    Registered = "Dân vận khéo" models created (registered) between start and end date, not rejected;
    recognised = those of them whose status is now recognised, outstanding or proposed. One grouped query.
    """
    from danvan.initiatives.models import RECOGNISED_STATUSES, Initiative, Status

    if not unit_ids:
        return {}
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(movement.start_date, datetime.time.min, tzinfo=tz)
    end = datetime.datetime.combine(movement.end_date + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
    # Raw SQL because the ORM path (initiative → unit → closure) joins the unit table for nothing: closure rows
    # match initiatives on unit id directly. That join doubled the time of a province scoreboard (see README).
    sql = [
        "SELECT c.ancestor_id, COUNT(*), COUNT(CASE WHEN i.status IN ({statuses}) THEN 1 END)".format(
            statuses=", ".join(["%s"] * len(RECOGNISED_STATUSES))
        ),
        f"FROM {Initiative._meta.db_table} i JOIN {OrgUnitClosure._meta.db_table} c ON c.descendant_id = i.unit_id",
        "WHERE c.ancestor_id IN ({ids}) AND i.created_at >= %s AND i.created_at < %s AND i.status <> %s".format(
            ids=", ".join(["%s"] * len(unit_ids))
        ),
    ]
    params = [*RECOGNISED_STATUSES, *unit_ids, start, end, Status.REJECTED]
    if base.level != OrgUnit.Level.CENTRAL:
        # Every participant lies in one province: read only that province's models (index on province, year,
        # status) instead of every model of the period in the country. A model's `province` is its unit's
        # province-level ancestor, so: the province-level units of the province containing `base`.
        province = OrgUnit.objects.filter(
            level=OrgUnit.Level.PROVINCE, kind=OrgUnit.Kind.PARTY_COMMITTEE, descendant_links__descendant=base
        )
        units = OrgUnit.objects.filter(level=OrgUnit.Level.PROVINCE, ancestor_links__ancestor__in=province)
        sub_sql, sub_params = units.values("pk").query.sql_with_params()
        sql.append(f"AND i.province_id IN ({sub_sql})")
        params += list(sub_params)
    sql.append("GROUP BY c.ancestor_id")
    with connection.cursor() as cursor:
        cursor.execute(" ".join(sql), params)
        rows = cursor.fetchall()
    return {unit_id: (registered, recognised) for unit_id, registered, recognised in rows}


def movement_scoreboard(*, movement: Movement, root: OrgUnit | None = None, today=None) -> Scoreboard:
    """Registered units ranked by score; with `root`, only those in its subtree (the province scoreboard).

    score = results_weight × results + completeness_weight × completeness (weights in percent), where
      results      = Σ weight × min(latest cumulative / target, 1) / Σ weight over the targets (the unit's own
                     committed target where it gave one; "latest" = its report for the latest round it reported);
      completeness = rounds reported / rounds due so far (0 while none is due).
    Ties: completeness, then on-time share, then earlier last report, then unit name; rows equal on all but the
    name share a rank. A fixed number of queries whatever the number of units: targets, due rounds,
    registrations, their reports, the latest rounds' results, and (counts_initiatives) the models count.
    """
    today = today or timezone.localdate()
    targets = list(movement.targets.all())
    due = movement.checkpoints.filter(due_date__lte=today).count()
    registrations = MovementRegistration.objects.filter(movement=movement)
    if root is not None:
        registrations = registrations.filter(unit__ancestor_links__ancestor=root)
    regs = list(registrations.select_related("unit").order_by())
    # Every report of these registrations, light rows: the counts, the last time and each registration's latest
    # round come from them in Python (one pass), then the latest round's results in one query by report id.
    # A correlated "latest report" subquery per registration took 444 ms for the 3,355 units of a central movement.
    aggregates: dict[int, dict] = {}
    latest_key: dict[int, tuple] = {}
    for reg_id, report_id, due_date, checkpoint_id, is_late, submitted_at in (
        MovementReport.objects.filter(registration__in=registrations.values("pk"))
        .order_by()
        .values_list("registration_id", "pk", "checkpoint__due_date", "checkpoint_id", "is_late", "submitted_at")
    ):
        agg = aggregates.setdefault(reg_id, {"reported": 0, "on_time": 0, "last": None})
        if due_date <= today:
            agg["reported"] += 1
            agg["on_time"] += not is_late
        if agg["last"] is None or submitted_at > agg["last"]:
            agg["last"] = submitted_at
        key = (due_date, checkpoint_id, report_id)
        if reg_id not in latest_key or key > latest_key[reg_id]:
            latest_key[reg_id] = key
    registration_of = {key[2]: reg_id for reg_id, key in latest_key.items()}
    latest: dict[int, dict[int, Decimal]] = {}
    for report_id, target_id, value in MovementResult.objects.filter(report_id__in=list(registration_of)).values_list(
        "report_id", "target_id", "value"
    ):
        latest.setdefault(registration_of[report_id], {})[target_id] = value
    counts = (
        _initiative_counts(movement, [r.unit_id for r in regs], root or movement.scope_unit)
        if movement.counts_initiatives
        else {}
    )

    total_weight = sum((t.weight for t in targets), Decimal(0))
    rw = Decimal(movement.results_weight)
    cw = Decimal(movement.completeness_weight)
    rows = []
    for reg in regs:
        values = latest.get(reg.pk, {})
        achieved = Decimal(0)
        for t in targets:
            goal = Decimal(reg.committed_values.get(str(t.pk), t.target_value))
            value = values.get(t.pk, Decimal(0))
            achieved += t.weight * min(value / goal, Decimal(1)) if goal > 0 else t.weight
        results = achieved / total_weight if total_weight else Decimal(0)
        agg = aggregates.get(reg.pk, {})
        reported, on_time = agg.get("reported", 0), agg.get("on_time", 0)
        completeness = Decimal(reported) / due if due else None
        row = ScoreRow(
            registration=reg,
            unit=reg.unit,
            results_share=_q(results * 100) / 100,
            completeness=completeness,
            on_time_share=(Decimal(on_time) / reported) if reported else None,
            reported=reported,
            on_time=on_time,
            last_reported_at=agg.get("last"),
            latest=values,
            cells=[values.get(t.pk) for t in targets],
            score=_q(rw * results + cw * (completeness or 0)),
        )
        if movement.counts_initiatives:
            row.models_registered, row.models_recognised = counts.get(reg.unit_id, (0, 0))
        rows.append(row)
    rows.sort(key=lambda r: (r.sort_key(), fold(r.unit.name)))
    previous = None
    for position, row in enumerate(rows, start=1):
        key = row.sort_key()
        row.rank = rows[position - 2].rank if key == previous else position
        previous = key
    return Scoreboard(movement=movement, targets=targets, due=due, rows=rows, root=root)
