"""Kavenegar and sms.ir adapters against recorded answers (written from their public API docs)."""

from __future__ import annotations

import io
import json
import urllib.error
from pathlib import Path

import pytest

from peygir.notifications.delivery import deliver_all
from peygir.notifications.gateways import KavenegarSmsBackend, SmsIrSmsBackend
from peygir.notifications.models import OutboundMessage
from peygir.notifications.sms import SmsError, get_sms_backend

RECORDED = Path(__file__).parent / "recorded"


class Recorder:
    """Stands in for urllib.request.urlopen: keeps the request, answers a recorded body."""

    def __init__(self, name: str | None = None, *, status: int = 200, error: Exception | None = None):
        self.body = (RECORDED / name).read_bytes() if name else b""
        self.status, self.error, self.requests = status, error, []

    def __call__(self, request, timeout=None):
        self.requests.append(request)
        if self.error:
            raise self.error
        if self.status >= 400:
            raise urllib.error.HTTPError(request.full_url, self.status, "error", {}, io.BytesIO(self.body))
        return io.BytesIO(self.body)


@pytest.fixture(autouse=True)
def gateway_settings(settings):
    settings.SMS_API_KEY = "test-key"
    settings.SMS_SENDER = "10004346"


def test_kavenegar_sends_the_national_number(monkeypatch):
    recorder = Recorder("kavenegar_ok.json")
    monkeypatch.setattr("urllib.request.urlopen", recorder)
    KavenegarSmsBackend().send("+989121234567", "پیگیر: مهلت")
    [request] = recorder.requests
    assert request.full_url == "https://api.kavenegar.com/v1/test-key/sms/send.json"
    body = request.data.decode()
    assert "receptor=09121234567" in body and "sender=10004346" in body


def test_kavenegar_refusal_is_an_sms_error(monkeypatch):
    monkeypatch.setattr("urllib.request.urlopen", Recorder("kavenegar_no_credit.json", status=418))
    with pytest.raises(SmsError, match="418"):
        KavenegarSmsBackend().send("09121234567", "x")


def test_smsir_sends_json_with_the_key_header(monkeypatch):
    recorder = Recorder("smsir_ok.json")
    monkeypatch.setattr("urllib.request.urlopen", recorder)
    SmsIrSmsBackend().send("+989121234567", "پیگیر: مهلت")
    [request] = recorder.requests
    assert request.full_url == "https://api.sms.ir/v1/send/bulk"
    assert request.get_header("X-api-key") == "test-key"
    assert json.loads(request.data) == {
        "lineNumber": "10004346",
        "messageText": "پیگیر: مهلت",
        "mobiles": ["09121234567"],
    }


def test_smsir_refusal_and_outage_are_sms_errors(monkeypatch):
    monkeypatch.setattr("urllib.request.urlopen", Recorder("smsir_bad_key.json", status=401))
    with pytest.raises(SmsError, match="sms.ir 0"):
        SmsIrSmsBackend().send("09121234567", "x")
    monkeypatch.setattr("urllib.request.urlopen", Recorder(error=urllib.error.URLError("timed out")))
    with pytest.raises(SmsError, match="unreachable"):
        SmsIrSmsBackend().send("09121234567", "x")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("backend", "ok", "refused"),
    [
        ("KavenegarSmsBackend", "kavenegar_ok.json", "kavenegar_no_credit.json"),
        ("SmsIrSmsBackend", "smsir_ok.json", "smsir_bad_key.json"),
    ],
)
def test_chosen_by_settings_and_recorded_by_delivery(settings, monkeypatch, backend, ok, refused):
    settings.SMS_BACKEND = f"peygir.notifications.gateways.{backend}"
    assert type(get_sms_backend()).__name__ == backend
    sent = OutboundMessage.objects.create(channel="sms", to="09121234567", body="x", dedupe_key="gw:1")
    monkeypatch.setattr("urllib.request.urlopen", Recorder(ok))
    deliver_all()
    sent.refresh_from_db()
    assert sent.status == OutboundMessage.Status.SENT
    failed = OutboundMessage.objects.create(channel="sms", to="09121234567", body="x", dedupe_key="gw:2")
    monkeypatch.setattr("urllib.request.urlopen", Recorder(refused, status=400))
    deliver_all()
    failed.refresh_from_db()
    assert failed.status == OutboundMessage.Status.FAILED and "09121234567" not in failed.last_error
