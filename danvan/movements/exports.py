"""The scoreboard as rows (data first; the shared writer makes the XLSX)."""

from django.utils import timezone


def _pct(value):
    return None if value is None else float(round(value * 100, 1))


def scoreboard_headers(board) -> list[str]:
    headers = ["Hạng", "Mã đơn vị", "Đơn vị", "Điểm", "Kết quả (%)", "Đầy đủ báo cáo (%)", "Số đợt đã báo cáo"]
    headers += ["Số đợt đến hạn", "Đúng hạn (%)", "Báo cáo gần nhất"]
    for target in board.targets:
        label = f" ({target.unit_label})" if target.unit_label else ""
        headers.append(f"{target.name}{label}")
    if board.movement.counts_initiatives:
        headers += ["Mô hình “Dân vận khéo” đăng ký", "Mô hình được công nhận"]
    return headers


def scoreboard_rows(board) -> list[list]:
    rows = []
    for row in board.rows:
        line = [
            row.rank,
            row.unit.code,
            row.unit.name,
            float(row.score),
            _pct(row.results_share),
            _pct(row.completeness),
            row.reported,
            board.due,
            _pct(row.on_time_share),
            timezone.localtime(row.last_reported_at).strftime("%d/%m/%Y %H:%M") if row.last_reported_at else "",
        ]
        line += [float(row.latest[t.pk]) if t.pk in row.latest else None for t in board.targets]
        if board.movement.counts_initiatives:
            line += [row.models_registered, row.models_recognised]
        rows.append(line)
    return rows
