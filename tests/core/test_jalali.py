import datetime as dt

import jdatetime
import pytest

from peygir.actions.deadlines import parse_deadline
from peygir.core.jalali import JalaliDateError, add_months, format_jalali, last_day_of_year, parse_jalali_date


def j(y: int, m: int, d: int) -> dt.date:
    return jdatetime.date(y, m, d).togregorian()


@pytest.mark.parametrize(
    "typed", ["1402/07/30", "۱۴۰۲/۰۷/۳۰", "١٤٠٢/٠٧/٣٠", "1402-7-30", " ۱۴۰۲/7/۳۰ ", "2023-10-22"]
)
def test_parse_accepts_every_digit_form(typed):
    assert parse_jalali_date(typed) == j(1402, 7, 30)


@pytest.mark.parametrize(
    "typed", ["1402/12/30", "1402/13/01", "1402/00/10", "1402/07/32", "فردا", "", "14/02/1402"]
)
def test_parse_refuses_impossible_dates_with_persian_message(typed):
    with pytest.raises(JalaliDateError) as err:
        parse_jalali_date(typed)
    assert any("\u0600" <= ch <= "\u06ff" for ch in str(err.value))


def test_leap_esfand():
    assert parse_jalali_date("1403/12/30") == j(1403, 12, 30)
    assert last_day_of_year(1402) == j(1402, 12, 29)
    assert last_day_of_year(1403) == j(1403, 12, 30)


def test_month_span_clamps_to_target_month():
    assert add_months(j(1402, 6, 31), 1) == j(1402, 7, 30)
    assert add_months(j(1403, 11, 30), 1) == j(1403, 12, 30)
    assert add_months(j(1402, 11, 30), 1) == j(1402, 12, 29)
    assert add_months(j(1402, 12, 29), 1) == j(1403, 1, 29)


def test_deadline_forms_of_the_minutes():
    start = j(1402, 6, 31)
    assert parse_deadline("یک ماه", start=start).date == j(1402, 7, 30)
    assert parse_deadline("1402", start=start).date == j(1402, 12, 29)
    assert parse_deadline("سال ۱۴۰۲", start=start).date == j(1402, 12, 29)
    assert parse_deadline("۱۴۰۲/۰۸/۱۵", start=start).date == j(1402, 8, 15)
    assert parse_deadline("سه هفته", start=start).date == start + dt.timedelta(weeks=3)
    assert parse_deadline("one month", start=start).date == j(1402, 7, 30)
    assert parse_deadline("3 weeks", start=start).date == start + dt.timedelta(weeks=3)
    assert parse_deadline("year 1402", start=start).date == j(1402, 12, 29)
    with pytest.raises(JalaliDateError):
        parse_deadline("هر وقت شد", start=start)


def test_format_in_persian_digits():
    assert format_jalali(j(1402, 7, 30)) == "۱۴۰۲/۰۷/۳۰"
