"""The reporting of indicator values as a record: who answered for each report, when it was due, and
which reports a Jalali period holds — what the evaluation's data-quality measures count.

- A value's **due date** is its period's last day plus its definition's `grace_days` (15 by default,
  `IndicatorVersion.due_on`), fixed when the value is first entered, with the day it was entered
  (`reported_on`). Entered after the due date is late reporting.
- A period closed with values missing is incomplete reporting: the closing writes one
  `ExpectedValue` per indicator and entry-level territory, reported or not (closures.py).
- Both are answered for by the **reporter**: the indicator's reporting organization when it names one,
  else the organization governing the territory at the entry level — the county governorate (its
  deputy enters the county's values) or the province's social office.

Values and expected values share the fields these conditions read (`period_type`, `year`, `number`,
`territory_path`, `reporter`, `due_on`), so one condition selects both.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import F, Q, QuerySet

from peygir.organizations.models import Organization
from peygir.territory.models import Territory

from .models import ExpectedValue, Indicator, IndicatorValue
from .periods import MONTH, SEASON, YEAR, Period

# The organization that answers for a territory's values when the indicator names none.
GOVERNING = {
    Territory.Kind.COUNTY: Organization.Kind.COUNTY_GOVERNORATE,
    Territory.Kind.PROVINCE: Organization.Kind.SOCIAL_OFFICE,
}


def governing_organizations(territories: Iterable[Territory]) -> dict[int, int]:
    """territory id → the id of the organization governing it (one query; the oldest if several)."""
    kinds = {t.pk: GOVERNING.get(t.kind) for t in territories}
    wanted = {pk for pk, kind in kinds.items() if kind}
    if not wanted:
        return {}
    found: dict[int, int] = {}
    rows = (
        Organization.objects.filter(territory_id__in=wanted, kind__in=set(GOVERNING.values()), is_active=True)
        .order_by("pk")
        .values_list("territory_id", "kind", "pk")
    )
    for territory_id, kind, pk in rows:
        if kinds[territory_id] == kind:
            found.setdefault(territory_id, pk)
    return found


def reporters(
    indicator: Indicator, territories: Iterable[Territory], governing: dict[int, int] | None = None
) -> dict[int, int | None]:
    """territory id → the organization answering for the indicator's value there (`governing`: the
    territories' governing organizations if already read)."""
    territories = list(territories)
    if indicator.responsible_id is not None:
        return {t.pk: indicator.responsible_id for t in territories}
    if governing is None:
        governing = governing_organizations(territories)
    return {t.pk: governing.get(t.pk) for t in territories}


def within_q(period: Period) -> Q:
    """The reporting periods inside `period`: a year holds its year, seasons and months; a season its
    season and months; a month itself. On the fields values and expected values share."""
    if period.type == YEAR:
        return Q(year=period.year)
    months = Q(period_type=MONTH, year=period.year, number__range=(period.first_month, period.last_month))
    if period.type == SEASON:
        return months | Q(period_type=SEASON, year=period.year, number=period.number)
    return months


def reported_values(period: Period) -> QuerySet[IndicatorValue]:
    """The reports of the period: entered values (totals, not categories) with their due date."""
    return IndicatorValue.objects.filter(
        within_q(period), disaggregation="", reported_on__isnull=False, due_on__isnull=False
    )


def on_time_q() -> Q:
    """Entered on or before the due date."""
    return Q(reported_on__lte=F("due_on"))


def expected_values(period: Period) -> QuerySet[ExpectedValue]:
    """What the closed periods inside `period` expected, reported or not."""
    return ExpectedValue.objects.filter(within_q(period))


def reported_q() -> Q:
    return Q(reported=True)
