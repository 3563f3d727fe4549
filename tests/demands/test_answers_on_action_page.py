"""An action that comes from a demand has one place to answer: its page offers the demand's answers
(not ours, planned, done) and shows no minutes deadline (issue 9, §2)."""

import datetime as dt

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from peygir.actions.models import Action
from peygir.core.jalali import format_jalali

from .fixtures import make_demand_world


def client_for(world, persona):
    client = Client()
    client.force_login(world.users[persona])
    return client


def test_the_demands_answers_on_the_action_page(world):
    demand = make_demand_world(world).intake()
    demand.refresh_from_db()
    action = Action.objects.get(pk=demand.current_action_id)
    liaison = client_for(world, "liaison")
    response = liaison.get(reverse("web:action_detail", args=[action.pk]))
    body = response.content.decode()
    assert 'id="source-answers"' in body
    for label in ("در برنامه است", "اعلام انجام", "مربوط به ما نیست"):
        assert label in body
    # The spine's own "done" and extension request are not offered twice; no minutes' words either.
    assert "done" not in response.context["forms"] and "extension" not in response.context["forms"]
    assert "به عبارت صورتجلسه" not in body
    # An answer posted from the action's page comes back to it.
    planned = timezone.localdate() + dt.timedelta(days=20)
    demand.refresh_from_db()
    answer = liaison.post(
        reverse("web:demand_op", args=[demand.pk, "planned"]),
        {
            "version": demand.version,
            "date": format_jalali(planned),
            "note": "در برنامه بهار",
            "next": "action",
        },
    )
    assert answer.status_code == 302 and answer.url == reverse("web:action_detail", args=[action.pk])
    demand.refresh_from_db()
    assert demand.proposed_date == planned  # awaiting the office, as on the demand page


def test_the_spines_done_is_refused_on_a_demands_action(world):
    demand = make_demand_world(world).intake()
    demand.refresh_from_db()
    action = Action.objects.get(pk=demand.current_action_id)
    response = client_for(world, "liaison").post(
        reverse("web:action_op", args=[action.pk, "done"]), {"version": action.version, "text": "انجام شد"}
    )
    assert response.status_code == 404
    action.refresh_from_db()
    assert action.status == Action.Status.OPEN


def test_others_see_no_answers(world):
    demand = make_demand_world(world).intake()
    demand.refresh_from_db()
    response = client_for(world, "office_staff").get(
        reverse("web:action_detail", args=[demand.current_action_id])
    )
    assert 'id="source-answers"' not in response.content.decode()
