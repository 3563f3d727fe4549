"""Small hand-made GeoJSON extracts, so that re-import cases (renames, splits) are explicit."""

import json
from pathlib import Path

import pytest


def square(x: float, y: float, size: float = 1.0) -> dict:
    ring = [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]
    return {"type": "MultiPolygon", "coordinates": [[ring]]}


def county(osm_id: int, name: str, name_en: str, x: float, y: float, population: str | None = None) -> dict:
    tags = {"admin_level": "5", "name": name, "name:en": name_en, "type": "boundary"}
    if population is not None:
        tags["population"] = population
    return {
        "type": "Feature",
        "properties": {"type": "relation", "id": osm_id, "tags": tags},
        "geometry": square(x, y, 0.5),
    }


def fragment(osm_id: int, x: float, y: float) -> dict:
    return {
        "type": "Feature",
        "properties": {"type": "node", "id": osm_id},
        "geometry": {"type": "Point", "coordinates": [x, y]},
    }


def write(path: Path, features: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False))
    return path


PROVINCES = [
    {
        "type": "Feature",
        "properties": {"name:fa": "مرکزی", "name:en": "Markazi"},
        "geometry": square(49, 33, 3),
    },
    {"type": "Feature", "properties": {"name:fa": "یزد", "name:en": "Yazd"}, "geometry": square(53, 30, 3)},
]
MARKAZI_COUNTIES = [
    county(101, "شهرستان اراک", "Arak County", 49.5, 34.0, population="591756"),
    county(102, "شهرستان ساوه", "Saveh County", 50.0, 35.0),
    county(103, "شهرستان خنداب", "Khondab County", 49.1, 34.2),
    fragment(9001, 49.7, 34.1),
]


@pytest.fixture
def geo_dir(tmp_path: Path) -> Path:
    """A source directory laid out like the shipped data: provinces file + counties/IR-00.min.geojson."""
    root = tmp_path / "geo-v1"
    write(root / "provinces.min.geojson", PROVINCES)
    write(root / "counties" / "IR-00.min.geojson", MARKAZI_COUNTIES)
    return root
