"""Fixtures for the demand pages: two facilitation offices in Arak, a category tree with a routing
rule to `world.agency`, one facilitator per office, and a demand registered through the service."""

from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from peygir.demands.models import Demand, DemandCategory, RoutingRule
from peygir.facilitation.models import FacilitationOffice
from peygir.organizations.models import Membership, Organization
from peygir.territory.models import Territory
from tests.auth import sign_in
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory, make_territory

MOBILE = "+989121234567"
NAME = "زهرا کاظمی‌نژاد"


@dataclass
class Offices:
    city: Territory
    zone: Territory  # office A's neighbourhood
    other_zone: Territory  # office B's neighbourhood
    office: FacilitationOffice
    other_office: FacilitationOffice
    education: DemandCategory
    school: DemandCategory
    health: DemandCategory
    rule: RoutingRule


@pytest.fixture
def offices(world) -> Offices:
    city = make_territory("city", world.county, "اراک")
    zone = make_territory("neighbourhood", city, "محله شهرک قدس")
    other_zone = make_territory("neighbourhood", city, "محله کرهرود")
    org_a = OrganizationFactory(
        name="دفتر تسهیلگری محله شهرک قدس", kind=Organization.Kind.FACILITATION_OFFICE, territory=city
    )
    org_b = OrganizationFactory(
        name="دفتر تسهیلگری محله کرهرود", kind=Organization.Kind.FACILITATION_OFFICE, territory=city
    )
    office = FacilitationOffice.objects.create(organization=org_a, is_pilot=True)
    office.neighbourhoods.set([zone])
    other_office = FacilitationOffice.objects.create(organization=org_b)
    other_office.neighbourhoods.set([other_zone])
    education = DemandCategory.objects.create(name="آموزش و پرورش", code="education", service_level_days=20)
    school = DemandCategory.objects.create(
        name="ساختمان مدرسه", code="school-building", parent=education, service_level_days=10
    )
    health = DemandCategory.objects.create(name="بهداشت و درمان", code="health", service_level_days=10)
    rule = RoutingRule.objects.create(category=education, territory=world.province, agency=world.agency)
    for persona, org in (("facilitator", org_a), ("other_facilitator", org_b)):
        world.users[persona] = MembershipFactory(
            user=UserFactory(username=persona), organization=org, role=Membership.Role.FACILITATOR
        ).user
    return Offices(city, zone, other_zone, office, other_office, education, school, health, rule)


@pytest.fixture
def login(world, offices):
    """login("facilitator") → a Client signed in as that persona; login(None) → anonymous."""

    def make(persona: str | None) -> Client:
        client = Client()
        if persona is not None:
            sign_in(client, get_user_model().objects.get(pk=world.users[persona].pk))
        return client

    return make


def intake(world, offices, **overrides) -> Demand:
    from peygir.demands.services import demand_intake

    kwargs = dict(
        user=get_user_model().objects.get(pk=world.users["facilitator"].pk),
        office=offices.office,
        category=offices.school,
        neighbourhood=offices.zone,
        title="تعمیر سقف مدرسه ابتدایی شهید بهشتی",
        description="سقف کلاس‌های مدرسه ابتدایی شهید بهشتی چکه می‌کند و در زمستان کلاس‌ها تعطیل می‌شود.",
        citizen_name=NAME,
        citizen_mobile="۰۹۱۲ ۱۲۳ ۴۵۶۷",
        consent=True,
    )
    kwargs.update(overrides)
    return demand_intake(**kwargs)


@pytest.fixture
def demand(world, offices) -> Demand:
    """Office A's demand, routed by the rule to `world.agency`."""
    d = intake(world, offices)
    assert d.status == Demand.Status.ROUTED and d.agency_id == world.agency.pk
    return d


@pytest.fixture
def triage_demand(world, offices) -> Demand:
    """Office A's demand in a category no rule covers: it waits in triage."""
    return intake(
        world,
        offices,
        category=offices.health,
        title="نبود پزشک در خانه بهداشت محله",
        description="خانه بهداشت محله از ماه گذشته پزشک ندارد.",
        citizen_mobile="09351112233",
    )
