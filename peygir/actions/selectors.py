"""Reads of the spine. Overdue and due-soon are derived from the deadline and the working calendar."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet

from peygir.core.jalali import today as local_today
from peygir.core.workdays import WorkingCalendar
from peygir.organizations import access

from .models import Action

S = Action.Status
SORTS = {
    "deadline": ("deadline", "id"),
    "-deadline": ("-deadline", "-id"),
    "created": ("created_at", "id"),
    "-created": ("-created_at", "-id"),
    "status": ("status", "deadline", "id"),
    "-updated": ("-updated_at", "-id"),
}


@dataclass(frozen=True)
class Horizon:
    """The dates that make an action overdue or due soon, for one day."""

    today: dt.date
    due_soon_until: dt.date

    @classmethod
    def for_day(cls, day: dt.date | None = None, calendar: WorkingCalendar | None = None) -> Horizon:
        day = day or local_today()
        calendar = calendar or WorkingCalendar()
        return cls(today=day, due_soon_until=calendar.add_working_days(day, settings.PEYGIR_DUE_SOON_DAYS))

    def overdue_q(self) -> Q:
        return Q(status__in=Action.PENDING_STATUSES, deadline__lt=self.today)

    def due_soon_q(self) -> Q:
        return Q(
            status__in=Action.PENDING_STATUSES, deadline__gte=self.today, deadline__lte=self.due_soon_until
        )

    def state(self, action: Action) -> str:
        """'overdue', 'due_soon' or '' for one action (for badges)."""
        if action.status not in Action.PENDING_STATUSES or action.deadline is None:
            return ""
        if action.deadline < self.today:
            return "overdue"
        if action.deadline <= self.due_soon_until:
            return "due_soon"
        return ""


def action_base_queryset() -> QuerySet[Action]:
    """What every list needs in one query: organizations, source and committee."""
    return Action.objects.select_related(
        "responsible_organization",
        "issuer_organization",
        "territory",
        "resolution__meeting__committee",
    )


def action_list(
    *,
    user: Any,
    organization_id: int | None = None,
    filters: dict[str, Any] | None = None,
    horizon: Horizon | None = None,
    sort: str = "deadline",
) -> QuerySet[Action]:
    """The inbox: actions the user may see, filtered. `filters` keys:

    state: overdue | due_soon | open (not closed) | closed; status; source (resolution|directive);
    committee (id); q (text); responsible (organization id).
    """
    filters = filters or {}
    qs = access.actions_visible_to(user, action_base_queryset())
    if organization_id:
        qs = qs.filter(responsible_organization_id=organization_id)
    state = filters.get("state")
    if state in ("overdue", "due_soon"):
        # Only these need the calendar (one query for its corrections); plain lists skip it.
        horizon = horizon or Horizon.for_day()
    if state == "overdue":
        qs = qs.filter(horizon.overdue_q())
    elif state == "due_soon":
        qs = qs.filter(horizon.due_soon_q())
    elif state == "open":
        qs = qs.exclude(status__in=Action.CLOSED_STATUSES)
    elif state == "closed":
        qs = qs.filter(status__in=Action.CLOSED_STATUSES)
    if filters.get("status") in S.values:
        qs = qs.filter(status=filters["status"])
    if filters.get("source") in Action.SourceKind.values:
        qs = qs.filter(source_kind=filters["source"])
    if filters.get("committee"):
        qs = qs.filter(resolution__meeting__committee_id=filters["committee"])
    if filters.get("responsible"):
        qs = qs.filter(responsible_organization_id=filters["responsible"])
    if filters.get("q"):
        from peygir.core.text import normalize_text

        qs = qs.filter(title_normalized__contains=normalize_text(filters["q"]))
    return qs.order_by(*SORTS.get(sort, SORTS["deadline"]))


def action_detail(*, user: Any, pk: Any) -> Action:
    qs = access.actions_visible_to(
        user,
        action_base_queryset().prefetch_related("supporting_organizations"),
    )
    return access.get_for_user(qs, pk)


def action_history(action: Action) -> QuerySet:
    return action.events.select_related("actor").order_by("created_at", "id")


def action_updates(action: Action) -> QuerySet:
    return action.updates.select_related("author", "organization").prefetch_related("evidence")


def action_counts(
    *, user: Any, organization_id: int | None = None, horizon: Horizon | None = None
) -> dict[str, int]:
    """Counts for a start page or an organization's record, in one query."""
    horizon = horizon or Horizon.for_day()
    qs = access.actions_visible_to(user)
    if organization_id:
        qs = qs.filter(responsible_organization_id=organization_id)
    return qs.aggregate(
        total=Count("id"),
        open=Count("id", filter=Q(status__in=Action.PENDING_STATUSES)),
        overdue=Count("id", filter=horizon.overdue_q()),
        due_soon=Count("id", filter=horizon.due_soon_q()),
        reported_done=Count("id", filter=Q(status=S.REPORTED_DONE)),
        verified=Count("id", filter=Q(status=S.VERIFIED)),
        cancelled=Count("id", filter=Q(status=S.CANCELLED)),
    )


def organization_scorecard(*, user: Any, horizon: Horizon | None = None) -> QuerySet:
    """Per responsible organization: totals, overdue, verified, verified on time (S1.1, S3.5)."""
    from django.db.models import F

    horizon = horizon or Horizon.for_day()
    qs = access.actions_visible_to(user)
    return (
        qs.values("responsible_organization_id", "responsible_organization__name")
        .annotate(
            total=Count("id"),
            overdue=Count("id", filter=horizon.overdue_q()),
            verified=Count("id", filter=Q(status=S.VERIFIED)),
            verified_on_time=Count(
                "id", filter=Q(status=S.VERIFIED, reported_done_at__date__lte=F("deadline"))
            ),
            awaiting_verification=Count("id", filter=Q(status=S.REPORTED_DONE)),
        )
        .order_by("-overdue", "responsible_organization__name")
    )
