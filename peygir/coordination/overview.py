"""The coordination view's figures: per county (or a county's neighbourhoods) the bodies active, their
work, its money, the overlaps found and the decisions taken; per organization its work and money.

Every figure is one grouped query over the whole territory, whatever its size (the page's query
count is constant; tests/coordination/test_views.py guards it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from peygir.search.models import SearchEntry
from peygir.territory.models import Territory, TerritoryBoundary

from .models import CandidatePair, Decision


@dataclass(frozen=True)
class Filters:
    county_id: int | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    kind: str = ""


def work(root: Territory, filters: Filters) -> QuerySet[SearchEntry]:
    qs = SearchEntry.objects.filter(is_work=True, territory_path__startswith=root.path)
    if filters.county_id:
        qs = qs.filter(county_id=filters.county_id)
    if filters.since:
        qs = qs.filter(occurred_on__gte=filters.since)
    if filters.until:
        qs = qs.filter(occurred_on__lte=filters.until)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    return qs


def _pairs_q(root: Territory, filters: Filters, prefix: str = "") -> Q:
    q = Q(territory_path__startswith=root.path)
    if filters.county_id:
        q &= Q(county_id=filters.county_id)
    if filters.kind:
        q &= Q(a_kind=filters.kind) | Q(b_kind=filters.kind)
    return q


def place_rows(root: Territory, filters: Filters) -> QuerySet:
    """One row per county (per neighbourhood once a county is chosen): records, bodies, money."""
    field = "neighbourhood" if filters.county_id else "county"
    return (
        work(root, filters)
        .exclude(**{f"{field}__isnull": True})
        .values(f"{field}_id", f"{field}__name_fa")
        .annotate(records=Count("id"), bodies=Count("organization", distinct=True), money=Sum("amount_rials"))
        .order_by("-records", f"{field}_id")
    )


def overlaps_by_county(root: Territory, filters: Filters, county_ids: list[int]) -> dict[int, dict[str, int]]:
    """Open candidate pairs and current decisions (all, and linking) per county (two queries)."""
    result: dict[int, dict[str, int]] = {pk: {"open": 0, "decisions": 0, "linked": 0} for pk in county_ids}
    if not county_ids:
        return result
    base = _pairs_q(root, filters) & Q(county_id__in=county_ids)
    for row in (
        CandidatePair.objects.filter(base, status=CandidatePair.Status.OPEN)
        .values("county_id")
        .annotate(n=Count("id"))
        .order_by()
    ):
        result[row["county_id"]]["open"] = row["n"]
    for row in (
        Decision.objects.filter(base, undone_at__isnull=True)
        .values("county_id")
        .annotate(n=Count("id"), linked=Count("id", filter=Q(outcome__in=Decision.LINKING)))
        .order_by()
    ):
        result[row["county_id"]].update(decisions=row["n"], linked=row["linked"])
    return result


def body_rows(root: Territory, filters: Filters) -> QuerySet:
    """One row per organization active in the territory: its work records and their money."""
    return (
        work(root, filters)
        .exclude(organization__isnull=True)
        .values("organization_id", "organization__name")
        .annotate(records=Count("id"), money=Sum("amount_rials"), counties=Count("county", distinct=True))
        .order_by("-records", "organization_id")
    )


def totals(root: Territory, filters: Filters) -> dict[str, Any]:
    figures = work(root, filters).aggregate(
        records=Count("id"), bodies=Count("organization", distinct=True), money=Sum("amount_rials")
    )
    pairs = _pairs_q(root, filters)
    figures["open"] = CandidatePair.objects.filter(pairs, status=CandidatePair.Status.OPEN).count()
    decided = Decision.objects.filter(pairs, undone_at__isnull=True).aggregate(
        n=Count("id"), linked=Count("id", filter=Q(outcome__in=Decision.LINKING))
    )
    figures["decisions"], figures["linked"] = decided["n"], decided["linked"]
    return figures


def map_data(root: Territory, filters: Filters) -> dict[str, Any]:
    """The root's child territories with their boundaries, coloured by open overlaps (a province's
    counties; the country's provinces, from their counties' figures)."""
    children = list(
        Territory.objects.filter(parent=root, is_active=True)
        .only("pk", "name_fa", "path", "kind")
        .order_by("pk")
    )
    shapes = dict(
        TerritoryBoundary.objects.filter(territory__in=children).values_list("territory_id", "geojson")
    )
    open_by_county = dict(
        CandidatePair.objects.filter(_pairs_q(root, filters), status=CandidatePair.Status.OPEN)
        .exclude(county__isnull=True)
        .values("county__path")
        .annotate(n=Count("id"))
        .values_list("county__path", "n")
    )
    work_by_county = dict(
        work(root, filters)
        .exclude(county__isnull=True)
        .values("county__path")
        .annotate(n=Count("id"))
        .values_list("county__path", "n")
    )
    features = []
    rows = []
    for child in children:
        overlaps = sum(n for path, n in open_by_county.items() if path.startswith(child.path))
        records = sum(n for path, n in work_by_county.items() if path.startswith(child.path))
        rows.append({"id": child.pk, "name": child.name_fa, "value": overlaps, "records": records})
        if child.pk in shapes:
            features.append(
                {
                    "type": "Feature",
                    "geometry": shapes[child.pk],
                    "properties": {
                        "id": child.pk,
                        "name": child.name_fa,
                        "value": overlaps,
                        "records": records,
                    },
                }
            )
    rows.sort(key=lambda r: (-r["value"], -r["records"], r["id"]))
    return {
        "territory": {"id": root.pk, "name": root.name_fa},
        "features": {"type": "FeatureCollection", "features": features},
        "rows": rows,
    }
