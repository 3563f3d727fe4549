"""A small, hand-checkable country for the programs tests, built on the shared `world`.

world.province (مرکزی) gets two counties besides شهرستان اراک: اراک 100,000 people, ساوه 50,000,
خمین 30,000; world.other_province (یزد) one county, یزد 60,000.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from peygir.territory.models import Territory
from tests import factories as f
from tests.programs.factories import indicator


@dataclass
class Small:
    arak: Territory
    saveh: Territory
    khomein: Territory
    yazd: Territory


@pytest.fixture
def small(world) -> Small:
    arak = world.county
    Territory.objects.filter(pk=arak.pk).update(population=100_000)
    arak.refresh_from_db()
    saveh = f.make_territory("county", world.province, "ساوه")
    khomein = f.make_territory("county", world.province, "خمین")
    yazd = f.make_territory("county", world.other_province, "یزد")
    for territory, population in ((saveh, 50_000), (khomein, 30_000), (yazd, 60_000)):
        Territory.objects.filter(pk=territory.pk).update(population=population)
        territory.refresh_from_db()
    return Small(arak, saveh, khomein, yazd)


@pytest.fixture
def divorce_rate(world):
    """Divorces per 1,000 people, seasonal, the county's population as denominator."""
    return indicator(
        indicator__name="نرخ طلاق در هر هزار نفر",
        indicator__theme="divorce",
        kind="rate",
        direction="lower",
        population_denominator=True,
        period_type="season",
        jump_percent=50,
    )


@pytest.fixture
def addiction_camps(world):
    """A count: people admitted to addiction-treatment camps, seasonal, summed."""
    return indicator(
        indicator__name="شمار پذیرش در مراکز ماده ۱۶",
        indicator__theme="addiction",
        kind="number",
        direction="lower",
        period_type="season",
        min_value=0,
        max_value=100_000,
        disaggregations={"جنس": ["زن", "مرد"]},
    )
