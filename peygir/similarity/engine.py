"""The same thing said differently: how alike two records are, from their text and their context.

Text: character 3-grams of the Persian stems (peygir.core.persian), which forgive spelling, a lost or
added ZWNJ, Arabic letters and word order, compared by their overlap; and the overlap of stems, which
rewards the same words. Context: the same neighbourhood or county, overlapping periods, the same
category, close amounts. `score` combines them; the thresholds are named here and chosen from the
labelled set (`manage.py similarity measure`, docs/coordination.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from peygir.core import persian

# Chosen from measurement on the labelled set (see the module's doc); not guesses.
INTAKE_THRESHOLD = 0.5  # a demand offered as a likely duplicate at intake
PARALLEL_THRESHOLD = 0.5  # two bodies' work shown as possibly the same


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

    def __post_init__(self) -> None:
        if not self.grams:
            self.grams = persian.char_ngrams(self.text)
        if not self.stems:
            self.stems = set(persian.stems(self.text))


@dataclass
class Score:
    total: float  # 0..1
    text: float  # 0..1
    reasons: list[str] = field(default_factory=list)  # machine names: same_neighbourhood, same_period …


def _overlap(a: set[str], b: set[str]) -> float:
    """Overlap coefficient: a short text wholly inside a longer one scores high."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def text_similarity(a: Record | str, b: Record | str) -> float:
    """0..1: how alike two texts are, whatever their spelling."""
    ra = a if isinstance(a, Record) else Record(a)
    rb = b if isinstance(b, Record) else Record(b)
    grams = (_jaccard(ra.grams, rb.grams) + _overlap(ra.grams, rb.grams)) / 2
    words = _jaccard(ra.stems, rb.stems)
    return max(grams, words)


def _periods_overlap(a: Record, b: Record) -> bool | None:
    if not (a.starts_on and b.starts_on):
        return None
    a_end, b_end = a.ends_on or a.starts_on, b.ends_on or b.starts_on
    return a.starts_on <= b_end and b.starts_on <= a_end


def score(a: Record, b: Record) -> Score:
    """Text similarity adjusted by context: the same place and period raise it, another place or a
    disjoint period lower it."""
    text = text_similarity(a, b)
    total = text
    reasons: list[str] = []
    if a.neighbourhood_id and a.neighbourhood_id == b.neighbourhood_id:
        total += 0.1
        reasons.append("same_neighbourhood")
    elif a.neighbourhood_id and b.neighbourhood_id:
        total -= 0.15
    if a.county_id and b.county_id:
        if a.county_id == b.county_id:
            reasons.append("same_county")
        else:
            total -= 0.3
    overlap = _periods_overlap(a, b)
    if overlap:
        reasons.append("same_period")
    elif overlap is False:
        total -= 0.2
    if a.category and a.category == b.category:
        total += 0.05
        reasons.append("same_category")
    if a.amount_rials and b.amount_rials:
        if abs(a.amount_rials - b.amount_rials) <= 0.25 * max(a.amount_rials, b.amount_rials):
            total += 0.05
            reasons.append("close_amount")
    if a.organization_id and a.organization_id == b.organization_id:
        reasons.append("same_organization")
    return Score(total=max(0.0, min(1.0, total)), text=text, reasons=reasons)
