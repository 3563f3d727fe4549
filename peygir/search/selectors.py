"""Reading the index: one query over SearchEntry with the permissions inside it.

For each kind searched, the condition is `kind = K AND object_id IN (<the domain's visible records of
K for this user>)`, the subquery being the domain's own access rule (registry.SearchSource.visible);
the kinds' conditions are ORed. So a record appears only when its own domain's page would show it,
and the rule is evaluated on the live rows, never on a copy that could be stale.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from peygir.territory.models import Territory

from . import backends, registry
from .backends import Term
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

    def __post_init__(self) -> None:
        self.text = (self.text or "")[:MAX_QUERY_LENGTH]
        self.groups = backends.query_terms(self.text)

    @property
    def is_empty(self) -> bool:
        return not self.groups


def kinds() -> list[tuple[str, Any]]:
    """(kind, Persian label) of every registered source, in the settings' order."""
    return [(kind, source.label) for kind, source in registry.sources().items()]


def label(kind: str) -> Any:
    found = registry.sources().get(kind)
    return found.label if found is not None else kind


def visible_q(user: Any, kinds: list[str] | None = None) -> Q:
    """The entries the user may see: per kind, its domain's visible records (ORed over kinds)."""
    allowed = Q(pk__in=[])
    for kind in kinds or list(registry.sources()):
        visible = registry.source(kind).visible(user)
        if not visible.query.where and not visible.query.is_empty():
            allowed |= Q(kind=kind)  # the domain filters nothing for this user (national staff)
        else:
            allowed |= Q(kind=kind, object_id__in=visible.values("pk"))
    return allowed


def visible_entries(user: Any, kinds: list[str] | None = None) -> QuerySet[SearchEntry]:
    return SearchEntry.objects.filter(visible_q(user, kinds))


def _filtered(user: Any, params: SearchParams) -> QuerySet[SearchEntry]:
    kinds = [params.kind] if params.kind in registry.sources() else None
    qs = visible_entries(user, kinds)
    if params.territory is not None:
        qs = qs.filter(territory_path__startswith=params.territory.path)
    if params.organization_id is not None:
        qs = qs.filter(organization_id=params.organization_id)
    if params.date_from is not None:
        qs = qs.filter(occurred_on__gte=params.date_from)
    if params.date_to is not None:
        qs = qs.filter(occurred_on__lte=params.date_to)
    return qs.select_related("territory", "organization").defer("document", "text_normalized")


def search(user: Any, params: SearchParams, *, loose: bool = False) -> QuerySet[SearchEntry]:
    """The entries matching the query that the user may see, best first; none for an empty query.

    `loose` looks for misspellings instead (callers use it when the exact search found nothing).
    """
    if params.is_empty:
        return SearchEntry.objects.none()
    qs = _filtered(user, params)
    if loose:
        return backends.match_loosely(qs, params.text, params.groups)
    return backends.match(qs, params.groups)
