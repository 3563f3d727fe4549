"""Reading programs, duties and indicators — the functions other domains (evaluation) build on.

Aggregation follows one rule: a value is stored at the indicator's entry level (usually the county)
with its numerator and denominator; a territory above it gets the **sum** of its entry-level values for
a number, and for a percentage or a rate the sum of numerators divided by the sum of denominators
(times 100 or 1,000) — never an average of rates. Over time, a coarser period sums the finer ones
(or takes the last one for a stock such as "number of schools", `time_aggregation = last`). Only the
total rows (disaggregation "") are aggregated unless a category is asked for.

Every result carries the ids of the values behind it, so a scorecard can show the records.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, QuerySet

from peygir.actions.models import Action
from peygir.territory.models import Territory

from .models import Duty, Indicator, IndicatorValue, IndicatorVersion, Program, Theme
from .periods import YEAR, Period

# The reports of values as of a day (on time, late, missing; who answers for them): the evaluation's
# data-quality measures count and list them.
from .report_status import LATE as LATE
from .report_status import MISSING as MISSING
from .report_status import ON_TIME as ON_TIME
from .report_status import STATUSES as STATUSES
from .report_status import ReportCounts as ReportCounts
from .report_status import ReportList as ReportList
from .report_status import Scope as Scope
from .report_status import report_counts as report_counts
from .reporting import Deadlines as Deadlines

QUANTUM = Decimal("0.0001")
Status = IndicatorValue.Status
# The five social harms followed by one national roadmap (S5.2). The seed names no list; these are the
# harms among the shared themes. The roadmap is the national PolicyDocument of `ROADMAP_TITLE`; its
# indicators carry these themes and that document.
FIVE_HARMS = (Theme.ADDICTION, Theme.DIVORCE, Theme.INFORMAL_SETTLEMENTS, Theme.VIOLENCE, Theme.BEGGING)
ROADMAP_TITLE = "نقشه راه کنترل پنج آسیب اجتماعی"


@dataclass(frozen=True)
class Aggregate:
    """An indicator's figure for one territory and one period, with what it was computed from."""

    indicator_id: int
    territory_id: int
    period: Period
    value: Decimal | None  # None: nothing reported
    numerator: Decimal | None
    denominator: Decimal | None
    reported: int  # entry-level territories with a value
    expected: int  # entry-level territories under the territory (active)
    approved: int  # of the values used, how many are approved at province level or above
    value_ids: tuple[int, ...] = ()
    version_ids: tuple[int, ...] = ()

    @property
    def complete(self) -> bool:
        return self.expected > 0 and self.reported >= self.expected

    @property
    def completeness(self) -> Decimal:
        """Reported / expected, 0–1 (a data-quality measure, kept apart from performance)."""
        if not self.expected:
            return Decimal(0)
        return (Decimal(min(self.reported, self.expected)) / self.expected).quantize(QUANTUM)


# The columns of a value row, in the order `combine` reads them (by position).
_VALUE_COLUMNS = (
    "id",
    "territory_id",
    "period_start",
    "value",
    "numerator",
    "denominator",
    "status",
    "version_id",
)


def _version(indicator: Indicator) -> IndicatorVersion:
    version = indicator.current_version
    if version is None:
        raise ValueError(f"indicator {indicator.pk} has no version")
    return version


def _leaf_count(territory: Territory, level: str) -> int:
    if territory.kind == level:
        return 1
    return Territory.objects.filter(path__startswith=territory.path, kind=level, is_active=True).count()


def _rows(indicator: Indicator, territory: Territory, period: Period, disaggregation: str) -> list[tuple]:
    version = _version(indicator)
    return list(
        IndicatorValue.objects.filter(
            indicator=indicator,
            territory_path__startswith=territory.path,
            period_type=version.period_type,
            period_start__gte=period.start,
            period_start__lte=period.end,
            disaggregation=disaggregation,
        )
        .order_by("territory_id", "period_start")
        .values_list(*_VALUE_COLUMNS)
    )


def combine(
    version: IndicatorVersion,
    rows: Iterable[tuple],
    *,
    indicator_id: int,
    territory_id: int,
    period: Period,
    expected: int,
) -> Aggregate:
    """The aggregation rule on rows (id, territory_id, period_start, value, numerator, denominator,
    status, version_id) — exposed so precomputed figures use exactly the same arithmetic."""
    rows = list(rows)
    if not rows:
        return Aggregate(indicator_id, territory_id, period, None, None, None, 0, expected, 0)
    approved = sum(1 for r in rows if r[6] in (Status.PROVINCE, Status.NATIONAL))
    ids = tuple(sorted(r[0] for r in rows))
    versions = tuple(sorted({r[7] for r in rows}))
    # First over time, per territory: a stock takes its last period; a flow sums its periods, except
    # a rate's denominator, which is a population — a stock (a year's rate per 1,000 is the year's
    # cases over the population, not over four times the population).
    per_territory: dict[int, list[tuple]] = defaultdict(list)
    for row in rows:
        per_territory[row[1]].append(row)
    last = version.time_aggregation == IndicatorVersion.TimeAggregation.LAST
    value = num = den = Decimal(0)
    for items in per_territory.values():
        items.sort(key=lambda r: r[2])
        chosen = items[-1:] if last else items
        value += sum((r[3] for r in chosen), Decimal(0))
        if version.has_ratio:
            num += sum((r[4] or Decimal(0) for r in chosen), Decimal(0))
            if version.kind == IndicatorVersion.Kind.RATE:
                den += items[-1][5] or Decimal(0)
            else:
                den += sum((r[5] or Decimal(0) for r in chosen), Decimal(0))
    reported = len(per_territory)
    # Then over territories: sums summed; ratios recomputed from the summed numerator and denominator.
    if version.has_ratio:
        ratio = (num / den * version.factor).quantize(QUANTUM, rounding=ROUND_HALF_UP) if den else None
        return Aggregate(
            indicator_id, territory_id, period, ratio, num, den, reported, expected, approved, ids, versions
        )
    return Aggregate(
        indicator_id,
        territory_id,
        period,
        value.quantize(QUANTUM),
        None,
        None,
        reported,
        expected,
        approved,
        ids,
        versions,
    )


def aggregate_value(
    indicator: Indicator, territory: Territory, period: Period, *, disaggregation: str = ""
) -> Aggregate:
    """The indicator for `territory` (any level at or above the entry level) over `period` (the
    indicator's period type or coarser)."""
    version = _version(indicator)
    return combine(
        version,
        _rows(indicator, territory, period, disaggregation),
        indicator_id=indicator.pk,
        territory_id=territory.pk,
        period=period,
        expected=_leaf_count(territory, version.entry_level),
    )


def aggregate_children(
    indicator: Indicator, parent: Territory, period: Period, *, disaggregation: str = ""
) -> dict[int, Aggregate]:
    """One figure per child territory of `parent` (a province's counties, the country's provinces)
    from one query of values: the map's and the comparison's data."""
    version = _version(indicator)
    children = list(Territory.objects.filter(parent=parent, is_active=True).values_list("id", "path", "kind"))
    leaves = defaultdict(int)
    for path in Territory.objects.filter(
        path__startswith=parent.path, kind=version.entry_level, is_active=True
    ).values_list("path", flat=True):
        for child_id, child_path, _kind in children:
            if path.startswith(child_path):
                leaves[child_id] += 1
                break
    grouped: dict[int, list[tuple]] = defaultdict(list)
    rows = (
        IndicatorValue.objects.filter(
            indicator=indicator,
            territory_path__startswith=parent.path,
            period_type=version.period_type,
            period_start__gte=period.start,
            period_start__lte=period.end,
            disaggregation=disaggregation,
        )
        .order_by()
        .values_list(*_VALUE_COLUMNS, "territory_path")
    )
    for row in rows:
        for child_id, child_path, _kind in children:
            if row[8].startswith(child_path):
                grouped[child_id].append(row[:8])
                break
    return {
        child_id: combine(
            version,
            grouped.get(child_id, []),
            indicator_id=indicator.pk,
            territory_id=child_id,
            period=period,
            expected=leaves.get(child_id, 0),
        )
        for child_id, _path, _kind in children
    }


# ---------------------------------------------------------------- many indicators at once
# A page that lists indicators (the five-harms roadmap) asks the same questions of each one: these
# answer them for a list of indicators in a fixed number of queries, whatever the number of
# indicators, with the same arithmetic (`combine`) as `aggregate_value` and `aggregate_children`.


def _values_of_many(
    indicators: list[Indicator], territory: Territory, periods: Iterable[Period], disaggregation: str
) -> dict[int, list[tuple]]:
    """Per indicator: its value rows under `territory` (the territory's path last) from the first
    period's start to the last one's end, of the indicator's own period type (one query)."""
    periods = list(periods)
    if not indicators or not periods:
        return {}
    period_type = {i.pk: _version(i).period_type for i in indicators}
    rows = (
        IndicatorValue.objects.filter(
            indicator__in=list(period_type),
            territory_path__startswith=territory.path,
            period_type__in=set(period_type.values()),
            period_start__gte=min(p.start for p in periods),
            period_start__lte=max(p.end for p in periods),
            disaggregation=disaggregation,
        )
        .order_by("territory_id", "period_start", "id")
        .values_list("indicator_id", "period_type", *_VALUE_COLUMNS, "territory_path")
    )
    found: dict[int, list[tuple]] = defaultdict(list)
    for row in rows:
        if row[1] == period_type[row[0]]:
            found[row[0]].append(row[2:])
    return found


def aggregate_many(
    indicators: Iterable[Indicator],
    territory: Territory,
    periods: Iterable[Period],
    *,
    disaggregation: str = "",
) -> dict[tuple[int, Period], Aggregate]:
    """`aggregate_value` of each indicator for each period, keyed (indicator id, period): two queries
    at most, however many indicators and periods."""
    indicators, periods = list(indicators), list(periods)
    levels = {_version(i).entry_level for i in indicators}
    counted = levels - {territory.kind}
    leaves = (
        dict(
            Territory.objects.filter(path__startswith=territory.path, kind__in=counted, is_active=True)
            .order_by()
            .values("kind")
            .annotate(n=Count("pk"))
            .values_list("kind", "n")
        )
        if counted
        else {}
    )
    expected = {level: 1 if level == territory.kind else leaves.get(level, 0) for level in levels}
    rows = _values_of_many(indicators, territory, periods, disaggregation)
    result = {}
    for indicator in indicators:
        version = _version(indicator)
        mine = rows.get(indicator.pk, [])
        for period in periods:
            start, end = period.start, period.end
            result[(indicator.pk, period)] = combine(
                version,
                [r[:8] for r in mine if start <= r[2] <= end],
                indicator_id=indicator.pk,
                territory_id=territory.pk,
                period=period,
                expected=expected[version.entry_level],
            )
    return result


def aggregate_children_many(
    indicators: Iterable[Indicator], parent: Territory, period: Period, *, disaggregation: str = ""
) -> dict[int, dict[int, Aggregate]]:
    """`aggregate_children` of each indicator, keyed by indicator id: three queries, however many
    indicators."""
    indicators = list(indicators)
    if not indicators:
        return {}
    children = list(Territory.objects.filter(parent=parent, is_active=True).values_list("id", "path"))
    levels = {_version(i).entry_level for i in indicators}
    leaves: dict[str, dict[int, int]] = {level: defaultdict(int) for level in levels}
    # The child a path lies under, by the path's next segment below the parent's: a dictionary look-up
    # per row instead of a test of every child (a country's values against its 31 provinces).
    by_path = {child_path: child_id for child_id, child_path in children}
    depth = len(parent.path)

    def child_of(path: str) -> int | None:
        cut = path.find("/", depth)
        return by_path.get(path[: cut + 1]) if cut >= 0 else None

    for path, kind in Territory.objects.filter(
        path__startswith=parent.path, kind__in=levels, is_active=True
    ).values_list("path", "kind"):
        child_id = child_of(path)
        if child_id is not None:
            leaves[kind][child_id] += 1
    rows = _values_of_many(indicators, parent, [period], disaggregation)
    result = {}
    for indicator in indicators:
        version = _version(indicator)
        grouped: dict[int, list[tuple]] = defaultdict(list)
        for row in rows.get(indicator.pk, []):
            child_id = child_of(row[8])
            if child_id is not None:
                grouped[child_id].append(row[:8])
        result[indicator.pk] = {
            child_id: combine(
                version,
                grouped.get(child_id, []),
                indicator_id=indicator.pk,
                territory_id=child_id,
                period=period,
                expected=leaves[version.entry_level].get(child_id, 0),
            )
            for child_id, _path in children
        }
    return result


def indicator_series(
    indicator: Indicator, territory: Territory, first: Period, last: Period, *, disaggregation: str = ""
) -> list[Aggregate]:
    """The figure for each period from `first` to `last` (same type, the indicator's or coarser)."""
    version = _version(indicator)
    rows = (
        _rows(indicator, territory, Period(YEAR, first.year), disaggregation)
        if first.year == last.year
        else list(
            IndicatorValue.objects.filter(
                indicator=indicator,
                territory_path__startswith=territory.path,
                period_type=version.period_type,
                period_start__gte=first.start,
                period_start__lte=last.end,
                disaggregation=disaggregation,
            )
            .order_by("territory_id", "period_start")
            .values_list(*_VALUE_COLUMNS)
        )
    )
    expected = _leaf_count(territory, version.entry_level)
    series, period = [], first
    while period <= last and len(series) < 400:
        inside = [r for r in rows if period.start <= r[2] <= period.end]
        series.append(
            combine(
                version,
                inside,
                indicator_id=indicator.pk,
                territory_id=territory.pk,
                period=period,
                expected=expected,
            )
        )
        period = period.next()
    return series


def status_counts(
    indicators: Iterable[Indicator], territory: Territory, period: Period
) -> dict[int, dict[str, int]]:
    """Per indicator: how many values under `territory` for `period` stand at each approval status."""
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    rows = (
        IndicatorValue.objects.filter(
            indicator__in=list(indicators),
            territory_path__startswith=territory.path,
            period_type=period.type,
            year=period.year,
            number=period.number,
        )
        .order_by()
        .values_list("indicator_id", "status")
        .annotate(n=Count("id"))
    )
    for indicator_id, status, n in rows:
        counts[indicator_id][status] = n
    return dict(counts)


def programs_list(queryset: QuerySet[Program]) -> QuerySet[Program]:
    return queryset.select_related("territory", "owner", "adopted_from").annotate(
        duty_count=Count("duties", distinct=True), goal_count=Count("goals", distinct=True)
    )


def program_duties(program: Program) -> QuerySet[Duty]:
    return program.duties.select_related("responsible", "goal").annotate(
        action_count=Count("actions"),
        verified_count=Count("actions", filter=Q(actions__status=Action.Status.VERIFIED)),
    )


def roadmap_indicators() -> QuerySet[Indicator]:
    """The five harms' indicators (of the national roadmap), by theme then code."""
    return indicators_for().filter(theme__in=FIVE_HARMS).order_by("theme", "code")


def indicators_for(theme: str | None = None) -> QuerySet[Indicator]:
    qs = Indicator.objects.filter(is_active=True).select_related(
        "current_version", "responsible__territory", "program__territory"
    )
    return qs.filter(theme=theme) if theme else qs
