"""Persian analysis shared by search, similarity and intake: words as people mean them.

`normalize_text` (core.text) folds letters, digits, diacritics and zero-width characters. This module
goes one step further, to the words:

- A suffix written apart (a ZWNJ or a space before «ها», «های», «ی», «تر» …) is dropped, and
  «می»/«نمی» are joined to the verb after them, so «کلاس‌های», «کلاس های» and «کلاسهای» are one word.
- Each word is reduced by a short, conservative list of suffixes (plural, ezafe, indefinite,
  comparative) that leaves a stem of at least three letters: «کلاس‌های» → «کلاس», «ورزشی» → «ورزش».
- A compound may be written in two words or one («کتاب خانه», «کتاب‌خانه», «کتابخانه»): `terms`
  adds the joined form of every adjacent pair, and `query_groups` lets a query's adjacent pair match
  either its two words or the joined one.

There is no Persian stemmer in PostgreSQL or SQLite; both index the output of `document` with a
plain whitespace tokenizer, so the same code decides what matches in production and in the demo.
"""

from __future__ import annotations

import functools

from .text import normalize_text

# Written apart from their word (after a ZWNJ or a space): glued back before stemming.
_DETACHED_SUFFIXES = frozenset({"ها", "های", "هایی", "ای", "ی", "یی", "تر", "ترین"})
_DETACHED_PREFIXES = frozenset({"می", "نمی"})
# Longest first; a suffix is removed only when at least MIN_STEM letters are left.
_SUFFIXES = ("هایی", "های", "ترین", "ها", "تر", "ات", "ان", "ای", "یی", "ی")
# «ان» and «ات» end many nouns («کرمان», «تهران», «ارتباطات» is wanted, «مات» is not): only from longer words.
_LONG_ONLY = {"ان": 6, "ات": 6}
MIN_STEM = 3
# Colloquial spellings of common words, as citizens type them, to the written form («خیابون» → «خیابان»,
# «نون» → «نان», «میخوام» → «میخواهم»). Keys and values as `words` sees them (normalized, «می» joined).
COLLOQUIAL = {
    "خیابون": "خیابان",
    "خیابونا": "خیابانها",
    "نون": "نان",
    "نونوایی": "نانوایی",
    "بارون": "باران",
    "خونه": "خانه",
    "خونهها": "خانهها",
    "زمستون": "زمستان",
    "زمستونا": "زمستانها",
    "تابستون": "تابستان",
    "جوون": "جوان",
    "جوونا": "جوانان",
    "نوجوون": "نوجوان",
    "ساختمون": "ساختمان",
    "ساختمونی": "ساختمانی",
    "دندون": "دندان",
    "تموم": "تمام",
    "اون": "آن",
    "اونجا": "آنجا",
    "اونا": "آنها",
    "واسه": "برای",
    "یه": "یک",
    "رو": "را",
    "میخوام": "میخواهم",
    "میخوایم": "میخواهیم",
    "میخوان": "میخواهند",
    "میخواد": "میخواهد",
    "نمیخوام": "نمیخواهم",
    "میشه": "میشود",
    "نمیشه": "نمیشود",
    "میکنه": "میکند",
    "نمیکنه": "نمیکند",
    "میکنن": "میکنند",
    "نمیکنن": "نمیکنند",
    "میده": "میدهد",
    "نمیده": "نمیدهد",
    "میدن": "میدهند",
    "نمیدن": "نمیدهند",
    "داره": "دارد",
    "نداره": "ندارد",
    "دارن": "دارند",
    "ندارن": "ندارند",
    "میاد": "میآید",
    "نمیاد": "نمیآید",
    "اومد": "آمد",
    "اومدن": "آمدن",
    "میتونه": "میتواند",
    "نمیتونه": "نمیتواند",
    "میتونن": "میتوانند",
    "نمیتونن": "نمیتوانند",
}
# Words that carry no subject: they match everything and are left out of search and similarity.
STOPWORDS = frozenset(
    """و در به از که با این آن را برای تا یا هم نیز بر اما اگر چه یک هر پس شده شود می نمی است هست بود
    باشد کرد کند کنند کردن شد دارد ها های ای خود آنها وی ما شما او ایشان جهت طی توسط مورد""".split()
)


# Words repeat across texts: each is stemmed once per process (bounded; search indexing analyses
# millions of texts, search/indexing.py).
@functools.lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """The word without its plural/ezafe/comparative suffixes, one after another until none comes off
    («کودکانی» → «کودکان» → «کودک»), each removed only if a stem of MIN_STEM letters stays. So every
    spelling of a word meets: «سازمانهای» → «سازمان» → «سازم», as «سازمان‌های» (its «های» written
    apart, dropped in `words`) and «سازمان» itself."""
    while True:
        shorter = _strip(word)
        if shorter == word:
            return word
        word = shorter


def _strip(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            if len(word) < _LONG_ONLY.get(suffix, 0):
                continue
            return word[: -len(suffix)]
    return word


def words(text: str | None) -> list[str]:
    """The normalized words of a text, detached suffixes dropped and prefixes joined (not yet stemmed)."""
    raw = normalize_text(text).split()
    glued: list[str] = []
    prefix = ""
    for word in raw:
        if word in _DETACHED_PREFIXES:
            prefix += word
            continue
        if glued and not prefix and word in _DETACHED_SUFFIXES:
            # Written apart, the suffix is plainly a suffix: its word is the one before, unchanged
            # («مدرسه‌ای» is «مدرسه», where gluing would read «مدرس» + «های»).
            continue
        word = prefix + word
        glued.append(COLLOQUIAL.get(word, word))
        prefix = ""
    if prefix:
        glued.append(prefix)
    return glued


def stems(text: str | None) -> list[str]:
    """The text's stems in order, stop words left out."""
    return [stem(w) for w in words(text) if w not in STOPWORDS]


def terms(text: str | None) -> list[str]:
    """What a record is indexed under: every stem, and every adjacent pair of stems joined."""
    found = stems(text)
    joined = [a + b for a, b in zip(found, found[1:], strict=False)]
    return found + joined


def document(text: str | None) -> str:
    """`terms` as one space-separated string, for a whitespace tokenizer (tsvector 'simple', FTS5)."""
    return " ".join(dict.fromkeys(terms(text)))


def query_groups(text: str | None) -> list[list[str]]:
    """A query as a conjunction of alternatives: each inner list is «any of these terms».

    A pair of adjacent query words that the document may have joined becomes one group with the
    joined form as an alternative to both words: «کتاب خانه» → [[کتاب, کتابخانه], [خانه, کتابخانه]].
    A single query word is also offered split, where splitting makes two known halves is not known
    here; the document side indexes joined pairs instead, so «کتابخانه» finds «کتاب خانه».
    """
    found = list(dict.fromkeys(stems(text)))
    groups = [[w] for w in found]
    for i in range(len(found) - 1):
        joined = found[i] + found[i + 1]
        groups[i].append(joined)
        groups[i + 1].append(joined)
    return groups


def char_ngrams(text: str | None, n: int = 3) -> set[str]:
    """Character n-grams of the stems, each word padded: robust to spelling and joining differences."""
    grams: set[str] = set()
    for word in stems(text):
        padded = f"_{word}_"
        if len(padded) <= n:
            grams.add(padded)
            continue
        grams.update(padded[i : i + n] for i in range(len(padded) - n + 1))
    return grams
