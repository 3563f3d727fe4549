"""Deadlines as people write them in minutes: a date, a span or a year.

- a date: ``1402/07/30`` (any digits, also «تا ۱۴۰۲/۰۷/۳۰», «حداکثر تا تاریخ ۱۴۰۲/۰۷/۳۰») or ISO ``2023-10-22``;
- a span from the meeting: ``یک ماه``, ``۲ ماه``, ``سه هفته``, ``۱۰ روز``, ``15 روز کاری`` (Jalali months,
  clamped: 31 Shahrivar + one month = 30 Mehr);
- a year: ``1402`` or ``سال ۱۴۰۲`` = the last day of Esfand 1402 (leap years right);
- the words of real minutes, relative to the meeting (`phrases.py`): «تا پایان سال», «پایان مهرماه»,
  «پایان مهر ۱۴۰۳», «تا پایان سال ۱۴۰۳», «تا ۱۵ بهمن», «ظرف ۱۰ روز», «طی دو هفته», «حداکثر ظرف یک ماه»,
  «تا ۶ ماه آینده», «قبل از نوروز», «تا پایان آذرماه سال جاری», «یک ماهه».
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from peygir.core.jalali import JalaliDateError, add_months, last_day_of_year, parse_jalali_date
from peygir.core.text import normalize_text, to_latin_digits
from peygir.core.workdays import WorkingCalendar

from .phrases import match_phrase, strip_span_words

WORD_NUMBERS = {
    "یک": 1,
    "دو": 2,
    "سه": 3,
    "چهار": 4,
    "پنج": 5,
    "شش": 6,
    "هفت": 7,
    "هشت": 8,
    "نه": 9,
    "ده": 10,
    "یازده": 11,
    "دوازده": 12,
    "پانزده": 15,
    "بیست": 20,
    "سی": 30,
    "نیم": 0,
    # the English interface's help text says "one month"
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
}
UNITS = {
    "روز کاری": "workday",
    "روز": "day",
    "هفته": "week",
    "ماه": "month",
    # «یک ماهه», «۱۰ روزه»: a span said as an adjective, as minutes often do.
    "روزه": "day",
    "ماهه": "month",
    "سال": "year",
    "working day": "workday",
    "working days": "workday",
    "day": "day",
    "days": "day",
    "week": "week",
    "weeks": "week",
    "month": "month",
    "months": "month",
    "year": "year",
    "years": "year",
}
_YEAR = re.compile(r"^(?:سال\s*|year\s*)?(1[34]\d\d)$")
# Words that frame a written date in minutes («تا ۱۴۰۲/۰۷/۳۰», «حداکثر تا تاریخ ۱۴۰۲/۰۷/۳۰»).
_DATE_FRAME = re.compile(r"^(?:(?:حداکثر|حد\s*اکثر|تا|تاریخ|مورخ|مورخه)[\s\u200c]+)+")
_SPAN = re.compile(
    r"^(\d+|[^\d\s]+)\s*(روز کاری|روزه|روز|هفته|ماهه|ماه|سال|working days?|days?|weeks?|months?|years?)$"
)


@dataclass(frozen=True)
class Deadline:
    date: dt.date
    text: str


def parse_deadline(value: str, *, start: dt.date, calendar: WorkingCalendar | None = None) -> Deadline:
    """Turn what the minutes say into a date. Raises JalaliDateError with a Persian message."""
    raw = (value or "").strip()
    text = normalize_text(to_latin_digits(raw)).replace("مهلت", "").strip()
    if not text:
        raise JalaliDateError(_("مهلت اقدام را وارد کنید."))
    if "/" in raw or "-" in raw.strip("-") or re.match(r"^\d{4}\s+\d{1,2}\s+\d{1,2}$", text):
        return Deadline(parse_jalali_date(_DATE_FRAME.sub("", to_latin_digits(raw).strip())), raw)
    phrase = match_phrase(text, start)
    if phrase is not None:
        return Deadline(phrase, raw)
    text = strip_span_words(text)
    year = _YEAR.match(text)
    if year:
        return Deadline(last_day_of_year(int(year.group(1))), raw)
    span = _SPAN.match(text)
    if span:
        amount_text, unit_text = span.groups()
        amount = int(amount_text) if amount_text.isdigit() else WORD_NUMBERS.get(amount_text)
        unit = UNITS[unit_text]
        if amount is None:
            raise _not_understood(raw)  # «پایان هفته»: not a number of weeks
        if amount <= 0 or amount > 1000:
            raise JalaliDateError(_("مهلت باید عددی مثبت و معقول باشد."))
        if unit == "month":
            return Deadline(add_months(start, amount), raw)
        if unit == "year":
            return Deadline(add_months(start, 12 * amount), raw)
        if unit == "week":
            return Deadline(start + dt.timedelta(weeks=amount), raw)
        if unit == "workday":
            return Deadline((calendar or WorkingCalendar()).add_working_days(start, amount), raw)
        return Deadline(start + dt.timedelta(days=amount), raw)
    raise _not_understood(raw)


def _not_understood(raw: str) -> JalaliDateError:
    return JalaliDateError(
        _(
            "مهلت «%(value)s» قابل فهم نیست؛ تاریخ (۱۴۰۲/۰۷/۳۰)، مدت (یک ماه، ظرف ۱۰ روز)، سال (۱۴۰۲) "
            "یا پایان ماه و سال (پایان مهر، پایان سال، قبل از نوروز) بنویسید."
        )
        % {"value": raw[:50]}
    )
