"""Hostile XLSX and DOCX files, built for real in memory: the upload tests of every app send them."""

import io
import zipfile

import docx
from openpyxl import Workbook

MiB = 1024 * 1024

BILLION_LAUGHS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10))
    + b"]>\n"
)


def xlsx(rows=(("ma_xa", "ten", "loai"), (7288, "Thôn Mới", "thon"))) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def docx_file(paragraphs=("Hội nghị giao ban công tác dân vận của Ban Dân vận Tỉnh ủy",)) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def rezip(content: bytes, *, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None) -> bytes:
    """`content` (a zip) with some parts replaced and some added, deflated."""
    replace = replace or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, replace.get(info.filename, source.read(info)))
        for name, data in (add or {}).items():
            target.writestr(name, data)
    return out.getvalue()


def with_huge_part(content: bytes, *, name: str, size: int, head: bytes = b"") -> bytes:
    """`content` with part `name` replaced by `size` bytes (`head`, then spaces) — it packs ~1000 to 1."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != name:
                target.writestr(info.filename, source.read(info))
        with target.open(name, "w", force_zip64=True) as stream:
            stream.write(head)
            chunk = b" " * MiB
            for _ in range(size // MiB):
                stream.write(chunk)
    return out.getvalue()


def xlsx_unpacking_to(size: int) -> bytes:
    """A small XLSX whose sheet unpacks to `size` bytes (an 80 MB sheet packs into well under 1 MB)."""
    return with_huge_part(xlsx(), name="xl/worksheets/sheet1.xml", size=size, head=b'<?xml version="1.0"?>')


def docx_unpacking_to(size: int) -> bytes:
    return with_huge_part(docx_file(), name="word/document.xml", size=size, head=b'<?xml version="1.0"?>')


def xlsx_billion_laughs() -> bytes:
    content = xlsx()
    sheet = _read(content, "xl/worksheets/sheet1.xml")
    return rezip(content, replace={"xl/worksheets/sheet1.xml": _with_doctype(sheet)})


def docx_billion_laughs(*, utf16: bool = False) -> bytes:
    content = docx_file()
    document = _with_doctype(_read(content, "word/document.xml"))
    if utf16:
        document = document.replace(b'encoding="UTF-8"', b'encoding="UTF-16"').decode().encode("utf-16")
    return rezip(content, replace={"word/document.xml": document})


def with_many_parts(content: bytes, count: int) -> bytes:
    return rezip(content, add={f"customXml/item{i}.xml": b"<a/>" for i in range(count)})


def xlsx_with_a_row_far_below() -> bytes:
    """A tiny XLSX whose only other row is row 1,048,576 (and says so): read naively, a million blank rows."""
    content = xlsx()
    sheet = _read(content, "xl/worksheets/sheet1.xml").decode()
    sheet = sheet.replace('<dimension ref="A1:C2"/>', '<dimension ref="A1:XFD1048576"/>')
    far = '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    return rezip(content, replace={"xl/worksheets/sheet1.xml": sheet.replace("</sheetData>", far).encode()})


def _read(content: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read(name)


def _with_doctype(xml: bytes) -> bytes:
    """The part with the billion-laughs DTD in its prologue and the entity used in its first text."""
    body = xml.split(b"?>", 1)[1].lstrip() if xml.startswith(b"<?") else xml
    return BILLION_LAUGHS + body.replace(b"</", b"&lol9;</", 1)
