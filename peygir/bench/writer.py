"""Bulk row writer for the generator: PostgreSQL COPY, batched INSERTs elsewhere (SQLite).

The generator produces plain tuples with explicit primary keys (so rows can point at each other before
anything is written) and hands them here table by table. On PostgreSQL they stream through
`COPY … FROM STDIN` — the fastest load path the database has — with foreign-key triggers paused for the
session when the role may do so (the generator writes consistent rows; the constraints are re-checked
by the tests). Elsewhere they go in `executemany` batches through Django's own value adapters.
Every row also feeds a SHA-256 digest per table, which is how determinism (same seed → same data) is
checked without comparing millions of rows.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.management.color import no_style
from django.db import connection as default_connection
from django.db.models import JSONField, Model

BATCH = 5000


@dataclass
class TableStats:
    rows: int = 0
    seconds: float = 0.0
    digest: Any = field(default_factory=hashlib.sha256)


class BulkWriter:
    """Writes tuples into a model's table; allocates ids; keeps counts, timings and digests."""

    def __init__(self, connection: Any = None, *, dry_run: bool = False) -> None:
        self.connection = connection or default_connection
        self.dry_run = dry_run
        self.is_postgres = self.connection.vendor == "postgresql"
        self.stats: dict[str, TableStats] = {}
        self._next_ids: dict[type[Model], int] = {}
        self._touched: list[type[Model]] = []

    # ------------------------------------------------------------ ids
    def first_id(self, model: type[Model]) -> int:
        """The first free primary key of `model` (max + 1), read once; later calls continue from it."""
        if model not in self._next_ids:
            with self.connection.cursor() as cursor:
                cursor.execute(f"SELECT MAX(id) FROM {self.connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608
                self._next_ids[model] = (cursor.fetchone()[0] or 0) + 1
        return self._next_ids[model]

    def allocate(self, model: type[Model], count: int) -> int:
        """Reserve `count` consecutive ids of `model`; returns the first."""
        start = self.first_id(model)
        self._next_ids[model] = start + count
        return start

    # ------------------------------------------------------------ writing
    def write(self, model: type[Model], fields: Sequence[str], rows: Iterable[tuple]) -> int:
        """Write `rows` (tuples in the order of `fields`, model attribute names) to `model`'s table."""
        meta = model._meta
        model_fields = [meta.get_field(name) for name in fields]
        columns = [f.column for f in model_fields]
        json_positions = [i for i, f in enumerate(model_fields) if isinstance(f, JSONField)]
        stats = self.stats.setdefault(meta.db_table, TableStats())
        started = time.perf_counter()
        if model not in self._touched:
            self._touched.append(model)
        count = 0
        digest = stats.digest
        batch: list[tuple] = []
        for row in rows:
            if json_positions:
                row = tuple(
                    json.dumps(v, ensure_ascii=False) if i in json_positions else v for i, v in enumerate(row)
                )
            digest.update(repr(row).encode())
            batch.append(row)
            if len(batch) >= BATCH:
                self._flush(meta.db_table, columns, model_fields, batch)
                count += len(batch)
                batch = []
        if batch:
            self._flush(meta.db_table, columns, model_fields, batch)
            count += len(batch)
        stats.rows += count
        stats.seconds += time.perf_counter() - started
        return count

    def _flush(self, table: str, columns: list[str], model_fields: list, batch: list[tuple]) -> None:
        if self.dry_run:
            return
        quote = self.connection.ops.quote_name
        column_sql = ", ".join(quote(c) for c in columns)
        with self.connection.cursor() as cursor:
            if self.is_postgres:
                raw = cursor.cursor  # psycopg 3 cursor under Django's wrapper
                with raw.copy(f"COPY {quote(table)} ({column_sql}) FROM STDIN") as copy:
                    for row in batch:
                        copy.write_row(row)
            else:
                adapters = [self._adapter(f) for f in model_fields]
                prepared = [
                    tuple(a(v) if a else v for a, v in zip(adapters, row, strict=True)) for row in batch
                ]
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO {quote(table)} ({column_sql}) VALUES ({marks})", prepared)  # noqa: S608

    def _adapter(self, model_field: Any) -> Any:
        """Django's own conversion for types the SQLite driver does not store the Django way."""
        internal = model_field.get_internal_type()
        if internal == "DateTimeField":
            return lambda v: self.connection.ops.adapt_datetimefield_value(v) if v is not None else None
        if internal == "DateField":
            return lambda v: self.connection.ops.adapt_datefield_value(v) if v is not None else None
        if internal == "DecimalField":
            return lambda v: str(v) if v is not None else None
        return None

    # ------------------------------------------------------------ session
    def begin(self) -> None:
        """Pause FK triggers for this session on PostgreSQL (superuser only; silently skipped otherwise)."""
        if self.is_postgres and not self.dry_run:
            with self.connection.cursor() as cursor:
                try:
                    cursor.execute("SAVEPOINT bench_replica")
                    cursor.execute("SET LOCAL session_replication_role = replica")
                    cursor.execute("RELEASE SAVEPOINT bench_replica")
                except Exception:  # noqa: BLE001 - not a superuser: FK triggers stay on, only slower
                    cursor.execute("ROLLBACK TO SAVEPOINT bench_replica")

    def finish(self) -> None:
        """Move the id sequences past the explicit ids and refresh the planner's statistics."""
        if self.dry_run or not self._touched:
            return
        statements = self.connection.ops.sequence_reset_sql(no_style(), self._touched)
        with self.connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
            if self.is_postgres:
                cursor.execute("SET LOCAL session_replication_role = origin")

    def analyze(self) -> None:
        """After the load (outside its transaction): ANALYZE, so the first benchmark sees real plans,
        and on PostgreSQL VACUUM too, which marks the pages all-visible as autovacuum would on a
        running system, so index-only scans (a territory's counts) read no table pages."""
        if self.dry_run:
            return
        vacuum = self.is_postgres and not self.connection.in_atomic_block
        with self.connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")

    def digests(self) -> dict[str, str]:
        return {table: s.digest.hexdigest() for table, s in sorted(self.stats.items())}

    def counts(self) -> dict[str, int]:
        return {table: s.rows for table, s in sorted(self.stats.items())}
