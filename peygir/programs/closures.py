"""Closing a reporting period (check, then do) and what was missing when it closed.

A province's approvers close a period (a season, a month or a year) for every indicator of that
period type in the province. From then on no value of the period can be entered or changed there
(`values.lock_reason` says the period is closed, by whom and when) — except a value sent back for
correction (`approvals.value_reopen`), which may be corrected once and is then locked again. The
closure row is the record: who closed, when, why, and the values still missing at that moment (kept
as they were, so a later entry does not rewrite the history of the closing).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from peygir.core.errors import NotAllowed, ValidationError
from peygir.core.jalali import today as local_today
from peygir.core.text import check_text, to_persian_digits
from peygir.territory.models import Territory

from . import access
from .models import Indicator, IndicatorValue, PeriodClosure
from .periods import Period

# How many territory names a closure keeps per indicator (the count is always whole).
NAMES_KEPT = 50


@dataclass
class Missing:
    """One indicator's entry-level territories with no value (total) for the period."""

    indicator_id: int
    name: str
    territories: list[str] = field(default_factory=list)
    count: int = 0
    expected: int = 0


def missing_values(province: Territory, period: Period) -> list[Missing]:
    """Per indicator of the period's type, the territories of the province (at its entry level) that
    have reported nothing: three queries whatever the number of indicators and counties."""
    indicators = list(
        Indicator.objects.filter(is_active=True, current_version__period_type=period.type)
        .select_related("current_version")
        .order_by("theme", "code")
    )
    if not indicators:
        return []
    places = list(
        Territory.objects.filter(
            path__startswith=province.path,
            kind__in={i.current_version.entry_level for i in indicators},
            is_active=True,
        )
        .order_by("name_fa")
        .values_list("pk", "name_fa", "kind")
    )
    reported = set(
        IndicatorValue.objects.filter(
            indicator__in=indicators,
            territory_path__startswith=province.path,
            period_type=period.type,
            year=period.year,
            number=period.number,
            disaggregation="",
        )
        .order_by()
        .values_list("indicator_id", "territory_id")
        .distinct()
    )
    result = []
    for indicator in indicators:
        level = indicator.current_version.entry_level
        mine = [(pk, name) for pk, name, kind in places if kind == level]
        absent = [name for pk, name in mine if (indicator.pk, pk) not in reported]
        if absent:
            result.append(Missing(indicator.pk, indicator.name, absent[:NAMES_KEPT], len(absent), len(mine)))
    return result


def check_close(user: Any, province: Territory, period: Period) -> None:
    if province.kind != Territory.Kind.PROVINCE:
        raise ValidationError({"territory": _("دوره را استان می‌بندد.")})
    if user is not None and not access.can_approve(user, province, IndicatorValue.Status.PROVINCE):
        raise NotAllowed
    if period.start > local_today():
        raise ValidationError({"period": _("دورهٔ %(period)s هنوز آغاز نشده است.") % {"period": period.label}})


def period_close(*, user: Any, province: Territory, period: Period, reason: str = "") -> PeriodClosure:
    """Close the period in the province; refuses a period already closed there."""
    check_close(user, province, period)
    reason = check_text(reason, field="reason", limit=300)
    missing = missing_values(province, period)
    closure = PeriodClosure(
        territory=province,
        period_type=period.type,
        year=period.year,
        number=period.number,
        reason=reason,
        closed_by=user if getattr(user, "pk", None) else None,
        missing=[
            {"indicator": m.indicator_id, "name": m.name, "territories": m.territories, "count": m.count}
            for m in missing
        ],
        missing_count=sum(m.count for m in missing),
    )
    try:
        with transaction.atomic():
            closure.save()
    except IntegrityError:  # the unique constraint: closed before (or by a concurrent request)
        raise ValidationError(
            {"period": _("دورهٔ %(period)s در این استان پیش‌تر بسته شده است.") % {"period": period.label}}
        ) from None
    return closure


def closure_summary(closure: PeriodClosure) -> str:
    """«۳ مقدار ثبت نشده بود» — for messages and lists."""
    if not closure.missing_count:
        return _("همهٔ مقادیر ثبت شده بود.")
    return _("%(count)s مقدار ثبت نشده بود.") % {"count": to_persian_digits(closure.missing_count)}
