"""Filling one column of an existing index in batches: the entries' provinces (`SearchEntry.scopes`).

Migration 0004 adds the column empty (no rewrite of the table); `peygir search reindex --scopes`
fills it here, one short transaction per chunk of records, reading each kind's records through its
source like the rebuild but without analysing any text (the rebuild's cost); migration 0005 then
builds the indexes on it. On a national index this keeps the table writable all along instead of
rewriting millions of rows in one transaction (docs/search.md, "Upgrading").
"""

from __future__ import annotations

from typing import Any

from django.db import connection, transaction

from . import registry
from .fields import province_list
from .indexing import BATCH_SIZE, Provinces, _chunks
from .models import SearchEntry

TABLE = SearchEntry._meta.db_table
# One statement per chunk; a row whose provinces are already right is not rewritten (a second run
# writes nothing, and leaves no dead rows behind).
PG_UPDATE = (
    f"UPDATE {TABLE} AS e SET scopes = v.scopes::integer[] "  # noqa: S608 - constant SQL
    "FROM unnest(%s::bigint[], %s::text[]) AS v(object_id, scopes) "
    "WHERE e.kind = %s AND e.object_id = v.object_id AND e.scopes IS DISTINCT FROM v.scopes::integer[]"
)
SQLITE_UPDATE = f"UPDATE {TABLE} SET scopes = %s WHERE kind = %s AND object_id = %s"  # noqa: S608


def _write(kind: str, pairs: list[tuple[int, list[int]]]) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            arrays = ["{" + ",".join(map(str, scopes)) + "}" for _pk, scopes in pairs]
            cursor.execute(PG_UPDATE, [[pk for pk, _s in pairs], arrays, kind])
        else:
            field = SearchEntry._meta.get_field("scopes")
            rows = [(field.get_db_prep_value(scopes, connection), kind, pk) for pk, scopes in pairs]
            cursor.executemany(SQLITE_UPDATE, rows)


def fill_scopes(kind: str, *, batch_size: int = BATCH_SIZE, progress: Any = None) -> int:
    """Write the provinces of every entry of one kind, chunk by chunk; the number of records read.

    Records without an entry (a draft) are skipped by the UPDATE itself; entries without a record are
    the rebuild's to remove.
    """
    source = registry.source(kind)
    provinces = Provinces()
    done = 0
    records = source.rows().order_by("pk").iterator(chunk_size=batch_size)
    for chunk in _chunks(records, batch_size):
        found = [(obj.pk, data) for obj in chunk if (data := source.entry(obj)) is not None]
        provinces.load(o for _pk, data in found for o in data.audience)
        _write(kind, [(pk, province_list(provinces.scopes(kind, data))) for pk, data in found])
        done += len(chunk)
        if progress is not None:
            progress(kind, done)
    return done
