"""Facilitation offices as the demands domain sees them: their demands counted beside each office.

Offices themselves (and their households and activities) are the facilitation domain's; the counts of
demands are this domain's, so the office pages that show them read from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from peygir.actions.selectors import Horizon
from peygir.core.text import normalize_text
from peygir.facilitation import access as office_access
from peygir.facilitation import selectors as office_selectors
from peygir.facilitation.models import EmpowermentActivity, FacilitationOffice

from .models import Demand
from .reports import demand_overdue_q

DS = Demand.Status
# Demands that count: confirmed and not folded into another one.
COUNTED_DEMANDS = ~Q(status__in=[DS.UNCONFIRMED, DS.MERGED])


def counted_demands(queryset: QuerySet[Demand] | None = None) -> QuerySet[Demand]:
    qs = Demand.objects.all() if queryset is None else queryset
    return qs.filter(COUNTED_DEMANDS)


def office_list(*, user: Any, q: str = "") -> QuerySet[FacilitationOffice]:
    """Offices the user may see, with their demand counts, in one query (plus one for neighbourhoods)."""
    qs = office_selectors.office_base_queryset().filter(office_access.offices_visible_q(user))
    if q:
        qs = qs.filter(organization__name_normalized__contains=normalize_text(q))
    counted = Q(demands__status__in=[s for s in DS.values if s not in (DS.UNCONFIRMED, DS.MERGED)])
    return (
        qs.annotate(
            demands_total=Count("demands", filter=counted, distinct=True),
            demands_resolved=Count("demands", filter=Q(demands__status=DS.RESOLVED), distinct=True),
            demands_open=Count("demands", filter=Q(demands__status__in=Demand.OPEN_STATUSES), distinct=True),
        )
        .prefetch_related("neighbourhoods")
        .order_by("organization__territory__path", "organization__name", "pk")
    )


@dataclass(frozen=True)
class OfficeSummary:
    received: int
    open: int
    triage: int
    routed: int
    resolved: int
    overdue: int
    supporters: int
    activities: int
    participants: int
    women_participants: int


def office_summary(office: FacilitationOffice, *, horizon: Horizon | None = None) -> OfficeSummary:
    """The office's demands and activities in two aggregate queries."""
    horizon = horizon or Horizon.for_day()
    demands = counted_demands(Demand.objects.filter(office=office)).aggregate(
        received=Count("id"),
        open=Count("id", filter=Q(status__in=Demand.OPEN_STATUSES)),
        triage=Count("id", filter=Q(status=DS.TRIAGE)),
        routed=Count("id", filter=Q(routed_at__isnull=False)),
        resolved=Count("id", filter=Q(status=DS.RESOLVED)),
        overdue=Count("id", filter=demand_overdue_q(horizon)),
        supporters=Sum("supporters_count"),
    )
    activities = EmpowermentActivity.objects.filter(office=office).aggregate(
        activities=Count("id"), participants=Sum("participants"), women=Sum("women_participants")
    )
    return OfficeSummary(
        received=demands["received"],
        open=demands["open"],
        triage=demands["triage"],
        routed=demands["routed"],
        resolved=demands["resolved"],
        overdue=demands["overdue"],
        supporters=demands["supporters"] or 0,
        activities=activities["activities"],
        participants=activities["participants"] or 0,
        women_participants=activities["women"] or 0,
    )
