"""Writes notifications and their outbound emails/SMS in bulk, inside the caller's transaction.

One `Outbox` collects the rows of one event (or of one batch of escalations) and `flush()` writes
them with two INSERTs. Outbound messages carry a unique `dedupe_key`, and are inserted with
ignore_conflicts: queuing the same message twice leaves one row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

from .delivery import deliver_after_commit
from .models import Notification, OutboundMessage
from .recipients import Recipient

TITLE_MAX = 300
BATCH = 500


def absolute_url(path: str) -> str:
    return settings.PEYGIR_SITE_URL.rstrip("/") + path


def shorten(text: str, limit: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class Outbox:
    notifications: list[Notification] = field(default_factory=list)
    messages: list[tuple[Notification, OutboundMessage]] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Translated once per outbox: a scan adds tens of thousands of messages.
        self.view_label = _("مشاهده در پیگیر:")
        self.sms_prefix = _("پیگیر")

    def add(
        self,
        *,
        recipient: Recipient,
        url: str,
        subject: str = "",
        kind: str,
        title: str,
        body: str,
        dedupe: str,
        sms: bool = False,
    ) -> Notification:
        """One in-app notification for `recipient`, plus an email (and an SMS when asked) to carry it.

        `url` is the site-relative page the news is about; `subject` ("action:12") names the record, for
        the domain that wrote it to find its notifications again."""
        title = shorten(title, TITLE_MAX)
        link = absolute_url(url or "/")
        notification = Notification(
            recipient_id=recipient.user_id, subject=subject, kind=kind, title=title, body=body, url=url
        )
        self.notifications.append(notification)
        if recipient.digest:
            return notification  # told once a day (notifications.digest), not message by message
        if recipient.bale_chat:
            self.messages.append(
                (
                    notification,
                    OutboundMessage(
                        channel=OutboundMessage.Channel.BALE,
                        to=recipient.bale_chat,
                        body=f"{title}\n{body}\n{link}"[:4000],
                        dedupe_key=f"{dedupe}:u{recipient.user_id}:bale"[:200],
                    ),
                )
            )
        if recipient.email:
            email_body = f"{title}\n\n{body}\n\n{self.view_label} {link}\n"
            self.messages.append(
                (
                    notification,
                    OutboundMessage(
                        channel=OutboundMessage.Channel.EMAIL,
                        to=recipient.email,
                        subject=title,
                        body=email_body,
                        dedupe_key=f"{dedupe}:u{recipient.user_id}:email"[:200],
                    ),
                )
            )
        if sms and recipient.mobile:
            self.messages.append(
                (
                    notification,
                    OutboundMessage(
                        channel=OutboundMessage.Channel.SMS,
                        to=recipient.mobile,
                        body=f"{self.sms_prefix}: {shorten(title, 120)}\n{link}",
                        dedupe_key=f"{dedupe}:u{recipient.user_id}:sms"[:200],
                    ),
                )
            )
        return notification

    @property
    def dedupe_keys(self) -> list[str]:
        return [message.dedupe_key for _notification, message in self.messages]

    def flush(self, *, deliver: bool = False) -> tuple[int, int]:
        """Write everything collected; returns (notifications, outbound messages queued).

        `deliver` sends this outbox's messages right after the caller's transaction commits (when the
        settings say so); otherwise the delivery workers pick them up."""
        if not self.notifications:
            return 0, 0
        keys = self.dedupe_keys
        Notification.objects.bulk_create(self.notifications, batch_size=BATCH)
        outbound = []
        for notification, message in self.messages:
            message.notification_id = notification.pk
            outbound.append(message)
        if outbound:
            OutboundMessage.objects.bulk_create(outbound, batch_size=BATCH, ignore_conflicts=True)
        counts = len(self.notifications), len(outbound)
        self.notifications, self.messages = [], []
        if deliver:
            deliver_after_commit(keys)
        return counts


SMS_MAX = 480


def queue_sms(messages: list[tuple[str, str]], text: str) -> None:
    """Queue one SMS text to each (number, dedupe key) pair, without an in-app notification: for people
    without an account (citizens) and for one-time codes, which no preference may turn off. A key
    already queued is not sent again; delivery runs after the caller's transaction commits."""
    body = f"{_('پیگیر')}: {text}"[:SMS_MAX]
    OutboundMessage.objects.bulk_create(
        [
            OutboundMessage(channel=OutboundMessage.Channel.SMS, to=to, body=body, dedupe_key=key[:200])
            for to, key in messages
        ],
        ignore_conflicts=True,
    )
    deliver_after_commit([key[:200] for _to, key in messages])
