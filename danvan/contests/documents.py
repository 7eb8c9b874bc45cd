"""The “Quyết định về việc trao giải Hội thi …” in the Party format of HD 36-HD/VPTW.

The page, the two header blocks, the title, the signature block and "Nơi nhận" come from
danvan.reports.documents (the same helpers the briefing report and the conclusion notice use); this module
only writes the decision's own body: căn cứ lines, Điều 1 with the table of prizes, Điều 2 and 3.
"""

import datetime as dt

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm

from danvan.contests.models import Contest, Prize
from danvan.documents.heading import document_place, header_names, issuer_for
from danvan.reports.documents import (
    Header,
    add_paragraph,
    add_run,
    add_signature,
    add_title,
    document_bytes,
    open_party_document,
)

REGULATION_23 = (
    "Căn cứ Quy định số 23-QĐ/TW ngày 30/7/2021 của Bộ Chính trị về công tác dân vận của hệ thống chính trị;"
)


def _issuer_names(contest: Contest) -> tuple[str, str]:
    """(superior, short issuer name) for the header, as the briefing report and the notice compute them."""
    return header_names(issuer_for(contest.unit))


def decision_docx(*, contest: Contest, prizes: list[Prize], reference: str, today: dt.date) -> bytes:
    superior, short = _issuer_names(contest)
    document = open_party_document(
        Header(superior=superior, issuer=short, reference=reference, place=document_place(contest.unit), date=today)
    )
    add_title(document, "Quyết định", f"về việc trao giải {contest.name}")
    center = WD_ALIGN_PARAGRAPH.CENTER
    add_paragraph(document, short, align=center, indent=False, bold=True, caps=True)
    basis = [REGULATION_23]
    basis += [line.strip().rstrip(";,.") + ";" for line in contest.basis.splitlines() if line.strip()]
    basis.append(f"Căn cứ kết quả chấm thi của Ban Giám khảo {contest.name};")
    for line in basis:
        add_paragraph(document, line, italic=True, space_after=3)
    add_paragraph(document, "Xét đề nghị của Ban Tổ chức Hội thi,", italic=True)
    add_paragraph(document, "QUYẾT ĐỊNH:", align=center, indent=False, bold=True)

    first = add_paragraph(document)
    add_run(first, "Điều 1. ", bold=True)
    add_run(first, f"Trao giải {contest.name} cho các tập thể sau:")
    grid = document.add_table(rows=1, cols=5)
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, ("TT", "Giải", "Đội thi", "Đơn vị", "Tổng điểm"), strict=True):
        cell.paragraphs[0].alignment = center
        add_run(cell.paragraphs[0], text, size=13, bold=True)
    from danvan.contests.services import number_text

    for number, prize in enumerate(prizes, start=1):
        cells = grid.add_row().cells
        texts = (str(number), prize.label, prize.team.name, prize.team.unit.name, number_text(prize.total))
        for i, text in enumerate(texts):
            paragraph = cells[i].paragraphs[0]
            paragraph.alignment = center if i in (0, 4) else WD_ALIGN_PARAGRAPH.LEFT
            add_run(paragraph, text, size=13)
    # Word reads the cells' widths, LibreOffice the grid's: set both, and turn autofit off.
    grid.autofit = False
    widths = (Mm(10), Mm(32), Mm(50), Mm(50), Mm(23))
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width
    for row in grid.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width

    add_paragraph(document, "", space_after=0)
    second = add_paragraph(document)
    add_run(second, "Điều 2. ", bold=True)
    add_run(
        second,
        "Các tập thể đạt giải tại Điều 1 được nhận Giấy chứng nhận của Ban Tổ chức Hội thi và phần thưởng "
        "theo quy định hiện hành.",
    )
    third = add_paragraph(document)
    add_run(third, "Điều 3. ", bold=True)
    add_run(
        third,
        f"Quyết định có hiệu lực kể từ ngày ký. Ban Tổ chức Hội thi, {contest.unit.name}, các tập thể có tên tại "
        "Điều 1 và các cơ quan, đơn vị liên quan căn cứ Quyết định thi hành.",
    )
    add_signature(document, "T/M " + short, ["Như Điều 3,", f"{superior} (để báo cáo),"])
    return document_bytes(document)
