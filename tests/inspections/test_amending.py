"""Amending a sealed schedule from the page and the API (issue 11): the plan's managers see the draw's
coming visits by facility and inspector, amend one with a reason (another inspector of the plan, or a
day drawn afresh), and never learn a date — not on the page, not in the API's answer, not in a
notification (test_amendment_notices.py: who is told). A stale version is refused (409 in the API); bad input is a Persian message and changes
nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from peygir.core.errors import ConflictError, NotAllowed, ValidationError
from peygir.core.jalali import format_jalali
from peygir.inspections import amendments, notify
from peygir.inspections.models import DrawAmendment, Visit
from peygir.notifications.models import Notification
from tests.auth import sign_in

from .helpers import make_inspection_world


def _date_forms(day: dt.date) -> list[str]:
    return [
        format_jalali(day),
        format_jalali(day, persian=False),
        day.isoformat(),
        format_jalali(day).replace("/", "-"),
    ]


def _assert_notices_name_no_date(before: int, actor, *days: dt.date) -> None:
    notes = list(Notification.objects.order_by("pk")[before:])
    assert notes and all(n.recipient_id != actor.pk for n in notes)
    for n in notes:
        text = f"{n.title} {n.body} {n.url}"
        for day in days:
            assert not any(form in text for form in _date_forms(day)), text


def _client(user) -> Client:
    client = Client()
    sign_in(client, user)
    return client


def _api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def iw(world):
    """Arak's plan with two inspectors, drawn and sealed; the deputy drafted it, the office approved."""
    iw = make_inspection_world(world, facilities_count=3)
    iw.sealed = iw.approve(timezone.localdate())
    return iw


def _visit(iw) -> Visit:
    return iw.sealed.visits.filter(inspector=iw.inspector).order_by("pk").first()


def _snapshot(visit: Visit) -> tuple:
    visit.refresh_from_db()
    return (visit.inspector_id, visit.scheduled_on, visit.version, DrawAmendment.objects.count())


# ---------------------------------------------------------------- the service


def test_a_stale_version_is_refused_and_nothing_changes(world, iw):
    visit = _visit(iw)
    before = _snapshot(visit)
    with pytest.raises(ConflictError):
        amendments.visit_amend(
            user=world.users["office_staff"],
            visit=visit,
            reason="بازرس در مأموریت است",
            inspector=iw.second_inspector,
            expected_version=visit.version + 1,
        )
    assert _snapshot(visit) == before


def test_the_same_inspector_without_a_new_day_is_no_amendment(world, iw):
    visit = _visit(iw)
    before = _snapshot(visit)
    with pytest.raises(ValidationError) as err:
        amendments.visit_amend(
            user=world.users["office_staff"], visit=visit, reason="هیچ", inspector=iw.inspector
        )
    assert "بازرس تازه یا قرعه روز تازه" in " ".join(err.value.messages)
    assert _snapshot(visit) == before


def test_a_back_check_is_not_amended_here(world, iw):
    visit = _visit(iw)
    back_check = Visit.objects.create(
        draw=iw.sealed,
        kind=Visit.Kind.BACK_CHECK,
        facility=visit.facility,
        inspector=iw.second_inspector,
        organization=visit.organization,
        checklist_version=visit.checklist_version,
        scheduled_on=visit.scheduled_on,
        back_check_of=visit,
    )
    with pytest.raises(ValidationError):
        amendments.visit_amend(
            user=world.users["office_staff"], visit=back_check, reason="دلیل", redraw_date=True
        )
    with pytest.raises(NotAllowed):
        amendments.visit_amend(user=world.users["liaison"], visit=visit, reason="دلیل", redraw_date=True)


def test_a_day_drawn_afresh_is_recorded_as_redrawn(world, iw):
    visit = _visit(iw)
    amendment = amendments.visit_amend(
        user=world.users["office_staff"],
        visit=visit,
        reason="مرکز در روز قرعه تعطیل رسمی محلی دارد",
        redraw_date=True,
        expected_version=visit.version,
    )
    visit.refresh_from_db()
    assert amendment.redrawn and amendment.new_date == visit.scheduled_on
    assert iw.sealed.period_start <= visit.scheduled_on <= iw.sealed.period_end
    assert visit.scheduled_on > timezone.localdate() and visit.version == 2


# ---------------------------------------------------------------- the page


def test_the_page_lists_coming_visits_without_dates(world, iw):
    url = reverse("web:draw_amend", args=[iw.sealed.pk])
    body = _client(world.users["office_staff"]).get(url).content.decode()
    coming = list(iw.sealed.visits.select_related("facility"))
    assert coming
    for visit in coming:
        assert visit.facility.name in body
        assert f'name="visit" value="{visit.pk}"' in body
        for form in _date_forms(visit.scheduled_on):
            assert form not in body, form
    # The plan's page leads its managers there, and only them.
    plan_url = reverse("web:plan_detail", args=[iw.plan.pk])
    assert url in _client(world.users["office_staff"]).get(plan_url).content.decode()
    assert url not in _client(world.users["inspector"]).get(plan_url).content.decode()
    assert _client(world.users["inspector"]).get(url).status_code == 404


def test_an_amendment_on_the_page_tells_no_date_to_the_one_who_amends(world, iw):
    office = world.users["office_staff"]
    client = _client(office)
    visit = _visit(iw)
    old_date = visit.scheduled_on
    notifications = Notification.objects.count()
    url = reverse("web:draw_amend", args=[iw.sealed.pk])
    response = client.post(
        url,
        {
            "visit": visit.pk,
            "version": visit.version,
            "inspector": iw.second_inspector.pk,
            "redraw_date": "on",
            "reason": "بازرس نخست در مأموریت است",
            "page": "1",
        },
        follow=True,
    )
    assert response.status_code == 200
    body = response.content.decode()
    visit.refresh_from_db()
    assert visit.inspector == iw.second_inspector and visit.version == 2
    amendment = DrawAmendment.objects.get(visit=visit)
    assert amendment.redrawn and amendment.amended_by == office
    assert "اصلاحیه بازدید" in body and "بازرس نخست در مأموریت است" in body
    for day in {old_date, visit.scheduled_on}:
        for form in _date_forms(day):
            assert form not in body, form
    # The inspectors concerned and the other managers are told; the one who amends is not, and no
    # notice names either date.
    _assert_notices_name_no_date(notifications, office, old_date, visit.scheduled_on)
    assert Notification.objects.filter(recipient=iw.second_inspector, kind=notify.INSPECTOR_KIND).exists()


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({"reason": ""}, "دلیل اصلاحیه را بنویسید"),
        ({"inspector": "", "redraw_date": ""}, "بازرس تازه یا قرعه روز تازه"),
        ({"inspector": "99999999"}, "بازرس تازه باید از بازرسان همین برنامه باشد"),
        ({"version": "7"}, "صفحه را دوباره باز کنید"),
        ({"visit": "ده"}, "دیگر در فهرست بازدیدهای پیش رو نیست"),
        ({"visit": ""}, "بازدیدی برای اصلاح برگزیده نشد"),
    ],
)
def test_bad_amendments_are_refused_with_a_persian_message(world, iw, over, message):
    visit = _visit(iw)
    before = _snapshot(visit)
    data = {
        "visit": visit.pk,
        "version": visit.version,
        "inspector": iw.second_inspector.pk,
        "reason": "دلیل",
    }
    data.update(over)
    response = _client(world.users["office_staff"]).post(reverse("web:draw_amend", args=[iw.sealed.pk]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert _snapshot(visit) == before


def test_a_visit_done_meanwhile_is_not_amended(world, iw):
    visit = _visit(iw)
    Visit.objects.filter(pk=visit.pk).update(status=Visit.Status.COMPLETED)
    response = _client(world.users["office_staff"]).post(
        reverse("web:draw_amend", args=[iw.sealed.pk]),
        {"visit": visit.pk, "version": visit.version, "redraw_date": "on", "reason": "دلیل"},
    )
    assert response.status_code == 400
    assert not DrawAmendment.objects.exists()


def _grow(iw, n: int) -> None:
    """n more coming visits and n amendments in the draw."""
    visit = _visit(iw)
    for _ in range(n):
        extra = Visit.objects.create(
            draw=iw.sealed,
            facility=visit.facility,
            inspector=iw.inspector,
            organization=visit.organization,
            checklist_version=visit.checklist_version,
            scheduled_on=visit.scheduled_on,
        )
        DrawAmendment.objects.create(
            draw=iw.sealed,
            visit=extra,
            reason="دلیل",
            old_inspector=iw.inspector,
            new_inspector=iw.second_inspector,
            old_date=visit.scheduled_on,
            new_date=visit.scheduled_on,
        )


def test_the_page_and_the_api_list_in_constant_queries(world, iw):
    office = world.users["office_staff"]
    client, api = _client(office), _api(office)
    page = reverse("web:draw_amend", args=[iw.sealed.pk])
    endpoint = f"/api/v1/inspection-plans/{iw.plan.pk}/coming-visits/"

    def count(fetch) -> int:
        fetch()
        with CaptureQueriesContext(connection) as queries:
            assert fetch().status_code == 200
        return len(queries)

    _grow(iw, 1)  # an empty list costs one query less (nothing to read after its count)
    small = (count(lambda: client.get(page)), count(lambda: api.get(endpoint)))
    _grow(iw, 30)
    assert (count(lambda: client.get(page)), count(lambda: api.get(endpoint))) == small


# ---------------------------------------------------------------- the API


def test_the_api_lists_coming_visits_without_dates_to_managers_only(world, iw):
    endpoint = f"/api/v1/inspection-plans/{iw.plan.pk}/coming-visits/"
    response = _api(world.users["office_staff"]).get(endpoint)
    assert response.status_code == 200
    rows = response.json()["results"]
    assert {r["id"] for r in rows} == set(iw.sealed.visits.values_list("pk", flat=True))
    assert set(rows[0]) == {"id", "draw", "facility", "inspector", "version"}
    text = response.content.decode()
    for visit in iw.sealed.visits.all():
        for form in _date_forms(visit.scheduled_on):
            assert form not in text
    for persona in ("inspector", "liaison", "foreign_staff"):
        assert _api(world.users[persona]).get(endpoint).status_code == 404, persona


def test_an_amendment_through_the_api_names_no_date(world, iw):
    office = world.users["office_staff"]
    visit = _visit(iw)
    old_date = visit.scheduled_on
    notifications = Notification.objects.count()
    url = f"/api/v1/inspection-visits/{visit.pk}/amend/"
    response = _api(office).post(
        url,
        {
            "version": visit.version,
            "reason": "بازرس بیمار است",
            "inspector": iw.second_inspector.pk,
            "redraw_date": True,
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    visit.refresh_from_db()
    data = response.json()
    assert data["redrawn"] and data["new_inspector"] == iw.second_inspector.pk
    assert data["visit"] == {"id": visit.pk, "version": 2, "inspector": iw.second_inspector.pk}
    text = response.content.decode()
    for day in {old_date, visit.scheduled_on}:
        for form in _date_forms(day):
            assert form not in text, form
    _assert_notices_name_no_date(notifications, office, old_date, visit.scheduled_on)
    assert Notification.objects.filter(recipient=iw.inspector, kind=notify.INSPECTOR_KIND).exists()
    # The same version again is stale now: 409, nothing changed.
    before = _snapshot(visit)
    stale = _api(office).post(url, {"version": 1, "reason": "دوباره", "redraw_date": True}, format="json")
    assert stale.status_code == 409 and stale.json()["code"] == "conflict"
    assert _snapshot(visit) == before


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"reason": "دلیل", "redraw_date": True}, "version"),
        ({"version": 1, "reason": "", "redraw_date": True}, "reason"),
        ({"version": 1, "reason": "دلیل", "inspector": 99999999}, "inspector"),
        ({"version": 1, "reason": "دلیل"}, "reason"),
    ],
)
def test_bad_api_amendments_are_400_and_change_nothing(world, iw, body, field):
    visit = _visit(iw)
    before = _snapshot(visit)
    response = _api(world.users["office_staff"]).post(
        f"/api/v1/inspection-visits/{visit.pk}/amend/", body, format="json"
    )
    assert response.status_code == 400
    assert field in response.json()
    assert _snapshot(visit) == before


def test_the_api_refuses_others_as_not_found(world, iw):
    visit = _visit(iw)
    before = _snapshot(visit)
    for persona in ("inspector", "liaison", "agency_head", "foreign_staff", "nobody"):
        response = _api(world.users[persona]).post(
            f"/api/v1/inspection-visits/{visit.pk}/amend/",
            {"version": visit.version, "reason": "دلیل", "redraw_date": True},
            format="json",
        )
        assert response.status_code == 404, persona
    assert _snapshot(visit) == before
