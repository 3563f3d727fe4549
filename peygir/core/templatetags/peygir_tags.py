"""Template filters for every page (loaded as builtins): Jalali dates, Persian digits, percentages,
money in tomans, file sizes, and a dictionary look-up.

Digits are Persian in the Persian interface and Latin in the English one, where a Persian zero (a
dot) would read as a bullet, not a number; dates stay Jalali in both."""

import datetime as dt

from django import template

from peygir.core.jalali import format_jalali, format_jalali_long
from peygir.core.money import format_toman
from peygir.core.text import persian_digits, to_latin_digits, to_persian_digits

register = template.Library()


def digits(value: object) -> str:
    return to_persian_digits(value) if persian_digits() else to_latin_digits(str(value))


def number_text(text: str) -> str:
    """A number written with "." and "," (12,345.6): in Persian, Persian digits with the Persian decimal
    and thousands signs (۱۲٬۳۴۵٫۶); in English, as written."""
    return to_persian_digits(text).replace(",", "٬").replace(".", "٫") if persian_digits() else text


@register.filter
def jdate(value: dt.date | dt.datetime | None) -> str:
    return format_jalali(value, persian=persian_digits())


@register.filter
def jdatetime(value: dt.datetime | None) -> str:
    return format_jalali(value, with_time=True, persian=persian_digits())


@register.filter
def jdate_long(value: dt.date | dt.datetime | None) -> str:
    return format_jalali_long(value, persian=persian_digits())


@register.filter
def iso_jdate(value: str | None) -> str:
    """An ISO date kept as text (an event's data), shown in Jalali."""
    if not value:
        return "—"
    try:
        return format_jalali(dt.date.fromisoformat(str(value)), persian=persian_digits())
    except ValueError:
        return str(value)


@register.filter
def fa(value: object) -> str:
    """Persian digits: {{ count|fa }}."""
    if value is None:
        return ""
    return digits(value)


@register.filter
def decimal_fa(value: float | None) -> str:
    """۲٫۵ — one decimal, Persian digits and decimal sign; «—» for nothing."""
    if value is None:
        return "—"
    return number_text(f"{value:.1f}".rstrip("0").rstrip("."))


@register.filter
def percent(value: int | None) -> str:
    if value is None:
        return "—"
    return to_persian_digits(f"{value}٪") if persian_digits() else f"{value}%"


@register.filter
def toman(rials: int | None) -> str:
    """{{ office.budget_rials|toman }} → «۲۰۰ میلیون تومان»."""
    return format_toman(rials)


@register.filter
def filesize(value: int | None) -> str:
    if not value:
        return ""
    if value < 1024 * 1024:
        return digits(f"{max(1, round(value / 1024))}") + " KB"
    return digits(f"{value / (1024 * 1024):.1f}") + " MB"


@register.filter
def get_item(mapping: dict, key: str):
    return mapping.get(key) if hasattr(mapping, "get") else None
