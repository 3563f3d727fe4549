"""What the spine says to whom: the notifications of action events and of escalation rungs.

The words go through gettext (Persian msgids), with Jalali dates and Persian digits; only the numbers
and dates formatted here become Persian digits: titles and texts people typed are shown as typed.
The notifications infrastructure (`peygir.notifications`) writes and delivers them.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.utils.translation import gettext as _

from peygir.core.jalali import format_jalali
from peygir.core.text import to_persian_digits
from peygir.notifications.outbox import Outbox, shorten
from peygir.notifications.recipients import ISSUER_ROLES, RESPONSIBLE_ROLES, Directory, Recipient, merge
from peygir.organizations.models import Organization

from . import sources
from .models import ActionEvent, EscalationStep

TITLE_IN_TEXT = 150

# Events the source hears of but nobody is notified about (the wording of a resolution corrected).
# A supporter taken off an action is recorded in its history only.
SILENT_EVENTS = ("retitled", "supporter_removed")
# The events people are told of: every event of the spine but the silent ones.
EVENTS = tuple(event for event in sources.EVENTS if event not in SILENT_EVENTS)


def action_path(action_id: int) -> str:
    """The action's page (web:action_detail), kept literal so a scan needs no URL resolving per row."""
    return f"/actions/{action_id}/"


def _date(value: dt.date | None) -> str:
    return format_jalali(value) if value else _("بدون مهلت")


def event_message(
    *,
    event: str,
    title: str,
    organization: str,
    deadline: dt.date | None,
    progress: int | None = None,
    text: str = "",
) -> tuple[str, str]:
    """(title, body) of the notification for one action event."""
    params = {
        "title": shorten(title, TITLE_IN_TEXT),
        "org": organization,
        "date": _date(deadline),
        "progress": to_persian_digits(progress if progress is not None else 0),
        "text": shorten(text, 1000),
    }
    if event == "created":
        head = _("اقدام تازه: %(title)s") % params
        body = _("اقدام «%(title)s» بر عهده %(org)s گذاشته شد. مهلت اقدام: %(date)s.") % params
    elif event == "progress":
        head = _("گزارش پیشرفت: %(title)s") % params
        body = _("%(org)s پیشرفت اقدام «%(title)s» را %(progress)s درصد گزارش کرد.") % params
    elif event == "reported_done":
        head = _("اعلام انجام: %(title)s") % params
        body = _("%(org)s انجام اقدام «%(title)s» را گزارش کرد؛ منتظر تأیید شماست.") % params
    elif event == "verified":
        head = _("تأیید انجام: %(title)s") % params
        body = _("انجام اقدام «%(title)s» تأیید و پرونده آن بسته شد.") % params
    elif event == "rejected":
        head = _("عدم تأیید: %(title)s") % params
        body = _("گزارش انجام اقدام «%(title)s» تأیید نشد و اقدام به جریان برگشت.") % params
    elif event == "cancelled":
        head = _("لغو اقدام: %(title)s") % params
        body = _("اقدام «%(title)s» لغو شد.") % params
    elif event == "deadline_changed":
        head = _("تغییر مهلت: %(title)s") % params
        body = _("مهلت اقدام «%(title)s» به %(date)s تغییر کرد.") % params
    elif event == "extension_requested":
        head = _("درخواست تمدید مهلت: %(title)s") % params
        body = _("%(org)s برای اقدام «%(title)s» (مهلت کنونی: %(date)s) تمدید مهلت درخواست کرد.") % params
    elif event == "extension_refused":
        head = _("رد درخواست تمدید: %(title)s") % params
        body = _("درخواست تمدید مهلت اقدام «%(title)s» پذیرفته نشد؛ مهلت همچنان %(date)s است.") % params
    elif event == "obstacle":
        head = _("اعلام مانع: %(title)s") % params
        body = _("%(org)s برای اقدام «%(title)s» مانعی اعلام کرد.") % params
    elif event == "obstacle_cleared":
        head = _("رفع مانع: %(title)s") % params
        body = _("مانع اعلام‌شده برای اقدام «%(title)s» رفع شد.") % params
    elif event == "supporter_added":
        head = _("همکاری در اقدام: %(title)s") % params
        body = _("سازمان شما همکار اقدام «%(title)s» بر عهده %(org)s شد. مهلت اقدام: %(date)s.") % params
    else:
        head = _("تغییر در اقدام: %(title)s") % params
        body = _("اقدام «%(title)s» تغییر کرد.") % params
    if params["text"]:
        reasons = ("rejected", "cancelled", "deadline_changed", "extension_requested", "extension_refused")
        label = _("دلیل") if event in reasons else _("شرح")
        body += f"\n{label}: {params['text']}"
    return head, body


def escalation_message(
    *, step: int, title: str, organization: str, deadline: dt.date, working_days: int
) -> tuple[str, str]:
    """(title, body) for one rung of the ladder; `working_days` is to (reminder) or past the deadline."""
    Step = EscalationStep.Step
    params = {
        "title": shorten(title, TITLE_IN_TEXT),
        "org": organization,
        "date": format_jalali(deadline),
        "days": to_persian_digits(working_days),
    }
    if step == Step.REMINDER:
        head = _("یادآوری مهلت: %(title)s") % params
        body = (
            _(
                "مهلت اقدام «%(title)s» بر عهده %(org)s، %(date)s است (%(days)s روز کاری دیگر). "
                "پیشرفت و شواهد را در پیگیر ثبت کنید."
            )
            % params
        )
    elif step == Step.OVERDUE_HEAD:
        head = _("مهلت گذشته: %(title)s") % params
        body = (
            _("مهلت اقدام «%(title)s» بر عهده %(org)s، %(date)s بود و انجام آن هنوز گزارش نشده است.") % params
        )
    elif step == Step.SUPERVISOR:
        head = _("ارجاع اقدام معوق به سطح نظارتی: %(title)s") % params
        body = (
            _(
                "اقدام «%(title)s» بر عهده %(org)s، %(days)s روز کاری از مهلت آن (%(date)s) گذشته و "
                "هنوز انجام نشده است؛ لطفاً پیگیری کنید."
            )
            % params
        )
    else:
        head = _("ارجاع اقدام معوق به دفتر امور اجتماعی و فرهنگی استان: %(title)s") % params
        body = (
            _(
                "اقدام «%(title)s» بر عهده %(org)s، %(days)s روز کاری از مهلت آن (%(date)s) گذشته و "
                "هنوز انجام نشده است."
            )
            % params
        )
    return head, body


# Events the responsible organization must hear about, and those its issuer must.
TO_RESPONSIBLE = frozenset(
    {
        "created",
        "rejected",
        "verified",
        "cancelled",
        "deadline_changed",
        "extension_refused",
        "obstacle_cleared",
    }
)
TO_ISSUER = frozenset({"progress", "reported_done", "extension_requested", "obstacle"})


def action_event_recipients(
    *,
    action: Any,
    event: str,
    actor: Any,
    directory: Directory | None = None,
    organization_id: int | None = None,
):
    """Who hears about `event`: never the actor, each person once.

    created / rejected / verified / cancelled / deadline_changed → the responsible organization's
    liaisons and heads; progress / reported_done → the issuer's office staff, heads and county
    deputies, and the person named to verify; supporter_added → the supporting organization's liaisons
    and heads (`organization_id`).
    """
    directory = directory or Directory()
    actor_id = getattr(actor, "pk", None)
    if event == "supporter_added":
        groups: list[list[Recipient | None]] = [directory.members(organization_id, RESPONSIBLE_ROLES)]
    elif event in TO_ISSUER:
        groups = [
            directory.members(action.issuer_organization_id, ISSUER_ROLES),
            [directory.user(action.verifier_id)],
        ]
    else:
        groups = [directory.members(action.responsible_organization_id, RESPONSIBLE_ROLES)]
    return merge(*groups, exclude=actor_id)


def notify_action_event(
    *, action: Any, event: str, actor: Any, text: str = "", organization_id: int | None = None
) -> int:
    """Tell the people concerned that something happened to an action; returns notifications written.
    `organization_id` names the organization an event is about (the supporter added)."""
    if event in SILENT_EVENTS:
        return 0
    if event not in EVENTS:
        raise ValueError(f"unknown action event {event!r}")
    recipients = action_event_recipients(
        action=action, event=event, actor=actor, organization_id=organization_id
    )
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
            url=action_path(action.pk),
            subject=f"action:{action.pk}",
            kind=f"action.{event}",
            title=title,
            body=body,
            dedupe=dedupe,
        )
    written, _queued = outbox.flush(deliver=True)
    return written
