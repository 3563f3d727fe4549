"""Faults and recovery (issue 14 §5): each simulated, nothing lost or sent twice, each visible on the
administrators' health page and in /readyz.

The scan's own crash test (tests/actions/test_escalation.py) and the delivery's (tests/notifications/
test_delivery.py) prove the bookkeeping; these prove what an administrator sees and the recoveries.
"""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client
from django.utils import timezone

from peygir.actions import escalation
from peygir.actions.escalation import scan
from peygir.core.models import Heartbeat
from peygir.notifications.delivery import deliver_all, requeue_failed
from peygir.notifications.models import OutboundMessage
from peygir.notifications.sms import BaseSmsBackend, MemorySmsBackend, SmsError
from tests.actions.helpers import DEADLINE, make_action
from tests.auth import sign_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
Status = OutboundMessage.Status


class DownGateway(BaseSmsBackend):
    """An SMS gateway that is down (an hour, in the story: every attempt meanwhile fails)."""

    def send(self, to: str, text: str) -> None:
        raise SmsError("connection refused")


@pytest.fixture(autouse=True)
def _quiet(settings):
    settings.PEYGIR_DELIVER_ON_COMMIT = False
    settings.SMS_BACKEND = "peygir.notifications.sms.MemorySmsBackend"
    MemorySmsBackend.outbox = []
    yield
    MemorySmsBackend.outbox = []


@pytest.fixture
def admin_client(db):
    client = Client()
    sign_in(client, UserFactory(is_superuser=True, is_staff=True))
    return client


def sms(n: int) -> OutboundMessage:
    return OutboundMessage.objects.create(
        channel="sms", to="09121234567", body="پیگیر: مهلت", dedupe_key=f"trust:sms:{n}"
    )


def test_a_scan_killed_half_way_beats_only_when_it_finishes(world):
    actions = [make_action(world, title=f"اقدام {n}") for n in range(3)]
    real = escalation._plan_action
    calls = {"n": 0}

    def crash(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("worker killed")
        return real(*args, **kwargs)

    with mock.patch.object(escalation, "_plan_action", side_effect=crash), pytest.raises(RuntimeError):
        scan(as_of=DEADLINE + dt.timedelta(days=1), batch_size=1, deliver=False)
    assert not Heartbeat.objects.filter(name="escalation_scan").exists()
    scan(as_of=DEADLINE + dt.timedelta(days=1), batch_size=1, deliver=False)
    beat = Heartbeat.objects.get(name="escalation_scan")
    assert beat.detail["actions"] == 2  # the first batch was done before the crash: not done again
    keys = list(OutboundMessage.objects.values_list("dedupe_key", flat=True))
    assert len(keys) == len(set(keys)) and all(a.escalations.count() == 1 for a in actions)


def test_gateway_down_for_an_hour_then_back_loses_nothing_and_sends_once(settings, admin_client):
    for n in range(3):
        sms(n)
    settings.SMS_BACKEND = f"{__name__}.DownGateway"
    for _attempt in range(3):  # the workers keep trying while it is down
        requeue_failed()
        deliver_all()
    assert OutboundMessage.objects.filter(status=Status.FAILED).count() == 3
    page = admin_client.get("/health/")
    assert page.status_code == 200 and "failed_sends" in page.context["status"]["problems"]
    assert "connection refused" in page.content.decode()

    settings.SMS_BACKEND = "peygir.notifications.sms.MemorySmsBackend"
    requeue_failed()
    deliver_all()
    assert OutboundMessage.objects.filter(status=Status.SENT).count() == 3
    assert len(MemorySmsBackend.outbox) == 3  # each once
    requeue_failed()
    deliver_all()
    assert len(MemorySmsBackend.outbox) == 3
    assert "failed_sends" not in admin_client.get("/health/").context["status"]["problems"]


def test_a_worker_killed_mid_delivery_never_resends_and_shows_the_stuck_rows(admin_client):
    queued = sms(1)
    # Claimed by a worker that then died before recording the outcome.
    OutboundMessage.objects.filter(pk=queued.pk).update(status=Status.SENDING, attempts=1)
    OutboundMessage.objects.filter(pk=queued.pk).update(created_at=timezone.now() - dt.timedelta(hours=1))
    deliver_all()
    assert MemorySmsBackend.outbox == []  # at most once: the gateway may have taken it
    status = admin_client.get("/health/").context["status"]
    assert status["stuck_sending"] == 1 and "stuck_sending" in status["problems"]


def test_backlog_and_a_late_scan_are_reported(admin_client):
    old = sms(1)
    OutboundMessage.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(hours=2))
    status = admin_client.get("/health/").context["status"]
    assert status["pending"] == 1 and status["oldest_pending_minutes"] >= 119
    assert {"outbox_backlog", "scan_late"} <= set(status["problems"])


def test_readyz_reports_the_work_and_a_database_gone_away(client):
    body = client.get("/readyz").json()
    assert body["status"] == "ready" and "pending" in body["work"]
    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("restart")
    ):
        response = client.get("/readyz")
    assert response.status_code == 503 and response.json()["status"] == "unavailable"
    assert client.get("/readyz").status_code == 200  # back once the database is


def test_health_page_is_for_administrators_only(world, client):
    sign_in(client, world.users["office_head"])
    assert client.get("/health/").status_code == 404
