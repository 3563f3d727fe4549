"""The evaluation's key pages for `peygir bench` (issue 12 §6): the scorecard of a province's agencies
for a year, the national comparison, the five-harms roadmap and the map's data — p95 < 300 ms at S = 1
from the live record.

The aggregates behind these pages are kept under the data version of what they read
(docs/evaluation.md, "Kept between reads"), so each is measured as it is read in a working country:
before every request another write has just committed — in another province for a province's pages,
in one province after another for the national ones (which then recompute that province's part and
the country's own records). The first read with nothing kept is measured too, as information
(group `info`): what the first reader pays after a write in their own province.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import cycle

from django.urls import reverse

from peygir.core import dataversion
from peygir.evaluation.measures import current_year
from peygir.organizations.models import Membership
from peygir.territory.models import Territory

from .report import INFO


def writes_in(paths: list[str]) -> Callable[[], None]:
    """A committed write in each province of `paths` in turn, as an action's progress report there
    moves the data version (everything, the province, the actions' app): no record is changed."""
    turn = cycle(paths)

    def write() -> None:
        dataversion.bump(
            [dataversion.ALL, dataversion.province_scope(next(turn)), dataversion.app_scope("actions")]
        )

    return write


def evaluation_targets(staff_id: int, province_path: str) -> list:
    from .targets import Target  # late: targets.py imports this module

    province = Territory.objects.filter(path=province_path).only("id", "parent_id").first()
    national = Membership.objects.filter(role=Membership.Role.NATIONAL).order_by("id").first()
    provinces = list(
        Territory.objects.filter(kind=Territory.Kind.PROVINCE, is_active=True)
        .order_by("id")
        .values_list("path", flat=True)
    )
    elsewhere = writes_in([p for p in provinces if p != province_path] or [province_path])
    anywhere = writes_in(provinces or [province_path])
    year = f"?year={current_year()}"
    found = []
    if province is not None:
        scorecard = reverse("web:scorecard_territory", args=[province.pk]) + year
        found += [
            Target(
                "evaluation: province scorecard (agencies, counties)",
                scorecard,
                staff_id,
                group="evaluation",
                cached=True,
                before=elsewhere,
            ),
            Target(
                "evaluation: map data (a province's counties)",
                reverse("web:evaluation_map_data") + f"{year}&territory={province.pk}",
                staff_id,
                group="evaluation",
                cached=True,
                before=elsewhere,
            ),
            Target(
                "evaluation: API province scorecard",
                reverse("api:scorecard-territory-detail", args=[province.pk]) + year,
                staff_id,
                api=True,
                group="evaluation",
                cached=True,
                before=elsewhere,
            ),
            Target(
                "evaluation: province scorecard, nothing kept", scorecard, staff_id, group=INFO, repeats=5
            ),
        ]
    if national is not None:
        compare = reverse("web:evaluation_compare") + year
        found += [
            Target(
                "evaluation: provinces side by side",
                compare,
                national.user_id,
                group="evaluation",
                cached=True,
                before=anywhere,
            ),
            Target(
                "evaluation: map data (31 provinces)",
                reverse("web:evaluation_map_data") + year,
                national.user_id,
                group="evaluation",
                cached=True,
                before=anywhere,
            ),
            Target(
                "evaluation: five-harms roadmap",
                reverse("web:evaluation_roadmap") + year,
                national.user_id,
                group="evaluation",
                cached=True,
                before=anywhere,
            ),
            Target(
                "evaluation: provinces side by side, nothing kept",
                compare,
                national.user_id,
                group=INFO,
                repeats=3,
            ),
        ]
    return found
