"""Draft templates (kế hoạch, hướng dẫn, báo cáo, thông báo, công văn, tờ trình) and the issued file in HD 36 layout.

A template is a list of sections; the draft form shows one box per section and the document prints each under its
heading. The header, the title, the signature block (T/M, K/T, Q.) and the recipients (nơi nhận) follow
Hướng dẫn 36-HD/VPTW through the shared writer in reports.documents.
"""

import os
import subprocess
import tempfile
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from docx.enum.text import WD_ALIGN_PARAGRAPH

from danvan.core.errors import ApplicationError
from danvan.reports.documents import Header, add_paragraph, add_run, add_title, document_bytes, open_party_document


@dataclass(frozen=True)
class Section:
    key: str
    label: object  # what the form shows (translated)
    heading: str  # what the document prints ("" prints the text without a heading)


@dataclass(frozen=True)
class Template:
    key: str
    label: object
    doc_type: str  # the abbreviation of its DocumentType
    sections: tuple[Section, ...]


_PURPOSE = Section("purpose", _("Purpose and requirements"), "I. MỤC ĐÍCH, YÊU CẦU")
_ORGANISE = Section("organisation", _("Organising the implementation"), "III. TỔ CHỨC THỰC HIỆN")
TEMPLATES = {
    t.key: t
    for t in (
        Template(
            "plan",
            _("Plan (kế hoạch)"),
            "KH",
            (_PURPOSE, Section("content", _("Content of the plan"), "II. NỘI DUNG"), _ORGANISE),
        ),
        Template(
            "guidance",
            _("Guidance (hướng dẫn)"),
            "HD",
            (_PURPOSE, Section("content", _("What to do and how"), "II. NỘI DUNG HƯỚNG DẪN"), _ORGANISE),
        ),
        Template(
            "report",
            _("Report (báo cáo)"),
            "BC",
            (
                Section("results", _("Results"), "I. KẾT QUẢ ĐẠT ĐƯỢC"),
                Section("shortcomings", _("Shortcomings and causes"), "II. HẠN CHẾ, NGUYÊN NHÂN"),
                Section("next", _("Tasks for the coming period"), "III. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI"),
                Section("proposals", _("Proposals"), "IV. KIẾN NGHỊ, ĐỀ XUẤT"),
            ),
        ),
        Template("notice", _("Notice (thông báo)"), "TB", (Section("content", _("Content of the notice"), ""),)),
        Template(
            "letter", _("Official letter (công văn)"), "CV", (Section("content", _("Content of the letter"), ""),)
        ),
        Template(
            "submission",
            _("Submission (tờ trình)"),
            "TTr",
            (
                Section("need", _("Why it is needed"), "I. SỰ CẦN THIẾT"),
                Section("content", _("What is proposed"), "II. NỘI DUNG ĐỀ XUẤT"),
                Section("request", _("What is asked"), "III. KIẾN NGHỊ"),
            ),
        ),
    )
}


def template_text(template: Template | None, fields: dict) -> str:
    """The plain text of a draft filled from a template: headings and sections, one paragraph a line."""
    if template is None:
        return (fields.get("content") or "").strip()
    lines = []
    for section in template.sections:
        value = (fields.get(section.key) or "").strip()
        if section.heading:
            lines.append(section.heading)
        if value:
            lines.append(value)
    return "\n".join(lines)


def docx_text(content: bytes, *, field: str = "file") -> str:
    """The paragraphs of an uploaded DOCX, checked and parsed under core.uploads' limits."""
    from danvan.core.uploads import open_docx

    document, deadline = open_docx(content, field=field)
    lines = []
    for paragraph in document.paragraphs:
        deadline.check()
        if paragraph.text.strip():
            lines.append(paragraph.text.strip())
    return "\n".join(lines)


@dataclass
class Signature:
    capacity: str  # "T/M", "K/T", "Q." or ""
    collective: str  # for T/M: the body on whose behalf ("Ban Thường vụ", the Ban itself)
    head_title: str  # for K/T and Q.: the head's title ("Trưởng ban")
    signer_title: str  # the signer's own title ("Phó Trưởng ban")
    signer_name: str


def signature_lines(sig: Signature) -> list[str]:
    """The signature block's lines as HD 36 prints them (capitals, then the name after the blank)."""
    if sig.capacity == "T/M":
        lines = [f"T/M {sig.collective}", sig.signer_title]
    elif sig.capacity == "K/T":
        lines = [f"K/T {sig.head_title}", sig.signer_title]
    elif sig.capacity == "Q.":
        lines = [f"Q. {sig.head_title}"]
    else:
        lines = [sig.signer_title]
    return [line.upper() for line in lines if line]


def render_docx(
    *, header: Header, doc_type_name: str, letter: bool, title: str, body: str, sig: Signature, recipients: list[str]
) -> bytes:
    """The issued document: header, title (or "V/v …" under the number for a công văn), body, signature, nơi nhận."""
    document = open_party_document(header)
    if letter:
        # A công văn has no type title: its subject goes under the number, "V/v …".
        cell = document.tables[0].rows[0].cells[0]
        add_paragraph(cell, f"V/v {title}", align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, size=12, italic=True)
    else:
        add_title(document, doc_type_name, title)
    for line in body.splitlines():
        line = line.strip()
        if not line:
            continue
        heading = line[:4].rstrip(".").strip() in {"I", "II", "III", "IV", "V", "VI"} and line.isupper()
        add_paragraph(document, line, bold=heading, indent=not heading)
    table = document.add_table(rows=1, cols=2)
    to_cell, sign_cell = table.rows[0].cells
    add_run(to_cell.paragraphs[0], "Nơi nhận:", size=12, bold=True, italic=True)
    for recipient in [*recipients, "Lưu Văn phòng."]:
        add_paragraph(to_cell, f"- {recipient}", align=WD_ALIGN_PARAGRAPH.LEFT, indent=False, size=12, space_after=0)
    center = WD_ALIGN_PARAGRAPH.CENTER
    first = sign_cell.paragraphs[0]
    first.alignment = center
    for i, line in enumerate(signature_lines(sig)):
        paragraph = first if i == 0 else add_paragraph(sign_cell, align=center, indent=False, space_after=0)
        add_run(paragraph, line, bold=True)
    add_paragraph(sign_cell, "(Đã ký)", align=center, indent=False, italic=True, space_after=36)
    add_paragraph(sign_cell, sig.signer_name, align=center, indent=False, bold=True)
    return document_bytes(document)


def pdf_from_docx(content: bytes, *, timeout: int = 120) -> bytes:
    """The PDF copy made by LibreOffice (soffice --headless). Its own profile directory, so that two conversions at
    once on one machine do not share (and lock) one LibreOffice profile."""
    with tempfile.TemporaryDirectory(prefix="dv-pdf-") as folder:
        source = os.path.join(folder, "document.docx")
        with open(source, "wb") as handle:
            handle.write(content)
        command = [
            "soffice",
            f"-env:UserInstallation=file://{folder}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            folder,
            source,
        ]
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=timeout)  # noqa: S603 - fixed command
            with open(os.path.join(folder, "document.pdf"), "rb") as handle:
                return handle.read()
        except (OSError, subprocess.SubprocessError) as exc:
            raise ApplicationError("Không tạo được bản PDF (LibreOffice); thử lại sau.", field="pdf") from exc
