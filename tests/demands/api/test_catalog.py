"""Offices, categories and routing rules: reads per persona, rule writes only by office staff."""

from __future__ import annotations

import pytest

from peygir.demands.models import DemandCategory, RoutingRule

from .conftest import PERSONAS

pytestmark = pytest.mark.django_db

OFFICE_READERS = {"facilitator", "office_staff"}  # its members and territorial readers


def _ids(response) -> set[int]:
    return {row["id"] for row in response.json()["results"]}


@pytest.mark.parametrize("persona", PERSONAS)
def test_offices(api, dw, persona):
    client = api(persona)
    response = client.get("/api/v1/offices/")
    detail = client.get(f"/api/v1/offices/{dw.office.pk}/")
    if persona is None:
        assert response.status_code == detail.status_code == 401
        return
    visible = persona in OFFICE_READERS
    assert (dw.office.pk in _ids(response)) == visible
    if persona == "facilitator":
        assert dw.other_office.pk not in _ids(response)
    assert detail.status_code == (200 if visible else 404)
    if visible:
        body = detail.json()
        assert body["opened_on"] == "2018-07-15"
        assert body["opened_on_jalali"] == "۱۳۹۷/۰۴/۲۴"
        assert body["budget_rials"] == 2_300_000_000
        assert body["budget_tomans"] == 230_000_000
        assert body["budget_display"] == "۲۳۰ میلیون تومان"
        assert body["is_pilot"] is True
        assert [n["id"] for n in body["neighbourhoods"]] == [dw.neighbourhood.pk]


@pytest.mark.parametrize("persona", PERSONAS)
def test_categories_flat_and_tree(api, dw, persona):
    child = DemandCategory.objects.create(name="ساخت مدرسه", code="school-building", parent=dw.category)
    client = api(persona)
    flat = client.get("/api/v1/demand-categories/", {"page_size": 100})
    tree = client.get("/api/v1/demand-categories/tree/")
    if persona is None:
        assert flat.status_code == tree.status_code == 401
        return
    assert child.pk in _ids(flat)
    roots = {node["code"]: node for node in tree.json()}
    assert "school-building" not in roots
    assert "school-building" in [c["code"] for c in roots["education"]["children"]]
    assert roots["education"]["service_level_days"] == dw.category.service_level_days


def rule_snapshot() -> list[tuple]:
    return list(
        RoutingRule.objects.order_by("pk").values_list("pk", "category_id", "territory_id", "agency_id")
    )


@pytest.mark.parametrize("persona", PERSONAS)
def test_rule_list(api, dw, persona):
    response = api(persona).get("/api/v1/routing-rules/")
    if persona is None:
        assert response.status_code == 401
        return
    row = next(r for r in response.json()["results"] if r["id"] == dw.rule.pk)
    assert row["category"]["code"] == "education" and row["agency"]["id"] == dw.rule.agency_id


@pytest.mark.parametrize("persona", PERSONAS)
def test_rule_writes(api, world, dw, persona):
    """Office staff of the province write rules for its territories; everyone else changes nothing."""
    client = api(persona)
    health = DemandCategory.objects.get(code="health")
    before = rule_snapshot()
    created = client.post(
        "/api/v1/routing-rules/",
        {"category": health.pk, "territory": world.county.pk, "agency": world.other_agency.pk},
        format="json",
    )
    changed = client.patch(
        f"/api/v1/routing-rules/{dw.rule.pk}/", {"agency": world.other_agency.pk}, format="json"
    )
    if persona != "office_staff":
        expected = 401 if persona is None else 404
        assert created.status_code == changed.status_code == expected
        assert client.delete(f"/api/v1/routing-rules/{dw.rule.pk}/").status_code == expected
        assert rule_snapshot() == before
        return
    assert created.status_code == 201, created.json()
    assert created.json()["territory"]["id"] == world.county.pk
    assert changed.status_code == 200, changed.json()
    assert changed.json()["agency"]["id"] == world.other_agency.pk
    clash = client.post(
        "/api/v1/routing-rules/",
        {"category": health.pk, "territory": world.county.pk, "agency": world.agency.pk},
        format="json",
    )
    assert clash.status_code == 400 and "territory" in clash.json()
    assert client.delete(f"/api/v1/routing-rules/{dw.rule.pk}/").status_code == 204
    assert not RoutingRule.objects.filter(pk=dw.rule.pk).exists()
