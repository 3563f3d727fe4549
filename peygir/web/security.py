"""Middleware of accounts' security (docs/security.md): idle sessions end, two-factor sign-in where
the role requires it, and nothing personal kept in a browser's or a proxy's cache."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from peygir.accounts import twofactor
from peygir.core import dataversion
from peygir.organizations.access import requires_two_factor

SEEN_KEY = "pg_seen"
Handler = Callable[[HttpRequest], HttpResponse]


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith(("/api/", "/open311/"))


class IdleSessionMiddleware:
    """A signed-in session unused for settings.PEYGIR_SESSION_IDLE_SECONDS ends.

    The last-seen time is written to the session at most once a tenth of that span (not on every
    request: a session write moves the data version and would empty the page cache)."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            idle = settings.PEYGIR_SESSION_IDLE_SECONDS
            now = int(time.time())
            seen = request.session.get(SEEN_KEY)
            if seen is not None and now - int(seen) > idle:
                logout(request)
                if _is_api(request):
                    return JsonResponse({"detail": _("نشست شما به سبب بی‌کاری پایان یافت.")}, status=401)
                messages.info(request, _("نشست شما به سبب بی‌کاری پایان یافت؛ دوباره وارد شوید."))
                return redirect(f"{reverse('login')}?{urlencode({'next': request.get_full_path()})}")
            if seen is None or now - int(seen) > max(60, idle // 10):
                request.session[SEEN_KEY] = now
                request.session.set_expiry(idle)
        return self.get_response(request)


def mark_seen(sender: object, request: HttpRequest, user: object, **kwargs: object) -> None:
    """At sign-in (user_logged_in), so that the first page after it writes nothing more."""
    if hasattr(request, "session"):
        request.session[SEEN_KEY] = int(time.time())
        request.session.set_expiry(settings.PEYGIR_SESSION_IDLE_SECONDS)


# Paths an unverified person may still reach: the second step itself, signing out, static files.
def _open_paths() -> tuple[str, ...]:
    return (
        reverse("account:otp_verify"),
        reverse("account:otp_enrol"),
        reverse("logout"),
        reverse("login"),
        reverse("set_language"),
        reverse("healthz"),
        reverse("readyz"),
        settings.STATIC_URL,
    )


FREE_TTL = 300


def _free_key(user: object) -> str:
    return f"2fa-free:{getattr(user, 'pk', None)}:{dataversion.current()}"


def _known_free(user: object) -> bool:
    """In GET requests: was this person found, under this data version, to need no second factor?
    (Most people — agencies' liaisons — do not: their pages then cost no query more.) A membership
    change or a device confirmed in a session moves the version."""
    return dataversion.in_reading_request() and cache.get(_free_key(user)) is True


def _remember_free(user: object) -> None:
    if dataversion.in_reading_request():
        cache.set(_free_key(user), True, FREE_TTL)


class TwoFactorMiddleware:
    """After the password, a person whose role requires two-factor sign-in (or who has enrolled a
    device) must give a code before anything else: pages redirect to the code (or to enrolment), the
    API refuses a session that has not given one. Token-authenticated API clients are not sessions."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        # For the account pages: is it required of this person? (asked only there: it reads memberships)
        request.requires_two_factor = lambda: requires_two_factor(user)  # type: ignore[attr-defined]
        if (
            user is not None
            and user.is_authenticated
            and not settings.PEYGIR_TWO_FACTOR_DEMO_BYPASS
            and not twofactor.is_verified(request)
            and not request.path.startswith(_open_paths())
            and not _known_free(user)
        ):
            enrolled = twofactor.has_device(user)
            if enrolled or requires_two_factor(user):
                if _is_api(request):
                    return JsonResponse(
                        {"detail": _("ورود دومرحله‌ای انجام نشده است؛ نخست کد تأیید را وارد کنید.")},
                        status=403,
                    )
                target = "account:otp_verify" if enrolled else "account:otp_enrol"
                return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
            _remember_free(user)
        return self.get_response(request)


class NoStoreMiddleware:
    """`Cache-Control: no-store` on every page seen signed in, every API answer and every download;
    other responses get it too unless their view chose its own caching."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        personal = (
            (user is not None and user.is_authenticated)
            or _is_api(request)
            or "attachment" in response.get("Content-Disposition", "")
        )
        if personal or not response.has_header("Cache-Control"):
            if response.has_header("Cache-Control"):
                del response["Cache-Control"]
            patch_cache_control(response, no_store=True, private=True)
        return response
