"""Reading an uploaded XLSX or DOCX so that no file can hurt the server.

An XLSX or DOCX is a zip of XML parts. Before any parser sees it, `check_office_zip` reads only the zip's
directory and the first bytes of each XML part, and refuses:

- more parts than an office file has (`max_parts`);
- parts that together unpack past `max_unpacked` (a 330 KB file that unpacks to 78 MB), or one part that
  unpacks far beyond its packed size (`max_ratio`). The sizes are the ones the directory declares: Python's
  zipfile never inflates a part past its declared size (it stops there and fails the checksum), so a lying
  directory cannot get more out than it declares;
- compression other than "stored" and "deflate" (an LZMA part can ask for a dictionary of gigabytes);
- any DOCTYPE or ENTITY declaration in an XML part (billion laughs, external entities): office files never
  have one, and a declaration can only stand before the root element, so the prologue is all that is read;
  encodings other than UTF-8 / UTF-16 are refused so that the declaration cannot hide in another one.

Parsing then happens under a time budget (`Deadline`), checked row by row and paragraph by paragraph.

Every refusal is an `ApplicationError` naming the field and saying what to do instead; it never becomes a 500.
"""

from __future__ import annotations

import io
import re
import time
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass

from danvan.core.errors import ApplicationError
from danvan.core.text import strip_bidi_controls

MiB = 1024 * 1024
PARSE_SECONDS = 10
# Parts smaller than this may compress as well as they like: they cannot hurt.
RATIO_FLOOR = MiB
# An office file's prologue (XML declaration, maybe a comment) is a few dozen bytes.
PROLOGUE_BYTES = 64 * 1024


@dataclass(frozen=True)
class ZipLimits:
    max_bytes: int  # the upload as sent
    max_unpacked: int  # every part together, unpacked
    max_parts: int = 1000
    max_ratio: int = 100  # unpacked / packed, for one part above RATIO_FLOOR


# A list to import (villages, teams): 5,000 rows of a few columns unpack to well under 2 MB.
XLSX_IMPORT = ZipLimits(max_bytes=2 * MiB, max_unpacked=20 * MiB)
# A filled report template: a few hundred indicators.
XLSX_REPORT = ZipLimits(max_bytes=5 * MiB, max_unpacked=20 * MiB)
# An article or report in Word, pictures included; its text parts are a few MB at most.
DOCX_TEXT = ZipLimits(max_bytes=5 * MiB, max_unpacked=40 * MiB)

_KINDS = {
    "xlsx": ("Excel (.xlsx)", "Excel"),
    "docx": ("Word (.docx)", "Word"),
}
_TRIM = {"xlsx": "xoá các trang tính và dòng thừa", "docx": "bỏ bớt ảnh"}
_ENCODING = re.compile(r"""encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_ALLOWED_ENCODINGS = frozenset({"utf-8", "utf8", "utf-16", "utf16", "us-ascii", "ascii"})


class Deadline:
    """A time budget for parsing one upload; `check()` refuses the file once it is spent."""

    def __init__(self, seconds: float | None = None, *, field: str = "file"):
        self.seconds = PARSE_SECONDS if seconds is None else seconds
        self.field = field
        self.end = time.monotonic() + self.seconds

    def check(self) -> None:
        if time.monotonic() >= self.end:
            raise ApplicationError(
                f"Tệp: đọc quá {self.seconds:g} giây mà chưa xong; hãy chia tệp thành nhiều tệp nhỏ rồi tải lên lại.",
                field=self.field,
                code="too_slow",
            )


def check_office_zip(content: bytes, *, kind: str, limits: ZipLimits, field: str = "file") -> None:
    """Refuse an XLSX/DOCX (`kind`) that would cost too much to open; see the module's docstring."""
    label, app = _KINDS[kind]
    resave = f"hãy mở tệp bằng {app}, lưu lại thành tệp {label} mới rồi tải lên"

    def refuse(message: str, code: str):
        raise ApplicationError(f"Tệp: {message}", field=field, code=code)

    if len(content) > limits.max_bytes:
        refuse(
            f"lớn hơn {_size(limits.max_bytes)}; hãy chia nội dung thành nhiều tệp nhỏ hơn.",
            "too_large",
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        refuse(f"không phải tệp {label} hợp lệ (tệp hỏng hoặc bị đổi đuôi); {resave}.", kind)
    with archive:
        parts = archive.infolist()
        if len(parts) > limits.max_parts:
            refuse(
                f"gồm {len(parts)} phần bên trong, quá mức {limits.max_parts} của một tệp {label}; {resave}.",
                "too_many_parts",
            )
        unpacked = sum(part.file_size for part in parts)
        if unpacked > limits.max_unpacked:
            refuse(
                f"khi giải nén lên tới {unpacked / MiB:.0f} MB, quá mức {_size(limits.max_unpacked)}; "
                f"hãy chia nội dung thành nhiều tệp hoặc {_TRIM[kind]} rồi tải lên lại.",
                "too_large_unpacked",
            )
        for part in parts:
            if part.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                refuse(f"phần “{part.filename[:80]}” nén theo cách lạ; {resave}.", "compression")
            if part.file_size > RATIO_FLOOR and part.file_size > limits.max_ratio * max(1, part.compress_size):
                ratio = part.file_size // max(1, part.compress_size)
                refuse(
                    f"phần “{part.filename[:80]}” giải nén ra gấp {ratio} lần cỡ nén — bất thường, có thể là "
                    f"tệp độc hại; {resave}.",
                    "compression_ratio",
                )
        for part in parts:
            if part.is_dir():
                continue
            try:
                with archive.open(part) as stream:
                    head = stream.read(PROLOGUE_BYTES + 1)
            except (zipfile.BadZipFile, RuntimeError, NotImplementedError, ValueError, OSError, EOFError):
                refuse(f"phần “{part.filename[:80]}” bị hỏng hoặc có mật khẩu; {resave}.", kind)
            problem = _prologue_problem(head)
            if problem == "dtd":
                refuse(
                    f"phần “{part.filename[:80]}” có khai báo DOCTYPE/ENTITY mà tệp {label} bình thường không có "
                    f"(có thể là tệp độc hại); {resave}.",
                    "xml_declaration",
                )
            if problem:
                refuse(f"phần “{part.filename[:80]}” có phần mở đầu XML bất thường; {resave}.", "xml_prologue")


def _size(n: int) -> str:
    return f"{n // MiB} MB" if n >= MiB else f"{max(1, n // 1024)} KB"


def _prologue_problem(head: bytes) -> str | None:
    """None when the XML part's prologue (everything before the root element) is plain; else what is wrong.

    Not XML at all (a picture) is not a problem here: the parsers do not read it as XML."""
    if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff", b"\x00\x00\x00<", b"<\x00\x00\x00")):
        return "encoding"  # UTF-32
    if head.startswith(b"\x4c\x6f\xa7\x94"):
        return "encoding"  # EBCDIC "<?xm"
    if head.startswith((b"\xff\xfe", b"<\x00")):
        text = head.decode("utf-16-le", errors="replace").lstrip("\ufeff")
    elif head.startswith((b"\xfe\xff", b"\x00<")):
        text = head.decode("utf-16-be", errors="replace").lstrip("\ufeff")
    else:
        text = head.decode("utf-8", errors="replace").lstrip("\ufeff")
    complete = len(head) <= PROLOGUE_BYTES
    text = text.lstrip()
    if not text.startswith("<"):
        return None
    while True:
        if text.startswith("<?"):
            end = text.find("?>")
            if end < 0:
                return None if complete else "long"
            declared = _ENCODING.search(text[:end]) if text.startswith("<?xml") else None
            if declared and declared.group(1).lower() not in _ALLOWED_ENCODINGS:
                return "encoding"
            text = text[end + 2 :].lstrip()
        elif text.startswith("<!--"):
            end = text.find("-->")
            if end < 0:
                return None if complete else "long"
            text = text[end + 3 :].lstrip()
        elif text.startswith("<!"):
            return "dtd"
        elif text.startswith("<") or (not text and complete):
            return None
        else:
            return None if complete else "long"


class XlsxUpload:
    """An opened, checked workbook (read-only, values only): sheet names and bounded rows."""

    def __init__(self, book, *, field: str, deadline: Deadline):
        self.book = book
        self.field = field
        self.deadline = deadline

    @property
    def sheetnames(self) -> list[str]:
        return self.book.sheetnames

    def rows(self, sheet: str | None = None, *, max_rows: int, max_cols: int) -> list[tuple]:
        """The values of the first `max_cols` columns, row by row from row 1 (blank rows included, so the
        position is the row number), texts without bidirectional controls; refuses a sheet of more than `max_rows` rows or one that reads too slowly."""
        worksheet = self.book.active if sheet is None else self.book[sheet]
        rows: list[tuple] = []
        try:
            for row in worksheet.iter_rows(values_only=True, max_col=max_cols):
                self.deadline.check()
                rows.append(tuple(strip_bidi_controls(value) for value in row))
                if len(rows) > max_rows:
                    raise ApplicationError(
                        f"Tệp: trang tính có hơn {max_rows} dòng (kể cả dòng trống); "
                        "hãy xoá các dòng thừa hoặc chia thành nhiều tệp.",
                        field=self.field,
                        code="too_many_rows",
                    )
        except ApplicationError:
            raise
        except Exception:
            raise ApplicationError(_unreadable("xlsx"), field=self.field, code="xlsx") from None
        return rows


def _unreadable(kind: str) -> str:
    label, app = _KINDS[kind]
    return f"Tệp: không đọc được tệp {label}; hãy mở tệp bằng {app}, lưu lại thành tệp {label} mới rồi tải lên."


@contextmanager
def open_xlsx(content: bytes, *, limits: ZipLimits = XLSX_IMPORT, field: str = "file", seconds: float | None = None):
    """`with open_xlsx(content) as upload:` — the checked workbook, closed afterwards."""
    deadline = Deadline(seconds, field=field)
    check_office_zip(content, kind="xlsx", limits=limits, field=field)
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:
        raise ApplicationError(_unreadable("xlsx"), field=field, code="xlsx") from None
    try:
        deadline.check()
        yield XlsxUpload(book, field=field, deadline=deadline)
    finally:
        book.close()


def open_docx(content: bytes, *, limits: ZipLimits = DOCX_TEXT, field: str = "file", seconds: float | None = None):
    """(python-docx Document, Deadline) for a checked DOCX; the caller checks the deadline as it walks it."""
    deadline = Deadline(seconds, field=field)
    check_office_zip(content, kind="docx", limits=limits, field=field)
    import docx

    try:
        document = docx.Document(io.BytesIO(content))
    except Exception:
        raise ApplicationError(_unreadable("docx"), field=field, code="docx") from None
    deadline.check()
    return document, deadline
