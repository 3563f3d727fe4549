"""The working calendar: weekend, Iran's official holidays and the office's corrections.

Due-soon, overdue and service levels count working days with it.
"""

import datetime as dt
from functools import lru_cache

import holidays
from django.conf import settings

from .models import CalendarOverride


@lru_cache(maxsize=64)
def _official_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("IR", years=year).keys())


class WorkingCalendar:
    """A snapshot of the calendar: build one per request or scan, then ask it many questions."""

    def __init__(self, overrides: dict[dt.date, bool] | None = None, weekend: list[int] | None = None):
        if overrides is None:
            overrides = dict(CalendarOverride.objects.values_list("date", "is_holiday"))
        self.overrides = overrides
        self.weekend = frozenset(settings.PEYGIR_WEEKEND if weekend is None else weekend)

    def is_holiday(self, day: dt.date) -> bool:
        if day in self.overrides:
            return self.overrides[day]
        return day.weekday() in self.weekend or day in _official_holidays(day.year)

    def is_working_day(self, day: dt.date) -> bool:
        return not self.is_holiday(day)

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        """The date `days` working days after `start` (start itself not counted)."""
        step = 1 if days >= 0 else -1
        remaining = abs(days)
        current = start
        while remaining:
            current += dt.timedelta(days=step)
            if self.is_working_day(current):
                remaining -= 1
        return current

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` up to and including `end` (negative when end < start)."""
        if end == start:
            return 0
        sign = 1 if end > start else -1
        lo, hi = (start, end) if sign == 1 else (end, start)
        count = 0
        current = lo
        while current < hi:
            current += dt.timedelta(days=1)
            if self.is_working_day(current):
                count += 1
        return sign * count
