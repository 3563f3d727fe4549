"""Jalali dates: parsing what people type and rendering what they read.

Storage is Gregorian (timezone-aware for datetimes, Asia/Tehran); everything a person reads or types
is Jalali with Persian digits. jdatetime does the calendar arithmetic.
"""

import datetime as dt
import functools
import re

import jdatetime
from django.utils import timezone
from django.utils.translation import gettext as _

from .text import to_latin_digits, to_persian_digits

MONTHS_FA = [
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
]
_DATE = re.compile(r"^\s*(\d{4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*$")
_TIME = re.compile(r"^\s*(\d{1,2})\s*:\s*(\d{2})\s*$")


class JalaliDateError(ValueError):
    """A date a person typed that is malformed or does not exist; the message is for that person."""


def parse_jalali_date(value: str) -> dt.date:
    """Parse ``1402/07/30`` (any digits, / - or . separators) into a Gregorian date.

    Years below 1700 are Jalali; a four-digit year from 1900 on is taken as Gregorian ISO input,
    so an API client may send 2023-10-22 as well.
    """
    text = to_latin_digits(str(value or "")).strip()
    match = _DATE.match(text)
    if not match:
        raise JalaliDateError(_("تاریخ را به شکل ۱۴۰۲/۰۷/۳۰ وارد کنید."))
    year, month, day = (int(part) for part in match.groups())
    if year >= 1900:
        try:
            return dt.date(year, month, day)
        except ValueError as exc:
            raise JalaliDateError(_("این تاریخ در تقویم وجود ندارد.")) from exc
    if not 1300 <= year <= 1500:
        raise JalaliDateError(_("سال باید بین ۱۳۰۰ و ۱۵۰۰ باشد."))
    if not 1 <= month <= 12:
        raise JalaliDateError(_("ماه باید بین ۱ و ۱۲ باشد."))
    if not 1 <= day <= month_length(year, month):
        raise JalaliDateError(
            _("ماه %(month)s سال %(year)s، %(days)s روز دارد.")
            % {
                "month": MONTHS_FA[month - 1],
                "year": to_persian_digits(year),
                "days": to_persian_digits(month_length(year, month)),
            }
        )
    return jdatetime.date(year, month, day).togregorian()


def parse_time(value: str) -> dt.time:
    text = to_latin_digits(str(value or "")).strip()
    match = _TIME.match(text)
    if not match:
        raise JalaliDateError(_("ساعت را به شکل ۰۹:۳۰ وارد کنید."))
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise JalaliDateError(_("این ساعت وجود ندارد."))
    return dt.time(hour, minute)


def month_length(year: int, month: int) -> int:
    """Days in a Jalali month (Esfand has 30 days in leap years)."""
    if month <= 6:
        return 31
    if month <= 11:
        return 30
    return 30 if jdatetime.date(year, 1, 1).isleap() else 29


def last_day_of_year(year: int) -> dt.date:
    """The last day of Esfand of a Jalali year, as a Gregorian date."""
    return jdatetime.date(year, 12, month_length(year, 12)).togregorian()


def add_months(date: dt.date, months: int) -> dt.date:
    """Add Jalali months, clamping to the target month's length (31 Shahrivar + 1 month = 30 Mehr)."""
    j = jdatetime.date.fromgregorian(date=date)
    index = j.year * 12 + (j.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    day = min(j.day, month_length(year, month))
    return jdatetime.date(year, month, day).togregorian()


def to_jalali(value: dt.date | dt.datetime) -> jdatetime.date | jdatetime.datetime:
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return jdatetime.datetime.fromgregorian(datetime=value)
    return jdatetime.date.fromgregorian(date=value)


def format_jalali(
    value: dt.date | dt.datetime | None, *, with_time: bool = False, persian: bool = True
) -> str:
    """۱۴۰۲/۰۷/۳۰ (or ``1402/07/30`` with persian=False); empty for None."""
    if value is None:
        return ""
    if not isinstance(value, dt.datetime):
        return _format_day(value, persian)
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    if not with_time:
        return _format_day(value.date(), persian)
    j = jdatetime.datetime.fromgregorian(datetime=value)
    text = f"{j.year:04d}/{j.month:02d}/{j.day:02d} {j.hour:02d}:{j.minute:02d}"
    return to_persian_digits(text) if persian else text


@functools.lru_cache(maxsize=4096)
def _format_day(day: dt.date, persian: bool) -> str:
    # Lists and exports print the same few hundred days over and over; each jdatetime conversion
    # reads the process locale (a 20,000-row export spent seconds on it).
    j = jdatetime.date.fromgregorian(date=day)
    text = f"{j.year:04d}/{j.month:02d}/{j.day:02d}"
    return to_persian_digits(text) if persian else text


# The Jalali months as English text writes them (the English interface keeps the Jalali calendar).
MONTHS_EN = jdatetime.date.j_months_en


def format_jalali_long(value: dt.date | dt.datetime | None, *, persian: bool = True) -> str:
    """۳۰ مهر ۱۴۰۲ (or ``30 Mehr 1402`` with persian=False)"""
    if value is None:
        return ""
    j = to_jalali(value)
    if not persian:
        return f"{j.day} {MONTHS_EN[j.month - 1]} {j.year}"
    return to_persian_digits(f"{j.day} {MONTHS_FA[j.month - 1]} {j.year}")


def jalali_year(value: dt.date) -> int:
    return jdatetime.date.fromgregorian(date=value).year


def today() -> dt.date:
    return timezone.localdate()
