"""Indicator values: entry with validation, aggregation computed by hand, approval and locking."""

from decimal import Decimal

import pytest

from peygir.core.errors import NotAllowed, ValidationError
from peygir.programs import approvals, closures, selectors, targets
from peygir.programs.models import IndicatorValue, ValueEvent
from peygir.programs.periods import SEASON, YEAR, Period
from peygir.programs.values import BulkError, Row, values_enter

S1 = Period(SEASON, 1403, 1)
S2 = Period(SEASON, 1403, 2)


def enter(world, ind, period, rows, persona="office_staff"):
    return values_enter(user=world.users[persona], indicator=ind, period=period, rows=rows)


# ---------------------------------------------------------------- aggregation, by hand


def test_rates_are_recomputed_from_summed_numerators_never_averaged(world, small, divorce_rate):
    enter(world, divorce_rate, S1, [Row(small.arak, numerator="120"), Row(small.saveh, numerator="۹۰")])
    arak = selectors.aggregate_value(divorce_rate, small.arak, S1)
    assert arak.value == Decimal("1.2000")  # 120 / 100,000 × 1,000
    saveh = selectors.aggregate_value(divorce_rate, small.saveh, S1)
    assert saveh.value == Decimal("1.8000")  # 90 / 50,000 × 1,000
    province = selectors.aggregate_value(divorce_rate, world.province, S1)
    # (120 + 90) / (100,000 + 50,000) × 1,000 = 1.4 — the average of the rates would say 1.5.
    assert province.value == Decimal("1.4000")
    assert (province.numerator, province.denominator) == (Decimal(210), Decimal(150_000))
    assert (province.reported, province.expected, province.complete) == (2, 3, False)
    assert province.completeness == Decimal("0.6667")
    assert set(province.value_ids) == set(IndicatorValue.objects.values_list("pk", flat=True))


def test_a_year_of_seasons_sums_cases_over_the_population_once(world, small, divorce_rate):
    enter(world, divorce_rate, S1, [Row(small.arak, numerator=120), Row(small.saveh, numerator=90)])
    enter(world, divorce_rate, S2, [Row(small.arak, numerator=80), Row(small.saveh, numerator=60)])
    year = selectors.aggregate_value(divorce_rate, world.province, Period(YEAR, 1403))
    # (120 + 90 + 80 + 60) / 150,000 × 1,000 = 2.3333
    assert year.value == Decimal("2.3333")
    assert year.denominator == Decimal(150_000)
    series = selectors.indicator_series(divorce_rate, world.province, S1, Period(SEASON, 1403, 4))
    assert [a.value for a in series] == [Decimal("1.4000"), Decimal("0.9333"), None, None]


def test_numbers_are_summed_up_the_tree_and_the_country(world, small, addiction_camps):
    enter(
        world,
        addiction_camps,
        S1,
        [Row(small.arak, value="۱٬۲۰۰"), Row(small.saveh, value="300"), Row(small.khomein, value=0)],
    )
    enter(world, addiction_camps, S1, [Row(small.yazd, value=500)], persona="foreign_staff")
    assert selectors.aggregate_value(addiction_camps, world.province, S1).value == Decimal(1500)
    country = selectors.aggregate_value(addiction_camps, world.country, S1)
    assert (country.value, country.reported, country.expected) == (Decimal(2000), 4, 4)
    children = selectors.aggregate_children(addiction_camps, world.country, S1)
    assert children[world.province.pk].value == Decimal(1500)
    assert children[world.other_province.pk].value == Decimal(500)
    assert children[world.province.pk].complete


def test_a_category_is_kept_apart_from_the_total(world, small, addiction_camps):
    enter(
        world,
        addiction_camps,
        S1,
        [Row(small.arak, value=100), Row(small.arak, value=30, disaggregation="جنس=زن")],
    )
    assert selectors.aggregate_value(addiction_camps, world.province, S1).value == Decimal(100)
    assert selectors.aggregate_value(
        addiction_camps, world.province, S1, disaggregation="جنس=زن"
    ).value == Decimal(30)


# ---------------------------------------------------------------- validation


def test_a_bad_row_among_good_ones_writes_nothing_and_says_why_per_row(world, small, addiction_camps):
    rows = [
        Row(small.arak, value="۱۲۰", line=2),
        Row(small.saveh, value="-5", line=3),  # below the minimum
        Row(small.khomein, value="دویست", line=4),  # not a number
        Row(small.arak, value="7", line=5),  # the same county twice
        Row("no-such-code", value="1", line=6),
        Row(small.khomein, value="1", disaggregation="سن=جوان", line=7),
    ]
    with pytest.raises(BulkError) as caught:
        enter(world, addiction_camps, S1, rows)
    assert sorted(caught.value.rows) == [3, 4, 5, 6, 7]
    assert "کمینه" in caught.value.rows[3][0]
    assert "عدد نیست" in caught.value.rows[4][0]
    assert "تکرار" in caught.value.rows[5][0]
    assert not IndicatorValue.objects.exists()


def test_a_rate_with_a_zero_denominator_is_refused(world, small):
    from tests.programs.factories import indicator

    ratio = indicator(kind="percentage", population_denominator=False, period_type="season")
    with pytest.raises(BulkError) as caught:
        enter(world, ratio, S1, [Row(small.arak, numerator="5", denominator="۰")])
    assert "مخرج صفر" in caught.value.rows[1][0]
    result = enter(world, ratio, S1, [Row(small.arak, numerator="5", denominator="20")])
    assert result.values[0].value == Decimal("25.000000")


def test_entry_is_refused_outside_ones_territory_and_at_the_wrong_level(world, small, addiction_camps):
    with pytest.raises(BulkError) as caught:
        enter(world, addiction_camps, S1, [Row(small.yazd, value=1)])  # Markazi's staff, a Yazd county
    assert "اجازه" in caught.value.rows[1][0]
    with pytest.raises(BulkError):
        enter(world, addiction_camps, S1, [Row(world.province, value=1)])
    with pytest.raises(ValidationError):
        enter(world, addiction_camps, "1403-M02", [Row(small.arak, value=1)])  # a month, not a season
    with pytest.raises(ValidationError):
        enter(world, addiction_camps, "1499-S1", [Row(small.arak, value=1)])  # not begun
    enter(world, addiction_camps, S1, [Row(small.arak, value=1)], persona="county_deputy")
    with pytest.raises(BulkError):
        enter(world, addiction_camps, S1, [Row(small.saveh, value=1)], persona="county_deputy")


def test_a_sudden_jump_is_flagged_not_refused(world, small, divorce_rate):
    enter(world, divorce_rate, S1, [Row(small.arak, numerator=100)])
    result = enter(world, divorce_rate, S2, [Row(small.arak, numerator=200), Row(small.saveh, numerator=10)])
    assert list(result.flagged) == [1]
    assert "جهش" in result.flagged[1][0]
    assert IndicatorValue.objects.get(territory=small.arak, number=2).flags == ["jump"]


def test_a_change_keeps_history(world, small, addiction_camps):
    enter(world, addiction_camps, S1, [Row(small.arak, value=100)])
    result = enter(world, addiction_camps, S1, [Row(small.arak, value=120, comment="اصلاح آمار پذیرش")])
    assert result.changed == 1
    value = IndicatorValue.objects.get()
    events = list(value.events.values_list("kind", flat=True))
    assert events == ["entered", "changed"]
    assert value.events.last().data["before"]["value"] == "100"


# ---------------------------------------------------------------- approval, locking, correction


def approve_county(world, small, ind, persona="county_deputy"):
    return approvals.values_approve(
        user=world.users[persona], indicators=[ind], territory=small.arak, period=S1, level="county"
    )


def test_approval_climbs_county_province_national_and_locks(world, small, addiction_camps):
    ind = addiction_camps
    enter(
        world, ind, S1, [Row(small.arak, value=10), Row(small.saveh, value=20), Row(small.khomein, value=5)]
    )
    with pytest.raises(NotAllowed):
        approve_county(world, small, ind, persona="liaison")
    assert approve_county(world, small, ind) == 1
    # The county's value is locked, and says why.
    with pytest.raises(BulkError) as caught:
        enter(world, ind, S1, [Row(small.arak, value=11)])
    assert "شهرستان" in caught.value.rows[1][0] and "قفل" in caught.value.rows[1][0]
    # The province cannot approve before every county has.
    with pytest.raises(ValidationError) as refused:
        approvals.values_approve(
            user=world.users["office_staff"],
            indicators=[ind],
            territory=world.province,
            period=S1,
            level="province",
        )
    assert "ساوه" in str(refused.value)
    for county in (small.saveh, small.khomein):
        approvals.values_approve(
            user=world.users["office_staff"], indicators=[ind], territory=county, period=S1, level="county"
        )
    with pytest.raises(NotAllowed):  # a county deputy does not approve for the province
        approvals.values_approve(
            user=world.users["county_deputy"],
            indicators=[ind],
            territory=world.province,
            period=S1,
            level="province",
        )
    assert (
        approvals.values_approve(
            user=world.users["office_staff"],
            indicators=[ind],
            territory=world.province,
            period=S1,
            level="province",
        )
        == 3
    )
    with pytest.raises(NotAllowed):
        approvals.values_approve(
            user=world.users["office_staff"],
            indicators=[ind],
            territory=world.province,
            period=S1,
            level="national",
        )
    assert (
        approvals.values_approve(
            user=world.users["national"],
            indicators=[ind],
            territory=world.province,
            period=S1,
            level="national",
        )
        == 3
    )
    assert set(IndicatorValue.objects.values_list("status", flat=True)) == {"national"}
    assert selectors.aggregate_value(ind, world.province, S1).approved == 3


def test_a_correction_after_approval_goes_back_down_and_leaves_history(world, small, addiction_camps):
    ind = addiction_camps
    enter(world, ind, S1, [Row(small.arak, value=10)])
    approve_county(world, small, ind)
    value = IndicatorValue.objects.get()
    with pytest.raises(NotAllowed):
        approvals.value_reopen(user=world.users["liaison"], value=value, reason="اشتباه تایپی")
    with pytest.raises(ValidationError):
        approvals.value_reopen(user=world.users["county_deputy"], value=value, reason="")
    approvals.value_reopen(user=world.users["county_deputy"], value=value, reason="اشتباه در شمارش")
    enter(world, ind, S1, [Row(small.arak, value=12)])
    approve_county(world, small, ind)
    value.refresh_from_db()
    assert value.status == "county" and value.value == 12
    kinds = list(value.events.values_list("kind", flat=True))
    assert kinds == ["entered", "approved", "reopened", "changed", "approved"]
    assert value.events.get(kind=ValueEvent.Kind.REOPENED).text == "اشتباه در شمارش"


def test_a_closed_period_says_so(world, small, addiction_camps):
    closures.period_close(
        user=world.users["office_staff"],
        province=world.province,
        period=S1,
        reason="پایان مهلت گزارش فصل بهار",
    )
    with pytest.raises(BulkError) as caught:
        enter(world, addiction_camps, S1, [Row(small.arak, value=1)])
    assert "بسته" in caught.value.rows[1][0]
    assert not IndicatorValue.objects.exists()
    enter(world, addiction_camps, S2, [Row(small.arak, value=1)])


def test_targets_met(world, small, divorce_rate, addiction_camps):
    from tests.programs.factories import IndicatorTargetFactory

    enter(world, divorce_rate, S1, [Row(small.arak, numerator=120), Row(small.saveh, numerator=90)])
    IndicatorTargetFactory(indicator=divorce_rate, territory=world.province, year=1403, value=Decimal("1.5"))
    IndicatorTargetFactory(indicator=addiction_camps, territory=world.province, year=1403, value=10)
    results = {r.indicator_id: r for r in targets.targets_met(world.province, 1403)}
    assert results[divorce_rate.pk].met is True  # 1.4 ≤ 1.5, lower is better
    assert results[divorce_rate.pk].value == Decimal("1.4000")
    assert results[addiction_camps.pk].met is None  # nothing reported: data quality, not performance


def test_targets_of_many_territories_match_each_alone_in_three_queries(
    world, small, divorce_rate, addiction_camps, django_assert_num_queries
):
    from tests.programs.factories import IndicatorTargetFactory

    enter(world, divorce_rate, S1, [Row(small.arak, numerator=120), Row(small.saveh, numerator=90)])
    enter(world, addiction_camps, S1, [Row(small.arak, value=12), Row(small.khomein, value=3)])
    for territory, rate, camps in (
        (world.province, "1.5", 10),
        (small.arak, "1.0", 20),
        (small.saveh, "2", 1),
        (small.khomein, "1", 5),
    ):
        IndicatorTargetFactory(indicator=divorce_rate, territory=territory, year=1403, value=Decimal(rate))
        IndicatorTargetFactory(indicator=addiction_camps, territory=territory, year=1403, value=camps)
    ids = [world.province.pk, small.arak.pk, small.saveh.pk, small.khomein.pk, small.yazd.pk]
    with django_assert_num_queries(3):
        many = targets.targets_met_many(ids, 1403)
    assert set(many) == set(ids[:4])  # Yazd has no target
    for territory in (world.province, small.arak, small.saveh, small.khomein):
        alone = {r.indicator_id: r for r in many[territory.pk]}
        for result in alone.values():
            ind = divorce_rate if result.indicator_id == divorce_rate.pk else addiction_camps
            assert result.aggregate == selectors.aggregate_value(ind, territory, Period(YEAR, 1403))
    arak = {r.indicator_id: r for r in many[small.arak.pk]}
    assert arak[divorce_rate.pk].value == Decimal("1.2000") and arak[divorce_rate.pk].met is False
    assert arak[addiction_camps.pk].value == Decimal("12.0000") and arak[addiction_camps.pk].met is True
    province = {r.indicator_id: r for r in many[world.province.pk]}
    assert province[addiction_camps.pk].aggregate.reported == 2
    assert province[addiction_camps.pk].aggregate.expected == 3


def test_territories_by_code_or_name_with_or_without_county_prefix(world, small, addiction_camps):
    result = enter(world, addiction_camps, S1, [Row("اراک", value=1), Row(small.saveh.code, value=2)])
    assert {v.territory_id for v in result.values} == {small.arak.pk, small.saveh.pk}
