"""Closing a plan (issue 11 §2: a plan says who inspects what and how often — until it ends): its
managers end an approved plan with a reason; no later period is drawn, by the periodic command or by
hand, and the periods already sealed keep their visits. Bad input is a Persian message and changes
nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from peygir.core.errors import ConflictError, NotAllowed, ValidationError
from peygir.inspections import plans
from peygir.inspections.models import Draw, InspectionPlan, Visit
from tests.auth import sign_in

from .helpers import make_inspection_world

TODAY = dt.date(2026, 11, 25)  # Azar 1405
NEXT_MONTH = dt.date(2026, 12, 25)  # Dey 1405


@pytest.fixture
def iw(world):
    iw = make_inspection_world(world, facilities_count=3)
    iw.sealed = iw.approve(TODAY)
    return iw


def _client(user) -> Client:
    client = Client()
    sign_in(client, user)
    return client


def _state(plan: InspectionPlan) -> tuple:
    plan.refresh_from_db()
    return (plan.status, plan.close_reason, plan.closed_by_id, plan.version)


def test_a_closed_plan_is_drawn_no_more_and_keeps_its_sealed_visits(world, iw):
    coming = set(iw.sealed.visits.filter(status=Visit.Status.SCHEDULED).values_list("pk", flat=True))
    office = world.users["office_head"]
    plans.plan_close(user=office, plan=iw.plan, reason="سند امنیت غذایی این سال به پایان رسید")
    iw.plan.refresh_from_db()
    assert iw.plan.status == InspectionPlan.Status.CLOSED
    assert iw.plan.closed_by == office and iw.plan.closed_at is not None
    # The periodic command passes it by; drawing it by hand is refused.
    assert plans.draw_due_plans(period_for=NEXT_MONTH, today=NEXT_MONTH - dt.timedelta(days=5)) == []
    with pytest.raises(ValidationError):
        plans.draw_period(
            user=office,
            plan=iw.plan,
            period=plans.plan_period(iw.plan, 1405, 10),
            today=NEXT_MONTH - dt.timedelta(days=5),
        )
    assert Draw.objects.filter(plan=iw.plan).count() == 1
    assert (
        set(Visit.objects.filter(draw=iw.sealed, status=Visit.Status.SCHEDULED).values_list("pk", flat=True))
        == coming
    )


def test_an_open_plan_is_still_drawn_next_month(world, iw):
    """The counterpart of the test above: without closing, the command draws the next period."""
    made = plans.draw_due_plans(period_for=NEXT_MONTH, today=NEXT_MONTH - dt.timedelta(days=5))
    assert [d.plan_id for d in made] == [iw.plan.pk]


def test_the_page_closes_it_with_a_reason_and_shows_it(world, iw):
    client = _client(world.users["county_deputy"])
    iw.plan.refresh_from_db()  # the version the page shows
    detail = reverse("web:plan_detail", args=[iw.plan.pk])
    assert reverse("web:plan_close", args=[iw.plan.pk]) in client.get(detail).content.decode()
    response = client.post(
        reverse("web:plan_close", args=[iw.plan.pk]),
        {"reason": "برنامه سال آینده جایگزین شد", "version": iw.plan.version},
        follow=True,
    )
    body = response.content.decode()
    assert "برنامه پایان یافت" in body and "برنامه سال آینده جایگزین شد" in body
    assert 'id="pg-plan-closed"' in body
    assert reverse("web:plan_close", args=[iw.plan.pk]) not in body  # nothing left to close
    assert _state(iw.plan)[0] == InspectionPlan.Status.CLOSED


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"reason": ""}, "دلیل پایان برنامه را بنویسید"),
        ({"reason": "   "}, "دلیل پایان برنامه را بنویسید"),
        ({"reason": "دلیل", "version": "7"}, "صفحه را دوباره"),
    ],
)
def test_bad_input_is_a_persian_message_and_changes_nothing(world, iw, data, message):
    before = _state(iw.plan)
    response = _client(world.users["office_staff"]).post(
        reverse("web:plan_close", args=[iw.plan.pk]), data, follow=True
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert _state(iw.plan) == before


def test_only_an_approved_plan_closes_and_only_once(world, iw):
    office = world.users["office_staff"]
    plans.plan_close(user=office, plan=iw.plan, reason="پایان سال")
    before = _state(iw.plan)
    with pytest.raises(ValidationError) as err:
        plans.plan_close(user=office, plan=iw.plan, reason="دوباره")
    assert "پیش‌تر پایان یافته" in " ".join(err.value.messages)
    assert _state(iw.plan) == before


def test_a_draft_is_not_closed(world):
    iw = make_inspection_world(world, facilities_count=1)
    before = _state(iw.plan)
    with pytest.raises(ValidationError) as err:
        plans.plan_close(user=world.users["office_staff"], plan=iw.plan, reason="دلیل")
    assert "تنها برنامه تصویب‌شده" in " ".join(err.value.messages)
    assert _state(iw.plan) == before


def test_a_stale_version_and_strangers_are_refused(world, iw):
    before = _state(iw.plan)
    with pytest.raises(ConflictError):
        plans.plan_close(
            user=world.users["office_staff"],
            plan=iw.plan,
            reason="دلیل",
            expected_version=iw.plan.version + 1,
        )
    for persona in ("inspector", "liaison", "agency_head", "foreign_staff"):
        with pytest.raises(NotAllowed):
            plans.plan_close(user=world.users[persona], plan=iw.plan, reason="دلیل")
        response = _client(world.users[persona]).post(
            reverse("web:plan_close", args=[iw.plan.pk]), {"reason": "دلیل"}
        )
        assert response.status_code == 404, persona
    assert _state(iw.plan) == before
