"""A small demands world on top of the root `world` fixture, reusable by the web and API tests.

    from tests.demands.fixtures import make_demand_world
    dw = make_demand_world(world)

Places: world.county › city «اراک» › neighbourhoods «محله شهید بهشتی» (served by `office`) and
«محله کرهرود» (served by `other_office`); a neighbourhood of the foreign province. Offices are
facilitation offices with a facilitator each. Categories are the defaults plus a child «مدرسه‌سازی»
under education. Rules: education in the province → world.agency; health everywhere →
world.other_agency; construction has no rule (→ triage).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from peygir.demands.categories import ensure_default_categories
from peygir.demands.models import Demand, DemandCategory, RoutingRule
from peygir.facilitation.models import FacilitationOffice
from peygir.organizations.models import Membership, Organization
from peygir.territory.models import Territory

from ..factories import MembershipFactory, OrganizationFactory, UserFactory, make_territory


@dataclass
class DemandWorld:
    world: Any
    city: Territory
    neighbourhood: Territory
    other_neighbourhood: Territory
    foreign_neighbourhood: Territory
    office: FacilitationOffice
    other_office: FacilitationOffice
    categories: dict[str, DemandCategory]
    school: DemandCategory
    users: dict[str, Any] = field(default_factory=dict)

    def intake(self, user: Any = None, **overrides: Any) -> Demand:
        """Register a demand through the service (defaults: education, the office's neighbourhood)."""
        from peygir.demands.services import demand_intake

        params: dict[str, Any] = {
            "user": user or self.users["facilitator"],
            "office": self.office,
            "category": self.categories["education"],
            "neighbourhood": self.neighbourhood,
            "title": "تعمیر سرویس بهداشتی مدرسه",
            "description": "سرویس بهداشتی دبستان محله خراب است و دانش‌آموزان مشکل دارند.",
            "citizen_name": "زهرا احمدی",
            "citizen_mobile": "۰۹۱۲۱۲۳۴۵۶۷",
            "consent": True,
        }
        params.update(overrides)
        return demand_intake(**params)


def make_demand_world(world: Any) -> DemandWorld:
    city = make_territory("city", world.county, "اراک")
    neighbourhood = make_territory("neighbourhood", city, "محله شهید بهشتی")
    other_neighbourhood = make_territory("neighbourhood", city, "محله کرهرود")
    foreign_city = make_territory("city", world.other_province, "یزد")
    foreign_neighbourhood = make_territory("neighbourhood", foreign_city, "محله فهادان")

    def office(name: str, place: Territory) -> FacilitationOffice:
        org = OrganizationFactory(
            name=name,
            kind=Organization.Kind.FACILITATION_OFFICE,
            territory=place,
            supervisor=world.county_gov,
        )
        fo = FacilitationOffice.objects.create(organization=org, is_pilot=True)
        fo.neighbourhoods.set([place])
        return fo

    main = office("دفتر تسهیلگری و توسعه محلی شهید بهشتی", neighbourhood)
    other = office("دفتر تسهیلگری و توسعه محلی کرهرود", other_neighbourhood)
    categories = {c.code: c for c in ensure_default_categories()}
    school = DemandCategory.objects.create(
        name="مدرسه‌سازی", code="education-school", parent=categories["education"], service_level_days=30
    )
    RoutingRule.objects.create(
        category=categories["education"], territory=world.province, agency=world.agency
    )
    RoutingRule.objects.create(category=categories["health"], territory=None, agency=world.other_agency)
    users = {
        "facilitator": MembershipFactory(
            user=UserFactory(username="facilitator"),
            organization=main.organization,
            role=Membership.Role.FACILITATOR,
        ).user,
        "other_facilitator": MembershipFactory(
            user=UserFactory(username="other_facilitator"),
            organization=other.organization,
            role=Membership.Role.FACILITATOR,
        ).user,
    }
    return DemandWorld(
        world=world,
        city=city,
        neighbourhood=neighbourhood,
        other_neighbourhood=other_neighbourhood,
        foreign_neighbourhood=foreign_neighbourhood,
        office=main,
        other_office=other,
        categories=categories,
        school=school,
        users=users,
    )
