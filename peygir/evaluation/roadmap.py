"""The five-harms roadmap (S5.2, S5.3): for each social harm, its indicators for a territory and a
Jalali year — the figure, the target, the trend against the year before — and the same indicator for
each child territory (a province's counties, the country's provinces), with the program duties filed
under the harm's theme and the NGO projects (grants) whose proposal names the harm's theme.

Indicators, targets and duties belong to `peygir.programs`, written at the same time as this package;
their selectors are looked up when the page is built (`programs_selectors`), so the page shows the
five harms with no rows until that domain is installed, and fills in once it is. Figures come from the
programs domain's aggregation (sums of numerators and denominators, never averages of rates).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from decimal import Decimal
from types import ModuleType
from typing import Any

import jdatetime
from django.apps import apps
from django.db.models import Count, Q

from peygir.actions.models import Action
from peygir.core import dataversion
from peygir.core.jalali import last_day_of_year
from peygir.core.jalali import today as local_today
from peygir.grants.access import projects_visible_to
from peygir.grants.models import Project
from peygir.programs.models import Theme
from peygir.territory.models import Territory

# The five social harms the national roadmap follows (seed 004), by the shared list of themes.
FIVE_HARMS = (
    Theme.ADDICTION,
    Theme.DIVORCE,
    Theme.INFORMAL_SETTLEMENTS,
    Theme.VIOLENCE,
    Theme.BEGGING,
)


def programs_module(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(f"peygir.programs.{name}")
    except ImportError:
        return None


@dataclass
class ChildFigure:
    territory_id: int
    name: str
    value: Decimal | None
    completeness: Decimal | None


@dataclass
class IndicatorRow:
    indicator_id: int
    name: str
    unit: str
    value: Decimal | None
    previous: Decimal | None
    target: Decimal | None
    direction: str  # "higher" | "lower" is better
    reported: int
    expected: int
    children: list[ChildFigure] = field(default_factory=list)

    @property
    def trend(self) -> str:
        """«بهبود», «بدتر شدن», «بدون تغییر» or "" against the year before, by the direction of good."""
        if self.value is None or self.previous is None:
            return ""
        if self.value == self.previous:
            return "="
        better = self.value < self.previous if self.direction == "lower" else self.value > self.previous
        return "+" if better else "-"

    @property
    def met(self) -> bool | None:
        if self.value is None or self.target is None:
            return None
        return self.value <= self.target if self.direction == "lower" else self.value >= self.target


@dataclass
class ProjectRow:
    """An NGO project (grants) filed under a harm by its proposal's theme."""

    pk: int
    title: str
    ngo: str
    county: str
    status: str
    status_label: str
    amount_rials: int


@dataclass
class Harm:
    key: str
    label: str
    indicators: list[IndicatorRow]
    duties: dict[str, int]  # the program duties' actions filed under the harm: total, verified, overdue
    projects: list[ProjectRow] = field(default_factory=list)  # the first few the reader may see
    project_count: int = 0  # all of them (the list above is cut at PROJECTS_PER_HARM)


def _duty_counts(
    territory: Territory, period_bounds: tuple[Any, Any], *, exact: bool = False
) -> dict[str, dict[str, int]]:
    """Per harm theme: the program duties' actions of the year in the territory — or of the territory
    itself (`exact`) — in one query."""
    duty_model = _model("Duty")
    if duty_model is None:
        return {}
    start, end = period_bounds
    today = min(end, local_today())
    where = Q(territory_id=territory.pk) if exact else Q(territory_path__startswith=territory.path)
    rows = (
        Action.objects.filter(
            where,
            source_kind="duty",
            deadline__range=(start, end),
        )
        .exclude(status=Action.Status.CANCELLED)
        .order_by()
        .values("duty__program__theme")
        .annotate(
            total=Count("pk"),
            verified=Count("pk", filter=Q(status=Action.Status.VERIFIED)),
            overdue=Count("pk", filter=Q(status__in=Action.PENDING_STATUSES, deadline__lt=today)),
        )
    )
    return {row.pop("duty__program__theme"): row for row in rows}


def _kept_duty_counts(territory: Territory, year: int, bounds: tuple[Any, Any]) -> dict[str, dict[str, int]]:
    """`_duty_counts` kept under the data version of what it reads: the duties' actions in the
    province (the country: each province's kept apart and summed, with those of the country itself,
    so a write in one province recounts that province alone) and the programs' themes."""
    programs = dataversion.app_scope("programs")

    def kept(place: Territory, scope: int, exact: bool = False) -> dict[str, dict[str, int]]:
        return dataversion.keyed(
            f"roadmap-duties:{place.pk}:{exact}:{year}:{local_today().isoformat()}",
            [scope, programs],
            lambda: _duty_counts(place, bounds, exact=exact),
        )

    province = dataversion.province_scope(territory.path)
    if province != dataversion.GLOBAL:
        return kept(territory, province)
    parts = [kept(p, dataversion.province_scope(p.path)) for p in Territory.objects.filter(parent=territory)]
    parts.append(kept(territory, dataversion.app_scope("actions"), exact=True))
    found: dict[str, dict[str, int]] = {}
    for part in parts:
        for theme, counts in part.items():
            total = found.setdefault(theme, {})
            for name, n in counts.items():
                total[name] = total.get(name, 0) + n
    return found


PROJECTS_PER_HARM = 10


def _projects(user: Any, territory: Territory, start: Any, end: Any) -> tuple[dict[str, int], list[Any]]:
    """NGO projects (grants) under each harm's theme in the territory that ran during the period and
    that `user` may see: their count per harm (one grouped query) and the first few of each (one query
    over a window of rows, cut per harm here)."""
    if user is None:
        return {}, []
    themes = [t.value for t in FIVE_HARMS]
    visible = (
        projects_visible_to(user)
        .filter(
            county_path__startswith=territory.path,
            proposal__theme__in=themes,
            starts_on__lte=end,
            ends_on__gte=start,
        )
        .exclude(status=Project.Status.TERMINATED)
        .order_by()
    )
    counts = {
        row["proposal__theme"]: row["n"] for row in visible.values("proposal__theme").annotate(n=Count("pk"))
    }
    rows = list(
        visible.select_related("ngo", "county", "proposal")
        .only("title", "status", "amount_rials", "ngo__name", "county__name_fa", "proposal__theme")
        .order_by("proposal__theme", "-amount_rials", "pk")[: PROJECTS_PER_HARM * len(themes)]
    )
    return counts, rows


def _attach_projects(harms: list[Harm], user: Any, territory: Territory, year: int) -> None:
    start = jdatetime.date(year, 1, 1).togregorian()
    counts, rows = _projects(user, territory, start, last_day_of_year(year))
    by_key = {h.key: h for h in harms}
    for project in rows:
        harm = by_key[project.proposal.theme]
        if len(harm.projects) < PROJECTS_PER_HARM:
            harm.projects.append(
                ProjectRow(
                    pk=project.pk,
                    title=project.title,
                    ngo=project.ngo.name,
                    county=project.county.name_fa,
                    status=project.status,
                    status_label=str(project.get_status_display()),
                    amount_rials=project.amount_rials,
                )
            )
    for harm in harms:
        harm.project_count = counts.get(harm.key, 0)


def _model(name: str) -> Any:
    try:
        return apps.get_model("programs", name)
    except LookupError:
        return None


def _indicator_rows(
    territory: Territory, year: int, selectors: ModuleType, periods: ModuleType
) -> dict[str, list[IndicatorRow]]:
    """Each harm's indicators with their figures for the year and the year before, their target and
    each child territory's figure: a fixed number of queries whatever the number of indicators."""
    this_year = periods.Period(periods.YEAR, year)
    last_year = periods.Period(periods.YEAR, year - 1)
    target_model = _model("IndicatorTarget")
    targets = {
        t.indicator_id: t.value
        for t in target_model.objects.filter(territory=territory, year=year).only("indicator_id", "value")
    }
    children = dict(Territory.objects.filter(parent=territory, is_active=True).values_list("id", "name_fa"))
    by_theme: dict[str, list[IndicatorRow]] = {t.value: [] for t in FIVE_HARMS}
    indicators = [
        i for i in selectors.roadmap_indicators() if i.current_version is not None and i.theme in by_theme
    ]
    # All indicators' figures at once: the page's queries do not grow with the number of indicators.
    figures = selectors.aggregate_many(indicators, territory, [this_year, last_year])
    per_children = selectors.aggregate_children_many(indicators, territory, this_year) if children else {}
    for indicator in indicators:
        version = indicator.current_version
        figure = figures[(indicator.pk, this_year)]
        before = figures[(indicator.pk, last_year)]
        per_child = per_children.get(indicator.pk, {})
        by_theme[indicator.theme].append(
            IndicatorRow(
                indicator_id=indicator.pk,
                name=indicator.name,
                unit=getattr(version, "unit", "") or "",
                value=figure.value,
                previous=before.value,
                target=targets.get(indicator.pk),
                direction=getattr(version, "direction", "higher"),
                reported=figure.reported,
                expected=figure.expected,
                children=[
                    ChildFigure(pk, children[pk], agg.value, agg.completeness)
                    for pk, agg in sorted(per_child.items(), key=lambda kv: children.get(kv[0], ""))
                    if pk in children
                ],
            )
        )
    return by_theme


def roadmap(territory: Territory, *, year: int, user: Any = None) -> dict[str, Any]:
    """Each harm with its indicators' figures for the year, its program duties and the NGO projects
    `user` may see; `available` is False until the programs domain offers its selectors."""
    selectors = programs_module("selectors")
    periods = programs_module("periods")
    available = (
        selectors is not None
        and periods is not None
        and all(
            hasattr(selectors, name)
            for name in ("roadmap_indicators", "aggregate_many", "aggregate_children_many")
        )
    )
    harms = [Harm(key=t.value, label=str(t.label), indicators=[], duties={}) for t in FIVE_HARMS]
    _attach_projects(harms, user, territory, year)
    if not available:
        return {"territory": territory, "year": year, "harms": harms, "available": False}
    this_year = periods.Period(periods.YEAR, year)
    by_theme = dataversion.keyed(
        f"roadmap-indicators:{territory.pk}:{year}:{local_today().isoformat()}",
        [dataversion.app_scope(a) for a in ("programs", "territory")],
        lambda: _indicator_rows(territory, year, selectors, periods),
    )
    duties = _kept_duty_counts(territory, year, (this_year.start, this_year.end))
    for harm in harms:
        harm.indicators = by_theme.get(harm.key, [])
        harm.duties = duties.get(harm.key, {})
    return {"territory": territory, "year": year, "harms": harms, "available": True}
