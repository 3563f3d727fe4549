"""The API: candidates for the office, decisions with permission before the body, undo with its
version, the entry check for agencies' own systems."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from peygir.coordination.models import Decision
from tests.auth import sign_in

from .conftest import OURS, work
from .factories import CandidatePairFactory

pytestmark = pytest.mark.django_db


def api(world, persona):
    return sign_in(APIClient(), world.users[persona])


def _pair(place):
    return CandidatePairFactory(entries=(work(place, place.ngo), work(place, place.headquarters, title=OURS)))


def test_the_office_lists_and_decides_candidates(place, sources):
    pair = _pair(place)
    client = api(place.world, "office_staff")
    listing = client.get("/api/v1/coordination/candidates/").json()
    assert [row["id"] for row in listing["results"]] == [pair.pk]
    assert listing["results"][0]["a"]["organization_name"]
    url = f"/api/v1/coordination/candidates/{pair.pk}/decide/"
    assert client.post(url, {"outcome": "same_work"}, format="json").status_code == 400  # no lead
    response = client.post(url, {"outcome": "same_work", "lead": "a"}, format="json")
    assert response.status_code == 201 and response.json()["lead"] == "a"
    assert client.post(url, {"outcome": "co_funded"}, format="json").status_code == 404  # decided: not open


def test_permission_before_the_body(place):
    pair = _pair(place)
    client = api(place.world, "liaison")
    response = client.post(
        f"/api/v1/coordination/candidates/{pair.pk}/decide/", "<<<", content_type="application/json"
    )
    assert response.status_code == 404 and not Decision.objects.exists()


def test_a_decision_by_who_acts_for_one_record_and_its_undo(place):
    theirs = work(place, place.world.other_agency, kind="resolution")
    ours = work(place, place.world.agency, kind="duty", title=OURS)
    body = {
        "first": f"duty:{ours.object_id}",
        "second": f"resolution:{theirs.object_id}",
        "outcome": "justified",
    }
    stranger = api(place.world, "ngo")
    assert (
        stranger.post("/api/v1/coordination/decisions/", {**body, "note": "x"}, format="json").status_code
        == 404
    )
    liaison = api(place.world, "liaison")  # reports for the agency: its duty
    assert liaison.post("/api/v1/coordination/decisions/", body, format="json").status_code == 400  # a reason
    created = liaison.post(
        "/api/v1/coordination/decisions/", {**body, "note": "گروه هدف دیگر"}, format="json"
    )
    assert created.status_code == 201
    decision = created.json()
    url = f"/api/v1/coordination/decisions/{decision['id']}/undo/"
    assert liaison.post(url, {"version": 5}, format="json").status_code == 409
    undone = liaison.post(url, {"version": decision["version"], "reason": "اشتباه"}, format="json")
    assert undone.status_code == 200 and undone.json()["undone_at"]
    assert liaison.post(url, {}, format="json").status_code == 400  # twice: refused


@pytest.mark.parametrize(
    "body",
    [
        {"first": "duty:1'; DROP TABLE x", "second": "project:2", "outcome": "co_funded"},
        {"first": "duty:" + "9" * 30, "second": "project:2", "outcome": "co_funded"},
        {"first": "duty:1", "second": "duty:1", "outcome": "co_funded"},
        {"first": "duty:1", "second": "project:2", "outcome": "<b>"},
    ],
)
def test_hostile_decisions_are_400_and_write_nothing(place, body):
    client = api(place.world, "office_staff")
    response = client.post("/api/v1/coordination/decisions/", body, format="json")
    assert response.status_code in (400, 404) and not Decision.objects.exists()


def test_the_entry_check_on_the_api(place, sources):
    work(place, place.ngo)
    client = api(place.world, "office_staff")
    params = {"title": OURS, "territory": place.county.pk, "starts_on": "۱۴۰۴/۰۱/۲۰", "ends_on": "2025-09-01"}
    found = client.get(
        "/api/v1/coordination/check/", {**params, "organization": [place.headquarters.pk]}
    ).json()
    assert found and found[0]["organization_name"] == place.ngo.name and found[0]["title"] == ""
    assert (
        client.get("/api/v1/coordination/check/", {"title": OURS, "territory": "x" * 30}).status_code == 400
    )
