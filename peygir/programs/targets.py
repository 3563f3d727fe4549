"""Indicator targets against the year's figures: which targets a territory met.

Read for one territory (its own scorecard) or for many at once (a province's counties, the country's
provinces): `targets_met_many` costs three queries whatever the number of territories and targets,
with the same arithmetic as `selectors.aggregate_value` (`combine`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from functools import reduce
from operator import or_

from django.db.models import Q

from peygir.territory.models import Territory

from .models import IndicatorTarget, IndicatorValue, IndicatorVersion
from .periods import YEAR, Period
from .selectors import _VALUE_COLUMNS, Aggregate, _version, combine


@dataclass(frozen=True)
class TargetResult:
    target_id: int
    indicator_id: int
    indicator_name: str
    goal_id: int | None
    direction: str
    target: Decimal
    aggregate: Aggregate

    @property
    def value(self) -> Decimal | None:
        return self.aggregate.value

    @property
    def met(self) -> bool | None:
        """None when nothing was reported (data quality, not performance)."""
        if self.value is None:
            return None
        if self.direction == IndicatorVersion.Direction.LOWER:
            return self.value <= self.target
        return self.value >= self.target


def targets_met(territory: Territory, jalali_year: int) -> list[TargetResult]:
    """Every yearly target set for `territory` in `jalali_year`: the target, the year's figure, met?"""
    return targets_met_many([territory.pk], jalali_year).get(territory.pk, [])


def _ancestor_paths(path: str) -> list[str]:
    """ "/1/5/23/" → ["/1/", "/1/5/", "/1/5/23/"]: the territories a row under this path counts in."""
    parts = path.strip("/").split("/")
    return ["/" + "/".join(parts[: n + 1]) + "/" for n in range(len(parts))]


def targets_met_many(territory_ids: list[int], jalali_year: int) -> dict[int, list[TargetResult]]:
    """`targets_met` of each territory that has targets for the year (by code), keyed by territory id:
    one query for the targets, one for the values under those territories, one for their entry-level
    territories (the expected count)."""
    targets = [
        t
        for t in IndicatorTarget.objects.filter(territory_id__in=list(territory_ids), year=jalali_year)
        .select_related("indicator__current_version", "territory")
        .order_by("territory_id", "indicator__code", "id")
        if t.indicator.current_version is not None
    ]
    if not targets:
        return {}
    territories = {t.territory.path: t.territory for t in targets}
    indicators = {t.indicator_id: t.indicator for t in targets}
    period_type = {pk: _version(i).period_type for pk, i in indicators.items()}
    levels = {_version(i).entry_level for i in indicators.values()}
    year = Period(YEAR, jalali_year)
    under = reduce(or_, (Q(territory_path__startswith=path) for path in territories))
    # (territory path, indicator) → its value rows, for every target territory the row lies under.
    rows: dict[tuple[str, int], list[tuple]] = defaultdict(list)
    for row in (
        IndicatorValue.objects.filter(
            under,
            indicator_id__in=list(indicators),
            period_type__in=set(period_type.values()),
            period_start__gte=year.start,
            period_start__lte=year.end,
            disaggregation="",
        )
        .order_by("territory_id", "period_start", "id")
        .values_list("indicator_id", "period_type", *_VALUE_COLUMNS, "territory_path")
    ):
        if row[1] != period_type[row[0]]:
            continue
        for path in _ancestor_paths(row[-1]):
            if path in territories:
                rows[(path, row[0])].append(row[2:-1])
    # (territory path, level) → how many active entry-level territories lie under it.
    leaves: dict[tuple[str, str], int] = defaultdict(int)
    for path, kind in Territory.objects.filter(
        reduce(or_, (Q(path__startswith=p) for p in territories)), kind__in=levels, is_active=True
    ).values_list("path", "kind"):
        for ancestor in _ancestor_paths(path):
            if ancestor in territories:
                leaves[(ancestor, kind)] += 1
    results: dict[int, list[TargetResult]] = defaultdict(list)
    for target in targets:
        territory, indicator = target.territory, target.indicator
        version = _version(indicator)
        expected = (
            1 if territory.kind == version.entry_level else leaves[(territory.path, version.entry_level)]
        )
        results[territory.pk].append(
            TargetResult(
                target_id=target.pk,
                indicator_id=indicator.pk,
                indicator_name=indicator.name,
                goal_id=target.goal_id,
                direction=version.direction,
                target=target.value,
                aggregate=combine(
                    version,
                    rows.get((territory.path, indicator.pk), []),
                    indicator_id=indicator.pk,
                    territory_id=territory.pk,
                    period=year,
                    expected=expected,
                ),
            )
        )
    return dict(results)
