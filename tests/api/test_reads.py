"""Shapes and filters of the read endpoints."""

from __future__ import annotations

import pytest

from peygir.territory.models import TerritoryBoundary
from tests.factories import OrganizationFactory, make_territory

pytestmark = pytest.mark.django_db


def test_territory_list_has_no_geometry_and_filters(api, world):
    TerritoryBoundary.objects.create(territory=world.county, geojson={"type": "Polygon", "coordinates": []})
    client = api("nobody")
    rows = client.get("/api/v1/territories/", {"kind": "county"}).json()["results"]
    assert [r["id"] for r in rows] == [world.county.pk]
    assert "geojson" not in rows[0] and "boundary" not in rows[0]
    rows = client.get("/api/v1/territories/", {"parent": world.country.pk}).json()["results"]
    assert {r["id"] for r in rows} == {world.province.pk, world.other_province.pk}
    rows = client.get("/api/v1/territories/", {"within": world.province.pk}).json()["results"]
    assert [r["id"] for r in rows] == [world.county.pk]


def test_territory_detail_has_ancestors_and_boundary_endpoint(api, world):
    TerritoryBoundary.objects.create(territory=world.county, geojson={"type": "Polygon", "coordinates": []})
    client = api("liaison")
    body = client.get(f"/api/v1/territories/{world.county.pk}/").json()
    assert [a["id"] for a in body["ancestors"]] == [world.country.pk, world.province.pk]
    boundary = client.get(f"/api/v1/territories/{world.county.pk}/boundary/").json()
    assert boundary["geojson"] == {"type": "Polygon", "coordinates": []}
    assert client.get(f"/api/v1/territories/{world.province.pk}/boundary/").status_code == 404


def test_organization_filters_and_search(api, world):
    neighbourhood = make_territory("neighbourhood", world.county)
    office = OrganizationFactory(
        name="دفتر تسهیلگری محله زویه",
        name_normalized="دفتر تسهیلگری محله زویه",
        kind="facilitation_office",
        territory=neighbourhood,
    )
    client = api("other_liaison")
    ids = lambda **q: {r["id"] for r in client.get("/api/v1/organizations/", q).json()["results"]}  # noqa: E731
    assert ids(kind="facilitation_office") == {office.pk}
    assert ids(territory=world.county.pk) == {office.pk, world.county_gov.pk}
    assert ids(q="زويه") == {office.pk}  # Arabic ي
    assert ids(parent=world.governorate.pk) == {world.office.pk}
    assert client.get("/api/v1/organizations/", {"kind": "nonsense"}).status_code == 400


def test_committee_detail_lists_members(api, world, record):
    body = api("liaison").get(f"/api/v1/committees/{record.committee.pk}/").json()
    assert [m["organization"]["id"] for m in body["members"]] == [world.agency.pk]
    assert body["secretariat"]["id"] == world.office.pk
    assert body["meeting_count"] == 1


def test_resolution_detail_has_actions(api, world, record):
    body = api("inspector").get(f"/api/v1/resolutions/{record.resolution.pk}/").json()
    assert body["committee"]["id"] == record.committee.pk
    assert [a["id"] for a in body["actions"]] == [record.action.pk]
    assert body["actions"][0]["responsible_organization"]["id"] == world.agency.pk
    rows = api("inspector").get("/api/v1/resolutions/", {"q": "نواقص"}).json()["results"]
    assert [r["id"] for r in rows] == [record.resolution.pk]


def test_pagination(api, world):
    for _ in range(5):
        make_territory("county", world.province)
    body = api("nobody").get("/api/v1/territories/", {"page_size": 2}).json()
    assert body["count"] == 9 and len(body["results"]) == 2 and body["next"]


def test_action_detail_has_history_and_dates_in_iso(api, record):
    body = api("liaison").get(f"/api/v1/actions/{record.action.pk}/").json()
    assert body["history"][0]["kind"] == "created"
    assert body["deadline"] == record.action.deadline.isoformat()
    assert body["meeting"] == record.meeting.pk
    assert body["issuer_organization"]["id"] == record.committee.secretariat_id
