"""Data quality includes the reporting of indicator values — on time, late, missing — apart from
performance, judged against one due date per period and counted every day, before any closing.

A small record computed by hand, in Markazi (اراک, ساوه, خمین), year 1403, both indicators defined on
2024-03-01 (before the year began), read as of 1403/05/11 (2024-08-01):

| indicator                         | reporter            | period   | due        | Arak          | Saveh         | Khomein |
|-----------------------------------|---------------------|----------|------------|---------------|---------------|---------|
| camps (season, the agency's)      | the agency          | 1403-S1  | 2024-07-05 | 07-01 on time | 07-20 late 15 | missing (closed) |
| visits (month, no reporting org.) | county governorates | 1403-M01 | 2024-05-04 | 05-10 late 6  | missing (closed) | missing (closed) |
| visits                            |                     | 1403-M02 | 2024-06-04 | 05-25 on time | missing (open) | missing (open) |
| visits                            |                     | 1403-M03 | 2024-07-05 | missing (open)| missing (open) | missing (open) |

S1 closed on 2024-07-25 and M01 on 2024-05-20; M02 and M03 are open, their due dates passed, so their
missing values count already. M04 is due on 2024-08-05: not yet. Saveh has a county governorate;
Khomein has none (its reports answer to nobody).

Province: 12 reports — 4 entered (2 on time, 2 late), 8 missing: timely 2/12 = 16.7 (gap 10);
complete 4/12 = 33.3 (gap 8); data quality (16.7 + 33.3) / 2 = 25.0.
Arak: 4 reports, 2 on time, 3 entered: 50.0 and 75.0. Saveh: 4 reports, 1 entered late: 0.0 and 25.0.
The agency (camps): 3 reports, 1 on time, 2 entered: 33.3 and 66.7. Arak's governorate (visits M01–M03):
the same, 33.3 and 66.7. Saveh's: 3 missing: 0.0 and 0.0.
"""

import datetime as dt
from dataclasses import dataclass

import pytest
from django.urls import reverse
from django.utils import timezone

from peygir.evaluation.measures import year_period
from peygir.evaluation.scorecard import Subject, scorecard
from peygir.evaluation.selectors import drill_records, territory_view
from peygir.evaluation.weights import Weights
from peygir.programs import closures
from peygir.programs.models import IndicatorVersion
from peygir.programs.periods import MONTH, SEASON, Period
from peygir.programs.values import Row, values_enter
from tests import factories as f
from tests.programs.factories import indicator

from .fixtures import AS_OF, PERIOD, build_ledger

pytestmark = pytest.mark.django_db

S1, M01, M02 = Period(SEASON, 1403, 1), Period(MONTH, 1403, 1), Period(MONTH, 1403, 2)
READ = dt.date(2024, 8, 1)  # 1403/05/11
DEFINED = timezone.make_aware(dt.datetime(2024, 3, 1, 9))


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
    # Defined before the year began: every period of 1403 expects their reports.
    IndicatorVersion.objects.filter(indicator__in=[camps, visits]).update(created_at=DEFINED)
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


def test_on_time_late_and_missing_by_hand(world, reporting):
    view = territory_view(world.province, year=1403, as_of=READ)
    got = figures(view.card)
    assert got["timely_values"] == (2, 12, 16.7, 10)
    assert got["complete_values"] == (4, 12, 33.3, 8)
    assert view.card.measure("timely_values").extra["late"] == 2
    assert view.card.measure("timely_values").extra["missing"] == 8
    assert view.card.quality_score == 25.0  # no actions: the two indicator measures only
    assert view.card.score is None  # …and nothing of it is performance
    children = {c.subject.pk: figures(c) for c in view.children}
    assert children[reporting.arak.pk]["timely_values"] == (2, 4, 50.0, 2)
    assert children[reporting.arak.pk]["complete_values"] == (3, 4, 75.0, 1)
    assert children[reporting.saveh.pk]["timely_values"] == (0, 4, 0.0, 4)
    assert children[reporting.saveh.pk]["complete_values"] == (1, 4, 25.0, 3)
    assert children[reporting.khomein.pk]["complete_values"] == (0, 4, 0.0, 4)
    agencies = {c.subject.pk: figures(c) for c in view.agencies}
    assert agencies[world.agency.pk]["timely_values"] == (1, 3, 33.3, 2)
    assert agencies[world.agency.pk]["complete_values"] == (2, 3, 66.7, 1)
    assert agencies[world.county_gov.pk]["timely_values"] == (1, 3, 33.3, 2)
    assert agencies[world.county_gov.pk]["complete_values"] == (2, 3, 66.7, 1)
    assert agencies[reporting.saveh_gov.pk]["complete_values"] == (0, 3, 0.0, 3)
    # Khomein's reports answer to nobody: in the province's figures, in no organization's.
    assert sum(a["complete_values"][1] for a in agencies.values()) == 9


def test_missing_counts_from_the_day_after_the_due_date_before_any_closing(world, reporting):
    """M03 (due 2024-07-05) is open: on its due date nothing is missing yet, the day after all three
    counties are — every day the same, until a value comes (then it is late, not missing)."""

    def missing_of_m03(day):
        subject = Subject.for_territory(world.province)
        rows = drill_records(subject, year_period(1403, day, "M03"), "complete_values", "gap")
        return sorted(r.territory_id for r in rows)

    assert missing_of_m03(dt.date(2024, 7, 5)) == []
    counties = sorted([reporting.arak.pk, reporting.saveh.pk, reporting.khomein.pk])
    assert missing_of_m03(dt.date(2024, 7, 6)) == counties
    assert missing_of_m03(dt.date(2024, 7, 30)) == counties
    values_enter(user=None, indicator=reporting.visits, period="1403-M03", rows=[Row(reporting.saveh, value=1)],
                 today=dt.date(2024, 7, 31))  # fmt: skip
    assert missing_of_m03(dt.date(2024, 7, 30)) == counties  # as it stood that day: reproducible
    assert missing_of_m03(dt.date(2024, 7, 31)) == sorted([reporting.arak.pk, reporting.khomein.pk])
    month = territory_view(world.province, year=1403, part="M03", as_of=dt.date(2024, 8, 1))
    assert figures(month.card)["timely_values"] == (0, 3, 0.0, 3)  # 1 late + 2 missing
    assert figures(month.card)["complete_values"] == (1, 3, 33.3, 2)


def test_a_correction_or_approval_later_keeps_the_day_first_entered(world, reporting):
    """Arak's camps value (on time on 2024-07-01) is returned and corrected after the closing and the
    due date: still on time. Saveh's (first entered late) stays late however fast it is approved."""
    from peygir.programs import approvals
    from peygir.programs.models import IndicatorValue

    value = IndicatorValue.objects.get(indicator=reporting.camps, territory=reporting.arak)
    approvals.value_reopen(user=None, value=value, reason="رقم اشتباه")
    values_enter(user=None, indicator=reporting.camps, period=S1, rows=[Row(reporting.arak, value=9)],
                 today=dt.date(2024, 7, 30))  # fmt: skip
    approvals.values_approve(user=None, indicators=[reporting.camps], territory=reporting.saveh, period=S1,
                             level="county")  # fmt: skip
    view = territory_view(world.province, year=1403, part="S1", as_of=READ)
    assert figures(view.card)["timely_values"] == (2, 12, 16.7, 10)  # as before the correction
    rows = {
        (r.indicator_id, r.territory_id, r.period): r
        for r in drill_records(view.card.subject, view.period, "timely_values", "den")
    }
    arak = rows[(reporting.camps.pk, reporting.arak.pk, S1)]
    assert (arak.status, arak.reported_on, arak.due_on) == (
        "on_time",
        dt.date(2024, 7, 1),
        dt.date(2024, 7, 5),
    )


def test_reporting_counts_in_data_quality_never_in_performance(world):
    """With the hand-computed ledger of actions, the agency's performance stays 56.2; its data quality
    takes its indicator reports in. Read as of 2025-01-20, the agency's camps have S1 (on time, late,
    missing at the closing), S2 and S3 (due 2024-10-06 and 2025-01-04: three missing each): 9 reports,
    1 on time, 2 entered — (33.3 + 50.0 + 11.1 + 22.2) / 4 = 29.15 instead of 41.65."""
    build_ledger(world)
    before = scorecard(Subject.for_agency(world.agency), PERIOD, Weights())
    build_reporting(world)
    after = scorecard(Subject.for_agency(world.agency), PERIOD, Weights())
    assert after.score == before.score == 56.2
    assert [(m.key, m.numerator, m.denominator, m.score) for m in after.measures] == [
        (m.key, m.numerator, m.denominator, m.score) for m in before.measures
    ]
    assert before.quality_score == pytest.approx(41.65, abs=0.051)
    assert figures(after)["timely_values"] == (1, 9, 11.1, 8)
    assert figures(after)["complete_values"] == (2, 9, 22.2, 7)
    assert after.quality_score == pytest.approx(29.15, abs=0.051)


def test_same_inputs_same_score_whatever_the_order_of_writing(world):
    build_reporting(world, reverse=True)
    first = territory_view(world.province, year=1403, as_of=READ)
    again = territory_view(world.province, year=1403, as_of=READ)
    assert figures(first.card) == figures(again.card)
    assert figures(first.card)["timely_values"] == (2, 12, 16.7, 10)
    assert figures(first.card)["complete_values"] == (4, 12, 33.3, 8)


def test_a_season_and_a_month_hold_their_own_reporting_periods(world, reporting):
    spring = territory_view(world.province, year=1403, part="S1", as_of=AS_OF)
    assert figures(spring.card)["timely_values"] == (2, 12, 16.7, 10)  # the season and its months
    first_month = territory_view(world.province, year=1403, part="M01", as_of=AS_OF)
    assert figures(first_month.card)["timely_values"] == (0, 3, 0.0, 3)
    assert figures(first_month.card)["complete_values"] == (1, 3, 33.3, 2)
    # Summer, read in winter: nothing entered, nothing closed — every report is due and missing.
    summer = territory_view(world.province, year=1403, part="S2", as_of=AS_OF)
    assert figures(summer.card)["timely_values"] == (0, 12, 0.0, 12)  # camps S2 × 3, visits M04–M06 × 3
    # …read on the due date of its first month (M04, 2024-08-05), none is due yet: nothing to count.
    early = territory_view(world.province, year=1403, part="S2", as_of=dt.date(2024, 8, 5))
    assert figures(early.card)["timely_values"][2] is None and early.card.quality_score is None


def test_an_indicator_defined_later_expects_nothing_before(world, reporting):
    """A definition does not reach back: defined on 2024-07-10, an indicator expects nothing of the
    periods that ended before (M01–M03), only from M04 on."""
    late = indicator(kind="number", direction="higher", period_type="month")
    IndicatorVersion.objects.filter(indicator=late).update(
        created_at=timezone.make_aware(dt.datetime(2024, 7, 10, 9))
    )
    subject = Subject.for_territory(world.province)
    rows = drill_records(subject, year_period(1403, dt.date(2024, 9, 1)), "complete_values", "gap")
    assert {r.period for r in rows if r.indicator_id == late.pk} == {Period(MONTH, 1403, 4)}


def test_the_drill_down_lists_exactly_the_late_and_missing_reports(world, reporting):
    subject = Subject.for_territory(world.province)
    period = year_period(1403, READ)
    view = territory_view(world.province, year=1403, as_of=READ)
    for key in ("timely_values", "complete_values"):
        measure = view.card.measure(key)
        for part, expected in (
            ("num", measure.numerator),
            ("den", measure.denominator),
            ("gap", measure.extra["gap"]),
        ):
            records = drill_records(subject, period, key, part)
            assert records.count() == expected == len(list(records)), (key, part)
    late = [r for r in drill_records(subject, period, "timely_values", "gap") if r.status == "late"]
    assert [(r.indicator_id, r.territory_id, r.reported_on, r.due_on, r.days_late) for r in late] == [
        (reporting.visits.pk, reporting.arak.pk, dt.date(2024, 5, 10), dt.date(2024, 5, 4), 6),
        (reporting.camps.pk, reporting.saveh.pk, dt.date(2024, 7, 20), dt.date(2024, 7, 5), 15),
    ]
    missing = drill_records(subject, period, "complete_values", "gap")
    got = {(r.indicator_id, r.territory_id, r.period.key): (r.days_late, bool(r.closure_id)) for r in missing}
    v, c = reporting.visits.pk, reporting.camps.pk
    a, s, k = reporting.arak.pk, reporting.saveh.pk, reporting.khomein.pk
    assert got == {
        (v, s, "1403-M01"): (89, True),  # due 05-04, read 08-01
        (v, k, "1403-M01"): (89, True),
        (c, k, "1403-S1"): (27, True),
        (v, s, "1403-M02"): (58, False),
        (v, k, "1403-M02"): (58, False),
        (v, a, "1403-M03"): (27, False),
        (v, s, "1403-M03"): (27, False),
        (v, k, "1403-M03"): (27, False),
    }
    page = drill_records(subject, period, "complete_values", "gap")[2:4]  # a page: the same order
    assert [(r.period.key, r.territory_id) for r in page] == [
        (r.period.key, r.territory_id) for r in list(missing)[2:4]
    ]


def test_pages_show_the_reporting_beside_the_score_and_drill_down(world, reporting, login):
    client = login("office_staff")
    params = {"year": "1403", "as_of": "1403/05/11"}
    page = client.get(reverse("web:scorecard_territory", args=[world.province.pk]), params).content.decode()
    assert 'id="reporting-summary"' in page and "گزارش به‌موقع شاخص‌ها" in page
    assert "۱۰ دیرهنگام از ۱۲" in page and "۸ از آن‌ها ثبت‌نشده" in page
    drill = reverse("web:scorecard_drill_territory", args=[world.province.pk, "timely_values"])
    late = client.get(drill, {**params, "part": "gap"})
    assert late.status_code == 200
    text = late.content.decode()
    # indicator, territory, period, first entered and due dates (Jalali), and by how many days
    assert reporting.camps.name in text and "ساوه" in text and "بهار ۱۴۰۳" in text
    assert "۱۴۰۳/۰۴/۳۰" in text and "۱۴۰۳/۰۴/۱۵" in text  # entered 2024-07-20, due 2024-07-05
    assert "دیرهنگام: ۱۵ روز پس از مهلت" in text and "دیرهنگام: ۶ روز پس از مهلت" in text
    assert "ثبت‌نشده: ۲۷ روز از مهلت گذشته" in text  # M03, open
    assert text.count('data-status="late"') == 2 and text.count('data-status="missing"') == 8
    missing = client.get(
        reverse("web:scorecard_drill_territory", args=[world.province.pk, "complete_values"]),
        {**params, "part": "gap"},
    ).content.decode()
    assert "خمین" in missing and "ثبت‌نشده هنگام بستن" in missing and 'data-status="late"' not in missing
    agency = client.get(
        reverse("web:scorecard_drill_agency", args=[world.agency.pk, "complete_values"]),
        {**params, "part": "gap"},
    ).content.decode()
    assert "خمین" in agency and "ساوه" not in agency


def test_the_scorecards_links_carry_the_day_read_past_the_years_end(world, reporting, login):
    """Read after the year is over, the scorecard's numbers and the lists behind them agree: the links
    carry the day asked, not the year's last day."""
    client = login("office_staff")
    params = {"year": "1403", "as_of": "1404/02/01"}
    page = client.get(reverse("web:scorecard_territory", args=[world.province.pk]), params).content.decode()
    assert "as_of=1404%2F02%2F01" in page and "گزارش شاخص‌ها تا ۱۴۰۴/۰۲/۰۱" in page
    view = territory_view(world.province, year=1403, as_of=dt.date(2025, 4, 21))
    gap = view.card.measure("complete_values").extra["gap"]
    drill = client.get(
        reverse("web:scorecard_drill_territory", args=[world.province.pk, "complete_values"]),
        {**params, "part": "gap"},
    )
    assert drill.context["page"].paginator.count == gap


def test_the_api_carries_the_reporting_measures(world, reporting, login):
    client = login("office_staff")
    body = client.get(
        f"/api/v1/scorecards/territories/{world.province.pk}/", {"year": "1403", "as_of": "1403/05/11"}
    ).json()
    quality = {m["key"]: m for m in body["card"]["quality"]}
    assert (quality["timely_values"]["numerator"], quality["timely_values"]["denominator"]) == (2, 12)
    assert quality["complete_values"]["extra"]["gap"] == 8 and quality["complete_values"]["basis"]
    assert quality["timely_values"]["extra"]["late"] == 2
    assert all(m["key"] not in ("timely_values", "complete_values") for m in body["card"]["measures"])
