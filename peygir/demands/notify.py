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

from peygir.notifications.outbox import absolute_url, queue_sms


def status_page_url() -> str:
    """The public status page (its URL name is settings.PEYGIR_DEMAND_STATUS_URL_NAME)."""
    name = getattr(settings, "PEYGIR_DEMAND_STATUS_URL_NAME", "web:demand_track")
    try:
        return absolute_url(reverse(name))
    except NoReverseMatch:
        return absolute_url("/")


def _queue(messages: list[tuple[str, str]], text: str) -> None:
    """Queue (number, dedupe key) pairs with one text; a key already queued is not sent again."""
    queue_sms(messages, text)


def queue_citizen_sms(*, demand: Any, key: str, text: str, supporters: bool = True) -> bool:
    """Queue one SMS to the demand's citizen, and (`supporters`) to each supporter who gave a number;
    False when the citizen has no number (or it was wiped). Every key starts with `demand:<pk>:` so
    that the retention command finds and wipes them."""
    messages = []
    if demand.citizen_mobile:
        messages.append((demand.citizen_mobile, f"demand:{demand.pk}:{key}"[:200]))
    if supporters and demand.supporters_count:
        rows = demand.supporters.exclude(citizen_mobile="").values_list("pk", "citizen_mobile")
        messages += [(mobile, f"demand:{demand.pk}:{key}:s{pk}"[:200]) for pk, mobile in rows]
    if messages:
        _queue(messages, text)
    return bool(demand.citizen_mobile)


def queue_supporter_sms(*, supporter: Any, key: str, text: str) -> bool:
    """Queue one SMS to one supporter (their own confirmation of joining)."""
    if not supporter.citizen_mobile:
        return False
    _queue([(supporter.citizen_mobile, f"demand:{supporter.demand_id}:{key}:s{supporter.pk}"[:200])], text)
    return True
