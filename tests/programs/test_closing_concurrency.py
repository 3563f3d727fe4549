"""Closing a period and entering its values at the same moment, on two connections (PostgreSQL: row
locks). The closing and every write of a province's values take the province's row lock, so either the
value is committed first and the closing records it as reported, or the closing is committed first and
the value meets the closed period — never a value written into a closed period that its closing
recorded as missing.

Each test holds one side inside its transaction (after what it read, before what it writes) until the
other side has finished or given up waiting (WAIT seconds): without the lock the other side runs
through in that window, which is exactly the race."""

import datetime as dt
import threading
from unittest import mock

import pytest
from django.db import connection, connections

from peygir.core.errors import ConflictError
from peygir.programs import closures, values
from peygir.programs.models import ExpectedValue, IndicatorValue, PeriodClosure
from peygir.programs.periods import SEASON, Period
from peygir.programs.values import BulkError, Row, values_enter
from tests.programs.factories import indicator

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are PostgreSQL's")

S1 = Period(SEASON, 1403, 1)  # ends 2024-06-20
ENTERED, CLOSED = dt.date(2024, 6, 25), dt.date(2024, 6, 25)
WAIT = 1.5


@pytest.fixture
def camps(world):
    return indicator(indicator__name="شمار پذیرش در مراکز ماده ۱۶", kind="number", direction="lower",
                     period_type="season")  # fmt: skip


def run(target, results, key):
    def body():
        try:
            results[key] = target()
        except Exception as exc:  # noqa: BLE001 - the refused side, checked by the test
            results[key] = exc
        finally:
            connections.close_all()

    return threading.Thread(target=body)


def enter(camps, territory):
    return values_enter(user=None, indicator=camps, period=S1, rows=[Row(territory, value=7)], today=ENTERED)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("with_version", [False, True])
def test_a_value_entered_as_the_period_closes_is_recorded_or_the_closing_refused(
    world, small, camps, with_version
):
    """The entry has checked that the period is open and is about to write when the closing starts.
    The closing waits for it, then records Arak as reported — or, when it names the version it read
    before the entry, refuses as stale (the record changed meanwhile)."""
    office = world.users["office_staff"]
    read = closures.period_version(world.province, S1)
    entry_checked, close_done = threading.Event(), threading.Event()
    real_write = values._write

    def write_after_the_close(*args, **kwargs):
        entry_checked.set()
        close_done.wait(WAIT)  # without the lock the closing runs through meanwhile
        return real_write(*args, **kwargs)

    def close():
        entry_checked.wait(5)
        try:
            return closures.period_close(
                user=office,
                province=world.province,
                period=S1,
                today=CLOSED,
                expected_version=read if with_version else None,
            )
        finally:
            close_done.set()

    results: dict = {}
    threads = [run(lambda: enter(camps, small.arak), results, "entry"), run(close, results, "close")]
    with mock.patch.object(values, "_write", write_after_the_close):
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert results["entry"].created == 1 and IndicatorValue.objects.filter(indicator=camps).count() == 1
    if with_version:
        assert isinstance(results["close"], ConflictError)
        assert not PeriodClosure.objects.exists() and not ExpectedValue.objects.exists()
        return
    closure = results["close"]
    assert isinstance(closure, PeriodClosure)
    expected = {
        e.territory_id: e.reported for e in ExpectedValue.objects.filter(closure=closure, indicator=camps)
    }
    assert expected == {small.arak.pk: True, small.saveh.pk: False, small.khomein.pk: False}
    assert closure.missing_count == 2


@pytest.mark.django_db(transaction=True)
def test_a_value_entered_as_the_period_closes_meets_the_closed_period(world, small, camps):
    """The closing has read what is missing and is about to write when the entry starts. The entry
    waits for it, then finds the period closed: nothing written, the closing's record stays true."""
    office = world.users["office_staff"]
    close_read, entry_done = threading.Event(), threading.Event()
    real_rows = closures._expected_rows

    def rows_after_the_entry(*args, **kwargs):
        close_read.set()
        entry_done.wait(WAIT)  # without the lock the entry runs through meanwhile
        return real_rows(*args, **kwargs)

    def entry():
        close_read.wait(5)
        try:
            return enter(camps, small.arak)
        finally:
            entry_done.set()

    results: dict = {}
    close = lambda: closures.period_close(user=office, province=world.province, period=S1, today=CLOSED)  # noqa: E731
    threads = [run(close, results, "close"), run(entry, results, "entry")]
    with mock.patch.object(closures, "_expected_rows", rows_after_the_entry):
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    closure = results["close"]
    assert isinstance(closure, PeriodClosure) and closure.missing_count == 3
    assert isinstance(results["entry"], BulkError)
    assert "بسته شده" in " ".join(results["entry"].messages)
    assert not IndicatorValue.objects.filter(indicator=camps).exists()
    assert not ExpectedValue.objects.filter(closure=closure, reported=True).exists()
