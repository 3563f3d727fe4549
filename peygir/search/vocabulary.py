"""The index's vocabulary, and the correction of a misspelled query through it (PostgreSQL).

When a query matches nothing, each of its words is looked up among the words the records are
written with (`SearchTerm`, a trigram index on a few hundred thousand short strings) and the closest
few are searched for instead, stemmed like any query word, through the same full-text path as an
exact query: provinces first, then recency bands (ranking.py).

Why not pg_trgm's similarity of the query against each record's whole text: at national scale that
scans the trigram postings of millions of records (1.9 s for a two-word query of the national staff
at S = 1, measured; docs/search.md, "Speed"), and the date bands do not narrow a trigram scan. A
word's neighbours in the vocabulary cost one small index scan each, whatever the number of records.

The vocabulary is written where the entries are: from the staged rows of each upsert
(indexing._upsert_rows), from the whole table after a fresh bulk load, and by migration 0007 from the
entries already there. Words are normalized (core.text.normalize_text) but not stemmed: a person
misspells a written form, and its neighbours are stemmed afterwards (`corrections`).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection

from peygir.core import persian

from .backends import Term, deep_stem, loosen

TABLE = "search_searchterm"
PER_WORD = 5  # the closest words searched for in place of one typed word
# pg_trgm's `%` (similarity ≥ pg_trgm.similarity_threshold, 0.3 by default) and one wrong letter:
# a word of six letters or more keeps at least 0.33 of its trigrams with the intended one.
MIN_LENGTH, MAX_LENGTH = 3, 40


def fill_sql(source: str) -> str:
    """The statement adding to the vocabulary every word of `source`'s `text_normalized` (a table
    with that column: the entries, or an upsert's staging table)."""
    return (
        f"INSERT INTO {TABLE} (term) SELECT DISTINCT w "  # noqa: S608 - constant table names
        f"FROM {source} AS e, unnest(string_to_array(e.text_normalized, ' ')) AS w "
        f"WHERE char_length(w) BETWEEN {MIN_LENGTH} AND {MAX_LENGTH} AND w !~ '[0-9]' "
        "ON CONFLICT DO NOTHING"
    )


_NEIGHBOURS = (  # the words and the limit are parameters
    "SELECT q.i, t.term FROM unnest(%s::text[]) WITH ORDINALITY AS q(w, i) "
    "CROSS JOIN LATERAL (SELECT term FROM search_searchterm WHERE term %% q.w "
    "ORDER BY similarity(term, q.w) DESC, term LIMIT %s) AS t"
)


def neighbours(words: Sequence[str], per_word: int = PER_WORD) -> list[list[str]]:
    """For each word, the vocabulary's closest words (itself first when written so), in one
    statement; empty lists on a database without the vocabulary (SQLite)."""
    found: list[list[str]] = [[] for _ in words]
    if connection.vendor != "postgresql" or not words:
        return found
    with connection.cursor() as cursor:
        cursor.execute(_NEIGHBOURS, [list(words), per_word])
        for index, term in cursor.fetchall():
            found[index - 1].append(term)
    return found


def forms(word: str) -> list[str]:
    """What a word of the vocabulary is searched as: its stems as the index holds them (persian.stems,
    as persian.terms makes a record's), each also fully reduced (backends.deep_stem)."""
    return list(dict.fromkeys(f for s in persian.stems(word) for f in (s, deep_stem(s))))


def corrections(text: str, groups: list[list[Term]]) -> list[list[Term]]:
    """`groups` (backends.query_terms of `text`), each widened by the stems of its word's neighbours
    in the vocabulary: «تسهیلگرے» also looks for «تسهیلگر», «تسهیلگران» → «تسهیلگر»."""
    typed: dict[str, str] = {}  # each query stem's first typed word, in the groups' order
    for word in persian.words(text):
        if word not in persian.STOPWORDS:
            typed.setdefault(persian.stem(word), word)
    words = list(typed.values())[: len(groups)]
    if len(words) != len(groups):  # not the groups of this text: leave them
        return groups
    widened = []
    for group, near in zip(groups, neighbours(words), strict=True):
        have = {t.text for t in group}
        extra = []
        for term in near:
            for form in forms(term):
                if form not in have:
                    have.add(form)
                    extra.append(Term(form))
        widened.append([*group, *extra])
    return widened


MAX_COMPLETIONS = 30  # a prefix with more words than this is matched as a prefix in the index

_COMPLETIONS = "SELECT term FROM search_searchterm WHERE term LIKE %s ORDER BY term LIMIT %s"


def completed(groups: list[list[Term]], memo: dict[str, list[str]] | None = None) -> list[list[Term]]:
    """`groups` with the last word's prefix (the word being typed) replaced by the words the
    vocabulary holds that begin with it, stemmed (PostgreSQL; elsewhere unchanged).

    Why: in the full-text index a prefix reads the postings of every term beginning so, and the
    index holds every adjacent pair of words joined too (persian.terms), so «اجتما» read thousands
    of pairs' postings nationwide (44 ms of a province's search, against 0.4 ms for its one word,
    «اجتماعی», measured). Kept as a prefix when the vocabulary has no such word (only a pair could
    then match, written apart) or more than MAX_COMPLETIONS. `memo` keeps the words of a prefix for
    a second search of the same query (the loose one).
    """
    if connection.vendor != "postgresql" or not groups:
        return groups
    prefixes = [t for t in groups[-1] if t.prefix]
    if len(prefixes) != 1:
        return groups
    typed = prefixes[0].text
    pattern = typed.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    memo = {} if memo is None else memo
    if typed not in memo:
        with connection.cursor() as cursor:  # the trigram index answers LIKE 'prefix%'
            cursor.execute(_COMPLETIONS, [pattern, MAX_COMPLETIONS + 1])
            memo[typed] = [row[0] for row in cursor.fetchall()]
    words = memo[typed]
    if not words or len(words) > MAX_COMPLETIONS:
        return groups
    # The index holds stems: those of the completions that begin with what was typed are what the
    # prefix matched among single words («اجتماعی» → «اجتماع»).
    begun = [f for w in words for f in forms(w) if f.startswith(typed)]
    if not begun:
        return groups
    have = {t.text for t in groups[-1] if not t.prefix}
    last = [t for t in groups[-1] if not t.prefix] + [Term(f) for f in dict.fromkeys(begun) if f not in have]
    return [*groups[:-1], last]


def loose_groups(text: str, groups: list[list[Term]]) -> list[list[Term]]:
    """What a query that matched nothing looks for instead: its words' neighbours in the vocabulary
    (PostgreSQL), or each word as a prefix one letter shorter (SQLite, the demo)."""
    if connection.vendor == "postgresql":
        return corrections(text, groups)
    return loosen(groups)
