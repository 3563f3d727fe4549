import pytest

from peygir.notifications.sms import MemorySmsBackend


@pytest.fixture(autouse=True)
def ladder_settings(settings):
    """Pin the ladder so the dates below mean what they say, whatever the environment sets."""
    settings.PEYGIR_WEEKEND = [4]
    settings.PEYGIR_REMINDER_DAYS = 3
    settings.PEYGIR_DUE_SOON_DAYS = 5
    settings.PEYGIR_SUPERVISOR_DELAY_DAYS = 5
    settings.PEYGIR_PROVINCE_DELAY_DAYS = 15
    settings.PEYGIR_SITE_URL = "https://peygir.example.ir"
    settings.SMS_BACKEND = "peygir.notifications.sms.MemorySmsBackend"
    MemorySmsBackend.outbox = []
    yield
    MemorySmsBackend.outbox = []
