"""What a person does with their notifications.

Notifications themselves are written by the domain that has news (`actions/notify.py`, the demands'
messages to citizens) through `outbox.Outbox`, inside the transaction of the change they report.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from peygir.core.errors import NotAllowed

from .models import Notification


def notification_mark_read(*, user: Any, notification_id: int | None = None, all: bool = False) -> int:  # noqa: A002
    """Mark one of the user's notifications (or all of them) read; returns how many changed.

    Someone else's notification and a missing one look the same: NotAllowed (the view answers 404).
    """
    if not getattr(user, "is_authenticated", False):
        raise NotAllowed
    own = Notification.objects.filter(recipient_id=user.pk)
    now = timezone.now()
    if all:
        return own.filter(read_at__isnull=True).update(read_at=now)
    try:
        pk = int(str(notification_id))
    except (TypeError, ValueError) as exc:
        raise NotAllowed from exc
    if not own.filter(pk=pk).exists():
        raise NotAllowed
    return own.filter(pk=pk, read_at__isnull=True).update(read_at=now)
