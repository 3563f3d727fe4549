"""The report of a value (the day it was entered, the day it was due, who answers for it) and the
closing of a period on a given day: a period closes once it is over, and the closing keeps, per
indicator and territory, what it expected."""

import datetime as dt

import pytest
from django.utils import timezone

from peygir.core.errors import ConflictError, ValidationError
from peygir.programs import closures, indicators
from peygir.programs.models import ExpectedValue, IndicatorValue, PeriodClosure
from peygir.programs.periods import MONTH, SEASON, Period
from peygir.programs.values import Row, values_enter
from tests import factories as f
from tests.programs.factories import indicator

pytestmark = pytest.mark.django_db

S1 = Period(SEASON, 1403, 1)  # 2024-03-20 … 2024-06-20
M01 = Period(MONTH, 1403, 1)  # 2024-03-20 … 2024-04-19


@pytest.fixture
def camps(world):
    """A seasonal count reported by the agency (its reporting organization)."""
    ind = indicator(indicator__name="شمار پذیرش در مراکز ماده ۱۶", kind="number", direction="lower",
                    period_type="season")  # fmt: skip
    ind.responsible = world.agency
    ind.save(update_fields=["responsible"])
    return ind


@pytest.fixture
def visits(world):
    """A monthly count naming no reporting organization: each county governorate answers for its own."""
    return indicator(indicator__name="شمار بازدید از مراکز نگهداری", kind="number", direction="higher",
                     period_type="month", grace_days=10)  # fmt: skip


def test_a_value_keeps_the_day_it_was_entered_its_due_date_and_who_answers(world, small, camps, visits):
    values_enter(user=None, indicator=camps, period=S1, rows=[Row(small.arak, value=3)],
                 today=dt.date(2024, 7, 1))  # fmt: skip
    value = IndicatorValue.objects.get(indicator=camps)
    # due 15 days (the default grace) after the season's last day, 2024-06-20
    assert (value.reported_on, value.due_on, value.reporter) == (
        dt.date(2024, 7, 1),
        dt.date(2024, 7, 5),
        world.agency,
    )
    saveh_deputies = f.OrganizationFactory(kind="county_governorate", territory=small.saveh)
    values_enter(user=None, indicator=visits, period=M01,
                 rows=[Row(small.arak, value=2), Row(small.saveh, value=5), Row(small.khomein, value=1)],
                 today=dt.date(2024, 5, 2))  # fmt: skip
    by_place = {v.territory_id: v for v in IndicatorValue.objects.filter(indicator=visits)}
    assert by_place[small.arak.pk].reporter == world.county_gov
    assert by_place[small.saveh.pk].reporter == saveh_deputies
    assert by_place[small.khomein.pk].reporter is None  # no governorate there
    assert by_place[small.arak.pk].due_on == dt.date(2024, 4, 29)  # this definition's grace: 10 days
    # A correction later keeps the report as it came.
    values_enter(user=None, indicator=camps, period=S1, rows=[Row(small.arak, value=4)],
                 today=dt.date(2024, 9, 1))  # fmt: skip
    value.refresh_from_db()
    assert (value.value, value.reported_on) == (4, dt.date(2024, 7, 1))


def test_the_grace_is_part_of_the_definition(world, camps):
    version = indicators.indicator_new_version(user=None, indicator=camps, grace_days=30)
    assert version.grace_days == 30 and version.due_on(S1) == dt.date(2024, 7, 20)
    with pytest.raises(ValidationError):
        indicators.indicator_new_version(user=None, indicator=camps, grace_days=400)


def test_a_period_closes_only_once_it_is_over(world, small, camps):
    office = world.users["office_staff"]
    with pytest.raises(ValidationError) as caught:
        closures.period_close(user=office, province=world.province, period=S1, today=dt.date(2024, 3, 1))
    assert "آغاز نشده" in " ".join(caught.value.messages)
    for day in (dt.date(2024, 5, 1), S1.end):  # under way, and its very last day
        with pytest.raises(ValidationError) as caught:
            closures.period_close(user=office, province=world.province, period=S1, today=day)
        assert "به پایان نرسیده" in " ".join(caught.value.messages)
    assert not PeriodClosure.objects.exists()
    closure = closures.period_close(
        user=office, province=world.province, period=S1, today=dt.date(2024, 6, 21)
    )
    assert closure.pk and closure.missing_count == 3


def test_the_closing_keeps_what_it_expected_per_indicator_and_territory(world, small, camps, visits):
    office = world.users["office_staff"]
    values_enter(user=None, indicator=camps, period=S1, rows=[Row(small.arak, value=3), Row(small.saveh, value=1)],
                 today=dt.date(2024, 7, 1))  # fmt: skip
    closure = closures.period_close(user=office, province=world.province, period=S1, reason="پایان مهلت",
                                    today=dt.date(2024, 7, 10))  # fmt: skip
    rows = {(e.indicator_id, e.territory_id): e for e in ExpectedValue.objects.filter(closure=closure)}
    # Only the seasonal indicator; its three counties, one of them missing.
    assert set(rows) == {(camps.pk, small.arak.pk), (camps.pk, small.saveh.pk), (camps.pk, small.khomein.pk)}
    assert [rows[(camps.pk, t.pk)].reported for t in (small.arak, small.saveh, small.khomein)] == [
        True,
        True,
        False,
    ]
    missing = rows[(camps.pk, small.khomein.pk)]
    assert (missing.reporter, missing.due_on, missing.territory_path) == (
        world.agency,
        dt.date(2024, 7, 5),
        small.khomein.path,
    )
    assert closure.missing_count == 1 == sum(not e.reported for e in rows.values())


def test_a_closing_refuses_a_stale_version(world, small, camps):
    office = world.users["office_staff"]
    read = closures.period_version(world.province, S1)
    values_enter(user=None, indicator=camps, period=S1, rows=[Row(small.arak, value=3)])
    assert closures.period_version(world.province, S1) == read + 1
    with pytest.raises(ConflictError):
        closures.period_close(user=office, province=world.province, period=S1, expected_version=read)
    assert not PeriodClosure.objects.exists() and not ExpectedValue.objects.exists()
    closures.period_close(user=office, province=world.province, period=S1, expected_version=read + 1)
    with pytest.raises(ValidationError) as caught:  # closed before: said so, whatever the version
        closures.period_close(user=office, province=world.province, period=S1, expected_version=read + 1)
    assert "پیش‌تر بسته شده" in " ".join(caught.value.messages)
    assert PeriodClosure.objects.count() == 1


def test_the_migration_fills_the_report_of_earlier_values(world, small, camps, visits):
    """Values written before the report existed get it from their history (migration 0006)."""
    import importlib
    from types import SimpleNamespace

    from django.apps import apps
    from django.db import connection
    from django.utils import timezone

    from peygir.programs.models import ValueEvent

    migration = importlib.import_module("peygir.programs.migrations.0006_backfill_reports")
    values_enter(user=None, indicator=camps, period=S1, rows=[Row(small.arak, value=3)])
    values_enter(
        user=None, indicator=visits, period=M01, rows=[Row(small.arak, value=1), Row(small.saveh, value=2)]
    )
    values_enter(user=None, indicator=visits, period=M01, rows=[Row(small.arak, value=5)])  # changed later
    arak = IndicatorValue.objects.get(indicator=visits, territory=small.arak)
    ValueEvent.objects.filter(value=arak, kind="entered").update(
        created_at=dt.datetime(2024, 4, 25, 8, tzinfo=dt.UTC)
    )
    IndicatorValue.objects.update(reported_on=None, due_on=None, reporter=None)
    migration.backfill_reports(apps, SimpleNamespace(connection=connection))
    arak.refresh_from_db()
    # the day of its "entered" event (Tehran), not of its later change; due 15 days after the month
    assert (arak.reported_on, arak.due_on, arak.reporter) == (
        dt.date(2024, 4, 25),
        dt.date(2024, 5, 4),
        world.county_gov,
    )
    saveh = IndicatorValue.objects.get(indicator=visits, territory=small.saveh)
    assert saveh.reporter is None and saveh.reported_on == timezone.localdate(saveh.entered_at)
    spring = IndicatorValue.objects.get(indicator=camps)
    assert (spring.due_on, spring.reporter) == (dt.date(2024, 7, 5), world.agency)


def _on(day: dt.date):
    """Within the block the clock reads `day` (a version's `created_at` is the day it was made)."""
    from unittest import mock

    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(10)))
    return mock.patch("django.utils.timezone.now", return_value=moment)


def test_one_due_date_per_period_moved_only_while_it_runs(world, small, visits):
    """visits (monthly, grace 10) defined 2024-03-01: M01 ends 2024-04-19, due 04-29. A definition made
    on 04-25 (grace 30) moves the running deadline to 05-19 for every report of M01 — the value already
    in too; one made on 06-01 (grace 5) no longer moves it, and the closing records the same date."""
    from peygir.programs.models import IndicatorVersion
    from peygir.programs.reporting import Deadlines

    IndicatorVersion.objects.filter(indicator=visits).update(
        created_at=timezone.make_aware(dt.datetime(2024, 3, 1, 9))
    )
    values_enter(user=None, indicator=visits, period=M01, rows=[Row(small.arak, value=2)],
                 today=dt.date(2024, 4, 22))  # fmt: skip
    arak = IndicatorValue.objects.get(indicator=visits, territory=small.arak)
    assert arak.due_on == dt.date(2024, 4, 29)
    with _on(dt.date(2024, 4, 25)):
        indicators.indicator_new_version(user=None, indicator=visits, grace_days=30)
    arak.refresh_from_db()
    assert arak.due_on == dt.date(2024, 5, 19)  # the deadline ran: moved for the value already in
    values_enter(user=None, indicator=visits, period=M01, rows=[Row(small.saveh, value=1)],
                 today=dt.date(2024, 5, 10))  # fmt: skip
    with _on(dt.date(2024, 6, 1)):
        indicators.indicator_new_version(user=None, indicator=visits, grace_days=5)
    dues = set(IndicatorValue.objects.filter(indicator=visits).values_list("due_on", flat=True))
    assert dues == {dt.date(2024, 5, 19)}  # passed before: never moved again
    deadlines = Deadlines.load([visits.pk])
    assert deadlines.due_on(visits.pk, M01) == dt.date(2024, 5, 19)
    assert deadlines.due_on(visits.pk, Period(MONTH, 1403, 3)) == dt.date(2024, 6, 25)  # 06-20 + 5
    closure = closures.period_close(user=None, province=world.province, period=M01, today=dt.date(2024, 6, 2))
    assert set(ExpectedValue.objects.filter(closure=closure).values_list("due_on", flat=True)) == {
        dt.date(2024, 5, 19)
    }


def test_a_new_deadline_with_values_reported_is_a_new_version(world, small, camps):
    """Corrected in place, a deadline would count from the day its version was made; with values
    reported (under an earlier version) the edit makes a new version — the day the deadline moved."""
    values_enter(user=None, indicator=camps, period=S1, rows=[Row(small.arak, value=3)],
                 today=dt.date(2024, 7, 1))  # fmt: skip
    second = indicators.indicator_new_version(user=None, indicator=camps, unit="نفر")  # no value under it
    camps.refresh_from_db()
    edited = indicators.indicator_edit(
        user=None, indicator=camps, expected_version=second.pk, name=camps.name, theme=camps.theme,
        responsible=camps.responsible, grace_days=40,
    )  # fmt: skip
    assert edited.number == second.number + 1 and edited.grace_days == 40
    second.refresh_from_db()
    assert second.grace_days == 15
    # Any other change of a version without values is still made in place.
    again = indicators.indicator_edit(
        user=None, indicator=camps, expected_version=edited.pk, name=camps.name, theme=camps.theme,
        responsible=camps.responsible, unit="مورد",
    )  # fmt: skip
    assert again.pk == edited.pk


def test_a_reporting_organization_answers_for_its_own_territory_only(world, small, camps):
    """camps is reported by an agency of Markazi: in Yazd its reports answer to the county's governing
    organization (or to nobody where there is none), never to Markazi's agency."""
    from peygir.programs.models import IndicatorVersion
    from peygir.programs.report_status import Scope, report_counts

    yazd_gov = f.OrganizationFactory(kind="county_governorate", territory=small.yazd)
    ardakan = f.make_territory("county", world.other_province, "اردکان")  # no governorate
    IndicatorVersion.objects.filter(indicator=camps).update(
        created_at=timezone.make_aware(dt.datetime(2024, 3, 1))
    )
    values_enter(user=None, indicator=camps, period=S1, rows=[Row(small.arak, value=3), Row(small.yazd, value=1)],
                 today=dt.date(2024, 7, 1))  # fmt: skip
    reporter = dict(IndicatorValue.objects.filter(indicator=camps).values_list("territory_id", "reporter_id"))
    assert reporter == {small.arak.pk: world.agency.pk, small.yazd.pk: yazd_gov.pk}
    # As of 2024-07-10 (S1 due 07-05, open): Markazi's three counties are the agency's, one entered.
    counts = report_counts(S1, dt.date(2024, 7, 10), Scope(), by="reporter")
    assert (counts[world.agency.pk].reports, counts[world.agency.pk].missing) == (3, 2)
    assert (counts[yazd_gov.pk].reports, counts[yazd_gov.pk].on_time) == (1, 1)
    whole = report_counts(S1, dt.date(2024, 7, 10), Scope())[None]
    assert (whole.reports, whole.submitted, whole.on_time) == (5, 2, 2)  # Ardakan's missing: nobody's
    yazd = report_counts(S1, dt.date(2024, 7, 10), Scope(path=world.other_province.path))[None]
    assert (yazd.reports, yazd.missing) == (2, 1) and ardakan.pk
