"""Form fields that take Jalali dates and any digits."""

import datetime as dt

import jdatetime
import pytest
from django import forms

from peygir.core.web.fields import JalaliDateField, JalaliDateInput, PersianIntegerField, TimeTextField


class F(forms.Form):
    day = JalaliDateField()
    n = PersianIntegerField(min_value=0, max_value=100, required=False)
    at = TimeTextField(required=False)


@pytest.mark.parametrize("typed", ["۱۴۰۲/۰۷/۳۰", "١٤٠٢/٠٧/٣٠", "1402/07/30", "1402-7-30"])
def test_jalali_date_any_digits(typed):
    form = F({"day": typed, "n": "۴۲", "at": "۰۹:۳۰"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == jdatetime.date(1402, 7, 30).togregorian()
    assert form.cleaned_data["n"] == 42
    assert form.cleaned_data["at"] == dt.time(9, 30)


@pytest.mark.parametrize(
    "typed,fragment",
    [("1402/12/30", "۲۹ روز"), ("سی مهر", "به شکل"), ("1402/00/10", "ماه باید"), ("", "")],
)
def test_jalali_date_errors_are_persian(typed, fragment):
    form = F({"day": typed})
    assert not form.is_valid()
    assert fragment in form.errors["day"][0]


def test_integer_bounds_in_persian():
    form = F({"day": "1402/01/01", "n": "۱۰۱"})
    assert not form.is_valid()
    assert "۱۰۰" in form.errors["n"][0]


def test_widget_renders_gregorian_initial_as_jalali():
    html = JalaliDateInput().render("d", dt.date(2023, 10, 22))
    assert 'value="۱۴۰۲/۰۷/۳۰"' in html and "data-jdp" in html


def test_bad_time():
    form = F({"day": "1402/01/01", "at": "25:00"})
    assert not form.is_valid() and "ساعت" in form.errors["at"][0]
