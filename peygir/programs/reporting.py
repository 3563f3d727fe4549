"""The reporting of indicator values as a record: who answers for each report, when it is due, and
which reports a Jalali period holds — what the evaluation's data-quality measures count
(`report_status.py` reads them as of a day).

- A report is the total value of one indicator for one entry-level territory and one period. Its
  **due date** is the period's last day plus the `grace_days` of the indicator's definition
  (`Deadlines`): the definition in force when the period ended, or a later one made before that
  deadline passed (a deadline moved while it still runs moves for every report of the period; once
  passed it stays). Every report of the same indicator and period is judged against that one date,
  whether it came on time, late or not at all. A value keeps it (`due_on`) with the day it was **first**
  entered (`reported_on`); a later correction, return or approval moves neither.
- **On time** is first entered on or before the due date; entered after it is late reporting; not
  entered once the due date has passed — the period closed or not — is missing (and late).
- A period closed with values missing keeps what it expected: one `ExpectedValue` per indicator and
  entry-level territory, reported or not (closures.py).
- Reports are answered for by the **reporter**: the indicator's reporting organization when it names
  one, else the organization governing the territory at the entry level — the county governorate (its
  deputy enters the county's values) or the province's social office.

Values and expected values share the fields these conditions read (`period_type`, `year`, `number`,
`territory_path`, `reporter`, `due_on`), so one statement reads both (report_status.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from peygir.organizations.models import Organization
from peygir.territory.models import Territory

from .models import Indicator, IndicatorValue, IndicatorVersion
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
    territories' governing organizations if already read): the indicator's reporting organization in
    the territories under its own (where its members enter the values, access.can_enter_values), else
    the governing one — a provincial directorate does not answer for another province's reports."""
    territories = list(territories)
    responsible = indicator.responsible if indicator.responsible_id is not None else None
    mine = {
        t.pk for t in territories if responsible is not None and covers(responsible.territory.path, t.path)
    }
    others = [t for t in territories if t.pk not in mine]
    if others and governing is None:
        governing = governing_organizations(others)
    return {
        t.pk: indicator.responsible_id if t.pk in mine else (governing or {}).get(t.pk) for t in territories
    }


def covers(organization_path: str, territory_path: str) -> bool:
    return territory_path.startswith(organization_path)


def _responsible_path(indicator: Indicator) -> str | None:
    """The territory path of the indicator's reporting organization (read if not loaded: one query)."""
    if indicator.responsible_id is None:
        return None
    field = Indicator._meta.get_field("responsible")
    if field.is_cached(indicator):  # type: ignore[union-attr]
        return indicator.responsible.territory.path  # type: ignore[union-attr]
    return (
        Organization.objects.filter(pk=indicator.responsible_id)
        .values_list("territory__path", flat=True)
        .first()
    )


def periods_within(period: Period, period_type: str) -> list[Period]:
    """The reporting periods of `period_type` inside `period`: a year holds its year, seasons and
    months; a season its season and months; a month itself."""
    if period_type == YEAR and period.type != YEAR:
        return []
    if period_type == SEASON and period.type == MONTH:
        return []
    return period.children(period_type)


# ---------------------------------------------------------------- due dates


@dataclass(frozen=True)
class Definition:
    """What one version of an indicator's definition says of its reporting, and from which day."""

    created_on: dt.date
    grace_days: int
    period_type: str
    entry_level: str


class Deadlines:
    """The indicators' definitions over time, read once (one query whatever their number): the due
    date of any of their periods, and the definition in force when a period ended."""

    def __init__(
        self, definitions: dict[int, list[Definition]], responsible: dict[int, tuple[int, str] | None]
    ) -> None:
        self.definitions = definitions  # indicator id → its versions, oldest first
        # indicator id → its reporting organization and that organization's territory path (or None)
        self.responsible = responsible

    @classmethod
    def load(cls, indicator_ids: Iterable[int] | None = None) -> Deadlines:
        """The given indicators' definitions, or every active indicator's (None)."""
        versions = IndicatorVersion.objects.order_by("indicator_id", "created_at", "number")
        if indicator_ids is None:
            versions = versions.filter(indicator__is_active=True)
        else:
            versions = versions.filter(indicator_id__in=list(indicator_ids))
        definitions: dict[int, list[Definition]] = {}
        responsible: dict[int, tuple[int, str] | None] = {}
        rows = versions.values_list(
            "indicator_id", "indicator__responsible_id", "indicator__responsible__territory__path",
            "created_at", "grace_days", "period_type", "entry_level",
        )  # fmt: skip
        for indicator_id, org_id, org_path, created_at, grace, period_type, level in rows:
            created_on = timezone.localdate(created_at) if created_at else dt.date.min
            definitions.setdefault(indicator_id, []).append(Definition(created_on, grace, period_type, level))
            responsible[indicator_id] = (org_id, org_path) if org_id is not None else None
        return cls(definitions, responsible)

    def due_on(self, indicator_id: int, period: Period) -> dt.date | None:
        """The period's last day plus the grace of the first definition, then of each later one made on
        or before the deadline as it stood (still running): a deadline that has passed is never moved."""
        versions = self.definitions.get(indicator_id)
        if not versions:
            return None
        due = period.end + dt.timedelta(days=versions[0].grace_days)
        for version in versions[1:]:
            if version.created_on > due:
                break
            due = period.end + dt.timedelta(days=version.grace_days)
        return due

    def in_force(self, indicator_id: int, day: dt.date) -> Definition | None:
        """The definition made last on or before `day` (None: the indicator was not defined yet)."""
        found = None
        for version in self.definitions.get(indicator_id, []):
            if version.created_on > day:
                break
            found = version
        return found

    def expected_periods(self, indicator_id: int, within: Period) -> list[tuple[Period, Definition]]:
        """The periods inside `within` that expect a report of the indicator: those whose definition in
        force at their end has their type (a definition made later does not reach back)."""
        found = []
        for period_type in (YEAR, SEASON, MONTH):
            for period in periods_within(within, period_type):
                definition = self.in_force(indicator_id, period.end)
                if definition is not None and definition.period_type == period_type:
                    found.append((period, definition))
        return found


def resync_due_dates(indicator: Indicator, since: dt.date) -> int:
    """After a change of definition on `since`: the stored due date of the indicator's values whose
    deadline had not passed by then, recomputed (a few periods at most; one update each)."""
    periods = set(
        IndicatorValue.objects.filter(indicator=indicator, due_on__gte=since)
        .order_by()
        .values_list("period_type", "year", "number")
        .distinct()
    )
    if not periods:
        return 0
    deadlines = Deadlines.load([indicator.pk])
    changed = 0
    for period_type, year, number in sorted(periods):
        due = deadlines.due_on(indicator.pk, Period(period_type, year, number))
        changed += (
            IndicatorValue.objects.filter(
                indicator=indicator, period_type=period_type, year=year, number=number
            )
            .exclude(due_on=due)
            .update(due_on=due)
        )
    return changed
