"""Small presentation helpers for the pages: badges and percentages."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils.translation import gettext as _

from peygir.actions.models import Action
from peygir.committees.models import Meeting
from peygir.core.jalali import format_jalali
from peygir.core.text import to_persian_digits

register = template.Library()

STATUS_CLASSES = {
    Action.Status.OPEN: "text-bg-secondary",
    Action.Status.IN_PROGRESS: "text-bg-primary",
    Action.Status.REPORTED_DONE: "text-bg-info",
    Action.Status.VERIFIED: "text-bg-success",
    Action.Status.CANCELLED: "text-bg-light border",
}
MEETING_CLASSES = {
    Meeting.Status.PLANNED: "text-bg-secondary",
    Meeting.Status.HELD: "text-bg-primary",
    Meeting.Status.APPROVED: "text-bg-success",
}


@register.inclusion_tag("web/includes/status_badge.html")
def status_badge(action: Action) -> dict:
    return {"css": STATUS_CLASSES.get(action.status, "text-bg-light"), "label": action.get_status_display()}


@register.inclusion_tag("web/includes/state_badge.html")
def state_badge(state: str) -> dict:
    labels = {"overdue": _("معوق"), "due_soon": _("نزدیک به مهلت")}
    css = {"overdue": "text-bg-danger", "due_soon": "text-bg-warning"}
    return {"label": labels.get(state, ""), "css": css.get(state, "")}


@register.simple_tag
def meeting_badge_class(meeting: Meeting) -> str:
    return MEETING_CLASSES.get(meeting.status, "text-bg-light")


@register.filter
def percent(value: int | None) -> str:
    if value is None:
        return "—"
    return to_persian_digits(f"{value}٪")


@register.filter
def status_label(value: str) -> str:
    """The Persian label of an action status code (for history rows)."""
    try:
        return str(Action.Status(value).label)
    except ValueError:
        return value or ""


@register.filter
def iso_jdate(value: str | None) -> str:
    """An ISO date kept in an event's data, shown in Jalali."""
    if not value:
        return "—"
    try:
        return format_jalali(dt.date.fromisoformat(str(value)))
    except ValueError:
        return str(value)


@register.filter
def filesize(value: int | None) -> str:
    if not value:
        return ""
    if value < 1024 * 1024:
        return to_persian_digits(f"{max(1, round(value / 1024))}") + " KB"
    return to_persian_digits(f"{value / (1024 * 1024):.1f}") + " MB"


@register.filter
def get_item(mapping: dict, key: str):
    return mapping.get(key) if hasattr(mapping, "get") else None
