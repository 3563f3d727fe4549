"""Sources of search entries: the contract a domain implements so its records are found, and their
registry (settings.PEYGIR_SEARCH_SOURCES: kind → dotted path of the source class).

Like the action sources, sources are imported lazily, so the index never imports a domain and a
domain's module may import this one freely.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from django.conf import settings
from django.db.models import Model, QuerySet
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.module_loading import import_string
from django.utils.translation import get_language

from peygir.actions import sources as action_sources
from peygir.actions.models import Action


@dataclass
class EntryData:
    """What a source tells the index about one record (SearchEntry's fields, analysed by the index)."""

    title: str
    body: str
    occurred_on: dt.date
    url: str
    territory_id: int | None = None
    territory_path: str = ""
    county_id: int | None = None
    neighbourhood_id: int | None = None
    organization_id: int | None = None
    category: str = ""
    amount_rials: int | None = None
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    is_work: bool = False
    # The organizations through which the domain shows the record to their members wherever it lies
    # (their provinces join the entry's `scopes`): what the domain's own access rule reads besides
    # the territory. Order and repeats do not matter; None is ignored.
    audience: Iterable[int | None] = ()
    # Any signed-in reader may see it (a national program's duties): the entry is also in scope 0.
    nationwide: bool = False


class SearchSource:
    """One kind of record. Subclasses set `kind`, `model`, `label` and implement the three methods."""

    kind: str = ""
    model: type[Model]
    label: Any = ""  # the kind's Persian name, shown as a filter and on each result
    # Every signed-in user may see every record of this kind (the open directory of organizations):
    # its entries are written with scope 0, which every search looks in (search/selectors.py).
    everywhere: bool = False

    def visible(self, user: Any) -> QuerySet:
        """The records of this kind the user may see (the domain's own rule)."""
        raise NotImplementedError

    def rows(self) -> QuerySet:
        """Every record to index, with what `entry` reads joined or prefetched (bulk reindex)."""
        raise NotImplementedError

    def entry(self, obj: Any) -> EntryData | None:
        """The record as the index sees it; None leaves it out (a draft, a deleted row)."""
        raise NotImplementedError

    def reaches_beyond(self, user: Any) -> bool:
        """Whether the domain may show this user records of this kind outside the provinces of the
        user's territories and organizations for a reason the entry cannot hold (a grant call's
        reviewer, a person rather than an organization): the search then looks at every entry of the
        kind for them, still asking `visible` about each."""
        return False

    def related_models(self) -> Iterable[type[Model]]:
        """Other models whose saving changes this kind's entries (reindexed through `owners`)."""
        return ()

    def owners(self, obj: Any) -> Iterable[Any]:
        """The records of this kind that a saved row of a related model belongs to."""
        return ()

    def action_ids(self, object_id: int) -> list[int]:
        """The actions through which this record's work is followed: those whose source is the record
        (a kind registered as an action source with its own column), none for other kinds. A decision
        that two bodies do the same work adds the other body to the lead record's actions."""
        if self.kind not in action_sources.kinds():
            return []
        column = action_sources.get(self.kind).field
        if not column:
            return []
        return list(Action.objects.filter(**{f"{column}_id": object_id}).values_list("pk", flat=True))


@cache
def sources() -> dict[str, SearchSource]:
    return {kind: import_string(path)() for kind, path in settings.PEYGIR_SEARCH_SOURCES.items()}


def source(kind: str) -> SearchSource:
    return sources()[kind]


_MARKER = 987_654_321_987_654_321


@lru_cache(maxsize=512)
def _url_halves(name: str, language: str | None, prefix: str, urlconf: str | None) -> tuple[str, str]:
    before, _marker, after = reverse(name, args=[_MARKER], urlconf=urlconf).partition(str(_MARKER))
    return before, after


def record_url(name: str, pk: int) -> str:
    """`reverse(name, args=[pk])` for a URL whose one argument is an integer id, reversed once per
    name (and language, prefix, URLconf): a bulk reindex asks for millions of them, and Django's
    `reverse` (namespaces, thread-locals) was a sixth of its time."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    before, after = _url_halves(name, get_language(), get_script_prefix(), urlconf)
    return f"{before}{int(pk)}{after}"
