"""What an amendment of a sealed schedule says to whom (`amendments.do_visit_amend` calls it in its
transaction).

- **The inspectors concerned**: the one who lost a visit (it went to another inspector), the one who
  got it, or the one whose visit was drawn another day. Each learns that their schedule changed, and
  nothing the rule (`access.visits_dated_for`) does not already let them know: the text names no
  facility and no date. Only when the visit's new day is already revealed to them (today or tomorrow,
  `access.REVEAL_DAYS_AHEAD`) does it say "today"/"tomorrow"; that notice then stands for the
  day-before reminder (`Visit.reminded_for` is set, so `reminders.py` does not repeat it). An SMS goes
  too whenever they must act now: a visit came to them for today or tomorrow, or one they saw on their
  list for today or tomorrow left it. An inspector who amended their
  own visit is told only then: otherwise they know all the notice would say.
- **The plan's managers and the office**: the managing members of the inspecting organization and the
  province's social office (staff and head) learn that an amendment was recorded, by whom, what kind
  (another inspector, another day) and its reason, with a link to the amendment page — no facility,
  no inspector, no date. The one who amended is not told.

Nobody else: not the governor, not the read-only inspectors, never the facility's agency. Email, SMS
and Bale carry these texts through third parties, which is one more reason they name neither the
facility nor the day (as the reminder does not).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from peygir.notifications.outbox import Outbox, shorten
from peygir.notifications.recipients import PROVINCE_ROLES, Directory, Recipient, merge
from peygir.organizations.models import Membership

from . import access
from .models import DrawAmendment, Visit

Role = Membership.Role

INSPECTOR_KIND = "inspection.schedule_changed"
MANAGER_KIND = "inspection.amendment"
# The inspector's own page (web:inspector_home): the only place a date is shown to them.
INSPECTOR_PAGE = "/inspections/"
# Members of the inspecting organization who manage its plans (organizations.access: territorial
# managers, and the head of a governing organization).
PLAN_MANAGER_ROLES = frozenset({Role.HEAD, Role.OFFICE_STAFF, Role.GOVERNOR, Role.COUNTY_DEPUTY})

ADDED, REMOVED, MOVED = "added", "removed", "moved"


def _day_word(day: dt.date, today: dt.date) -> str:
    return _("امروز") if day == today else _("فردا")


def _revealed(day: dt.date, today: dt.date) -> bool:
    return day <= access.reveal_horizon(today)


def inspector_message(
    *, change: str, plan: str, period: str, old_day: dt.date, new_day: dt.date, today: dt.date
) -> tuple[str, str]:
    """(title, body) for an inspector whose schedule changed: `added` (a visit given to them),
    `removed` (given to another), `moved` (drawn another day). A day is named only relatively, and only
    when it is already revealed to them."""
    params = {"plan": shorten(plan, 150), "period": period}
    if change == REMOVED:
        title = _("یک بازدید سرزده از برنامه شما برداشته شد")
        lead = _(
            "در اصلاحیه‌ای بر قرعه مهرشده برنامه «%(plan)s» (%(period)s)، یکی از بازدیدهای شما به بازرس "
            "دیگری سپرده شد."
        )
        if _revealed(old_day, today):
            tail = _("این بازدید در فهرست «بازدیدهای من» بود و دیگر بر عهده شما نیست؛ فهرست تازه را ببینید.")
        else:
            tail = _("شمار بازدیدهای آینده شما در صفحه «بازدیدهای من» به‌روز شده است.")
    else:
        if change == ADDED:
            lead = _(
                "در اصلاحیه‌ای بر قرعه مهرشده برنامه «%(plan)s» (%(period)s)، بازدیدی که با بازرس دیگری "
                "بود به شما سپرده شد."
            )
        else:
            lead = _(
                "در اصلاحیه‌ای بر قرعه مهرشده برنامه «%(plan)s» (%(period)s)، روز یکی از بازدیدهای شما از "
                "نو به قرعه کشیده شد."
            )
        if new_day < today:
            # Given to them after its day passed, before the scan marked it missed: it is due now.
            title = _("یک بازدید سرزده عقب‌افتاده به شما سپرده شد")
            tail = _(
                "روز این بازدید گذشته و هنوز انجام نشده است؛ مرکز و چک‌لیست آن در صفحه «بازدیدهای من» "
                "آمده است."
            )
        elif _revealed(new_day, today):
            params["day"] = _day_word(new_day, today)
            if change == ADDED:
                title = _("بازدید سرزده %(day)s: یک بازدید به شما سپرده شد") % params
            else:
                title = _("بازدید سرزده %(day)s: روز یکی از بازدیدهای شما از نو قرعه‌کشی شد") % params
            tail = _(
                "روز این بازدید %(day)s است؛ مرکز و چک‌لیست آن در صفحه «بازدیدهای من» آمده است. پیش از "
                "رفتن آن را باز کنید تا بی‌اینترنت هم روی گوشی بماند."
            )
        else:
            if change == ADDED:
                title = _("یک بازدید سرزده به برنامه شما افزوده شد")
            else:
                title = _("روز یکی از بازدیدهای سرزده شما از نو قرعه‌کشی شد")
            tail = _("روز و مرکز آن را مانند هر بازدید از روز پیش از آن در صفحه «بازدیدهای من» می‌بینید.")
            if change == MOVED and _revealed(old_day, today):
                tail = _("این بازدید از فهرست «بازدیدهای من» به روز دیگری از این دوره رفت.") + " " + tail
    body = f"{lead % params} {tail % params} " + _("این پیام تنها برای شما فرستاده شده است.")
    return title, body


def manager_message(
    *, plan: str, period: str, who: str, redrawn: bool, reassigned: bool, reason: str
) -> tuple[str, str]:
    """(title, body) for the plan's managers and the office: that an amendment was recorded, what kind,
    by whom and why — no facility, no inspector, no date."""
    params = {"plan": shorten(plan, 150), "period": period, "who": who}
    if reassigned and redrawn:
        change = _("یک بازدید به بازرس دیگری سپرده و روزش از نو به قرعه کشیده شد")
    elif reassigned:
        change = _("یک بازدید به بازرس دیگری سپرده شد")
    else:
        change = _("روز یک بازدید از نو به قرعه کشیده شد")
    params["change"] = change
    title = _("اصلاحیه قرعه: %(plan)s") % params
    body = (
        _("%(who)s اصلاحیه‌ای بر قرعه مهرشده برنامه «%(plan)s» (%(period)s) ثبت کرد: %(change)s.") % params
        + "\n"
        + _("دلیل")
        + ": "
        + shorten(reason, 1000)
        + "\n"
        + _(
            "تاریخ بازدیدها تا پایان دوره جز به بازرس هر بازدید، آن هم از روز پیش از آن، نشان داده "
            "نمی‌شود؛ اصلاحیه با تاریخ‌هایش پس از پایان دوره با برنامه منتشر می‌شود."
        )
    )
    return title, body


def manager_recipients(amendment: DrawAmendment, directory: Directory) -> list[Recipient]:
    """The inspecting organization's managing members and the province's social office, each once,
    without the one who amended."""
    plan = amendment.draw.plan
    offices = directory.province_offices(plan.territory.province_id)
    return merge(
        directory.members(plan.organization_id, PLAN_MANAGER_ROLES),
        *(directory.members(office, PROVINCE_ROLES) for office in offices),
        exclude=amendment.amended_by_id,
    )


def _person(user: Any) -> str:
    if user is None:
        return _("سامانه")
    return user.get_full_name() or user.username


def notify_amendment(*, amendment: DrawAmendment, visit: Visit, today: dt.date) -> int:
    """Tell the inspectors concerned and the plan's managers of one amendment; returns notifications
    written. Marks the visit reminded when its new inspector was told of its (revealed) day."""
    draw = amendment.draw
    plan = draw.plan
    old_id, new_id = amendment.old_inspector_id, amendment.new_inspector_id
    directory = Directory()
    directory.load_users({old_id, new_id})
    outbox = Outbox()
    common = {"plan": plan.title, "period": draw.period_label, "today": today}
    days = {"old_day": amendment.old_date, "new_day": amendment.new_date}
    if old_id != new_id:
        changes = [(old_id, REMOVED), (new_id, ADDED)]
    else:
        changes = [(new_id, MOVED)]
    reminded = False
    for user_id, change in changes:
        recipient = directory.user(user_id)
        if recipient is None:  # a deactivated account: nobody to tell
            continue
        had = _revealed(amendment.old_date, today)  # it was on their list of today and tomorrow
        has = change != REMOVED and _revealed(amendment.new_date, today)  # it is on it now
        # They must act now: go to a visit that came to them, or not to one that left their list.
        urgent = has or (had and change != ADDED)
        if user_id == amendment.amended_by_id and not urgent:
            continue  # they amended it themselves, and there is no revealed day to tell them of
        title, body = inspector_message(change=change, **common, **days)
        outbox.add(
            recipient=recipient,
            url=INSPECTOR_PAGE,
            subject=f"inspection-draw:{draw.pk}",
            kind=INSPECTOR_KIND,
            title=title,
            body=body,
            dedupe=f"inspection-amendment:{amendment.pk}:{change}",
            sms=urgent,
        )
        reminded = reminded or has
    title, body = manager_message(
        plan=plan.title,
        period=draw.period_label,
        who=_person(amendment.amended_by),
        redrawn=amendment.redrawn,
        reassigned=old_id != new_id,
        reason=amendment.reason,
    )
    url = reverse("web:draw_amend", args=[draw.pk])
    for recipient in manager_recipients(amendment, directory):
        outbox.add(
            recipient=recipient,
            url=url,
            subject=f"inspection-draw:{draw.pk}",
            kind=MANAGER_KIND,
            title=title,
            body=body,
            dedupe=f"inspection-amendment:{amendment.pk}:manager",
        )
    written, _queued = outbox.flush(deliver=True)
    if reminded:
        # Told of its day already (the notice above): the day-before reminder would only repeat it.
        Visit.objects.filter(pk=visit.pk).update(reminded_for=visit.scheduled_on)
    return written
