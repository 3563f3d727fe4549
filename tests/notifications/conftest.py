import pytest

from peygir.notifications.sms import MemorySmsBackend


@pytest.fixture(autouse=True)
def notification_settings(settings):
    settings.PEYGIR_SITE_URL = "https://peygir.example.ir"
    settings.PEYGIR_DELIVER_ON_COMMIT = False
    MemorySmsBackend.outbox = []
    yield
    MemorySmsBackend.outbox = []
