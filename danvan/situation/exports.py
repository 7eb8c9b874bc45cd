"""The digest as a DOCX in the Party document format (the briefing exports' helpers in danvan.reports.documents).

Restricted hotspots are in the document as counts only: the document is passed round the briefing meeting.
"""

import datetime as dt

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm

from danvan.documents.heading import document_place, header_names, issuer_for
from danvan.organisations.models import OrgUnit
from danvan.reports.documents import (
    Header,
    add_paragraph,
    add_run,
    add_signature,
    add_title,
    document_bytes,
    open_party_document,
)


def _date(value: str) -> str:
    return dt.date.fromisoformat(value).strftime("%d/%m/%Y")


def period_label(data: dict) -> str:
    start = dt.date.fromisoformat(data["start"])
    if data["kind"] == "monthly":
        return f"tháng {start.month:02d}/{start.year}"
    return f"tuần từ {_date(data['start'])} đến {_date(data['end'])}"


def _table(document, headers: tuple[str, ...], rows: list[tuple], widths_mm: tuple[int, ...]) -> None:
    grid = document.add_table(rows=1, cols=len(headers))
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, headers, strict=True):
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        add_run(cell.paragraphs[0], text, size=12, bold=True)
    for row in rows:
        cells = grid.add_row().cells
        for i, value in enumerate(row):
            paragraph = cells[i].paragraphs[0]
            numeric = isinstance(value, int)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if numeric else WD_ALIGN_PARAGRAPH.LEFT
            add_run(paragraph, f"{value:+d}" if headers[i] == "Tăng/giảm" else str(value), size=12)
    # Word reads the cells' widths, LibreOffice the grid's: set both, and turn autofit off.
    grid.autofit = False
    for column, width in zip(grid.columns, widths_mm, strict=True):
        column.width = Mm(width)
    for row in grid.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)


def digest_docx(*, unit: OrgUnit, data: dict, code: str, today: dt.date) -> bytes:
    superior, short = header_names(issuer_for(unit))
    header = Header(superior=superior, issuer=short, reference=f"Số {code}", place=document_place(unit), date=today)
    document = open_party_document(header)
    label = period_label(data)
    add_title(document, "Bản tin", f"Tình hình tư tưởng, dư luận xã hội {label}")
    listed = data["new_hotspots"]
    restricted = sum(1 for h in listed if h["restricted"])
    add_paragraph(
        document,
        f"Trong {label}, {data['area']} ghi nhận {data['new_total']} điểm nóng, vụ việc phức tạp mới phát sinh; "
        f"hiện có {data['active_total']} điểm nóng chưa giải quyết xong.",
    )

    add_paragraph(document, "I. ĐIỂM NÓNG MỚI PHÁT SINH", bold=True, indent=False)
    shown = [h for h in listed if not h["restricted"]]
    if shown:
        _table(
            document,
            ("Mã", "Vụ việc", "Địa bàn", "Mức độ", "Tình trạng"),
            [(h["code"], f"{h['title']} ({h['people']} người)", h["place"], h["severity"], h["status"]) for h in shown],
            (28, 55, 40, 22, 20),
        )
    else:
        add_paragraph(document, "(Không có điểm nóng mới được phép nêu trong bản tin.)", italic=True)
    if restricted:
        add_paragraph(document, f"Ngoài ra có {restricted} vụ việc thuộc diện hạn chế, chỉ nêu số lượng.", italic=True)
    if data["new_total"] > len(listed):
        add_paragraph(document, f"(Bản tin nêu {len(listed)} vụ việc nghiêm trọng nhất.)", italic=True)

    add_paragraph(document, "II. ĐIỂM NÓNG THEO ĐỊA BÀN VÀ LĨNH VỰC", bold=True, indent=False)
    cells = data["by_province_topic"]
    if cells:
        _table(
            document,
            ("Tỉnh, thành phố", "Lĩnh vực", "Mới", "Đang xử lý"),
            [(c["province"] or "—", c["topic"] or "—", c["new"], c["active"]) for c in cells],
            (60, 55, 25, 25),
        )
    else:
        add_paragraph(document, "(Không có điểm nóng.)", italic=True)

    add_paragraph(document, "III. LĨNH VỰC ĐƯỢC NHÂN DÂN QUAN TÂM SO VỚI KỲ TRƯỚC", bold=True, indent=False)
    if data["topics"]:
        _table(
            document,
            ("Lĩnh vực", "Kỳ này", "Kỳ trước", "Tăng/giảm"),
            [(t["topic"], t["now"], t["before"], t["change"]) for t in data["topics"]],
            (85, 25, 25, 30),
        )
    else:
        add_paragraph(document, "(Chưa có báo cáo, điểm nóng nào trong hai kỳ.)", italic=True)

    month = dt.date.fromisoformat(data["reporting_month"])
    missing = data["not_reported"]
    add_paragraph(document, f"IV. ĐỊA BÀN CHƯA BÁO CÁO THÁNG {month.month:02d}/{month.year}", bold=True, indent=False)
    add_paragraph(document, f"{len(missing)}/{data['communes']} xã, phường, đặc khu chưa gửi báo cáo tình hình.")
    if missing:
        if data["national"]:
            by_province: dict[str, int] = {}
            for m in missing:
                by_province[m["province"]] = by_province.get(m["province"], 0) + 1
            _table(document, ("Tỉnh, thành phố", "Số xã chưa báo cáo"), sorted(by_province.items()), (110, 55))
        else:
            add_paragraph(document, "; ".join(m["name"] for m in missing) + ".")

    add_signature(document, f"T/M {short}", ["Thường trực cấp ủy (để báo cáo)", "Các đơn vị trong hệ thống dân vận"])
    return document_bytes(document)
