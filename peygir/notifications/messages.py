"""The words of notifications: Persian msgids through gettext, Jalali dates, Persian digits.

Only the numbers and dates we format are turned into Persian digits; titles and texts people typed are
shown as typed (and a link's digits must stay Latin).
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from peygir.core.jalali import format_jalali
from peygir.core.text import to_persian_digits

from .outbox import shorten

TITLE_IN_TEXT = 150

EVENTS = ("created", "progress", "reported_done", "verified", "rejected", "cancelled", "deadline_changed")


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
    else:
        head = _("تغییر در اقدام: %(title)s") % params
        body = _("اقدام «%(title)s» تغییر کرد.") % params
    if params["text"]:
        label = _("دلیل") if event in ("rejected", "cancelled", "deadline_changed") else _("شرح")
        body += f"\n{label}: {params['text']}"
    return head, body


def escalation_message(
    *, step: int, title: str, organization: str, deadline: dt.date, working_days: int
) -> tuple[str, str]:
    """(title, body) for one rung of the ladder; `working_days` is to (reminder) or past the deadline."""
    from peygir.actions.models import EscalationStep

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
