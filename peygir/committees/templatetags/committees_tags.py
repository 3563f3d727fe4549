"""Presentation helpers of committees: a meeting's status badge."""

from __future__ import annotations

from django import template

from peygir.committees.models import Meeting

register = template.Library()

MEETING_CLASSES = {
    Meeting.Status.PLANNED: "text-bg-secondary",
    Meeting.Status.HELD: "text-bg-primary",
    Meeting.Status.APPROVED: "text-bg-success",
}


@register.simple_tag
def meeting_badge_class(meeting: Meeting) -> str:
    return MEETING_CLASSES.get(meeting.status, "text-bg-light")
