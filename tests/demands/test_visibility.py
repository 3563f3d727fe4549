"""Who sees which demand, in the shape the lists use (`demand_access.demand_columns_q`: plain columns, ids
looked up first) against the plain rule (`demand_access.demands_visible_q`: joins and a path prefix): the
same demands, in the same order, for every persona — and the office's queues against the rule of
`demand_access.can_handle_demand`. The lists' query count does not grow with demands, territories or offices."""

import itertools

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from peygir.core.jalali import today
from peygir.demands import access as demand_access
from peygir.demands import selectors
from peygir.demands.models import Demand
from peygir.facilitation.models import FacilitationOffice
from peygir.organizations import access
from peygir.organizations.models import Membership, Organization

from ..factories import MembershipFactory, OrganizationFactory, UserFactory, make_territory
from ..personas import BASE_PERSONAS

S = Demand.Status
_codes = itertools.count(1)


def row(dw, *, neighbourhood=None, office=None, agency=None, status=S.ROUTED, **extra) -> Demand:
    """A demand written directly: reads only care about where it is, whose it is and its status."""
    n = next(_codes)
    return Demand.objects.create(
        tracking_code=f"VIS{n:05d}",
        category=dw.categories["education"],
        neighbourhood=neighbourhood or dw.neighbourhood,
        office=office,
        agency=agency,
        status=status,
        title=f"درخواست آزمون {n}",
        description="شرح",
        channel=Demand.Channel.OFFICE if office else Demand.Channel.ONLINE,
        **extra,
    )


@pytest.fixture
def spread(dw, world):
    """Demands of every reach: an office's in its neighbourhood, another office's, online ones in the
    province and in the foreign province, ones routed to organizations outside their territory (the
    agency, the county governorate, a facilitation office itself), unconfirmed, in triage, done, with
    a proposed date — and a superuser."""
    world.users["superuser"] = UserFactory(username="root", is_superuser=True)
    deep = make_territory("neighbourhood", make_territory("city", world.county, "خنداب"), "محله تازه")
    other_county = make_territory("county", world.province, "شهرستان ساوه")
    savojbolagh = make_territory("neighbourhood", other_county, "محله ساوه")
    office, other = dw.office, dw.other_office
    rows = [
        row(dw, office=office, agency=world.agency),
        row(dw, office=office, status=S.TRIAGE),
        row(dw, office=office, status=S.UNCONFIRMED),
        row(dw, office=office, agency=world.agency, status=S.DONE),
        row(dw, office=office, agency=world.agency, proposed_date=today()),
        row(dw, neighbourhood=dw.other_neighbourhood, office=other, agency=world.other_agency),
        row(dw, neighbourhood=dw.other_neighbourhood, office=other, status=S.TRIAGE),
        row(dw, neighbourhood=deep, status=S.TRIAGE),
        row(dw, neighbourhood=savojbolagh, agency=world.agency, status=S.PLANNED),
        row(dw, neighbourhood=savojbolagh, status=S.TRIAGE),
        row(dw, neighbourhood=dw.foreign_neighbourhood, status=S.TRIAGE),
        row(dw, neighbourhood=dw.foreign_neighbourhood, agency=world.agency),
        row(dw, neighbourhood=dw.foreign_neighbourhood, agency=world.county_gov, status=S.DONE),
        row(dw, neighbourhood=dw.foreign_neighbourhood, agency=office.organization, status=S.DONE),
        row(dw, neighbourhood=dw.foreign_neighbourhood, office=office, status=S.RESOLVED),
    ]
    return rows


PERSONAS = [*BASE_PERSONAS, "facilitator", "other_facilitator", "superuser"]


def user_of(dw, world, persona):
    return dw.users.get(persona) or world.users[persona]


def plain_handled_q(user) -> Q:
    """`can_handle_demand` as the queues wrote it before: joins and a path prefix."""
    scope = access.get_scope(user)
    if scope.is_superuser:
        return Q()
    return Q(office__organization_id__in=scope.managing_org_ids | scope.reporting_org_ids) | scope.path_q(
        "neighbourhood__path", scope.manage_paths
    )


def ids(queryset) -> list[int]:
    return list(queryset.values_list("pk", flat=True))


@pytest.mark.parametrize("persona", PERSONAS)
def test_same_demands_as_the_plain_rule(dw, world, spread, persona):
    user = user_of(dw, world, persona)
    plain = Demand.objects.filter(demand_access.demands_visible_q(user)).distinct()
    assert sorted(ids(demand_access.demands_visible_to(user))) == sorted(ids(plain))
    confirmed = plain.exclude(status=S.UNCONFIRMED)
    assert ids(selectors.demand_list(user=user)) == ids(confirmed.order_by("-created_at", "-id"))
    for filters in ({"status": "triage"}, {"agency": world.agency.pk}, {"neighbourhood": world.county.pk}):
        listed = selectors.demand_list(user=user, filters=filters)
        expected = selectors.demand_list(user=world.users["superuser"], filters=filters).filter(
            pk__in=confirmed.values("pk")
        )
        assert ids(listed) == ids(expected)
    handled = confirmed.filter(plain_handled_q(user)).order_by("created_at", "id")
    assert ids(selectors.triage_queue(user=user)) == ids(handled.filter(status=S.TRIAGE))
    awaiting = handled.filter(
        Q(status=S.DONE) | Q(status__in=(S.ROUTED, S.PLANNED), proposed_date__isnull=False)
    )
    assert ids(selectors.awaiting_office(user=user)) == ids(awaiting)
    # and what the queues hold, each demand's own decision allows
    for demand in selectors.triage_queue(user=user):
        assert demand_access.can_handle_demand(user, demand)


def test_the_spread_reaches_every_branch(dw, world, spread):
    """The cases above are not vacuous: territory, office and routed-to branches all decide something."""
    by = {p: set(ids(demand_access.demands_visible_to(user_of(dw, world, p)))) for p in PERSONAS}
    foreign_to_county_gov, foreign_to_office = spread[12].pk, spread[13].pk
    assert foreign_to_county_gov in by["county_deputy"] and foreign_to_county_gov not in by["office_staff"]
    assert foreign_to_office in by["facilitator"] and foreign_to_office in by["foreign_staff"]
    assert spread[11].pk in by["liaison"] and spread[11].pk not in by["office_staff"]
    assert spread[14].pk in by["facilitator"] and spread[5].pk not in by["facilitator"]
    assert by["nobody"] == set() and by["national"] == by["superuser"] == {d.pk for d in spread}
    assert spread[9].pk in by["office_staff"] and spread[9].pk not in by["county_deputy"]


def list_queries(user) -> int:
    access.forget_scope(user)
    with CaptureQueriesContext(connection) as queries:
        rows = list(selectors.demand_list(user=user)[:25])
        [
            (r.office and r.office.organization.name, r.category.name, r.neighbourhood.name_fa, r.agency)
            for r in rows
        ]
        list(selectors.triage_queue(user=user)[:25])
    return len(queries)


@pytest.mark.parametrize("persona", ["office_staff", "county_deputy", "liaison", "facilitator", "national"])
def test_query_count_does_not_grow(dw, world, spread, persona):
    user = user_of(dw, world, persona)
    before = list_queries(user)
    for n in range(4):  # more territories, offices, organizations and demands of every reach
        hood = make_territory("neighbourhood", dw.city, f"محله رشد {n}")
        org = OrganizationFactory(kind=Organization.Kind.FACILITATION_OFFICE, territory=hood)
        office = FacilitationOffice.objects.create(organization=org)
        office.neighbourhoods.set([hood])
        MembershipFactory(user=dw.users["facilitator"], organization=org, role=Membership.Role.FACILITATOR)
        for status in (S.ROUTED, S.TRIAGE, S.DONE):
            row(dw, neighbourhood=hood, office=office, agency=world.agency, status=status)
            row(dw, neighbourhood=dw.foreign_neighbourhood, agency=org, status=status)
    assert list_queries(user) == before
