"""How each person is told: channels kept per person, a Bale chat linked by «/start CODE», the daily
digest instead of single messages (once a day, whatever the runs)."""

import datetime as dt
import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from peygir.notifications import services
from peygir.notifications.bale import ApiBaleBackend, BaleError, MemoryBaleBackend, link_chat
from peygir.notifications.delivery import deliver_all
from peygir.notifications.digest import send_digests
from peygir.notifications.models import Notification, OutboundMessage, Preference
from peygir.notifications.outbox import Outbox
from peygir.notifications.recipients import Directory
from tests.factories import NotificationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _tell(user, dedupe="ev1", sms=True):
    directory = Directory()
    outbox = Outbox()
    outbox.add(
        recipient=directory.user(user.pk),
        url="/actions/1/",
        kind="created",
        title="اقدام تازه",
        body="متن",
        dedupe=dedupe,
        sms=sms,
    )
    outbox.flush()
    return list(
        OutboundMessage.objects.filter(dedupe_key__startswith=f"{dedupe}:").values_list("channel", flat=True)
    )


def test_without_a_row_the_defaults_hold():
    user = UserFactory(email="a@example.ir", mobile="+989121112233")
    assert sorted(_tell(user)) == ["email", "sms"]


def test_a_person_turns_email_off_and_sms_off():
    user = UserFactory(email="a@example.ir", mobile="+989121112233")
    services.preferences_change(user=user, email=False, sms=False, bale=False, digest=False)
    assert _tell(user) == []
    assert Notification.objects.filter(recipient=user).count() == 1  # the in-app list always has it


def test_bale_needs_a_linked_chat_then_carries_each_message(settings):
    settings.PEYGIR_BALE_BACKEND = "peygir.notifications.bale.MemoryBaleBackend"
    MemoryBaleBackend.outbox.clear()
    user = UserFactory(email="", mobile="")
    with pytest.raises(services.ValidationError):
        services.preferences_change(user=user, email=True, sms=True, bale=True, digest=False)
    code = services.bale_link_start(user=user).bale_link_code
    assert link_chat({"message": {"text": "/start WRONG", "chat": {"id": 42}}}) is None
    assert (
        link_chat({"message": {"text": f"/start {code.lower()}", "chat": {"id": 4242}}}).bale_chat_id
        == "4242"
    )
    assert link_chat({"message": {"text": f"/start {code}", "chat": {"id": 99}}}) is None  # used up
    assert _tell(user) == ["bale"]
    deliver_all()
    ((chat, text),) = MemoryBaleBackend.outbox
    assert chat == "4242" and text.startswith("اقدام تازه\nمتن\n") and text.endswith("/actions/1/")


def test_the_api_backend_reports_a_refusal(settings, monkeypatch):
    settings.PEYGIR_BALE_BOT_TOKEN = "123:abc"

    class Answer:
        def __init__(self, body):
            self.body = body

        def read(self):
            return self.body

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    sent = []

    def fake_urlopen(request, timeout):
        sent.append((request.full_url, json.loads(request.data)))
        return Answer(
            b'{"ok": false, "error_code": 403, "description": "Forbidden: bot was blocked by the user"}'
        )

    monkeypatch.setattr("urllib.request.urlopen", fake_urlopen)
    with pytest.raises(BaleError, match="blocked"):
        ApiBaleBackend().send("4242", "سلام")
    assert sent == [("https://tapi.bale.ai/bot123:abc/sendMessage", {"chat_id": "4242", "text": "سلام"})]


def test_the_digest_replaces_single_messages_and_is_sent_once_a_day():
    user = UserFactory(email="a@example.ir", mobile="+989121112233")
    services.preferences_change(user=user, email=True, sms=True, bale=False, digest=True)
    assert _tell(user, "ev1") == [] and _tell(user, "ev2") == []
    quiet = UserFactory(email="b@example.ir")
    Preference.objects.create(user=quiet, digest=True)
    now = timezone.now() + dt.timedelta(minutes=1)
    assert send_digests(now=now) == 1  # the quiet person had no news
    assert send_digests(now=now) == 0
    (digest,) = OutboundMessage.objects.filter(dedupe_key__startswith="digest:")
    assert digest.to == "a@example.ir" and digest.body.count("اقدام تازه") == 2


def test_the_page_saves_and_refuses_a_stale_form(world):
    user = world.users["liaison"]
    client = Client()
    client.force_login(user)
    assert client.get(reverse("web:notification_preferences")).status_code == 200
    response = client.post(reverse("web:notification_preferences"), {"digest": "on"})
    assert response.status_code == 302
    preference = Preference.objects.get(user=user)
    assert preference.digest and not preference.email
    response = client.post(
        reverse("web:notification_preferences"), {"email": "on", "version": preference.version - 1 or 99}
    )
    assert response.status_code == 400
    assert not Preference.objects.get(user=user).email


def test_the_webhook_needs_its_secret(settings):
    NotificationFactory()  # something in the database that nothing here may touch
    settings.PEYGIR_BALE_WEBHOOK_SECRET = "s3cret"
    user = UserFactory()
    code = services.bale_link_start(user=user).bale_link_code
    body = json.dumps({"message": {"text": f"/start {code}", "chat": {"id": 7}}})
    client = Client()
    assert client.post("/bale/webhook/wrong/", body, content_type="application/json").status_code == 404
    assert not Preference.objects.get(user=user).bale_chat_id
    assert (
        client.post("/bale/webhook/s3cret/", "not json", content_type="application/json").status_code == 400
    )
    response = client.post("/bale/webhook/s3cret/", body, content_type="application/json")
    assert response.json() == {"ok": True, "linked": True}
    assert Preference.objects.get(user=user).bale_chat_id == "7"
