"""Reads for the notifications page and the bell in the header."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from .models import Notification


def notification_list(*, user: Any, unread_only: bool = False) -> QuerySet[Notification]:
    """The user's notifications, newest first (the caller paginates)."""
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    qs = Notification.objects.filter(recipient_id=user.pk)
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs.order_by("-created_at", "-id")


BADGE_CAP = 99  # the bell shows «۹۹+» beyond this


def unread_count(*, user: Any, cap: int | None = None) -> int:
    """How many notifications the user has not read; with `cap`, counted only up to cap + 1 (the bell
    on every page: a reader with tens of thousands unread should not pay for counting them all)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    qs = Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True)
    return qs[: cap + 1].count() if cap is not None else qs.count()
