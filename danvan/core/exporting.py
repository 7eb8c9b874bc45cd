"""One shared writer for tabular exports. Apps turn querysets into rows; this turns rows into a file."""

from collections.abc import Iterable

from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.styles import Font

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def file_response(content: bytes, *, filename: str, content_type: str = DOCX_TYPE) -> HttpResponse:
    """A download of `content` (a DOCX unless told otherwise). RFC 6266 header: a Vietnamese name such as
    "01-QĐ_KDV.docx" becomes filename*=utf-8''…, never a header error."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _safe(value):
    # A cell starting with = + - @ would run as a formula in Excel: store it as text.
    if isinstance(value, str) and value[:1] in {"=", "+", "-", "@"}:
        return "'" + value
    return value


def _write_xlsx(target, *, sheet_title, headers, rows, sheets) -> None:
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for title, sheet_headers, sheet_rows in sheets or [(sheet_title, headers or [], rows)]:
        sheet = workbook.create_sheet(title[:31])
        header_cells = []
        for text in sheet_headers:
            cell = WriteOnlyCell(sheet, value=text)
            cell.font = bold
            header_cells.append(cell)
        sheet.append(header_cells)
        for row in sheet_rows:
            sheet.append([_safe(v) for v in row])
    workbook.save(target)


def xlsx_response(
    *,
    filename: str,
    sheet_title: str = "",
    headers: list[str] | None = None,
    rows: Iterable[list] = (),
    sheets: list[tuple[str, list[str], Iterable[list]]] | None = None,
) -> HttpResponse:
    """An XLSX download: one sheet (`sheet_title`, `headers`, `rows`) or several (`sheets` of (title, headers,
    rows)). Bold headers; text that Excel would run as a formula is stored as text."""
    response = HttpResponse(content_type=XLSX_TYPE)
    # RFC 6266 form: a Vietnamese name ("01-QĐ_KDV.docx") becomes filename*=utf-8''…, never a header error.
    response["Content-Disposition"] = content_disposition_header(True, filename)
    _write_xlsx(response, sheet_title=sheet_title, headers=headers, rows=rows, sheets=sheets)
    return response


def xlsx_streaming_response(
    *,
    filename: str,
    sheet_title: str = "",
    headers: list[str] | None = None,
    rows: Iterable[list] = (),
) -> FileResponse:
    """The same workbook as `xlsx_response`, in constant memory whatever the number of rows: pass `rows` as an
    iterator (a queryset's `.iterator()`), each row is written to openpyxl's write-only sheet, which keeps it in a
    temporary file, the workbook is zipped into another temporary file, and the response sends that file in
    blocks. For downloads whose size grows with the data (a register of a year)."""
    import tempfile

    spool = tempfile.TemporaryFile()
    try:
        _write_xlsx(spool, sheet_title=sheet_title, headers=headers, rows=rows, sheets=None)
        spool.seek(0)
    except BaseException:
        spool.close()
        raise
    # FileResponse closes the file once sent; its Content-Disposition is the same RFC 6266 form as above.
    return FileResponse(spool, as_attachment=True, filename=filename, content_type=XLSX_TYPE)


def xlsx_bytes(
    *,
    sheet_title: str = "",
    headers: list[str] | None = None,
    rows: Iterable[list] = (),
    sheets: list[tuple[str, list[str], Iterable[list]]] | None = None,
) -> bytes:
    """The same workbook as `xlsx_response`, as bytes: what a background export keeps for its owner."""
    import io

    output = io.BytesIO()
    _write_xlsx(output, sheet_title=sheet_title, headers=headers, rows=rows, sheets=sheets)
    return output.getvalue()
