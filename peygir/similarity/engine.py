"""The same thing said differently: how alike two records are, from their text and their context.

Text. Each text becomes the stems of core.persian (letters, digits, ZWNJ, affixes and colloquial
spellings folded), then `lexicon.canonical` folds what the stemmer cannot (a colloquial plural «سگا»,
«آ»/«ا», a synonym of everyday demand vocabulary: «لامپ»/«چراغ», «دکتر»/«پزشک», «آشغال»/«زباله»,
number words to digits). The stems are cut into padded character 3-grams, which forgive what is left
of spelling and joining, and each gram carries the weight of its word: a word found in nearly every
demand or project («محله», «کوچه», «ندارد», «برگزاری», «احداث» …) weighs less than the word that says
what the problem is. Two texts are compared by how much of each one's weight the other covers; the
smaller and the larger coverage are mixed, so that a short demand inside a longer retelling scores
high but two texts sharing only their frame do not. Two texts naming different numbers («کوچه ۷»,
«کوچه ۹», «خط ۶۲», «خط ۱۴») are different places: the text score is cut. So are two texts that say
the same thing of different objects: each has a word of substance (not a light word) that the other
has in no spelling, and only one or two of them — «آب»/«برق گلشهر شب‌ها قطع می‌شود», «قیمت نان»/«قیمت
گوشت». A retelling differs in many words, and is not cut by this.

Context. Another county or a disjoint period is not the same work: the score is cut. The same
neighbourhood, category and a close amount raise it a little; another neighbourhood of the same
county lowers it.

Every weight below, and the two thresholds, were chosen on the tuning half of the labelled set
(`manage.py similarity measure --tune`) and checked on the other half; docs/coordination.md has the
figures. An embedding model, where one is installed locally and named in the settings, is blended in
by `embedding` (off by default).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from . import embedding, lexicon

# Chosen from measurement on the labelled set (docs/coordination.md, "Similarity and its measurement").
INTAKE_THRESHOLD = 0.53  # a demand offered as a likely duplicate at intake
PARALLEL_THRESHOLD = 0.44  # two bodies' work shown as possibly the same


@dataclass(frozen=True)
class Weights:
    """What the score is made of; defaults measured on the tuning half (see the module's doc)."""

    light_word: float = 0.2  # weight of a word found in nearly every demand or project
    low_mix: float = 1.0  # share of the smaller coverage in the text score (the rest: the larger)
    other_number: float = 0.4  # factor when both texts name numbers and none is shared
    other_substance: float = 0.6  # factor when each text has 1..substance_words words the other lacks
    substance_words: int = 2
    word_match: float = 0.7  # Dice of two words' grams from which they count as one word
    same_neighbourhood: float = 0.0
    other_neighbourhood: float = 0.4  # factor: another neighbourhood of the same county
    other_county: float = 0.2  # factor
    other_period: float = 0.2  # factor
    same_category: float = 0.1
    other_category: float = 0.1  # subtracted when both have a category and they differ
    close_amount: float = 0.03
    embedding_share: float = 0.5  # when an embedding model is on: its share of the text score


WEIGHTS = Weights()


@dataclass
class Record:
    """What the engine compares: text and the context that makes two texts the same work."""

    text: str
    county_id: int | None = None
    neighbourhood_id: int | None = None
    organization_id: int | None = None
    category: str = ""
    amount_rials: int | None = None
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    grams: set[str] = field(default_factory=set, repr=False)
    stems: set[str] = field(default_factory=set, repr=False)
    # Precomputed once, so that one record against hundreds of candidates is only set arithmetic.
    weighted: dict[str, float] = field(default_factory=dict, repr=False)
    mass: float = field(default=0.0, repr=False)
    numbers: frozenset[str] = field(default_factory=frozenset, repr=False)
    heavy: tuple[str, ...] = field(default=(), repr=False)  # the words of substance (not light, not numbers)
    vector: object = field(default=None, repr=False, compare=False)  # the embedding, when one is used

    def __post_init__(self) -> None:
        if not self.weighted:
            words = lexicon.canonical_words(self.text)
            self.numbers = frozenset(w for w in words if w.isdigit())
            self.stems = set(words)
            self.heavy = tuple(sorted(w for w in self.stems if not w.isdigit() and not lexicon.is_light(w)))
            self.weighted = self.weigh(WEIGHTS.light_word)
        self.grams = set(self.weighted)
        self.mass = sum(self.weighted.values())

    def weigh(self, light: float) -> dict[str, float]:
        return lexicon.weighted_grams(sorted(self.stems), light=light)


@dataclass
class Score:
    total: float  # 0..1
    text: float  # 0..1
    reasons: list[str] = field(default_factory=list)  # machine names: same_neighbourhood, same_period …


def _as_record(value: Record | str) -> Record:
    return value if isinstance(value, Record) else Record(value)


def ngram_similarity(a: Record, b: Record, weights: Weights = WEIGHTS) -> float:
    """0..1 from the weighted character 3-grams alone (no embedding)."""
    if not a.mass or not b.mass:
        return 0.0
    shared = a.weighted.keys() & b.weighted.keys()
    if not shared:
        return 0.0
    cover_a = sum(map(a.weighted.__getitem__, shared)) / a.mass
    cover_b = sum(map(b.weighted.__getitem__, shared)) / b.mass
    low, high = min(cover_a, cover_b), max(cover_a, cover_b)
    value = weights.low_mix * low + (1 - weights.low_mix) * high
    if a.numbers and b.numbers and not (a.numbers & b.numbers):
        value *= weights.other_number
    if weights.other_substance < 1 and _substituted(a, b, weights):
        value *= weights.other_substance
    return min(1.0, value)


def _lacking(words: tuple[str, ...], others: tuple[str, ...], bar: float) -> int:
    """How many of `words` have no counterpart among `others` (grams' Dice below `bar` with each)."""
    return sum(1 for word in words if not any(lexicon.word_dice(word, other) >= bar for other in others))


def _substituted(a: Record, b: Record, weights: Weights) -> bool:
    """Each text has a word of substance the other lacks, and only a few: one object put for another
    in the same frame."""
    most = weights.substance_words
    lacking_a = _lacking(a.heavy, b.heavy, weights.word_match)
    if not 1 <= lacking_a <= most:
        return False
    return 1 <= _lacking(b.heavy, a.heavy, weights.word_match) <= most


def text_similarity(a: Record | str, b: Record | str, weights: Weights = WEIGHTS) -> float:
    """0..1: how alike two texts are, whatever their spelling."""
    return _text(_as_record(a), _as_record(b), weights, embedding.backend())


def _text(a: Record, b: Record, weights: Weights, backend: embedding.EmbeddingBackend | None) -> float:
    value = ngram_similarity(a, b, weights)
    if backend is not None:
        value = (1 - weights.embedding_share) * value + weights.embedding_share * backend.similarity(a, b)
    return max(0.0, min(1.0, value))


def periods_overlap(a: Record, b: Record) -> bool | None:
    """True or False when both periods are known; None when either is not."""
    if not (a.starts_on and b.starts_on):
        return None
    a_end, b_end = a.ends_on or a.starts_on, b.ends_on or b.starts_on
    return a.starts_on <= b_end and b.starts_on <= a_end


def _close(a: int | None, b: int | None) -> bool:
    if not a or not b:
        return False
    return abs(a - b) <= 0.5 * max(a, b)


def score(a: Record, b: Record, weights: Weights = WEIGHTS) -> Score:
    """Text similarity adjusted by context: the same place and period raise it, another place or a
    disjoint period cut it."""
    return _score(a, b, weights, embedding.backend())


def _score(a: Record, b: Record, weights: Weights, backend: embedding.EmbeddingBackend | None) -> Score:
    text = _text(a, b, weights, backend)
    total = text
    reasons: list[str] = []
    if a.county_id and b.county_id:
        if a.county_id == b.county_id:
            reasons.append("same_county")
        else:
            total *= weights.other_county
    if a.neighbourhood_id and b.neighbourhood_id:
        if a.neighbourhood_id == b.neighbourhood_id:
            total += weights.same_neighbourhood
            reasons.append("same_neighbourhood")
        else:
            total *= weights.other_neighbourhood
    overlap = periods_overlap(a, b)
    if overlap:
        reasons.append("same_period")
    elif overlap is False:
        total *= weights.other_period
    if a.category and b.category:
        if a.category == b.category:
            total += weights.same_category
            reasons.append("same_category")
        else:
            total -= weights.other_category
    if _close(a.amount_rials, b.amount_rials):
        total += weights.close_amount
        reasons.append("close_amount")
    if a.organization_id and a.organization_id == b.organization_id:
        reasons.append("same_organization")
    return Score(total=round(max(0.0, min(1.0, total)), 4), text=round(text, 4), reasons=reasons)


def rank(
    query: Record, candidates: list[Record], *, threshold: float, limit: int = 5
) -> list[tuple[int, Score]]:
    """Indexes of `candidates` scoring at least `threshold` against `query`, best first."""
    backend = embedding.backend()
    if backend is not None:
        backend.prepare([query, *candidates])
    found = [(i, _score(query, other, WEIGHTS, backend)) for i, other in enumerate(candidates)]
    found = [(i, s) for i, s in found if s.total >= threshold]
    found.sort(key=lambda item: (-item[1].total, item[0]))
    return found[:limit]
