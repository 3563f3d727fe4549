"""Every demand list (REST and Open311) answers in a constant number of queries as data grows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from peygir.demands.models import DemandCategory, RoutingRule
from peygir.facilitation.models import FacilitationOffice
from peygir.organizations.models import Organization
from tests.factories import OrganizationFactory, make_territory

from .conftest import intake

pytestmark = pytest.mark.django_db


def count_queries(client, url: str, data: dict | None = None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, data or {})
    assert response.status_code == 200, response.content
    return len(ctx.captured_queries)


def grow(world, dw, n: int) -> None:
    """n more demands in new neighbourhoods, offices, categories and rules (to different agencies)."""
    facilitator = world.users["facilitator"]
    for i in range(n):
        neighbourhood = make_territory("neighbourhood", world.county, f"محله {i}")
        dw.office.neighbourhoods.add(neighbourhood)
        category = DemandCategory.objects.create(name=f"دسته {i}", code=f"cat-{i}-{neighbourhood.pk}")
        agency = world.agency if i % 2 else world.other_agency
        RoutingRule.objects.create(category=category, territory=world.province, agency=agency)
        intake(facilitator, dw.office, neighbourhood, category, title=f"مطالبه {i}", description=f"شرح {i}")
        organization = OrganizationFactory(kind=Organization.Kind.FACILITATION_OFFICE, territory=world.county)
        office = FacilitationOffice.objects.create(organization=organization, opened_on=dt.date(2020, 1, 1))
        office.neighbourhoods.add(neighbourhood)


@pytest.mark.parametrize("persona", ["facilitator", "office_staff", "liaison"])
@pytest.mark.parametrize(
    "url", ["/api/v1/demands/", "/api/v1/offices/", "/api/v1/routing-rules/", "/api/v1/demand-categories/"]
)
def test_rest_lists(api, world, dw, django_assert_num_queries, persona, url):
    client = api(persona)
    grow(world, dw, 1)
    baseline = count_queries(client, url)
    grow(world, dw, 6)
    with django_assert_num_queries(baseline):
        response = client.get(url)
    sees_none = persona == "liaison" and url == "/api/v1/offices/"  # an agency is not an office's reader
    assert (response.json()["count"] == 0) == sees_none


@pytest.mark.parametrize("url", ["/open311/v2/requests.json", "/open311/v2/requests.xml"])
def test_open311_requests(world, dw, django_assert_num_queries, url):
    client = APIClient()
    params = {"api_key": Token.objects.create(user=world.users["office_staff"]).key}
    grow(world, dw, 1)
    baseline = count_queries(client, url, params)
    grow(world, dw, 6)
    with django_assert_num_queries(baseline):
        response = client.get(url, params)
    assert (
        response.content.count(b"service_request_id") >= 8
        if url.endswith("xml")
        else len(response.json()) == 8
    )


def test_open311_services(world, dw, django_assert_num_queries):
    baseline = count_queries(APIClient(), "/open311/v2/services.json")
    grow(world, dw, 5)
    with django_assert_num_queries(baseline):
        response = APIClient().get("/open311/v2/services.json")
    assert len(response.json()) >= 12


def test_demand_detail(api, world, dw, django_assert_num_queries):
    client = api("facilitator")
    url = f"/api/v1/demands/{dw.demand.pk}/"
    baseline = count_queries(client, url)
    for i in range(3):
        dw.demand.refresh_from_db()
        client.post(
            f"{url}public-note/", {"text": f"یادداشت {i}", "version": dw.demand.version}, format="json"
        )
        dw.demand.refresh_from_db()
        body = {"citizen_name": f"همسایه {i}", "consent": True, "version": dw.demand.version}
        client.post(f"{url}supporters/", body, format="json")
    dw.demand.refresh_from_db()
    client.post(
        f"{url}reroute/",
        {"agency": world.other_agency.pk, "reason": "مسئول دیگری دارد", "version": dw.demand.version},
        format="json",
    )
    # a read of personal data is logged (one insert), so compare like with like: both reads log
    with django_assert_num_queries(baseline):
        response = client.get(url)
    assert len(response.json()["supporters"]) == 3 and len(response.json()["routes"]) == 2
