"""Writing the index: one record at transaction commit, or every record of a kind in bulk.

A saved or deleted row of a registered model (or of one of its source's `related_models`) marks its
record for refreshing; the refresh runs when the transaction commits (`transaction.on_commit`), so a
rolled-back change never reaches the index and a new record is found as soon as it exists. The
refresh re-reads the record through its source: whether it is written, rewritten or removed is the
source's `entry` decision alone (a draft, an unconfirmed demand, a deleted row are removed).

The bulk path (`reindex`) streams a kind's rows in chunks (`iterator(chunk_size=…)`) and writes each
chunk with one upsert (`bulk_create(update_conflicts=True)`), then removes the entries it did not
touch: millions of rows without one query per row.

The index is not business logic: it copies what the domains decide. That is why it may listen to
signals, which the rest of Peygir avoids (DESIGN §7).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from peygir.core.text import normalize_text

from . import backends, registry
from .models import SearchEntry

log = logging.getLogger(__name__)

BATCH_SIZE = 2000
# What an upsert rewrites (everything but the key and the primary key).
FIELDS = [
    "title",
    "body",
    "document",
    "text_normalized",
    "territory_id",
    "territory_path",
    "county_id",
    "neighbourhood_id",
    "organization_id",
    "category",
    "amount_rials",
    "starts_on",
    "ends_on",
    "occurred_on",
    "url",
    "is_work",
    "updated_at",
]
TITLE_LIMIT = 500
BODY_LIMIT = 20_000

_state = threading.local()


# ---------------------------------------------------------------- places


def place(territory: Any) -> dict[str, Any]:
    """The territory's id and path, and its county and neighbourhood, read from its path alone.

    The tree is country › province › county › … (territory.models), so a county is the third id of
    any path below it; a neighbourhood is the territory itself when it is one. No query.
    """
    if territory is None:
        return {}
    ids = territory.ancestor_ids()
    return {
        "territory_id": territory.pk,
        "territory_path": territory.path,
        "county_id": ids[2] if len(ids) > 2 else None,
        "neighbourhood_id": territory.pk if territory.kind == "neighbourhood" else None,
    }


# ---------------------------------------------------------------- one entry


def build(kind: str, object_id: int, data: registry.EntryData) -> SearchEntry:
    """The entry's row from a source's data: the analysed text, the place, the rest as given."""
    title = (data.title or "")[:TITLE_LIMIT]
    body = (data.body or "")[:BODY_LIMIT]
    text = f"{title}\n{body}"
    return SearchEntry(
        kind=kind,
        object_id=object_id,
        title=title,
        body=body,
        document=backends.document(text),
        text_normalized=normalize_text(text),
        territory_id=data.territory_id,
        territory_path=data.territory_path or "",
        county_id=data.county_id,
        neighbourhood_id=data.neighbourhood_id,
        organization_id=data.organization_id,
        category=(data.category or "")[:100],
        amount_rials=data.amount_rials,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        occurred_on=data.occurred_on,
        url=data.url[:300],
        is_work=data.is_work,
        updated_at=timezone.now(),
    )


def _upsert(entries: list[SearchEntry]) -> None:
    if entries:
        SearchEntry.objects.bulk_create(
            entries,
            update_conflicts=True,
            unique_fields=["kind", "object_id"],
            update_fields=FIELDS,
            batch_size=BATCH_SIZE,
        )


def refresh(kind: str, ids: Iterable[int]) -> int:
    """Re-read these records of one kind and write, rewrite or remove their entries; the number written."""
    ids = sorted({int(i) for i in ids})
    if not ids:
        return 0
    source = registry.source(kind)
    entries = []
    for obj in source.rows().filter(pk__in=ids):
        data = source.entry(obj)
        if data is not None:
            entries.append(build(kind, obj.pk, data))
    written = {e.object_id for e in entries}
    _upsert(entries)
    gone = [i for i in ids if i not in written]
    if gone:
        SearchEntry.objects.filter(kind=kind, object_id__in=gone).delete()
    return len(entries)


# ---------------------------------------------------------------- bulk


@dataclass
class ReindexResult:
    kind: str
    written: int
    removed: int


def _chunks(rows: Iterator[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def reindex(kind: str, *, batch_size: int = BATCH_SIZE) -> ReindexResult:
    """Rebuild one kind's entries in bulk: stream the rows, upsert each chunk, drop the untouched rest."""
    source = registry.source(kind)
    started = timezone.now()
    written = 0
    rows = source.rows().order_by("pk").iterator(chunk_size=batch_size)
    for chunk in _chunks(rows, batch_size):
        entries = []
        for obj in chunk:
            data = source.entry(obj)
            if data is not None:
                entries.append(build(kind, obj.pk, data))
        _upsert(entries)
        written += len(entries)
    # Entries older than this pass belong to records that are gone or no longer indexed.
    removed, _detail = SearchEntry.objects.filter(kind=kind, updated_at__lt=started).delete()
    return ReindexResult(kind=kind, written=written, removed=removed)


def reindex_all(kinds: Iterable[str] | None = None, *, batch_size: int = BATCH_SIZE) -> list[ReindexResult]:
    return [reindex(kind, batch_size=batch_size) for kind in (kinds or registry.sources())]


# ---------------------------------------------------------------- at commit


@contextmanager
def paused() -> Iterator[None]:
    """Saves inside do not schedule refreshes (a bulk load that calls `reindex_all` afterwards)."""
    previous = getattr(_state, "paused", False)
    _state.paused = True
    try:
        yield
    finally:
        _state.paused = previous


def _pending() -> set[tuple[str, int]]:
    if not hasattr(_state, "pending"):
        _state.pending = set()
    return _state.pending


def schedule(kind: str, object_id: int) -> None:
    """Refresh one record's entry when the current transaction commits (at once outside one).

    Several saves of one record in a transaction refresh it once: the first callback to run does the
    work and the others find nothing pending. A callback of a rolled-back savepoint is dropped by
    Django; a later save of the same record registers its own.
    """
    if getattr(_state, "paused", False) or object_id is None:
        return
    key = (kind, int(object_id))
    _pending().add(key)

    def run() -> None:
        if key in _pending():
            _pending().discard(key)
            refresh(kind, [key[1]])

    transaction.on_commit(run, robust=True)


def _kinds_of(model: type[models.Model]) -> list[registry.SearchSource]:
    return [s for s in registry.sources().values() if s.model is model]


def _related_of(model: type[models.Model]) -> list[registry.SearchSource]:
    return [s for s in registry.sources().values() if model in tuple(s.related_models())]


def on_save(sender: type[models.Model], instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return  # fixtures loading
    for source in _kinds_of(sender):
        schedule(source.kind, instance.pk)
    for source in _related_of(sender):
        for owner in source.owners(instance):
            schedule(source.kind, getattr(owner, "pk", owner))


def on_m2m(sender: Any, instance: Any, action: str, **kwargs: Any) -> None:
    if not action.startswith("post_"):
        return
    if kwargs.get("reverse"):
        # Changed from the other side (organization.resolutions.add(…)): the records are the pk_set.
        for source in _kinds_of(kwargs["model"]):
            for pk in kwargs.get("pk_set") or ():
                schedule(source.kind, pk)
        return
    for source in _kinds_of(type(instance)):
        schedule(source.kind, instance.pk)


def connect() -> None:
    """Listen to every registered model, its many-to-many fields and its source's related models."""
    seen: set[Any] = set()
    for source in registry.sources().values():
        for model in (source.model, *source.related_models()):
            if model in seen:
                continue
            seen.add(model)
            post_save.connect(on_save, sender=model, dispatch_uid=f"search-save-{model._meta.label}")
            post_delete.connect(on_save, sender=model, dispatch_uid=f"search-delete-{model._meta.label}")
        for field in source.model._meta.many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(on_m2m, sender=through, dispatch_uid=f"search-m2m-{through._meta.label}")
