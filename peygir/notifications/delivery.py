"""Sending the outbox: emails through Django's mail, SMS through the configured SMS backend.

Each message is claimed before it is sent: PENDING → SENDING (attempts + 1) in a short transaction,
under `select_for_update(skip_locked=True)`, so several workers never take the same row. After the
send, the row becomes SENT (with sent_at) or FAILED (with last_error).

A message left SENDING — the process died between claiming and recording the outcome — is NOT sent
again automatically: the mail server or SMS gateway may already have accepted it, and nothing tells us
whether it did. Re-sending would repeat a message; keeping it SENDING loses at most one message and
shows it. At-most-once is the right side of that choice for official notices; an operator requeues
such rows from the admin after checking (the `requeue` admin action), and FAILED rows — those a
gateway refused — are retried with `peygir actions deliver --retry-failed`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.core.mail import get_connection, send_mail
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from peygir.core import heartbeat

from .bale import get_bale_backend
from .models import OutboundMessage
from .sms import get_sms_backend

logger = logging.getLogger("peygir.notifications")
Status = OutboundMessage.Status
Channel = OutboundMessage.Channel
MAX_ATTEMPTS = 5


@dataclass
class DeliveryResult:
    sent: int = 0
    failed: int = 0

    @property
    def total(self) -> int:
        return self.sent + self.failed

    def __iadd__(self, other: DeliveryResult) -> DeliveryResult:
        self.sent += other.sent
        self.failed += other.failed
        return self


def _claim(limit: int, dedupe_keys: Iterable[str] | None) -> list[OutboundMessage]:
    """Take up to `limit` pending messages for this worker: mark them SENDING and return them."""
    with transaction.atomic():
        qs = OutboundMessage.objects.select_for_update(skip_locked=True).filter(status=Status.PENDING)
        if dedupe_keys is not None:
            qs = qs.filter(dedupe_key__in=list(dedupe_keys))
        ids = list(qs.order_by("created_at", "id").values_list("pk", flat=True)[:limit])
        if not ids:
            return []
        OutboundMessage.objects.filter(pk__in=ids).update(status=Status.SENDING, attempts=F("attempts") + 1)
    return list(OutboundMessage.objects.filter(pk__in=ids).order_by("created_at", "id"))


def deliver_pending(limit: int = 100, *, dedupe_keys: Iterable[str] | None = None) -> DeliveryResult:
    """Send up to `limit` pending messages (only those with `dedupe_keys`, when given).

    Call it outside the transaction that queued the messages (after commit), so a rolled-back change
    never sends anything.
    """
    result = DeliveryResult()
    messages = _claim(limit, dedupe_keys)
    if not messages:
        return result
    sms_backend = None
    connection = None
    try:
        for message in messages:
            try:
                if message.channel == Channel.EMAIL:
                    if connection is None:
                        connection = get_connection(fail_silently=False)
                    send_mail(
                        message.subject,
                        message.body,
                        settings.DEFAULT_FROM_EMAIL,
                        [message.to],
                        fail_silently=False,
                        connection=connection,
                    )
                elif message.channel == Channel.SMS:
                    sms_backend = sms_backend or get_sms_backend()
                    sms_backend.send(message.to, message.body)
                elif message.channel == Channel.BALE:
                    get_bale_backend().send(message.to, message.body)
                else:
                    raise ValueError(f"unknown channel {message.channel!r}")
            except Exception as exc:  # any failure of a gateway is recorded on the row, not raised
                logger.warning("outbound message %s failed: %s", message.pk, exc)
                OutboundMessage.objects.filter(pk=message.pk).update(
                    status=Status.FAILED, last_error=f"{type(exc).__name__}: {exc}"[:2000]
                )
                result.failed += 1
            else:
                OutboundMessage.objects.filter(pk=message.pk).update(
                    status=Status.SENT, sent_at=timezone.now(), last_error=""
                )
                result.sent += 1
    finally:
        if connection is not None:
            try:
                connection.close()
            except Exception:  # closing a broken SMTP connection must not hide the results
                logger.warning("closing the mail connection failed", exc_info=True)
    return result


def deliver_all(*, chunk: int = 200, max_messages: int | None = None) -> DeliveryResult:
    """Deliver pending messages chunk by chunk until none is left (or `max_messages` were tried)."""
    total = DeliveryResult()
    while max_messages is None or total.total < max_messages:
        size = chunk if max_messages is None else min(chunk, max_messages - total.total)
        result = deliver_pending(size)
        if not result.total:
            break
        total += result
    heartbeat.beat("delivery", sent=total.sent, failed=total.failed)
    return total


def requeue_failed(*, max_attempts: int = MAX_ATTEMPTS) -> int:
    """Put FAILED messages that have attempts left back in the queue; returns how many."""
    return OutboundMessage.objects.filter(status=Status.FAILED, attempts__lt=max_attempts).update(
        status=Status.PENDING
    )


def requeue(ids: Iterable[int]) -> int:
    """An operator's decision to send again (e.g. a SENDING row after a crash, checked by hand)."""
    return OutboundMessage.objects.filter(
        pk__in=list(ids), status__in=[Status.SENDING, Status.FAILED]
    ).update(status=Status.PENDING)


def deliver_on_commit() -> bool:
    """The embedded demo sends at once; production leaves it to `peygir actions deliver` workers."""
    return bool(getattr(settings, "PEYGIR_DELIVER_ON_COMMIT", not getattr(settings, "PRODUCTION", False)))


def deliver_after_commit(keys: list[str]) -> None:
    """Send the messages with these dedupe keys once the caller's transaction commits (when the
    settings say so): a rolled-back change never sends a message."""
    if keys and deliver_on_commit():
        transaction.on_commit(partial(_deliver_quietly, list(keys)))


def _deliver_quietly(keys: list[str]) -> None:
    """Runs after commit, in the request: a failing mail server must not break the page."""
    try:
        deliver_pending(limit=len(keys), dedupe_keys=keys)
    except Exception:  # a failure here is logged; the rows stay for the deliver command
        logger.exception("delivery after commit failed")
