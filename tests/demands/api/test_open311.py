"""Open311 GeoReport v2 conformance: shapes in JSON and XML, POST then GET, status, errors, privacy."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from peygir.demands.models import Demand
from peygir.territory.models import TerritoryBoundary

pytestmark = pytest.mark.django_db

BASE = "/open311/v2"
SERVICE_KEYS = {"service_code", "service_name", "description", "metadata", "type", "keywords", "group"}
REQUEST_KEYS = {
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
}
PERSONAL_KEYS = {"first_name", "last_name", "phone", "email", "citizen_name", "citizen_mobile"}


def key(world, persona: str) -> str:
    return Token.objects.get_or_create(user=world.users[persona])[0].key


def xml(response) -> ET.Element:
    assert response["Content-Type"].startswith("text/xml")
    assert response.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    return ET.fromstring(response.content)  # noqa: S314 - our own answer, in a test


def xml_rows(root: ET.Element) -> list[dict[str, str]]:
    return [{child.tag: child.text or "" for child in item} for item in root]


def post_body(dw, **extra) -> dict:
    return {
        "service_code": "education",
        "address_id": dw.neighbourhood.pk,
        "description": "سقف کلاس دبستان چکه می‌کند.",
        "first_name": "علی",
        "last_name": "رضایی",
        "phone": "۰۹۳۵-۱۱۱-۲۲۳۳",
        **extra,
    }


# ---------------------------------------------------------------- services


def test_services_json(dw):
    response = APIClient().get(f"{BASE}/services.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    services = response.json()
    assert isinstance(services, list) and {s["service_code"] for s in services} >= {"education", "health"}
    education = next(s for s in services if s["service_code"] == "education")
    assert set(education) == SERVICE_KEYS
    assert education["metadata"] is False and education["type"] == "realtime"
    assert education["service_name"] == dw.category.name and education["group"] == dw.category.name


def test_services_xml(dw):
    root = xml(APIClient().get(f"{BASE}/services.xml", HTTP_ACCEPT="application/json"))
    assert root.tag == "services" and {child.tag for child in root} == {"service"}
    rows = xml_rows(root)
    assert set(rows[0]) == SERVICE_KEYS
    education = next(r for r in rows if r["service_code"] == "education")
    assert education["metadata"] == "false" and education["type"] == "realtime"


# ---------------------------------------------------------------- POST then GET


def test_anonymous_post_is_unconfirmed_then_confirmed_and_readable(dw, monkeypatch):
    monkeypatch.setattr("peygir.demands.intake.generate_sms_code", lambda: "123456")
    client = APIClient()
    response = client.post(f"{BASE}/requests.json", post_body(dw))  # form-encoded, as the spec posts
    assert response.status_code == 201, response.content
    [created] = response.json()
    assert set(created) == {"service_request_id", "service_notice", "account_id"}
    demand = Demand.objects.get(tracking_code=created["service_request_id"])
    assert demand.status == Demand.Status.UNCONFIRMED and demand.channel == Demand.Channel.OPEN311
    assert demand.citizen_name == "علی رضایی" and demand.citizen_mobile == "+989351112233"
    assert demand.neighbourhood_id == dw.neighbourhood.pk and demand.office_id == dw.office.pk

    code = created["service_request_id"]
    wrong = client.post(f"{BASE}/requests/{code}/confirm.json", {"code": "000000"})
    assert wrong.status_code == 400 and wrong.json()[0]["code"] == 400
    confirmed = client.post(f"{BASE}/requests/{code}/confirm.json", {"code": "۱۲۳۴۵۶"})
    assert confirmed.status_code == 200, confirmed.content
    assert confirmed.json()[0]["status"] == "open"

    # the citizen reads it back with the extension mobile_last4 (the status page's check)
    response = client.get(f"{BASE}/requests/{code}.json", {"mobile_last4": "2233"})
    assert response.status_code == 200, response.content
    [row] = response.json()
    assert set(row) == REQUEST_KEYS and not PERSONAL_KEYS & set(row)
    assert row["service_request_id"] == code and row["status"] == "open"
    assert row["service_code"] == "education" and row["address_id"] == dw.neighbourhood.pk
    assert "علی" not in response.content.decode() and "2233" not in response.content.decode()

    root = xml(client.get(f"{BASE}/requests/{code}.xml", {"mobile_last4": "۲۲۳۳"}))
    assert root.tag == "service_requests" and [c.tag for c in root] == ["request"]
    assert xml_rows(root)[0]["service_request_id"] == code

    wrong_digits = client.get(f"{BASE}/requests/{code}.json", {"mobile_last4": "9999"})
    unknown = client.get(f"{BASE}/requests/2222-2222.json", {"mobile_last4": "2233"})
    assert wrong_digits.status_code == unknown.status_code == 404
    assert wrong_digits.json() == unknown.json()


def test_staff_post_is_confirmed_and_routed(world, dw):
    client = APIClient()
    response = client.post(f"{BASE}/requests.xml", {**post_body(dw), "api_key": key(world, "facilitator")})
    assert response.status_code == 201, response.content
    root = xml(response)
    assert root.tag == "service_requests" and [c.tag for c in root] == ["request"]
    code = xml_rows(root)[0]["service_request_id"]
    demand = Demand.objects.get(tracking_code=code)
    assert demand.status == Demand.Status.ROUTED and demand.agency_id == world.agency.pk

    for fmt in ("json", "xml"):
        response = client.get(f"{BASE}/requests/{code}.{fmt}", {"api_key": key(world, "liaison")})
        assert response.status_code == 200, response.content
        row = response.json()[0] if fmt == "json" else xml_rows(xml(response))[0]
        assert row["status"] == "open"
        assert row["agency_responsible"] == world.agency.name
        assert row["expected_datetime"].startswith(demand.expected_on.isoformat())
        assert set(row) == REQUEST_KEYS


def test_point_inside_a_boundary_finds_the_neighbourhood(world, dw):
    square = [[[48.0, 34.0], [48.1, 34.0], [48.1, 34.1], [48.0, 34.1], [48.0, 34.0]]]
    TerritoryBoundary.objects.create(
        territory=dw.other_neighbourhood, geojson={"type": "Polygon", "coordinates": square}
    )
    staff = {"api_key": key(world, "office_staff")}
    body = {**post_body(dw), **staff, "lat": "34.05", "long": "48.05"}
    del body["address_id"]
    response = APIClient().post(f"{BASE}/requests.json", body)
    assert response.status_code == 201, response.content
    demand = Demand.objects.get(tracking_code=response.json()[0]["service_request_id"])
    assert demand.neighbourhood_id == dw.other_neighbourhood.pk and demand.office_id == dw.other_office.pk

    outside = APIClient().post(f"{BASE}/requests.json", {**body, "lat": "35.5", "long": "50.0"})
    assert outside.status_code == 400
    assert outside.json()[0]["description"].startswith("address_id:")


def test_status_goes_closed_after_verify(api, world, dw):
    url = f"{BASE}/requests/{dw.demand.tracking_code}.json"
    staff = {"api_key": key(world, "office_staff")}
    assert APIClient().get(url, staff).json()[0]["status"] == "open"
    demand = dw.demand
    api("liaison").post(f"/api/v1/demands/{demand.pk}/done/", {"text": "انجام شد", "version": demand.version})
    demand.refresh_from_db()
    api("facilitator").post(
        f"/api/v1/demands/{demand.pk}/verify/", {"public_note": "سقف تعمیر شد", "version": demand.version}
    )
    [row] = APIClient().get(url, staff).json()
    assert row["status"] == "closed" and row["status_notes"] == "سقف تعمیر شد"
    closed = APIClient().get(f"{BASE}/requests.json", {**staff, "status": "closed"}).json()
    assert [r["service_request_id"] for r in closed] == [dw.demand.tracking_code]
    assert APIClient().get(f"{BASE}/requests.json", {**staff, "status": "open"}).json() == []


# ---------------------------------------------------------------- GET requests (list)


@pytest.mark.parametrize(
    "persona,sees",
    [
        ("facilitator", True),
        ("liaison", True),
        ("office_staff", True),
        ("other_liaison", False),
        ("other_facilitator", False),
        ("foreign_staff", False),
    ],
)
def test_list_is_scoped(world, dw, persona, sees):
    response = APIClient().get(f"{BASE}/requests.json", {"api_key": key(world, persona)})
    assert response.status_code == 200
    codes = [r["service_request_id"] for r in response.json()]
    assert (dw.demand.tracking_code in codes) == sees
    assert "زهرا" not in response.content.decode() and "1234567" not in response.content.decode()
    for row in response.json():
        assert not PERSONAL_KEYS & set(row)


def test_list_filters(world, dw):
    staff = {"api_key": key(world, "office_staff")}
    code = dw.demand.tracking_code

    def codes(**params):
        response = APIClient().get(f"{BASE}/requests.json", {**staff, **params})
        assert response.status_code == 200, response.content
        return [r["service_request_id"] for r in response.json()]

    assert codes() == [code]
    assert codes(service_code="health") == []
    assert codes(service_code="health,education") == [code]
    assert codes(start_date="2099-01-01T00:00:00Z") == []
    assert codes(end_date="2000-01-01T00:00:00+03:30") == []
    assert codes(service_request_id=f"{code.lower()},2222-2222", service_code="health") == [code]


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_errors_are_the_spec_array(world, dw, fmt):
    client = APIClient()
    cases = [
        (client.get(f"{BASE}/requests/2222-2222.{fmt}", {"api_key": key(world, "office_staff")}), 404),
        (client.get(f"{BASE}/requests.{fmt}"), 403),
        (client.get(f"{BASE}/requests.{fmt}", {"api_key": "not-a-key"}), 403),
        (client.post(f"{BASE}/requests.{fmt}", post_body(dw, service_code="nothing")), 400),
        (client.post(f"{BASE}/requests.{fmt}", {**post_body(dw), "description": ""}), 400),
    ]
    for response, status in cases:
        assert response.status_code == status, response.content
        if fmt == "json":
            errors = response.json()
        else:
            root = xml(response)
            assert root.tag == "errors" and {c.tag for c in root} == {"error"}
            errors = [{**row, "code": int(row["code"])} for row in xml_rows(root)]
        assert errors and all(set(e) == {"code", "description"} for e in errors)
        assert all(e["code"] == status and e["description"] for e in errors)


def test_invalid_phone_is_refused_without_echo(dw):
    count = Demand.objects.count()
    response = APIClient().post(f"{BASE}/requests.json", post_body(dw, phone="۰۲۱-۸۸۸۸۷۷۷۷"))
    assert response.status_code == 400
    assert "8888" not in response.content.decode() and "۸۸۸۸" not in response.content.decode()
    assert Demand.objects.count() == count


def test_post_is_rate_limited_per_address(dw, settings):
    settings.PEYGIR_DEMAND_SUBMIT_PER_IP = "2/hour"
    client = APIClient()
    codes = [client.post(f"{BASE}/requests.json", post_body(dw)).status_code for _ in range(3)]
    assert codes == [201, 201, 429]
    assert client.post(f"{BASE}/requests.json", post_body(dw)).json()[0]["code"] == 429


def test_citizen_lists_only_their_own_request(dw):
    client = APIClient()
    code = dw.demand.tracking_code
    response = client.get(f"{BASE}/requests.json", {"service_request_id": code, "mobile_last4": "4567"})
    assert response.status_code == 200, response.content
    assert [r["service_request_id"] for r in response.json()] == [code]
    two = client.get(
        f"{BASE}/requests.json", {"service_request_id": f"{code},2222-2222", "mobile_last4": "4567"}
    )
    assert two.status_code == 403  # one request at a time without an api_key
