"""A program duty as a source of actions: one action per occurrence of the duty.

A one-off duty has one occurrence; a recurring duty (Jalali month, season or year) gets the next one
from the escalation scan (`on_scan`), exactly once per period: the occurrence row is unique per
(duty, period) in the database, so a second scan — or a concurrent one — is refused by the index and
creates nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy

from peygir.actions.models import Action
from peygir.actions.sources import ActionSource
from peygir.organizations.models import Organization

from . import access
from .models import Duty


class DutySource(ActionSource):
    label = gettext_lazy("وظیفهٔ برنامه")
    list_related = ("duty__program",)

    def can_issue(self, user: Any, source: Duty | None, issuer: Organization) -> bool:
        """Whoever manages the duty's program issues its actions."""
        return source is not None and access.can_manage_program(user, source.program)

    def url(self, action: Action) -> str:
        return reverse("web:program_detail", args=[action.duty.program_id])

    def describe(self, action: Action) -> str:
        return f"{self.label}: {action.duty.program.title}"

    def on_scan(self, today: dt.date) -> int:
        from .duties import create_due_occurrences

        return create_due_occurrences(today)
