"""Reading a workbook into rows, the row-by-row report, and the template workbooks."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from peygir.core.jalali import JalaliDateError, parse_jalali_date
from peygir.core.text import clean_input, normalize_text, to_latin_digits, to_persian_digits

MAX_ROWS = 2000


class ImportFileError(Exception):
    """The file itself cannot be read as the expected workbook (a Persian message)."""


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # Persian header text, as in the template
    required: bool = False
    example: str = ""
    help: str = ""


@dataclass
class RowResult:
    number: int  # the row number in the sheet, as Excel shows it
    values: dict[str, Any]
    errors: list[str] = field(default_factory=list)
    parsed: dict[str, Any] = field(default_factory=dict)
    summary: str = ""

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class Preview:
    rows: list[RowResult]

    @property
    def accepted(self) -> list[RowResult]:
        return [r for r in self.rows if r.ok]

    @property
    def refused(self) -> list[RowResult]:
        return [r for r in self.rows if not r.ok]


def cell_text(value: Any) -> str:
    """A cell as text: numbers without a trailing «.0», dates as ISO, text cleaned."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()[:10]
    return clean_input(str(value))


def cell_date(value: Any) -> dt.date:
    """An Excel date (Gregorian), or a Jalali date typed as text in any digits. JalaliDateError."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return parse_jalali_date(to_latin_digits(cell_text(value)))


def _header_key(text: Any) -> str:
    return normalize_text(cell_text(text)).replace("*", "").strip()


def read_workbook(data: bytes, columns: list[Column]) -> list[tuple[int, dict[str, Any]]]:
    """(row number, {column key: raw cell value}) of the first sheet; empty rows skipped."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise ImportFileError(_("این پرونده یک کارپوشه اکسل (xlsx) خواندنی نیست.")) from exc
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise ImportFileError(_("برگه نخست پرونده خالی است."))
        wanted = {_header_key(c.header): c.key for c in columns}
        positions = {i: wanted[_header_key(h)] for i, h in enumerate(header) if _header_key(h) in wanted}
        missing = [c.header for c in columns if c.required and c.key not in positions.values()]
        if missing:
            raise ImportFileError(
                _("ستون‌های لازم در سطر نخست نیست: %(names)s. از پرونده نمونه استفاده کنید.")
                % {"names": "، ".join(missing)}
            )
        result = []
        for number, row in enumerate(rows, start=2):
            values = {key: row[i] if i < len(row) else None for i, key in positions.items()}
            if all(cell_text(v) == "" for v in values.values()):
                continue
            result.append((number, values))
            if len(result) > MAX_ROWS:
                raise ImportFileError(
                    _("پرونده بیش از %(n)s سطر دارد؛ آن را در چند بخش بفرستید.")
                    % {"n": to_persian_digits(MAX_ROWS)}
                )
        if not result:
            raise ImportFileError(_("پرونده هیچ سطر داده‌ای ندارد."))
        return result
    finally:
        workbook.close()


def template_workbook(title: str, columns: list[Column]) -> bytes:
    """The template: a right-to-left sheet with the headers (required ones marked), one example row
    and a second sheet explaining each column."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    from peygir.core import xlsx

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.sheet_view.rightToLeft = True
    xlsx.append(sheet, [c.header + (" *" if c.required else "") for c in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE7F0")
    xlsx.append(sheet, [c.example for c in columns])
    for i, column in enumerate(columns):
        sheet.column_dimensions[chr(ord("A") + i)].width = max(16, len(column.header) + 6)
    guide = workbook.create_sheet(_("راهنما"))
    guide.sheet_view.rightToLeft = True
    xlsx.append(guide, [_("ستون"), _("لازم"), _("توضیح")])
    for column in columns:
        xlsx.append(guide, [column.header, _("بله") if column.required else _("خیر"), column.help])
    guide.column_dimensions["A"].width = 24
    guide.column_dimensions["C"].width = 80
    return xlsx.save(workbook)


def check_required(row: RowResult, columns: list[Column]) -> None:
    for column in columns:
        if column.required and not cell_text(row.values.get(column.key)):
            row.errors.append(_("ستون «%(c)s» خالی است.") % {"c": column.header})


def report_values(values: dict[str, Any]) -> dict[str, str]:
    """What the preview shows of a row (text; dates as typed)."""
    return {key: cell_text(value) for key, value in values.items()}


__all__ = [
    "Column",
    "ImportFileError",
    "JalaliDateError",
    "MAX_ROWS",
    "Preview",
    "RowResult",
    "cell_date",
    "cell_text",
    "check_required",
    "read_workbook",
    "report_values",
    "template_workbook",
]
