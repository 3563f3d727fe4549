"""Values from an Excel file (or any list of rows with a period each): all rows or none.

The file's first sheet, a header row, then one value per row:
    کد قلمرو | قلمرو | دوره | تفکیک | مقدار | صورت | مخرج | توضیح
The territory is found by its code, else by its Persian name; the period is a key such as ۱۴۰۳-S1
(`periods.parse_period`). Every bad row is reported with its row number as the spreadsheet shows it;
nothing is written unless every row is good.
"""

from __future__ import annotations

import io
from collections import defaultdict
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook

from peygir.core import xlsx
from peygir.core.errors import ValidationError
from peygir.core.files import validate_upload
from peygir.organizations.models import Organization
from peygir.territory.models import Territory

from .models import Indicator
from .periods import Period, PeriodError, parse_period
from .values import BulkError, EntryResult, Row, values_enter

HEADERS = ["کد قلمرو", "قلمرو", "دوره", "تفکیک", "مقدار", "صورت", "مخرج", "توضیح"]
MAX_ROWS = 20_000


@transaction.atomic
def values_enter_many(
    *,
    user: Any,
    indicator: Indicator,
    rows: list[tuple[str, Row]],
    organization: Organization | None = None,
) -> EntryResult:
    """Rows that each name their period: grouped by period, checked and written in one transaction;
    a bad row anywhere (its period included) writes nothing (`BulkError` for all of them)."""
    version = indicator.current_version
    if version is None:
        raise ValidationError(_("این شاخص هنوز تعریف نشده است."))
    errors: dict[int, list[str]] = {}
    by_period: dict[Period, list[Row]] = defaultdict(list)
    for key, row in rows:
        try:
            by_period[parse_period(str(key or ""), version.period_type)].append(row)
        except PeriodError as exc:
            errors[row.line] = [str(exc)]
    total = EntryResult()
    for period, period_rows in sorted(by_period.items()):
        try:
            result = values_enter(
                user=user, indicator=indicator, period=period, rows=period_rows, organization=organization
            )
        except BulkError as exc:
            for line, messages in exc.rows.items():
                errors.setdefault(line, []).extend(messages)
            continue
        except ValidationError as exc:
            for row in period_rows:
                errors.setdefault(row.line, []).extend(exc.messages)
            continue
        total.created += result.created
        total.changed += result.changed
        total.unchanged += result.unchanged
        total.flagged.update(result.flagged)
        total.values.extend(result.values)
    if errors:
        raise BulkError(dict(sorted(errors.items())))
    if not rows:
        raise ValidationError(_("پرونده ردیفی ندارد."))
    return total


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_rows(upload: Any) -> list[tuple[str, Row]]:
    """The rows of an uploaded .xlsx, or ValidationError in Persian (not a spreadsheet, too long…)."""
    checked = validate_upload(upload)
    if not checked.name.lower().endswith(".xlsx"):
        raise ValidationError({"file": _("پروندهٔ اکسل (xlsx) بفرستید.")})
    try:
        book = load_workbook(io.BytesIO(upload.read()), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any unreadable file gets the same answer
        raise ValidationError({"file": _("پرونده خوانده نشد؛ آیا اکسل سالم است؟")}) from exc
    sheet = book.worksheets[0]
    rows: list[tuple[str, Row]] = []
    for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
        if number == 1:
            continue
        cells = [_cell(c) for c in (list(cells) + [None] * 8)[:8]]
        if not any(cells):
            continue
        if len(rows) >= MAX_ROWS:
            raise ValidationError({"file": _("پرونده بیش از ۲۰٬۰۰۰ ردیف دارد؛ آن را چند بخش کنید.")})
        code, name, period, category, value, numerator, denominator, comment = cells
        rows.append(
            (
                period,
                Row(
                    territory=code or name,
                    value=value,
                    numerator=numerator,
                    denominator=denominator,
                    disaggregation=category,
                    comment=comment,
                    line=number,
                ),
            )
        )
    book.close()
    return rows


def values_import(*, user: Any, indicator: Indicator, upload: Any) -> EntryResult:
    return values_enter_many(user=user, indicator=indicator, rows=read_rows(upload))


def template_workbook(indicator: Indicator, territories: list[Territory], period: Period | None) -> bytes:
    """An empty file to fill: the header and one row per territory the user enters for."""
    book = Workbook()
    sheet = book.active
    sheet.title = "values"
    sheet.sheet_view.rightToLeft = True
    xlsx.append(sheet, HEADERS)
    for territory in territories:
        xlsx.append(
            sheet, [territory.code, territory.name_fa, period.key if period else "", "", None, None, None, ""]
        )
    for column, width in zip("ABCDEFGH", (14, 24, 12, 14, 12, 12, 12, 30), strict=True):
        sheet.column_dimensions[column].width = width
    return xlsx.save(book)
