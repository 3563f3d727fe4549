"""Admin pages for actions, notifications and the calendar corrections open and work."""

import datetime as dt

import pytest
from django.urls import reverse

from peygir.actions.models import Action, ActionEvent, EscalationStep, Evidence
from peygir.core.admin import CalendarOverrideForm
from peygir.core.models import CalendarOverride
from peygir.notifications.models import Notification, OutboundMessage
from tests.actions.helpers import make_action

pytestmark = pytest.mark.urls("tests.notifications.admin_urls")

MODELS = [Action, ActionEvent, EscalationStep, Evidence, Notification, OutboundMessage, CalendarOverride]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_changelists_open(world, admin_client, model):
    action = make_action(world)
    CalendarOverride.objects.create(date=dt.date(2024, 3, 20), is_holiday=False, title="کشیک نوروزی")
    meta = model._meta
    response = admin_client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
    assert response.status_code == 200
    if model is Action:
        detail = admin_client.get(reverse("admin:actions_action_change", args=[action.pk]))
        assert detail.status_code == 200
        assert "۱۴۰۲/۰۸/۲۴" in response.content.decode()


def test_history_cannot_be_edited_in_the_admin(world, admin_client):
    action = make_action(world)
    event = ActionEvent.objects.filter(action=action).first()
    response = admin_client.post(
        reverse("admin:actions_actionevent_delete", args=[event.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert ActionEvent.objects.filter(pk=event.pk).exists()


def test_calendar_override_is_typed_in_jalali(db):
    form = CalendarOverrideForm(data={"date": "۱۴۰۳/۰۱/۰۱", "is_holiday": "", "title": "کشیک نوروزی"})
    assert form.is_valid(), form.errors
    override = form.save()
    assert (override.date, override.is_holiday) == (dt.date(2024, 3, 20), False)
    bad = CalendarOverrideForm(data={"date": "1403/01/32", "is_holiday": "on"})
    assert not bad.is_valid()
    assert "روز دارد" in bad.errors["date"][0]
    assert CalendarOverrideForm(instance=override).initial["date"] == "۱۴۰۳/۰۱/۰۱"


def test_outbound_messages_can_be_requeued(db, admin_client):
    stuck = OutboundMessage.objects.create(
        channel="email", to="a@example.org", body="x", dedupe_key="k1", status=OutboundMessage.Status.SENDING
    )
    response = admin_client.post(
        reverse("admin:notifications_outboundmessage_changelist"),
        {"action": "requeue_selected", "_selected_action": [stuck.pk]},
    )
    assert response.status_code == 302
    stuck.refresh_from_db()
    assert stuck.status == OutboundMessage.Status.PENDING
