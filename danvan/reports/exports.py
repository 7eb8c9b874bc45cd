"""Report files: the XLSX template a unit fills offline, reading it back, and the roll-up export."""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from danvan.core.errors import ApplicationError
from danvan.core.exporting import xlsx_response
from danvan.core.uploads import XLSX_REPORT, open_xlsx
from danvan.reports.periods import period_key

MARKER = "danvan-report-template"
META_SHEET = "_danvan"
# A form has a few hundred rows; blank and formatted rows below count too.
MAX_TEMPLATE_ROWS = 5000
DATA_SHEET = "Báo cáo"
NARRATIVE_PREFIX = "nd:"


def template_workbook(*, form, period, unit, indicators, narratives, values=None, texts=None) -> bytes:
    """A workbook with one row per indicator (code, name, unit, value) and per narrative part; the form,
    its version, the period and the unit are kept in a hidden sheet so an upload can be checked against them."""
    values, texts = values or {}, texts or {}
    book = Workbook()
    sheet = book.active
    sheet.title = DATA_SHEET
    sheet.append([form.name])
    sheet.append([f"Đơn vị: {unit.name}", "", "", f"Kỳ: {period.label}"])
    sheet.append(["Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", "Giá trị"])
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    sheet["A1"].font = Font(bold=True, size=13)
    editable = PatternFill("solid", fgColor="FFF8E1")
    number_rule = DataValidation(
        type="decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        error="Nhập một số không âm.",
        showErrorMessage=True,
    )
    sheet.add_data_validation(number_rule)
    for indicator in indicators:
        sheet.append([indicator.code, indicator.name, indicator.unit_label, values.get(indicator.code)])
        cell = sheet.cell(row=sheet.max_row, column=4)
        cell.fill = editable
        number_rule.add(cell)
    for section in narratives:
        sheet.append([NARRATIVE_PREFIX + section.key, section.title, "", texts.get(section.key, "")])
        cell = sheet.cell(row=sheet.max_row, column=4)
        cell.fill = editable
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for column, width in zip("ABCD", (26, 70, 12, 60), strict=True):
        sheet.column_dimensions[column].width = width
    meta = book.create_sheet(META_SHEET)
    for row in ([MARKER], [form.code], [form.version], [period_key(period)], [unit.code]):
        meta.append(row)
    meta.sheet_state = "hidden"
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def read_upload(*, content: bytes, form, period, unit) -> tuple[dict[str, object], dict[str, str]]:
    """Read a filled template back: (figures by indicator code, narrative texts by key).

    Every problem of the file itself (not our template, another form, an old version, another period or
    unit, a row twice) is listed at once; figures are then validated by the save service, cell by cell.
    """
    # Checked for zip bombs and XML entity tricks first, then read as a stream under a time budget.
    with open_xlsx(content, limits=XLSX_REPORT, field="file") as workbook:
        if META_SHEET not in workbook.sheetnames or DATA_SHEET not in workbook.sheetnames:
            raise ApplicationError("Tệp: không phải biểu mẫu tải từ danvan; hãy tải mẫu mới và nhập lại.", field="file")
        meta = [row[0] if row else None for row in workbook.rows(META_SHEET, max_rows=20, max_cols=1)]
        data = workbook.rows(DATA_SHEET, max_rows=MAX_TEMPLATE_ROWS, max_cols=4)
    meta += [None] * (5 - len(meta))
    if meta[0] != MARKER:
        raise ApplicationError("Tệp: không phải biểu mẫu tải từ danvan; hãy tải mẫu mới và nhập lại.", field="file")
    code, version, key, unit_code = meta[1:5]
    problems = []
    if code != form.code:
        problems.append(f"tệp là biểu mẫu “{code}”, không phải “{form.code}”")
    elif str(version) != str(form.version):
        problems.append(f"tệp là mẫu phiên bản {version}, biểu mẫu hiện là phiên bản {form.version}: hãy tải mẫu mới")
    if key != period_key(period):
        problems.append(f"tệp là của kỳ khác ({key}), không phải {period.label}")
    if unit_code != unit.code:
        problems.append(f"tệp là của đơn vị {unit_code}, không phải {unit.code}")
    values: dict[str, object] = {}
    texts: dict[str, str] = {}
    seen: dict[str, int] = {}
    # Row numbers as Excel shows them: the reader gives every row from the first, blank ones included.
    for line, row in enumerate(data[3:], start=4):
        first = row[0] if row else None
        if first is None or str(first).strip() == "":
            continue
        row_code = str(first).strip()
        value = row[3] if len(row) > 3 else None
        if row_code in seen:
            problems.append(f"dòng {line}: chỉ tiêu “{row_code}” nhập hai lần (đã có ở dòng {seen[row_code]})")
            continue
        seen[row_code] = line
        if row_code.startswith(NARRATIVE_PREFIX):
            texts[row_code[len(NARRATIVE_PREFIX) :]] = "" if value is None else str(value)
        else:
            values[row_code] = value
    if problems:
        raise ApplicationError(
            "Tệp không hợp lệ, chưa ghi gì: " + "; ".join(problems) + ".",
            field="file",
            code="invalid_file",
            extra={"errors": problems},
        )
    return values, texts


def rollup_xlsx(*, unit, form, period, rows):
    return xlsx_response(
        filename=f"tong-hop-{form.code}-{period_key(period)}-{unit.code}.xlsx",
        sheet_title="Tổng hợp",
        headers=["Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", f"{period.label}", "Lũy kế từ đầu năm"],
        rows=(
            [
                r.indicator.code,
                r.indicator.name,
                r.indicator.unit_label,
                None if r.value is None else float(r.value),
                None if r.ytd is None else float(r.ytd),
            ]
            for r in rows
        ),
    )
