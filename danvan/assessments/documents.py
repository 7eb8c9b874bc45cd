"""The “Báo cáo kết quả đánh giá công tác dân vận năm …” to the Party committee, in the Party format of HD 36.

The page, the header blocks, the title and the signature come from danvan.reports.documents (the helpers the
briefing report and the contests' decision use); this module writes the report's own body: the grounds, the
criteria, the table of results with the ranks and grades, each body's scores per criterion with the system's
figures, and the proposal.
"""

import datetime as dt

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm

from danvan.assessments.models import Assessment, Criterion, Grade, Scheme
from danvan.assessments.scoring import max_total, number_text
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


def lower_first(text: str) -> str:
    """ "Đánh giá công tác …" → "đánh giá công tác …", to follow "kết quả"."""
    return text[:1].lower() + text[1:]


def _table(document, headers, rows, widths):
    center = WD_ALIGN_PARAGRAPH.CENTER
    grid = document.add_table(rows=1, cols=len(headers))
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, headers, strict=True):
        cell.paragraphs[0].alignment = center
        add_run(cell.paragraphs[0], text, size=12, bold=True)
    for row in rows:
        cells = grid.add_row().cells
        for i, text in enumerate(row):
            paragraph = cells[i].paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if i == 1 else center
            add_run(paragraph, text, size=12)
    # Word reads the cells' widths, LibreOffice the grid's: set both, and turn autofit off.
    grid.autofit = False
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width
    for row in grid.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    add_paragraph(document, "", space_after=0)


def report_docx(
    *, scheme: Scheme, assessments: list[Assessment], criteria: list[Criterion], reference: str, today: dt.date
) -> bytes:
    issuer = issuer_for(scheme.unit)
    superior, short = header_names(issuer)
    document = open_party_document(
        Header(superior=superior, issuer=short, reference=reference, place=document_place(scheme.unit), date=today)
    )
    add_title(document, "Báo cáo", f"kết quả {lower_first(scheme.title)}")
    for line in [REGULATION_23] + [
        line.strip().rstrip(";,.") + ";" for line in scheme.basis.splitlines() if line.strip()
    ]:
        add_paragraph(document, line, italic=True, space_after=3)
    add_paragraph(
        document,
        f"{short} báo cáo {superior} "
        f"kết quả đánh giá việc thực hiện công tác dân vận năm {scheme.year} của {len(assessments)} "
        f"{scheme.get_group_display().lower()} như sau:",
    )

    heading = add_paragraph(document)
    add_run(heading, "I. TIÊU CHÍ VÀ CÁCH XẾP LOẠI", bold=True)
    top = max_total(criteria=criteria, uses_weights=scheme.uses_weights)
    way = "theo trọng số, thang 100 điểm" if scheme.uses_weights else f"tổng điểm tối đa {number_text(top)}"
    add_paragraph(document, f"Bộ tiêu chí gồm {len(criteria)} tiêu chí ({way}):")
    for c in criteria:
        extra = f", trọng số {number_text(c.weight)}" if scheme.uses_weights else ""
        add_paragraph(document, f"- {c.title} (tối đa {number_text(c.max_score)} điểm{extra}).", space_after=2)
    add_paragraph(
        document,
        f"Xếp loại: {Grade.EXCELLENT.label} từ {number_text(scheme.excellent_min)} điểm; {Grade.GOOD.label} từ "
        f"{number_text(scheme.good_min)} điểm; {Grade.PASSED.label} từ {number_text(scheme.passed_min)} điểm; "
        f"dưới {number_text(scheme.passed_min)} điểm: {Grade.FAILED.label}.",
    )

    heading = add_paragraph(document)
    add_run(heading, "II. KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI", bold=True)
    _table(
        document,
        ("Hạng", "Cơ quan, đơn vị", "Tự chấm", "Ban thẩm định", "Xếp loại"),
        [
            (
                str(a.rank or ""),
                a.body.name,
                number_text(a.self_total),
                number_text(a.review_total),
                a.get_grade_display(),
            )
            for a in assessments
        ],
        (Mm(14), Mm(66), Mm(22), Mm(26), Mm(37)),
    )
    counts = {g: sum(1 for a in assessments if a.grade == g) for g in Grade.values}
    add_paragraph(
        document,
        "Tổng hợp: " + "; ".join(f"{Grade(g).label}: {n}" for g, n in counts.items()) + ".",
    )
    for a in assessments:
        paragraph = add_paragraph(document, space_after=2)
        add_run(paragraph, f"{a.rank}. {a.body.name}", bold=True)
        add_run(paragraph, f" — {number_text(a.review_total)} điểm, {a.get_grade_display().lower()}.")
        for s in a.scores.select_related("criterion").all():
            text = (
                f"- {s.criterion.title}: tự chấm {number_text(s.self_score)}, Ban thẩm định "
                f"{number_text(s.review_score)}/{number_text(s.criterion.max_score)}"
            )
            if s.figure:
                text += f" (số liệu hệ thống: {s.figure})"
            if s.review_note:
                text += f"; {s.review_note.rstrip('.')}"
            add_paragraph(document, text + ".", space_after=2)
        if a.review_comment:
            add_paragraph(document, f"Nhận xét chung: {a.review_comment}", italic=True, space_after=4)

    heading = add_paragraph(document)
    add_run(heading, "III. ĐỀ XUẤT", bold=True)
    add_paragraph(
        document,
        f"Đề nghị {superior} xem xét, công nhận kết quả đánh giá, xếp "
        f"loại nêu trên; biểu dương các cơ quan, đơn vị {Grade.EXCELLENT.label.lower()} và chỉ đạo các cơ quan, đơn "
        "vị còn hạn chế khắc phục trong năm tiếp theo.",
    )
    add_signature(document, "T/M " + short, [f"{superior} (để báo cáo),", "Các cơ quan, đơn vị được đánh giá,"])
    return document_bytes(document)
