"""A draft DOCX downloaded to read or print carries, as Word's own watermark does, a large diagonal "DỰ THẢO" behind
the text in each page header (so on every printed page), beside the small "DỰ THẢO" at the top right; the issued
file has neither. Checked by opening the DOCX and, where LibreOffice is installed, in the PDF it prints."""

import datetime as dt
import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from docx import Document as Docx
from docx.enum.section import WD_SECTION

from conftest import make_user
from danvan.documents import generated, services
from danvan.documents.docxpage import DRAFT_MARK, draft_mark, draft_marked, draft_watermarks
from danvan.documents.drafting import docx_text
from danvan.documents.models import Document
from danvan.documents.tests.generated_factories import held_meeting
from danvan.meetings.services import conclusion_notice_draft

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 20)


def _docx(document) -> bytes:
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def _shapes(content: bytes):
    document = Docx(io.BytesIO(content))
    return [
        shape for section in document.sections for shape in section.header._element.xpath(".//*[local-name()='shape']")
    ]


def test_every_section_of_a_draft_gets_the_diagonal_watermark_behind_the_text():
    document = Docx()
    document.add_paragraph("Phần thứ nhất.")
    document.add_section(WD_SECTION.NEW_PAGE)
    document.add_paragraph("Phần thứ hai, trang ngang.")
    document.sections[1].header.is_linked_to_previous = False
    document.sections[1].header.paragraphs[0].text = "Trang 2"
    original = _docx(document)
    assert draft_watermarks(original) == [] and not draft_marked(original)

    marked = draft_mark(original)
    assert draft_watermarks(marked) == [DRAFT_MARK, DRAFT_MARK] and draft_marked(marked)
    for shape in _shapes(marked):
        style = shape.get("style")
        # Turned to rise to the right, centred on the page, behind the text.
        assert "rotation:315" in style and "mso-position-horizontal:center" in style and "z-index:-" in style
    # The body is untouched; a header's own text stays, under the mark.
    assert docx_text(marked) == docx_text(original)
    assert "Trang 2" in Docx(io.BytesIO(marked)).sections[1].header.paragraphs[-1].text


def test_the_draft_download_has_the_watermark_and_the_issued_file_has_none(client_for, officer_a):
    chief = make_user("truong.ban", "leader", "P24-TGDV")
    draft = conclusion_notice_draft(actor=officer_a, meeting=held_meeting(officer_a), today=TODAY)
    client = client_for(officer_a)
    download = client.get(f"/van-ban/{draft.public_id}/ban/1/")
    # One in each header a page can show (the notice's first page has a header of its own).
    assert download.status_code == 200 and set(draft_watermarks(download.content)) == {DRAFT_MARK}
    # The stored version itself is the clean generated file: the mark is added to what is downloaded.
    assert draft_watermarks(bytes(draft.latest.file.content)) == []
    generated.document_signer_set(
        actor=officer_a, document=draft, signer=chief, signer_title="Trưởng ban", capacity="T/M"
    )
    services.document_sign_issue(actor=chief, document=Document.objects.get(pk=draft.pk), today=TODAY)
    issued = client.get(f"/van-ban/{draft.public_id}/tep.docx")
    assert issued.status_code == 200 and draft_watermarks(issued.content) == [] and not draft_marked(issued.content)


def _pdf_pages(content: bytes, folder: Path) -> tuple[str, list]:
    """The DOCX printed by LibreOffice: the PDF's text and each page as a grey-scale image."""
    from PIL import Image

    source = folder / "draft.docx"
    source.write_bytes(content)
    subprocess.run(  # noqa: S603 - fixed command
        [
            "soffice",
            f"-env:UserInstallation=file://{folder}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = folder / "draft.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True).stdout.decode()  # noqa: S607
    subprocess.run(["pdftoppm", "-r", "30", "-gray", "-png", str(pdf), str(folder / "page")], check=True)  # noqa: S607
    pages = [Image.open(p) for p in sorted(folder.glob("page-*.png"))]
    return text, pages


def _grey_share(page) -> float:
    """The share of light-grey pixels (the half-transparent silver of the watermark) in the middle right of the page,
    where the short lines of the text do not reach."""
    width, height = page.size
    middle = page.convert("L").crop((2 * width // 5, height // 3, 3 * width // 4, 2 * height // 3))
    counts = middle.histogram()  # pixels per grey level, 0 (black) to 255 (white)
    return sum(counts[170:241]) / sum(counts)


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftoppm")), reason="LibreOffice/poppler missing")
def test_every_printed_page_of_a_draft_is_marked_and_an_unmarked_file_is_not():
    document = Docx()
    for number in range(70):
        document.add_paragraph(f"Đoạn {number}.")
    clean = _docx(document)
    with tempfile.TemporaryDirectory(prefix="dv-wm-") as marked_dir, tempfile.TemporaryDirectory() as clean_dir:
        text, pages = _pdf_pages(draft_mark(clean), Path(marked_dir))
        clean_text, clean_pages = _pdf_pages(clean, Path(clean_dir))
    assert len(pages) >= 2
    # The small mark is text at the top of each page; the diagonal one is drawn grey across the middle.
    assert text.count(DRAFT_MARK) == len(pages)
    assert all(_grey_share(page) > 0.03 for page in pages)
    assert DRAFT_MARK not in clean_text
    assert all(_grey_share(page) < 0.01 for page in clean_pages)
