"""The persona matrix of the demand API: who reads, who writes, and a denied write changes nothing.

Personas: anonymous, the facilitator of the demand's office, a facilitator of another office, the
liaison of the agency it is routed to, another agency's liaison, provincial office staff, and office
staff of another province.
"""

from __future__ import annotations

import pytest

from peygir.demands.models import Demand, DemandEvent, DemandRoute

from .conftest import AGENCY_SIDE, OFFICE_SIDE, PERSONAL, PERSONAS, READERS

pytestmark = pytest.mark.django_db

PERSONAL_KEYS = {"citizen_name", "citizen_mobile", "supporters"}


def snapshot(demand: Demand) -> tuple:
    demand.refresh_from_db()
    return (
        demand.status,
        demand.agency_id,
        demand.version,
        demand.public_note,
        demand.proposed_date,
        demand.expected_on,
        demand.supporters_count,
        DemandEvent.objects.filter(demand=demand).count(),
        DemandRoute.objects.filter(demand=demand).count(),
    )


@pytest.mark.parametrize("persona", PERSONAS)
def test_list(api, dw, persona):
    response = api(persona).get("/api/v1/demands/")
    if persona is None:
        assert response.status_code == 401
        return
    assert response.status_code == 200
    rows = response.json()["results"]
    assert (dw.demand.pk in {r["id"] for r in rows}) == (persona in READERS)
    for row in rows:  # never personal data in a list, whoever asks
        assert not PERSONAL_KEYS & set(row)
    assert "زهرا" not in response.content.decode() and "1234567" not in response.content.decode()


@pytest.mark.parametrize("persona", PERSONAS)
def test_detail(api, dw, persona):
    response = api(persona).get(f"/api/v1/demands/{dw.demand.pk}/")
    if persona is None:
        assert response.status_code == 401
        return
    if persona not in READERS:
        assert response.status_code == 404
        return
    assert response.status_code == 200
    body = response.json()
    assert body["tracking_code"] == dw.demand.tracking_code
    assert body["personal_data_visible"] is (persona in PERSONAL)
    if persona in PERSONAL:
        assert body["citizen_name"] == "زهرا کریمی"
        assert body["citizen_mobile"] == "+989121234567"
    else:  # the agency sees the demand, never who asked
        assert not PERSONAL_KEYS & set(body)
        assert "زهرا" not in response.content.decode() and "1234567" not in response.content.decode()


# step → (body, who may)
OFFICE_WRITES = {
    "reroute": lambda w: {"agency": w.other_agency.pk, "reason": "مربوط به دانشگاه است"},
    "public-note": lambda w: {"text": "در دست بررسی"},
    "supporters": lambda w: {"citizen_name": "علی", "citizen_mobile": "09351112233", "consent": True},
}
AGENCY_WRITES = {
    "not-ours": lambda w: {"reason": "مربوط به ما نیست"},
    "planned": lambda w: {"date": "2099-01-01", "note": "در برنامه سال بعد"},
    "done": lambda w: {"text": "انجام شد"},
}


@pytest.mark.parametrize("step", [*OFFICE_WRITES, *AGENCY_WRITES])
@pytest.mark.parametrize("persona", PERSONAS)
def test_writes(api, world, dw, persona, step):
    body = {**OFFICE_WRITES, **AGENCY_WRITES}[step](world)
    allowed = OFFICE_SIDE if step in OFFICE_WRITES else AGENCY_SIDE
    before = snapshot(dw.demand)
    body["version"] = dw.demand.version
    response = api(persona).post(f"/api/v1/demands/{dw.demand.pk}/{step}/", body, format="json")
    if persona is None:
        assert response.status_code == 401
    elif persona in allowed:
        assert response.status_code == 200, response.json()
        assert snapshot(dw.demand) != before
        return
    else:
        assert response.status_code == 404, (persona, response.content)
    assert snapshot(dw.demand) == before


@pytest.mark.parametrize("step", ["accept-plan", "decline-plan", "verify", "reject-done", "assign", "route"])
@pytest.mark.parametrize("persona", [p for p in PERSONAS if p not in OFFICE_SIDE])
def test_office_decisions_denied(api, world, dw, persona, step):
    """Whatever state the demand is in, outsiders and the agency cannot take the office's decisions."""
    done = {"text": "انجام شد", "version": dw.demand.version}
    api("liaison").post(f"/api/v1/demands/{dw.demand.pk}/done/", done, format="json")
    before = snapshot(dw.demand)
    version = type(dw.demand).objects.values_list("version", flat=True).get(pk=dw.demand.pk)
    body = {"reason": "دلیل", "agency": world.other_agency.pk, "public_note": "تأیید", "version": version}
    response = api(persona).post(f"/api/v1/demands/{dw.demand.pk}/{step}/", body, format="json")
    assert response.status_code == (401 if persona is None else 404)
    assert snapshot(dw.demand) == before


@pytest.mark.parametrize("persona", PERSONAS)
def test_intake_matrix(api, world, dw, persona):
    """The office's facilitator and provincial office staff register in that office (can_register_for);
    the rest get 404 and nothing is created."""
    count = Demand.objects.count()
    body = {
        "office": dw.office.pk,
        "category": dw.category.pk,
        "neighbourhood": dw.neighbourhood.pk,
        "title": "روشنایی کوچه",
        "description": "کوچه شب‌ها تاریک است.",
        "citizen_name": "مریم",
        "citizen_mobile": "09121112233",
        "consent": True,
    }
    response = api(persona).post("/api/v1/demands/", body, format="json")
    if persona in ("facilitator", "office_staff"):
        assert response.status_code == 201, response.json()
        assert Demand.objects.count() == count + 1
        return
    assert response.status_code == (401 if persona is None else 404)
    assert Demand.objects.count() == count
