"""Presentation helpers of actions: the status and state badges, a status code's label."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from peygir.actions.models import Action, EscalationStep
from peygir.actions.selectors import ESCALATED_LEVEL

register = template.Library()

STATUS_CLASSES = {
    Action.Status.OPEN: "text-bg-secondary",
    Action.Status.IN_PROGRESS: "text-bg-primary",
    Action.Status.REPORTED_DONE: "text-bg-info",
    Action.Status.VERIFIED: "text-bg-success",
    Action.Status.CANCELLED: "text-bg-light border",
}


@register.inclusion_tag("web/actions/_status_badge.html")
def status_badge(action: Action) -> dict:
    return {"css": STATUS_CLASSES.get(action.status, "text-bg-light"), "label": action.get_status_display()}


@register.inclusion_tag("web/actions/_state_badge.html")
def state_badge(state: str) -> dict:
    labels = {"overdue": _("معوق"), "due_soon": _("نزدیک به مهلت")}
    css = {"overdue": "text-bg-danger", "due_soon": "text-bg-warning"}
    return {"label": labels.get(state, ""), "css": css.get(state, "")}


@register.filter
def status_label(value: str) -> str:
    """The Persian label of an action status code (for history rows)."""
    try:
        return str(Action.Status(value).label)
    except ValueError:
        return value or ""


@register.inclusion_tag("web/actions/_escalated_badge.html")
def escalated_badge(action: Action) -> dict:
    """The "escalated" mark of a row: read from the action's own rung column, no query."""
    level = action.escalation_level
    if level < ESCALATED_LEVEL:
        return {"label": ""}
    # Its own words: «ارجاع‌شده» is also the demand reports' "routed (to an agency)".
    return {"label": _("ارجاع به سطح بالاتر"), "title": str(EscalationStep.Step(level).label)}


@register.filter
def rung_label(step: object) -> str:
    """The Persian name of an escalation rung (1–4), for history rows."""
    try:
        return str(EscalationStep.Step(int(step)).label)
    except (TypeError, ValueError):
        return ""
