"""Coverage as an Excel file: a right-to-left sheet, Persian headers, numbers as numbers. Built from
the coverage rows only (aggregates), never from a visit's date."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from peygir.core import xlsx
from peygir.core.jalali import format_jalali

from .selectors import GROUPS, Coverage


def coverage_xlsx(data: Coverage, *, start: dt.date, end: dt.date) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("پوشش بازدیدها")
    sheet.sheet_view.rightToLeft = True
    xlsx.append(
        sheet,
        [_("پوشش بازدیدهای سرزده از %(a)s تا %(b)s") % {"a": format_jalali(start), "b": format_jalali(end)}],
    )
    sheet.append([])
    headers = [
        str(GROUPS[data.group_by]),
        _("برنامه‌ریزی‌شده"),
        _("انجام‌شده"),
        _("انجام‌نشده"),
        _("درصد پوشش"),
        _("میانگین امتیاز"),
        _("بازدید مردود"),
        _("یافته باز"),
    ]
    xlsx.append(sheet, headers)
    for cell in sheet[3]:
        cell.font = Font(bold=True, name="Tahoma")
        cell.fill = PatternFill("solid", fgColor="DDE7F0")
    rows = [*data.rows, *([data.total] if data.total else [])]
    for row in rows:
        xlsx.append(
            sheet,
            [
                row.label or _("جمع"),
                row.planned,
                row.completed,
                row.missed,
                row.coverage,
                float(row.average_score) if row.average_score is not None else None,
                row.failed,
                row.open_findings,
            ],
        )
    for column, width in zip("ABCDEFGH", (32, 16, 14, 14, 12, 14, 14, 12), strict=True):
        sheet.column_dimensions[column].width = width
    return xlsx.save(book)
