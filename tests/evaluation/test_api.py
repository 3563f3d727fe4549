"""The scorecards on the API: the same numbers as the pages, the same rules, bad input as 400."""

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_territory_scorecard(ledger):
    world = ledger.world
    url = f"/api/v1/scorecards/territories/{world.province.pk}/"
    data = client_for(world.users["governor"]).get(url, {"year": 1403, "as_of": "1403/11/01"}).json()
    assert data["card"]["score"] == 56.2
    assert data["card"]["weights"]["version"] == 0
    on_time = next(m for m in data["card"]["measures"] if m["key"] == "on_time")
    assert (on_time["numerator"], on_time["denominator"], on_time["weight"]) == (1, 3, 25)
    assert [c["subject"]["id"] for c in data["agencies"]] == [world.agency.pk]
    assert data["children"][0]["subject"]["name"] == world.county.name_fa
    assert client_for(world.users["county_deputy"]).get(url).status_code == 404
    bad = client_for(world.users["governor"]).get(url, {"year": "x"})
    assert bad.status_code == 400 and "year" in bad.json()


def test_agency_scorecard(ledger):
    world = ledger.world
    url = f"/api/v1/scorecards/organizations/{world.agency.pk}/"
    data = client_for(world.users["liaison"]).get(url, {"year": "۱۴۰۳", "as_of": "2025-01-20"}).json()
    assert data["score"] == 56.2 and data["quality_score"] is not None
    assert client_for(world.users["other_liaison"]).get(url).status_code == 404
    assert APIClient().get(url).status_code == 401
