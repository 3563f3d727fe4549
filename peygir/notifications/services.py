"""Notifications: in-app rows and queued emails, written in the caller's transaction.

The action services call `notify_action_event` inside their own transaction, right after they write
the ActionEvent, so an action change and the news of it commit (or roll back) together. Emails go out
after commit (see delivery.py): a rolled-back change never sends a message.
"""

from __future__ import annotations

import logging
import uuid
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from peygir.core.errors import NotAllowed

from .messages import EVENTS, event_message
from .models import Notification
from .outbox import Outbox
from .recipients import ISSUER_ROLES, RESPONSIBLE_ROLES, Directory, Recipient, merge

logger = logging.getLogger("peygir.notifications")

# Events the responsible organization must hear about, and those its issuer must.
TO_RESPONSIBLE = frozenset({"created", "rejected", "verified", "cancelled", "deadline_changed"})
TO_ISSUER = frozenset({"progress", "reported_done"})


def action_event_recipients(*, action: Any, event: str, actor: Any, directory: Directory | None = None):
    """Who hears about `event`: never the actor, each person once.

    created / rejected / verified / cancelled / deadline_changed → the responsible organization's
    liaisons and heads; progress / reported_done → the issuer's office staff, heads and county
    deputies, and the person named to verify.
    """
    directory = directory or Directory()
    actor_id = getattr(actor, "pk", None)
    if event in TO_ISSUER:
        groups: list[list[Recipient | None]] = [
            directory.members(action.issuer_organization_id, ISSUER_ROLES),
            [directory.user(action.verifier_id)],
        ]
    else:
        groups = [directory.members(action.responsible_organization_id, RESPONSIBLE_ROLES)]
    return merge(*groups, exclude=actor_id)


def notify_action_event(*, action: Any, event: str, actor: Any, text: str = "") -> int:
    """Tell the people concerned that something happened to an action; returns notifications written."""
    from peygir.actions.models import ActionEvent
    from peygir.organizations.models import Organization

    if event not in EVENTS:
        raise ValueError(f"unknown action event {event!r}")
    recipients = action_event_recipients(action=action, event=event, actor=actor)
    if not recipients:
        return 0
    # The ActionEvent just written names this change: the same event never queues the same mail twice.
    event_id = (
        ActionEvent.objects.filter(action_id=action.pk).order_by("-id").values_list("pk", flat=True).first()
    )
    dedupe = f"evt:{event_id}:{event}" if event_id else f"evt:{uuid.uuid4().hex}:{event}"
    organization = (
        Organization.objects.filter(pk=action.responsible_organization_id)
        .values_list("name", flat=True)
        .first()
        or ""
    )
    title, body = event_message(
        event=event,
        title=action.title,
        organization=organization,
        deadline=action.deadline,
        progress=action.progress,
        text=text,
    )
    outbox = Outbox()
    for recipient in recipients:
        outbox.add(
            recipient=recipient,
            action_id=action.pk,
            kind=f"action.{event}",
            title=title,
            body=body,
            dedupe=dedupe,
        )
    keys = outbox.dedupe_keys
    written, _queued = outbox.flush()
    if keys and deliver_on_commit():
        transaction.on_commit(partial(_deliver_quietly, keys))
    return written


def deliver_on_commit() -> bool:
    """The embedded demo sends at once; production leaves it to `peygir actions deliver` workers."""
    return bool(getattr(settings, "PEYGIR_DELIVER_ON_COMMIT", not getattr(settings, "PRODUCTION", False)))


def _deliver_quietly(keys: list[str]) -> None:
    """Runs after commit, in the request: a failing mail server must not break the page."""
    from .delivery import deliver_pending

    try:
        deliver_pending(limit=len(keys), dedupe_keys=keys)
    except Exception:  # a failure here is logged; the rows stay for the deliver command
        logger.exception("delivery after commit failed")


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
