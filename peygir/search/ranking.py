"""The order of search results, and how PostgreSQL finds a page of it without ranking every match.

The order is **recency band first, then relevance within the band**:

1. bands by the record's date (`occurred_on`): the last 90 days, then the rest of the last year, then
   the two years before, then everything older (`BAND_DAYS`);
2. within a band, relevance divided by (1 + the record's age in years) (backends: ts_rank or
   word similarity on PostgreSQL, bm25 on SQLite) — recent records first among equals;
3. then the newer date, then the newer entry (ties).

Why bands: a common word matches hundreds of thousands of entries across the country, and the best
25 by a score can only be known once every match is scored (0.55 s for a national reader, measured).
With bands, the first page needs only the newest band's matches when it holds enough of them, and a
band the page does not reach is never read. So PostgreSQL's page statement (`ranked_ids`) ranks the
bands one after another, each only while fewer than `limit` results were found before it: one
statement, whatever the bands it reads (the page's queries stay constant), evaluated lazily —
a band's LIMIT of 0 (the page is full) never starts its scan. SQLite (the demo) orders the same way
by a band column in ORDER BY.
"""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

BAND_DAYS = (90, 365, 3 * 365)  # each band's oldest age, newest band first; a last band holds the rest
ORDER_IN_BAND = ("-score", "-occurred_on", "-pk")


def edges(today: dt.date | None = None) -> list[dt.date]:
    """The oldest date of each band but the last (which has no lower bound)."""
    today = today or timezone.localdate()
    return [today - dt.timedelta(days=days) for days in BAND_DAYS]


def band_q(index: int, bounds: list[dt.date]) -> Q:
    """The entries of band `index`: dated at or after its edge and before the newer band's."""
    q = Q(occurred_on__gte=bounds[index]) if index < len(bounds) else Q()
    if index > 0:
        q &= Q(occurred_on__lt=bounds[index - 1])
    return q


def band(bounds: list[dt.date]) -> Case:
    """The band number of an entry, for ORDER BY (SQLite; PostgreSQL's statement numbers them itself)."""
    return Case(
        *(When(occurred_on__gte=edge, then=Value(i)) for i, edge in enumerate(bounds)),
        default=Value(len(bounds)),
        output_field=IntegerField(),
    )


def ordered(qs: QuerySet, bounds: list[dt.date] | None = None) -> QuerySet:
    """`qs` (annotated with `score`) in the results' order: band, then score, date and entry."""
    return qs.annotate(band=band(bounds or edges())).order_by("band", *ORDER_IN_BAND)


def statement(qs: QuerySet, limit: int, bounds: list[dt.date] | None = None) -> tuple[str, list]:
    """The SQL of `ranked_ids` and its parameters (PostgreSQL): one materialized CTE per band, each
    ranking its band's matches with a LIMIT of what the bands before it left to find, so that a band
    is only read when the newer ones held fewer than `limit` matches (a LIMIT of 0 never starts its
    scan). The outer ORDER BY puts the (at most `limit`) rows in order."""
    bounds = bounds or edges()
    ctes: list[str] = []
    parts: list[str] = []
    params: list = []
    for i in range(len(bounds) + 1):
        rows = qs.filter(band_q(i, bounds)).order_by(*ORDER_IN_BAND).values_list("pk", "score", "occurred_on")
        sql, sql_params = rows.query.sql_with_params()
        found_before = "".join(f" - (SELECT count(*) FROM b{j})" for j in range(i))  # noqa: S608 - constant
        ctes.append(f"b{i} AS MATERIALIZED ({sql} LIMIT GREATEST(0, %s{found_before}))")
        params += [*sql_params, limit]
        parts.append(f"SELECT {i} AS band, r.* FROM b{i} AS r")  # noqa: S608 - constant
    sql = (
        f"WITH {', '.join(ctes)} SELECT pk FROM ({' UNION ALL '.join(parts)}) AS found "  # noqa: S608 - built from compiled querysets
        "ORDER BY band, score DESC, occurred_on DESC, pk DESC"
    )
    return sql, params


def ranked_ids(qs: QuerySet, limit: int, bounds: list[dt.date] | None = None) -> list[int]:
    """The ids of the first `limit` results of `qs` (matched and annotated with `score`), in order, in
    one statement (`statement`). PostgreSQL only."""
    if qs.query.is_empty():  # an empty query (nothing to search for)
        return []
    sql, params = statement(qs, limit, bounds)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]
