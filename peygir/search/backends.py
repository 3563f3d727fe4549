"""Full-text matching and ranking, one way per database, on what persian.query_groups made of a query.

A query is a conjunction of groups, each group an OR of terms (a word's stem, and the joined form of a
compound); the last word also matches as a prefix, so results follow the typing. Both databases
index `SearchEntry.document` (the analysed text) split on spaces, so both match the same things:

- PostgreSQL: `search_vector @@ to_tsquery('simple', …)` over the GIN index, ranked by ts_rank;
  when nothing matches, each word's closest words in the index's vocabulary are searched for instead
  (search/vocabulary.py).
- SQLite: the FTS5 table `search_entry_fts` (MATCH), ranked by bm25; when nothing matches, each word
  is tried again as a shorter prefix (a wrong or missing last letter).

Relevance is divided by the record's age in years plus one, so of two equally relevant records the
recent one comes first; results are ordered by recency band first (ranking.py). Every value reaches SQL as a parameter; the terms are \\w-only anyway
(core.text.normalize_text drops punctuation) and are quoted for each syntax besides.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.db import connection
from django.db.models import BooleanField, FloatField, QuerySet
from django.db.models.expressions import RawSQL

from peygir.core import persian

from . import ranking

MAX_GROUPS = 12
MIN_LOOSE_PREFIX = 3
TABLE = "search_searchentry"


@dataclass(frozen=True)
class Term:
    text: str
    prefix: bool = False


@functools.lru_cache(maxsize=100_000)
def deep_stem(term: str) -> str:
    """The term stemmed until nothing more comes off.

    persian.stem already reduces a word fully; a joined pair of terms («کتابخانه» from «کتاب خانه»)
    may still end in a suffix. Both sides of the search carry the fully reduced form, so however the
    words were written, query and record meet.
    """
    while True:
        shorter = persian.stem(term)
        if shorter == term:
            return term
        term = shorter


def document(text: str | None) -> str:
    """persian.document, plus the fully reduced form of every term that has a shorter one."""
    terms = persian.document(text).split()
    seen = set(terms)
    extra = [d for d in dict.fromkeys(deep_stem(t) for t in terms) if d not in seen]
    return " ".join(terms + extra)


def query_terms(text: str | None) -> list[list[Term]]:
    """persian.query_groups (each term also fully reduced), with the last word as typed also matching
    as a prefix (the word may be unfinished).

    Not its stem as a prefix: the stem of a finished word («برگزار» of «برگزاری») is found as a word
    already, and as a prefix it is a full-text partial match, which reads every posting of every term
    that begins so, nationwide — 40 ms of a common word's search, against 2 ms for the word and the
    typed prefix (measured, docs/search.md "Speed"); what it added were other words («برگزارکننده»).
    """
    groups = [
        [Term(t) for t in dict.fromkeys([*group, *(deep_stem(t) for t in group)])]
        for group in persian.query_groups(text)[:MAX_GROUPS]
    ]
    if not groups:
        return []
    typed = [w for w in persian.words(text) if w not in persian.STOPWORDS]
    last = groups[-1]
    groups[-1] = [*last, Term(typed[-1] if typed else last[0].text, prefix=True)]
    return groups


def loosen(groups: list[list[Term]]) -> list[list[Term]]:
    """Each term as a prefix one letter shorter (never below MIN_LOOSE_PREFIX letters)."""
    loose = []
    for group in groups:
        terms = {
            Term(t.text[: max(MIN_LOOSE_PREFIX, len(t.text) - 1)], prefix=True)
            for t in group
            if len(t.text) >= MIN_LOOSE_PREFIX
        } or {Term(t.text) for t in group}
        loose.append(sorted(terms, key=lambda t: t.text))
    return loose


def fts5_query(groups: list[list[Term]]) -> str:
    def term(t: Term) -> str:
        return '"' + t.text.replace('"', '""') + '"' + ("*" if t.prefix else "")

    return " AND ".join("(" + " OR ".join(term(t) for t in group) + ")" for group in groups)


def tsquery(groups: list[list[Term]]) -> str:
    def term(t: Term) -> str:
        return "'" + t.text.replace("\\", "\\\\").replace("'", "''") + "'" + (":*" if t.prefix else "")

    return " & ".join("(" + " | ".join(term(t) for t in group) + ")" for group in groups)


# Constant SQL: only the query's text is variable, and it is always a parameter.
_PG_RECENCY = f"(1.0 + GREATEST(0, CURRENT_DATE - {TABLE}.occurred_on) / 365.0)::float8"
_SQLITE_RECENCY = f"(1.0 + MAX(0, julianday('now') - julianday({TABLE}.occurred_on)) / 365.0)"
PG_MATCH = f"{TABLE}.search_vector @@ to_tsquery('simple', %s)"
PG_SCORE = f"ts_rank({TABLE}.search_vector, to_tsquery('simple', %s))::float8 / {_PG_RECENCY}"
# SQLite joins the FTS5 table (the MATCH drives the query, entries are read by id): a correlated
# subquery for the rank would run the full-text query once per candidate row.
SQLITE_FTS = "search_entry_fts"
SQLITE_JOIN = [f"{SQLITE_FTS}.rowid = {TABLE}.id", f"{SQLITE_FTS} MATCH %s"]
SQLITE_SCORE = f"-bm25({SQLITE_FTS}) / {_SQLITE_RECENCY}"


def _ranked(qs: QuerySet, where: str, score: str, param: str) -> QuerySet:
    matched = RawSQL(where, [param], output_field=BooleanField())  # noqa: S611 - constant SQL, one parameter
    ranked = RawSQL(score, [param], output_field=FloatField())  # noqa: S611 - constant SQL, one parameter
    return ranking.ordered(qs.filter(matched).annotate(score=ranked))


def match(qs: QuerySet, groups: list[list[Term]]) -> QuerySet:
    """The entries that match every group, annotated with `score`, in the results' order (ranking.py:
    recency band, then score)."""
    if connection.vendor == "postgresql":
        return _ranked(qs, PG_MATCH, PG_SCORE, tsquery(groups))
    joined = qs.extra(  # noqa: S610 - constant SQL, the query is a parameter
        tables=[SQLITE_FTS], where=SQLITE_JOIN, params=[fts5_query(groups)], select={"score": SQLITE_SCORE}
    )
    return ranking.ordered(joined)
