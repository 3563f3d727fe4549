"""Pages of search results with a capped count ("more than 1,000"), for the page and the API.

Counting every match of a common word means visiting every one of them (and asking its domain about
each); a person reads the first pages. So the count stops at CAP + 1 rows, and past CAP the page says
"more than CAP" and offers CAP results' worth of pages (40 of 25) — the best ones, as ranked.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.core.paginator import Paginator

from peygir.core.templatetags.peygir_tags import number_text

CAP = 1000


def capped_count(rows: Any, cap: int = CAP) -> int:
    """How many rows, counting no further than cap + 1 (the ranking left out: ids only)."""
    if hasattr(rows, "query"):
        return rows.order_by().values("pk")[: cap + 1].count()
    return min(len(rows), cap + 1)


class SearchPaginator(Paginator):
    """A Paginator whose `count` is at most `cap`; `capped` says there are more."""

    cap = CAP

    @cached_property
    def raw_count(self) -> int:
        return capped_count(self.object_list, self.cap)

    @cached_property
    def count(self) -> int:
        return min(self.raw_count, self.cap)

    @property
    def capped(self) -> bool:
        return self.raw_count > self.cap

    @property
    def cap_text(self) -> str:
        """The cap as the active language writes numbers (۱٬۰۰۰ in Persian)."""
        return number_text(f"{self.cap:,}")
