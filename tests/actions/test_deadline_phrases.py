"""Deadlines in the words of real minutes, relative to the meeting's day (issue 9, section 5)."""

import jdatetime
import pytest

from peygir.actions.deadlines import parse_deadline
from peygir.core.jalali import JalaliDateError


def j(y: int, m: int, d: int):
    return jdatetime.date(y, m, d).togregorian()


MEETING = j(1402, 6, 30)  # 30 Shahrivar 1402

CASES = [
    # the end of the year
    ("تا پایان سال", j(1402, 12, 29)),
    ("پایان سال جاری", j(1402, 12, 29)),
    ("آخر سال", j(1402, 12, 29)),
    # the end of a named month, with or without its year
    ("پایان مهرماه", j(1402, 7, 30)),
    ("تا پایان مهر ماه", j(1402, 7, 30)),
    ("پایان شهریور", j(1402, 6, 31)),  # the meeting's own month still ends on or after the meeting
    ("پایان اردیبهشت", j(1403, 2, 31)),  # already past this year: next year's
    ("پایان مهر ۱۴۰۳", j(1403, 7, 30)),
    ("پایان فروردین‌ماه 97", j(1397, 1, 31)),
    ("اسفند ۱۴۰۳", j(1403, 12, 30)),  # a leap year's Esfand
    # the months written with «آ» (normalized to «ا» before matching)
    ("پایان آذر", j(1402, 9, 30)),
    ("تا پایان آبان‌ماه", j(1402, 8, 30)),
    ("پایان آذر ۱۴۰۳", j(1403, 9, 30)),
    ("حداکثر تا پایان مهر", j(1402, 7, 30)),
    # «سال جاری» after a month: the meeting's year, as real minutes write it
    ("تا پایان آذرماه سال جاری", j(1402, 9, 30)),
    ("تا پایان آذر ماه سال جاری", j(1402, 9, 30)),
    ("پایان اسفند امسال", j(1402, 12, 29)),
    ("تا ۱۵ دی ماه سال جاری", j(1402, 10, 15)),
    # the end of a named year
    ("تا پایان سال ۱۴۰۳", j(1403, 12, 30)),
    ("پایان سال 1402", j(1402, 12, 29)),
    # a day of a named month, with or without its year
    ("تا ۱۵ بهمن", j(1402, 11, 15)),
    ("۱۰ شهریور", j(1403, 6, 10)),  # already past this year: next year's
    ("۱۵ آذر ۱۴۰۳", j(1403, 9, 15)),
    # a written date framed by words
    ("تا ۱۴۰۲/۰۸/۱۵", j(1402, 8, 15)),
    ("حداکثر تا تاریخ ۱۴۰۲/۰۸/۱۵", j(1402, 8, 15)),
    # within N days / weeks / months
    ("ظرف ۱۰ روز", j(1402, 7, 9)),
    ("طی دو هفته", j(1402, 7, 13)),
    ("حداکثر ظرف مدت یک ماه", j(1402, 7, 30)),
    ("یک ماهه", j(1402, 7, 30)),  # the span as an adjective
    ("ظرف سه ماهه", j(1402, 9, 30)),
    ("۱۰ روزه", j(1402, 7, 9)),
    # the coming N months
    ("تا ۶ ماه آینده", j(1402, 12, 29)),
    ("سه ماه آینده", j(1402, 9, 30)),
    # before Nowruz
    ("قبل از نوروز", j(1402, 12, 29)),
    ("پیش از عید نوروز", j(1402, 12, 29)),
    ("قبل از نوروز ۱۴۰۴", j(1403, 12, 30)),
    # what was understood before still is
    ("۱۴۰۲/۰۸/۱۵", j(1402, 8, 15)),
    ("یک ماه", j(1402, 7, 30)),
    ("سال ۱۴۰۲", j(1402, 12, 29)),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_phrases_of_real_minutes(text, expected):
    deadline = parse_deadline(text, start=MEETING)
    assert deadline.date == expected
    assert deadline.text == text  # what the minutes said is kept as written


@pytest.mark.django_db
def test_within_working_days_uses_the_calendar():
    plain = parse_deadline("10 روز کاری", start=MEETING).date
    assert parse_deadline("ظرف مدت ۱۰ روز کاری", start=MEETING).date == plain


@pytest.mark.parametrize(
    "text",
    ["هر وقت شد", "مهر", "پایان", "ظرف", "قبل از", "پایان ماه سیزدهم", "تا پایان هفته آینده", "۳۱ اسفند"],
)
def test_anything_else_gets_the_clear_message(text):
    with pytest.raises(JalaliDateError) as exc:
        parse_deadline(text, start=MEETING)
    assert "قابل فهم نیست" in str(exc.value)
