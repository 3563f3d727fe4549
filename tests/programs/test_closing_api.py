"""Closing a reporting period over the API: the page's permissions, the version rule of the other API
writes (missing → 400, stale → 409), a second closing refused in Persian, a period not yet over
refused, no reopening (only a returned value is corrected, once), and the schema documents it all."""

import datetime as dt

import pytest
from rest_framework.test import APIClient

from peygir.programs.models import ExpectedValue, IndicatorValue, PeriodClosure
from peygir.programs.periods import SEASON, period_of
from peygir.programs.values import Row, values_enter
from tests.auth import sign_in
from tests.programs.factories import indicator

pytestmark = pytest.mark.django_db

URL = "/api/v1/period-closures/"


@pytest.fixture
def api(world):
    def make(persona):
        client = APIClient()
        sign_in(client, world.users[persona])
        return client

    return make


@pytest.fixture
def camps(world):
    return indicator(indicator__name="شمار پذیرش در مراکز ماده ۱۶", kind="number", direction="lower",
                     period_type="season")  # fmt: skip


def state(client, world, period="1403-S1"):
    return client.get(f"{URL}state/", {"territory": world.province.pk, "period": period})


def close(client, world, version, period="1403-S1", **extra):
    body = {"territory": world.province.pk, "period": period, "reason": "پایان مهلت گزارش", **extra}
    if version is not None:
        body["version"] = version
    return client.post(URL, body, format="json")


def test_state_then_close_with_the_version_read(api, world, small, camps):
    values_enter(user=None, indicator=camps, period="1403-S1", rows=[Row(small.arak, value=3)])
    staff = api("office_staff")
    read = state(staff, world)
    assert read.status_code == 200, read.json()
    body = read.json()
    assert body["closed"] is False and body["may_close"] is True and body["closure"] is None
    assert body["missing_count"] == 2 and sorted(body["missing"][0]["territories"]) == ["خمین", "ساوه"]
    assert body["ends_on"] == "2024-06-20" and body["label"] == "بهار ۱۴۰۳"
    closed = close(staff, world, body["version"])
    assert closed.status_code == 201, closed.json()
    closure = PeriodClosure.objects.get()
    assert closed.json()["id"] == closure.pk and closed.json()["missing_count"] == 2
    assert closed.json()["period"] == "1403-S1" and closed.json()["closed_by"]
    assert closure.closed_by == world.users["office_staff"]
    assert ExpectedValue.objects.filter(closure=closure, reported=False).count() == 2
    after = state(staff, world).json()
    assert after["closed"] is True and after["may_close"] is False and after["closure"]["id"] == closure.pk
    # A second closing: refused in Persian, nothing new.
    again = close(staff, world, after["version"])
    assert again.status_code == 400 and "پیش‌تر بسته شده" in again.json()["period"][0]
    assert PeriodClosure.objects.count() == 1


def test_a_missing_or_stale_version_closes_nothing(api, world, small, camps):
    staff = api("office_staff")
    missing = close(staff, world, None)
    assert missing.status_code == 400 and "نسخه" in missing.json()["version"][0]
    read = state(staff, world).json()["version"]
    # Somebody enters a value after the state was read: the closing would record another list.
    values_enter(user=None, indicator=camps, period="1403-S1", rows=[Row(small.saveh, value=1)])
    stale = close(staff, world, read)
    assert stale.status_code == 409 and stale.json()["code"] == "conflict"
    assert "دوباره بخوانید" in stale.json()["detail"]
    assert not PeriodClosure.objects.exists() and not ExpectedValue.objects.exists()
    assert close(staff, world, state(staff, world).json()["version"]).status_code == 201


def test_a_period_not_yet_over_is_refused(api, world, camps):
    staff = api("office_staff")
    current = period_of(dt.date.today(), SEASON).key
    read = state(staff, world, current).json()
    assert read["may_close"] is False
    refused = close(staff, world, read["version"], period=current)
    assert refused.status_code == 400 and "به پایان نرسیده" in refused.json()["period"][0]
    bad = close(staff, world, read["version"], period="1403-S9")
    assert bad.status_code == 400 and bad.json()["period"]
    assert not PeriodClosure.objects.exists()


@pytest.mark.parametrize("persona", ["county_deputy", "liaison", "inspector", "foreign_staff"])
def test_who_may_not_approve_in_the_province_closes_nothing(api, world, camps, persona):
    version = state(api("office_staff"), world).json()["version"]
    refused = close(api(persona), world, version)
    assert refused.status_code == 404
    assert not PeriodClosure.objects.exists() and not ExpectedValue.objects.exists()


def test_readers_see_the_state_others_do_not(api, world, camps):
    assert state(api("inspector"), world).json()["may_close"] is False  # reads, does not approve
    for persona in ("county_deputy", "liaison", "foreign_staff"):
        assert state(api(persona), world).status_code == 404
    county = api("office_staff").get(f"{URL}state/", {"territory": world.county.pk, "period": "1403-S1"})
    assert county.status_code == 404  # counties close nothing


def test_no_reopening_only_a_returned_value_is_corrected_once(api, world, small, camps):
    deputy, staff = api("county_deputy"), api("office_staff")
    values_enter(user=None, indicator=camps, period="1403-S1", rows=[Row(small.arak, value=3)])
    approved = deputy.post(
        "/api/v1/indicator-values/approve/",
        {"territory": small.arak.pk, "period": "1403-S1", "level": "county"},
        format="json",
    )
    assert approved.status_code == 200
    closed = close(staff, world, state(staff, world).json()["version"]).json()
    for method in ("delete", "put", "patch"):
        assert getattr(staff, method)(f"{URL}{closed['id']}/", {}, format="json").status_code == 405
    assert PeriodClosure.objects.filter(pk=closed["id"]).exists()
    value = IndicatorValue.objects.get()
    rows = [{"territory": small.arak.code, "period": "1403-S1", "value": 5}]
    bulk = {"indicator": camps.pk, "rows": rows}
    assert staff.post("/api/v1/indicator-values/bulk/", bulk, format="json").status_code == 400
    reopened = deputy.post(
        f"/api/v1/indicator-values/{value.pk}/reopen/", {"reason": "اشتباه"}, format="json"
    )
    assert reopened.status_code == 200
    assert staff.post("/api/v1/indicator-values/bulk/", bulk, format="json").status_code == 201
    bulk["rows"][0]["value"] = 6
    again = staff.post("/api/v1/indicator-values/bulk/", bulk, format="json")
    assert again.status_code == 400 and "بسته شده" in again.json()["rows"][0]["errors"][0]
    value.refresh_from_db()
    assert value.value == 5


def test_closings_listed_for_the_provinces_readers(api, world, camps, django_assert_max_num_queries):
    from tests.programs.factories import PeriodClosureFactory

    for year in range(1390, 1398):
        PeriodClosureFactory(territory=world.province, year=year, closed_by=world.users["office_staff"])
    PeriodClosureFactory(territory=world.other_province)
    staff = api("office_staff")
    with django_assert_max_num_queries(8):
        listing = staff.get(URL)
    assert listing.status_code == 200 and listing.json()["count"] == 8
    mine = listing.json()["results"][0]
    assert staff.get(f"{URL}{mine['id']}/").status_code == 200
    assert api("foreign_staff").get(f"{URL}{mine['id']}/").status_code == 404
    assert api("foreign_staff").get(URL).json()["count"] == 1
    assert staff.get(URL, {"year": 1391}).json()["count"] == 1


def test_the_schema_documents_the_closing(api, world):
    schema = api("office_staff").get("/api/v1/schema/", {"format": "json"}).json()
    create = schema["paths"]["/api/v1/period-closures/"]["post"]
    assert {"201", "400", "404", "409"} <= set(create["responses"])
    body = schema["components"]["schemas"]["PeriodClose"]
    assert "version" in body["required"]
    assert "get" in schema["paths"]["/api/v1/period-closures/state/"]
