"""Excel of the scorecards: right-to-left sheets, Persian headers, numbers as numbers, and beside every
score its numerator, denominator and weight, so the workbook can be checked by hand like the page."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from peygir.core import xlsx
from peygir.core.jalali import format_jalali

from .measures import MEASURES, PERFORMANCE_KEYS, QUALITY_KEYS
from .scorecard import Scorecard
from .weights import Weights

FONT_NAME = "Tahoma"
HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")
THIN = Side(style="thin", color="B0B7C3")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def new_sheet(book: Workbook, title: str, *, first: bool = False) -> Worksheet:
    sheet = book.active if first else book.create_sheet()
    sheet.title = "".join(" " if ch in "\\/?*[]:" else ch for ch in title)[:31]
    sheet.sheet_view.rightToLeft = True
    return sheet


def write_table(
    sheet: Worksheet, *, heading: str, subheading: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    bold, plain = Font(name=FONT_NAME, bold=True), Font(name=FONT_NAME)
    xlsx.append(sheet, [heading])
    sheet.cell(row=sheet.max_row, column=1).font = Font(name=FONT_NAME, bold=True, size=13)
    xlsx.append(sheet, [subheading])
    sheet.append([])  # a blank line
    xlsx.append(sheet, list(headers))
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font, cell.fill, cell.border = bold, HEADER_FILL, BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for values in rows:
        xlsx.append(sheet, list(values))
        for cell in sheet[sheet.max_row]:
            cell.font, cell.border = plain, BORDER
            if isinstance(cell.value, float):
                cell.number_format = "0.0"
    for index, header in enumerate(headers, start=1):
        column = get_column_letter(index)
        width = max(
            [len(str(header))]
            + [len(str(c.value)) for c in sheet[column][header_row:] if c.value is not None]
        )
        sheet.column_dimensions[column].width = min(60, max(10, width + 2))
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)


def save(book: Workbook) -> bytes:
    """The workbook's bytes, through the shared helper (no cell is read as a formula)."""
    return xlsx.save(book)


def period_text(card: Scorecard) -> str:
    p = card.period
    return _("%(period)s، تا تاریخ %(day)s — %(weights)s") % {
        "period": p.label,
        "day": format_jalali(p.as_of, persian=False),
        "weights": weights_text(card.weights),
    }


def weights_text(weights: Weights) -> str:
    if weights.is_default:
        return _("وزن‌های پیش‌فرض")
    return _("وزن‌های %(owner)s، نسخه %(v)s") % {"owner": weights.territory_name, "v": weights.version}


def ranking_headers(subject_header: str) -> list[str]:
    headers = [_("رتبه"), subject_header, _("امتیاز عملکرد"), _("امتیاز کیفیت داده")]
    for key in PERFORMANCE_KEYS + QUALITY_KEYS:
        label = str(MEASURES[key].label)
        headers += [label, _("%(m)s — صورت") % {"m": label}, _("%(m)s — مخرج") % {"m": label}]
    return headers


def ranking_row(card: Scorecard) -> list[Any]:
    row: list[Any] = [card.rank, card.subject.name, card.score, card.quality_score]
    for key in PERFORMANCE_KEYS + QUALITY_KEYS:
        m = card.measure(key)
        row += [m.score, m.numerator, m.denominator]
    return row


def measures_rows(card: Scorecard) -> list[list[Any]]:
    rows = []
    for m in [*card.measures, *card.quality]:
        weight = m.weight if not MEASURES[m.key].quality else _("کیفیت داده")
        rows.append([str(m.label), m.score, m.numerator, m.denominator, weight, str(m.basis)])
    rows.append([_("امتیاز عملکرد (میانگین وزنی)"), card.score, None, None, None, ""])
    rows.append([_("امتیاز کیفیت داده (میانگین)"), card.quality_score, None, None, None, ""])
    return rows


def measure_headers() -> list[str]:
    return [_("سنجه"), _("امتیاز"), _("صورت"), _("مخرج"), _("وزن"), _("مبنای محاسبه")]


def scorecard_xlsx(view: Any) -> bytes:
    """A territory's scorecard: its measures, its organizations ranked, its child territories ranked."""
    book = Workbook()
    card = view.card
    sheet = new_sheet(book, _("کارنامه"), first=True)
    write_table(
        sheet,
        heading=_("کارنامه %(name)s") % {"name": card.subject.name},
        subheading=period_text(card),
        headers=measure_headers(),
        rows=measures_rows(card),
    )
    if view.agencies:
        write_table(
            new_sheet(book, _("دستگاه‌ها")),
            heading=_("رتبه‌بندی دستگاه‌ها — %(name)s") % {"name": card.subject.name},
            subheading=period_text(card),
            headers=ranking_headers(_("دستگاه")),
            rows=[ranking_row(c) for c in view.agencies],
        )
    if view.children:
        write_table(
            new_sheet(book, _("قلمروها")),
            heading=_("مقایسه قلمروها — %(name)s") % {"name": card.subject.name},
            subheading=period_text(card),
            headers=ranking_headers(_("قلمرو")),
            rows=[ranking_row(c) for c in view.children],
        )
    return save(book)


def ranking_xlsx(cards: list[Scorecard], *, title: str, subject_header: str, subheading: str) -> bytes:
    book = Workbook()
    write_table(
        new_sheet(book, title, first=True),
        heading=title,
        subheading=subheading,
        headers=ranking_headers(subject_header),
        rows=[ranking_row(c) for c in cards],
    )
    return save(book)
