"""Jalali reporting periods: a year, a season (three Jalali months) or a month, computed here.

A period is (type, Jalali year, number): number 0 for a year, 1–4 for a season (بهار … زمستان), 1–12
for a month. Its first and last days are Gregorian dates computed from the Jalali calendar
(jdatetime), so a season is never a Gregorian quarter under a Jalali label. The text key
(`1402`, `1402-S1`, `1402-M07`) is what the API, Excel files and URLs use; Persian or Arabic digits
are accepted.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

import jdatetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from peygir.core.jalali import MONTHS_FA, month_length
from peygir.core.text import to_persian_digits

YEAR, SEASON, MONTH = "year", "season", "month"
PERIOD_TYPES = (
    (MONTH, gettext_lazy("ماهانه")),
    (SEASON, gettext_lazy("فصلی")),
    (YEAR, gettext_lazy("سالانه")),
)
SEASONS_FA = ("بهار", "تابستان", "پاییز", "زمستان")
_LATIN = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_KEY = re.compile(r"^\s*(\d{4})(?:\s*[-/]\s*([SsMmفم])?\s*(\d{1,2}))?\s*$")
_SIZE = {YEAR: 12, SEASON: 3, MONTH: 1}


@functools.lru_cache(maxsize=8192)
def _bounds(year: int, first_month: int, last_month: int) -> tuple[dt.date, dt.date]:
    """A period's first and last Gregorian days, computed once: pages compare hundreds of thousands of
    values with a few periods, and each jdatetime conversion reads the process locale."""
    start = jdatetime.date(year, first_month, 1).togregorian()
    end = jdatetime.date(year, last_month, month_length(year, last_month)).togregorian()
    return start, end


class PeriodError(ValueError):
    """A period key that is not a Jalali year, season or month."""


@dataclass(frozen=True, order=True)
class Period:
    type: str
    year: int
    number: int = 0

    def __post_init__(self) -> None:
        limit = {YEAR: 0, SEASON: 4, MONTH: 12}.get(self.type)
        if limit is None:
            raise PeriodError(_("نوع دوره نامعتبر است."))
        low = 0 if self.type == YEAR else 1
        if not (low <= self.number <= limit) or not (1300 <= self.year <= 1500):
            raise PeriodError(_("این دوره وجود ندارد."))

    # ------------------------------------------------------------------ months and days
    @property
    def first_month(self) -> int:
        return {YEAR: 1, SEASON: (self.number - 1) * 3 + 1, MONTH: self.number}[self.type]

    @property
    def last_month(self) -> int:
        return self.first_month + _SIZE[self.type] - 1

    @property
    def start(self) -> dt.date:
        return _bounds(self.year, self.first_month, self.last_month)[0]

    @property
    def end(self) -> dt.date:
        return _bounds(self.year, self.first_month, self.last_month)[1]

    def contains(self, other: Period) -> bool:
        """Is `other` (of this type or finer) inside this period?"""
        return self.start <= other.start and other.end <= self.end

    def children(self, period_type: str) -> list[Period]:
        """The periods of `period_type` (this type or finer) that make up this one."""
        if period_type == self.type:
            return [self]
        if period_type == MONTH:
            return [Period(MONTH, self.year, m) for m in range(self.first_month, self.last_month + 1)]
        if period_type == SEASON and self.type == YEAR:
            return [Period(SEASON, self.year, s) for s in range(1, 5)]
        raise PeriodError(_("دوره‌ای درشت‌تر از دورهٔ شاخص خواسته شده است."))

    def next(self) -> Period:
        if self.type == YEAR:
            return Period(YEAR, self.year + 1)
        limit = 4 if self.type == SEASON else 12
        if self.number == limit:
            return Period(self.type, self.year + 1, 1)
        return Period(self.type, self.year, self.number + 1)

    def previous(self) -> Period:
        if self.type == YEAR:
            return Period(YEAR, self.year - 1)
        if self.number == 1:
            return Period(self.type, self.year - 1, 4 if self.type == SEASON else 12)
        return Period(self.type, self.year, self.number - 1)

    # ------------------------------------------------------------------ text
    @property
    def key(self) -> str:
        if self.type == YEAR:
            return str(self.year)
        if self.type == SEASON:
            return f"{self.year}-S{self.number}"
        return f"{self.year}-M{self.number:02d}"

    @property
    def label(self) -> str:
        if self.type == YEAR:
            text = _("سال %(year)s") % {"year": self.year}
        elif self.type == SEASON:
            text = f"{SEASONS_FA[self.number - 1]} {self.year}"
        else:
            text = f"{MONTHS_FA[self.number - 1]} {self.year}"
        return to_persian_digits(text)

    def __str__(self) -> str:
        return self.key


def parse_period(value: str, period_type: str | None = None) -> Period:
    """`1402`, `1402-S1`, `1402-M07` (any digits); with a bare `1402/3` the type must be given."""
    text = (value or "").translate(_LATIN)
    match = _KEY.match(text)
    if not match:
        raise PeriodError(
            _("دورهٔ «%(value)s» شناخته نشد (نمونه: ۱۴۰۲، ۱۴۰۲-S1، ۱۴۰۲-M07).") % {"value": value}
        )
    year, letter, number = int(match.group(1)), (match.group(2) or "").upper(), match.group(3)
    if number is None:
        kind = YEAR
    elif letter in ("S", "ف"):
        kind = SEASON
    elif letter in ("M", "م"):
        kind = MONTH
    elif period_type in (SEASON, MONTH):
        kind = period_type
    else:
        raise PeriodError(_("نوع دورهٔ «%(value)s» معلوم نیست.") % {"value": value})
    if period_type and kind != period_type:
        raise PeriodError(_("دورهٔ «%(value)s» از نوع دورهٔ این شاخص نیست.") % {"value": value})
    return Period(kind, year, int(number or 0))


def period_of(day: dt.date, period_type: str) -> Period:
    """The period of `period_type` that contains the Gregorian `day`."""
    j = jdatetime.date.fromgregorian(date=day)
    if period_type == YEAR:
        return Period(YEAR, j.year)
    if period_type == SEASON:
        return Period(SEASON, j.year, (j.month - 1) // 3 + 1)
    return Period(MONTH, j.year, j.month)
