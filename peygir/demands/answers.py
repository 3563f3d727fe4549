"""The agency's answers ("not ours", "planned", "done") and the office's decisions on them.

Each answer is checked by the demand's own rule (demand_access.can_answer_demand for the agency,
demand_access.can_handle_demand for the office) and then carried out on the action through the action
services; `sync.on_action_event` moves the demand in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from peygir.actions.services import (
    do_action_change_deadline,
    do_action_reject,
    do_action_report_done,
    do_action_verify,
)
from peygir.core.errors import NotAllowed, ValidationError
from peygir.core.jalali import format_jalali
from peygir.core.jalali import today as local_today
from peygir.core.text import clean_input

from . import access as demand_access
from .events import check_version, lock_demand, record, save_demand, set_status
from .models import Demand, DemandEvent, DemandRoute
from .routing import _reason, detach_action

EK = DemandEvent.Kind

Status = Demand.Status
MAX_NOTE = 2000


def _text(value: str, *, field: str, required: bool = False, limit: int = MAX_NOTE) -> str:
    text = clean_input(value)
    if required and not text.replace("\u200c", "").strip():
        raise ValidationError({field: _("این بخش را پر کنید.")})
    if len(text) > limit:
        raise ValidationError({field: _("متن بیش از %(limit)s نویسه است.") % {"limit": limit}})
    return text


def _agency_begin(user: Any, demand: Demand, expected_version: int | None, statuses: tuple) -> Demand:
    if not demand_access.can_answer_demand(user, demand):
        raise NotAllowed
    demand = lock_demand(demand)
    if not demand_access.can_answer_demand(user, demand):  # re-routed meanwhile
        raise NotAllowed
    check_version(demand, expected_version)
    if demand.status not in statuses or demand.current_action_id is None:
        raise ValidationError(
            {
                "status": _("به مطالبه‌ای با وضعیت «%(s)s» نمی‌توان پاسخ داد.")
                % {"s": demand.get_status_display()}
            }
        )
    return demand


def _office_begin(user: Any, demand: Demand, expected_version: int | None) -> Demand:
    if not demand_access.can_handle_demand(user, demand):
        raise NotAllowed
    demand = lock_demand(demand)
    check_version(demand, expected_version)
    return demand


def _fresh(demand: Demand) -> Demand:
    return Demand.objects.select_related("office__organization", "neighbourhood", "category", "agency").get(
        pk=demand.pk
    )


# ---------------------------------------------------------------- agency


def demand_answer_not_ours(
    *, user: Any, demand: Demand, reason: str, expected_version: int | None = None
) -> Demand:
    """The agency says another body is responsible: its action is cancelled, the demand goes back to
    the office's triage queue, and the route history keeps who said so and why."""
    reason = _reason(reason)
    with transaction.atomic():
        demand = _agency_begin(user, demand, expected_version, (Status.ROUTED, Status.PLANNED))
        agency = demand.agency
        action = demand.current_action
        detach_action(demand, user=user, reason=reason)
        DemandRoute.objects.create(
            demand=demand,
            agency=None,
            action=action,
            reason=_("«%(agency)s»: در حوزه ما نیست — %(reason)s")
            % {"agency": agency.name, "reason": reason},
            routed_by=user,
        )
        demand.agency = None
        demand.expected_on = None
        demand.proposed_date = None
        set_status(
            demand,
            Status.TRIAGE,
            actor=user,
            kind=EK.NOT_OURS,
            fields=("agency", "expected_on", "proposed_date"),
            public_text=_("دستگاه ارجاع‌شده مسئول این موضوع نبود؛ دفتر تسهیلگری دستگاه مسئول را تعیین می‌کند."),
            data={"agency": agency.pk, "reason": reason},
        )
    return _fresh(demand)


def demand_answer_planned(
    *, user: Any, demand: Demand, date: dt.date, note: str = "", expected_version: int | None = None
) -> Demand:
    """The agency proposes a date; it becomes the deadline only when the office accepts it."""
    note = _text(note, field="note")
    if not isinstance(date, dt.date) or date < local_today():
        raise ValidationError({"date": _("تاریخ برنامه باید امروز یا پس از آن باشد.")})
    with transaction.atomic():
        demand = _agency_begin(user, demand, expected_version, (Status.ROUTED, Status.PLANNED))
        demand.proposed_date = date
        save_demand(demand, "proposed_date")
        record(demand, EK.PLAN_PROPOSED, actor=user, data={"date": date.isoformat(), "note": note})
    return _fresh(demand)


def demand_answer_done(
    *,
    user: Any,
    demand: Demand,
    text: str,
    files: list[UploadedFile] | tuple[UploadedFile, ...] = (),
    expected_version: int | None = None,
) -> Demand:
    """The agency reports the work done, with evidence (checked as for any action); the office verifies."""
    with transaction.atomic():
        demand = _agency_begin(user, demand, expected_version, (Status.ROUTED, Status.PLANNED))
        do_action_report_done(action=demand.current_action, user=user, text=text, files=files)
    return _fresh(demand)


# ---------------------------------------------------------------- office


def demand_accept_plan(*, user: Any, demand: Demand, expected_version: int | None = None) -> Demand:
    """The agency's proposed date becomes the action's deadline and the citizen's expected date."""
    with transaction.atomic():
        demand = _office_begin(user, demand, expected_version)
        if demand.proposed_date is None or demand.current_action_id is None:
            raise ValidationError({"proposed_date": _("دستگاه تاریخی پیشنهاد نکرده است.")})
        do_action_change_deadline(
            action=demand.current_action,
            user=user,
            deadline=demand.proposed_date,
            deadline_text=format_jalali(demand.proposed_date),
            reason=_("تاریخ پیشنهادی دستگاه را دفتر تسهیلگری پذیرفت."),
        )
    return _fresh(demand)


def demand_decline_plan(
    *, user: Any, demand: Demand, reason: str, expected_version: int | None = None
) -> Demand:
    """The office does not accept the proposed date: the service-level deadline stays."""
    reason = _reason(reason)
    with transaction.atomic():
        demand = _office_begin(user, demand, expected_version)
        if demand.proposed_date is None:
            raise ValidationError({"proposed_date": _("دستگاه تاریخی پیشنهاد نکرده است.")})
        proposed = demand.proposed_date
        demand.proposed_date = None
        save_demand(demand, "proposed_date")
        record(demand, EK.PLAN_DECLINED, actor=user, data={"date": proposed.isoformat(), "reason": reason})
    return _fresh(demand)


def demand_verify(
    *, user: Any, demand: Demand, public_note: str = "", expected_version: int | None = None
) -> Demand:
    """The office confirms the work: RESOLVED, and the citizen is invited to rate it."""
    public_note = _text(public_note, field="public_note")
    with transaction.atomic():
        demand = _office_begin(user, demand, expected_version)
        if demand.status != Status.DONE or demand.current_action_id is None:
            raise ValidationError({"status": _("تنها مطالبه‌ای را که انجام آن اعلام شده می‌توان تأیید کرد.")})
        if public_note:
            demand.public_note = public_note
            save_demand(demand, "public_note")
        do_action_verify(action=demand.current_action, user=user, text=public_note)
    return _fresh(demand)


def demand_reject_done(
    *, user: Any, demand: Demand, reason: str, expected_version: int | None = None
) -> Demand:
    """The office does not accept the report: the action goes back to in-progress, the demand to ROUTED."""
    reason = _reason(reason)
    with transaction.atomic():
        demand = _office_begin(user, demand, expected_version)
        if demand.status != Status.DONE or demand.current_action_id is None:
            raise ValidationError({"status": _("تنها مطالبه‌ای را که انجام آن اعلام شده می‌توان رد کرد.")})
        do_action_reject(action=demand.current_action, user=user, reason=reason)
    return _fresh(demand)


def demand_set_public_note(
    *, user: Any, demand: Demand, text: str, expected_version: int | None = None
) -> Demand:
    """A note the citizen reads on the status page (never personal data: it is public)."""
    text = _text(text, field="text")
    with transaction.atomic():
        demand = _office_begin(user, demand, expected_version)
        demand.public_note = text
        save_demand(demand, "public_note")
        if text:
            record(demand, EK.PUBLIC_NOTE, actor=user, public_text=text)
    return _fresh(demand)


def demand_close_rejected(
    *, user: Any, demand: Demand, reason: str, expected_version: int | None = None
) -> Demand:
    """The office closes a demand outside the programme's remit (REJECTED), cancelling any action."""
    reason = _reason(reason)
    with transaction.atomic():
        demand = _office_begin(user, demand, expected_version)
        if demand.status not in Demand.OPEN_STATUSES:
            raise ValidationError({"status": _("این مطالبه باز نیست.")})
        detach_action(demand, user=user, reason=reason)
        set_status(demand, Status.REJECTED, actor=user, kind=EK.REJECTED, data={"reason": reason})
    return _fresh(demand)
