"""Reads of the spine. Overdue and due-soon are derived from the deadline and the working calendar."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q, QuerySet

from peygir.core.jalali import today as local_today
from peygir.core.text import normalize_text
from peygir.core.workdays import WorkingCalendar
from peygir.organizations import access
from peygir.organizations.models import Organization

from . import access as action_access
from . import sources
from .models import Action, ActionEvent, EscalationStep, ExtensionRequest, Obstacle

S = Action.Status
# From this rung on an action is "escalated": referred beyond the responsible organization (to its
# supervising level, then the province). Rungs 1–2 (reminder, overdue notice) stay inside it.
ESCALATED_LEVEL = EscalationStep.Step.SUPERVISOR
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
    """What every list needs in one query: organizations, territory and what the sources show."""
    return Action.objects.select_related(
        "responsible_organization", "issuer_organization", "territory", *sources.list_related()
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

    state: overdue | due_soon | open (not closed) | closed; status; source (a registered kind);
    q (text); responsible (organization id); escalated (referred beyond the responsible organization);
    and each source's own filter (`committee` for
    resolutions: see `sources.ActionSource.filter_name`).
    """
    qs = action_access.actions_visible_to(user, action_base_queryset(), responsible=organization_id or None)
    return _filtered(qs, filters or {}, horizon).order_by(*SORTS.get(sort, SORTS["deadline"]))


def action_list_count(
    *,
    user: Any,
    organization_id: int | None = None,
    filters: dict[str, Any] | None = None,
    horizon: Horizon | None = None,
    extra: Q | None = None,
) -> int:
    """How many actions `action_list` (with the same arguments, and `extra` ANDed) holds, counted as
    the sum over the disjoint visibility parts (`visible_parts`): counting the union itself reads a
    whole province from the table (370 ms at national scale, measured), a part reads one index."""
    total = 0
    for part in visible_parts(user=user, organization_id=organization_id or None):
        qs = _filtered(part, filters or {}, horizon)
        total += (qs.filter(extra) if extra is not None else qs).order_by().count()
    return total


def _filtered(qs: QuerySet[Action], filters: dict[str, Any], horizon: Horizon | None) -> QuerySet[Action]:
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
    if filters.get("source") in sources.kinds():
        qs = qs.filter(source_kind=filters["source"])
    for adapter in sources.list_filters():
        if filters.get(adapter.filter_name):
            qs = qs.filter(adapter.filter_q(filters[adapter.filter_name]))
    if filters.get("responsible"):
        qs = qs.filter(responsible_organization_id=filters["responsible"])
    if filters.get("escalated"):
        # A column of the action itself: no join, no per-row query.
        qs = qs.filter(escalation_level__gte=ESCALATED_LEVEL)
    if filters.get("q"):
        qs = qs.filter(title_normalized__contains=normalize_text(filters["q"]))
    return qs


def action_detail(*, user: Any, pk: Any) -> Action:
    qs = action_access.actions_visible_to(
        user,
        action_base_queryset().prefetch_related(
            "supporting_organizations",
            Prefetch(
                "extension_requests",
                queryset=ExtensionRequest.objects.select_related(
                    "organization", "requested_by", "decided_by"
                ),
            ),
            Prefetch(
                "obstacles",
                queryset=Obstacle.objects.select_related(
                    "organization", "needed_organization", "reported_by"
                ),
            ),
        ),
    )
    return access.get_for_user(qs, pk)


@dataclass(frozen=True)
class Rung:
    """One rung of the escalation ladder as the action's page shows it."""

    level: int
    label: str
    reached_on: dt.date | None = None
    deadline: dt.date | None = None
    recipients: tuple[str, ...] = ()


def escalation_ladder(action: Action) -> list[Rung]:
    """Every rung of the ladder, reached or not: for the reached ones (for the current deadline, or an
    earlier one if the deadline moved) when and to whom. Two queries: the events, then the people."""
    reached = list(
        action.events.filter(kind=ActionEvent.Kind.ESCALATED).order_by("created_at", "id").values("data")
    )
    user_ids = {pk for row in reached for pk in row["data"].get("recipients", [])}
    names: dict[int, str] = {}
    if user_ids:
        for user in get_user_model().objects.filter(pk__in=user_ids):
            names[user.pk] = getattr(user, "display_name", "") or user.get_username()
    latest: dict[int, dict] = {}
    for row in reached:
        latest[row["data"].get("step")] = row["data"]  # the last time each rung was reached
    rungs = []
    for step in EscalationStep.Step:
        data = latest.get(step.value)
        if data is None:
            rungs.append(Rung(level=step.value, label=str(step.label)))
            continue
        rungs.append(
            Rung(
                level=step.value,
                label=str(step.label),
                reached_on=dt.date.fromisoformat(data["as_of"]) if data.get("as_of") else None,
                deadline=dt.date.fromisoformat(data["deadline"]) if data.get("deadline") else None,
                recipients=tuple(names[pk] for pk in data.get("recipients", []) if pk in names),
            )
        )
    return rungs


def pending_extension_requests(*, user: Any, limit: int = 10) -> list[ExtensionRequest]:
    """Extension requests awaiting this user's answer (on pending actions they may verify)."""
    issued = Action.objects.filter(
        action_access.verifiable_actions_q(user), status__in=Action.PENDING_STATUSES
    ).values("pk")
    return list(
        ExtensionRequest.objects.filter(status=ExtensionRequest.Status.PENDING, action__in=issued)
        .select_related("action", "organization")
        .order_by("-created_at", "-id")[:limit]
    )


def open_obstacles(*, user: Any, limit: int = 10) -> list[Obstacle]:
    """Obstacles not yet cleared on pending actions this user issues (may verify): the start page."""
    issued = Action.objects.filter(
        action_access.verifiable_actions_q(user), status__in=Action.PENDING_STATUSES
    ).values("pk")
    return list(
        Obstacle.objects.filter(cleared_at__isnull=True, action__in=issued)
        .select_related("action", "organization", "needed_organization")
        .order_by("-created_at", "-id")[:limit]
    )


def action_history(action: Action) -> QuerySet:
    return action.events.select_related("actor").order_by("created_at", "id")


def action_updates(action: Action) -> QuerySet:
    return action.updates.select_related("author", "organization").prefetch_related("evidence")


def _rows(condition: Q | None = None) -> Count:
    """Rows (matching `condition`), counted by the responsible organization: never null, and carried
    by the territory index, so a territory's counts never touch the table."""
    return Count("responsible_organization", filter=condition)


def _count_fields(horizon: Horizon) -> dict[str, Count]:
    """Every count a summary shows, as FILTERed counts of one aggregate, over columns the territory
    index carries (status, deadline, reported_done_at, responsible organization)."""
    from django.db.models import F

    return {
        "total": _rows(),
        "open": _rows(Q(status__in=Action.PENDING_STATUSES)),
        "overdue": _rows(horizon.overdue_q()),
        "due_soon": _rows(horizon.due_soon_q()),
        "reported_done": _rows(Q(status=S.REPORTED_DONE)),
        "verified": _rows(Q(status=S.VERIFIED)),
        "verified_on_time": _rows(Q(status=S.VERIFIED, reported_done_at__date__lte=F("deadline"))),
        "cancelled": _rows(Q(status=S.CANCELLED)),
    }


COUNT_KEYS = ("total", "open", "overdue", "due_soon", "reported_done", "verified", "cancelled")


def visible_parts(*, user: Any, organization_id: int | None = None) -> list[QuerySet[Action]]:
    """The actions the user may see as disjoint querysets (`action_access.actions_visible_parts`), for
    counting: a count is the sum of the parts' counts, each read from its own index."""
    parts = [
        Action.objects.filter(q)
        for q in action_access.actions_visible_parts(user, responsible=organization_id)
    ]
    if organization_id:
        parts = [qs.filter(responsible_organization_id=organization_id) for qs in parts]
    return parts


def action_counts(
    *, user: Any, organization_id: int | None = None, horizon: Horizon | None = None
) -> dict[str, int]:
    """Counts for a start page or an organization's record: one aggregate per visibility part."""
    horizon = horizon or Horizon.for_day()
    totals = dict.fromkeys(COUNT_KEYS, 0)
    for qs in visible_parts(user=user, organization_id=organization_id):
        counts = qs.aggregate(**_count_fields(horizon))
        for key in COUNT_KEYS:
            totals[key] += counts[key]
    return totals


def organization_scorecard(
    *, user: Any, horizon: Horizon | None = None, organization_id: int | None = None
) -> list[dict[str, Any]]:
    """Per responsible organization: every count of `action_counts`, verified on time and awaiting
    verification; worst first (most overdue, then by name).

    One aggregate per visibility part grouped by the organization's id alone (grouping by its name
    too made the database sort tens of thousands of rows by a long text, on disk at national scale),
    the parts' rows added up, and the names in one more query for the few dozen organizations.
    `scorecard_totals` sums the rows into the summary's counts.
    """
    horizon = horizon or Horizon.for_day()
    fields = _count_fields(horizon)
    merged: dict[int, dict[str, Any]] = {}
    for qs in visible_parts(user=user, organization_id=organization_id):
        for row in qs.order_by().values("responsible_organization_id").annotate(**fields):
            target = merged.setdefault(row["responsible_organization_id"], dict.fromkeys(fields, 0))
            for key in fields:
                target[key] += row[key]
    names = dict(Organization.objects.filter(pk__in=list(merged)).values_list("pk", "name"))
    rows = []
    for org_id, counts in merged.items():
        verified = counts["verified"]
        rows.append(
            {
                "responsible_organization_id": org_id,
                "responsible_organization__name": names.get(org_id, ""),
                **counts,
                "awaiting_verification": counts["reported_done"],
                "on_time_rate": round(100 * counts["verified_on_time"] / verified) if verified else None,
            }
        )
    rows.sort(key=lambda r: (-r["overdue"], r["responsible_organization__name"]))
    return rows


def scorecard_totals(rows: list[dict[str, Any]]) -> dict[str, int]:
    """The counts of everything the scorecard's rows cover (each action has one responsible)."""
    return {key: sum(row[key] for row in rows) for key in COUNT_KEYS}
