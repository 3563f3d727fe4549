"""Failed sign-ins (django-axes): how long an account or an address waits, and the page that tells
the person, in Persian, when they may try again. Used by the site's login and the admin's alike."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Max, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from peygir.core.text import to_persian_digits


def cool_off(request: HttpRequest | None = None) -> dt.timedelta:
    """The wait after the last failed attempt (settings.PEYGIR_LOGIN_COOLOFF_MINUTES)."""
    return dt.timedelta(minutes=settings.PEYGIR_LOGIN_COOLOFF_MINUTES)


def retry_at(request: HttpRequest, credentials: dict | None = None) -> dt.datetime:
    """When the lock on this account or address lifts: the cool-off after the last failure that
    counted (failures while locked do not count, settings.AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT)."""
    from axes.helpers import get_client_username
    from axes.models import AccessAttempt

    username = get_client_username(request, credentials)
    ip = getattr(request, "axes_ip_address", None)
    condition = Q(pk__in=[])
    if username:
        condition |= Q(username=username)
    if ip:
        condition |= Q(ip_address=ip)
    last = AccessAttempt.objects.filter(condition).aggregate(last=Max("attempt_time"))["last"]
    return (last or timezone.now()) + cool_off(request)


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    """429 with the time the person may try again."""
    until = retry_at(request, credentials)
    wait = max(until - timezone.now(), dt.timedelta(seconds=60))
    minutes = max(1, -(-int(wait.total_seconds()) // 60))  # rounded up
    response = render(
        request,
        "accounts/locked_out.html",
        {
            "retry_time": to_persian_digits(timezone.localtime(until).strftime("%H:%M")),
            "minutes": to_persian_digits(minutes),
        },
        status=429,
    )
    response["Retry-After"] = str(int(wait.total_seconds()))
    return response


def reset(*, username: str | None = None, ip: str | None = None) -> int:
    """Unlock an account and/or an address now; the number of attempt records removed."""
    from axes.utils import reset as axes_reset

    removed = 0
    if username:
        removed += int(axes_reset(username=username) or 0)
    if ip:
        removed += int(axes_reset(ip=ip) or 0)
    return removed


def axes_client_ip(request: HttpRequest) -> str | None:
    """The address django-axes records: the rate limits' address, or None when the request has none
    that is an address (a sign-in made in code, e.g. a test client's force_login); PostgreSQL's inet
    column refuses anything that is not one."""
    import ipaddress

    from peygir.core.http import client_ip

    address = client_ip(request)
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return None
    return address
