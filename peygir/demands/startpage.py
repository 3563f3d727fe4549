"""A facilitation office's start page: what its facilitators must do today.

The counts and the short list are read in two queries per office, whatever the number of demands;
the list is the office's own handled demands (masked like every list), most urgent first: reported
done and waiting for the office's check, then a proposed date to accept, then overdue, then triage.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.utils import timezone

from peygir.core.jalali import today as local_today
from peygir.facilitation.models import FacilitationOffice
from peygir.organizations.access import get_scope
from peygir.organizations.models import Organization

from .models import Demand
from .selectors import awaiting_office_q, demand_overdue_q, handled_demands

DS = Demand.Status
Kind = Organization.Kind
TOP = 8


@dataclass
class OfficeStart:
    office: FacilitationOffice
    open: int = 0
    overdue: int = 0
    triage: int = 0
    awaiting: int = 0
    received_today: int = 0
    items: list[Any] = field(default_factory=list)


def office_start(*, user: Any, office: FacilitationOffice, today: dt.date | None = None) -> OfficeStart:
    """The office's figures and today's work, for a user who works in it."""
    today = today or local_today()
    own = handled_demands(user).filter(office=office)
    start_of_day = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    counts = own.aggregate(
        open=Count("id", filter=Q(status__in=Demand.OPEN_STATUSES)),
        overdue=Count("id", filter=demand_overdue_q(today)),
        triage=Count("id", filter=Q(status=DS.TRIAGE)),
        awaiting=Count("id", filter=awaiting_office_q()),
        received_today=Count("id", filter=Q(created_at__gte=start_of_day)),
    )
    urgency = Case(
        When(status=DS.DONE, then=Value(0)),
        When(awaiting_office_q(), then=Value(1)),
        When(demand_overdue_q(today), then=Value(2)),
        When(status=DS.TRIAGE, then=Value(3)),
        default=Value(9),
        output_field=IntegerField(),
    )
    items = list(
        own.filter(awaiting_office_q() | demand_overdue_q(today) | Q(status=DS.TRIAGE))
        .annotate(urgency=urgency)
        .order_by("urgency", "created_at", "id")[:TOP]
    )
    return OfficeStart(office=office, items=items, **counts)


def offices_worked_in(user: Any) -> list[FacilitationOffice]:
    """The facilitation offices the user is a member of (their start page shows each); no query for
    anyone who is not a facilitator (the scope's memberships are already loaded)."""
    scope = get_scope(user)
    org_ids = [
        m.organization_id for m in scope.memberships if m.organization.kind == Kind.FACILITATION_OFFICE
    ]
    if not org_ids:
        return []
    return list(
        FacilitationOffice.objects.filter(organization_id__in=org_ids)
        .select_related("organization")
        .order_by("pk")
    )
