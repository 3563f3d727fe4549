"""Reads of the evaluation pages: a territory's or an agency's scorecard with its parts, the records
behind any number, and the figures of the start pages (governor, county deputy, national)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.cache import cache
from django.db.models import QuerySet
from django.http import Http404

from peygir.actions.models import Action
from peygir.core import dataversion
from peygir.core.jalali import today
from peygir.demands.models import Demand
from peygir.organizations.models import Organization
from peygir.territory.models import Territory

from .access import home_territory
from .breakdown import territory_cards
from .measures import (
    MEASURES,
    Period,
    current_year,
    rating_q,
    report_list,
    year_period,
    year_q,
)
from .scorecard import Scorecard, Subject, scorecard
from .weights import Weights, weights_for

if TYPE_CHECKING:
    from peygir.programs.report_status import ReportList

CHILD_KIND = {
    Territory.Kind.COUNTRY: Territory.Kind.PROVINCE,
    Territory.Kind.PROVINCE: Territory.Kind.COUNTY,
}
# The records behind a measure: its numerator, its denominator, or what falls short (den − num).
PARTS = ("num", "den", "gap")


def children_of(territory: Territory) -> list[Territory]:
    """The next level down that is scored (a country's provinces, a province's counties)."""
    kind = CHILD_KIND.get(territory.kind)
    if kind is None:
        return []
    return list(
        Territory.objects.filter(parent=territory, kind=kind, is_active=True)
        .only("id", "name_fa", "path", "kind", "parent_id")
        .order_by("name_fa")
    )


@dataclass
class TerritoryView:
    territory: Territory
    period: Period
    weights: Weights
    card: Scorecard
    agencies: list[Scorecard]
    children: list[Scorecard]


def territory_view(
    territory: Territory,
    *,
    year: int | None = None,
    part: str = "",
    as_of: dt.date | None = None,
    weights_id: int | None = None,
    national: bool = False,
    with_agencies: bool = True,
) -> TerritoryView:
    """The territory's own scorecard, its organizations' (within it) and its child territories',
    each ranked: a fixed number of queries whatever their number (and whatever the period: a year, a
    season or a month — `part`)."""
    period = year_period(year or current_year(), as_of, part)
    weights = weights_for(territory, national=national or territory.kind == "country", weights_id=weights_id)
    subject = Subject.for_territory(territory)
    children = [Subject.for_territory(t) for t in children_of(territory)]
    card, agencies, child_cards = territory_cards(
        subject, children, period, weights, with_agencies=with_agencies
    )
    return TerritoryView(
        territory=territory,
        period=period,
        weights=weights,
        card=card,
        agencies=agencies,
        children=child_cards,
    )


def agency_card(
    organization: Organization,
    *,
    within: Territory | None = None,
    year: int | None = None,
    part: str = "",
    as_of: dt.date | None = None,
    weights_id: int | None = None,
) -> Scorecard:
    period = year_period(year or current_year(), as_of, part)
    weights = weights_for(within or organization.territory, weights_id=weights_id)
    return scorecard(Subject.for_agency(organization, within), period, weights)


def _part(num: Any, den: Any, part: str) -> Any:
    if part == "num":
        return num
    if part == "gap":  # counted in the denominator, not in the numerator
        return den & ~num
    return den


def drill_records(subject: Subject, period: Period, key: str, part: str) -> QuerySet | ReportList:
    """The records behind one number: the actions (rated demands, reports of indicator values: a
    `ReportList`) the measure counted in its numerator, its denominator or the gap between them, with
    the very conditions the aggregate used."""
    measure = MEASURES[key]
    if measure.records == "demands":
        qs = Demand.objects.filter(subject.demand_q() & rating_q(period)).select_related(
            "agency", "neighbourhood", "category"
        )
        return qs.order_by("-resolved_at", "-id")
    if measure.records == "reports":  # the indicator reports, from the statement their count came from
        return report_list(subject.report_scope(), period, key, part)
    if measure.records != "actions":
        raise KeyError(key)
    num, den = measure.parts(period)
    condition = _part(num, den, part)
    return (
        Action.objects.filter(subject.action_q() & year_q(period) & condition)
        .select_related("responsible_organization", "territory")
        .order_by("deadline", "id")
    )


# ---------------------------------------------------------------- start pages


def start_figures(territory: Territory, *, top: int = 8) -> dict[str, Any]:
    """What a territorial reader's start page shows of this year's evaluation.

    Governor (a province): the province's score, its agencies (best and worst) and its counties.
    County deputy (a county): the county's score, its overdue actions and the agencies working there.
    National (the country): the provinces side by side with the same measures.
    """
    view = territory_view(territory, national=territory.kind == Territory.Kind.COUNTRY)
    persona = {
        Territory.Kind.COUNTRY: "national",
        Territory.Kind.PROVINCE: "province",
        Territory.Kind.COUNTY: "county",
    }.get(territory.kind, "other")
    agencies = [c for c in view.agencies if c.score is not None]
    figures: dict[str, Any] = {
        "persona": persona,
        "view": view,
        "card": view.card,
        **best_and_weakest(agencies, top),
        "children": view.children,
        "overdue": view.card.measure("overdue"),
    }
    return figures


def best_and_weakest(ranked: list[Scorecard], top: int) -> dict[str, list[Scorecard]]:
    """The first `top` and, weakest first, the last `top` of a ranked list — never one agency twice:
    with fewer than twice `top` agencies the weakest are only those the best left out (Kerman's eleven
    showed eight best and then eight weakest, five of them the same)."""
    rest = ranked[top:]
    return {"best_agencies": ranked[:top], "worst_agencies": list(reversed(rest[-top:]))}


START_TTL = 300  # a committed write moves the data version in the key, so the figures are never stale


def territory_version(territory: Territory) -> tuple[int, ...]:
    """What a territory's figures depend on: its province's rows and the rows of no province (weights,
    definitions), or everything for the country. A write in another province keeps them cached."""
    scope = dataversion.province_scope(territory.path)
    scopes = [dataversion.ALL] if scope == dataversion.GLOBAL else [dataversion.GLOBAL, scope]
    return dataversion.versions(scopes)


def _start_key(territory: Territory) -> str:
    return f"evaluation-start:{territory.pk}:{today().isoformat()}:" + "-".join(
        map(str, territory_version(territory))
    )


def start_figures_for(user: Any, *, compute: bool = True) -> dict[str, Any] | None:
    """The start page's evaluation figures for a territorial reader (None for anyone else), cached
    per territory, day and data version like the start page's summary. With `compute=False` only what
    is already cached ({"pending": True} when it is not): the start page then loads the block by
    itself (`start_block`), so reading the figures never delays the rest of the page."""
    try:
        territory = home_territory(user)
    except Http404:
        return None
    key = _start_key(territory)
    figures = cache.get(key)
    if figures is None:
        if not compute:
            return {"pending": True}
        figures = start_figures(territory)
        cache.set(key, figures, START_TTL)
    return figures
