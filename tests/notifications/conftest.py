import pytest

from peygir.notifications.sms import MemorySmsBackend


@pytest.fixture(autouse=True)
def notification_settings(settings):
    settings.PEYGIR_SITE_URL = "https://peygir.example.ir"
    settings.PEYGIR_DELIVER_ON_COMMIT = False
    MemorySmsBackend.outbox = []
    yield
    MemorySmsBackend.outbox = []


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's admin client, signed in with the second factor the admin requires."""
    from tests.auth import sign_in

    return sign_in(client, admin_user)
