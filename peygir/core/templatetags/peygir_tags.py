"""Template filters for Jalali dates and Persian digits (loaded as builtins)."""

import datetime as dt

from django import template

from peygir.core.jalali import format_jalali, format_jalali_long
from peygir.core.text import to_persian_digits

register = template.Library()


@register.filter
def jdate(value: dt.date | dt.datetime | None) -> str:
    return format_jalali(value)


@register.filter
def jdatetime(value: dt.datetime | None) -> str:
    return format_jalali(value, with_time=True)


@register.filter
def jdate_long(value: dt.date | dt.datetime | None) -> str:
    return format_jalali_long(value)


@register.filter
def fa(value: object) -> str:
    """Persian digits: {{ count|fa }}."""
    if value is None:
        return ""
    return to_persian_digits(value)
