"""Presentation helpers of the office pages: money as people say it, need labels."""

from __future__ import annotations

from django import template

from peygir.core.money import format_toman
from peygir.core.text import to_persian_digits
from peygir.facilitation.models import VulnerableHousehold

register = template.Library()
NEED_LABELS = dict(VulnerableHousehold.Need.choices)


@register.filter
def toman(rials: int | None) -> str:
    """{{ office.budget_rials|toman }} → «۲۰۰ میلیون تومان»."""
    return format_toman(rials)


@register.filter
def need_labels(needs: list[str] | None) -> str:
    return "، ".join(str(NEED_LABELS.get(n, n)) for n in needs or [])


@register.filter
def decimal_fa(value: float | None) -> str:
    """۲٫۵ — one decimal, Persian digits and decimal sign; «—» for nothing."""
    if value is None:
        return "—"
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return to_persian_digits(text).replace(".", "٫")
