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
    """sheet.append(values), never a formula."""
    sheet.append([safe_value(v) for v in values])
    for cell in sheet[sheet.max_row]:
        neutralize(cell)


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
