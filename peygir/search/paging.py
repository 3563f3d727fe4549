"""Pages of search results with a capped count ("more than 1,000"), for the page and the API.

On PostgreSQL one statement returns the ids of the results up to the page's last, in order, and their
number counted no further than CAP + 1 (`ranking.page_ids`, reading the newest recency bands only as
far as they are needed); the page is a slice of them, and the page's entries are then read by id. SQLite
(the demo) counts (capped) and then reads the page from the ordered query.

Past CAP the page says "more than CAP" and offers CAP results' worth of pages (40 of 25), the best
ones as ranked: nobody reads further, and every page past it would cost as much as the first.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db import connection
from django.db.models import QuerySet

from peygir.core.templatetags.peygir_tags import number_text

from . import ranking
from .selectors import shown

CAP = 1000


def capped_count(rows: Any, cap: int = CAP) -> int:
    """How many rows, counting no further than cap + 1 (the ranking left out: ids only)."""
    if isinstance(rows, QuerySet):
        return rows.order_by().values("pk")[: cap + 1].count()
    return min(len(rows), cap + 1)


class SearchPaginator(Paginator):
    """A Paginator over ranked search results whose `count` is at most `cap` (`capped`: there are
    more), learnt from the page's own statement."""

    cap = CAP

    def __init__(self, object_list: Any, per_page: int, **kwargs: Any) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self.total: int | None = None  # every candidate, once a page's statement has said

    @cached_property
    def count(self) -> int:
        if self.total is None:  # asked before any page (a page past the end, the API's "last")
            self.total = capped_count(self.object_list, self.cap)
        return min(self.total, self.cap)

    @property
    def capped(self) -> bool:
        return self.count >= self.cap and bool(self.total and self.total > self.cap)

    @property
    def cap_text(self) -> str:
        """The cap as the active language writes numbers (۱٬۰۰۰ in Persian)."""
        return number_text(f"{self.cap:,}")

    def page(self, number: Any) -> Page:
        # SQLite (the demo): a capped count, then the page of the ordered query.
        if not isinstance(self.object_list, QuerySet) or connection.vendor != "postgresql":
            return super().page(number)
        try:
            number = int(number)
        except (TypeError, ValueError) as exc:
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from exc
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        bottom = (number - 1) * self.per_page
        ids: list[int] = []
        if bottom < self.cap:
            # The page's results' ids in order and the count up to cap + 1, in one statement
            # (ranking.page_ids: the newest bands only, as far as the page and the count need them).
            top = min(bottom + self.per_page, self.cap)  # the last page ends at the cap
            found, self.total = ranking.page_ids(self.object_list, top, self.cap)
            ids = found[bottom:top]
            self.__dict__.pop("count", None)
        number = self.validate_number(number)  # past the end: EmptyPage (counted when not known)
        # By id alone: the ids are the checked results of the statement above (asking again, PostgreSQL
        # scanned the word's index for the 25 rows: 50 ms, measured).
        rows = shown(self.object_list.model._default_manager.filter(pk__in=ids)) if ids else []
        by_id = {entry.pk: entry for entry in rows}
        return self._get_page([by_id[pk] for pk in ids if pk in by_id], number, self)
