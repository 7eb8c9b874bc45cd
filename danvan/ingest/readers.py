"""Turning an uploaded or pasted file into plain text: .txt, .docx (python-docx) and .html (stdlib parser).

Every refusal is an `ApplicationError` with a Vietnamese message that says what to do instead.
"""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser
from pathlib import PurePath

from danvan.core.errors import ApplicationError
from danvan.core.text import fold, strip_bidi_controls
from danvan.core.uploads import DOCX_TEXT, Deadline, open_docx

MAX_BYTES = 5 * 1024 * 1024
EXTENSIONS = (".txt", ".docx", ".html", ".htm")

# Short, frequent words of Vietnamese prose (folded). English or French text rarely has them.
_VI_WORDS = frozenset(
    "cua va cac cong tac nhan dan trong nhung duoc voi cho la nguoi nam ngay hoi nghi dong chi tinh xa huyen "
    "co da nay mot khong viec thuc hien tren tai theo ve den nhu cung tu ban dang uy".split()
)
_VI_LETTERS = re.compile(r"[ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]", re.I)


def read_file(*, filename: str, content: bytes) -> str:
    """The text of `content`, chosen by the file's extension; refuses what cannot be read as Vietnamese text."""
    suffix = PurePath(filename or "").suffix.lower()
    if suffix not in EXTENSIONS:
        raise ApplicationError(
            f"Tệp “{filename}” không đọc được: chỉ nhận tệp .txt, .docx hoặc .html.", field="file", code="type"
        )
    if not content:
        raise ApplicationError("Tệp trống: hãy chọn tệp có nội dung bài viết hoặc báo cáo.", field="file", code="empty")
    if len(content) > MAX_BYTES:
        raise ApplicationError(
            f"Tệp quá lớn ({len(content) // 1024 // 1024} MB): chỉ nhận tệp đến 5 MB; hãy tách thành nhiều tệp.",
            field="file",
            code="too_large",
        )
    if suffix == ".docx":
        text = _docx_text(content)
    else:
        raw = _decode(content)
        text = html_to_text(raw) if suffix in (".html", ".htm") else raw
    return check_text(text, field="file")


def check_text(text: str, *, field: str = "text") -> str:
    """Pasted or read text, NFC-normalised, or an error when it is empty, binary, huge or not Vietnamese."""
    if text is None or not text.strip():
        raise ApplicationError(
            "Nội dung trống: hãy dán hoặc tải lên nội dung bài viết, báo cáo.", field=field, code="empty"
        )
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise ApplicationError(
            "Nội dung quá dài: chỉ nhận đến 5 MB văn bản; hãy tách thành nhiều phần.", field=field, code="too_large"
        )
    if "\x00" in text or _control_share(text) > 0.01:
        raise ApplicationError(
            "Nội dung không phải văn bản (có vẻ là tệp nhị phân): hãy lưu bài viết dưới dạng .txt, .docx hoặc .html.",
            field=field,
            code="binary",
        )
    text = strip_bidi_controls(unicodedata.normalize("NFC", text))
    if not looks_vietnamese(text):
        raise ApplicationError(
            "Nội dung không phải tiếng Việt: danvan chỉ đọc bài viết, báo cáo tiếng Việt về công tác dân vận.",
            field=field,
            code="language",
        )
    return text


def looks_vietnamese(text: str) -> bool:
    """Enough Vietnamese function words, or enough Vietnamese letters (text typed with its diacritics)."""
    words = fold(text[:20000]).split()
    if len(words) < 5:
        return False
    common = sum(w in _VI_WORDS for w in words) / len(words)
    letters = sum(ch.isalpha() for ch in text[:20000]) or 1
    marked = len(_VI_LETTERS.findall(text[:20000])) / letters
    return common >= 0.12 or (marked >= 0.08 and common >= 0.04)


def _control_share(text: str) -> float:
    sample = text[:20000]
    bad = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    return bad / max(1, len(sample))


def _decode(content: bytes) -> str:
    if b"\x00" in content[:4096] and not content.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ApplicationError(
            "Tệp không phải văn bản (có vẻ là tệp nhị phân): hãy lưu bài viết dưới dạng .txt, .docx hoặc .html.",
            field="file",
            code="binary",
        )
    for encoding in ("utf-8-sig", "utf-16") if content.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-8-sig",):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    try:
        # Older Windows exports: Vietnamese in the Windows-1258 code page.
        return content.decode("cp1258")
    except UnicodeDecodeError:
        raise ApplicationError(
            "Không đọc được bảng mã của tệp: hãy lưu tệp với bảng mã UTF-8 rồi tải lên lại.",
            field="file",
            code="encoding",
        ) from None


def _docx_text(content: bytes) -> str:
    # Checked for zip bombs and XML entity tricks before python-docx parses it, then walked under a time budget.
    document, deadline = open_docx(content, limits=DOCX_TEXT, field="file")
    try:
        parts = []
        for paragraph in document.paragraphs:
            deadline.check()
            parts.append(paragraph.text)
        # Reports often put their figures in tables: keep each row as a line.
        for table in document.tables:
            for row in table.rows:
                deadline.check()
                cells = []
                for cell in row.cells:
                    value = cell.text.strip()
                    if value and (not cells or cells[-1] != value):
                        cells.append(value)
                if cells:
                    parts.append(" | ".join(cells))
    except ApplicationError:
        raise
    except Exception:
        raise ApplicationError(
            "Tệp .docx bị hỏng hoặc không phải tệp Word: hãy mở bằng Word, lưu lại dạng .docx rồi tải lên.",
            field="file",
            code="docx",
        ) from None
    return "\n".join(parts)


class _TextParser(HTMLParser):
    SKIP = frozenset(
        {"script", "style", "nav", "header", "footer", "aside", "form", "noscript", "iframe", "svg", "button"}
    )
    BLOCK = frozenset(
        {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "section", "article", "time"}
    )

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Visible text of a page, one block per line; scripts, styles and navigation left out."""
    parser = _TextParser()
    # Fed in pieces under a time budget: the standard parser has inputs (thousands of "<" or an unclosed
    # attribute) that it rescans at every piece, so one hostile page could otherwise hold a worker for minutes.
    deadline = Deadline(field="file")
    for start in range(0, len(html), 16384):
        deadline.check()
        parser.feed(html[start : start + 16384])
    parser.close()
    text = "".join(parser.parts)
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()
