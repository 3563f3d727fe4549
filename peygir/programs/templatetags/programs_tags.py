"""Numbers of indicators on pages: Persian digits, grouped thousands, the Persian decimal sign."""

from __future__ import annotations

from decimal import Decimal

from django import template

from peygir.core.templatetags.peygir_tags import number_text

register = template.Library()


@register.filter
def num(value: Decimal | int | float | None, places: int = 2) -> str:
    """۱۲٬۳۴۵٫۶۷ — at most `places` decimals, no trailing zeros; «—» for nothing."""
    if value is None or value == "":
        return "—"
    number = Decimal(str(value)).quantize(Decimal(1).scaleb(-int(places)))
    text = f"{number:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return number_text(text)


@register.filter
def lookup(mapping: dict, key: object) -> object:
    return mapping.get(key) if mapping else None


def _closure_period(closure: object) -> object:
    from peygir.programs.periods import Period

    return Period(closure.period_type, closure.year, closure.number)  # type: ignore[attr-defined]


@register.filter
def closure_key(closure: object) -> str:
    """A closed period's key (1403-S1) for links."""
    return _closure_period(closure).key  # type: ignore[attr-defined]


@register.filter
def closure_label(closure: object) -> str:
    """A closed period in Persian (بهار ۱۴۰۳)."""
    return _closure_period(closure).label  # type: ignore[attr-defined]
