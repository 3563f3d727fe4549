"""The choropleth's data: a territory's children (the country's provinces, a province's counties) with
their boundaries and one figure each — the score, data quality or any measure of a Jalali year."""

from __future__ import annotations

import datetime as dt
import json
import re
import secrets
from typing import Any

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Exists, OuterRef, TextField
from django.db.models.functions import Cast

from peygir.territory.models import Territory, TerritoryBoundary

from .measures import programs_period
from .roadmap import programs_module
from .scorecard import Scorecard
from .selectors import CHILD_KIND, territory_view

ATTRIBUTION = "© OpenStreetMap contributors (ODbL)"


def figure(card: Scorecard, key: str) -> float | None:
    if key == "score":
        return card.score
    if key == "quality":
        return card.quality_score
    return card.measure(key).score


# How many months a period of each type spans: an indicator reported per season has no figure for a
# single month (its values cannot be split), so the map leaves such a period blank.
_MONTHS = {"month": 1, "season": 3, "year": 12}


def indicator_figures(
    territory: Territory, indicator_id: int, year: int, part: str = ""
) -> dict[str, Any] | None:
    """An indicator of the programs domain for each child territory over the Jalali year, season or
    month (its own aggregation: sums of numerators and denominators), or None if there is no such
    indicator."""
    selectors, periods = programs_module("selectors"), programs_module("periods")
    if selectors is None or periods is None:
        return None
    try:
        indicator = (
            apps.get_model("programs", "Indicator")
            .objects.select_related("current_version")
            .get(pk=indicator_id, is_active=True)
        )
    except (LookupError, ObjectDoesNotExist):
        return None
    if indicator.current_version is None:
        return None
    period = programs_period(year, part)
    if _MONTHS[indicator.current_version.period_type] > _MONTHS[period.type]:
        figures = {}
    else:
        figures = selectors.aggregate_children(indicator, territory, period)
    values = {pk: (float(a.value) if a.value is not None else None) for pk, a in figures.items()}
    lower = indicator.current_version.direction == "lower"
    ordered = sorted((v, pk) for pk, v in values.items() if v is not None)
    if not lower:
        ordered.reverse()
    ranks = {pk: index for index, (_v, pk) in enumerate(ordered, start=1)}
    return {
        "name": indicator.name,
        "values": values,
        "ranks": ranks,
        "better": "lower" if lower else "higher",
    }


class Geometry(str):
    """A boundary's GeoJSON geometry as stored (JSON text), written into the answer as it is."""


def as_json(data: dict[str, Any]) -> str:
    """`map_data` as JSON, each boundary's stored text spliced in unparsed: the geometry is first
    written as a slot, a string no name can forge (a random token between NUL characters, which JSON
    escapes), then the slots are replaced by the stored texts."""
    token = secrets.token_hex(8)
    stored: list[str] = []

    def slot(value: Geometry) -> str:
        stored.append(str(value))
        return f"\0{token}:{len(stored) - 1}\0"

    box = data["features"]
    features = [{**f, "geometry": slot(f["geometry"])} for f in box["features"]]
    text = json.dumps(
        {**data, "features": {**box, "features": features}}, cls=DjangoJSONEncoder, ensure_ascii=False
    )
    pattern = re.compile(r'"\\u0000' + token + r":(\d+)\\u0000\"")
    return pattern.sub(lambda m: stored[int(m.group(1))], text)


def map_data(
    territory: Territory,
    *,
    measure: str = "score",
    year: int | None = None,
    part: str = "",
    as_of: dt.date | None = None,
    weights_id: int | None = None,
) -> dict[str, Any]:
    """GeoJSON of the children with `value`, `rank` and whether they can be opened (have children
    with boundaries): one query for the boundaries besides the scorecards' fixed few."""
    view = territory_view(
        territory,
        year=year,
        part=part,
        as_of=as_of,
        weights_id=weights_id,
        national=territory.kind == Territory.Kind.COUNTRY,
        with_agencies=False,
    )
    cards = {c.subject.pk: c for c in view.children}
    indicator = None
    if measure.startswith("indicator:") and measure.split(":", 1)[1].isdigit():
        indicator = indicator_figures(territory, int(measure.split(":", 1)[1]), view.period.year, part)

    def value_of(card: Scorecard) -> float | None:
        return indicator["values"].get(card.subject.pk) if indicator else figure(card, measure)

    def rank_of(card: Scorecard) -> int | None:
        return indicator["ranks"].get(card.subject.pk) if indicator else card.rank

    grandchild = CHILD_KIND.get(CHILD_KIND.get(territory.kind, ""), None)
    # The boundaries as the database keeps them, as text: parsed and written again they cost more than
    # the whole scorecard (31 provinces: 2.8 MB). `as_json` splices them into the answer.
    boundaries = (
        TerritoryBoundary.objects.filter(territory_id__in=list(cards))
        .select_related("territory")
        .defer("geojson")
        .annotate(geometry_text=Cast("geojson", TextField()))
    )
    if grandchild:
        inner = TerritoryBoundary.objects.filter(territory__parent_id=OuterRef("territory_id"))
        boundaries = boundaries.annotate(openable=Exists(inner))
    features = []
    for boundary in boundaries:
        card = cards[boundary.territory_id]
        features.append(
            {
                "type": "Feature",
                "geometry": Geometry(boundary.geometry_text),
                "properties": {
                    "id": boundary.territory_id,
                    "name": boundary.territory.name_fa,
                    "value": value_of(card),
                    "rank": rank_of(card),
                    "openable": bool(getattr(boundary, "openable", False)),
                },
            }
        )
    rows = [
        {"id": c.subject.pk, "name": c.subject.name, "value": value_of(c), "rank": rank_of(c)}
        for c in view.children
    ]
    if indicator:
        rows.sort(key=lambda r: (r["rank"] is None, r["rank"] or 0, r["name"]))
    return {
        "territory": {"id": territory.pk, "name": territory.name_fa, "parent": territory.parent_id},
        "year": view.period.year,
        "period": view.period.key,
        "period_label": view.period.label,
        "measure": measure,
        "features": {"type": "FeatureCollection", "features": features},
        "rows": rows,
        "attribution": ATTRIBUTION,
        # scores run 0..100 (fixed colours); an indicator is coloured relative to the others shown
        "scale": "relative" if indicator else "score",
        "better": indicator["better"] if indicator else "higher",
        "label": indicator["name"] if indicator else "",
    }
