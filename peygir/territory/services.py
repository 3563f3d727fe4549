"""Writes to the territorial tree."""

from django.db import transaction

from peygir.core.text import normalize_text

from .models import Territory


@transaction.atomic
def territory_create(
    *,
    kind: str,
    name_fa: str,
    code: str,
    parent: Territory | None = None,
    name_en: str = "",
    population: int | None = None,
    osm_id: int | None = None,
    is_underprivileged: bool = False,
    is_informal_settlement: bool = False,
) -> Territory:
    territory = Territory(
        kind=kind,
        name_fa=name_fa,
        name_en=name_en,
        code=code,
        parent=parent,
        population=population,
        osm_id=osm_id,
        is_underprivileged=is_underprivileged,
        is_informal_settlement=is_informal_settlement,
        name_normalized=normalize_text(name_fa),
    )
    territory.full_clean(exclude=["path"])
    territory.save()
    territory.path = f"{parent.path if parent else '/'}{territory.pk}/"
    territory.depth = parent.depth + 1 if parent else 0
    territory.save(update_fields=["path", "depth"])
    return territory


def territory_update_names(
    *, territory: Territory, name_fa: str, name_en: str, population: int | None
) -> Territory:
    territory.name_fa = name_fa
    territory.name_en = name_en or territory.name_en
    territory.name_normalized = normalize_text(name_fa)
    if population is not None:
        territory.population = population
    territory.save(update_fields=["name_fa", "name_en", "name_normalized", "population"])
    return territory
