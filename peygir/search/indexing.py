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

from django.db import DatabaseError, connection, models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from peygir.core.text import normalize_text
from peygir.organizations.models import Organization

from . import backends, registry, vocabulary
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
    "scopes",
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


def province_of(path: str | None) -> int:
    """The province's id in a territory path ('/country/province/…/'), 0 above or without one."""
    parts = (path or "").strip("/").split("/")
    return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0


class Provinces:
    """The province of each organization (by its territory's path), read once per run: a chunk's
    organizations in one query (`load`), then looked up for each entry's `scopes`."""

    def __init__(self) -> None:
        self.known: dict[int, int] = {}

    def load(self, ids: Iterable[int | None]) -> None:
        missing = {int(i) for i in ids if i is not None} - self.known.keys()
        if missing:
            found = Organization.objects.filter(pk__in=sorted(missing)).values_list("pk", "territory__path")
            self.known.update({pk: province_of(path) for pk, path in found})
            self.known.update(dict.fromkeys(missing - self.known.keys(), 0))

    def scopes(self, kind: str, data: registry.EntryData) -> list[int]:
        """Every province the record belongs to (SearchEntry.scopes): its territory's (0 without one),
        its audience's, and 0 for a kind or a record every signed-in user sees.

        An organization at the country's level adds nothing: its members read the whole country, and a
        national reader is not narrowed (`organizations.access.data_scopes`).
        """
        if registry.source(kind).everywhere:
            return [0]
        found = {province_of(data.territory_path)}
        found |= {self.known[int(o)] for o in data.audience if o is not None} - {0}
        if data.nationwide:
            found.add(0)
        return sorted(found)


# ---------------------------------------------------------------- one entry


class Analyser:
    """The analysed forms of a text (`backends.document`, `normalize_text`), remembered for one run.

    Generated and real records repeat their texts (a resolution's actions share its title and
    description, demands of a category share their wording), so a bulk run analyses each distinct text
    once. The memo is bounded: past `limit` texts it starts again, so memory stays flat.
    """

    def __init__(self, limit: int = 200_000) -> None:
        self.limit = limit
        self.memo: dict[str, tuple[str, str]] = {}

    def __call__(self, text: str) -> tuple[str, str]:
        found = self.memo.get(text)
        if found is None:
            found = (backends.document(text), normalize_text(text))
            if len(self.memo) >= self.limit:
                self.memo.clear()
            self.memo[text] = found
        return found


def values(
    kind: str, object_id: int, data: registry.EntryData, analyse: Analyser, now: Any, provinces: Provinces
) -> tuple[Any, ...]:
    """The entry's column values in the order of COLUMNS: the analysed text, the place, the rest as given."""
    title = (data.title or "")[:TITLE_LIMIT]
    body = (data.body or "")[:BODY_LIMIT]
    document, normalized = analyse(f"{title}\n{body}")
    return (
        kind,
        object_id,
        title,
        body,
        document,
        normalized,
        data.territory_id,
        data.territory_path or "",
        provinces.scopes(kind, data),
        data.county_id,
        data.neighbourhood_id,
        data.organization_id,
        (data.category or "")[:100],
        data.amount_rials,
        data.starts_on,
        data.ends_on,
        data.occurred_on,
        data.url[:300],
        data.is_work,
        now,
    )


# The attribute names of `values`, in order: the key, then what an upsert rewrites.
COLUMNS = ["kind", "object_id", *FIELDS]


def build(
    kind: str, object_id: int, data: registry.EntryData, analyse: Analyser | None = None
) -> SearchEntry:
    """The entry's row from a source's data (as a model instance, for one record's refresh)."""
    provinces = Provinces()
    provinces.load(data.audience)
    row = values(kind, object_id, data, analyse or Analyser(), timezone.now(), provinces)
    return SearchEntry(**dict(zip(COLUMNS, row, strict=True)))


def _upsert_rows(rows: list[tuple[Any, ...]], *, direct: bool = False) -> None:
    """Insert or rewrite these rows (tuples in COLUMNS order) by their (kind, object_id) key.

    PostgreSQL: COPY into a temporary table, then one INSERT … SELECT … ON CONFLICT — no SQL text
    built per row; `direct` (a fresh table, `reindex_all`) copies straight into the table.
    Elsewhere (SQLite): one executemany of the same upsert, values adapted by Django.
    """
    if not rows:
        return
    meta = SearchEntry._meta
    fields = [meta.get_field(name) for name in COLUMNS]
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    columns = ", ".join(quote(f.column) for f in fields)
    updates = ", ".join(
        f"{quote(meta.get_field(n).column)} = EXCLUDED.{quote(meta.get_field(n).column)}" for n in FIELDS
    )
    conflict = f"ON CONFLICT ({quote('kind')}, {quote('object_id')}) DO UPDATE SET {updates}"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and direct:
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        if connection.vendor == "postgresql":
            cursor.execute(
                f"CREATE TEMPORARY TABLE IF NOT EXISTS {_STAGE} AS "  # noqa: S608 - constant names
                f"SELECT {columns} FROM {table} WITH NO DATA"
            )
            cursor.execute(f"TRUNCATE {_STAGE}")
            with cursor.cursor.copy(f"COPY {_STAGE} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            cursor.execute(
                f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {_STAGE} {conflict}"  # noqa: S608
            )
            cursor.execute(vocabulary.fill_sql(_STAGE))  # their words, for correcting misspellings
            return
        adapt = connection.ops
        date_positions = {i for i, f in enumerate(fields) if f.get_internal_type() == "DateField"}
        stamp, provinces = COLUMNS.index("updated_at"), COLUMNS.index("scopes")
        prepared = [
            tuple(
                adapt.adapt_datefield_value(v)
                if i in date_positions
                else adapt.adapt_datetimefield_value(v)
                if i == stamp
                else fields[i].get_db_prep_value(v, connection)
                if i == provinces
                else v
                for i, v in enumerate(row)
            )
            for row in rows
        ]
        marks = ", ".join(["%s"] * len(COLUMNS))
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks}) {conflict}", prepared)  # noqa: S608


_STAGE = "search_reindex_stage"


def _upsert(entries: list[SearchEntry]) -> None:
    _upsert_rows([tuple(getattr(e, name) for name in COLUMNS) for e in entries])


def refresh(kind: str, ids: Iterable[int]) -> int:
    """Re-read these records of one kind and write, rewrite or remove their entries; the number written."""
    ids = sorted({int(i) for i in ids})
    if not ids:
        return 0
    source = registry.source(kind)
    rows = _rows_of(kind, source.rows().filter(pk__in=ids), Analyser(), Provinces())
    written = {row[1] for row in rows}
    _upsert_rows(rows)
    gone = [i for i in ids if i not in written]
    if gone:
        SearchEntry.objects.filter(kind=kind, object_id__in=gone).delete()
    return len(rows)


def _rows_of(kind: str, records: Iterable[Any], analyse: Analyser, provinces: Provinces) -> list[tuple]:
    """The entries' rows of these records (those the source indexes), their organizations' provinces
    read in one query."""
    source = registry.source(kind)
    found = [(obj.pk, data) for obj in records if (data := source.entry(obj)) is not None]
    provinces.load(o for _pk, data in found for o in data.audience)
    now = timezone.now()
    return [values(kind, pk, data, analyse, now, provinces) for pk, data in found]


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


def reindex(
    kind: str, *, batch_size: int = BATCH_SIZE, analyse: Analyser | None = None, _direct: bool = False
) -> ReindexResult:
    """Rebuild one kind's entries in bulk: stream the rows, upsert each chunk, drop the untouched rest.

    Each distinct text is analysed once per run (`Analyser`), and rows go to the database as tuples
    (COPY on PostgreSQL), never as model instances.
    """
    source = registry.source(kind)
    analyse = analyse or Analyser()
    provinces = Provinces()
    started = timezone.now()
    written = 0
    records = source.rows().order_by("pk").iterator(chunk_size=batch_size)
    for chunk in _chunks(records, batch_size):
        rows = _rows_of(kind, chunk, analyse, provinces)
        _upsert_rows(rows, direct=_direct)
        written += len(rows)
    # Entries older than this pass belong to records that are gone or no longer indexed.
    removed, _detail = SearchEntry.objects.filter(kind=kind, updated_at__lt=started).delete()
    return ReindexResult(kind=kind, written=written, removed=removed)


def reindex_all(kinds: Iterable[str] | None = None, *, batch_size: int = BATCH_SIZE) -> list[ReindexResult]:
    analyse = Analyser()  # shared: kinds repeat each other's texts (an action its resolution's)
    kinds = list(kinds or registry.sources())
    if (
        connection.vendor == "postgresql"
        and not connection.in_atomic_block
        and not SearchEntry.objects.exists()
    ):
        return _load_fresh(kinds, batch_size, analyse)
    return [reindex(kind, batch_size=batch_size, analyse=analyse) for kind in kinds]


# The full-text index (migration 0005) and the work records' covering index (0009): on an empty
# table they are built once after the load, which costs a fraction of keeping them up to date row by row.
_FULLTEXT_INDEXES = ("search_entry_scopes_vector_gin", "search_work_path")


def _load_fresh(kinds: list[str], batch_size: int, analyse: Analyser) -> list[ReindexResult]:
    """An empty index on PostgreSQL (a new deployment, `peygir generate`): one transaction that drops
    the full-text indexes, copies every kind's rows straight into the table and builds the indexes
    again. A failure rolls all of it back, indexes included (PostgreSQL's DDL is transactional)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname = ANY(%s)",
            [SearchEntry._meta.db_table, list(_FULLTEXT_INDEXES)],
        )
        definitions = cursor.fetchall()
        # The entries' foreign keys copy ids just read from their tables: like the generator's loader
        # (bench/writer.py), skip the per-row deferred checks where the role may (a superuser).
        try:
            with transaction.atomic():
                cursor.execute("SET LOCAL session_replication_role = replica")
        except DatabaseError:
            pass  # not allowed: the checks run, only slower
        for name, _definition in definitions:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
        results = [reindex(kind, batch_size=batch_size, analyse=analyse, _direct=True) for kind in kinds]
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # pending checks first: an index needs none queued
        cursor.execute("SET LOCAL session_replication_role = origin")
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for _name, definition in definitions:
            cursor.execute(definition)
        cursor.execute(vocabulary.fill_sql(SearchEntry._meta.db_table))  # once, from every entry
    return results


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
