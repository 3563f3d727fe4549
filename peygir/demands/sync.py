"""Keeps a demand in step with its action when the action changes through the action services.

The action services call `on_action_event` inside their transaction for actions of a demand, whoever
acted and wherever (the demand pages, the action page, the API): the agency reports done → DONE; the
office verifies → RESOLVED and the citizen is invited to rate; a rejected report → ROUTED again; a
cancelled action → back to the office's triage queue; a new deadline → the expected date (and, when
it is the agency's proposed date, the plan is accepted → PLANNED).

Only the demand's current action counts: the demand services detach an action before they cancel it
(re-route, "not ours", merge), so those cancellations do not echo back here.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from peygir.core.jalali import format_jalali

from .events import lock_demand, record, save_demand, set_status
from .models import Demand, DemandEvent, DemandRoute
from .notify import status_page_url

EK = DemandEvent.Kind

Status = Demand.Status


def _reported_done(demand: Demand, action: Any, actor: Any, text: str) -> None:
    if demand.status in (Status.ROUTED, Status.PLANNED):
        set_status(demand, Status.DONE, actor=actor, kind=EK.REPORTED_DONE, data={"action": action.pk})


def _verified(demand: Demand, action: Any, actor: Any, text: str) -> None:
    if demand.status not in Demand.OPEN_STATUSES:
        return
    demand.resolved_at = timezone.now()
    public = _("رسیدگی به مطالبه شما تأیید شد.")
    if demand.public_note:
        public = f"{public} {demand.public_note}"
    invitation = _(
        "رسیدگی به مطالبه شما تأیید شد. لطفاً با کد رهگیری و چهار رقم آخر شماره همراه خود در %(url)s "
        "به آن امتیاز دهید یا اگر مشکل حل نشده است، اعلام کنید."
    ) % {"url": status_page_url()}
    set_status(
        demand,
        Status.RESOLVED,
        actor=actor,
        kind=EK.VERIFIED,
        fields=("resolved_at",),
        public_text=public,
        sms=invitation,
        data={"action": action.pk},
    )


def _rejected(demand: Demand, action: Any, actor: Any, text: str) -> None:
    if demand.status == Status.DONE:
        set_status(
            demand,
            Status.ROUTED,
            actor=actor,
            kind=EK.DONE_REJECTED,
            public_text=_("دفتر تسهیلگری گزارش انجام را نپذیرفت؛ پیگیری ادامه دارد."),
            data={"action": action.pk, "reason": text},
        )


def _cancelled(demand: Demand, action: Any, actor: Any, text: str) -> None:
    """The action was cancelled on its own page: the office decides again."""
    if demand.status not in Demand.OPEN_STATUSES:
        return
    DemandRoute.objects.create(demand=demand, agency=None, action=action, reason=text, routed_by=_user(actor))
    demand.current_action = None
    demand.expected_on = None
    demand.proposed_date = None
    set_status(
        demand,
        Status.TRIAGE,
        actor=actor,
        kind=EK.ACTION_CANCELLED,
        fields=("current_action", "expected_on", "proposed_date"),
        data={"action": action.pk, "reason": text},
    )


def _deadline_changed(demand: Demand, action: Any, actor: Any, text: str) -> None:
    deadline = action.deadline
    demand.expected_on = deadline
    if demand.proposed_date is not None and demand.proposed_date == deadline:
        demand.proposed_date = None
        set_status(
            demand,
            Status.PLANNED,
            actor=actor,
            kind=EK.PLAN_ACCEPTED,
            fields=("expected_on", "proposed_date"),
            public_text=_("«%(agency)s» رسیدگی به مطالبه شما را تا %(date)s در برنامه گذاشت.")
            % {"agency": demand.agency.name if demand.agency_id else "", "date": format_jalali(deadline)},
            data={"action": action.pk, "date": deadline.isoformat()},
        )
        return
    save_demand(demand, "expected_on")
    record(
        demand,
        EK.DEADLINE_CHANGED,
        actor=actor,
        public_text=_("تاریخ مورد انتظار رسیدگی: %(date)s") % {"date": format_jalali(deadline)},
        data={"action": action.pk, "date": deadline.isoformat() if deadline else None, "reason": text},
    )


def _progress(demand: Demand, action: Any, actor: Any, text: str) -> None:
    record(demand, EK.AGENCY_PROGRESS, actor=actor, data={"action": action.pk, "text": text[:2000]})


HANDLERS = {
    "reported_done": _reported_done,
    "verified": _verified,
    "rejected": _rejected,
    "cancelled": _cancelled,
    "deadline_changed": _deadline_changed,
    "progress": _progress,
}


def _user(user: Any) -> Any:
    return user if getattr(user, "pk", None) else None


def on_action_event(*, action: Any, event: str, actor: Any, text: str = "") -> None:
    """Called inside the action service's transaction for an action of a demand."""
    handler = HANDLERS.get(event)
    if handler is None or getattr(action, "demand_id", None) is None:
        return
    demand = lock_demand(action.demand_id)
    if demand.current_action_id != action.pk:
        return
    handler(demand, action, actor, text)
