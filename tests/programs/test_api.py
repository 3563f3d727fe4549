"""The programs and indicators API: bulk values with per-row errors (all or nothing), approvals,
corrections, figures, programs and duties."""

from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from peygir.programs.models import Duty, IndicatorValue
from tests.auth import sign_in


@pytest.fixture
def api(world):
    def make(persona):
        client = APIClient()
        sign_in(client, world.users[persona])
        return client

    return make


def bulk(client, indicator, rows):
    return client.post(
        "/api/v1/indicator-values/bulk/", {"indicator": indicator.pk, "rows": rows}, format="json"
    )


def test_bulk_values_all_or_nothing_with_per_row_errors(api, world, small, divorce_rate):
    client = api("office_staff")
    response = bulk(
        client,
        divorce_rate,
        [
            {"territory": small.arak.code, "period": "۱۴۰۳-S1", "numerator": "۱۲۰"},
            {"territory": small.saveh.code, "period": "1403-S1", "numerator": "abc"},
            {"territory": small.khomein.code, "period": "1403-M01", "numerator": 5},
            {"territory": small.yazd.code, "period": "1403-S1", "numerator": 5},
        ],
    )
    assert response.status_code == 400
    rows = {r["row"]: r["errors"] for r in response.json()["rows"]}
    assert sorted(rows) == [2, 3, 4]
    assert "عدد نیست" in rows[2][0] and "اجازه" in rows[4][0]
    assert not IndicatorValue.objects.exists()
    response = bulk(
        client,
        divorce_rate,
        [
            {"territory": small.arak.code, "period": "۱۴۰۳-S1", "numerator": "۱۲۰"},
            {"territory": "ساوه", "period": "1403-S1", "numerator": 90},
            {"territory": small.arak.code, "period": "1403-S2", "numerator": 300, "comment": "افزایش"},
        ],
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["created"] == 3 and [f["row"] for f in body["flagged"]] == [3]
    figure = client.get(
        f"/api/v1/indicators/{divorce_rate.pk}/figure/", {"territory": world.province.pk, "period": "1403-S1"}
    )
    assert figure.status_code == 200
    assert Decimal(figure.json()["value"]) == Decimal("1.4")
    assert figure.json()["reported"] == 2 and len(figure.json()["value_ids"]) == 2


def test_bulk_refuses_a_locked_value_per_row(api, world, small, addiction_camps):
    deputy = api("county_deputy")
    assert (
        bulk(
            deputy, addiction_camps, [{"territory": small.arak.code, "period": "1403-S1", "value": 4}]
        ).status_code
        == 201
    )
    approve = deputy.post(
        "/api/v1/indicator-values/approve/",
        {"territory": small.arak.pk, "period": "1403-S1", "level": "county"},
        format="json",
    )
    assert approve.status_code == 200 and approve.json() == {"approved": 1}
    again = bulk(deputy, addiction_camps, [{"territory": small.arak.code, "period": "1403-S1", "value": 5}])
    assert again.status_code == 400 and "قفل" in again.json()["rows"][0]["errors"][0]
    value = IndicatorValue.objects.get()
    refused = api("liaison").post(
        f"/api/v1/indicator-values/{value.pk}/reopen/", {"reason": "x"}, format="json"
    )
    assert refused.status_code == 404
    reopened = deputy.post(
        f"/api/v1/indicator-values/{value.pk}/reopen/", {"reason": "اشتباه"}, format="json"
    )
    assert reopened.status_code == 200 and reopened.json()["status"] == "draft"
    province = api("office_staff").post(
        "/api/v1/indicator-values/approve/",
        {"territory": world.province.pk, "period": "1403-S1", "level": "province"},
        format="json",
    )
    assert province.status_code == 400  # counties missing, and Arak no longer approved
    assert IndicatorValue.objects.get().status == "draft"


def test_programs_and_duties(api, world):
    staff = api("office_staff")
    created = staff.post(
        "/api/v1/programs/",
        {
            "title": "برنامه تحول و تعالی",
            "theme": "culture",
            "territory": world.province.pk,
            "owner": world.office.pk,
            "start_year": 1403,
            "end_year": 1405,
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    program_id = created.json()["id"]
    goal = staff.post(
        f"/api/v1/programs/{program_id}/goals/", {"title": "ارتقای نشاط اجتماعی"}, format="json"
    )
    assert goal.status_code == 201
    duty = staff.post(
        "/api/v1/duties/",
        {
            "program": program_id,
            "title": "گزارش فصلی",
            "responsible": world.agency.pk,
            "recurrence": "season",
            "goal": goal.json()["id"],
        },
        format="json",
    )
    assert duty.status_code == 201, duty.json()
    assert len(duty.json()["actions"]) == 1
    refused = api("liaison").post(
        "/api/v1/duties/",
        {"program": program_id, "title": "x", "responsible": world.agency.pk, "deadline": "1405/01/01"},
        format="json",
    )
    assert refused.status_code == 404 and Duty.objects.count() == 1
    listing = api("liaison").get("/api/v1/duties/")
    assert [d["id"] for d in listing.json()["results"]] == [duty.json()["id"]]


def test_value_list_query_count(api, world, small, addiction_camps, django_assert_max_num_queries):
    from peygir.programs.values import Row, values_enter

    for season in range(1, 5):
        values_enter(
            user=None,
            indicator=addiction_camps,
            period=f"1403-S{season}",
            rows=[Row(t, value=season) for t in (small.arak, small.saveh, small.khomein)],
        )
    client = api("office_staff")
    with django_assert_max_num_queries(8):
        assert client.get("/api/v1/indicator-values/").status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get("/api/v1/duties/").status_code == 200
