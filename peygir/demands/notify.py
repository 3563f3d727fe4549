"""What the demands domain says to whom: SMS to citizens, through the notifications outbox (channel
sms, unique dedupe_key).

Citizens have no account, so their messages are OutboundMessage rows without a Notification. The key
names the demand and the event, so the same event never texts twice; delivery is the normal one
(after commit in the embedded setup, `peygir actions deliver` workers in production).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from peygir.notifications.delivery import deliver_after_commit
from peygir.notifications.models import OutboundMessage
from peygir.notifications.outbox import absolute_url

SMS_MAX = 480


def status_page_url() -> str:
    """The public status page (its URL name is settings.PEYGIR_DEMAND_STATUS_URL_NAME)."""
    name = getattr(settings, "PEYGIR_DEMAND_STATUS_URL_NAME", "web:demand_track")
    try:
        return absolute_url(reverse(name))
    except NoReverseMatch:
        return absolute_url("/")


def queue_citizen_sms(*, demand: Any, key: str, text: str) -> bool:
    """Queue one SMS to the demand's citizen; False when there is no number (or it was wiped)."""
    if not demand.citizen_mobile:
        return False
    prefix = _("پیگیر")
    body = f"{prefix}: {text}"[:SMS_MAX]
    dedupe_key = f"demand:{demand.pk}:{key}"[:200]
    OutboundMessage.objects.bulk_create(
        [
            OutboundMessage(
                channel=OutboundMessage.Channel.SMS,
                to=demand.citizen_mobile,
                body=body,
                dedupe_key=dedupe_key,
            )
        ],
        ignore_conflicts=True,
    )
    deliver_after_commit([dedupe_key])
    return True
