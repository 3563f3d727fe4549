"""Excel workbooks people open: what every openpyxl writer in Peygir goes through.

A name, a title or a note typed by someone else can start with `=`, `+`, `-`, `@`, a tab or a
carriage return; a spreadsheet program reads such a cell as a formula (formula or CSV injection: a
hyperlink that sends the sheet away, a DDE call). `safe_value` keeps text text, and `append` /
`write` store such a cell as a string with Excel's quote prefix, so it stays text even after someone
edits it. Numbers, dates and empty cells pass as they are.
"""

from __future__ import annotations

from collections.abc import Iterable
from io import BytesIO
from typing import Any

from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def is_risky(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def safe_value(value: Any) -> Any:
    """A plain value for openpyxl: a lazy translation becomes its text; anything else is unchanged."""
    return str(value) if isinstance(value, Promise) else value


def neutralize(cell: Cell) -> Cell:
    """Store the cell as text if its value would be read as a formula."""
    if is_risky(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def write(sheet: Worksheet, row: int, column: int, value: Any) -> Cell:
    """sheet.cell(row, column, value), never a formula."""
    return neutralize(sheet.cell(row=row, column=column, value=safe_value(value)))


def append(sheet: Worksheet, values: Iterable[Any]) -> None:
    """sheet.append(values), never a formula.

    A risky value goes in as a cell already made text; the others as plain values. (Reading the row
    back after appending, `sheet[sheet.max_row]`, scans the whole sheet each time: a 20,000-row export
    took minutes.)"""
    row = []
    for value in values:
        value = safe_value(value)
        row.append(neutralize(Cell(sheet, value=value)) if is_risky(value) else value)
    sheet.append(row)


def neutralize_sheet(sheet: Worksheet) -> None:
    """Every cell of a sheet built some other way (a last pass before saving)."""
    for row in sheet.iter_rows():
        for cell in row:
            neutralize(cell)


def save(book: Workbook) -> bytes:
    """The workbook's bytes, after a last pass over every cell of every sheet."""
    for sheet in book.worksheets:
        neutralize_sheet(sheet)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------- one list as a sheet

EXPORT_MAX_ROWS = 20_000  # a list bigger than this is narrowed with its filters before exporting
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_workbook(title: str, headers: list[Any], rows: Iterable[list[Any]], *, rtl: bool = True) -> bytes:
    """One sheet: a bold header row, then the rows (numbers stay numbers), right to left for Persian,
    frozen under the header and filterable; a last line says when the list was cut at EXPORT_MAX_ROWS."""
    from django.utils.translation import gettext as _
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = str(title)[:31]
    sheet.sheet_view.rightToLeft = rtl
    append(sheet, headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True, name="Tahoma")
        cell.fill = PatternFill("solid", fgColor="DDE7F0")
    count = 0
    for row in rows:
        if count == EXPORT_MAX_ROWS:
            append(
                sheet, [_("فهرست بیش از %(n)s ردیف است؛ با فیلترها کوچک‌ترش کنید.") % {"n": EXPORT_MAX_ROWS}]
            )
            break
        append(sheet, row)
        count += 1
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, min(60, len(str(header)) + 6))
    return save(book)


def xlsx_response(content: bytes, filename: str) -> Any:
    """The workbook as a download (ASCII file name; the sheet inside carries the Persian title)."""
    from django.http import HttpResponse

    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
