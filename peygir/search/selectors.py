"""Reading the index: one query over SearchEntry with the permissions inside it.

Who may see a record is always its domain's own rule (registry.SearchSource.visible), evaluated on
the live rows, never a copy that could be stale. Two forms of it:

- `visible_q` (the whole visible set): `kind = K AND object_id IN (<the domain's visible records>)`,
  ORed over kinds — exact, but for a province's staff a set of hundreds of thousands of ids.
- `candidates_q` (what a search reads) checks the rule per candidate instead, `kind = K AND EXISTS
  (<the domain's record with this id, if visible>)`, after narrowing the candidates cheaply by the
  index's own `scopes` column: the entries belonging to one of the reader's provinces
  (`organizations.access.data_scopes`: their read territories' and their organizations' provinces)
  or to scope 0 (placeless records, kinds shown to everyone). An entry belongs to its territory's
  province and to those of the organizations through which its domain shows it (the issuer, the
  supporting organization, a committee's members …, `registry.EntryData.audience`), so a record the
  domain shows the reader through one of their organizations is a candidate wherever it lies. A
  national reader is not narrowed. The composite GIN indexes of migration 0005 answer "this word in
  these provinces" in one index scan (`scopes && ARRAY[…]`).

So a record appears only when its own domain's page would show it. The count a page shows is capped
(paging.CAP, "more than 1,000") — docs/search.md, "Speed".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from peygir.organizations.access import data_scopes
from peygir.territory.models import Territory

from . import backends, registry, vocabulary
from .backends import Term
from .indexing import province_of
from .models import SearchEntry

MAX_QUERY_LENGTH = 200


@dataclass
class SearchParams:
    text: str = ""
    kind: str = ""
    territory: Territory | None = None
    organization_id: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    groups: list[list[Term]] = field(default_factory=list)
    # What the results were found by, for their highlights: `groups`, or a loose search's wider ones.
    found_by: list[list[Term]] = field(default_factory=list)
    # The candidates' query per reader: a loose search after an exact one asks the reader's provinces
    # and reviewing once, not twice.
    _candidates: dict[int | None, QuerySet] = field(default_factory=dict, repr=False, compare=False)
    _completions: dict[str, list[str]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.text = (self.text or "")[:MAX_QUERY_LENGTH]
        self.groups = backends.query_terms(self.text)
        self.found_by = self.groups

    @property
    def is_empty(self) -> bool:
        return not self.groups


def kinds() -> list[tuple[str, Any]]:
    """(kind, Persian label) of every registered source, in the settings' order."""
    return [(kind, source.label) for kind, source in registry.sources().items()]


def label(kind: str) -> Any:
    found = registry.sources().get(kind)
    return found.label if found is not None else kind


def _unfiltered(visible: QuerySet) -> bool:
    """The domain filters nothing for this user (national staff; the open directory)."""
    return not visible.query.where and not visible.query.is_empty()


def visible_q(user: Any, kinds: list[str] | None = None) -> Q:
    """The entries the user may see: per kind, its domain's visible records (ORed over kinds)."""
    allowed = Q(pk__in=[])
    for kind in kinds or list(registry.sources()):
        visible = registry.source(kind).visible(user)
        if _unfiltered(visible):
            allowed |= Q(kind=kind)
        else:
            allowed |= Q(kind=kind, object_id__in=visible.values("pk"))
    return allowed


def _this_record(visible: QuerySet) -> QuerySet:
    """The domain's visible records narrowed to the outer entry's record, for EXISTS.

    `pk >= object_id` repeats the equality in a form PostgreSQL cannot hash: with the equality alone
    it may plan the EXISTS as a hashed subplan, i.e. build the domain's whole visible set first (74,000
    actions of one province, measured) — the very cost the per-candidate check avoids.
    """
    return visible.order_by().filter(pk=OuterRef("object_id"), pk__gte=OuterRef("object_id"))


def reader_provinces(user: Any) -> list[int] | None:
    """The provinces (territory ids) holding every record the user's pages may show, or None for a
    reader of the whole country — `organizations.access.data_scopes`, by which the page caches are
    already invalidated."""
    paths = data_scopes(user)
    if paths is None:
        return None
    return sorted({province_of(path) for path in paths} - {0})


def candidates_q(user: Any, kinds: list[str] | None = None) -> Q:
    """The entries the user may see, checked per entry (EXISTS), and narrowed first by the index's own
    columns to where the user's records lie (see the module's docstring).

    Two conditions ANDed: the narrowing, which PostgreSQL answers with one composite GIN scan together
    with the full-text match (two, ORed, for a reader some kind not marked `everywhere` is open to),
    and the domains' rules, evaluated on those rows only.
    """
    open_kinds: list[str] = []
    checked: list[str] = []  # kinds whose rule is asked per candidate
    rules = Q(pk__in=[])
    for kind in kinds or list(registry.sources()):
        visible = registry.source(kind).visible(user)
        if _unfiltered(visible):
            open_kinds.append(kind)
        elif not visible.query.is_empty():
            checked.append(kind)
            rules |= Q(kind=kind) & Exists(_this_record(visible))
    if open_kinds:
        rules |= Q(kind__in=open_kinds)
    provinces = reader_provinces(user)
    if provinces is None:
        return rules
    near = Q(scopes__overlaps=[0, *provinces])
    # A kind the domain shows this user everywhere, whose entries are not all scope 0 (a kind not
    # marked `everywhere`), or beyond what its entries name (a grant call's reviewer): a second index
    # scan, only for such a user.
    wide = [kind for kind in open_kinds if not registry.source(kind).everywhere]
    wide += [kind for kind in checked if registry.source(kind).reaches_beyond(user)]
    if wide:
        near |= Q(kind__in=wide)
    return near & rules


def visible_entries(user: Any, kinds: list[str] | None = None) -> QuerySet[SearchEntry]:
    return SearchEntry.objects.filter(visible_q(user, kinds))


def _filtered(user: Any, params: SearchParams) -> QuerySet[SearchEntry]:
    kinds = [params.kind] if params.kind in registry.sources() else None
    qs = SearchEntry.objects.filter(candidates_q(user, kinds))
    if params.territory is not None:
        qs = qs.filter(territory_path__startswith=params.territory.path)
    if params.organization_id is not None:
        qs = qs.filter(organization_id=params.organization_id)
    if params.date_from is not None:
        qs = qs.filter(occurred_on__gte=params.date_from)
    if params.date_to is not None:
        qs = qs.filter(occurred_on__lte=params.date_to)
    return shown(qs)


def shown(entries: QuerySet[SearchEntry]) -> QuerySet[SearchEntry]:
    """What a result shows: its place and organization joined, the analysed text left out."""
    return entries.select_related("territory", "organization").defer("document", "text_normalized")


def search(user: Any, params: SearchParams, *, loose: bool = False) -> QuerySet[SearchEntry]:
    """The entries matching the query that the user may see, best first; none for an empty query.

    `loose` looks for misspellings instead (callers use it when the exact search found nothing): the
    words' neighbours in the index's vocabulary (vocabulary.loose_groups), through the same matching,
    so a loose search is as fast as an exact one; `params.found_by` says what it looked for.
    """
    if params.is_empty:
        return SearchEntry.objects.none()
    reader = getattr(user, "pk", None)
    if reader not in params._candidates:
        params._candidates[reader] = _filtered(user, params)
    qs = params._candidates[reader]
    groups = params.groups
    if loose:
        params.found_by = groups = vocabulary.loose_groups(params.text, params.groups)
    # The word being typed as the vocabulary completes it, not as a prefix of the index (vocabulary.py).
    found = backends.match(qs, vocabulary.completed(groups, params._completions))
    # Read by the page's statement (ranking.parts): a reader searched in their provinces only.
    found.narrowed = reader_provinces(user) is not None
    return found
