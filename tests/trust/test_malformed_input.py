"""Malformed input answers the documented JSON error, never an HTML 500 (issue 14 §3)."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999999"  # beyond 64 bits: SQLite raised OverflowError (a 500)


@pytest.fixture
def staff(api, world):
    client = api("office_staff")
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize(
    "url",
    [
        f"/api/v1/committees/?parent={HUGE}",
        "/api/v1/committees/?parent=-1.9757018265508207e%2B213",
        "/api/v1/territories/?parent=1e300",
        "/api/v1/routing-rules/?territory=-1.095890385330557e%2B43",
        f"/api/v1/routing-rules/?category={HUGE}",
        f"/api/v1/actions/?responsible={HUGE}",
        f"/api/v1/demands/?category={HUGE}",
        f"/api/v1/organizations/?territory={HUGE}",
    ],
)
def test_ids_beyond_64_bits_and_floats_are_a_400(staff, url):
    response = staff.get(url)
    assert response.status_code == 400, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    assert isinstance(response.json(), dict) and response.json()


@pytest.mark.parametrize(
    "query",
    [
        "start_date=2023-02-30",
        "start_date=2023-02-20T25:00:00Z",
        "end_date=99999-02-20",
        "end_date=0001-01-01T00:00:00%2B14:00",
        "start_date=0001-01-01",
        "start_date=nonsense",
    ],
)
def test_open311_impossible_dates_are_a_400(staff, world, query):
    key = Token.objects.create(user=world.users["office_staff"]).key
    response = staff.get(f"/open311/v2/requests.json?{query}&api_key={key}")
    assert response.status_code == 400, response.content[:300]
    body = response.json()
    assert body[0]["code"] == 400 and (
        "start_date" in body[0]["description"] or "end_date" in body[0]["description"]
    )


@pytest.mark.parametrize(
    ("url", "is_json", "needle"),
    [
        ("/api/v1/actions/%C2%84/", True, None),
        ("/api/v1/no-such-resource/", True, None),
        ("/open311/v2/nothing.json", True, None),
        ("/open311/v2/nothing.xml", False, b"<errors><error><code>404</code>"),
    ],
)
def test_unmatched_api_addresses_answer_in_the_apis_format(staff, url, is_json, needle):
    response = staff.get(url)
    assert response.status_code == 404
    if is_json:
        assert response["Content-Type"].startswith("application/json")
        assert response.json()
    else:
        assert needle in response.content


def test_unmatched_site_address_stays_an_html_page(staff):
    response = staff.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_unexpected_api_error_is_json(staff, world, monkeypatch, settings):
    from peygir.api import errors

    request = staff.get("/api/v1/territories/").wsgi_request
    request.path = "/api/v1/territories/"
    response = errors.machine_error(request, 500)
    assert response.status_code == 500 and response["Content-Type"].startswith("application/json")
