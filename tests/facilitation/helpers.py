"""Builders shared by the facilitation and report tests: offices in the `world`'s county, with their
facilitators, and demands placed directly in a given state (the report tests need exact timestamps)."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from peygir.actions.services import action_create
from peygir.demands.models import Demand, DemandCategory
from peygir.facilitation.models import FacilitationOffice
from peygir.facilitation.services import office_create
from peygir.organizations.models import Membership, Organization
from peygir.territory.models import Territory
from peygir.territory.services import territory_create
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

_codes = itertools.count(1)


@dataclass
class Offices:
    world: Any
    zovieh: Territory
    molashieh: Territory
    other_hood: Territory
    office: FacilitationOffice  # serves zovieh and molashieh
    other_office: FacilitationOffice  # serves other_hood
    ngo: Organization
    users: dict[str, Any] = field(default_factory=dict)


def neighbourhood(parent: Territory, name: str, **flags: bool) -> Territory:
    return territory_create(
        kind=Territory.Kind.NEIGHBOURHOOD, name_fa=name, code=f"N-{next(_codes)}", parent=parent, **flags
    )


def build_offices(world: Any) -> Offices:
    zovieh = neighbourhood(world.county, "منطقه زویه", is_underprivileged=True, is_informal_settlement=True)
    molashieh = neighbourhood(world.county, "منطقه ملاشیه", is_underprivileged=True)
    other_hood = neighbourhood(world.county, "منطقه حصیرآباد", is_informal_settlement=True)
    ngo = OrganizationFactory(name="انجمن توسعه محلی", kind=Organization.Kind.NGO, territory=world.county)
    staff = world.users["office_staff"]
    office = office_create(
        user=staff,
        name="دفتر تسهیلگری و توسعه محلی زویه",
        territory=world.county,
        neighbourhoods=[zovieh, molashieh],
        opened_on=dt.date(2018, 7, 15),  # 1397/04/24
        budget_rials=2_000_000_000,
        operator=ngo,
        is_pilot=True,
        supervisor=world.county_gov,
    )
    other_office = office_create(
        user=staff,
        name="دفتر تسهیلگری و توسعه محلی حصیرآباد",
        territory=world.county,
        neighbourhoods=[other_hood],
        opened_on=dt.date(2018, 7, 15),
    )
    o = Offices(world, zovieh, molashieh, other_hood, office, other_office, ngo)
    o.users["facilitator"] = MembershipFactory(
        user=UserFactory(username="facilitator"),
        organization=office.organization,
        role=Membership.Role.FACILITATOR,
    ).user
    o.users["other_facilitator"] = MembershipFactory(
        user=UserFactory(username="other_facilitator"),
        organization=other_office.organization,
        role=Membership.Role.FACILITATOR,
    ).user
    return o


def category(name: str = "آموزش", code: str | None = None, days: int = 10) -> DemandCategory:
    return DemandCategory.objects.create(
        name=name, code=code or f"cat-{next(_codes)}", service_level_days=days
    )


def make_demand(
    *,
    office: FacilitationOffice | None,
    neighbourhood: Territory,
    category: DemandCategory,
    created: dt.datetime,
    status: str = Demand.Status.TRIAGE,
    agency: Organization | None = None,
    resolved: dt.datetime | None = None,
    rating: int | None = None,
    citizen_name: str = "زهرا محمدی",
    citizen_mobile: str = "+989121234567",
    deadline: dt.date | None = None,
    issuer: Organization | None = None,
    latitude: float | None = None,
    longitude: float | None = None,
    title: str = "مطالبه آزمون",
) -> Demand:
    """A demand placed directly in a state; with `deadline` it gets an open action in the agency's inbox."""
    demand = Demand.objects.create(
        tracking_code=f"T{next(_codes):07d}",
        office=office,
        category=category,
        neighbourhood=neighbourhood,
        title=title,
        description="شرح",
        channel=Demand.Channel.OFFICE,
        citizen_name=citizen_name,
        citizen_mobile=citizen_mobile,
        mobile_last4=citizen_mobile[-4:],
        consent=True,
        status=status,
        agency=agency,
        rating=rating,
        latitude=latitude,
        longitude=longitude,
    )
    action = None
    if deadline is not None and agency is not None:
        action = action_create(
            title=title,
            responsible=agency,
            issuer=issuer or (office.organization if office else agency),
            deadline=deadline,
            source=demand,
        )
    # Set the state last: whatever the demand/action sync did on creation, the test decides.
    Demand.objects.filter(pk=demand.pk).update(
        status=status,
        current_action=action,
        created_at=created,
        routed_at=created + dt.timedelta(hours=1) if agency else None,
        resolved_at=resolved,
    )
    demand.refresh_from_db()
    return demand


def aware(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))
