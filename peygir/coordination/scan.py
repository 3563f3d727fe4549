"""The background pass: candidate pairs of parallel work across organizations, county by county.

Comparing every work record with every other is N². Two blocks keep it near linear:
- by county: only records of one county are compared (one query per county);
- by shared rare stems: inside a county, two records are compared only when they share a stem that
  few of the county's records have (`RARE_SHARE` of them at most, and never more than
  `MAX_POSTING`); common words («برگزاری», «استان») make no pair.
Pairs of one organization, of disjoint periods, or already decided are skipped; a pair already
found is not written again (`CandidatePair` is unique per pair), so the pass may run as often as
wanted. `manage.py coordination scan` runs it; docs/coordination.md gives the cron lines.

The recent pass (`scan(since=…)`, `coordination scan --recent`) compares only the records indexed
since a moment with their county's records: run every minute, a new or changed record of any kind
(an API write, an import, not only a form with its entry-time check) is checked within the minute.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from django.db import transaction
from django.utils import timezone

from peygir.core import heartbeat
from peygir.search.models import SearchEntry
from peygir.similarity import engine, lexicon

from .checks import record_of, record_text
from .models import CandidatePair, Decision
from .pairs import Key, canonical
from .services import common_path

RARE_SHARE = 0.05  # a stem in at most 5 % of a county's records is rare enough to block on …
MIN_POSTING = 3  # … or in at most this many, in a small county
MAX_POSTING = 200  # never block on a stem with more records than this
WRITE_BATCH = 500


@dataclass
class ScanResult:
    counties: int = 0
    records: int = 0
    compared: int = 0
    found: int = 0  # pairs above the threshold
    created: int = 0  # of which new
    seconds: float = 0.0
    per_county: dict[int, int] = field(default_factory=dict)


# What the pass reads of a county's records: the engine's inputs and the pair's columns, nothing else
# (no link, no organization's name: the entry check's ENTRY_FIELDS join them, the pass needs neither).
SCAN_FIELDS = (
    "kind",
    "object_id",
    "title",
    "body",
    "county_id",
    "neighbourhood_id",
    "territory_path",
    "organization_id",
    "category",
    "amount_rials",
    "starts_on",
    "ends_on",
    "occurred_on",
    "updated_at",
)


def _rows(county_id: int) -> list[dict[str, Any]]:
    return list(
        SearchEntry.objects.filter(county_id=county_id, is_work=True, organization__isnull=False)
        .order_by("pk")
        .values(*SCAN_FIELDS)
    )


def _blocks(stems: list[set[str]], fresh: set[int] | None = None) -> set[tuple[int, int]]:
    """Index pairs of records sharing at least one rare stem (with `fresh`: only pairs with at least
    one of those indexes in them)."""
    postings: dict[str, list[int]] = defaultdict(list)
    for index, words in enumerate(stems):
        for stem in words:
            postings[stem].append(index)
    limit = min(MAX_POSTING, max(MIN_POSTING, int(RARE_SHARE * len(stems))))
    pairs: set[tuple[int, int]] = set()
    for members in postings.values():
        if not 2 <= len(members) <= limit:
            continue
        if fresh is None:
            pairs.update(combinations(members, 2))
            continue
        for new in (m for m in members if m in fresh):
            pairs.update((min(new, other), max(new, other)) for other in members if other != new)
    return pairs


def _decided(keys: list[Key]) -> set[tuple[Key, Key]]:
    from .pairs import touching_q

    found: set[tuple[Key, Key]] = set()
    for start in range(0, len(keys), 500):
        rows = (
            Decision.objects.filter(touching_q(keys[start : start + 500]), undone_at__isnull=True)
            .values_list("a_kind", "a_id", "b_kind", "b_id")
            .iterator()
        )
        found.update(((a_kind, a_id), (b_kind, b_id)) for a_kind, a_id, b_kind, b_id in rows)
    return found


def scan_county(county_id: int, result: ScanResult, since: dt.datetime | None = None) -> None:
    rows = _rows(county_id)
    if len(rows) < 2:
        return
    fresh = None if since is None else {i for i, row in enumerate(rows) if row["updated_at"] >= since}
    # Blocking needs only each record's stems (what `engine.Record.stems` holds); the weighted grams,
    # most of a record's cost, are computed only for the records a block pairs — a fraction of them.
    blocks = sorted(_blocks([set(lexicon.canonical_words(record_text(row))) for row in rows], fresh))
    records: dict[int, engine.Record] = {}

    def record(index: int) -> engine.Record:
        if index not in records:
            records[index] = record_of(rows[index])
        return records[index]

    keys: list[Key] = [(row["kind"], row["object_id"]) for row in rows]
    above: list[tuple[Key, Key, int, int, engine.Score]] = []
    for i, j in blocks:
        ri, rj = rows[i], rows[j]
        if ri["organization_id"] == rj["organization_id"]:
            continue
        result.compared += 1
        score = engine.score(record(i), record(j))
        if score.total < engine.PARALLEL_THRESHOLD or "same_period" not in score.reasons:
            continue
        (a_key, b_key) = canonical(keys[i], keys[j])
        above.append((a_key, b_key, i, j, score))
    # Decided pairs are looked up for the pairs found only (a few per county), not for every record.
    decided = _decided(sorted({key for a_key, b_key, *_ in above for key in (a_key, b_key)}))
    found: list[CandidatePair] = []
    for a_key, b_key, i, j, score in above:
        if (a_key, b_key) in decided:
            continue
        a, b = (rows[i], rows[j]) if a_key == keys[i] else (rows[j], rows[i])
        found.append(
            CandidatePair(
                a_kind=a_key[0],
                a_id=a_key[1],
                b_kind=b_key[0],
                b_id=b_key[1],
                a_organization_id=a["organization_id"],
                b_organization_id=b["organization_id"],
                county_id=county_id,
                territory_path=common_path(a["territory_path"] or "", b["territory_path"] or ""),
                score=round(score.total, 4),
                text_score=round(score.text, 4),
                reasons=score.reasons,
            )
        )
    result.records += len(rows)
    result.found += len(found)
    if not found:
        result.per_county[county_id] = 0
        return
    before = CandidatePair.objects.filter(county_id=county_id).count()
    with transaction.atomic():
        for start in range(0, len(found), WRITE_BATCH):
            CandidatePair.objects.bulk_create(found[start : start + WRITE_BATCH], ignore_conflicts=True)
    result.created += CandidatePair.objects.filter(county_id=county_id).count() - before
    result.per_county[county_id] = len(found)


def scan(*, county_ids: list[int] | None = None, since: dt.datetime | None = None) -> ScanResult:
    """The whole pass (or some counties): candidate pairs written, counts returned. With `since`,
    only the records indexed at or after it are compared (with every record of their county), and
    only their counties are read."""
    started = time.perf_counter()
    result = ScanResult()
    if county_ids is None:
        entries = SearchEntry.objects.filter(is_work=True, county__isnull=False)
        if since is not None:
            entries = entries.filter(updated_at__gte=since)
        county_ids = list(entries.order_by().values_list("county_id", flat=True).distinct())
    for county_id in sorted(set(county_ids)):
        result.counties += 1
        scan_county(county_id, result, since)
    result.seconds = time.perf_counter() - started
    heartbeat.beat(
        RECENT_BEAT if since is not None else "coordination_scan",
        counties=result.counties,
        found=result.found,
        created=result.created,
    )
    return result


RECENT_BEAT = "coordination_recent"
OVERLAP = dt.timedelta(minutes=1)  # a record committed while the last pass ran is read again


def recent_since(now: dt.datetime | None = None) -> dt.datetime:
    """Where the recent pass starts: a minute before the last recent (or whole) pass finished, so a
    write committed while it ran is not missed; a day back when no pass has run."""
    now = now or timezone.now()
    times = [row.at for row in (heartbeat.last(RECENT_BEAT), heartbeat.last("coordination_scan")) if row]
    return (max(times) - OVERLAP) if times else now - dt.timedelta(days=1)
