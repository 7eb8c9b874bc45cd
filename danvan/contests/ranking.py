"""The arithmetic of a Hội thi, kept apart from the database so it can be checked by hand.

- A part's score for a team is the mean of its judges' marks; with the "trimmed" rule and at least
  `trim_min_judges` marks (never fewer than 3), one highest and one lowest mark are dropped first.
  The part score is rounded to 2 decimals (half up), as score sheets are.
- A team's total is Σ part score × the part's coefficient (hệ số); a part nobody has scored yet counts 0.
- Equal totals are broken by the weighted scores of the part kinds in the contest's tie-break order
  (default: xử lý tình huống, kiến thức, tiểu phẩm); still equal → the same (shared) rank, "1, 2, 2, 4".
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

TWO_PLACES = Decimal("0.01")


def part_score(values: list[Decimal], *, trimmed: bool, trim_min_judges: int) -> Decimal | None:
    if not values:
        return None
    marks = sorted(values)
    if trimmed and len(marks) >= max(trim_min_judges, 3):
        marks = marks[1:-1]
    return (sum(marks, Decimal(0)) / len(marks)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


@dataclass
class Cell:
    """One team's result in one part: the part score, its weighted value, how many judges scored it of how many."""

    score: Decimal | None
    weighted: Decimal
    judges: int
    expected: int


@dataclass
class Row:
    team: object
    cells: list[Cell]
    total: Decimal
    tie_break: tuple = ()
    rank: int = 0
    position: int = 0


@dataclass
class PartProgress:
    part: object
    scored: int
    expected: int

    @property
    def complete(self) -> bool:
        return self.expected > 0 and self.scored >= self.expected


@dataclass
class Standings:
    round: object
    parts: list
    rows: list[Row] = field(default_factory=list)
    progress: list[PartProgress] = field(default_factory=list)
    judge_count: int = 0

    @property
    def complete(self) -> bool:
        return bool(self.rows) and all(p.complete for p in self.progress)


def rank_rows(rows: list[Row]) -> list[Row]:
    """Sort by total then tie-break values (all descending); equal keys share a rank."""

    def key(row):
        return (row.total, *row.tie_break)

    rows.sort(key=lambda r: (tuple(-v for v in key(r)), r.team.draw_number or 10_000, r.team.name))
    previous = None
    for position, row in enumerate(rows, start=1):
        row.position = position
        row.rank = position if key(row) != previous else rows[position - 2].rank
        previous = key(row)
    return rows


def compute(*, round, parts, teams, marks, eligible, rule_trimmed, trim_min_judges, tie_break_order, judge_count):
    """`marks`: {(team_id, part_id): [Decimal, …]}; `eligible`: {team_id: judges allowed to score that team}."""
    standings = Standings(round=round, parts=parts, judge_count=judge_count)
    for team in teams:
        cells = []
        by_kind: dict[str, Decimal] = {}
        for part in parts:
            values = marks.get((team.pk, part.pk), [])
            score = part_score(values, trimmed=rule_trimmed, trim_min_judges=trim_min_judges)
            weighted = (score or Decimal(0)) * part.coefficient
            by_kind[part.kind] = by_kind.get(part.kind, Decimal(0)) + weighted
            cells.append(Cell(score, weighted, len(values), eligible.get(team.pk, judge_count)))
        total = sum((c.weighted for c in cells), Decimal(0))
        tie_break = tuple(by_kind.get(kind, Decimal(0)) for kind in tie_break_order)
        standings.rows.append(Row(team=team, cells=cells, total=total, tie_break=tie_break))
    rank_rows(standings.rows)
    for index, part in enumerate(parts):
        scored = sum(min(r.cells[index].judges, r.cells[index].expected) for r in standings.rows)
        expected = sum(r.cells[index].expected for r in standings.rows)
        standings.progress.append(PartProgress(part, scored, expected))
    return standings
