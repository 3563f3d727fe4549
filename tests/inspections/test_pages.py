"""The inspection pages: the visit page's form and sync endpoints, the import report, coverage and its
Excel file, the map, the published schedule, the service worker's header."""

from __future__ import annotations

import datetime as dt
import io
import json
import uuid

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from peygir.inspections.models import Facility, FacilityKind, Visit, VisitSubmission
from tests.auth import sign_in

from .factories import PNG


@pytest.fixture
def part(world):
    return world.inspections


def _client(user) -> Client:
    client = Client()
    sign_in(client, user)
    return client


def _answers(part, visit) -> list[dict]:
    raw = part.base.answers(visit)
    return [{"question": pk, **value} for pk, value in raw.items()]


def test_sync_is_idempotent_and_a_conflict_is_409(world, part):
    visit = part.visit_today
    client = _client(world.users["county_deputy"])
    url = reverse("web:visit_sync", args=[visit.pk])
    body = {
        "submission_id": str(uuid.uuid4()),
        "checklist_version": visit.checklist_version_id,
        "answers": _answers(part, visit),
        "device_submitted_at": "2020-01-01T10:00:00+03:30",
    }
    first = client.post(url, json.dumps(body), content_type="application/json")
    assert first.status_code == 200 and first.json()["ok"] and not first.json()["duplicate"]
    assert first.json()["warnings"]  # a device clock years off
    again = client.post(url, json.dumps(body), content_type="application/json")
    assert again.status_code == 200 and again.json()["duplicate"]
    other = client.post(
        url, json.dumps({**body, "submission_id": str(uuid.uuid4())}), content_type="application/json"
    )
    assert other.status_code == 409 and "پیش‌تر" in other.json()["errors"][0]
    assert VisitSubmission.objects.filter(visit=visit).count() == 1


def test_sync_refuses_bad_input_with_a_persian_message(world, part):
    client = _client(world.users["county_deputy"])
    url = reverse("web:visit_sync", args=[part.visit_today.pk])
    assert client.post(url, "not json", content_type="application/json").status_code == 400
    response = client.post(
        url, json.dumps({"submission_id": "x", "answers": []}), content_type="application/json"
    )
    assert response.status_code == 400 and "شناسه" in response.json()["errors"][0]
    assert Visit.objects.get(pk=part.visit_today.pk).status == "scheduled"


def test_photo_endpoint(world, part):
    client = _client(world.users["county_deputy"])
    url = reverse("web:visit_photo", args=[part.visit_today.pk])
    ok = client.post(url, {"client_id": "a1", "file": SimpleUploadedFile("a.png", PNG)})
    assert ok.status_code == 200 and ok.json()["created"]
    again = client.post(url, {"client_id": "a1", "file": SimpleUploadedFile("a.png", PNG)})
    assert again.json() == {"ok": True, "id": ok.json()["id"], "created": False}
    bad = client.post(url, {"client_id": "a2", "file": SimpleUploadedFile("a.png", b"GIF89a")})
    assert bad.status_code == 400 and bad.json()["errors"]


def test_the_visit_page_form_submits_without_javascript(world, part):
    visit = part.visit_today
    client = _client(world.users["county_deputy"])
    page = client.get(reverse("web:visit_detail", args=[visit.pk]))
    assert page.status_code == 200 and 'id="pg-visit-form"' in page.content.decode()
    assert "<script>" not in page.content.decode()
    data = {"submission_id": str(uuid.uuid4()), "note": "بدون مشکل"}
    for q in visit.checklist_version.questions.all():
        data[f"q-{q.pk}"] = {"yes_no": "yes", "scale": "۵", "number": "۳", "text": "خوب"}.get(q.kind, "")
    response = client.post(reverse("web:visit_detail", args=[visit.pk]), data)
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.status == "completed" and visit.score == 100


def test_a_missing_answer_is_a_clear_message(world, part):
    client = _client(world.users["county_deputy"])
    response = client.post(
        reverse("web:visit_detail", args=[part.visit_today.pk]), {"submission_id": str(uuid.uuid4())}
    )
    assert response.status_code == 400 and "پاسخ دهید" in response.content.decode()


def test_service_worker_scope_header(world):
    response = Client().get(reverse("web:inspections_sw"))
    assert response["Service-Worker-Allowed"] == "/inspections/"
    assert response["Content-Type"].startswith("application/javascript")


def test_facility_import_reports_row_by_row(world, part):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(
        [
            "نام مرکز",
            "نوع مرکز",
            "شهرستان",
            "دستگاه مسئول",
            "شماره پروانه",
            "نشانی",
            "عرض جغرافیایی",
            "طول جغرافیایی",
        ]
    )
    sheet.append(
        [
            "مرکز نگهداری سالمندان مهر",
            "مرکز نگهداری سالمندان",
            "شهرستان اراک",
            world.agency.name,
            "۵۵۵",
            "خیابان شریعتی",
            "۳۴٫۰۹",
            "49.69",
        ]
    )
    sheet.append(["کمپ امید", "کمپ", "شهرستان اراک", world.agency.name, "", "", "", ""])
    sheet.append(["باشگاه ورزشی", "اماکن ورزشی", "شهرستان ناکجا", world.agency.name, "", "", "", ""])
    sheet.append(
        [
            "کشتارگاه تکراری",
            "کشتارگاه",
            "شهرستان اراک",
            world.agency.name,
            part.facility.licence_number,
            "",
            "",
            "",
        ]
    )
    sheet.append(["مرکز بی‌مختصات", "کمپ ترک اعتیاد", "شهرستان اراک", world.agency.name, "", "", "99", ""])
    out = io.BytesIO()
    book.save(out)
    client = _client(world.users["office_staff"])
    # The page names the words the kind column accepts.
    form = client.get(reverse("web:facility_import")).content.decode()
    listed = form.split('id="pg-import-kinds"')[1].split("</p>")[0]
    assert all(str(label) in listed for _value, label in FacilityKind.choices)
    response = client.post(
        reverse("web:facility_import"), {"file": SimpleUploadedFile("f.xlsx", out.getvalue())}
    )
    assert response.status_code == 200
    report = response.context["report"]
    assert [(r.row, r.ok) for r in report.rows] == [(2, True), (3, False), (4, False), (5, False), (6, False)]
    messages = [r.message for r in report.rows]
    assert (
        "نوع مرکز" in messages[1]
        and "شهرستان" in messages[2]
        and "پروانه" in messages[3]
        and "محدوده" in messages[4]
    )
    facility = Facility.objects.get(name="مرکز نگهداری سالمندان مهر")
    assert facility.kind == "elderly_care" and str(facility.latitude) == "34.090000"
    bad = client.post(
        reverse("web:facility_import"), {"file": SimpleUploadedFile("f.xlsx", b"PK\x03\x04 broken")}
    )
    assert bad.status_code == 400 and "اکسل" in bad.content.decode()


def test_coverage_page_and_excel(world, part):
    client = _client(world.users["office_staff"])
    today = part.draw.period_start
    params = {"period_from": f"{today:%Y-%m-%d}", "group_by": "county"}
    page = client.get(reverse("web:inspection_coverage"), params)
    assert page.status_code == 200
    total = page.context["data"].total
    # two drawn, one done (the extra ones of the world are not drawn: their kind is scheduled too)
    assert total.planned == 4 and total.completed == 1 and total.missed == 1 and total.open_findings == 1
    response = client.get(reverse("web:inspection_coverage_xlsx"), {**params, "group_by": "kind"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.sheet_view.rightToLeft
    assert [c.value for c in sheet[4]][:4] == ["کشتارگاه", 4, 1, 1]
    # The agency reads no plan: nothing.
    agency = _client(world.users["liaison"]).get(reverse("web:inspection_coverage"), params)
    assert agency.context["data"].rows == []


def test_map_data_colours_by_last_score(world, part):
    Facility.objects.filter(pk=part.facility.pk).update(latitude="34.09", longitude="49.69")
    data = _client(world.users["office_staff"]).get(reverse("web:inspection_map_data")).json()
    assert [p["id"] for p in data["points"]] == [part.facility.pk]
    assert data["points"][0]["score"] is not None
    page = _client(world.users["office_staff"]).get(reverse("web:inspection_map"))
    assert "<script>" not in page.content.decode() and "pg-map-data" in page.content.decode()


def test_published_draw_page_verifies(world, part):
    page = _client(world.users["office_staff"]).get(reverse("web:draw_detail", args=[part.published_draw.pk]))
    assert page.status_code == 200 and page.context["check"].ok
    assert part.published_draw.seed_hex in page.content.decode()


def test_a_published_draw_hides_its_later_back_checks_still_to_come(world, part):
    """A back-check drawn after the period keeps its secret until its day, even on the published page."""
    later = Visit.objects.create(
        draw=part.published_draw,
        kind=Visit.Kind.BACK_CHECK,
        facility=part.facility,
        inspector=world.users["county_deputy"],
        organization=world.county_gov,
        checklist_version=part.visit_today.checklist_version,
        scheduled_on=part.visit_secret.scheduled_on,
    )
    page = _client(world.users["office_staff"]).get(reverse("web:draw_detail", args=[part.published_draw.pk]))
    assert later not in page.context["visits"]


def test_query_counts_do_not_grow_with_data(world, part, django_assert_max_num_queries):
    client = _client(world.users["office_staff"])
    for name, kwargs in [
        ("web:facility_list", None),
        ("web:plan_detail", {"pk": part.plan.pk}),
        ("web:facility_detail", {"pk": part.facility.pk}),
        ("web:inspection_coverage", None),
    ]:
        client.get(reverse(name, kwargs=kwargs))  # warm the caches
        with django_assert_max_num_queries(25):
            assert client.get(reverse(name, kwargs=kwargs)).status_code == 200
    deputy = _client(world.users["county_deputy"])
    with django_assert_max_num_queries(25):
        deputy.get(reverse("web:inspector_home"))
    with django_assert_max_num_queries(30):
        deputy.get(reverse("web:visit_detail", args=[part.visit_today.pk]))
    _ = dt
