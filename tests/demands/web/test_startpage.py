"""The facilitator's start page: the office's open, overdue, awaiting and triage demands and today's
work, in a constant number of queries; nothing of another office."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from peygir.demands.models import Demand
from peygir.demands.startpage import office_start, offices_worked_in
from tests.factories import DemandFactory

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_facilitator_sees_the_office_work_of_today(world):
    demand = world.demand  # routed to the agency by the rule
    office = world.facilitation_office
    demand.status = Demand.Status.DONE
    demand.save(update_fields=["status"])
    late = DemandFactory(
        office=office,
        neighbourhood=world.neighbourhood,
        category=world.categories["education"],
        status=Demand.Status.ROUTED,
        agency=world.agency,
        expected_on=dt.date.today() - dt.timedelta(days=3),
        title="بازگشایی مسیر مسدود کوچه",
    )
    facilitator = world.users["facilitator"]
    start = office_start(user=facilitator, office=office)
    assert (start.awaiting, start.overdue) == (1, 1)
    assert [d.pk for d in start.items] == [demand.pk, late.pk]  # awaiting the office first, then overdue

    text = _client(facilitator).get(reverse("web:home")).content.decode()
    assert "کار امروز دفتر" in text and office.organization.name in text
    assert demand.title in text and late.title in text
    assert f"?office={office.pk}&overdue=1" in text


def test_another_office_sees_nothing_of_it(world):
    world.demand  # noqa: B018
    other = world.users["other_facilitator"]
    assert offices_worked_in(other) == [world.other_facilitation_office]
    text = _client(other).get(reverse("web:home")).content.decode()
    assert world.demand.title not in text


def test_a_liaison_has_no_office_panel(world):
    assert offices_worked_in(world.users["liaison"]) == []
    assert "کار امروز دفتر" not in _client(world.users["liaison"]).get(reverse("web:home")).content.decode()


def test_the_office_list_link_narrows_to_the_office(world):
    world.demand  # noqa: B018
    DemandFactory(office=world.other_facilitation_office, neighbourhood=world.foreign_neighbourhood)
    response = _client(world.users["office_staff"]).get(
        reverse("web:demand_list"), {"office": world.facilitation_office.pk}
    )
    assert {d.office_id for d in response.context["rows"]} == {world.facilitation_office.pk}


def test_the_start_costs_the_same_whatever_the_number_of_demands(world, django_assert_num_queries):
    office = world.facilitation_office
    facilitator = world.users["facilitator"]
    world.demand  # noqa: B018
    office_start(user=facilitator, office=office)  # warm the scope
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        office_start(user=facilitator, office=office)
    for i in range(15):
        DemandFactory(
            office=office,
            neighbourhood=world.neighbourhood,
            status=Demand.Status.TRIAGE,
            title=f"درخواست {i}",
        )
    with django_assert_num_queries(len(few.captured_queries)):
        office_start(user=facilitator, office=office)
