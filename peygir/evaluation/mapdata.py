"""The choropleth's data: a territory's children (the country's provinces, a province's counties) with
their boundaries and one figure each — the score, data quality or any measure of a Jalali year."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Exists, OuterRef

from peygir.territory.models import Territory, TerritoryBoundary

from .scorecard import Scorecard
from .selectors import CHILD_KIND, territory_view

ATTRIBUTION = "© OpenStreetMap contributors (ODbL)"


def figure(card: Scorecard, key: str) -> float | None:
    if key == "score":
        return card.score
    if key == "quality":
        return card.quality_score
    return card.measure(key).score


def map_data(
    territory: Territory,
    *,
    measure: str = "score",
    year: int | None = None,
    as_of: dt.date | None = None,
    weights_id: int | None = None,
) -> dict[str, Any]:
    """GeoJSON of the children with `value`, `rank` and whether they can be opened (have children
    with boundaries): one query for the boundaries besides the scorecards' fixed few."""
    view = territory_view(
        territory,
        year=year,
        as_of=as_of,
        weights_id=weights_id,
        national=territory.kind == Territory.Kind.COUNTRY,
        with_agencies=False,
    )
    cards = {c.subject.pk: c for c in view.children}
    grandchild = CHILD_KIND.get(CHILD_KIND.get(territory.kind, ""), None)
    boundaries = TerritoryBoundary.objects.filter(territory_id__in=list(cards)).select_related("territory")
    if grandchild:
        inner = TerritoryBoundary.objects.filter(territory__parent_id=OuterRef("territory_id"))
        boundaries = boundaries.annotate(openable=Exists(inner))
    features = []
    for boundary in boundaries:
        card = cards[boundary.territory_id]
        features.append(
            {
                "type": "Feature",
                "geometry": boundary.geojson,
                "properties": {
                    "id": boundary.territory_id,
                    "name": boundary.territory.name_fa,
                    "value": figure(card, measure),
                    "rank": card.rank,
                    "openable": bool(getattr(boundary, "openable", False)),
                },
            }
        )
    rows = [
        {"id": c.subject.pk, "name": c.subject.name, "value": figure(c, measure), "rank": c.rank}
        for c in view.children
    ]
    return {
        "territory": {"id": territory.pk, "name": territory.name_fa, "parent": territory.parent_id},
        "year": view.period.year,
        "measure": measure,
        "features": {"type": "FeatureCollection", "features": features},
        "rows": rows,
        "attribution": ATTRIBUTION,
    }
