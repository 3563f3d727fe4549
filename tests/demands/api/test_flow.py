"""A demand's life through the REST API: intake → routed → planned → accepted → done → verified → rated,
and the bad input on the way (a mobile in any digits, an invalid one, a wrong tracking code)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from peygir.core.jalali import format_jalali
from peygir.demands.models import Demand, DemandAttachment

from .conftest import PDF, intake

pytestmark = pytest.mark.django_db

S = Demand.Status


def intake_body(dw, **extra):
    return {
        "category": dw.category.pk,
        "neighbourhood": dw.neighbourhood.pk,
        "title": "کمبود معلم ریاضی",
        "description": "دبیرستان دخترانه محله معلم ریاضی ندارد.",
        "citizen_name": "فاطمه موسوی",
        "citizen_mobile": "۰۹۱۲ ۱۱۱ ۲۲۳۳",
        "consent": True,
        **extra,
    }


def test_intake_multipart_normalizes_persian_digits(api, dw, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    pdf = SimpleUploadedFile("nameh.pdf", PDF, content_type="application/pdf")
    # no `office`: the facilitator's one office is taken
    response = api("facilitator").post(
        "/api/v1/demands/", {**intake_body(dw), "files": [pdf]}, format="multipart"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["citizen_mobile"] == "+989121112233"
    assert body["office"]["id"] == dw.office.pk
    assert body["status"] == S.ROUTED and body["agency"]["id"] == dw.rule.agency_id
    assert body["expected_on"]  # the category's service level, in working days
    assert [a["original_name"] for a in body["attachments"]] == ["nameh.pdf"]
    # the attachment downloads through the API, scoped like the demand
    link = body["attachments"][0]["url"]
    assert b"".join(api("liaison").get(link).streaming_content) == PDF
    assert api("other_liaison").get(link).status_code == 404
    assert Demand.objects.get(pk=body["id"]).citizen_mobile == "+989121112233"


@pytest.mark.parametrize("mobile", ["0912", "۰۲۱۸۸۸۸۷۷۷۷", "abc", "+1 202 555 0100"])
def test_invalid_mobile_is_refused_without_echo(api, dw, mobile):
    count = Demand.objects.count()
    response = api("facilitator").post(
        "/api/v1/demands/", intake_body(dw, citizen_mobile=mobile), format="json"
    )
    assert response.status_code == 400
    assert set(response.json()) == {"citizen_mobile"}
    assert mobile not in response.content.decode()
    assert Demand.objects.count() == count


def test_intake_bad_ids_are_field_errors(api, dw):
    response = api("facilitator").post(
        "/api/v1/demands/", intake_body(dw, category=999999, office=dw.office.pk), format="json"
    )
    assert response.status_code == 400 and "category" in response.json()


def dv(demand: Demand | int) -> int:
    """The demand's version stored now (every write must send it)."""
    return Demand.objects.values_list("version", flat=True).get(pk=getattr(demand, "pk", demand))


def test_full_flow_and_rating(api, world, dw, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    demand = dw.demand
    url = f"/api/v1/demands/{demand.pk}/"
    liaison, facilitator = api("liaison"), api("facilitator")

    planned_on = timezone.localdate() + dt.timedelta(days=60)
    response = liaison.post(
        f"{url}planned/", {"date": format_jalali(planned_on), "note": "بودجه سال بعد", "version": dv(demand)}
    )
    assert response.status_code == 200, response.json()
    assert response.json()["proposed_date"] == planned_on.isoformat()

    response = facilitator.post(f"{url}accept-plan/", {"version": dv(demand)}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["expected_on"] == planned_on.isoformat()

    pdf = SimpleUploadedFile("gozaresh.pdf", PDF, content_type="application/pdf")
    response = liaison.post(
        f"{url}done/", {"text": "معلم اعزام شد", "files": [pdf], "version": dv(demand)}, format="multipart"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == S.DONE

    stale = response.json()["version"] - 1
    response = api("office_staff").post(f"{url}verify/", {"public_note": "رسیدگی شد", "version": stale})
    assert response.status_code == 409

    response = api("office_staff").post(
        f"{url}verify/", {"public_note": "معلم ریاضی آمد", "version": dv(demand)}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == S.RESOLVED
    kinds = [h["kind"] for h in response.json()["history"]]
    assert kinds and len(response.json()["routes"]) >= 1

    # the citizen rates, anonymously, with the code typed loosely and the digits in Persian
    typed = demand.tracking_code.lower().replace("-", " ")
    wrong_code = api(None).post(
        "/api/v1/demands/rate/", {"tracking_code": "2222-2222", "mobile_last4": "4567", "rating": 5}
    )
    wrong_digits = api(None).post(
        "/api/v1/demands/rate/", {"tracking_code": typed, "mobile_last4": "0000", "rating": 5}
    )
    assert wrong_code.status_code == wrong_digits.status_code == 400
    assert wrong_code.json() == wrong_digits.json()  # nothing tells which half was wrong
    response = api(None).post(
        "/api/v1/demands/rate/", {"tracking_code": typed, "mobile_last4": "۴۵۶۷", "rating": 4}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json() == {"tracking_code": demand.tracking_code, "status": S.RESOLVED, "rating": 4}
    demand.refresh_from_db()
    assert demand.rating == 4


def test_rating_is_rate_limited(api, dw, settings):
    settings.PEYGIR_DEMAND_STATUS_PER_IP = "3/hour"
    body = {"tracking_code": "2222-3333", "mobile_last4": "1111", "rating": 3}
    codes = [api(None).post("/api/v1/demands/rate/", body, format="json").status_code for _ in range(4)]
    assert codes == [400, 400, 400, 429]


def test_reroute_and_triage_assignment(api, world, dw):
    url = f"/api/v1/demands/{dw.demand.pk}/"
    response = api("facilitator").post(
        f"{url}reroute/", {"agency": world.other_agency.pk, "reason": "", "version": dv(dw.demand)}
    )
    assert response.status_code == 400 and "reason" in response.json()
    response = api("facilitator").post(
        f"{url}reroute/",
        {"agency": world.other_agency.pk, "reason": "مربوط به بهداشت مدارس است", "version": dv(dw.demand)},
    )
    assert response.status_code == 200, response.json()
    assert response.json()["agency"]["id"] == world.other_agency.pk
    assert api("liaison").get(url).status_code == 404  # the first agency no longer sees it
    assert api("other_liaison").get(url).status_code == 200

    response = api("other_liaison").post(
        f"{url}not-ours/", {"reason": "مربوط به آموزش و پرورش", "version": dv(dw.demand)}
    )
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == S.TRIAGE and response.json()["agency"] is None

    response = api("office_staff").post(
        f"{url}assign/", {"agency": world.agency.pk, "version": dv(dw.demand)}, format="json"
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == S.ROUTED and body["agency"]["id"] == world.agency.pk
    assert len(body["routes"]) == 4  # rule, re-route, not ours, assignment


def test_filters(api, world, dw):
    client = api("office_staff")
    assert client.get("/api/v1/demands/", {"status": "routed"}).json()["count"] == 1
    assert client.get("/api/v1/demands/", {"status": "resolved"}).json()["count"] == 0
    assert client.get("/api/v1/demands/", {"office": dw.other_office.pk}).json()["count"] == 0
    assert client.get("/api/v1/demands/", {"agency": world.agency.pk}).json()["count"] == 1
    assert client.get("/api/v1/demands/", {"neighbourhood": world.county.pk}).json()["count"] == 1
    assert client.get("/api/v1/demands/", {"neighbourhood": dw.other_neighbourhood.pk}).json()["count"] == 0
    assert client.get("/api/v1/demands/", {"category": dw.category.pk}).json()["count"] == 1
    today = timezone.localdate()
    jalali_today = format_jalali(today)  # Persian digits
    assert client.get("/api/v1/demands/", {"period_from": jalali_today}).json()["count"] == 1
    tomorrow = (today + dt.timedelta(days=1)).isoformat()
    assert client.get("/api/v1/demands/", {"period_from": tomorrow}).json()["count"] == 0
    bad = client.get("/api/v1/demands/", {"period_to": "1402/13/40"})
    assert bad.status_code == 400 and "period_to" in bad.json()
    assert client.get("/api/v1/demands/", {"status": "nonsense"}).status_code == 400


def test_similar_and_supporters(api, dw):
    response = api("facilitator").get(
        "/api/v1/demands/similar/",
        {"neighbourhood": dw.neighbourhood.pk, "text": "سرویس بهداشتی دبستان محله خراب است"},
    )
    assert response.status_code == 200, response.json()
    assert [row["demand"]["id"] for row in response.json()] == [dw.demand.pk]
    assert "citizen_name" not in response.json()[0]["demand"]
    response = api("facilitator").post(
        f"/api/v1/demands/{dw.demand.pk}/supporters/",
        {
            "citizen_name": "حسن",
            "citizen_mobile": "+98 935 111 2233",
            "consent": True,
            "version": dv(dw.demand),
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["supporters_count"] == 2
    assert response.json()["supporters"][0]["citizen_mobile"] == "+989351112233"
    body = api("liaison").get(f"/api/v1/demands/{dw.demand.pk}/").json()
    assert body["supporters_count"] == 2 and "supporters" not in body


def test_attachments_not_a_way_around_scope(api, dw):
    attachment = DemandAttachment.objects.filter(demand=dw.demand).first()
    pk = attachment.pk if attachment else 1
    response = api("other_facilitator").get(f"/api/v1/demands/{dw.demand.pk}/attachments/{pk}/")
    assert response.status_code == 404


def test_merge_a_duplicate(api, world, dw):
    duplicate = intake(
        world.users["facilitator"], dw.office, dw.neighbourhood, dw.category, citizen_name="رضا"
    )
    response = api("liaison").post(f"/api/v1/demands/{duplicate.pk}/merge/", {"into": dw.demand.pk})
    assert response.status_code == 404  # the agency does not merge
    response = api("facilitator").post(
        f"/api/v1/demands/{duplicate.pk}/merge/",
        {"into": dw.demand.pk, "reason": "تکراری", "version": dv(duplicate)},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == S.MERGED and response.json()["duplicate_of"] == dw.demand.pk
    dw.demand.refresh_from_db()
    assert dw.demand.supporters_count == 2


def test_decline_plan_and_close_rejected(api, dw):
    url = f"/api/v1/demands/{dw.demand.pk}/"
    planned_on = (timezone.localdate() + dt.timedelta(days=400)).isoformat()
    assert (
        api("liaison").post(f"{url}planned/", {"date": planned_on, "version": dv(dw.demand)}).status_code
        == 200
    )
    response = api("facilitator").post(
        f"{url}decline-plan/", {"reason": "خیلی دیر است", "version": dv(dw.demand)}
    )
    assert response.status_code == 200, response.json()
    assert response.json()["proposed_date"] is None
    response = api("office_staff").post(
        f"{url}close-rejected/", {"reason": "خارج از موضوع", "version": dv(dw.demand)}
    )
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == S.REJECTED


def test_stranger_with_a_malformed_body_gets_404(api, dw):
    """Permission before the body: the agency's liaison may not take the office's steps."""
    url = f"/api/v1/demands/{dw.demand.pk}/"
    for step in ("reroute", "assign", "public-note", "supporters", "route", "close-rejected"):
        assert api("liaison").post(f"{url}{step}/", {"agency": "x"}, format="json").status_code == 404, step
    for step in ("planned", "done", "not-ours"):
        assert api("facilitator").post(f"{url}{step}/", {"date": "x"}, format="json").status_code == 404, step


def test_stranger_creating_a_demand_with_a_malformed_body_gets_404(api, dw):
    assert api("liaison").post("/api/v1/demands/", {"category": "x"}, format="json").status_code == 404


def test_demand_write_without_version_is_refused(api, dw):
    response = api("office_staff").post(
        f"/api/v1/demands/{dw.demand.pk}/public-note/", {"text": "x"}, format="json"
    )
    assert response.status_code == 400 and list(response.json()) == ["version"]
