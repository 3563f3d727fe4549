"""Amending a sealed schedule: another inspector, or another day drawn afresh, for one coming visit of a
draw, with a required reason — and without telling the one who amends when the visit is.

The draw stays sealed (its seal and document are never rewritten); each change is a `DrawAmendment`,
published with the schedule after the period (`web:draw_detail`). Before that, the plan's managers see
the draw's coming visits and its amendments by facility and inspector only (`schedule.py`); no page,
API answer or notification of an amendment carries a date. The inspectors concerned and the plan's
managers are told in the same transaction (`notify.py`); the new inspector learns the date as any
inspector does: from the day before (the reminder is due again, `Visit.reminded_for` cleared — unless
the amendment's own notice already named the revealed day).
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from peygir.core.errors import ValidationError
from peygir.core.jalali import today as local_today
from peygir.core.text import check_text
from peygir.core.versioning import check_version, lock_row
from peygir.core.workdays import WorkingCalendar

from .models import Draw, DrawAmendment, Visit
from .notify import notify_amendment
from .periods import Period, period_containing
from .plans import check_plan_manage
from .sealing import draw_days


def check_visit_amend(user: Any, visit: Visit) -> None:
    """Only the plan's managers amend, and only a drawn visit of the schedule (a back-check or a
    re-inspection is drawn for its own purpose and keeps its own secret)."""
    check_plan_manage(user, visit.draw.plan)
    if visit.kind != Visit.Kind.SCHEDULED:
        raise ValidationError({"reason": _("تنها بازدیدهای قرعه مهرشده اصلاح می‌شوند.")})


@transaction.atomic
def visit_amend(
    *,
    user: Any,
    visit: Visit,
    reason: str,
    inspector: Any = None,
    redraw_date: bool = False,
    expected_version: int | None = None,
    today: dt.date | None = None,
) -> DrawAmendment:
    """Another inspector (of the same plan), or another day drawn afresh among the period's working days
    from tomorrow on, for one coming visit. The result names no date to the caller's pages: the
    amendment's dates are read only on the published draw."""
    check_visit_amend(user, visit)
    return do_visit_amend(
        user=user,
        visit=visit,
        reason=reason,
        inspector=inspector,
        redraw_date=redraw_date,
        expected_version=expected_version,
        today=today,
    )


@transaction.atomic
def do_visit_amend(
    *,
    user: Any,
    visit: Visit,
    reason: str,
    inspector: Any = None,
    redraw_date: bool = False,
    expected_version: int | None = None,
    today: dt.date | None = None,
) -> DrawAmendment:
    today = today or local_today()
    sealed = visit.draw
    plan = sealed.plan
    reason = check_text(reason, field="reason", required=True, limit=2000)
    visit = lock_row(Visit.objects.all(), visit.pk)
    check_version(
        visit,
        expected_version,
        message=_("این بازدید در این فاصله اصلاح یا انجام شده است؛ صفحه را دوباره باز کنید."),
    )
    if visit.status != Visit.Status.SCHEDULED:
        raise ValidationError({"reason": _("تنها بازدیدی را که هنوز انجام نشده می‌توان اصلاح کرد.")})
    if inspector is not None and inspector.pk == visit.inspector_id:
        inspector = None  # the same inspector again is no change of inspector
    if inspector is None and not redraw_date:
        raise ValidationError({"reason": _("بازرس تازه یا قرعه روز تازه را برگزینید.")})
    if inspector is not None and not plan.inspectors.filter(pk=inspector.pk).exists():
        raise ValidationError({"inspector": _("بازرس تازه باید از بازرسان همین برنامه باشد.")})
    old_inspector_id, old_date = visit.inspector_id, visit.scheduled_on
    if inspector is not None:
        visit.inspector = inspector
    if redraw_date:
        days = draw_days(period_of(sealed), today, WorkingCalendar())
        if not days:
            raise ValidationError({"redraw_date": _("در این دوره روز کاری دیگری نمانده است.")})
        # Drawn with `secrets`, not from the draw's seed: the seed is published after the period and
        # must not let anyone recompute an amendment in advance.
        visit.scheduled_on = days[secrets.randbelow(len(days))]
    visit.version += 1
    # Another day or another inspector: the reminder (reminders.py) is due again, to whoever holds it.
    visit.reminded_for = None
    visit.save(update_fields=["inspector", "scheduled_on", "version", "reminded_for"])
    amendment = DrawAmendment.objects.create(
        draw=sealed,
        visit=visit,
        reason=reason,
        old_inspector_id=old_inspector_id,
        new_inspector_id=visit.inspector_id,
        old_date=old_date,
        new_date=visit.scheduled_on,
        redrawn=redraw_date,
        amended_by=user if getattr(user, "is_authenticated", False) else None,
    )
    notify_amendment(amendment=amendment, visit=visit, today=today)
    return amendment


def period_of(sealed: Draw) -> Period:
    return period_containing(sealed.period_start, sealed.plan.period)
