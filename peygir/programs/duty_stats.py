"""What the agencies did of their program duties in a Jalali year: the duty actions and their
counts per organization (evaluation's scorecards and the program page read them)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone

from peygir.actions.models import Action
from peygir.core.jalali import last_day_of_year
from peygir.core.jalali import today as local_today
from peygir.territory.models import Territory

from .periods import YEAR, Period
from .selectors import QUANTUM


@dataclass
class DutyStats:
    organization_id: int
    actions: int = 0
    verified: int = 0
    verified_on_time: int = 0
    reported_done: int = 0  # self-reported, not yet verified
    open: int = 0
    overdue: int = 0
    cancelled: int = 0
    action_ids: list[int] = field(default_factory=list)

    @property
    def achieved_ratio(self) -> Decimal:
        counted = self.actions - self.cancelled
        return (Decimal(self.verified) / counted).quantize(QUANTUM) if counted else Decimal(0)


def duty_actions(
    jalali_year: int, *, organization_ids: Iterable[int] | None = None, territory: Territory | None = None
) -> QuerySet[Action]:
    """The duty actions whose deadline falls in the Jalali year, of these organizations or under this
    territory."""
    start, end = Period(YEAR, jalali_year).start, last_day_of_year(jalali_year)
    qs = Action.objects.filter(source_kind="duty", deadline__gte=start, deadline__lte=end)
    if organization_ids is not None:
        qs = qs.filter(responsible_organization_id__in=list(organization_ids))
    if territory is not None:
        qs = qs.filter(territory_path__startswith=territory.path)
    return qs


def duty_stats(
    jalali_year: int,
    *,
    organization_ids: Iterable[int] | None = None,
    territory: Territory | None = None,
    as_of: dt.date | None = None,
) -> dict[int, DutyStats]:
    """Per responsible organization: its program duties' actions due in the year and how they stand
    on `as_of` (verified, verified by the deadline, self-reported done, open, overdue, cancelled)."""
    today = as_of or local_today()
    rows = duty_actions(jalali_year, organization_ids=organization_ids, territory=territory).values_list(
        "id", "responsible_organization_id", "status", "deadline", "closed_at", "reported_done_at"
    )
    stats: dict[int, DutyStats] = {}
    S = Action.Status
    for pk, org_id, status, deadline, closed_at, reported_at in rows.order_by("id"):
        item = stats.setdefault(org_id, DutyStats(org_id))
        item.actions += 1
        item.action_ids.append(pk)
        if status == S.VERIFIED:
            item.verified += 1
            done_at = reported_at or closed_at
            if done_at is not None and deadline is not None and timezone.localdate(done_at) <= deadline:
                item.verified_on_time += 1
        elif status == S.CANCELLED:
            item.cancelled += 1
        elif status == S.REPORTED_DONE:
            item.reported_done += 1
        else:
            item.open += 1
            if deadline is not None and deadline < today:
                item.overdue += 1
    return stats


# ---------------------------------------------------------------- lists
