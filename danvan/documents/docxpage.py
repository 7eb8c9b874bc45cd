"""The DOCX of a generated document read and finished: its HTML preview, the number, date and signature stamped in
at issue, and the check that nothing placeholder-like is left in it.

The generators (reports.documents, contests.documents, assessments.documents) all write the same Party layout:
the header table first (superior, issuer, "Số   -BC/…" on the left; the date line on the right) and the
signature table last (nơi nhận on the left, the signature block on the right). These functions rely on that.
"""

import io
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.table import Table
from docx.text.paragraph import Paragraph

from danvan.documents.drafting import Signature, signature_lines
from danvan.reports.documents import add_paragraph, add_run

REFERENCE = re.compile(r"^Số\s*(\d*)\s*-")
DATE_LINE = re.compile(r"^(?P<place>.+), ngày \d{1,2} tháng \d{1,2} năm \d{4}$")
HEADING = re.compile(r"^(?P<mark>[IVX]+|\d+)\.\s+\S")
# Text left for someone to fill in: "(Chưa có nội dung …)", "…" / "...", "[...]", "[ ]", "(Ký, ghi rõ họ tên)".
PLACEHOLDERS = (
    (re.compile(r"\(Chưa có[^)]*\)"), None),
    (re.compile(r"\[[^\]]{0,20}\]"), None),
    # A fill-in line ("……", "........"), or an ellipsis standing for the whole text or after a label ("Ông: …");
    # an ellipsis in running text ("các xã, phường…") is ordinary writing, not a gap.
    (re.compile(r"(?:…|\.{3}){2,}|\.{4,}|^\s*(?:…|\.{3})\s*$|:\s*(?:…|\.{3})\s*$"), "…"),
    (re.compile(r"\(Ký, ghi rõ họ tên\)"), None),
    (re.compile(r"\bXXX+\b|\bTODO\b"), None),
)


def draft_reference(doc_type: str, symbol: str) -> str:
    """The number line of a draft: the number left blank until the register gives one, as on paper."""
    return f"Số     -{doc_type}/{symbol}"


def _load(content: bytes):
    """Every DOCX read here (a corrected draft may have been uploaded) goes through the one bounded reader."""
    from danvan.core.uploads import open_docx

    return open_docx(content, field="content")[0]


def _set_text(paragraph: Paragraph, text: str) -> None:
    """Replace a paragraph's text, keeping the first run's formatting."""
    runs = paragraph.runs
    if not runs:
        add_run(paragraph, text)
        return
    runs[0].text = text
    for run in runs[1:]:
        run._r.getparent().remove(run._r)


def _cell_paragraphs(table: Table):
    for row in table.rows:
        for cell in row.cells:
            yield from cell.paragraphs


def stamp(
    content: bytes, *, reference: str | None = None, date=None, sig: Signature | None = None, signed: bool = True
) -> bytes:
    """The DOCX with its number line, date line and signature block set (each only when given)."""
    document = _load(content)
    if document.tables and (reference or date):
        for paragraph in _cell_paragraphs(document.tables[0]):
            text = paragraph.text.strip()
            if reference and REFERENCE.match(text):
                _set_text(paragraph, reference)
            match = DATE_LINE.match(text)
            if date and match:
                _set_text(paragraph, f"{match['place']}, ngày {date.day:02d} tháng {date.month:02d} năm {date.year}")
    if sig is not None and len(document.tables) > 1:
        cell = document.tables[-1].rows[0].cells[-1]
        for paragraph in cell.paragraphs[1:]:
            paragraph._p.getparent().remove(paragraph._p)
        center = WD_ALIGN_PARAGRAPH.CENTER
        first = cell.paragraphs[0]
        for run in list(first.runs):
            run._r.getparent().remove(run._r)
        first.alignment = center
        for i, line in enumerate(signature_lines(sig)):
            paragraph = first if i == 0 else add_paragraph(cell, align=center, indent=False, space_after=0)
            add_run(paragraph, line, bold=True)
        # "(Đã ký)" belongs to the issued copy; a draft's preview keeps the space for the signature, unsigned.
        add_paragraph(cell, "(Đã ký)" if signed else "", align=center, indent=False, italic=True, space_after=36)
        add_paragraph(cell, sig.signer_name, align=center, indent=False, bold=True)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


DRAFT_MARK = "DỰ THẢO"
WATERMARK_ID = "PowerPlusWaterMarkObject"  # the name Word gives its own text watermark (LibreOffice reads it as one)
# Word's text watermark: a VML WordArt shape (text path) in the page header, centred on the page, turned 315°
# (rising to the right), light grey and half transparent, behind the text. Being in the header, it is on every page.
_WATERMARK = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    ' xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"'
    ' xmlns:w10="urn:schemas-microsoft-com:office:word">'
    "<w:rPr><w:noProof/></w:rPr><w:pict>"
    '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800"'
    ' path="m@7,l@8,m@5,21600l@6,21600e">'
    '<v:formulas><v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/>'
    '<v:f eqn="sum 0 0 @2"/><v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/><v:f eqn="if @0 21600 @1"/>'
    '<v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/><v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/>'
    '<v:f eqn="mid @7 @8"/><v:f eqn="mid @6 @7"/><v:f eqn="sum @6 0 @5"/></v:formulas>'
    '<v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800"'
    ' o:connectangles="270,180,90,0"/>'
    '<v:textpath on="t" fitshape="t"/><v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/></v:handles>'
    '<o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>'
    '<v:shape id="{shape_id}" o:spid="_x0000_s{spid}" type="#_x0000_t136"'
    ' style="position:absolute;margin-left:0;margin-top:0;width:440pt;height:146pt;rotation:315;'
    "z-index:-251654144;mso-position-horizontal:center;mso-position-horizontal-relative:margin;"
    'mso-position-vertical:center;mso-position-vertical-relative:margin" o:allowincell="f"'
    ' fillcolor="#c0c0c0" stroked="f">'
    '<v:fill opacity=".5"/>'
    '<v:textpath style="font-family:&quot;Times New Roman&quot;;font-size:1pt" string="{text}"/>'
    '<w10:wrap anchorx="margin" anchory="margin"/>'
    "</v:shape></w:pict></w:r>"
)


def _watermark_run(number: int):
    from docx.oxml import parse_xml

    return parse_xml(
        _WATERMARK.replace("{shape_id}", f"{WATERMARK_ID}{number}")
        .replace("{spid}", str(2049 + number))
        .replace("{text}", DRAFT_MARK)
    )


def _headers(document, section):
    """Every header of a section that a page can show: default, first page, even pages (when used)."""
    headers = [section.header]
    if section.different_first_page_header_footer:
        headers.append(section.first_page_header)
    if document.settings.odd_and_even_pages_header_footer:
        headers.append(section.even_page_header)
    return headers


def draft_mark(content: bytes) -> bytes:
    """The DOCX marked as a draft on every page (each section's headers): "DỰ THẢO" at the top right and, as Word
    does for a watermark, a large diagonal "DỰ THẢO" behind the text. A draft downloaded to read offline or printed
    can never pass for an issued document. The body is left as it is."""
    from docx.shared import RGBColor

    document = _load(content)
    number = 0
    for section in document.sections:
        for header in _headers(document, section):
            header.is_linked_to_previous = False
            target = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
            if target.text.strip():
                # The header already says something (a page number): the mark goes on a line of its own above it.
                target = target.insert_paragraph_before("")
            target.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            run = target.add_run(DRAFT_MARK)
            run.bold = True
            run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
            number += 1
            target._p.append(_watermark_run(number))
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def _header_parts(document):
    for section in document.sections:
        yield from (section.header, section.first_page_header, section.even_page_header)


def draft_marked(content: bytes) -> bool:
    """Whether a DOCX carries the draft mark in a page header."""
    document = _load(content)
    return any(DRAFT_MARK in paragraph.text for header in _header_parts(document) for paragraph in header.paragraphs)


def draft_watermarks(content: bytes) -> list[str]:
    """The text of each diagonal watermark in the DOCX's page headers (empty for an issued document)."""
    document = _load(content)
    found = []
    for header in _header_parts(document):
        if header.is_linked_to_previous:
            continue
        for shape in header._element.xpath(".//*[local-name()='shape']"):
            if (shape.get("id") or "").startswith(WATERMARK_ID):
                found += [p.get("string") for p in shape.xpath("./*[local-name()='textpath']")]
    return found


def _blocks(document):
    """The body in order: Paragraph and Table objects."""
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield Paragraph(child, document)
        elif tag == "tbl":
            yield Table(child, document)


def _is_heading(paragraph: Paragraph) -> str:
    """ "I"/"II"… for a part heading, "1"/"2"… for a section heading, "" for text."""
    text = paragraph.text.strip()
    match = HEADING.match(text)
    runs = [r for r in paragraph.runs if r.text.strip()]
    if not match or not runs or not all(r.bold for r in runs):
        return ""
    return match["mark"]


@dataclass
class Gap:
    where: str  # the section it is in ("" before the first heading)
    what: str  # the placeholder text, or "" for an empty section


def gaps(content: bytes) -> list[Gap]:
    """What is left to fill in: placeholder text (with the section it is in) and sections with nothing under them."""
    document = _load(content)
    blocks = list(_blocks(document))
    signature = blocks[-1] if blocks and isinstance(blocks[-1], Table) else None
    found: list[Gap] = []
    section = ""
    open_heading: tuple[str, str] | None = None  # (mark, text) of a heading with nothing under it yet

    def check_text(text: str) -> None:
        for pattern, label in PLACEHOLDERS:
            match = pattern.search(text)
            if match:
                found.append(Gap(section, label or match.group(0)))
                # "[...]" is one gap, not also an ellipsis.
                text = pattern.sub(" ", text)

    def close_empty(next_mark: str) -> None:
        # A part (I, II) may open straight onto its first section (1.); anything else under nothing is empty.
        if open_heading and not (open_heading[0].isalpha() and next_mark.isdigit()):
            found.append(Gap(open_heading[1], ""))

    for index, block in enumerate(blocks):
        if isinstance(block, Table):
            is_signature = block is signature
            if index == 0:
                continue  # the header
            if is_signature:
                close_empty("")
                open_heading = None
                section = ""
            else:
                open_heading = None
            for paragraph in _cell_paragraphs(block):
                check_text(paragraph.text)
            continue
        text = block.text.strip()
        if not text:
            continue
        mark = _is_heading(block)
        if mark:
            close_empty(mark)
            open_heading = (mark, text)
            section = text
            continue
        open_heading = None
        check_text(text)
    close_empty("")
    return found


def gaps_message(found: list[Gap]) -> str:
    """The refusal, naming what is missing and where."""
    parts = []
    for gap in found[:5]:
        if gap.what:
            parts.append(f"“{gap.what}”" + (f" ở mục “{gap.where}”" if gap.where else ""))
        else:
            parts.append(f"mục “{gap.where}” chưa có nội dung")
    more = f" và {len(found) - 5} chỗ khác" if len(found) > 5 else ""
    return (
        "Chưa ban hành được: văn bản còn chỗ chưa điền — "
        + "; ".join(parts)
        + more
        + ". Hãy bổ sung nội dung (tạo lại dự thảo sau khi các đơn vị báo cáo, hoặc tải lên bản DOCX đã sửa) "
        "rồi ban hành."
    )


_ALIGN = {
    WD_ALIGN_PARAGRAPH.CENTER: "text-center",
    WD_ALIGN_PARAGRAPH.RIGHT: "text-end",
    WD_ALIGN_PARAGRAPH.JUSTIFY: "text-justify",
}


def _paragraph_html(paragraph: Paragraph) -> str:
    pieces = []
    for run in paragraph.runs:
        if not run.text:
            continue
        text = escape(run.text)
        if run.bold:
            text = f"<strong>{text}</strong>"
        if run.italic:
            text = f"<em>{text}</em>"
        pieces.append(text)
    css = _ALIGN.get(paragraph.alignment, "")
    indent = " dv-indent" if paragraph.paragraph_format.first_line_indent else ""
    return f'<p class="{css}{indent}">{"".join(pieces) or "&nbsp;"}</p>'


def _table_html(table: Table, *, borders: bool) -> str:
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            # A merged cell appears once per grid column it spans; show it once.
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append("<td>" + "".join(_paragraph_html(p) for p in cell.paragraphs) + "</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    css = "table table-bordered table-sm" if borders else "table table-borderless dv-layout"
    return f'<table class="{css}">' + "".join(rows) + "</table>"


def docx_html(content: bytes) -> str:
    """The DOCX as HTML, paragraph by paragraph and table by table, for reading before the number is taken."""
    document = _load(content)
    blocks = list(_blocks(document))
    out = []
    for index, block in enumerate(blocks):
        if isinstance(block, Table):
            layout = index == 0 or index == len(blocks) - 1 or not block.style or block.style.name != "Table Grid"
            out.append(_table_html(block, borders=not layout))
        else:
            out.append(_paragraph_html(block))
    return mark_safe("\n".join(out))  # noqa: S308 - every run's text is escaped above
