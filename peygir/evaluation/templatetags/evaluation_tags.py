"""Template helpers of the evaluation pages: the address of the records behind a number, scores."""

from __future__ import annotations

from urllib.parse import urlencode

from django import template
from django.urls import reverse

from peygir.core.templatetags.peygir_tags import number_text
from peygir.evaluation.scorecard import Scorecard, Subject

register = template.Library()


def _params(card: Scorecard, **extra: object) -> str:
    params = {"year": card.period.year, "as_of": _jalali_latin(card), **extra}
    if card.period.part:  # a season's or a month's scorecard: its records, not the whole year's
        params["period"] = card.period.part
    if card.weights.id:
        params["weights"] = card.weights.id
    if card.subject.kind == "agency" and card.subject.path:
        params["within"] = _territory_of_path(card.subject.path)
    return urlencode(params)


def _jalali_latin(card: Scorecard) -> str:
    """The day asked (not clamped into the period): the indicator reports behind a number are read as
    of it, and the clamped day follows from it."""
    from peygir.core.jalali import format_jalali

    return format_jalali(card.period.reports_read_on, persian=False)


def _territory_of_path(path: str) -> str:
    return path.strip("/").split("/")[-1]


@register.simple_tag
def drill_url(card: Scorecard, key: str, part: str) -> str:
    """The paginated records behind a measure's numerator or denominator, for the same year, day and
    weights as the scorecard shown."""
    subject = card.subject
    name = "web:scorecard_drill_agency" if subject.kind == "agency" else "web:scorecard_drill_territory"
    return f"{reverse(name, args=[subject.pk, key])}?{_params(card, part=part)}"


@register.simple_tag
def card_url(card: Scorecard) -> str:
    """The scorecard page of a row (an agency within the territory listed, or a child territory)."""
    subject: Subject = card.subject
    name = "web:scorecard_agency" if subject.kind == "agency" else "web:scorecard_territory"
    return f"{reverse(name, args=[subject.pk])}?{_params(card)}"


@register.filter
def quality_measure(card: Scorecard, key: str) -> object:
    """A data-quality measure of the card by key (None if it has none)."""
    return next((m for m in card.quality if m.key == key), None)


@register.filter
def score(value: float | None) -> str:
    """۵۶٫۲ — one decimal; «—» when nothing was there to count."""
    if value is None:
        return "—"
    return number_text(f"{value:.1f}")


@register.filter
def score_class(value: float | None) -> str:
    if value is None:
        return "text-secondary"
    return "text-success" if value >= 75 else "text-warning-emphasis" if value >= 50 else "text-danger"
