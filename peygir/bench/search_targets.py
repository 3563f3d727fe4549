"""Search pages the benchmark measures (issue 13 §1, p95 < 200 ms at S = 1): common and rare words,
a compound typed apart, a word being typed (prefix), the filters, as province staff (a whole
province's records), as an agency's liaison (a few of them among millions) and as the national
organization's staff (the whole country, not narrowed by province), and the API."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from peygir.organizations.models import Membership
from peygir.territory.models import Territory

SEARCH_P95_MS = 200
QUERIES = {
    "a common word": {"q": "برگزاری"},
    "two words": {"q": "مدارس کانکسی"},
    "a compound typed apart": {"q": "کتاب خانه"},
    "a word being typed": {"q": "آسیب اجتما"},
    "a misspelling (nothing exact)": {"q": "تسهیلگرے"},
}


def search_targets(target_class: type, staff_id: int, liaison_id: int, province_path: str = "/") -> list:
    page, api = reverse("web:search"), reverse("api:search-list")
    targets = [
        target_class(f"search: {name} (province staff)", f"{page}?{urlencode(q)}", staff_id, group="search")
        for name, q in QUERIES.items()
    ]
    targets.append(
        target_class(
            "search: a common word (agency liaison)",
            f"{page}?{urlencode(QUERIES['a common word'])}",
            liaison_id,
            group="search",
        )
    )
    county = Territory.objects.filter(kind="county", path__startswith=province_path).order_by("path").first()
    filters = {"q": "برگزاری", "kind": "action", "date_from": "1400/01/01"}
    if county is not None:
        filters["territory"] = str(county.pk)
    targets += [
        target_class(
            "search: kind, county and dates", f"{page}?{urlencode(filters)}", staff_id, group="search"
        ),
        target_class(
            "API search (province staff)",
            f"{api}?{urlencode(QUERIES['two words'])}",
            staff_id,
            api=True,
            group="search",
        ),
    ]
    national = (
        Membership.objects.filter(role=Membership.Role.NATIONAL, is_active=True)
        .order_by("pk")
        .values_list("user_id", flat=True)
        .first()
    )
    if national is not None:  # the whole country: the recency bands bound the work (search/ranking.py)
        targets += [
            target_class(
                f"search: {name} (national staff)",
                f"{page}?{urlencode(QUERIES[name])}",
                national,
                group="search",
            )
            for name in ("a common word", "two words", "a misspelling (nothing exact)")
        ]
    return targets
