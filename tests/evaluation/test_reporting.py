"""Data quality includes the reporting of indicator values — late and missing — apart from performance.

A small record computed by hand, in Markazi (اراک, ساوه, خمین), year 1403:

| indicator                         | reporter            | period   | due        | Arak         | Saveh        | Khomein |
|-----------------------------------|---------------------|----------|------------|--------------|--------------|---------|
| camps (season, the agency's)      | the agency          | 1403-S1  | 2024-07-05 | 07-01 on time| 07-20 late   | missing |
| visits (month, no reporting org.) | county governorates | 1403-M01 | 2024-05-04 | 05-10 late   | missing      | missing |
| visits                            |                     | 1403-M02 | 2024-06-04 | 05-25 on time| —            | —       |

S1 closed on 2024-07-25 and M01 on 2024-05-20 (M02 is not closed). Saveh has a county governorate;
Khomein has none (its expected values answer to nobody).

Province: timely 2 of 4 = 50.0 (2 late); complete 3 of 6 = 50.0 (3 missing).
The agency: timely 1 of 2 = 50.0; complete 2 of 3 = 66.7. Arak: timely 2 of 3 = 66.7; complete 2 of 2.
Arak's governorate: timely 1 of 2 = 50.0; complete 1 of 1 = 100.0. Saveh's: complete 0 of 1 = 0.0.
"""

import datetime as dt
from dataclasses import dataclass

import pytest
from django.urls import reverse

from peygir.evaluation.measures import year_period
from peygir.evaluation.scorecard import Subject, scorecard
from peygir.evaluation.selectors import drill_records, territory_view
from peygir.evaluation.weights import Weights
from peygir.programs import closures
from peygir.programs.periods import MONTH, SEASON, Period
from peygir.programs.values import Row, values_enter
from tests import factories as f
from tests.programs.factories import indicator

from .fixtures import AS_OF, PERIOD, build_ledger

pytestmark = pytest.mark.django_db

S1, M01, M02 = Period(SEASON, 1403, 1), Period(MONTH, 1403, 1), Period(MONTH, 1403, 2)


@dataclass
class Reporting:
    arak: object
    saveh: object
    khomein: object
    saveh_gov: object
    camps: object
    visits: object


def build_reporting(world, *, reverse: bool = False) -> Reporting:
    arak = world.county
    saveh = f.make_territory("county", world.province, "ساوه")
    khomein = f.make_territory("county", world.province, "خمین")
    saveh_gov = f.OrganizationFactory(name="فرمانداری ساوه", kind="county_governorate", territory=saveh)
    camps = indicator(indicator__name="شمار پذیرش در مراکز ماده ۱۶", kind="number", direction="lower",
                      period_type="season")  # fmt: skip
    camps.responsible = world.agency
    camps.save(update_fields=["responsible"])
    visits = indicator(indicator__name="شمار بازدید از مراکز نگهداری", kind="number", direction="higher",
                       period_type="month")  # fmt: skip
    entries = [
        (camps, S1, arak, dt.date(2024, 7, 1)),
        (camps, S1, saveh, dt.date(2024, 7, 20)),
        (visits, M01, arak, dt.date(2024, 5, 10)),
        (visits, M02, arak, dt.date(2024, 5, 25)),
    ]
    if reverse:
        entries.reverse()
    for ind, period, place, day in entries:
        values_enter(user=None, indicator=ind, period=period, rows=[Row(place, value=3)], today=day)
    office = world.users["office_staff"]
    closings = [(M01, dt.date(2024, 5, 20)), (S1, dt.date(2024, 7, 25))]
    for period, day in reversed(closings) if reverse else closings:
        closures.period_close(user=office, province=world.province, period=period, today=day)
    return Reporting(arak, saveh, khomein, saveh_gov, camps, visits)


@pytest.fixture
def reporting(world) -> Reporting:
    return build_reporting(world)


def figures(card):
    return {m.key: (m.numerator, m.denominator, m.score, m.extra["gap"]) for m in card.quality}


def test_late_and_missing_values_by_hand(world, reporting):
    view = territory_view(world.province, year=1403, as_of=AS_OF)
    got = figures(view.card)
    assert got["timely_values"] == (2, 4, 50.0, 2)
    assert got["complete_values"] == (3, 6, 50.0, 3)
    assert view.card.quality_score == 50.0  # no actions: the two indicator measures only
    assert view.card.score is None  # …and nothing of it is performance
    [arak] = [c for c in view.children if c.subject.pk == reporting.arak.pk]
    assert figures(arak)["timely_values"] == (2, 3, 66.7, 1)
    assert figures(arak)["complete_values"] == (2, 2, 100.0, 0)
    agencies = {c.subject.pk: c for c in view.agencies}
    assert figures(agencies[world.agency.pk])["timely_values"] == (1, 2, 50.0, 1)
    assert figures(agencies[world.agency.pk])["complete_values"] == (2, 3, 66.7, 1)
    assert figures(agencies[world.county_gov.pk])["timely_values"] == (1, 2, 50.0, 1)
    assert figures(agencies[world.county_gov.pk])["complete_values"] == (1, 1, 100.0, 0)
    assert figures(agencies[reporting.saveh_gov.pk])["complete_values"] == (0, 1, 0.0, 1)


def test_reporting_counts_in_data_quality_never_in_performance(world):
    """With the hand-computed ledger of actions, the agency's performance stays 56.2; its data quality
    takes its indicator reports in: (33.3 + 50.0 + 50.0 + 66.7) / 4 = 50.0 instead of 41.65."""
    build_ledger(world)
    before = scorecard(Subject.for_agency(world.agency), PERIOD, Weights())
    build_reporting(world)
    after = scorecard(Subject.for_agency(world.agency), PERIOD, Weights())
    assert after.score == before.score == 56.2
    assert [(m.key, m.numerator, m.denominator, m.score) for m in after.measures] == [
        (m.key, m.numerator, m.denominator, m.score) for m in before.measures
    ]
    assert before.quality_score == pytest.approx(41.65, abs=0.051)
    assert after.quality_score == 50.0


def test_same_inputs_same_score_whatever_the_order_of_writing(world):
    build_reporting(world, reverse=True)
    first = territory_view(world.province, year=1403, as_of=AS_OF)
    again = territory_view(world.province, year=1403, as_of=AS_OF)
    assert figures(first.card) == figures(again.card)
    assert figures(first.card)["timely_values"] == (2, 4, 50.0, 2)
    assert figures(first.card)["complete_values"] == (3, 6, 50.0, 3)


def test_a_season_and_a_month_hold_their_own_reporting_periods(world, reporting):
    spring = territory_view(world.province, year=1403, part="S1", as_of=AS_OF)
    assert figures(spring.card)["timely_values"] == (2, 4, 50.0, 2)  # the season and its months
    first_month = territory_view(world.province, year=1403, part="M01", as_of=AS_OF)
    assert figures(first_month.card)["timely_values"] == (0, 1, 0.0, 1)
    assert figures(first_month.card)["complete_values"] == (1, 3, 33.3, 2)
    summer = territory_view(world.province, year=1403, part="S2", as_of=AS_OF)
    assert figures(summer.card)["timely_values"][2] is None  # nothing to count: not applicable
    assert summer.card.quality_score is None


def test_the_drill_down_lists_exactly_the_late_and_missing_values(world, reporting):
    subject = Subject.for_territory(world.province)
    period = year_period(1403, AS_OF)
    view = territory_view(world.province, year=1403, as_of=AS_OF)
    for key in ("timely_values", "complete_values"):
        measure = view.card.measure(key)
        for part, expected in (
            ("num", measure.numerator),
            ("den", measure.denominator),
            ("gap", measure.extra["gap"]),
        ):
            assert drill_records(subject, period, key, part).count() == expected, (key, part)
    late = drill_records(subject, period, "timely_values", "gap")
    assert [(v.indicator_id, v.territory_id, v.reported_on, v.due_on) for v in late] == [
        (reporting.visits.pk, reporting.arak.pk, dt.date(2024, 5, 10), dt.date(2024, 5, 4)),
        (reporting.camps.pk, reporting.saveh.pk, dt.date(2024, 7, 20), dt.date(2024, 7, 5)),
    ]
    missing = drill_records(subject, period, "complete_values", "gap")
    assert {(e.indicator_id, e.territory_id) for e in missing} == {
        (reporting.visits.pk, reporting.saveh.pk),
        (reporting.visits.pk, reporting.khomein.pk),
        (reporting.camps.pk, reporting.khomein.pk),
    }


def test_pages_show_the_reporting_beside_the_score_and_drill_down(world, reporting, login):
    client = login("office_staff")
    params = {"year": "1403", "as_of": "1403/11/01"}
    page = client.get(reverse("web:scorecard_territory", args=[world.province.pk]), params).content.decode()
    assert 'id="reporting-summary"' in page and "گزارش به‌موقع شاخص‌ها" in page
    assert "۲ دیرهنگام از ۴" in page and "۳ ثبت‌نشده در دوره‌های بسته از ۶" in page
    drill = reverse("web:scorecard_drill_territory", args=[world.province.pk, "timely_values"])
    late = client.get(drill, {**params, "part": "gap"})
    assert late.status_code == 200
    text = late.content.decode()
    # indicator, territory, period, entered and due dates (Jalali)
    assert reporting.camps.name in text and "ساوه" in text and "بهار ۱۴۰۳" in text
    assert "۱۴۰۳/۰۴/۳۰" in text and "۱۴۰۳/۰۴/۱۵" in text  # entered 2024-07-20, due 2024-07-05
    missing = client.get(
        reverse("web:scorecard_drill_territory", args=[world.province.pk, "complete_values"]),
        {**params, "part": "gap"},
    ).content.decode()
    assert "خمین" in missing and "ثبت‌نشده هنگام بستن" in missing
    agency = client.get(
        reverse("web:scorecard_drill_agency", args=[world.agency.pk, "complete_values"]),
        {**params, "part": "gap"},
    ).content.decode()
    assert "خمین" in agency and "ساوه" not in agency


def test_the_api_carries_the_reporting_measures(world, reporting, login):
    client = login("office_staff")
    body = client.get(
        f"/api/v1/scorecards/territories/{world.province.pk}/", {"year": "1403", "as_of": "1403/11/01"}
    ).json()
    quality = {m["key"]: m for m in body["card"]["quality"]}
    assert (quality["timely_values"]["numerator"], quality["timely_values"]["denominator"]) == (2, 4)
    assert quality["complete_values"]["extra"]["gap"] == 3 and quality["complete_values"]["basis"]
    assert all(m["key"] not in ("timely_values", "complete_values") for m in body["card"]["measures"])
