"""The five-harms roadmap (S5.2, S5.3): for each social harm, its indicators per territory and period
with targets and trend, and the NGO projects and program duties linked to it.

Indicators, targets, projects and duties belong to the programs and grants domains, written at the
same time as this package; what they offer is read through `targets._selector`-style lookups so this
page works (with the harms and no rows yet) before they land, and fills in once they do.
"""

from __future__ import annotations

from typing import Any

from peygir.programs.models import Theme
from peygir.territory.models import Territory

from .targets import _selector

# The five social harms the national roadmap follows (seed 004), by the shared list of themes.
FIVE_HARMS = (
    Theme.ADDICTION,
    Theme.DIVORCE,
    Theme.INFORMAL_SETTLEMENTS,
    Theme.BEGGING,
    Theme.VIOLENCE,
)


def roadmap(territory: Territory, *, year: int) -> dict[str, Any]:
    """Each harm with the rows the programs domain gives for it (indicator, territory, period, value,
    target, trend); `available` is False until that domain offers `roadmap_rows`."""
    rows_of = _selector("roadmap_rows")
    harms = []
    for theme in FIVE_HARMS:
        rows = list(rows_of(territory, theme.value, year)) if rows_of is not None else []
        harms.append({"key": theme.value, "label": theme.label, "rows": rows})
    return {"territory": territory, "year": year, "harms": harms, "available": rows_of is not None}
