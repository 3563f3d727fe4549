import pytest

from peygir.notifications.sms import MemorySmsBackend

from .fixtures import make_demand_world


@pytest.fixture(autouse=True)
def demand_settings(settings):
    """Pin what the dates and limits below assume, whatever the environment sets."""
    settings.PEYGIR_WEEKEND = [4]
    settings.PEYGIR_REMINDER_DAYS = 3
    settings.PEYGIR_DUE_SOON_DAYS = 5
    settings.PEYGIR_SUPERVISOR_DELAY_DAYS = 5
    settings.PEYGIR_PROVINCE_DELAY_DAYS = 15
    settings.PEYGIR_SITE_URL = "https://peygir.example.ir"
    settings.SMS_BACKEND = "peygir.notifications.sms.MemorySmsBackend"
    settings.PEYGIR_DEMAND_SUBMIT_PER_IP = "5/hour"
    settings.PEYGIR_DEMAND_SUBMIT_PER_PHONE = "3/day"
    settings.PEYGIR_DEMAND_CONFIRM_PER_IP = "20/hour"
    settings.PEYGIR_DEMAND_STATUS_PER_IP = "20/hour"
    settings.PEYGIR_DEMAND_STATUS_PER_CODE = "10/hour"
    settings.PEYGIR_DEMAND_RETENTION_DAYS = 730
    MemorySmsBackend.outbox = []
    yield
    MemorySmsBackend.outbox = []


@pytest.fixture
def dw(world):
    return make_demand_world(world)
