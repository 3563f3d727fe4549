"""A simulated clock for building the demo's history.

The demo tells a story that happened over three months (a meeting, progress reports a week later,
a verification a month later). Every service stamps `created_at`, `reported_done_at` and the
escalation dates from `django.utils.timezone.now()`, so rather than rewriting timestamps after the
fact — which would bypass the services and the append-only event log — the loader moves the clock
and calls the services at each moment of the story. Used only by the demo loader, never by a request.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

from django.utils import timezone


def at(day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
    """An aware datetime on `day` in the project's time zone (Asia/Tehran)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


@contextmanager
def clock(moment: dt.datetime) -> Iterator[dt.datetime]:
    """Within the block, `timezone.now()` (and so `localdate()` and auto_now fields) is `moment`."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield moment
