"""The inspection API: lists read in a constant number of queries, the device's submit is idempotent,
no resource shows a coming visit's date."""

from __future__ import annotations

import uuid

import pytest
from rest_framework.test import APIClient


@pytest.fixture
def part(world):
    return world.inspections


def _api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_submit_twice_is_one_visit(world, part):
    visit = part.visit_today
    client = _api(world.users["county_deputy"])
    body = {
        "submission_id": str(uuid.uuid4()),
        "answers": [{"question": pk, **raw} for pk, raw in part.base.answers(visit).items()],
    }
    url = f"/api/v1/inspection-visits/{visit.pk}/submit/"
    first = client.post(url, body, format="json")
    second = client.post(url, body, format="json")
    assert (
        first.status_code == 200 and first.json()["status"] == "completed" and not first.json()["duplicate"]
    )
    assert second.status_code == 200 and second.json()["duplicate"]
    conflict = client.post(url, {**body, "submission_id": str(uuid.uuid4())}, format="json")
    assert conflict.status_code == 409


def test_visits_list_hides_coming_visits(world, part):
    for persona in ("office_staff", "governor", "liaison", "county_deputy"):
        ids = {
            v["id"] for v in _api(world.users[persona]).get("/api/v1/inspection-visits/").json()["results"]
        }
        assert part.visit_secret.pk not in ids, persona
    deputy = {
        v["id"]
        for v in _api(world.users["county_deputy"]).get("/api/v1/inspection-visits/").json()["results"]
    }
    assert part.visit_today.pk in deputy
    office = {
        v["id"] for v in _api(world.users["office_staff"]).get("/api/v1/inspection-visits/").json()["results"]
    }
    assert part.visit_today.pk not in office and part.visit_done.pk in office


def test_plan_resource_shows_seals_not_dates(world, part):
    data = _api(world.users["office_staff"]).get(f"/api/v1/inspection-plans/{part.plan.pk}/").json()
    assert data["draws"][0]["seal"] == part.draw.seal
    text = str(data)
    assert part.visit_secret.scheduled_on.isoformat() not in text
    assert "seed_hex" not in text


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/inspection-facilities/",
        "/api/v1/inspection-checklists/",
        "/api/v1/inspection-plans/",
        "/api/v1/inspection-visits/",
        "/api/v1/inspection-findings/",
    ],
)
def test_lists_in_constant_queries(world, part, path, django_assert_max_num_queries):
    client = _api(world.users["office_staff"])
    client.get(path)
    with django_assert_max_num_queries(12):
        assert client.get(path).status_code == 200
