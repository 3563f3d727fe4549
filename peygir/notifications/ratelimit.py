"""Fixed-window rate limits kept in the database (RateLimitHit), shared by every app server.

A limit reads "5/hour" or "3/day"; each caller names the setting that may override it and gives its
default. Hits are counted outside the caller's transaction so that a refused request (which rolls its
own writes back) still counts. Keys hold a keyed digest of the address or number, never the value.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import RateLimitHit
from .phonecodes import hash_key

UNITS = {"minute": 60, "hour": 3600, "day": 86400}


class RateLimited(Exception):  # noqa: N818 - reads as a sentence: raise RateLimited
    """Too many requests from one address or for one number; the message is Persian, for the page."""

    def __init__(self, message: str | None = None, *, retry_after: int = 3600) -> None:
        self.message = message or _("تعداد درخواست‌ها از حد مجاز گذشته است؛ کمی بعد دوباره تلاش کنید.")
        self.retry_after = retry_after
        super().__init__(self.message)


def parse_limit(text: str) -> tuple[int, int]:
    """ "5/hour" → (5, 3600)."""
    count, _slash, unit = str(text).partition("/")
    return int(count), UNITS[unit.strip() or "hour"]


def limit_setting(name: str, default: str) -> tuple[int, int]:
    return parse_limit(getattr(settings, name, default))


def _window_start(now: dt.datetime, seconds: int) -> dt.datetime:
    epoch = int(now.timestamp())
    return dt.datetime.fromtimestamp(epoch - epoch % seconds, tz=dt.UTC)


def hit(key: str, *, window: int, now: dt.datetime | None = None) -> int:
    """Count one hit for `key` in the current window; returns the count so far (this one included)."""
    start = _window_start(now or timezone.now(), window)
    with transaction.atomic():
        updated = RateLimitHit.objects.filter(key=key, window_start=start).update(count=F("count") + 1)
        if not updated:
            try:
                with transaction.atomic():
                    RateLimitHit.objects.create(key=key, window_start=start, count=1)
            except IntegrityError:  # another server created the window a moment ago
                RateLimitHit.objects.filter(key=key, window_start=start).update(count=F("count") + 1)
    return (
        RateLimitHit.objects.filter(key=key, window_start=start).values_list("count", flat=True).first() or 0
    )


def check(scope: str, value: str, setting_name: str, *, default: str, message: str | None = None) -> None:
    """Count a hit for (scope, value) and raise RateLimited once the limit (the setting, or `default`)
    is exceeded."""
    limit, window = limit_setting(setting_name, default)
    key = f"{scope}:{hash_key(value or '-')}"
    if hit(key, window=window) > limit:
        raise RateLimited(message, retry_after=window)


def prune(*, older_than: dt.timedelta = dt.timedelta(days=2)) -> int:
    """Drop windows long past (called by the retention command)."""
    deleted, _rows = RateLimitHit.objects.filter(window_start__lt=timezone.now() - older_than).delete()
    return deleted
