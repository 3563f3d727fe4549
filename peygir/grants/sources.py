"""A project milestone as a source of actions: the NGO is responsible, the county governorate (ناظر)
verifies, the provincial office (ناظر عالی) is the supervising level and may overrule."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from peygir.actions.models import Action
from peygir.actions.sources import ActionSource
from peygir.core.text import to_persian_digits
from peygir.organizations.models import Organization
from peygir.territory.models import Territory

from . import access
from .models import Milestone


class MilestoneSource(ActionSource):
    label = gettext_lazy("مرحله طرح سمن")
    list_related = ("milestone__project",)

    def can_issue(self, user: Any, source: Milestone | None, issuer: Organization) -> bool:
        return source is not None and access.can_supervise(user, source.project)

    def territory(
        self, source: Milestone | None, *, issuer: Organization, responsible: Organization
    ) -> Territory:
        if source is not None:
            return source.project.county
        return super().territory(source, issuer=issuer, responsible=responsible)

    def url(self, action: Action) -> str:
        return reverse("web:grant_project_detail", args=[action.milestone.project_id])

    def describe(self, action: Action) -> str:
        milestone = action.milestone
        return _("مرحله %(n)s طرح «%(p)s»") % {
            "n": to_persian_digits(milestone.number),
            "p": milestone.project.title,
        }

    def on_event(self, action: Action, event: str, actor: Any, text: str = "") -> None:
        from .services.projects import on_milestone_event  # services import the spine; load late

        milestone = action.milestone
        if event == "deadline_changed" and action.deadline and milestone.due_on != action.deadline:
            Milestone.objects.filter(pk=milestone.pk).update(due_on=action.deadline)
        on_milestone_event(milestone, event)

    def on_scan(self, today: dt.date) -> int:
        """The grants' periodic work rides on the escalation scan: calls past their closing date are
        closed, once, with an event (services.calls.close_due_calls), and self-registrations whose SMS
        code never came back are removed after PEYGIR_NGO_UNCONFIRMED_DAYS (services.ngo_prune; by
        the clock, not `today`: an `--as-of` replay removes nothing early). No action is created."""
        from .services.calls import close_due_calls  # services import the spine; load late
        from .services.ngo_prune import ngo_prune_unconfirmed

        close_due_calls(today)
        ngo_prune_unconfirmed()
        return 0
