"""The OpenAPI schema documents every demand and Open311 endpoint and still validates without warnings."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

PATHS = [
    "/api/v1/offices/",
    "/api/v1/offices/{id}/",
    "/api/v1/demand-categories/",
    "/api/v1/demand-categories/{id}/",
    "/api/v1/demand-categories/tree/",
    "/api/v1/routing-rules/",
    "/api/v1/routing-rules/{id}/",
    "/api/v1/demands/",
    "/api/v1/demands/{id}/",
    "/api/v1/demands/similar/",
    "/api/v1/demands/rate/",
    "/api/v1/demands/{id}/supporters/",
    "/api/v1/demands/{id}/merge/",
    "/api/v1/demands/{id}/route/",
    "/api/v1/demands/{id}/reroute/",
    "/api/v1/demands/{id}/assign/",
    "/api/v1/demands/{id}/accept-plan/",
    "/api/v1/demands/{id}/decline-plan/",
    "/api/v1/demands/{id}/verify/",
    "/api/v1/demands/{id}/reject-done/",
    "/api/v1/demands/{id}/close-rejected/",
    "/api/v1/demands/{id}/public-note/",
    "/api/v1/demands/{id}/not-ours/",
    "/api/v1/demands/{id}/planned/",
    "/api/v1/demands/{id}/done/",
    "/api/v1/demands/{id}/attachments/{attachment_id}/",
    "/open311/v2/services.json",
    "/open311/v2/services.xml",
    "/open311/v2/requests.json",
    "/open311/v2/requests.xml",
    "/open311/v2/requests/{service_request_id}.json",
    "/open311/v2/requests/{service_request_id}.xml",
    "/open311/v2/requests/{service_request_id}/confirm.json",
]


def test_schema_validates_and_lists_the_demand_paths(tmp_path):
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    text = target.read_text()
    for path in PATHS:
        assert f"  {path}:" in text, path


def test_personal_fields_are_not_in_list_or_open311_shapes(tmp_path):
    """The schema itself says so: the list row and Open311 request have no citizen fields."""
    target = tmp_path / "schema.json"
    call_command("spectacular", "--format", "openapi-json", "--file", str(target))
    components = json.loads(target.read_text())["components"]["schemas"]
    for name in ("Demand", "ServiceRequest"):
        props = components[name]["properties"]
        assert not {"citizen_name", "citizen_mobile", "first_name", "phone"} & set(props), name
    assert {"citizen_name", "citizen_mobile"} <= set(components["DemandDetail"]["properties"])
