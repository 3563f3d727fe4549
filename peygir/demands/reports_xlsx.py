"""Excel exports of the demand reports: right-to-left sheets, Persian headers, numbers as numbers.

The workbook is built only from report rows (aggregates and organization/category names) and the
office's activities; it never receives a demand, a citizen or a household, so it cannot leak one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from peygir.core import xlsx
from peygir.core.jalali import format_jalali

from .reports import OfficeReview, ReportRow

FONT_NAME = "Tahoma"  # on every Windows and LibreOffice install; renders Persian well
HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")
THIN = Side(style="thin", color="B0B7C3")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
GROUP_HEADERS = {
    "office": gettext_lazy("دفتر تسهیلگری"),
    "agency": gettext_lazy("دستگاه مسئول"),
    "category": gettext_lazy("دسته مطالبه"),
}


def _report_headers() -> list[str]:
    return [
        _("دریافتی"),
        _("ارجاع‌شده"),
        _("انجام‌شده (اعلام دستگاه)"),
        _("تأییدشده دفتر"),
        _("معوق"),
        _("میانه روز کاری تا رسیدگی"),
        _("میانگین امتیاز شهروندان"),
        _("تعداد امتیازها"),
    ]


def _row_values(row: ReportRow) -> list[Any]:
    return [
        row.label,
        row.received,
        row.routed,
        row.resolved,
        row.verified,
        row.overdue,
        row.median_days,
        row.rating_avg,
        row.rating_count,
    ]


def _new_sheet(book: Workbook, title: str, *, first: bool = False) -> Worksheet:
    sheet = book.active if first else book.create_sheet()
    sheet.title = title[:31]
    sheet.sheet_view.rightToLeft = True
    return sheet


def _write_table(
    sheet: Worksheet,
    *,
    heading: str,
    subheading: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    total: Sequence[Any] | None = None,
) -> None:
    """A title, a subtitle, a bordered table with a bold header (and total) row; column widths fit."""
    bold = Font(name=FONT_NAME, bold=True)
    plain = Font(name=FONT_NAME)
    xlsx.append(sheet, [heading])
    sheet["A1"].font = Font(name=FONT_NAME, bold=True, size=13)
    xlsx.append(sheet, [subheading])
    sheet["A2"].font = plain
    xlsx.append(sheet, [])
    xlsx.append(sheet, list(headers))
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font, cell.fill, cell.border = bold, HEADER_FILL, BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for values in rows:
        xlsx.append(sheet, list(values))
        for cell in sheet[sheet.max_row]:
            cell.font, cell.border = plain, BORDER
    if total is not None:
        xlsx.append(sheet, list(total))
        for cell in sheet[sheet.max_row]:
            cell.font, cell.border = bold, BORDER
    for row in sheet.iter_rows(min_row=header_row + 1):
        for cell in row:
            if isinstance(cell.value, float):
                cell.number_format = "0.0"
            elif isinstance(cell.value, int):
                cell.number_format = "#,##0"
    for index, header in enumerate(headers, start=1):
        width = max(
            [len(str(header))]
            + [len(str(c.value)) for c in sheet[get_column_letter(index)][header_row:] if c.value is not None]
        )
        sheet.column_dimensions[get_column_letter(index)].width = min(60, max(10, width + 2))
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)


def _period_text(period_from: dt.date | None, period_to: dt.date | None) -> str:
    return _("دوره: از %(start)s تا %(end)s") % {
        "start": format_jalali(period_from) if period_from else "—",
        "end": format_jalali(period_to) if period_to else "—",
    }


def _save(book: Workbook) -> bytes:
    return xlsx.save(book)


def report_xlsx(
    rows: list[ReportRow],
    *,
    group_by: str,
    period_from: dt.date | None,
    period_to: dt.date | None,
    total: ReportRow | None = None,
    title: str = "",
) -> bytes:
    """One sheet: the report table with its total row."""
    book = Workbook()
    sheet = _new_sheet(book, _("گزارش مطالبات"), first=True)
    _write_table(
        sheet,
        heading=title
        or _("گزارش مطالبات مردمی به تفکیک %(group)s") % {"group": str(GROUP_HEADERS[group_by])},
        subheading=_period_text(period_from, period_to),
        headers=[str(GROUP_HEADERS[group_by]), *_report_headers()],
        rows=[_row_values(r) for r in rows],
        total=_row_values(total) if total is not None else None,
    )
    return _save(book)


def review_xlsx(review: OfficeReview) -> bytes:
    """The six-month review: by agency, by category, and the activities with their participants."""
    book = Workbook()
    name = review.office.organization.name
    period = _period_text(review.period_from, review.period_to)
    sheet = _new_sheet(book, _("به تفکیک دستگاه"), first=True)
    _write_table(
        sheet,
        heading=_("بازبینی عملکرد %(office)s") % {"office": name},
        subheading=period,
        headers=[_("دستگاه مسئول"), *_report_headers()],
        rows=[_row_values(r) for r in review.by_agency],
        total=_row_values(review.total),
    )
    sheet = _new_sheet(book, _("به تفکیک دسته"))
    _write_table(
        sheet,
        heading=_("مطالبات %(office)s به تفکیک دسته") % {"office": name},
        subheading=period,
        headers=[_("دسته مطالبه"), *_report_headers()],
        rows=[_row_values(r) for r in review.by_category],
    )
    sheet = _new_sheet(book, _("فعالیت‌های توانمندسازی"))
    _write_table(
        sheet,
        heading=_("فعالیت‌های مهارت‌آموزی و توانمندسازی %(office)s") % {"office": name},
        subheading=period,
        headers=[_("تاریخ"), _("نوع"), _("عنوان"), _("شرکت‌کنندگان"), _("شرکت‌کنندگان زن")],
        rows=[
            [
                format_jalali(a.held_on, persian=False),
                a.get_kind_display(),
                a.title,
                a.participants,
                a.women_participants,
            ]
            for a in review.activities
        ],
        total=[
            _("جمع"),
            None,
            None,
            review.activity_total.participants,
            review.activity_total.women_participants,
        ],
    )
    return _save(book)
