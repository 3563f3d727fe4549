"""The indicator-targets measure, read from the programs domain's selectors.

Kept apart from the other measures on purpose: indicators and their yearly targets belong to
`peygir.programs`, whose selectors (`targets_met(territory, jalali_year)`) are being written at the same
time as this package. Until they exist the measure is "not applicable" (None) and its weight goes to
the others; once they do, nothing here changes. The selector's answer may be a pair (met, total), a
mapping or an object with `met` and `total`, or a list of rows each with `met` (True, False, or None
when nothing was reported — left out).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from typing import Any

from django.apps import apps

from peygir.territory.models import Territory


def _selector(name: str) -> Callable[..., Any] | None:
    try:
        module = importlib.import_module("peygir.programs.selectors")
    except ImportError:
        return None
    return getattr(module, name, None)


def as_pair(result: Any) -> tuple[int, int] | None:
    """(targets met, targets set) from whatever shape the selector answers in; None if none set."""
    if result is None:
        return None
    if isinstance(result, tuple) and len(result) == 2:
        met, total = result
    elif isinstance(result, dict) and "total" in result:
        met, total = result.get("met", 0), result["total"]
    elif hasattr(result, "total") and hasattr(result, "met"):
        met, total = result.met, result.total
    elif isinstance(result, Iterable):
        # One row per target; `met` None means nothing was reported: a data-quality gap, not a miss,
        # so such a target is left out of this performance measure.
        flags = [r.get("met") if isinstance(r, dict) else getattr(r, "met", None) for r in result]
        met = sum(1 for flag in flags if flag is True)
        total = sum(1 for flag in flags if flag is not None)
    else:
        return None
    met, total = int(met or 0), int(total or 0)
    return (met, total) if total else None


def _with_targets(territory_ids: list[int], year: int) -> set[int]:
    """Which of these territories have any target for the year (one query), so that the programs
    domain's per-territory computation runs only where there is something to compute."""
    try:
        model = apps.get_model("programs", "IndicatorTarget")
    except LookupError:
        return set()
    if not territory_ids:
        return set()
    return set(
        model.objects.filter(territory_id__in=territory_ids, year=year)
        .order_by()
        .values_list("territory_id", flat=True)
        .distinct()
    )


def targets_met(territory_id: int | None, year: int) -> tuple[int, int] | None:
    """(met, set) targets of the territory's indicators for the year, or None (not applicable)."""
    return targets_met_many([territory_id], year).get(territory_id) if territory_id is not None else None


def targets_met_many(territory_ids: list[int], year: int) -> dict[int, tuple[int, int] | None]:
    """The same for several territories: one call if the programs domain offers a bulk selector,
    else its per-territory selector for those that have targets (found in one query)."""
    bulk = _selector("targets_met_many")
    if bulk is not None:
        return {pk: as_pair(value) for pk, value in bulk(territory_ids, year).items()}
    selector = _selector("targets_met")
    if selector is None:
        return {}
    found = _with_targets(list(territory_ids), year)
    if not found:
        return {}
    return {t.pk: as_pair(selector(t, year)) for t in Territory.objects.filter(pk__in=found)}
