"""Documents in the Party format of Hướng dẫn 36-HD/VPTW (DOMAIN.md §6), written with python-docx.

A4; Times New Roman; "ĐẢNG CỘNG SẢN VIỆT NAM" top right, bold capitals 15 with a rule under it; on the left
the superior body, the issuing body in bold, "*", and the number "Số 12-BC/BTGDVTU"; under the rule the place
and date in italics; the document type in bold capitals; page numbers centred at the top from page 2.
"""

import datetime as dt
import io
from dataclasses import dataclass, field

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

FONT = "Times New Roman"


@dataclass
class Header:
    superior: str  # "THÀNH ỦY BẮC NINH"
    issuer: str  # "BAN TUYÊN GIÁO VÀ DÂN VẬN"
    reference: str  # "Số 12-BC/BTGDVTU"
    place: str  # "Bắc Ninh"
    date: dt.date


@dataclass
class FigureRow:
    name: str
    unit_label: str
    value: str
    ytd: str


@dataclass
class Group:
    """A field (lĩnh vực) of a part: its title, a summary line, and each unit's contribution."""

    title: str
    summary: str = ""
    entries: list[tuple[str, str]] = field(default_factory=list)  # (unit name, its text)


@dataclass
class Part:
    title: str
    entries: list[tuple[str, str]] = field(default_factory=list)  # (unit name, its text)
    groups: list[Group] = field(default_factory=list)


def add_run(paragraph, text, *, size=14, bold=False, italic=False, caps=False):
    run = paragraph.add_run(text.upper() if caps else text)
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    # East-Asian font slot too, so Word does not substitute a font for Vietnamese letters.
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    return run


def add_paragraph(container, text="", *, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True, space_after=6, **style):
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(space_after)
    paragraph.paragraph_format.space_before = Pt(0)
    if indent and align == WD_ALIGN_PARAGRAPH.JUSTIFY:
        paragraph.paragraph_format.first_line_indent = Mm(10)
    if text:
        add_run(paragraph, text, **style)
    return paragraph


def _bottom_border(paragraph):
    properties = paragraph._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "8"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    border.append(bottom)
    properties.append(border)


def _page_number_field(paragraph):
    run = paragraph.add_run()
    run.font.name = FONT
    run.font.size = Pt(14)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _no_borders(table):
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def open_party_document(header: Header):
    """A4 page, margins, Times New Roman 14, page numbers from page 2, and the two header blocks."""
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.start_type = WD_SECTION.NEW_PAGE
    section.different_first_page_header_footer = True
    _page_number_field(section.header.paragraphs[0])
    section.header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)

    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    left.width, right.width = Mm(75), Mm(90)
    center = WD_ALIGN_PARAGRAPH.CENTER
    first = left.paragraphs[0]
    first.alignment = center
    add_run(first, header.superior, caps=True)
    add_run(add_paragraph(left, align=center, indent=False, space_after=0), header.issuer, bold=True, caps=True)
    add_paragraph(left, "*", align=center, indent=False, space_after=0)
    add_paragraph(left, header.reference, align=center, indent=False, space_after=0)
    top = right.paragraphs[0]
    top.alignment = center
    add_run(top, "ĐẢNG CỘNG SẢN VIỆT NAM", size=15, bold=True)
    _bottom_border(top)
    date_line = f"{header.place}, ngày {header.date.day:02d} tháng {header.date.month:02d} năm {header.date.year}"
    add_paragraph(right, date_line, align=center, indent=False, italic=True, space_after=0)
    add_paragraph(document, "", align=center, indent=False)
    return document


def add_title(document, doc_type_title: str, subject: str) -> None:
    center = WD_ALIGN_PARAGRAPH.CENTER
    add_paragraph(document, doc_type_title, align=center, indent=False, size=16, bold=True, caps=True, space_after=0)
    add_paragraph(document, subject, align=center, indent=False, bold=True, space_after=0)
    add_paragraph(document, "-----", align=center, indent=False)


def add_signature(document, signer_title: str, recipients: list[str]) -> None:
    center = WD_ALIGN_PARAGRAPH.CENTER
    signature = document.add_table(rows=1, cols=2)
    _no_borders(signature)
    to_cell, sign_cell = signature.rows[0].cells
    add_run(to_cell.paragraphs[0], "Nơi nhận:", size=12, bold=True, italic=True)
    for recipient in [*recipients, "Lưu Văn phòng."]:
        add_paragraph(to_cell, f"- {recipient}", align=WD_ALIGN_PARAGRAPH.LEFT, indent=False, size=12, space_after=0)
    sign_first = sign_cell.paragraphs[0]
    sign_first.alignment = center
    add_run(sign_first, signer_title, bold=True, caps=True)
    add_paragraph(sign_cell, "(Ký, ghi rõ họ tên)", align=center, indent=False, italic=True)


def document_bytes(document) -> bytes:
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def party_report_docx(
    *,
    header: Header,
    doc_type_title: str,
    subject: str,
    intro: str,
    figures: list[FigureRow],
    period_label: str,
    parts: list[Part],
    signer_title: str,
    recipients: list[str],
) -> bytes:
    document = open_party_document(header)
    center = WD_ALIGN_PARAGRAPH.CENTER
    add_title(document, doc_type_title, subject)
    if intro:
        add_paragraph(document, intro)

    roman = ["I", "II", "III", "IV", "V", "VI"]
    add_paragraph(document, f"{roman[0]}. KẾT QUẢ ĐẠT ĐƯỢC", bold=True, indent=False)
    add_paragraph(document, f"1. Số liệu tổng hợp {period_label}", bold=True, indent=False)
    grid = document.add_table(rows=1, cols=4)
    grid.style = "Table Grid"
    for cell, text in zip(
        grid.rows[0].cells, ("Chỉ tiêu", "Đơn vị tính", period_label, "Lũy kế từ đầu năm"), strict=True
    ):
        cell.paragraphs[0].alignment = center
        add_run(cell.paragraphs[0], text, size=13, bold=True)
    for row in figures:
        cells = grid.add_row().cells
        for i, text in enumerate((row.name, row.unit_label, row.value, row.ytd)):
            paragraph = cells[i].paragraphs[0]
            paragraph.alignment = (
                WD_ALIGN_PARAGRAPH.LEFT if i == 0 else (center if i == 1 else WD_ALIGN_PARAGRAPH.RIGHT)
            )
            add_run(paragraph, text, size=13)
    # Word reads the cells' widths, LibreOffice the grid's: set both, and turn autofit off.
    grid.autofit = False
    widths = (Mm(85), Mm(25), Mm(28), Mm(27))
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width
    for row in grid.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width

    # A part with nothing in it is left out: an issued document never carries a placeholder.
    for index, part in enumerate(p for p in parts if p.entries or p.groups):
        heading = f"{index + 2}. {part.title}" if index == 0 else f"{roman[index]}. {part.title.upper()}"
        add_paragraph(document, heading, bold=True, indent=False)
        for number, group in enumerate(part.groups, start=1):
            prefix = f"{index + 2}.{number}." if index == 0 else f"{number}."
            add_paragraph(document, f"{prefix} {group.title}", bold=True, italic=True, indent=False)
            if group.summary:
                add_paragraph(document, group.summary)
            _add_entries(document, group.entries, dash=True)
        _add_entries(document, part.entries)

    add_signature(document, signer_title, recipients)
    return document_bytes(document)


def _add_entries(document, entries: list[tuple[str, str]], *, dash: bool = False) -> None:
    for unit_name, text in entries:
        paragraph = add_paragraph(document)
        add_run(paragraph, f"- {unit_name}: " if dash else f"{unit_name}: ", italic=True)
        add_run(paragraph, text)


def party_notice_docx(
    *,
    header: Header,
    subject: str,
    opening: str,
    items: list[str],
    closing: str,
    signer_title: str,
    recipients: list[str],
) -> bytes:
    """A "Thông báo kết luận": the opening paragraph, the numbered conclusions, a closing paragraph."""
    document = open_party_document(header)
    add_title(document, "Thông báo", subject)
    add_paragraph(document, opening)
    for number, item in enumerate(items, start=1):
        add_paragraph(document, f"{number}. {item}")
    if closing:
        add_paragraph(document, closing)
    add_signature(document, signer_title, recipients)
    return document_bytes(document)
