"""demand_report on a constructed month: every number, per office and per agency, scoped by user."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from peygir.core.errors import ValidationError
from peygir.demands.reports import demand_report, demand_report_with_total
from peygir.organizations.access import forget_scope

from .dataset import PERIOD, build

pytestmark = pytest.mark.django_db


def _report(user, data, group_by="office"):
    return demand_report_with_total(
        user=user,
        group_by=group_by,
        period_from=PERIOD[0],
        period_to=PERIOD[1],
        horizon=data.horizon,
        calendar=data.calendar,
    )


def _numbers(row):
    return (
        row.received,
        row.routed,
        row.resolved,
        row.verified,
        row.overdue,
        row.median_days,
        row.rating_avg,
        row.rating_count,
    )


def test_by_office(world, offices):
    data = build(world, offices)
    rows, total = _report(world.users["office_staff"], data)
    by_key = {r.key: r for r in rows}
    # d1..d7 (d8 unconfirmed, d9 outside the period, d11 merged); medians 1, 2 and 6 working days.
    assert _numbers(by_key[offices.office.pk]) == (7, 6, 4, 3, 1, 2.0, 3.0, 2)
    assert by_key[offices.office.pk].label == offices.office.organization.name
    assert _numbers(by_key[offices.other_office.pk]) == (1, 1, 0, 0, 0, None, None, 0)
    assert _numbers(total) == (8, 7, 4, 3, 1, 2.0, 3.0, 2)


def test_by_agency_with_the_triage_row(world, offices):
    data = build(world, offices)
    rows, total = _report(world.users["office_staff"], data, "agency")
    by_key = {r.key: r for r in rows}
    assert _numbers(by_key[world.agency.pk]) == (5, 5, 3, 2, 1, 4.0, 3.0, 2)
    assert _numbers(by_key[world.other_agency.pk]) == (2, 2, 1, 1, 0, 1.0, None, 0)
    assert by_key[None].label == "در صف تعیین مسئول" and by_key[None].received == 1
    assert total.received == 8


def test_by_category(world, offices):
    data = build(world, offices)
    rows = demand_report(
        user=world.users["office_staff"],
        group_by="category",
        period_from=PERIOD[0],
        period_to=PERIOD[1],
        horizon=data.horizon,
        calendar=data.calendar,
    )
    assert {r.label: r.received for r in rows} == {"آموزش": 4, "سلامت": 4}


def test_median_counts_working_days_over_the_holiday(world, offices):
    data = build(world, offices)
    rows, _total = _report(world.users["office_staff"], data, "agency")
    agency_row = next(r for r in rows if r.key == world.agency.pk)
    # Sat 1 June → Wed 5 June over the 3–4 June holidays: 2 working days; → Mon 10 June: 6.
    assert agency_row.durations == [2, 6]


@pytest.mark.parametrize(
    ("persona", "received"),
    [("facilitator", 7), ("other_facilitator", 1), ("liaison", 5), ("governor", 8), ("foreign_staff", 0)],
)
def test_report_is_scoped_by_who_reads_it(world, offices, persona, received):
    data = build(world, offices)
    user = offices.users.get(persona) or world.users[persona]
    forget_scope(user)
    _rows, total = _report(user, data)
    assert total.received == received


def test_bad_period_and_grouping_are_refused(world):
    with pytest.raises(ValidationError):
        demand_report(
            user=world.users["office_staff"], group_by="office", period_from=PERIOD[1], period_to=PERIOD[0]
        )
    with pytest.raises(ValidationError):
        demand_report(user=world.users["office_staff"], group_by="citizen", period_from=None, period_to=None)


def test_query_count_is_constant(world, offices):
    data = build(world, offices)
    user = world.users["office_staff"]
    _report(user, data)  # warm the user's scope
    with CaptureQueriesContext(connection) as small:
        _report(user, data, "agency")
    build(world, offices)  # twice the demands, new categories
    with CaptureQueriesContext(connection) as large:
        rows, total = _report(user, data, "agency")
    assert total.received == 16
    assert len(large) == len(small) <= 3
