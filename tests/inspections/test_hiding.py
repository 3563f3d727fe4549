"""No page, API field, notification or list order reveals a coming visit's date (issue 11 §2).

The world's secret visit lies five days ahead: its date, in any form a page could write it, must not
appear anywhere for anyone — not even its own inspector — until the day before.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from peygir.core.jalali import format_jalali
from peygir.inspections import access, amendments, selectors
from peygir.inspections.models import Visit
from peygir.notifications.models import Notification, OutboundMessage
from tests.auth import sign_in
from tests.personas import BASE_PERSONAS


def _date_forms(day: dt.date) -> list[str]:
    return [
        format_jalali(day),
        format_jalali(day, persian=False),
        day.isoformat(),
        format_jalali(day).replace("/", "-"),
    ]


PAGES = [
    ("web:inspector_home", None),
    ("web:inspections_bundle", None),
    ("web:facility_list", None),
    ("web:facility_detail", "facility"),
    ("web:plan_list", None),
    ("web:plan_detail", "plan"),
    ("web:draw_amend", "draw"),  # the managers' list of coming visits: facility and inspector only
    ("web:inspection_coverage", None),
    ("web:inspection_map_data", None),
    ("web:inbox", None),
    ("web:home", None),
]


@pytest.fixture
def part(world):
    return world.inspections


@pytest.mark.parametrize("persona", BASE_PERSONAS)
def test_no_page_shows_the_secret_visits_date(world, part, persona):
    secret = part.visit_secret
    forms = _date_forms(secret.scheduled_on)
    client = Client()
    sign_in(client, world.users[persona])
    for name, attr in PAGES:
        url = reverse(name, kwargs={"pk": getattr(part, attr).pk} if attr else None)
        body = client.get(url).content.decode()
        for form in forms:
            assert form not in body, (persona, name, form)
        assert f"/inspections/visits/{secret.pk}/" not in body, (persona, name)
    assert client.get(reverse("web:visit_detail", args=[secret.pk])).status_code == 404


def test_the_inspector_sees_todays_visit_but_only_a_count_of_later_ones(world, part):
    deputy = world.users["county_deputy"]
    mine = selectors.my_visits(deputy)
    # Today's visit, and the missed one (still to be done, late).
    assert {v.pk for v in mine.revealed} == {part.visit_today.pk, part.visit_missed.pk}
    assert mine.coming == 1
    bundle = selectors.offline_bundle(deputy)
    assert {v["id"] for v in bundle["visits"]} == {part.visit_today.pk, part.visit_missed.pk}


def test_the_date_is_revealed_from_the_day_before(world, part):
    deputy = world.users["county_deputy"]
    secret = part.visit_secret
    two_days_before = secret.scheduled_on - dt.timedelta(days=2)
    day_before = secret.scheduled_on - dt.timedelta(days=1)
    assert not Visit.objects.filter(
        access.visits_dated_for(deputy, today=two_days_before), pk=secret.pk
    ).exists()
    assert Visit.objects.filter(access.visits_dated_for(deputy, today=day_before), pk=secret.pk).exists()
    # … to its inspector only, never to the office, the governor or the facility's agency.
    for persona in (
        "office_staff",
        "office_head",
        "governor",
        "inspector",
        "liaison",
        "agency_head",
        "national",
    ):
        user = world.users[persona]
        assert not Visit.objects.filter(
            access.visits_dated_for(user, today=day_before), pk=secret.pk
        ).exists()


def test_after_the_period_the_office_sees_the_schedule(world, part):
    secret = part.visit_secret
    after = part.draw.period_end + dt.timedelta(days=1)
    if secret.scheduled_on >= after:
        pytest.skip("the secret visit lies past the period's end")
    office = world.users["office_staff"]
    assert Visit.objects.filter(access.visits_dated_for(office, today=after), pk=secret.pk).exists()
    assert not Visit.objects.filter(
        access.visits_dated_for(world.users["liaison"], today=after), pk=secret.pk
    ).exists()


def test_no_notification_names_a_coming_visit(world, part):
    forms = _date_forms(part.visit_secret.scheduled_on) + _date_forms(part.visit_today.scheduled_on)
    for n in Notification.objects.all():
        text = f"{n.title} {n.body} {n.url}"
        assert not any(form in text for form in forms)
        assert f"/inspections/visits/{part.visit_secret.pk}/" not in text


def test_amendment_notices_name_no_coming_visit(world, part):
    """The secret visit given to another inspector, then drawn another day: whoever is told (both
    inspectors, the plan's managers, the office), no notice — nor the email or SMS carrying it — names
    its old or new date or links to it, and the facility's agency hears nothing."""
    secret = part.visit_secret
    old_day = secret.scheduled_on
    part.plan.inspectors.add(world.users["office_staff"])
    amendments.visit_amend(
        user=world.users["office_head"],
        visit=secret,
        reason="بازرس در مأموریت است",
        inspector=world.users["office_staff"],
    )
    secret.refresh_from_db()
    amendments.visit_amend(
        user=world.users["office_head"], visit=secret, reason="تعطیلی محلی", redraw_date=True
    )
    secret.refresh_from_db()
    told = Notification.objects.filter(kind__startswith="inspection.")
    assert told.filter(recipient=world.users["county_deputy"]).exists()
    assert told.filter(recipient=world.users["office_staff"]).exists()
    forms = [form for day in (old_day, secret.scheduled_on) for form in _date_forms(day)]
    for n in told:
        text = f"{n.title} {n.body} {n.url}"
        assert not any(form in text for form in forms), text
        assert f"/inspections/visits/{secret.pk}/" not in text
    for body in OutboundMessage.objects.filter(notification__in=told).values_list("body", flat=True):
        assert not any(form in body for form in forms), body
    for persona in ("liaison", "agency_head", "governor", "inspector"):
        assert not told.filter(recipient=world.users[persona]).exists(), persona


def test_list_orders_do_not_follow_visit_dates(world, part):
    """Facilities are listed by name and plans by creation: never by the next visit."""
    office = world.users["office_staff"]
    assert "scheduled_on" not in str(selectors.facility_list(office).query).split("ORDER BY")[-1]
    assert "scheduled_on" not in str(selectors.plan_list(office).query).split("ORDER BY")[-1]
