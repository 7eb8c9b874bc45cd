import datetime
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from danvan.movements import services
from danvan.movements.models import MovementReport
from danvan.movements.selectors import candidate_units, movement_scoreboard
from danvan.movements.tests.factories import launched, report, today, unit

TARGETS = [("Buổi tuyên truyền", "buổi", "10", "1"), ("Người tham gia", "người", "200", "3")]
U1, U2, U3, U4, U5, U6 = "C7288-DU", "C7210-DU", "C9295-DU", "C7738-DU", "C7525-DU", "C7228-DU"


def _at(days: int, hour: int = 10):
    return datetime.datetime.combine(
        today() + datetime.timedelta(days=days), datetime.time(hour), tzinfo=timezone.get_current_timezone()
    )


def _when(rep, days, hour=10):
    """Put a report at a chosen time (the service stamps "now"); lateness follows the due date."""
    due = rep.checkpoint.due_date
    MovementReport.objects.filter(pk=rep.pk).update(
        submitted_at=_at(days, hour), is_late=today() + datetime.timedelta(days=days) > due
    )


def test_the_scoreboard_ranks_by_weighted_results_then_completeness_and_ties_share_a_rank(officer_a, leader_a):
    movement = launched(officer_a, leader_a, targets=TARGETS)  # rounds due at -30 and -5 days; one at +20
    a, b = movement.targets.all()
    cp1, cp2, cp3 = movement.checkpoints.all()
    services.movement_register_bulk(actor=officer_a, movement=movement, units=[unit(c) for c in (U1, U3, U4, U5, U6)])
    services.movement_register(actor=officer_a, movement=movement, unit=unit(U2), committed_values={a.pk: "5"})
    # U1: both due rounds on time; latest 10/10 and 150/200 → results (1×1 + 3×0.75)/4 = 0.8125.
    _when(report(officer_a, movement, U1, cp1, ["4", "100"]), -31)
    _when(report(officer_a, movement, U1, cp2, ["10", "150"]), -6)
    # U2 committed 5 instead of 10: 5/5 and 300/200 (capped) → results 1; one of two rounds, late.
    _when(report(officer_a, movement, U2, cp2, ["5", "300"]), -3)
    # U3 and U5 identical: 20/10 (capped) and 0 → results 0.25; one round on time, same minute → same rank.
    _when(report(officer_a, movement, U3, cp1, ["20", "0"]), -32)
    _when(report(officer_a, movement, U5, cp1, ["20", "0"]), -32)
    # U4: round 1 late, then an early report for the round not yet due: latest values are the early ones.
    _when(report(officer_a, movement, U4, cp1, ["2.5", "50"]), -20)
    _when(report(officer_a, movement, U4, cp3, ["10", "200"]), -1)
    # U6 registered and never reported.

    board = movement_scoreboard(movement=movement)
    assert board.due == 2
    got = [(r.unit.code, r.rank, r.score, r.completeness, r.on_time_share) for r in board.rows]
    assert got == [
        (U1, 1, Decimal("86.88"), Decimal(1), Decimal(1)),  # 70×0.8125 + 30×1 = 86.875
        (U2, 2, Decimal("85.00"), Decimal("0.5"), Decimal(0)),  # 70 + 15; last report 3 days ago
        (U4, 3, Decimal("85.00"), Decimal("0.5"), Decimal(0)),  # 70 + 15; last report yesterday, so after U2
        (U3, 4, Decimal("32.50"), Decimal("0.5"), Decimal(1)),  # 17.5 + 15; equal to U5: same rank,
        (U5, 4, Decimal("32.50"), Decimal("0.5"), Decimal(1)),  # ordered by name (Bồng Lai, Chũ)
        (U6, 6, Decimal("0.00"), Decimal(0), None),
    ]
    rows = {r.unit.code: r for r in board.rows}
    assert rows[U1].results_share == Decimal("0.8125") and rows[U1].cells == [Decimal("10.00"), Decimal("150.00")]
    assert rows[U4].cells == [Decimal("10.00"), Decimal("200.00")] and rows[U4].reported == 1
    assert rows[U6].cells == [None, None] and rows[U6].last_reported_at is None


def test_equal_units_are_ordered_by_name_within_their_shared_rank(officer_a, leader_a):
    movement = launched(officer_a, leader_a)
    services.movement_register_bulk(actor=officer_a, movement=movement, units=[unit(U3), unit(U5)])
    board = movement_scoreboard(movement=movement)
    assert [r.rank for r in board.rows] == [1, 1]
    assert [r.unit.name for r in board.rows] == ["Đảng ủy phường Bồng Lai", "Đảng ủy phường Chũ"]


def test_completeness_is_zero_and_shown_as_none_while_no_round_is_due(officer_a, leader_a):
    movement = launched(officer_a, leader_a, checkpoints=[("Tổng kết", 10)])
    services.movement_register(actor=officer_a, movement=movement, unit=unit(U1))
    report(officer_a, movement, U1, movement.checkpoints.get(), ["5"])
    row = movement_scoreboard(movement=movement).rows[0]
    assert row.completeness is None and row.score == Decimal("35.00")  # 70 × 5/10


def test_the_weights_of_the_movement_apply(officer_a, leader_a):
    movement = launched(officer_a, leader_a, results_weight=50, completeness_weight=50)
    services.movement_register(actor=officer_a, movement=movement, unit=unit(U1))
    report(officer_a, movement, U1, movement.checkpoints.all()[1], ["10"])  # 1 of 2 due rounds, results 100%
    assert movement_scoreboard(movement=movement).rows[0].score == Decimal("75.00")


def test_the_province_scoreboard_shows_only_the_units_of_that_province(sysadmin):
    movement = launched(sysadmin, unit_code="TW-TGDV", name="Dân vận khéo toàn quốc")
    assert movement.scope_unit.code == "TW"
    codes = ["P24-TU", "C7288-DU", "P91-TU", "C30463-DU"]
    services.movement_register_bulk(actor=sysadmin, movement=movement, units=[unit(c) for c in codes])
    whole = movement_scoreboard(movement=movement)
    province = movement_scoreboard(movement=movement, root=unit("P24-TU"))
    assert sorted(r.unit.code for r in whole.rows) == sorted(codes)
    assert sorted(r.unit.code for r in province.rows) == ["C7288-DU", "P24-TU"]


def test_the_scoreboard_query_count_does_not_grow_with_the_number_of_units(officer_a, leader_a):
    counts = []
    for size in (5, 30):
        movement = launched(officer_a, leader_a, name=f"Phong trào {size}", counts_initiatives=True)
        units = candidate_units(movement=movement, which="communes")[:size]
        services.movement_register_bulk(actor=officer_a, movement=movement, units=units)
        for u in units:
            report(officer_a, movement, u.code, movement.checkpoints.first(), ["3"])
        root = unit("P24-TU")
        with CaptureQueriesContext(connection) as queries:
            board = movement_scoreboard(movement=movement, root=root)
        assert len(board.rows) == size and all(r.models_registered == 0 for r in board.rows)
        counts.append(len(queries))
    # Targets, due rounds, registrations, report aggregates, latest results, models count.
    assert counts[0] == counts[1] == 6


def test_a_dan_van_kheo_movement_counts_the_models_each_subtree_registered_and_had_recognised(
    officer_a, leader_a, commune_officer_a
):
    from danvan.initiatives import services as initiatives
    from danvan.initiatives.tests.factories import recognised, register

    movement = launched(officer_a, leader_a, counts_initiatives=True)
    services.movement_register_bulk(actor=officer_a, movement=movement, units=[unit("P24-TU"), unit(U1), unit(U2)])
    register(commune_officer_a)  # registered, waiting
    recognised(commune_officer_a, leader_a, name="Mô hình được công nhận")
    rejected = register(commune_officer_a, name="Bị từ chối")
    initiatives.initiative_reject(actor=leader_a, initiative=rejected, reason="Trùng")
    register(commune_officer_a, unit_code="C7288-HND", name="Chi hội nông dân")  # below the commune committee
    rows = {r.unit.code: r for r in movement_scoreboard(movement=movement).rows}
    assert (rows[U1].models_registered, rows[U1].models_recognised) == (3, 1)
    assert (rows["P24-TU"].models_registered, rows["P24-TU"].models_recognised) == (3, 1)
    assert (rows[U2].models_registered, rows[U2].models_recognised) == (0, 0)
    # Models registered outside the movement's period do not count.
    movement.start_date = movement.end_date = today() - datetime.timedelta(days=40)
    assert movement_scoreboard(movement=movement).rows[0].models_registered == 0
