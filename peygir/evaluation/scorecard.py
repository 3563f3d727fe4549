"""The reproducible scorecard: measures counted live from the record with aggregate queries.

A scorecard is a pure function of the records, the Jalali year, the day it is read as of and the
version of the weights: the same inputs always give the same score. Nothing is precomputed, so
nothing can be stale after a write. One subject's scorecard is an aggregate over its actions, one over
its rated demands, one over its reports of indicator values (data quality; with the indicators'
definitions it is read from), and its indicator targets; a territory's page with its agencies and
children reads each kind of record once, grouped, and sums the groups (breakdown.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, DateField, DurationField, F, Q, Sum, Value

from peygir.actions.models import Action
from peygir.demands.models import Demand
from peygir.organizations.models import Organization
from peygir.territory.models import Territory

from . import targets as targets_source
from .measures import (
    ACTION_KEYS,
    MEASURES,
    PERFORMANCE_KEYS,
    QUALITY_KEYS,
    REPORT_KEYS,
    Period,
    overdue_q,
    rating_q,
    reporting_period,
    year_q,
)
from .weights import Weights

RATING_SPAN = 4  # ratings run 1..5: (rating − 1) / 4 maps them onto 0..1


@dataclass(frozen=True)
class Subject:
    """What a scorecard is of: an organization's actions (optionally only within a territory), or a
    territory's actions, whoever is responsible."""

    kind: str  # "agency" or the territory's kind (province, county, country)
    pk: int
    name: str
    path: str = ""
    organization_id: int | None = None
    territory_id: int | None = None
    organization_kind: str = ""

    @classmethod
    def for_territory(cls, territory: Territory) -> Subject:
        return cls(
            kind=territory.kind,
            pk=territory.pk,
            name=territory.name_fa,
            path=territory.path,
            territory_id=territory.pk,
        )

    @classmethod
    def for_agency(cls, organization: Organization, within: Territory | None = None) -> Subject:
        return cls.for_agency_under(organization, within.path if within is not None else "")

    @classmethod
    def for_agency_under(cls, organization: Organization, path: str) -> Subject:
        """The organization's actions under a territory path ("" everywhere)."""
        return cls(
            kind="agency",
            pk=organization.pk,
            name=organization.name,
            path=path,
            organization_id=organization.pk,
            organization_kind=organization.kind,
        )

    def action_q(self) -> Q:
        q = Q(territory_path__startswith=self.path) if self.path else Q()
        if self.organization_id is not None:
            q &= Q(responsible_organization_id=self.organization_id)
        return q

    def demand_q(self) -> Q:
        q = Q(neighbourhood__path__startswith=self.path) if self.path else Q()
        if self.organization_id is not None:
            q &= Q(agency_id=self.organization_id)
        return q

    def report_scope(self) -> tuple[str, int | None]:
        """Reports of indicator values in the territory, or answered for by the agency (within it)."""
        return self.path, self.organization_id


@dataclass
class MeasureResult:
    key: str
    label: str
    basis: str
    numerator: int | None
    denominator: int | None
    score: float | None  # 0..100, None when the measure has nothing to count ("not applicable")
    weight: int = 0
    extra: dict[str, Any] = field(default_factory=dict)
    drillable: bool = True

    @property
    def applicable(self) -> bool:
        return self.score is not None


@dataclass
class Scorecard:
    subject: Subject
    period: Period
    weights: Weights
    measures: list[MeasureResult]
    quality: list[MeasureResult]
    score: float | None
    quality_score: float | None
    rank: int | None = None

    def measure(self, key: str) -> MeasureResult:
        return next(m for m in [*self.measures, *self.quality] if m.key == key)


# ---------------------------------------------------------------- arithmetic


def ratio(numerator: int, denominator: int) -> float | None:
    return round(100 * numerator / denominator, 1) if denominator else None


def overdue_score(overdue_days: int, due: int, cap_days: int) -> float | None:
    """100 when nothing due is late; 0 when the late days reach `cap_days` per due action."""
    if not due:
        return None
    return round(100 * max(0.0, 1 - overdue_days / (due * cap_days)), 1)


def rating_score(total: int, count: int) -> float | None:
    return round(100 * (total - count) / (RATING_SPAN * count), 1) if count else None


def weighted(results: Iterable[MeasureResult]) -> float | None:
    """Σ weight × score ÷ Σ weight over the measures that apply; a measure with nothing to count
    neither helps nor hurts (its weight goes to the others, and the page says so)."""
    applicable = [(m.weight, m.score) for m in results if m.score is not None and m.weight > 0]
    total = sum(w for w, _ in applicable)
    return round(sum(w * s for w, s in applicable) / total, 1) if total else None


def mean(results: Iterable[MeasureResult]) -> float | None:
    scores = [m.score for m in results if m.score is not None]
    return round(sum(scores) / len(scores), 1) if scores else None


# ---------------------------------------------------------------- the aggregates


def _action_fields(period: Period) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for key in ACTION_KEYS:
        num, den = MEASURES[key].parts(period)
        fields[f"{key}_num"] = Count("pk", filter=num)
        fields[f"{key}_den"] = Count("pk", filter=den)
    fields["overdue_days"] = Sum(
        Value(period.as_of, output_field=DateField()) - F("deadline"),
        filter=overdue_q(period),
        output_field=DurationField(),
    )
    return fields


def _days(value: dt.timedelta | int | None) -> int:
    if value is None:
        return 0
    if isinstance(value, dt.timedelta):
        return value.days
    return int(value) // 86_400_000_000  # microseconds, should a backend hand back the raw number


def action_counts(base: Q, period: Period) -> dict[str, Any]:
    """Every action measure's numerator and denominator and the overdue days, in one aggregate."""
    return Action.objects.filter(base & year_q(period)).order_by().aggregate(**_action_fields(period))


def rating_counts(base: Q, period: Period) -> dict[str, Any]:
    """Citizens' ratings of the year's resolved demands: how many, and their sum."""
    return (
        Demand.objects.filter(base & rating_q(period))
        .order_by()
        .aggregate(rated=Count("pk"), rating_total=Sum("rating"))
    )


def report_counts(scope: tuple[str, int | None], period: Period) -> dict[str, Any] | None:
    """The indicator-reporting measures' numerators and denominators, from the reports as of the day
    read (on time, late, missing: programs' `report_counts`, one aggregate)."""
    from peygir.programs import selectors

    counts = selectors.report_counts(
        reporting_period(period), period.reports_read_on, selectors.Scope(*scope)
    )
    found = counts.get(None)
    return report_fields(found) if found is not None else None


def report_fields(c: Any) -> dict[str, int]:
    """The indicator-reporting measures' numbers from the programs domain's `ReportCounts`."""
    return {
        "timely_values_num": c.on_time,
        "timely_values_den": c.reports,
        "complete_values_num": c.submitted,
        "complete_values_den": c.reports,
        "reports_late": c.late,
        "reports_missing": c.missing,
    }


# ---------------------------------------------------------------- from counts to a scorecard


def build(
    subject: Subject,
    period: Period,
    weights: Weights,
    counts: dict[str, Any] | None,
    ratings: dict[str, Any] | None,
    targets: tuple[int, int] | None,
    reports: dict[str, Any] | None = None,
) -> Scorecard:
    counts = {**(counts or {}), **(reports or {})}
    ratings = ratings or {}

    def result(
        key: str, num: int | None, den: int | None, score: float | None, **extra: Any
    ) -> MeasureResult:
        m = MEASURES[key]
        return MeasureResult(
            key=key,
            label=str(m.label),
            basis=str(m.basis),
            numerator=num,
            denominator=den,
            score=score,
            weight=weights.values.get(key, 0) if not m.quality else 1,
            extra=extra,
            drillable=m.records != "values",
        )

    performance = []
    for key in PERFORMANCE_KEYS:
        if key == "rating":
            rated, total = ratings.get("rated") or 0, ratings.get("rating_total") or 0
            performance.append(
                result(
                    key,
                    total - rated if rated else 0,
                    RATING_SPAN * rated,
                    rating_score(total, rated),
                    rated=rated,
                    rating_total=total,
                )
            )
        elif key == "targets":
            met, of = targets if targets is not None else (None, None)
            performance.append(
                result(key, met, of, ratio(met, of) if of else None, available=targets is not None)
            )
        elif key == "overdue":
            late, due = counts.get("overdue_num") or 0, counts.get("overdue_den") or 0
            days = _days(counts.get("overdue_days"))
            performance.append(
                result(
                    key,
                    late,
                    due,
                    overdue_score(days, due, weights.overdue_cap_days),
                    days=days,
                    cap=weights.overdue_cap_days,
                )
            )
        else:
            num, den = counts.get(f"{key}_num") or 0, counts.get(f"{key}_den") or 0
            performance.append(result(key, num, den, ratio(num, den)))
    quality = []
    for key in QUALITY_KEYS:
        num, den = counts.get(f"{key}_num") or 0, counts.get(f"{key}_den") or 0
        # What falls short, beside the score: actions due without a timely report, completions
        # without evidence, indicator reports late or missing (and, for those, how many of each).
        extra: dict[str, Any] = {"gap": den - num}
        if key in REPORT_KEYS:
            extra.update(late=counts.get("reports_late") or 0, missing=counts.get("reports_missing") or 0)
        quality.append(result(key, num, den, ratio(num, den), **extra))
    return Scorecard(
        subject=subject,
        period=period,
        weights=weights,
        measures=performance,
        quality=quality,
        score=weighted(performance),
        quality_score=mean(quality),
    )


def rank(cards: list[Scorecard]) -> list[Scorecard]:
    """Best score first (those without one last, by name); equal scores share a rank."""
    cards = sorted(cards, key=lambda c: (c.score is None, -(c.score or 0), c.subject.name, c.subject.pk))
    previous, place = None, 0
    for index, card in enumerate(cards, start=1):
        if card.score is None:
            card.rank = None
            continue
        if card.score != previous:
            place, previous = index, card.score
        card.rank = place
    return cards


def _targets(period: Period, read: Any) -> Any:
    """Targets are yearly: judged on a whole year only. A season's or a month's scorecard leaves the
    measure not applicable rather than compare a part of the year with the year's target."""
    return read() if period.is_year else None


def scorecard(subject: Subject, period: Period, weights: Weights) -> Scorecard:
    """One subject's scorecard: four aggregates (and the targets, for a territory)."""
    counts = action_counts(subject.action_q(), period)
    ratings = rating_counts(subject.demand_q(), period)
    reports = report_counts(subject.report_scope(), period)
    targets = (
        _targets(period, lambda: targets_source.targets_met(subject.territory_id, period.year))
        if subject.territory_id
        else None
    )
    return build(subject, period, weights, counts, ratings, targets, reports)
