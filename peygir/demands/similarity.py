"""Nearly the same demand, said differently: similarity of normalized Persian text.

The text is folded by core.text.normalize_text (Arabic ي/ك, diacritics, ZWNJ, digits); then two
measures are taken and the larger wins: Jaccard of word sets (robust to word order) and Jaccard of
character trigrams over the text without spaces (robust to a lost or added ZWNJ: «مدرسه‌ای»,
«مدرسه ای» and «مدرسهای» become the same trigrams). Only open demands of the same neighbourhood are
compared, newest first and bounded, so intake stays fast whatever the size of the table.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from peygir.core.text import normalize_text

from .models import Demand

CANDIDATES = 300


def demand_text(title: str, description: str) -> str:
    return normalize_text(f"{title} {description}")


def _trigrams(text: str) -> set[str]:
    compact = text.replace(" ", "")
    if len(compact) < 3:
        return {compact} if compact else set()
    return {compact[i : i + 3] for i in range(len(compact) - 2)}


def _jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def similarity(a: str, b: str) -> float:
    """0..1 for two already-normalized texts."""
    words = _jaccard({w for w in a.split() if len(w) > 1}, {w for w in b.split() if len(w) > 1})
    return max(words, _jaccard(_trigrams(a), _trigrams(b)))


def threshold() -> float:
    return float(getattr(settings, "PEYGIR_DEMAND_SIMILARITY_THRESHOLD", 0.5))


def demand_find_similar(
    *,
    neighbourhood: Any,
    text: str,
    category: Any = None,
    exclude: Any = None,
    limit: int = 5,
) -> list[tuple[Demand, float]]:
    """Open demands of `neighbourhood` that say nearly the same as `text`, most similar first.

    `text` may be raw (title and description typed by the facilitator); `category`, when given, keeps
    only demands of that category; `exclude` is a demand (or id) to leave out.
    """
    normalized = normalize_text(text)
    if not normalized:
        return []
    qs = Demand.objects.filter(neighbourhood=neighbourhood, status__in=Demand.OPEN_STATUSES)
    if exclude is not None:
        qs = qs.exclude(pk=getattr(exclude, "pk", exclude))
    if category is not None:
        qs = qs.filter(category=category)
    rows = list(qs.order_by("-created_at", "-id").values_list("pk", "text_normalized")[:CANDIDATES])
    limit_score = threshold()
    scored = [(pk, similarity(normalized, other)) for pk, other in rows]
    scored = sorted((item for item in scored if item[1] >= limit_score), key=lambda item: -item[1])[:limit]
    if not scored:
        return []
    demands = Demand.objects.select_related("category", "agency", "neighbourhood").in_bulk(
        [pk for pk, _score in scored]
    )
    for demand in demands.values():
        # offered to whoever registers the new demand: the other citizen's data stays out
        demand.citizen_name = demand.citizen_mobile = demand.mobile_last4 = ""
        demand.personal_data_hidden = True
    return [(demands[pk], round(score, 3)) for pk, score in scored if pk in demands]
