"""Import provinces and counties from OpenStreetMap extracts (GeoJSON), and re-import newer ones.

Source files (see NOTICE.md; © OpenStreetMap contributors, ODbL 1.0):
- ``provinces.min.geojson``: one feature per province, properties ``name:fa`` and ``name:en`` but no code;
- ``counties/IR-XX.min.geojson``: the counties of one province, the file named by its ISO 3166-2:IR code.
  Only features with ``properties.tags`` are counties; the rest are fragments (admin centres, …).

Counties change almost every year (new ones are split off, some are renamed), while actions,
organizations and committees point at them. So an import never deletes and never re-parents:
it matches each record by code / OSM id, then by normalized name, updates names, population and
geometry in place, and marks counties that vanished from a newer file inactive.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from peygir.core.text import normalize_text

from .models import Territory, TerritoryBoundary
from .services import territory_create, territory_update_names

logger = logging.getLogger(__name__)

COUNTRY_CODE = "IR"
COUNTRY_NAME_FA = "ایران"
COUNTRY_NAME_EN = "Iran"
PROVINCES_FILE = "provinces.min.geojson"
# The data shipped inside the package: all provinces and the counties of the demo's five provinces.
PACKAGE_DATA_DIR = Path(__file__).resolve().parent / "data"
SEED_PROVINCES = ("IR-00", "IR-06", "IR-08", "IR-21", "IR-30")

# ISO 3166-2:IR codes and the English names the OSM extract uses (checked against provinces.min.geojson).
ISO_PROVINCES: dict[str, str] = {
    "IR-00": "Markazi",
    "IR-01": "Gilan",
    "IR-02": "Mazandaran",
    "IR-03": "East Azerbaijan",
    "IR-04": "West Azerbaijan",
    "IR-05": "Kermanshah",
    "IR-06": "Khuzestan",
    "IR-07": "Fars",
    "IR-08": "Kerman",
    "IR-09": "Razavi Khorasan",
    "IR-10": "Isfahan",
    "IR-11": "Sistan and Baluchestan",
    "IR-12": "Kurdistan",
    "IR-13": "Hamadan",
    "IR-14": "Chaharmahal and Bakhtiyari",
    "IR-15": "Lorestan",
    "IR-16": "Ilam",
    "IR-17": "Kohgiluye and Buyer Ahmad",
    "IR-18": "Bushehr",
    "IR-19": "Zanjan",
    "IR-20": "Semnan",
    "IR-21": "Yazd",
    "IR-22": "Hormozgan",
    "IR-23": "Tehran",
    "IR-24": "Ardabil",
    "IR-25": "Qom",
    "IR-26": "Qazvin",
    "IR-27": "Golestan",
    "IR-28": "North Khorasan",
    "IR-29": "South Khorasan",
    "IR-30": "Alborz",
}
_CODE_BY_ENGLISH = {normalize_text(name): code for code, name in ISO_PROVINCES.items()}
COUNTY_PREFIX = normalize_text("شهرستان")


class ImportError_(ValueError):  # noqa: N801 - avoid shadowing the builtin ImportError
    """The source files are missing or malformed; the message says which and why."""


@dataclass
class Sources:
    """The files one import reads: at most one provinces file and county files by province code."""

    provinces: Path | None = None
    counties: dict[str, Path] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return self.provinces is None and not self.counties


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deactivated: int = 0
    reactivated: int = 0
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"created {self.created}, updated {self.updated}, unchanged {self.unchanged}, "
            f"deactivated {self.deactivated}, reactivated {self.reactivated}, warnings {len(self.warnings)}"
        )


# ---------------------------------------------------------------- locating the files


def _county_code(path: Path) -> str | None:
    """``IR-06.min.geojson`` → ``IR-06``; anything else → None."""
    stem = path.name.split(".")[0].upper()
    return stem if stem in ISO_PROVINCES else None


def find_sources(paths: Sequence[Path | str] = (), *, codes: Iterable[str] | None = None) -> Sources:
    """Resolve directories and files given by a user (or the shipped data) into the files to read.

    A directory may hold ``provinces.min.geojson`` and either ``counties/IR-XX.*.geojson`` or the
    county files directly; a file is taken for what its name says. `codes` limits the county files.
    """
    sources = Sources()
    wanted = set(codes) if codes is not None else None
    for raw in paths or [PACKAGE_DATA_DIR]:
        path = Path(raw)
        if path.is_dir():
            candidates = sorted(path.glob("*.geojson")) + sorted((path / "counties").glob("*.geojson"))
        elif path.is_file():
            candidates = [path]
        else:
            raise ImportError_(f"no such file or directory: {path}")
        for candidate in candidates:
            code = _county_code(candidate)
            if code:
                if wanted is None or code in wanted:
                    sources.counties[code] = candidate
            elif candidate.name.startswith("provinces"):
                sources.provinces = candidate
    if sources.is_empty:
        raise ImportError_(f"no provinces or IR-XX county files found in: {', '.join(map(str, paths))}")
    return sources


def shared_data_dir() -> Path | None:
    """``../shared/data/geo`` next to the project (all 31 provinces' counties), when present."""
    for base in (Path(__file__).resolve().parents[2].parent, Path.cwd().parent):
        candidate = base / "shared" / "data" / "geo"
        if (candidate / "counties").is_dir():
            return candidate
    return None


# ---------------------------------------------------------------- reading features


def _load_features(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ImportError_(f"{path}: not readable GeoJSON ({exc})") from exc
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list):
        raise ImportError_(f"{path}: no 'features' list")
    return features


def _population(value: Any) -> int | None:
    text = str(value or "").replace(",", "").replace("٬", "").replace(" ", "")
    return int(text) if text.isdigit() else None


def _bbox(geometry: dict[str, Any] | None) -> tuple[float, float, float, float] | None:
    """(min lon, min lat, max lon, max lat) of any GeoJSON geometry; None when it has no points."""
    xs: list[float] = []
    ys: list[float] = []

    def walk(coords: Any) -> None:
        if isinstance(coords, list | tuple) and coords and isinstance(coords[0], int | float):
            xs.append(float(coords[0]))
            ys.append(float(coords[1]))
        elif isinstance(coords, list | tuple):
            for item in coords:
                walk(item)

    walk((geometry or {}).get("coordinates"))
    return (min(xs), min(ys), max(xs), max(ys)) if xs else None


def _bbox_centre_inside(inner: tuple | None, outer: tuple | None) -> bool:
    if inner is None or outer is None:
        return True
    cx, cy = (inner[0] + inner[2]) / 2, (inner[1] + inner[3]) / 2
    return outer[0] <= cx <= outer[2] and outer[1] <= cy <= outer[3]


def _strip_county(name: str) -> str:
    text = normalize_text(name)
    return text[len(COUNTY_PREFIX) :].strip() if text.startswith(COUNTY_PREFIX) else text


# ---------------------------------------------------------------- writing


def _set_boundary(territory: Territory, geometry: dict[str, Any] | None, source: str) -> bool:
    if not geometry:
        return False
    boundary = TerritoryBoundary.objects.filter(territory=territory).first()
    if boundary is None:
        TerritoryBoundary.objects.create(territory=territory, geojson=geometry, source=source)
        return True
    if boundary.geojson == geometry and boundary.source == source:
        return False
    boundary.geojson = geometry
    boundary.source = source
    boundary.save(update_fields=["geojson", "source", "updated_at"])
    return True


def _apply(
    territory: Territory,
    *,
    name_fa: str,
    name_en: str,
    population: int | None,
    osm_id: int | None,
    geometry: dict[str, Any] | None,
    source: str,
    report: ImportReport,
) -> None:
    """Update one existing record in place (names, population, OSM id, geometry, active flag)."""
    changed = False
    if (territory.name_fa, territory.name_en) != (name_fa, name_en or territory.name_en) or (
        population is not None and territory.population != population
    ):
        territory_update_names(territory=territory, name_fa=name_fa, name_en=name_en, population=population)
        changed = True
    fields = []
    if osm_id is not None and territory.osm_id != osm_id:
        territory.osm_id = osm_id
        fields.append("osm_id")
    if not territory.is_active:
        territory.is_active = True
        fields.append("is_active")
        report.reactivated += 1
    if fields:
        territory.save(update_fields=fields)
        changed = True
    changed = _set_boundary(territory, geometry, source) or changed
    if changed:
        report.updated += 1
    else:
        report.unchanged += 1


def ensure_country() -> Territory:
    country = Territory.objects.filter(code=COUNTRY_CODE).first()
    if country is None:
        country = Territory.objects.filter(kind=Territory.Kind.COUNTRY, parent=None).first()
    if country is None:
        country = territory_create(
            kind=Territory.Kind.COUNTRY, name_fa=COUNTRY_NAME_FA, name_en=COUNTRY_NAME_EN, code=COUNTRY_CODE
        )
    return country


def _import_provinces(
    country: Territory, path: Path, report: ImportReport
) -> dict[str, tuple[Territory, tuple | None]]:
    """Provinces carry no code in the file: the English name is matched to the ISO table."""
    found: dict[str, tuple[Territory, tuple | None]] = {}
    for feature in _load_features(path):
        props = feature.get("properties") or {}
        name_fa = (props.get("name:fa") or props.get("name") or "").strip()
        name_en = (props.get("name:en") or "").strip()
        code = _CODE_BY_ENGLISH.get(normalize_text(name_en))
        if not code or not name_fa:
            report.warnings.append(f"{path.name}: province «{name_fa or name_en}» is not in the ISO table")
            continue
        geometry = feature.get("geometry")
        province = _find_province(country, code, name_fa)
        if province is None:
            province = territory_create(
                kind=Territory.Kind.PROVINCE, name_fa=name_fa, name_en=name_en, code=code, parent=country
            )
            _set_boundary(province, geometry, path.name)
            report.created += 1
        else:
            if province.code != code:
                province.code = code
                province.save(update_fields=["code"])
            _apply(
                province,
                name_fa=name_fa,
                name_en=name_en,
                population=None,
                osm_id=None,
                geometry=geometry,
                source=path.name,
                report=report,
            )
        found[code] = (province, _bbox(geometry))
    return found


def _find_province(country: Territory, code: str, name_fa: str) -> Territory | None:
    province = Territory.objects.filter(code=code).first()
    if province is None:
        province = Territory.objects.filter(
            kind=Territory.Kind.PROVINCE, parent=country, name_normalized=normalize_text(name_fa)
        ).first()
    return province


def _import_counties(
    province: Territory, province_bbox: tuple | None, code: str, path: Path, report: ImportReport
) -> None:
    features = [f for f in _load_features(path) if (f.get("properties") or {}).get("tags")]
    if not features:
        report.warnings.append(f"{path.name}: no county features; nothing changed for {code}")
        return
    existing = list(Territory.objects.filter(parent=province, kind=Territory.Kind.COUNTY))
    by_osm = {t.osm_id: t for t in existing if t.osm_id is not None}
    by_name = {_strip_county(t.name_fa): t for t in existing}
    seen: set[int] = set()
    bboxes = []
    for feature in features:
        props = feature["properties"]
        tags = props["tags"]
        name_fa = (tags.get("name") or tags.get("name:fa") or "").strip()
        if not name_fa:
            report.warnings.append(f"{path.name}: county {props.get('id')} has no name; skipped")
            continue
        osm_id = props.get("id") if isinstance(props.get("id"), int) else None
        geometry = feature.get("geometry")
        bboxes.append(_bbox(geometry))
        county = by_osm.get(osm_id) if osm_id is not None else None
        if county is None:
            county = by_name.get(_strip_county(name_fa))
        if county is None and osm_id is not None:
            # Known elsewhere (another province's file listed it): keep its place, never re-parent.
            elsewhere = Territory.objects.filter(osm_id=osm_id).first()
            if elsewhere is not None:
                report.warnings.append(f"{path.name}: «{name_fa}» already lies under another province; kept")
                seen.add(elsewhere.pk)
                continue
        values = {
            "name_fa": name_fa,
            "name_en": (tags.get("name:en") or "").strip(),
            "population": _population(tags.get("population")),
            "osm_id": osm_id,
        }
        if county is None:
            county = territory_create(
                kind=Territory.Kind.COUNTY,
                parent=province,
                code=f"{code}-R{osm_id}" if osm_id is not None else f"{code}-{normalize_text(name_fa)}",
                **values,
            )
            _set_boundary(county, geometry, path.name)
            report.created += 1
        else:
            _apply(county, geometry=geometry, source=path.name, report=report, **values)
        seen.add(county.pk)
    # A county missing from a newer file is kept (records point at it) but no longer offered.
    for county in existing:
        if county.pk not in seen and county.is_active:
            county.is_active = False
            county.save(update_fields=["is_active"])
            report.deactivated += 1
    # Cheap geometry check that the file belongs to the province its name says.
    inside = [b for b in bboxes if _bbox_centre_inside(b, province_bbox)]
    if bboxes and len(inside) < len(bboxes) / 2:
        report.warnings.append(f"{path.name}: most counties lie outside {province.name_en or province}")


@transaction.atomic
def import_territories(sources: Sources) -> ImportReport:
    """Create or update the country root, the provinces and the counties from `sources`, all or nothing."""
    report = ImportReport()
    country = ensure_country()
    provinces: dict[str, tuple[Territory, tuple | None]] = {}
    if sources.provinces is not None:
        provinces = _import_provinces(country, sources.provinces, report)
    for code, path in sorted(sources.counties.items()):
        if code not in provinces:
            province = Territory.objects.filter(code=code).first()
            if province is None:
                # A county file without a provinces file: create the province from the ISO table.
                province = territory_create(
                    kind=Territory.Kind.PROVINCE,
                    name_fa=ISO_PROVINCES[code],
                    name_en=ISO_PROVINCES[code],
                    code=code,
                    parent=country,
                )
                report.created += 1
                report.warnings.append(f"{code}: province created without a Persian name")
            boundary = TerritoryBoundary.objects.filter(territory=province).first()
            provinces[code] = (province, _bbox(boundary.geojson) if boundary else None)
        province, bbox = provinces[code]
        _import_counties(province, bbox, code, path, report)
    for warning in report.warnings:
        logger.warning("geo import: %s", warning)
    return report
