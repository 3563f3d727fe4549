"""Jalali periods of plans: a month (۱۴۰۵/۰۹) or a quarter (three Jalali months)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import jdatetime
from django.utils.translation import gettext as _

from peygir.core.errors import ValidationError
from peygir.core.jalali import MONTHS_FA, month_length
from peygir.core.text import to_latin_digits, to_persian_digits

MONTH = "month"
QUARTER = "quarter"
_PERIOD = re.compile(r"^\s*(\d{4})\s*[/\-.]\s*(\d{1,2})\s*$")


@dataclass(frozen=True)
class Period:
    kind: str
    year: int
    index: int  # the month (1–12) or the quarter (1–4)
    start: dt.date
    end: dt.date

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{'M' if self.kind == MONTH else 'Q'}{self.index:02d}"

    @property
    def label(self) -> str:
        if self.kind == MONTH:
            return f"{MONTHS_FA[self.index - 1]} {to_persian_digits(self.year)}"
        return _("فصل %(q)s سال %(y)s") % {
            "q": to_persian_digits(self.index),
            "y": to_persian_digits(self.year),
        }

    def days(self) -> list[dt.date]:
        return [self.start + dt.timedelta(days=i) for i in range((self.end - self.start).days + 1)]

    def next(self) -> Period:
        return period_containing(self.end + dt.timedelta(days=1), self.kind)


def make_period(kind: str, year: int, index: int) -> Period:
    if kind == MONTH:
        first, last = index, index
    else:
        first, last = 3 * (index - 1) + 1, 3 * index
    start = jdatetime.date(year, first, 1).togregorian()
    end = jdatetime.date(year, last, month_length(year, last)).togregorian()
    return Period(kind=kind, year=year, index=index, start=start, end=end)


def period_containing(day: dt.date, kind: str) -> Period:
    j = jdatetime.date.fromgregorian(date=day)
    index = j.month if kind == MONTH else (j.month - 1) // 3 + 1
    return make_period(kind, j.year, index)


def parse_period(value: str, kind: str) -> Period:
    """«1405/09» (any digits) → the month, or the quarter that contains that month."""
    match = _PERIOD.match(to_latin_digits(str(value or "")))
    if not match:
        raise ValidationError({"period": _("دوره را به شکل ۱۴۰۵/۰۹ (سال/ماه) وارد کنید.")})
    year, month = int(match.group(1)), int(match.group(2))
    if not 1300 <= year <= 1500 or not 1 <= month <= 12:
        raise ValidationError({"period": _("چنین ماهی در تقویم نیست.")})
    index = month if kind == MONTH else (month - 1) // 3 + 1
    return make_period(kind, year, index)
