"""Failed sign-ins (django-axes): how long an account or an address waits, and the page that tells
the person, in Persian, when they may try again. Used by the site's login and the admin's alike."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from peygir.core.text import to_persian_digits


def cool_off(request: HttpRequest | None = None) -> dt.timedelta:
    """The wait after the last failed attempt (settings.PEYGIR_LOGIN_COOLOFF_MINUTES)."""
    return dt.timedelta(minutes=settings.PEYGIR_LOGIN_COOLOFF_MINUTES)


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    """429 with the time the person may try again (each refused try restarts the wait)."""
    wait = cool_off(request)
    retry_at = timezone.localtime(timezone.now() + wait)
    minutes = max(1, int(wait.total_seconds() // 60))
    response = render(
        request,
        "accounts/locked_out.html",
        {
            "retry_time": to_persian_digits(retry_at.strftime("%H:%M")),
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
