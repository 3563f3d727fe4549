"""The day-before reminder (`peygir inspections remind`): to the visit's inspector only, once, naming no
facility and no date, again after an amendment; a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from peygir.core.jalali import format_jalali
from peygir.inspections import amendments, reminders
from peygir.inspections.models import Visit
from peygir.notifications.models import Notification, OutboundMessage
from tests import factories as f

from .helpers import make_inspection_world

TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def iw(world):
    iw = make_inspection_world(world, facilities_count=3)
    iw.approve(TODAY)
    return iw


def _mine(iw, user) -> list[Visit]:
    return list(Visit.objects.filter(inspector=user).order_by("pk"))


def _reminders():
    return Notification.objects.filter(kind=reminders.KIND)


def _date_forms(day: dt.date) -> list[str]:
    return [format_jalali(day), format_jalali(day, persian=False), day.isoformat()]


def test_the_inspector_is_told_the_day_before_once(iw):
    visit = Visit.objects.filter(inspector=iw.inspector).order_by("scheduled_on", "pk").first()
    day = visit.scheduled_on
    Visit.objects.exclude(pk=visit.pk).update(scheduled_on=day + dt.timedelta(days=3))
    # Two days before: nothing — the date is not revealed yet, not even by a reminder.
    assert reminders.remind_inspectors(as_of=day - dt.timedelta(days=2), deliver=False).visits == 0
    result = reminders.remind_inspectors(as_of=day - dt.timedelta(days=1), deliver=False)
    assert result.inspectors == 1 and result.visits >= 1
    note = _reminders().get()
    assert note.recipient == iw.inspector and "فردا" in note.title and note.url == "/inspections/"
    # It names no facility and no date, in the notification or in what carries it.
    texts = [note.title, note.body, *OutboundMessage.objects.values_list("body", flat=True)]
    for text in texts:
        assert visit.facility.name not in text
        assert not any(form in text for form in _date_forms(day))
    assert set(OutboundMessage.objects.values_list("to", flat=True)) <= {
        iw.inspector.email,
        iw.inspector.mobile,
    }
    visit.refresh_from_db()
    assert visit.reminded_for == day
    # A second run the same day (or the next morning) writes nothing more.
    queued = OutboundMessage.objects.count()
    assert reminders.remind_inspectors(as_of=day - dt.timedelta(days=1), deliver=False).visits == 0
    assert reminders.remind_inspectors(as_of=day, deliver=False).visits == 0
    assert _reminders().count() == 1 and OutboundMessage.objects.count() == queued


def test_nobody_else_is_told(iw, world):
    day = min(v.scheduled_on for v in Visit.objects.all())
    reminders.remind_inspectors(as_of=day - dt.timedelta(days=1), deliver=False)
    told = set(_reminders().values_list("recipient_id", flat=True))
    tomorrow = set(Visit.objects.filter(scheduled_on=day).values_list("inspector_id", flat=True))
    assert told == tomorrow
    for persona in ("office_staff", "office_head", "governor", "liaison", "agency_head", "inspector"):
        assert not _reminders().filter(recipient=world.users[persona]).exists()


def test_a_missed_run_still_reminds_on_the_day(iw):
    visit = _mine(iw, iw.inspector)[0]
    result = reminders.remind_inspectors(as_of=visit.scheduled_on, deliver=False)
    assert result.visits >= 1
    assert _reminders().filter(recipient=iw.inspector, title__contains="امروز").exists()


def test_an_amended_visit_is_reminded_to_its_new_inspector(iw, world):
    visit = _mine(iw, iw.inspector)[0]
    day_before = visit.scheduled_on - dt.timedelta(days=1)
    # Reminded once (its day was then tomorrow), then reassigned before its day was revealed again:
    # the reminder is due again, to the new inspector. (Reassigned on the day before itself, the
    # amendment's own notice is the reminder: test_amendment_notices.py.)
    Visit.objects.filter(pk=visit.pk).update(reminded_for=visit.scheduled_on)
    amendments.visit_amend(
        user=world.users["county_deputy"],
        visit=visit,
        reason="بازرس بیمار است",
        inspector=iw.second_inspector,
        today=day_before - dt.timedelta(days=2),
    )
    result = reminders.remind_inspectors(as_of=day_before, deliver=False)
    assert visit.pk in Visit.objects.filter(reminded_for=visit.scheduled_on).values_list("pk", flat=True)
    assert result.visits >= 1
    assert _reminders().filter(recipient=iw.second_inspector).exists()


def test_done_and_cancelled_visits_are_not_reminded(iw):
    visit = _mine(iw, iw.inspector)[0]
    day_before = visit.scheduled_on - dt.timedelta(days=1)
    Visit.objects.filter(scheduled_on=visit.scheduled_on).update(status=Visit.Status.CANCELLED)
    Visit.objects.filter(scheduled_on=day_before).update(status=Visit.Status.COMPLETED)
    assert reminders.remind_inspectors(as_of=visit.scheduled_on - dt.timedelta(days=1)).visits == 0


def test_queries_do_not_grow_with_inspectors(iw, world, django_assert_max_num_queries):
    day = TODAY + dt.timedelta(days=3)
    sample = Visit.objects.first()
    for _ in range(30):
        Visit.objects.create(
            draw=sample.draw,
            facility=sample.facility,
            inspector=f.UserFactory(),
            organization=sample.organization,
            checklist_version=sample.checklist_version,
            scheduled_on=day,
        )
    with django_assert_max_num_queries(8):
        result = reminders.remind_inspectors(as_of=day - dt.timedelta(days=1), deliver=False)
    assert result.inspectors >= 30


def _run(*args: str) -> str:
    out = StringIO()
    call_command("inspections", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_the_command(iw):
    visit = _mine(iw, iw.inspector)[0]
    day_before = format_jalali(visit.scheduled_on - dt.timedelta(days=1))  # Persian digits
    assert "یادآوری شد" in _run("remind", "--as-of", day_before, "--no-deliver")
    assert _run("remind", "--as-of", day_before, "--no-deliver").startswith("۰ بازدید")
    with pytest.raises(CommandError):
        _run("remind", "--as-of", "1405/13/40")
