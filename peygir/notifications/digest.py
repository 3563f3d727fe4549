"""The daily digest: for people who chose it, one email (and one Bale message) a day listing what
they were told since the last one, instead of a message per event.

`send_digests()` is idempotent per person and day (the dedupe key names the day), so running it twice
— or on two workers — sends one digest. It reads the notifications of all digest readers in one query.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from peygir.core.jalali import format_jalali
from peygir.core.text import to_persian_digits

from .delivery import deliver_after_commit
from .models import Notification, OutboundMessage, Preference
from .outbox import absolute_url, shorten

LOOKBACK = dt.timedelta(days=1)
MAX_LINES = 30


def send_digests(*, now: dt.datetime | None = None) -> int:
    """Queue today's digest for everyone who chose one and has news; returns how many were queued."""
    now = now or timezone.now()
    prefs = list(
        Preference.objects.filter(digest=True, user__is_active=True)
        .select_related("user")
        .order_by("user_id")
    )
    if not prefs:
        return 0
    since = {p.user_id: p.last_digest_at or (now - LOOKBACK) for p in prefs}
    oldest = min(since.values())
    news: dict[int, list[Notification]] = defaultdict(list)
    rows = Notification.objects.filter(
        recipient_id__in=list(since), created_at__gt=oldest, created_at__lte=now
    )
    for note in rows.order_by("recipient_id", "-created_at", "-id"):
        if note.created_at > since[note.recipient_id]:
            news[note.recipient_id].append(note)
    day = timezone.localdate(now)
    messages: list[OutboundMessage] = []
    sent_to = []
    for pref in prefs:
        notes = news.get(pref.user_id)
        if not notes:
            continue
        title = _("خلاصه روزانه پیگیر — %(date)s: %(n)s پیام تازه") % {
            "date": format_jalali(day),
            "n": to_persian_digits(len(notes)),
        }
        lines = [f"• {shorten(n.title, 140)}\n  {absolute_url(n.url or '/')}" for n in notes[:MAX_LINES]]
        if len(notes) > MAX_LINES:
            lines.append(
                _("… و %(n)s پیام دیگر در صفحه اعلان‌ها.") % {"n": to_persian_digits(len(notes) - MAX_LINES)}
            )
        body = title + "\n\n" + "\n".join(lines)
        key = f"digest:{pref.user_id}:{day.isoformat()}"
        if pref.email and pref.user.email:
            messages.append(
                OutboundMessage(
                    channel=OutboundMessage.Channel.EMAIL,
                    to=pref.user.email,
                    subject=title,
                    body=body,
                    dedupe_key=f"{key}:email",
                )
            )
        if pref.bale and pref.bale_chat_id:
            messages.append(
                OutboundMessage(
                    channel=OutboundMessage.Channel.BALE,
                    to=pref.bale_chat_id,
                    body=body[:4000],
                    dedupe_key=f"{key}:bale",
                )
            )
        sent_to.append(pref.pk)
    with transaction.atomic():
        OutboundMessage.objects.bulk_create(messages, ignore_conflicts=True)
        Preference.objects.filter(pk__in=sent_to).update(last_digest_at=now)
        deliver_after_commit([m.dedupe_key for m in messages])
    return len(sent_to)
