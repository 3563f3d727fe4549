"""The order of search results, and how PostgreSQL finds a page of it without ranking every match.

The order is **recency band first, then relevance within the band**:

1. bands by the record's date (`occurred_on`): the last 30 days, then the rest of the last year, then
   the two years before, then everything older (`BAND_DAYS`);
2. within a band, relevance divided by (1 + the record's age in years) (backends: ts_rank on
   PostgreSQL, bm25 on SQLite) — recent records first among equals;
3. then the newer date, then the newer entry (ties).

Why bands: a common word matches hundreds of thousands of entries across the country, and the best
25 by a score can only be known once every match is scored (1.5 s for a national reader at S = 1,
measured). A band is read through the word's GIN index ANDed with the date index (migration 0005):
the 30 days of the first band are half the 90 days' bitmap at S = 1 (326,000 entries against
640,000; 115 ms against 200 ms for the national reader's common word — docs/search.md, "Speed").
With bands, the first page needs only the newest band's matches when it holds enough of them, and a
band the page does not reach is never read. So PostgreSQL's page statement (`page_ids`) is one
statement, whatever it reads (the page's queries stay constant), evaluated lazily — a LIMIT of 0
(the page is full) never starts a scan. It ranks the newest band first, and the older bands together
only when the newest did not fill the page (`parts`). SQLite (the demo) orders the same way by a band
column in ORDER BY.
"""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.db.models import BooleanField, Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.utils import timezone

BAND_DAYS = (30, 365, 3 * 365)  # each band's oldest age, newest band first; a last band holds the rest
ORDER_IN_BAND = ("-score", "-occurred_on", "-pk")
TABLE = "search_searchentry"


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


def parts(qs: QuerySet, bounds: list[dt.date], *, narrowed: bool = False) -> list[Q]:
    """The slices of `qs` ranked one after another: the newest band, then the rest in one scan.

    Not one scan per band: a word with fewer matches than the page needs would then be looked up in
    its index once per band (four trigram scans of a misspelling, 460 ms against 110 ms, measured).
    The newest band alone is what bounds a common word (its date index ANDed with the word's); the
    rest is ranked as a whole, by band and score, only when the newest band left places to fill.

    `narrowed` (a reader searched in their provinces only): the newest band is read without the date
    index too. A province's matches of a word are a few thousand, and ANDing them with the country's
    last 30 days (320,000 entries at S = 1) cost more than checking their dates (33 ms of a compound's
    62, measured).
    """
    # The rest's date condition is written so that no index can serve it (`+ 0`): a bitmap of every
    # older entry (millions) would cost more than the recheck of the word's matches.
    older = RawSQL(f"{TABLE}.occurred_on + 0 < %s", [bounds[0]], output_field=BooleanField())  # noqa: S611 - constant SQL
    if narrowed:
        newest = RawSQL(f"{TABLE}.occurred_on + 0 >= %s", [bounds[0]], output_field=BooleanField())  # noqa: S611 - constant SQL
        return [Q(newest), Q(older)]
    return [Q(occurred_on__gte=bounds[0]), Q(older)]


def statement(
    qs: QuerySet, need: int, cap: int | None = None, bounds: list[dt.date] | None = None
) -> tuple[str, list]:
    """The SQL of `page_ids` and its parameters (PostgreSQL): rows (pk, total), the first `need`
    results in order, each with the number of results counted no further than `cap` + 1.

    One materialized CTE per slice (`parts`): the newest band ranks up to `cap` + 1 of its matches
    (they are the count when there are that many); the older slice ranks only what the page still
    needs (`need` less what the newest band held) — a LIMIT of 0 never starts its scan. Ranking a
    slice checks every one of its matches (the best cannot be known before), so for a count the
    newest band did not reach, `total` counts unordered instead and stops at `cap` + 1 matches: a
    province's compound word ranked 8,000 older matches to count 266 more (88 ms, measured). A row
    with a NULL pk carries the total when nothing is found."""
    bounds = bounds or edges()
    cap = need - 1 if cap is None else cap
    narrowed = bool(getattr(qs, "narrowed", False))
    ctes: list[str] = []
    selects: list[str] = []
    params: list = []
    for i, part in enumerate(parts(qs, bounds, narrowed=narrowed)):
        rows = (
            qs.filter(part).order_by("band", *ORDER_IN_BAND).values_list("pk", "band", "score", "occurred_on")
        )
        sql, sql_params = rows.query.sql_with_params()
        found_before = "".join(f" - (SELECT count(*) FROM b{j})" for j in range(i))  # noqa: S608 - constant
        ctes.append(f"b{i} AS MATERIALIZED ({sql} LIMIT GREATEST(0, %s{found_before}))")
        params += [*sql_params, max(need, cap + 1) if i == 0 else need]
        selects.append(f"SELECT * FROM b{i}")  # noqa: S608 - constant
    counted, counted_params = qs.order_by().values_list("pk").query.sql_with_params()
    total = (
        f"SELECT CASE WHEN (SELECT count(*) FROM b0) > %s THEN (SELECT count(*) FROM b0) "  # noqa: S608 - built from compiled querysets
        f"ELSE (SELECT count(*) FROM ({counted} LIMIT %s) AS counted) END AS n"
    )
    params += [cap, *counted_params, cap + 1]
    sql = (
        f"WITH {', '.join(ctes)} SELECT found.pk, total.n FROM ({total}) AS total "  # noqa: S608 - built from compiled querysets
        f"LEFT JOIN (SELECT * FROM ({' UNION ALL '.join(selects)}) AS ranked "
        "ORDER BY band, score DESC, occurred_on DESC, pk DESC LIMIT %s) AS found ON true "
        "ORDER BY found.band, found.score DESC, found.occurred_on DESC, found.pk DESC"
    )
    return sql, [*params, need]


def page_ids(qs: QuerySet, need: int, cap: int, bounds: list[dt.date] | None = None) -> tuple[list[int], int]:
    """The ids of the first `need` results of `qs` (matched and annotated with `score`) in order, and
    how many results there are, counted no further than `cap` + 1: one statement (`statement`).
    PostgreSQL only."""
    if qs.query.is_empty():  # an empty query (nothing to search for)
        return [], 0
    sql, params = statement(qs, need, cap, bounds)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [pk for pk, _n in rows if pk is not None], (rows[0][1] if rows else 0)
