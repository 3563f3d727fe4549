"""The demand page's history names every event kind in Persian, with what the event's data adds (the
ladder's rung, a proposed date, the agency's words), and never shows a code of the program."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from peygir.actions.models import EscalationStep
from peygir.demands import events
from peygir.demands.models import DemandEvent
from tests.auth import sign_in

pytestmark = pytest.mark.django_db


def _history(world) -> str:
    client = Client()
    sign_in(client, world.users["facilitator"])
    page = client.get(reverse("web:demand_detail", args=[world.demand.pk])).content.decode()
    return page.split('<ul class="pg-timeline">', 1)[1].split("</ul>", 1)[0]


def test_every_event_kind_is_named_in_persian(world):
    demand = world.demand
    for kind in DemandEvent.Kind.values:
        events.record(demand, kind)
    history = _history(world)
    for kind, label in DemandEvent.Kind.choices:
        assert f"<strong>{label}</strong>" in history, kind
    # no Latin word anywhere in the visible text of the history (kind codes, data keys)
    visible = re.sub(r"<[^>]+>", " ", history)
    assert not re.search(r"[A-Za-z]{3,}", visible), visible


def test_the_history_says_what_the_event_data_adds(world):
    demand = world.demand
    events.record(demand, DemandEvent.Kind.ESCALATED, data={"step": 3, "as_of": "2024-01-10"})
    events.record(
        demand, DemandEvent.Kind.PLAN_PROPOSED, data={"date": "2024-03-19", "note": "در بودجه سال آینده است"}
    )
    events.record(demand, DemandEvent.Kind.AGENCY_PROGRESS, data={"text": "پیمانکار تعیین شد"})
    events.record(demand, DemandEvent.Kind.RATED, data={"rating": 4, "resolved": True})
    events.record(demand, DemandEvent.Kind.TRIAGE, data={"reason": "no_rule"})
    history = _history(world)
    assert str(EscalationStep.Step.SUPERVISOR.label) in history
    assert "۱۴۰۲/۱۲/۲۹" in history  # 2024-03-19, the last day of 1402
    assert "در بودجه سال آینده است" in history
    assert "پیمانکار تعیین شد" in history
    assert "امتیاز: ۴ از ۵" in history
    assert "قاعده ارجاعی برای این دسته و محله تعریف نشده است" in history
    assert "no_rule" not in history
