"""Request helpers shared by pages and API."""

from typing import Any

from django.conf import settings


def client_ip(request: Any) -> str:
    """The address rate limits count against.

    REMOTE_ADDR, unless it is one of settings.PEYGIR_TRUSTED_PROXIES (the reverse proxies in front of
    the app servers): then the right-most address of X-Forwarded-For that is not itself a trusted proxy.
    A client can write anything into that header, so it is believed only as far as our own proxies
    vouch for it; left-most entries are never taken.
    """
    remote = request.META.get("REMOTE_ADDR") or ""
    trusted = set(settings.PEYGIR_TRUSTED_PROXIES)
    if remote in trusted:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        for address in reversed([part for part in forwarded if part]):
            if address not in trusted:
                return address
    return remote or "unknown"
