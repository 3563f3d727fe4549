"""Presentation helpers of the office pages: the labels of a household's needs."""

from __future__ import annotations

from django import template

from peygir.facilitation.models import VulnerableHousehold

register = template.Library()
NEED_LABELS = dict(VulnerableHousehold.Need.choices)


@register.filter
def need_labels(needs: list[str] | None) -> str:
    return "، ".join(str(NEED_LABELS.get(n, n)) for n in needs or [])
