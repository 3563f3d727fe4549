"""Background jobs say when they last finished (`beat`), the health page and /readyz ask (`last`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import DatabaseError, transaction
from django.utils import timezone

from .models import Heartbeat


def beat(name: str, **detail: Any) -> None:
    """Record that `name` finished now. Never breaks the job that calls it."""
    try:
        # Replace in one transaction: the same queries on every run (the scan's query count is tested).
        with transaction.atomic():
            Heartbeat.objects.filter(name=name).delete()
            Heartbeat.objects.create(name=name, at=timezone.now(), detail=detail)
    except DatabaseError:  # the job's own work is done; a missing beat shows as "late" on the page
        pass


def last(name: str) -> Heartbeat | None:
    return Heartbeat.objects.filter(name=name).first()


def age(name: str) -> dt.timedelta | None:
    row = last(name)
    return timezone.now() - row.at if row else None
