import datetime as dt

import pytest

from peygir.programs.periods import MONTH, SEASON, YEAR, Period, PeriodError, parse_period, period_of


def test_seasons_are_jalali_not_gregorian_quarters():
    spring = Period(SEASON, 1403, 1)
    assert spring.start == dt.date(2024, 3, 20)  # 1 Farvardin 1403
    assert spring.end == dt.date(2024, 6, 20)  # 31 Khordad 1403
    winter = Period(SEASON, 1403, 4)
    assert winter.end == dt.date(2025, 3, 20)  # 30 Esfand 1403 (a leap year)
    assert Period(SEASON, 1402, 4).end == dt.date(2024, 3, 19)  # 29 Esfand 1402
    assert Period(YEAR, 1403).contains(Period(MONTH, 1403, 12))
    assert Period(YEAR, 1403).children(SEASON) == [Period(SEASON, 1403, n) for n in range(1, 5)]
    assert len(Period(SEASON, 1403, 2).children(MONTH)) == 3


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("1402", Period(YEAR, 1402)),
        ("۱۴۰۲-S3", Period(SEASON, 1402, 3)),
        ("١٤٠٢-M07", Period(MONTH, 1402, 7)),
        ("1402/2", Period(SEASON, 1402, 2)),
    ],
)
def test_parse_keys_in_any_digits(text, period):
    assert parse_period(text, period.type if "/" in text else None) == period
    assert parse_period(period.key) == period


@pytest.mark.parametrize("text", ["", "1402-S5", "1402-M13", "abc", "1402/2"])
def test_bad_keys_are_refused_in_persian(text):
    with pytest.raises(PeriodError):
        parse_period(text)


def test_period_of_a_day_and_neighbours():
    day = dt.date(2024, 9, 22)  # 1 Mehr 1403
    assert period_of(day, SEASON) == Period(SEASON, 1403, 3)
    assert period_of(day, MONTH) == Period(MONTH, 1403, 7)
    assert Period(SEASON, 1403, 4).next() == Period(SEASON, 1404, 1)
    assert Period(MONTH, 1403, 1).previous() == Period(MONTH, 1402, 12)
    assert Period(SEASON, 1403, 1).label == "بهار ۱۴۰۳"
