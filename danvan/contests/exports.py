"""The results workbook: sheet 1 the standings of each round with every part, sheet 2 every mark.

Data first (rows), format second: the views hand both sheets to `danvan.core.exporting.xlsx_response`.
"""

from danvan.contests.services import number_text

STANDINGS_HEADERS_START = ["Vòng thi", "Hạng", "Số bốc thăm", "Đội thi", "Đơn vị"]
MARKS_HEADERS = ["Vòng thi", "Phần thi", "Giám khảo", "Đơn vị của giám khảo", "Đội thi", "Điểm"]


def _number(value):
    return None if value is None else float(value)


def standings_rows(standings_by_round) -> tuple[list[str], list[list]]:
    """One block per round: the round's parts as columns (score × coefficient shown as the part score)."""
    most = max((len(s.parts) for s in standings_by_round), default=0)
    headers = [*STANDINGS_HEADERS_START, *[f"Phần thi {i}" for i in range(1, most + 1)], "Tổng điểm", "Giải"]
    rows = []
    for standings in standings_by_round:
        title = [standings.round.name, "", "", "", ""]
        title += [
            f"{p.title} (tối đa {number_text(p.max_score)}, hệ số {number_text(p.coefficient)})"
            for p in standings.parts
        ]
        rows.append(title + [""] * (most - len(standings.parts)) + ["", ""])
        for row in standings.rows:
            prize = getattr(row, "prize_label", "")
            rows.append(
                [
                    standings.round.name,
                    row.rank,
                    row.team.draw_number,
                    row.team.name,
                    row.team.unit.name,
                    *[_number(c.score) for c in row.cells],
                    *[None] * (most - len(row.cells)),
                    _number(row.total),
                    prize,
                ]
            )
    return headers, rows


def marks_rows(scores) -> list[list]:
    return [
        [
            s.part.round.name,
            s.part.title,
            s.judge.user.get_full_name(),
            s.judge.home_unit.name,
            s.team.name,
            _number(s.value),
        ]
        for s in scores
    ]
