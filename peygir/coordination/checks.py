"""The entry-time check: similar work of other bodies, shown while a record is being entered.

`check_entry` compares the record being entered (a `Draft`: typed text and its context, before or
just after saving) with the work records of OTHER organizations in the same place and an overlapping
period, through the similarity engine. It reads a bounded set — the `CANDIDATE_LIMIT` most recent
work records of the place — so that it answers in a few tens of milliseconds whatever the size of
the country's index; recent work is where parallel work starts.

Details of a found record are shown only when its own domain lets the user see it
(`access.visible_keys`); otherwise only the other body's name and the kind of record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils import timezone

from peygir.search.models import SearchEntry
from peygir.similarity import engine
from peygir.territory.models import Territory

from . import access, selectors

Key = tuple[str, int]

CANDIDATE_LIMIT = 500  # the most recent work records of the place compared at entry
MAX_SHOWN = 10  # candidates shown at once (the strongest)
TEXT_LIMIT = 1500  # characters of a record's text compared (a title and the start of its body)
# A record with no period of its own is compared with work of the coming year.
DEFAULT_SPAN = dt.timedelta(days=365)


@dataclass
class Draft:
    """The record being entered, as the check sees it."""

    title: str
    body: str = ""
    organization_ids: frozenset[int] = frozenset()
    county_id: int | None = None
    neighbourhood_id: int | None = None
    territory_path: str = ""  # when no county: the territory the work covers (a province)
    category: str = ""
    amount_rials: int | None = None
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    kind: str = ""  # once saved: the records' search kind and ids
    object_ids: tuple[int, ...] = ()

    @property
    def keys(self) -> list[Key]:
        return [(self.kind, pk) for pk in self.object_ids] if self.kind else []

    @property
    def text(self) -> str:
        return f"{self.title}\n{self.body}"[:TEXT_LIMIT]

    def period(self) -> tuple[dt.date, dt.date]:
        start = self.starts_on or timezone.localdate()
        end = self.ends_on or (start + DEFAULT_SPAN)
        return (start, end) if start <= end else (end, start)

    def record(self) -> engine.Record:
        start, end = self.period()
        return engine.Record(
            text=self.text,
            county_id=self.county_id,
            neighbourhood_id=self.neighbourhood_id,
            organization_id=next(iter(self.organization_ids), None)
            if len(self.organization_ids) == 1
            else None,
            category=self.category,
            amount_rials=self.amount_rials,
            starts_on=start,
            ends_on=end,
        )

    @classmethod
    def from_entry(cls, entry: SearchEntry) -> Draft:
        return cls(
            title=entry.title,
            body=entry.body,
            organization_ids=frozenset([entry.organization_id]) if entry.organization_id else frozenset(),
            county_id=entry.county_id,
            neighbourhood_id=entry.neighbourhood_id,
            territory_path=entry.territory_path,
            category=entry.category,
            amount_rials=entry.amount_rials,
            starts_on=entry.starts_on or entry.occurred_on,
            ends_on=entry.ends_on,
            kind=entry.kind,
            object_ids=(entry.object_id,),
        )


@dataclass
class Candidate:
    """Another body's record that may be the same work."""

    kind: str
    object_id: int
    organization_id: int | None
    organization_name: str
    kind_label: str
    score: float
    text_score: float
    reasons: list[str] = field(default_factory=list)
    visible: bool = False
    # Shown only when `visible`: never filled for a record the user may not see.
    title: str = ""
    url: str = ""
    amount_rials: int | None = None
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    county_id: int | None = None
    territory_path: str = ""

    @property
    def key(self) -> Key:
        return (self.kind, self.object_id)

    def as_dict(self) -> dict[str, Any]:
        """What the entry's session keeps of a shown candidate (never its hidden details)."""
        return {
            "kind": self.kind,
            "id": self.object_id,
            "score": round(self.score, 3),
            "reasons": self.reasons,
        }


ENTRY_FIELDS = (
    "id",
    "kind",
    "object_id",
    "title",
    "body",
    "url",
    "county_id",
    "neighbourhood_id",
    "territory_path",
    "organization_id",
    "organization__name",
    "category",
    "amount_rials",
    "starts_on",
    "ends_on",
    "occurred_on",
)


def place_q(draft: Draft) -> Q | None:
    """Work in the same county (or neighbourhood); provincial work: anywhere in its territory."""
    if draft.county_id:
        return Q(county_id=draft.county_id)
    if draft.neighbourhood_id:
        return Q(neighbourhood_id=draft.neighbourhood_id)
    if draft.territory_path and draft.territory_path.count("/") > 2:  # not the whole country
        return Q(territory_path__startswith=draft.territory_path)
    return None


def period_q(start: dt.date, end: dt.date) -> Q:
    """Overlapping periods; a record with no period of its own by its date, within the last year."""
    dated = Q(starts_on__lte=end) & (Q(ends_on__gte=start) | Q(ends_on__isnull=True, starts_on__gte=start))
    undated = Q(starts_on__isnull=True, occurred_on__gte=start - DEFAULT_SPAN, occurred_on__lte=end)
    return dated | undated


def candidate_rows(draft: Draft, *, limit: int = CANDIDATE_LIMIT) -> list[dict[str, Any]]:
    """The bounded set of other bodies' work records the draft is compared with (one query)."""
    where = place_q(draft)
    if where is None:
        return []
    start, end = draft.period()
    # Which records, then their rows: the choice reads only columns of the work records' covering
    # index (search_work_path), so a province's 72,000 work records are filtered in the index, and
    # only the chosen ones' text is read (a province's check read 60,000 table pages: 0.5 s at S = 1).
    chosen = (
        SearchEntry.objects.filter(where, period_q(start, end), is_work=True, organization__isnull=False)
        .exclude(organization_id__in=draft.organization_ids)
        .order_by("-occurred_on", "-pk")
        .values("pk")[:limit]
    )
    qs = SearchEntry.objects.filter(pk__in=chosen).order_by("-occurred_on", "-pk")
    rows = list(qs.values(*ENTRY_FIELDS))
    own = set(draft.keys)
    return [r for r in rows if (r["kind"], r["object_id"]) not in own]


def record_text(row: Mapping[str, Any]) -> str:
    """The text of an index row the engine compares (its title and the start of its body)."""
    return f"{row['title']}\n{row['body']}"[:TEXT_LIMIT]


def record_of(row: Mapping[str, Any]) -> engine.Record:
    return engine.Record(
        text=record_text(row),
        county_id=row["county_id"],
        neighbourhood_id=row["neighbourhood_id"],
        organization_id=row["organization_id"],
        category=row["category"],
        amount_rials=row["amount_rials"],
        starts_on=row["starts_on"] or row["occurred_on"],
        ends_on=row["ends_on"],
    )


def check_entry(draft: Draft, user: Any, *, limit: int = MAX_SHOWN) -> list[Candidate]:
    """Similar work of other bodies for the record being entered, strongest first: above the
    engine's PARALLEL_THRESHOLD, never a pair already decided, details only where visible."""
    if not draft.title.strip():
        return []
    mine = draft.record()
    scored: list[tuple[engine.Score, dict[str, Any]]] = []
    for row in candidate_rows(draft):
        result = engine.score(mine, record_of(row))
        if result.total >= engine.PARALLEL_THRESHOLD:
            scored.append((result, row))
    if not scored:
        return []
    decided = selectors.decided_partners(draft.keys) if draft.keys else set()
    scored = [(s, r) for s, r in scored if (r["kind"], r["object_id"]) not in decided]
    scored.sort(key=lambda item: (-item[0].total, -item[1]["id"]))
    scored = scored[:limit]
    return build_candidates(user, scored)


def build_candidates(user: Any, scored: Iterable[tuple[engine.Score, Mapping[str, Any]]]) -> list[Candidate]:
    scored = list(scored)
    seen = access.visible_keys(user, [(r["kind"], r["object_id"]) for _s, r in scored])
    result = []
    for score, row in scored:
        key = (row["kind"], row["object_id"])
        candidate = Candidate(
            kind=row["kind"],
            object_id=row["object_id"],
            organization_id=row["organization_id"],
            organization_name=row["organization__name"] or "",
            kind_label=access.kind_label(row["kind"]),
            score=score.total,
            text_score=score.text,
            reasons=list(score.reasons),
            visible=key in seen,
            county_id=row["county_id"],
            territory_path=row["territory_path"],
        )
        if candidate.visible:
            candidate.title = row["title"]
            candidate.url = row["url"]
            candidate.amount_rials = row["amount_rials"]
            candidate.starts_on = row["starts_on"]
            candidate.ends_on = row["ends_on"]
        result.append(candidate)
    return result


def candidates_for_keys(draft: Draft, user: Any, shown: Iterable[Mapping[str, Any]]) -> list[Candidate]:
    """The candidates shown at entry, read again (the pairs decided since are left out)."""
    shown = list(shown)
    keys = [(str(s["kind"]), int(s["id"])) for s in shown]
    if not keys:
        return []
    q = Q(pk__in=[])
    for kind, object_id in keys:
        q |= Q(kind=kind, object_id=object_id)
    rows = {(r["kind"], r["object_id"]): r for r in SearchEntry.objects.filter(q).values(*ENTRY_FIELDS)}
    decided = selectors.decided_partners(draft.keys) if draft.keys else set()
    scored = []
    for item, key in zip(shown, keys, strict=True):
        row = rows.get(key)
        if row is None or key in decided:
            continue
        score = engine.Score(
            total=float(item.get("score", 0)), text=0.0, reasons=list(item.get("reasons", []))
        )
        scored.append((score, row))
    return build_candidates(user, scored)


def territory_of(territory_id: int | None) -> tuple[int | None, int | None, str]:
    """(county id, neighbourhood id, path) of a territory: where a draft's work lies."""
    if not territory_id:
        return None, None, ""
    territory = Territory.objects.filter(pk=territory_id).only("pk", "kind", "path").first()
    if territory is None:
        return None, None, ""
    ids = territory.ancestor_ids()
    county = neighbourhood = None
    if territory.kind == Territory.Kind.NEIGHBOURHOOD:
        neighbourhood = territory.pk
    if territory.kind == Territory.Kind.COUNTY:
        county = territory.pk
    elif len(ids) > 2 and territory.kind != Territory.Kind.PROVINCE:
        # country / province / county / …: the county is the third id of a deeper territory
        county = ids[2]
    return county, neighbourhood, territory.path
