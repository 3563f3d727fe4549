"""Defining indicators, setting targets and closing a period from the pages: who may, what is checked
(Persian digits, ranges, stale versions), and that a refusal writes nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from peygir.core.jalali import today as local_date
from peygir.programs import approvals, closures, duties
from peygir.programs import indicators as definitions
from peygir.programs.models import Indicator, IndicatorTarget, IndicatorValue, IndicatorVersion, PeriodClosure
from peygir.programs.periods import SEASON, Period
from peygir.programs.values import BulkError, Row, values_enter
from tests.auth import sign_in

S1 = Period(SEASON, 1403, 1)


@pytest.fixture
def program(world):
    return duties.program_create(
        user=None,
        title="راهبرد کنترل اعتیاد استان",
        theme="addiction",
        territory=world.province,
        owner=world.office,
        start_year=1402,
        end_year=1405,
    )


def definition(**changes):
    data = {
        "code": "ADD-7",
        "name": "شمار معتادان بهبودیافته",
        "theme": "addiction",
        "kind": "number",
        "direction": "higher",
        "unit": "نفر",
        "entry_level": "county",
        "period_type": "season",
        "time_aggregation": "sum",
        "min_value": "۰",
        "max_value": "۱۰٬۰۰۰",
        "disaggregations": "جنس: زن، مرد",
    }
    data.update(changes)
    return data


# ---------------------------------------------------------------- defining


def test_a_program_manager_defines_an_indicator_for_their_program(client, world, program):
    sign_in(client, world.users["office_staff"])
    page = client.get(reverse("web:indicator_create") + f"?program={program.pk}")
    assert page.status_code == 200 and program.title in page.content.decode()
    response = client.post(reverse("web:indicator_create"), definition(program=program.pk))
    assert response.status_code == 302
    indicator = Indicator.objects.get(code="ADD-7")
    version = indicator.current_version
    assert indicator.program == program and version.number == 1
    assert (version.min_value, version.max_value) == (Decimal(0), Decimal(10_000))  # Persian digits
    assert version.disaggregations == {"جنس": ["زن", "مرد"]}


def test_without_a_program_only_national_staff_define(client, world, program):
    sign_in(client, world.users["office_staff"])
    response = client.post(reverse("web:indicator_create"), definition())
    assert response.status_code == 400 and "برنامه" in response.content.decode()
    assert not Indicator.objects.filter(code="ADD-7").exists()
    sign_in(client, world.users["national"])
    assert client.post(reverse("web:indicator_create"), definition()).status_code == 302
    assert Indicator.objects.get(code="ADD-7").program is None


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"min_value": "۵۰", "max_value": "۱۰"}, "بیشینه کمتر از کمینه است"),
        ({"max_value": "ده"}, "عدد نیست"),
        ({"disaggregations": "جنس زن مرد"}, "جنس: زن، مرد"),
        ({"kind": "number", "numerator_label": "بهبودیافتگان"}, "صورت و مخرج ندارد"),
        ({"theme": "nonsense"}, "nonsense"),
        ({"jump_percent": "۹۹۹۹۹۹۹۹۹۹۹۹"}, ""),
    ],
)
def test_bad_definitions_are_refused_with_a_message_and_nothing_written(client, world, changes, message):
    sign_in(client, world.users["national"])
    response = client.post(reverse("web:indicator_create"), definition(**changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Indicator.objects.filter(code="ADD-7").exists()


def test_a_repeated_code_is_refused(client, world):
    sign_in(client, world.users["national"])
    assert client.post(reverse("web:indicator_create"), definition()).status_code == 302
    response = client.post(reverse("web:indicator_create"), definition(name="دیگری"))
    assert response.status_code == 400 and "شاخصی با این کد هست" in response.content.decode()
    assert Indicator.objects.filter(code="ADD-7").count() == 1


def test_others_may_not_define(client, world, program):
    for persona in ("liaison", "ngo", "facilitator"):
        sign_in(client, world.users[persona])
        assert client.get(reverse("web:indicator_create")).status_code == 404
        assert client.post(reverse("web:indicator_create"), definition(program=program.pk)).status_code == 404
    # Another province's office cannot pick this province's program.
    sign_in(client, world.users["foreign_staff"])
    assert client.post(reverse("web:indicator_create"), definition(program=program.pk)).status_code == 400
    assert not Indicator.objects.filter(code="ADD-7").exists()


# ---------------------------------------------------------------- editing


def _define(world, program):
    return definitions.indicator_create(
        user=world.users["office_staff"], code="ADD-7", name="بهبودیافتگان", theme="addiction",
        program=program, kind="number", direction="higher", period_type="season", min_value=0,
    )  # fmt: skip


def edit_data(indicator, **changes):
    version = indicator.current_version
    data = definition(name="شمار بهبودیافتگان", version=version.pk)
    data.pop("code")
    data.update(changes)
    return data


def test_editing_before_values_corrects_the_definition_in_place(client, world, program):
    indicator = _define(world, program)
    sign_in(client, world.users["office_staff"])
    assert client.get(reverse("web:indicator_edit", args=[indicator.pk])).status_code == 200
    response = client.post(
        reverse("web:indicator_edit", args=[indicator.pk]), edit_data(indicator, unit="نفر")
    )
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.name == "شمار بهبودیافتگان"
    assert IndicatorVersion.objects.filter(indicator=indicator).count() == 1
    assert indicator.current_version.unit == "نفر" and indicator.current_version.max_value == 10_000


def test_editing_after_values_makes_a_new_version_and_values_keep_theirs(client, world, program):
    indicator = _define(world, program)
    first = indicator.current_version
    values_enter(
        user=world.users["office_staff"], indicator=indicator, period=S1, rows=[Row(world.county, value=5)]
    )
    sign_in(client, world.users["office_staff"])
    response = client.post(
        reverse("web:indicator_edit", args=[indicator.pk]), edit_data(indicator, unit="نفر")
    )
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.current_version.number == 2 and indicator.current_version.unit == "نفر"
    assert IndicatorValue.objects.get(indicator=indicator).version == first
    first.refresh_from_db()
    assert first.unit == ""  # the old definition is untouched


def test_a_stale_edit_is_refused(client, world, program):
    indicator = _define(world, program)
    stale = edit_data(indicator, unit="نفر")
    definitions.indicator_new_version(user=world.users["national"], indicator=indicator, note="بازبینی ملی")
    sign_in(client, world.users["office_staff"])
    response = client.post(reverse("web:indicator_edit", args=[indicator.pk]), stale)
    assert response.status_code == 400 and "کاربر دیگری تغییر کرده" in response.content.decode()
    indicator.refresh_from_db()
    assert indicator.name == "بهبودیافتگان" and indicator.current_version.unit == ""


def test_only_national_staff_and_the_programs_managers_edit(client, world, program):
    indicator = _define(world, program)
    for persona in ("foreign_staff", "county_deputy", "liaison"):
        sign_in(client, world.users[persona])
        url = reverse("web:indicator_edit", args=[indicator.pk])
        assert client.post(url, edit_data(indicator)).status_code == 404
    sign_in(client, world.users["national"])
    assert client.get(reverse("web:indicator_edit", args=[indicator.pk])).status_code == 200
    indicator.refresh_from_db()
    assert indicator.name == "بهبودیافتگان"
    assert client.get(reverse("web:indicator_edit", args=[10**20])).status_code == 404


# ---------------------------------------------------------------- targets


def test_targets_from_the_page_with_persian_digits_and_versions(client, world, program):
    indicator = _define(world, program)
    url = reverse("web:indicator_targets", args=[indicator.pk])
    sign_in(client, world.users["office_staff"])
    new = {"territory": world.province.pk, "year": "۱۴۰۴", "value": "۱٬۲۵۰٫۵", "goal": "", "version": "0"}
    assert client.post(url, new).status_code == 302
    target = IndicatorTarget.objects.get(indicator=indicator)
    assert (target.year, target.value, target.version) == (1404, Decimal("1250.5"), 1)
    # The same target again as "new": refused, not overwritten.
    response = client.post(url, {**new, "value": "۹"})
    assert response.status_code == 400 and "پیش‌تر ثبت شده" in response.content.decode()
    # An edit names the version it read.
    edit = {
        "territory": world.province.pk,
        "year": "1404",
        "value": "1300",
        "target": target.pk,
        "version": "1",
    }
    assert client.get(url + f"?edit={target.pk}").status_code == 200
    assert client.post(url, edit).status_code == 302
    target.refresh_from_db()
    assert (target.value, target.version, target.updated_by) == (
        Decimal(1300),
        2,
        world.users["office_staff"],
    )
    # The same form sent again is stale now.
    response = client.post(url, {**edit, "value": "1"})
    assert response.status_code == 400 and "کاربر دیگری تغییر کرده" in response.content.decode()
    target.refresh_from_db()
    assert target.value == Decimal(1300)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"value": "-۵"}, "کمتر از کمینه"),
        ({"value": "پنج"}, "عدد نیست"),
        ({"value": "1" * 30}, "بزرگ"),
        ({"year": "۹۹"}, "سال شمسی نامعتبر"),
        ({"year": "1399x"}, "سال شمسی نامعتبر"),
    ],
)
def test_bad_targets_are_refused(client, world, program, changes, message):
    indicator = _define(world, program)
    sign_in(client, world.users["office_staff"])
    data = {"territory": world.province.pk, "year": "1404", "value": "10", "version": "0", **changes}
    response = client.post(reverse("web:indicator_targets", args=[indicator.pk]), data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not IndicatorTarget.objects.exists()


def test_a_goal_outside_the_programs_years_is_refused(world, program):
    indicator = _define(world, program)
    goal = duties.goal_add(user=None, program=program, title="کاهش اعتیاد")
    with pytest.raises(definitions.ValidationError):
        definitions.target_set(user=world.users["office_staff"], indicator=indicator, territory=world.province,
                               year=1410, value=5, goal=goal)  # fmt: skip
    assert not IndicatorTarget.objects.exists()


def test_targets_are_set_only_where_one_manages(client, world, program):
    indicator = _define(world, program)
    url = reverse("web:indicator_targets", args=[indicator.pk])
    data = {"territory": world.province.pk, "year": "1404", "value": "10", "version": "0"}
    sign_in(client, world.users["liaison"])
    assert client.get(url).status_code == 200
    assert client.post(url, data).status_code == 404
    sign_in(client, world.users["foreign_staff"])  # another province: not among their territories
    assert client.post(url, data).status_code == 400
    sign_in(client, world.users["county_deputy"])  # their county yes, the province no
    assert client.post(url, data).status_code == 400
    assert client.post(url, {**data, "territory": world.county.pk}).status_code == 302
    assert list(IndicatorTarget.objects.values_list("territory_id", flat=True)) == [world.county.pk]


def test_the_target_list_costs_the_same_whatever_its_length(
    client, world, program, django_assert_max_num_queries
):
    from tests.programs.factories import IndicatorTargetFactory

    indicator = _define(world, program)
    for year in range(1380, 1405):
        IndicatorTargetFactory(indicator=indicator, territory=world.province, year=year)
    sign_in(client, world.users["office_staff"])
    with django_assert_max_num_queries(16):
        response = client.get(reverse("web:indicator_targets", args=[indicator.pk]))
    assert response.status_code == 200 and "۱۴۰۴" in response.content.decode()


# ---------------------------------------------------------------- closing a period


@pytest.fixture
def camps(world):
    from tests.programs.factories import indicator

    return indicator(
        indicator__name="شمار پذیرش در مراکز ماده ۱۶", indicator__theme="addiction", kind="number",
        direction="lower", period_type="season",
    )  # fmt: skip


def test_closing_lists_what_is_missing_and_records_it(client, world, small, camps):
    values_enter(
        user=world.users["office_staff"], indicator=camps, period=S1, rows=[Row(small.arak, value=4)]
    )
    url = reverse("web:period_closure", args=[world.province.pk]) + "?period=1403-S1"
    sign_in(client, world.users["office_staff"])
    page = client.get(url).content.decode()
    assert "ساوه" in page and "خمین" in page
    response = client.post(url, {"period": "1403-S1", "reason": "پایان مهلت گزارش فصل بهار"})
    assert response.status_code == 302
    closure = PeriodClosure.objects.get(territory=world.province, year=1403, number=1)
    assert closure.closed_by == world.users["office_staff"]
    mine = next(m for m in closure.missing if m["indicator"] == camps.pk)
    assert sorted(mine["territories"]) == sorted(["ساوه", "خمین"]) and mine["count"] == 2
    # Entering later keeps the record of the closing as it was — and is refused anyway.
    with pytest.raises(BulkError):
        values_enter(
            user=world.users["office_staff"], indicator=camps, period=S1, rows=[Row(small.saveh, value=1)]
        )
    closure.refresh_from_db()
    assert closure.missing_count >= 2
    # Closing again: a message, nothing new.
    response = client.post(url, {"period": "1403-S1"})
    assert response.status_code == 400 and "پیش‌تر بسته شده" in response.content.decode()
    assert PeriodClosure.objects.filter(territory=world.province).count() == 1


def test_the_closing_form_refuses_a_stale_page_and_a_period_not_over(client, world, small, camps):
    import re

    from peygir.programs.periods import period_of

    url = reverse("web:period_closure", args=[world.province.pk]) + "?period=1403-S1"
    sign_in(client, world.users["office_staff"])
    page = client.get(url).content.decode()
    version = re.search(r'name="version" value="(\d+)"', page).group(1)
    # A county deputy enters a value while the page is open: it no longer shows what would be kept.
    values_enter(
        user=world.users["county_deputy"], indicator=camps, period=S1, rows=[Row(small.arak, value=4)]
    )
    stale = client.post(url, {"period": "1403-S1", "version": version})
    assert stale.status_code == 400 and "دوباره بخوانید" in stale.content.decode()
    assert not PeriodClosure.objects.exists()
    # The refusal shows the list as it is now, with its version: sent again, it closes.
    fresh = re.search(r'name="version" value="(\d+)"', stale.content.decode()).group(1)
    assert fresh != version
    assert client.post(url, {"period": "1403-S1", "version": fresh}).status_code == 302
    current = period_of(local_date(), SEASON).key
    running = reverse("web:period_closure", args=[world.province.pk]) + f"?period={current}"
    response = client.post(running, {"period": current})
    assert response.status_code == 400 and "به پایان نرسیده" in response.content.decode()
    assert PeriodClosure.objects.count() == 1


def test_closing_is_for_the_provinces_approvers(client, world, small, camps):
    url = reverse("web:period_closure", args=[world.province.pk]) + "?period=1403-S1"
    for persona in ("county_deputy", "liaison", "foreign_staff"):
        sign_in(client, world.users[persona])
        assert client.post(url, {"period": "1403-S1"}).status_code == 404
    sign_in(client, world.users["inspector"])  # reads the province, does not approve there
    assert client.get(url).status_code == 200
    assert client.post(url, {"period": "1403-S1"}).status_code == 404
    sign_in(client, world.users["office_staff"])
    county_url = reverse("web:period_closure", args=[world.county.pk])
    assert client.get(county_url).status_code == 404  # a county does not close periods
    assert client.get(url.replace("1403-S1", "1403-S9")).status_code == 404
    response = client.post(url.replace("1403-S1", "1499-S1"), {"period": "1499-S1"})
    assert response.status_code == 400 and "آغاز نشده" in response.content.decode()
    assert not PeriodClosure.objects.filter(territory=world.province).exists()


def test_after_closing_only_a_returned_value_is_corrected_once(client, world, small, camps):
    office = world.users["office_staff"]
    values_enter(
        user=office, indicator=camps, period=S1, rows=[Row(small.arak, value=4), Row(small.saveh, value=6)]
    )
    approvals.values_approve(user=world.users["county_deputy"], indicators=[camps], territory=small.arak,
                             period=S1, level="county")  # fmt: skip
    closures.period_close(user=office, province=world.province, period=S1, reason="پایان مهلت")
    arak = IndicatorValue.objects.get(indicator=camps, territory=small.arak)
    saveh = IndicatorValue.objects.get(indicator=camps, territory=small.saveh)
    for row in (Row(small.arak, value=5), Row(small.saveh, value=7)):
        with pytest.raises(BulkError):
            values_enter(user=office, indicator=camps, period=S1, rows=[row])
    # The county deputy returns the approved value: the return opens it for one correction.
    approvals.value_reopen(user=world.users["county_deputy"], value=arak, reason="اشتباه در شمارش")
    values_enter(user=office, indicator=camps, period=S1, rows=[Row(small.arak, value=5)])
    with pytest.raises(BulkError) as caught:
        values_enter(user=office, indicator=camps, period=S1, rows=[Row(small.arak, value=8)])
    assert "بسته شده" in caught.value.rows[1][0]
    arak.refresh_from_db()
    assert arak.value == 5
    # A draft value of the closed period: only the province's approvers open it (a county deputy may not).
    sign_in(client, world.users["county_deputy"])
    reopen = reverse("web:value_reopen", args=[saveh.pk])
    assert client.post(reopen, {"reason": "اصلاح"}).status_code == 404
    sign_in(client, office)
    history = client.get(reverse("web:value_history", args=[saveh.pk])).content.decode()
    assert "بسته شده" in history and "بازگرداندن برای اصلاح" in history
    assert client.post(reopen, {"reason": "اصلاح پس از بستن دوره"}).status_code == 302
    values_enter(user=office, indicator=camps, period=S1, rows=[Row(small.saveh, value=7)])
    saveh.refresh_from_db()
    assert saveh.value == 7 and list(saveh.events.values_list("kind", flat=True)) == [
        "entered",
        "reopened",
        "changed",
    ]


def test_the_closure_page_costs_the_same_whatever_the_number_of_closings(
    client, world, small, camps, django_assert_max_num_queries
):
    from tests.programs.factories import PeriodClosureFactory

    for year in range(1390, 1400):
        PeriodClosureFactory(territory=world.province, year=year, closed_by=world.users["office_staff"])
    sign_in(client, world.users["office_staff"])
    with django_assert_max_num_queries(16):
        response = client.get(reverse("web:period_closure", args=[world.province.pk]) + "?period=1403-S1")
    assert response.status_code == 200 and "۱۳۹۹" in response.content.decode()
