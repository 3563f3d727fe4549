"""The evaluation's key pages for `peygir bench` (issue 12 §6): the scorecard of a province's agencies
for a year, the national comparison, the five-harms roadmap and the map's data — p95 < 300 ms at S = 1
from the live record (nothing precomputed: every request aggregates the year's actions)."""

from __future__ import annotations

from django.urls import reverse

from peygir.evaluation.measures import current_year
from peygir.organizations.models import Membership
from peygir.territory.models import Territory


def evaluation_targets(staff_id: int, province_path: str) -> list:
    from .targets import Target  # late: targets.py imports this module

    province = Territory.objects.filter(path=province_path).only("id").first()
    national = Membership.objects.filter(role=Membership.Role.NATIONAL).order_by("id").first()
    year = f"?year={current_year()}"
    found = []
    if province is not None:
        found += [
            Target(
                "evaluation: province scorecard (agencies, counties)",
                reverse("web:scorecard_territory", args=[province.pk]) + year,
                staff_id,
                group="evaluation",
            ),
            Target(
                "evaluation: map data (a province's counties)",
                reverse("web:evaluation_map_data") + f"{year}&territory={province.pk}",
                staff_id,
                group="evaluation",
            ),
            Target(
                "evaluation: API province scorecard",
                reverse("api:scorecard-territory-detail", args=[province.pk]) + year,
                staff_id,
                api=True,
                group="evaluation",
            ),
        ]
    if national is not None:
        found += [
            Target(
                "evaluation: provinces side by side",
                reverse("web:evaluation_compare") + year,
                national.user_id,
                group="evaluation",
            ),
            Target(
                "evaluation: map data (31 provinces)",
                reverse("web:evaluation_map_data") + year,
                national.user_id,
                group="evaluation",
            ),
            Target(
                "evaluation: five-harms roadmap",
                reverse("web:evaluation_roadmap") + year,
                national.user_id,
                group="evaluation",
            ),
        ]
    return found
