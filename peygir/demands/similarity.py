"""Nearly the same demand, said differently: the similarity engine (peygir.similarity) at intake.

The engine compares character 3-grams of the folded Persian stems (Arabic ي/ك, ZWNJ, colloquial
spellings such as «خیابون»/«نون»/«میخوام», everyday synonyms, number words), weighted so that the
frame every demand shares counts less than the words that say what the problem is; the category
chosen at intake nudges the score. The offer's threshold is the engine's INTAKE_THRESHOLD, measured
on the labelled set (`manage.py similarity measure`, docs/coordination.md); the setting
PEYGIR_DEMAND_SIMILARITY_THRESHOLD overrides it only when set. Only open demands of the same
neighbourhood are compared, newest first and bounded, so intake stays fast whatever the size of the
table.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from peygir.core.text import normalize_text
from peygir.similarity import engine

from .models import Demand

CANDIDATES = 300


def demand_text(title: str, description: str) -> str:
    return normalize_text(f"{title} {description}")


def similarity(a: str, b: str) -> float:
    """0..1 for two texts (the engine's text similarity, without context)."""
    return engine.text_similarity(a, b)


def threshold() -> float:
    value = getattr(settings, "PEYGIR_DEMAND_SIMILARITY_THRESHOLD", None)
    return engine.INTAKE_THRESHOLD if value in (None, "") else float(value)


def _category_key(category: Any) -> str:
    pk = getattr(category, "pk", category)
    return "" if pk is None else str(pk)


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
    rows = list(
        qs.order_by("-created_at", "-id").values_list("pk", "text_normalized", "category_id")[:CANDIDATES]
    )
    hood = getattr(neighbourhood, "pk", neighbourhood)
    query = engine.Record(normalized, neighbourhood_id=hood, category=_category_key(category))
    candidates = [
        engine.Record(other, neighbourhood_id=hood, category=_category_key(category_id))
        for _pk, other, category_id in rows
    ]
    ranked = engine.rank(query, candidates, threshold=threshold(), limit=limit)
    scored = [(rows[i][0], result.total) for i, result in ranked]
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
