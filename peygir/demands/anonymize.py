"""Retention: closed demands older than the configured age lose their citizens' personal data.

Name and mobile are wiped (mobile_last4 too — so the status page no longer opens for those demands:
the key to it was personal data), supporters' names and numbers as well, and the citizen SMS still
sitting in the outbox for them. The demand itself, its route history and its numbers stay for reports.
Idempotent: an anonymized demand is skipped the next time.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from peygir.notifications.models import OutboundMessage

from . import ratelimit
from .models import Demand, DemandSupporter, PhoneConfirmation

CLOSED = (Demand.Status.RESOLVED, Demand.Status.REJECTED, Demand.Status.MERGED)
BATCH = 500


def retention_days() -> int:
    return int(getattr(settings, "PEYGIR_DEMAND_RETENTION_DAYS", 730))


def demands_to_anonymize(*, older_than_days: int, now: dt.datetime | None = None):
    cutoff = (now or timezone.now()) - dt.timedelta(days=older_than_days)
    closed_before = Q(resolved_at__lt=cutoff) | Q(resolved_at__isnull=True, updated_at__lt=cutoff)
    return Demand.objects.filter(status__in=CLOSED, anonymized_at__isnull=True).filter(closed_before)


def demand_anonymize(*, older_than_days: int | None = None, now: dt.datetime | None = None) -> int:
    """Wipe personal data of closed demands older than `older_than_days`; returns how many."""
    days = retention_days() if older_than_days is None else older_than_days
    now = now or timezone.now()
    total = 0
    while True:
        with transaction.atomic():
            ids = list(
                demands_to_anonymize(older_than_days=days, now=now).values_list("pk", flat=True)[:BATCH]
            )
            if not ids:
                break
            Demand.objects.filter(pk__in=ids).update(
                citizen_name="", citizen_mobile="", mobile_last4="", anonymized_at=now
            )
            DemandSupporter.objects.filter(demand_id__in=ids).update(
                citizen_name="", citizen_mobile="", mobile_last4=""
            )
            PhoneConfirmation.objects.filter(demand_id__in=ids).delete()
            OutboundMessage.objects.filter(
                channel=OutboundMessage.Channel.SMS,
                dedupe_key__regex=r"^demand:(" + "|".join(str(pk) for pk in ids) + r"):",
            ).update(to="", body="")
            total += len(ids)
    ratelimit.prune()
    return total
