"""The working calendar (Friday weekend, Iran's official holidays, the office's corrections) and Horizon."""

import datetime as dt

import pytest

from peygir.actions.models import Action
from peygir.actions.selectors import Horizon, action_list
from peygir.core.models import CalendarOverride
from peygir.core.workdays import WorkingCalendar

from .helpers import make_action

NOWRUZ = dt.date(2024, 3, 20)  # 1 Farvardin 1403, a Wednesday
ORDINARY_WEDNESDAY = dt.date(2023, 11, 15)


@pytest.fixture(autouse=True)
def friday_weekend(settings):
    settings.PEYGIR_WEEKEND = [4]
    settings.PEYGIR_DUE_SOON_DAYS = 5


def test_friday_is_the_weekend(db):
    calendar = WorkingCalendar()
    assert calendar.is_holiday(dt.date(2023, 11, 17))  # Friday
    assert calendar.is_working_day(dt.date(2023, 11, 16))  # Thursday
    assert calendar.is_working_day(dt.date(2023, 11, 18))  # Saturday


def test_nowruz_is_an_official_holiday(db):
    calendar = WorkingCalendar()
    assert calendar.is_holiday(NOWRUZ)
    assert calendar.is_working_day(ORDINARY_WEDNESDAY)


def test_the_office_corrects_the_calendar_both_ways(db):
    CalendarOverride.objects.create(date=NOWRUZ, is_holiday=False, title="کشیک نوروزی")
    CalendarOverride.objects.create(date=ORDINARY_WEDNESDAY, is_holiday=True, title="تعطیلی آلودگی هوا")
    calendar = WorkingCalendar()
    assert calendar.is_working_day(NOWRUZ)
    assert calendar.is_holiday(ORDINARY_WEDNESDAY)


def test_add_working_days_steps_over_holidays(db):
    calendar = WorkingCalendar()
    # Mon 18 Mar 2024 + 1 working day: 19 (oil nationalization), 20–23 (Nowruz, Friday) are holidays.
    assert calendar.add_working_days(dt.date(2024, 3, 18), 1) == dt.date(2024, 3, 24)
    assert calendar.add_working_days(dt.date(2024, 3, 24), -1) == dt.date(2024, 3, 18)
    # Thursday + 1 skips the Friday.
    assert calendar.add_working_days(dt.date(2023, 11, 16), 1) == dt.date(2023, 11, 18)
    assert calendar.working_days_between(dt.date(2024, 3, 18), dt.date(2024, 3, 24)) == 1


def test_an_override_changes_the_arithmetic(db):
    CalendarOverride.objects.create(date=dt.date(2024, 3, 19), is_holiday=False)
    assert WorkingCalendar().add_working_days(dt.date(2024, 3, 18), 1) == dt.date(2024, 3, 19)


def test_horizon_overdue_and_due_soon(world):
    today = dt.date(2023, 11, 11)  # Saturday
    horizon = Horizon.for_day(today, WorkingCalendar())
    # Five working days after Sat 11 Nov skip Friday 17 Nov: Thursday 16 Nov.
    assert horizon.due_soon_until == dt.date(2023, 11, 16)
    late = make_action(world, deadline=dt.date(2023, 11, 10), title="دیرکرد")
    soon = make_action(world, deadline=dt.date(2023, 11, 16), title="نزدیک")
    later = make_action(world, deadline=dt.date(2023, 11, 18), title="دور")
    done = make_action(world, deadline=dt.date(2023, 11, 1), title="گزارش‌شده")
    Action.objects.filter(pk=done.pk).update(status=Action.Status.REPORTED_DONE)
    done.refresh_from_db()
    assert [horizon.state(a) for a in (late, soon, later, done)] == ["overdue", "due_soon", "", ""]
    user = world.users["office_staff"]
    overdue = action_list(user=user, filters={"state": "overdue"}, horizon=horizon)
    due_soon = action_list(user=user, filters={"state": "due_soon"}, horizon=horizon)
    assert list(overdue) == [late]
    assert list(due_soon) == [soon]
