"""Many indicators at once (the five-harms roadmap): the same figures as one at a time, in a number of
queries that does not grow with the indicators."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from peygir.programs import selectors
from peygir.programs.periods import SEASON, YEAR, Period
from peygir.programs.values import Row, values_enter

S1 = Period(SEASON, 1403, 1)
S2 = Period(SEASON, 1403, 2)
PERIODS = [S1, S2, Period(YEAR, 1403), Period(YEAR, 1402)]


@pytest.fixture
def entered(world, small, divorce_rate, addiction_camps):
    def enter(ind, period, rows, persona="office_staff"):
        values_enter(user=world.users[persona], indicator=ind, period=period, rows=rows)

    enter(divorce_rate, S1, [Row(small.arak, numerator=120), Row(small.saveh, numerator=90)])
    enter(divorce_rate, S2, [Row(small.arak, numerator=80)])
    enter(addiction_camps, S1, [Row(small.arak, value=1200), Row(small.saveh, value=300)])
    enter(addiction_camps, S1, [Row(small.yazd, value=500)], persona="foreign_staff")
    return [divorce_rate, addiction_camps]


def test_many_at_once_say_what_one_at_a_time_says(world, small, entered):
    for territory in (world.country, world.province, small.arak):
        many = selectors.aggregate_many(entered, territory, PERIODS)
        for indicator in entered:
            for period in PERIODS:
                assert many[(indicator.pk, period)] == selectors.aggregate_value(indicator, territory, period)
    for parent in (world.country, world.province):
        for period in PERIODS:
            many = selectors.aggregate_children_many(entered, parent, period)
            for indicator in entered:
                assert many[indicator.pk] == selectors.aggregate_children(indicator, parent, period)
    assert selectors.aggregate_many(entered, world.country, [S1])[(entered[1].pk, S1)].value == 2000


def test_many_at_once_take_the_same_queries_for_one_indicator_or_more(world, entered):
    counts = []
    for indicators in (entered[:1], entered):
        with CaptureQueriesContext(connection) as queries:
            selectors.aggregate_many(indicators, world.country, PERIODS)
            selectors.aggregate_children_many(indicators, world.country, S1)
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 5
