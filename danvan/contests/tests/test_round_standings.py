from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import make_user
from danvan.contests import services
from danvan.contests.models import Contest
from danvan.contests.ranking import part_score
from danvan.contests.selectors import round_standings
from danvan.contests.tests.factories import ready, score_all
from danvan.organisations.models import OrgUnit

# Per team (in draw order A, B, C, D): the five judges' marks for chào hỏi (max 10), kiến thức (max 30) and
# xử lý tình huống (max 30, coefficient 2).
MARKS = {
    "A": ([9, 9, 9, 9, 1], [20] * 5, [10] * 5),  # trimmed: 9 + 20 + 2×10 = 49; plain mean: 7.40 + 20 + 20 = 47.40
    "B": ([8] * 5, [21] * 5, [10] * 5),  # 8 + 21 + 20 = 49
    "C": ([8] * 5, [20] * 5, [10.5] * 5),  # 8 + 20 + 21 = 49
    "D": ([9] * 5, [20] * 5, [10] * 5),  # 9 + 20 + 20 = 49, the same as A in every part
}


def test_part_score_drops_the_highest_and_lowest_only_from_the_minimum_number_of_judges():
    marks = [Decimal(v) for v in (9, 9, 9, 9, 1)]
    assert part_score(marks, trimmed=False, trim_min_judges=5) == Decimal("7.40")
    assert part_score(marks, trimmed=True, trim_min_judges=5) == Decimal("9.00")
    assert part_score(marks[:4], trimmed=True, trim_min_judges=5) == Decimal("9.00")
    assert part_score([Decimal(1), Decimal(2), Decimal(2)], trimmed=False, trim_min_judges=5) == Decimal("1.67")
    assert part_score([], trimmed=True, trim_min_judges=5) is None


@pytest.fixture
def scored(commune_officer_a):
    judges = [make_user(f"gk{i}", None, None) for i in range(5)]
    c, round, parts, teams, _ = ready(
        commune_officer_a,
        judges=[(j, "P24-TGDV") for j in judges],
        scoring_rule=Contest.ScoringRule.TRIMMED,
        trim_min_judges=5,
        prize_first=1,
        prize_second=1,
        prize_third=1,
    )
    for team, (greeting, knowledge, scenario) in zip(teams, MARKS.values(), strict=True):
        for i, judge in enumerate(judges):
            score_all(round, judge, team, [str(greeting[i]), str(knowledge[i]), str(scenario[i])])
    return c, round, teams


def test_equal_totals_are_broken_by_scenario_then_knowledge_then_the_rank_is_shared(scored):
    c, round, teams = scored
    standings = round_standings(round=round)
    names = {t.pk: key for t, key in zip(teams, "ABCD", strict=True)}
    assert [(names[r.team.pk], r.rank, r.total) for r in standings.rows] == [
        ("C", 1, Decimal("49")),  # best xử lý tình huống (21)
        ("B", 2, Decimal("49")),  # same xử lý tình huống as A and D, better kiến thức (21)
        ("A", 3, Decimal("49")),  # A and D are equal in every part: shared rank, draw order
        ("D", 3, Decimal("49")),
    ]
    a = standings.rows[2]
    assert [cell.score for cell in a.cells] == [Decimal("9.00"), Decimal("20.00"), Decimal("10.00")]
    assert all(p.complete and p.scored == 20 and p.expected == 20 for p in standings.progress)


def test_the_plain_mean_rule_ranks_the_low_mark_in(scored, commune_officer_a):
    c, round, teams = scored
    services.contest_update(actor=commune_officer_a, contest=c, scoring_rule=Contest.ScoringRule.MEAN)
    round.contest.refresh_from_db()
    standings = round_standings(round=round)
    last = standings.rows[-1]
    assert last.team == teams[0] and last.total == Decimal("47.40") and last.rank == 4


def test_a_tie_break_order_without_the_scenario_changes_the_order(scored, commune_officer_a):
    c, round, teams = scored
    services.contest_update(actor=commune_officer_a, contest=c, tie_break_order=["kien_thuc", "chao_hoi"])
    round.contest.refresh_from_db()
    order = [r.team for r in round_standings(round=round).rows]
    # kiến thức: B 21 first; then A, C, D at 20, broken by chào hỏi: A and D 9, C 8.
    assert order == [teams[1], teams[0], teams[3], teams[2]]
    assert [r.rank for r in round_standings(round=round).rows] == [1, 2, 2, 4]


def _standings_queries(user, team_codes):
    judges = [make_user(f"gk.{len(team_codes)}.{i}", None, None) for i in range(2)]
    c, round, parts, teams, _ = ready(
        user,
        unit_code="P24-TU",
        team_units=team_codes,
        judges=[(j, "P24-TGDV") for j in judges],
        name=f"Hội thi {len(team_codes)}",
    )
    for judge in judges:
        for team in teams:
            score_all(round, judge, team, ["8", "20", "20"])
    with CaptureQueriesContext(connection) as queries:
        standings = round_standings(round=round)
    assert len(standings.rows) == len(team_codes)
    return len(queries)


def test_the_standings_take_the_same_number_of_queries_for_3_and_12_teams(officer_a):
    codes = list(
        OrgUnit.objects.filter(parent__code="P24-TU", kind=OrgUnit.Kind.PARTY_COMMITTEE)
        .order_by("code")
        .values_list("code", flat=True)[:15]
    )
    assert _standings_queries(officer_a, codes[:3]) == _standings_queries(officer_a, codes[3:15]) <= 5
