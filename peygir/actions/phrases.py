"""Deadline phrases of real minutes, relative to the meeting's day.

Minutes rarely say «۱۴۰۲/۰۷/۳۰»; they say «تا پایان سال», «پایان مهرماه», «ظرف ۱۰ روز», «تا ۶ ماه آینده»,
«قبل از نوروز» or «تا ۱۵ بهمن». `match_phrase` turns the phrases that name a point in the calendar into a date;
`strip_span_words` takes the framing words off a span («ظرف مدت ۱۰ روز» → «10 روز») so the span rules of
`deadlines.py` read it. Text arrives normalized (`normalize_text`: Latin digits, no zero-width joiners,
no diacritics — so «آینده» arrives as «اینده» and «آخر» as «اخر», and the patterns are written so).
"""

from __future__ import annotations

import datetime as dt
import re

import jdatetime

from peygir.core.jalali import MONTHS_FA, jalali_year, last_day_of_year, month_length
from peygir.core.text import normalize_text

# The names as text arrives: normalized, so «آذر» and «آبان» are «اذر» and «ابان» (written with «آ»
# here, no month with an «آ» was ever matched). «مرداد» is also written «امرداد»; «دی» alone is common.
_MONTHS = {normalize_text(name): index for index, name in enumerate(MONTHS_FA, start=1)}
_MONTHS["امرداد"] = 5
_END = r"(?:تا\s+)?(?:پایان|اخر|انتهای|انتها|اواخر|پایان\s+ماه)"
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_END_OF_YEAR = re.compile(rf"^{_END}\s+(?:سال|امسال)(?:\s+(?:جاری|جاری\s+شمسی|مالی))?(?:\s+(\d{{2,4}}))?$")
# The year after a month: a number («۱۴۰۳», «سال ۹۷») or the meeting's own year as minutes say it
# («سال جاری», «امسال»: «تا پایان آذرماه سال جاری»), which is that year even if the month has passed.
_YEAR_AFTER = r"(?:\s+(?:(?:سال\s+)?(\d{2,4})|(سال\s+جاری(?:\s+شمسی)?|امسال)))?"
_END_OF_MONTH = re.compile(rf"^(?:{_END}\s+)?(?:ماه\s+)?({_MONTH_NAMES})(?:\s*ماه)?{_YEAR_AFTER}$")
# A day of a named month: «۱۵ بهمن», «تا ۱۵ بهمن‌ماه ۱۴۰۲», «تا ۱۵ دی ماه سال جاری».
_DAY_OF_MONTH = re.compile(
    rf"^(?:تا\s+)?(?:تاریخ\s+)?(\d{{1,2}})\s+({_MONTH_NAMES})(?:\s*ماه)?{_YEAR_AFTER}$"
)
# «حداکثر تا پایان خرداد»: "at the latest" changes nothing.
_AT_THE_LATEST = re.compile(r"^(?:حداکثر|حد\s+اکثر)\s+")
_NOWRUZ = re.compile(r"^(?:تا\s+)?(?:قبل|پیش)?(?:\s*از)?\s*(?:نوروز|عید\s+نوروز|عید|سال\s+نو)(?:\s+\d{4})?$")
_PREFIX = re.compile(r"^(?:(?:حداکثر|حد\s+اکثر|تا|ظرف|طی|در|مدت|ظرف\s+مدت|طی\s+مدت|در\s+مدت)\s+)+")
_SUFFIX = re.compile(r"\s+(?:اینده|اتی|بعد|پس\s+از\s+جلسه|از\s+تاریخ\s+جلسه|از\s+جلسه|پیش\s+رو)$")


def _full_year(value: str, start: dt.date) -> int:
    """«97» → 1397, «03» → 1403: two-digit years of the current Jalali century."""
    year = int(value)
    if year >= 1000:
        return year
    current = jalali_year(start)
    full = current // 100 * 100 + year
    return full if full <= current + 10 else full - 100


def _year_after(number: str | None, current: str | None, start: dt.date) -> int | None:
    """The year a month is named with: a number, «سال جاری» (the meeting's year), or none."""
    if number:
        return _full_year(number, start)
    return jalali_year(start) if current else None


def _end_of_month(month: int, year: int | None, start: dt.date) -> dt.date:
    """The month's last day; without a year, the next end of that month on or after the meeting."""
    if year is None:
        year = jalali_year(start)
        end = jdatetime.date(year, month, month_length(year, month)).togregorian()
        if end < start:
            year += 1
        else:
            return end
    return jdatetime.date(year, month, month_length(year, month)).togregorian()


def _day_of_month(day: int, month: int, year: int | None, start: dt.date) -> dt.date | None:
    """That day of that month; without a year, its next occurrence on or after the meeting. None for
    a day the month does not have (the caller then gives its clear message)."""
    first = year if year is not None else jalali_year(start)
    for candidate in (first,) if year is not None else (first, first + 1):
        if not 1 <= day <= month_length(candidate, month):
            return None
        date = jdatetime.date(candidate, month, day).togregorian()
        if year is not None or date >= start:
            return date
    return None


def match_phrase(text: str, start: dt.date) -> dt.date | None:
    """A date for a phrase that names a point in the calendar, or None if it names none."""
    text = _AT_THE_LATEST.sub("", text)
    end_of_year = _END_OF_YEAR.match(text)
    if end_of_year:
        year = end_of_year.group(1)
        return last_day_of_year(_full_year(year, start) if year else jalali_year(start))
    day = _DAY_OF_MONTH.match(text)
    if day:
        year = _year_after(day.group(3), day.group(4), start)
        return _day_of_month(int(day.group(1)), _MONTHS[day.group(2)], year, start)
    month = _END_OF_MONTH.match(text)
    if month and (
        text.split()[0] in {"تا", "پایان", "اخر", "انتهای", "انتها", "اواخر"}
        or month.group(2)
        or month.group(3)
    ):
        year = _year_after(month.group(2), month.group(3), start)
        return _end_of_month(_MONTHS[month.group(1)], year, start)
    nowruz = _NOWRUZ.match(text)
    if nowruz and ("نوروز" in text or "عید" in text or "سال نو" in text):
        year_given = re.search(r"(\d{4})$", text)
        # «قبل از نوروز ۱۴۰۳» is the last day of 1402; without a year, the coming Nowruz.
        return last_day_of_year(int(year_given.group(1)) - 1 if year_given else jalali_year(start))
    return None


def strip_span_words(text: str) -> str:
    """«حداکثر ظرف مدت ۱۰ روز» → «10 روز»; «تا ۶ ماه آینده» → «6 ماه»."""
    stripped = _SUFFIX.sub("", _PREFIX.sub("", text)).strip()
    return stripped or text
