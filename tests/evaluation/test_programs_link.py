"""Once the programs domain is installed: the targets measure and the five-harms roadmap read its
indicators (skipped while `peygir.programs.selectors` does not exist)."""

import datetime as dt

import pytest
from django.urls import reverse

from peygir.evaluation.roadmap import roadmap
from peygir.evaluation.selectors import territory_view

pytestmark = pytest.mark.django_db


@pytest.fixture
def divorce_rate(world):
    """The world's divorce rate (lower is better), target 2.5 for the province in 1403, and Arak's
    spring value 120 per 100,000 people, approved by the county."""
    pytest.importorskip("peygir.programs.selectors")
    world.indicator_value  # noqa: B018 - builds the indicator, its target and the value
    return world.indicator


def test_targets_measure_counts_the_met_target(world, divorce_rate):
    view = territory_view(world.province, year=1403, as_of=dt.date(2025, 3, 1))
    measure = view.card.measure("targets")
    assert (measure.numerator, measure.denominator, measure.score) == (1, 1, 100.0)


def test_roadmap_shows_the_harm_with_figure_target_and_counties(world, divorce_rate, login):
    data = roadmap(world.province, year=1403)
    assert data["available"]
    divorce = next(h for h in data["harms"] if h.key == "divorce")
    [row] = divorce.indicators
    assert row.indicator_id == divorce_rate.pk and row.value is not None and row.met is True
    assert [c.name for c in row.children] == [world.county.name_fa]
    page = login("office_staff").get(reverse("web:evaluation_roadmap"), {"year": "1403"}).content.decode()
    assert divorce_rate.name in page and "محقق" in page


def test_map_colours_any_indicator_by_county(world, divorce_rate, login):
    client = login("office_staff")
    page = client.get(reverse("web:evaluation_map")).content.decode()
    assert f"indicator:{divorce_rate.pk}" in page  # offered among the measures
    data = client.get(
        reverse("web:evaluation_map_data"), {"year": "1403", "measure": f"indicator:{divorce_rate.pk}"}
    ).json()
    assert data["scale"] == "relative" and data["better"] == "lower"
    [row] = data["rows"]
    assert row["name"] == world.county.name_fa and row["value"] is not None and row["rank"] == 1
