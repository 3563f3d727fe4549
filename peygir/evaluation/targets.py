"""The indicator-targets measure, read from the programs domain (`peygir.programs.targets`).

A territory's figure is a pair (targets met, targets with something reported); a target with nothing
reported is a data-quality gap, not a miss, so it is left out. No target set: not applicable (None),
and the measure's weight goes to the others.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from peygir.programs import targets as programs_targets


def as_pair(result: Any) -> tuple[int, int] | None:
    """(targets met, targets judged) from a pair or from the programs domain's rows (each with `met`:
    True, False, or None when nothing was reported — left out); None if none is judged."""
    if result is None:
        return None
    if isinstance(result, tuple) and len(result) == 2:
        met, total = result
    elif isinstance(result, dict) and "total" in result:
        met, total = result.get("met", 0), result["total"]
    elif isinstance(result, Iterable):
        flags = [r.get("met") if isinstance(r, dict) else getattr(r, "met", None) for r in result]
        met = sum(1 for flag in flags if flag is True)
        total = sum(1 for flag in flags if flag is not None)
    else:
        return None
    met, total = int(met or 0), int(total or 0)
    return (met, total) if total else None


def targets_met(territory_id: int | None, year: int) -> tuple[int, int] | None:
    """(met, judged) targets of the territory's indicators for the year, or None (not applicable)."""
    return targets_met_many([territory_id], year).get(territory_id) if territory_id is not None else None


def targets_met_many(territory_ids: list[int], year: int) -> dict[int, tuple[int, int] | None]:
    """The same for several territories, in a fixed number of queries (the programs domain's)."""
    return {pk: as_pair(rows) for pk, rows in programs_targets.targets_met_many(territory_ids, year).items()}
