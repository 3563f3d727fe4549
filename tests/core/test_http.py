from django.test import RequestFactory

from peygir.core.http import client_ip


def test_remote_addr_when_no_proxy_is_trusted(settings):
    settings.PEYGIR_TRUSTED_PROXIES = []
    request = RequestFactory().get("/", REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(request) == "10.1.1.1"  # a forged header changes nothing


def test_forwarded_address_behind_a_trusted_proxy(settings):
    settings.PEYGIR_TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.2"]
    request = RequestFactory().get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 5.5.5.5, 10.0.0.2"
    )
    assert client_ip(request) == "5.5.5.5"  # right-most untrusted hop; the client-written 6.6.6.6 ignored
