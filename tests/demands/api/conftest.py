"""Fixtures for the demand API: the shared demands world (two facilitation offices in Arak, routing
rules), one demand registered through the service (routed at once), and an API client per persona."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from rest_framework.test import APIClient

from peygir.demands import services
from peygir.demands.models import Demand, DemandCategory, RoutingRule
from peygir.facilitation.models import FacilitationOffice
from peygir.organizations import access
from peygir.territory.models import Territory
from tests.auth import sign_in
from tests.demands.fixtures import make_demand_world

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# Who sees the routed demand, and who may see its citizen's name and number.
PERSONAS = [
    None,
    "facilitator",
    "other_facilitator",
    "liaison",
    "other_liaison",
    "office_staff",
    "foreign_staff",
]
READERS = {"facilitator", "liaison", "office_staff"}
PERSONAL = {"facilitator", "office_staff"}
OFFICE_SIDE = {"facilitator", "office_staff"}  # route, re-route, accept, verify …
AGENCY_SIDE = {"liaison"}  # not ours, planned, done


@dataclass
class DemandWorld:
    neighbourhood: Territory
    other_neighbourhood: Territory
    office: FacilitationOffice
    other_office: FacilitationOffice
    category: DemandCategory
    rule: RoutingRule
    demand: Demand  # routed to world.agency, registered by `facilitator` for a citizen


def fresh(user):
    access.forget_scope(user)
    return user


def intake(user, office: FacilitationOffice, neighbourhood: Territory, category, **extra) -> Demand:
    """A demand registered by a facilitator through the service (routed by the rules at once)."""
    fields = {
        "title": "تعمیر سرویس بهداشتی مدرسه",
        "description": "سرویس بهداشتی دبستان محله خراب است و دانش‌آموزان مشکل دارند.",
        "citizen_name": "زهرا کریمی",
        "citizen_mobile": "۰۹۱۲۱۲۳۴۵۶۷",
        "consent": True,
        **extra,
    }
    return services.demand_intake(
        user=fresh(user), office=office, category=category, neighbourhood=neighbourhood, **fields
    )


@pytest.fixture
def dw(world) -> DemandWorld:
    """`tests.demands.fixtures.make_demand_world`, plus the Zovieh-like office's opening date and budget
    and one demand registered by its facilitator (routed to world.agency by the education rule)."""
    base = make_demand_world(world)
    world.users.update(base.users)
    office = base.office
    office.opened_on = dt.date(2018, 7, 15)  # ۲۴ تیر ۱۳۹۷
    office.budget_rials = 2_300_000_000
    office.save(update_fields=["opened_on", "budget_rials"])
    category = base.categories["education"]
    rule = RoutingRule.objects.get(category=category, territory=world.province)
    demand = intake(world.users["facilitator"], office, base.neighbourhood, category)
    demand.refresh_from_db()
    return DemandWorld(
        base.neighbourhood, base.other_neighbourhood, office, base.other_office, category, rule, demand
    )


@pytest.fixture
def api(world):
    """`api(persona)` → an APIClient signed in as that persona; `api(None)` is anonymous."""

    def make(persona: str | None) -> APIClient:
        client = APIClient()
        if persona is not None:
            user = world.users[persona]
            sign_in(client, type(user).objects.get(pk=user.pk))
        return client

    return make
