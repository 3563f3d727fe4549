"""The day-before reminder: each inspector is told, once, that they have visits tomorrow.

`peygir inspections remind` (daily, after the escalation scan) finds the scheduled visits of tomorrow —
and of today, for a reminder a missed run did not send — that were not reminded for their present day
and inspector, and writes one notification per inspector and day.

The sealed schedule stays sealed: the reminder goes to the visit's own inspector only, on the day the
date is revealed to them anyway (`access.REVEAL_DAYS_AHEAD`), and it names neither the facility nor the
visit — only how many visits and a link to the inspector's own page. Email, SMS and Bale carry what the
notification says, so no facility's name passes through a mail server or a gateway ahead of the visit.

Idempotent: each visit records the day it was reminded for (`Visit.reminded_for`), in the transaction
that writes the notification; a second run the same day finds nothing, and an amendment (another day,
another inspector) clears it so the new inspector is told.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Q
from django.utils.translation import gettext as _

from peygir.core.jalali import today as local_today
from peygir.core.text import to_persian_digits
from peygir.notifications.outbox import Outbox
from peygir.notifications.recipients import Directory

from . import access
from .models import Visit

KIND = "inspection.reminder"
# The inspector's page (web:inspector_home), literal as the actions' paths are: no resolving per row.
INSPECTOR_PAGE = "/inspections/"
MARK_BATCH = 5000


@dataclass(frozen=True)
class ReminderResult:
    visits: int  # visits marked reminded
    inspectors: int  # notifications written
    queued: int  # emails, SMS, Bale messages queued


def _message(count: int, day: dt.date, today: dt.date) -> tuple[str, str]:
    n = to_persian_digits(count)
    if day > today:
        title = _("یادآوری: فردا %(n)s بازدید سرزده در برنامه شماست") % {"n": n}
    else:
        title = _("یادآوری: امروز %(n)s بازدید سرزده در برنامه شماست") % {"n": n}
    body = _(
        "مرکز و چک‌لیست هر بازدید در صفحه «بازدیدهای من» آمده است؛ پیش از رفتن آن را باز کنید تا "
        "بازدیدها بی‌اینترنت هم روی گوشی بمانند. این پیام تنها برای شما فرستاده شده است."
    )
    return title, body


@transaction.atomic
def remind_inspectors(*, as_of: dt.date | None = None, deliver: bool = True) -> ReminderResult:
    """Write the reminders due on `as_of` (today by default): a fixed number of queries per run."""
    today = as_of or local_today()
    horizon = access.reveal_horizon(today)
    due = list(
        Visit.objects.select_for_update()
        .filter(status=Visit.Status.SCHEDULED, scheduled_on__gte=today, scheduled_on__lte=horizon)
        .filter(Q(reminded_for__isnull=True) | ~Q(reminded_for=F("scheduled_on")))
        .order_by("inspector_id", "scheduled_on", "pk")
        .values_list("pk", "inspector_id", "scheduled_on")
    )
    if not due:
        return ReminderResult(0, 0, 0)
    groups: dict[tuple[int, dt.date], list[int]] = defaultdict(list)
    for pk, inspector_id, day in due:
        groups[(inspector_id, day)].append(pk)
    directory = Directory()
    directory.load_users({inspector for inspector, _day in groups})
    outbox = Outbox()
    for (inspector_id, day), ids in groups.items():
        recipient = directory.user(inspector_id)
        if recipient is None:  # a deactivated account: nobody to tell, the visit still counts as told
            continue
        title, body = _message(len(ids), day, today)
        # The visits' ids name the message: the same reminder is never queued twice, a new visit of
        # the same day (an amendment) makes a new one.
        digest = hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()[:16]
        outbox.add(
            recipient=recipient,
            url=INSPECTOR_PAGE,
            subject=f"inspection-day:{inspector_id}",
            kind=KIND,
            title=title,
            body=body,
            dedupe=f"inspection-reminder:{day.isoformat()}:{digest}",
            sms=True,
        )
    written, queued = outbox.flush(deliver=deliver)
    ids = [pk for pk, _inspector, _day in due]
    for start in range(0, len(ids), MARK_BATCH):
        Visit.objects.filter(pk__in=ids[start : start + MARK_BATCH]).update(reminded_for=F("scheduled_on"))
    return ReminderResult(visits=len(ids), inspectors=written, queued=queued)
