"""Which neighbourhood a map point falls in, from the boundaries already in the database.

Plain ray casting over the GeoJSON rings of neighbourhood boundaries, with a bounding-box test first:
no GIS extension, no third-party service (the product runs on a closed network). Neighbourhoods
without a stored boundary cannot be found this way; the client then names one with `address_id`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from peygir.territory.models import Territory, TerritoryBoundary

Ring = Sequence[Sequence[float]]


def _in_ring(x: float, y: float, ring: Ring) -> bool:
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def _polygons(geometry: dict) -> Iterable[Sequence[Ring]]:
    kind = geometry.get("type")
    if kind == "Polygon":
        yield geometry.get("coordinates") or []
    elif kind == "MultiPolygon":
        yield from geometry.get("coordinates") or []
    elif kind == "Feature":
        yield from _polygons(geometry.get("geometry") or {})


def contains(geometry: dict, *, lat: float, lon: float) -> bool:
    """True when (lat, lon) is inside the outer ring and outside every hole of one of the polygons."""
    for polygon in _polygons(geometry):
        if not polygon:
            continue
        outer, holes = polygon[0], polygon[1:]
        xs = [p[0] for p in outer]
        ys = [p[1] for p in outer]
        if not (min(xs) <= lon <= max(xs) and min(ys) <= lat <= max(ys)):
            continue
        if _in_ring(lon, lat, outer) and not any(_in_ring(lon, lat, hole) for hole in holes):
            return True
    return False


def neighbourhood_at(*, lat: float, lon: float) -> Territory | None:
    """The active neighbourhood whose boundary contains the point (the deepest, if they nest)."""
    boundaries = TerritoryBoundary.objects.filter(
        territory__kind=Territory.Kind.NEIGHBOURHOOD, territory__is_active=True
    ).select_related("territory")
    found = [b.territory for b in boundaries.iterator() if contains(b.geojson, lat=lat, lon=lon)]
    return max(found, key=lambda t: t.depth) if found else None
