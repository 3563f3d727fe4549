"""Whole-page cache for the busiest signed-in pages (the inbox, the start page).

A cached page is served for the same person, session, address, language and day while the data
versions of the scopes the page can show are unchanged (`peygir.core.dataversion`: the provinces of
the person's territories and organizations and GLOBAL, or everything for national readers), so nobody
ever sees a page older than the data they could read, and a write in another province keeps it. What a hit still costs is the
session and user lookups every signed-in request makes, one read of the version row and one cache
read — no action is queried and no template rendered (docs/performance.md).

Not cached: anything but GET/HEAD, anonymous requests, requests without a CSRF cookie yet (the
response must set one), requests with a pending flash message (it must be shown once), responses
other than 200 or that set cookies. `PEYGIR_PAGE_CACHE_SECONDS` (0 turns the cache off) bounds what
changes with the clock alone ("3 hours ago"); the day is in the key, so overdue badges roll over at
midnight.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

from . import dataversion
from .jalali import today

HEADER = "X-Peygir-Cache"


def _has_pending_messages(request: HttpRequest) -> bool:
    if request.COOKIES.get(getattr(settings, "MESSAGE_COOKIE_NAME", "messages")):
        return True
    session = getattr(request, "session", None)
    return bool(session is not None and session.get("_messages"))


def _session_version(request: HttpRequest) -> int:
    session_key = getattr(getattr(request, "session", None), "session_key", None) or ""
    return dataversion.versions([dataversion.session_scope(session_key)])[0] if session_key else 0


def page_key(request: HttpRequest, csrf_secret: str) -> str:
    """What decides the page: who, which session's form token, which address, language, day, data."""
    parts = (
        request.resolver_match.view_name if request.resolver_match else "",
        request.user.pk,
        csrf_secret,
        request.get_full_path(),
        getattr(request, "LANGUAGE_CODE", ""),
        request.headers.get("HX-Request", ""),
        today().isoformat(),
        # The versions of the provinces (or the country) whose data the page may show, and of the
        # session's bucket (peygir/core/dataversion.py).
        dataversion.user_version(request.user),
        _session_version(request),
    )
    return "page:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def cached_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve the view's 200 responses from the cache under `page_key` (see the module's doc)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        seconds = getattr(settings, "PEYGIR_PAGE_CACHE_SECONDS", 0)
        csrf_secret = request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
        if (
            seconds <= 0
            or not dataversion.in_reading_request()  # GET or HEAD (DataVersionMiddleware)
            or not request.user.is_authenticated
            or not csrf_secret
            or _has_pending_messages(request)
        ):
            return view(request, *args, **kwargs)
        key = page_key(request, csrf_secret)
        stored = cache.get(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            response[HEADER] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            cache.set(key, (response.content, list(response.items())), seconds)
            response[HEADER] = "miss"
        return response

    return wrapper
