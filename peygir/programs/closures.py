"""Closing a reporting period (check, then do) and what was missing when it closed.

A province's approvers close a period (a season, a month or a year) once it has ended, for every
indicator of that period type in the province. From then on no value of the period can be entered or
changed there (`values.lock_reason` says the period is closed, by whom and when) — except a value sent
back for correction (`approvals.value_reopen`), which may be corrected once and is then locked again.
The closure row is the record: who closed, when, why, and the values still missing at that moment
(kept as they were, so a later entry does not rewrite the history of the closing) — in words for the
page (`missing`) and as one `ExpectedValue` per indicator and entry-level territory, reported or not,
with its due date and reporter, for the evaluation's completeness of reporting.

`period_version` is the version of a period's record in a province, for writers that must not close
on a stale reading (the API): it moves with every entry, change, approval or return of its values there.
The closing compares it under the province's row lock, which every one of those writes takes too
(`values.lock_province_values`), so no write slips between the comparison and the closing, and no
value is written into the period once it is closed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from peygir.core.errors import ConflictError, NotAllowed, ValidationError
from peygir.core.jalali import today as local_today
from peygir.core.text import check_text, to_persian_digits
from peygir.territory.models import Territory

from . import access
from .models import ExpectedValue, Indicator, IndicatorValue, PeriodClosure, ValueEvent
from .periods import Period
from .reporting import Deadlines, governing_organizations, reporters
from .values import lock_province_values

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


@dataclass
class Expected:
    """What a period expects in a province: per indicator of its type, the entry-level territories,
    and which of them have reported (a value for the total)."""

    indicators: list[Indicator]
    places: list[Territory]
    reported: set[tuple[int, int]]

    def places_of(self, indicator: Indicator) -> list[Territory]:
        level = indicator.current_version.entry_level
        return [t for t in self.places if t.kind == level]


def expected(province: Territory, period: Period) -> Expected:
    """Three queries whatever the number of indicators and counties."""
    indicators = list(
        Indicator.objects.filter(is_active=True, current_version__period_type=period.type)
        .select_related("current_version", "responsible__territory")
        .order_by("theme", "code")
    )
    if not indicators:
        return Expected([], [], set())
    places = list(
        Territory.objects.filter(
            path__startswith=province.path,
            kind__in={i.current_version.entry_level for i in indicators},
            is_active=True,
        )
        .order_by("name_fa")
        .only("pk", "name_fa", "kind", "path")
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
    return Expected(indicators, places, reported)


def missing_values(province: Territory, period: Period, found: Expected | None = None) -> list[Missing]:
    """Per indicator of the period's type, the territories of the province (at its entry level) that
    have reported nothing."""
    found = found or expected(province, period)
    result = []
    for indicator in found.indicators:
        mine = found.places_of(indicator)
        absent = [t.name_fa for t in mine if (indicator.pk, t.pk) not in found.reported]
        if absent:
            result.append(Missing(indicator.pk, indicator.name, absent[:NAMES_KEPT], len(absent), len(mine)))
    return result


def period_version(province: Territory, period: Period) -> int:
    """The version of the period's record in the province: 1 + the events (entries, changes,
    approvals, returns — not comments) of its values there. Events are only ever added, so any write
    that changes what a closing would record moves it (one query)."""
    events = ValueEvent.objects.filter(
        value__territory_path__startswith=province.path,
        value__period_type=period.type,
        value__year=period.year,
        value__number=period.number,
    ).exclude(kind=ValueEvent.Kind.COMMENT)
    return 1 + events.count()


def find(province: Territory, period: Period) -> PeriodClosure | None:
    return (
        PeriodClosure.objects.filter(
            territory=province, period_type=period.type, year=period.year, number=period.number
        )
        .select_related("closed_by")
        .first()
    )


def _closed_before(period: Period) -> ValidationError:
    return ValidationError(
        {"period": _("دورهٔ %(period)s در این استان پیش‌تر بسته شده است.") % {"period": period.label}}
    )


def check_close(user: Any, province: Territory, period: Period, today: dt.date | None = None) -> None:
    """Refuses outside a province, for who may not approve there, and a period not yet over: its
    values are still being reported (the period's last day included)."""
    if province.kind != Territory.Kind.PROVINCE:
        raise ValidationError({"territory": _("دوره را استان می‌بندد.")})
    if user is not None and not access.can_approve(user, province, IndicatorValue.Status.PROVINCE):
        raise NotAllowed
    today = today or local_today()
    if period.start > today:
        raise ValidationError({"period": _("دورهٔ %(period)s هنوز آغاز نشده است.") % {"period": period.label}})
    if period.end >= today:
        raise ValidationError(
            {"period": _("دورهٔ %(period)s هنوز به پایان نرسیده است؛ پس از پایانش بسته می‌شود.")
             % {"period": period.label}}
        )  # fmt: skip


def period_close(
    *,
    user: Any,
    province: Territory,
    period: Period,
    reason: str = "",
    expected_version: int | None = None,
    today: dt.date | None = None,
) -> PeriodClosure:
    """Close the period in the province; refuses a period already closed there, and (when the writer
    names the `period_version` it read) a record that changed since.

    The closing and every write of the province's values (`values.lock_province_values`: entries,
    corrections, approvals, returns) take the same row lock, the province's, so they happen one after
    the other: a value entered at the same moment is either committed before the closing reads what
    is missing — and recorded as reported — or waits for it and then meets the closed period."""
    check_close(user, province, period, today)
    reason = check_text(reason, field="reason", limit=300)
    with transaction.atomic():
        lock_province_values([province.path])
        if find(province, period) is not None:
            raise _closed_before(period)
        if expected_version is not None and period_version(province, period) != expected_version:
            raise ConflictError(
                _("در این فاصله مقادیر %(period)s در این استان تغییر کرده است؛ وضعیت دوره را دوباره بخوانید.")
                % {"period": period.label}
            )
        found = expected(province, period)
        missing = missing_values(province, period, found)
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
                ExpectedValue.objects.bulk_create(_expected_rows(closure, period, found), batch_size=1000)
        except IntegrityError:  # the unique constraint: closed meanwhile (where rows are not locked)
            raise _closed_before(period) from None
    return closure


def _expected_rows(closure: PeriodClosure, period: Period, found: Expected) -> list[ExpectedValue]:
    rows = []
    governing = governing_organizations(found.places)  # one query for every indicator
    deadlines = Deadlines.load([i.pk for i in found.indicators])  # and one for their due dates
    for indicator in found.indicators:
        places = found.places_of(indicator)
        answerable = reporters(indicator, places, governing)
        due = deadlines.due_on(indicator.pk, period) or indicator.current_version.due_on(period)
        rows.extend(
            ExpectedValue(
                closure=closure,
                indicator=indicator,
                territory=place,
                territory_path=place.path,
                period_type=period.type,
                year=period.year,
                number=period.number,
                reported=(indicator.pk, place.pk) in found.reported,
                due_on=due,
                reporter_id=answerable.get(place.pk),
            )
            for place in places
        )
    return rows


def closure_summary(closure: PeriodClosure) -> str:
    """«۳ مقدار ثبت نشده بود» — for messages and lists."""
    if not closure.missing_count:
        return _("همهٔ مقادیر ثبت شده بود.")
    return _("%(count)s مقدار ثبت نشده بود.") % {"count": to_persian_digits(closure.missing_count)}
