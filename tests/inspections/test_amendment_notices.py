"""Who is told of an amendment to a sealed schedule (issue 11 §2), and that no notification reveals a
date early: the inspectors whose visits moved learn that their schedule changed (a day only when it is
already theirs to know: today or tomorrow), the plan's managers and the office learn an amendment was
recorded with its reason, and nobody else — never the facility's agency — is told anything."""

from __future__ import annotations

import datetime as dt

import pytest

from peygir.core.jalali import format_jalali
from peygir.inspections import amendments, notify, reminders
from peygir.inspections.models import Visit
from peygir.notifications.models import Notification, OutboundMessage

from .helpers import make_inspection_world

TODAY = dt.date(2026, 11, 25)  # 1405/09/04: Azar's visits are drawn from the 26th on
INSPECTOR, MANAGER = notify.INSPECTOR_KIND, notify.MANAGER_KIND
KINDS = (INSPECTOR, MANAGER)
OUTSIDERS = (
    "governor",
    "inspector",
    "liaison",
    "agency_head",
    "other_liaison",
    "national",
    "national_admin",
    "foreign_staff",
    "nobody",
)


def _date_forms(day: dt.date) -> list[str]:
    return [
        format_jalali(day),
        format_jalali(day, persian=False),
        day.isoformat(),
        format_jalali(day).replace("/", "-"),
        format_jalali(day, persian=False).replace("/", "-"),
    ]


@pytest.fixture
def iw(world):
    iw = make_inspection_world(world, facilities_count=4)
    iw.sealed = iw.approve(TODAY)
    iw.second_inspector.mobile = "09121234567"
    iw.second_inspector.save(update_fields=["mobile"])
    return iw


def _pin(iw, day: dt.date) -> Visit:
    """The first inspector's first visit, moved to `day` (and no other visit of theirs that day)."""
    visit = iw.sealed.visits.filter(inspector=iw.inspector).order_by("pk").first()
    Visit.objects.filter(pk=visit.pk).update(scheduled_on=day)
    Visit.objects.exclude(pk=visit.pk).filter(scheduled_on=day).update(
        scheduled_on=day + dt.timedelta(days=7)
    )
    visit.refresh_from_db()
    return visit


def _told() -> set[tuple[str, str]]:
    return set(Notification.objects.filter(kind__in=KINDS).values_list("recipient__username", "kind"))


def _texts() -> list[str]:
    notes = Notification.objects.filter(kind__in=KINDS)
    return [
        *(f"{n.title}\n{n.body}\n{n.url}\n{n.subject}" for n in notes),
        *OutboundMessage.objects.filter(notification__in=notes).values_list("body", flat=True),
        *OutboundMessage.objects.filter(notification__in=notes).values_list("subject", flat=True),
        *OutboundMessage.objects.filter(notification__in=notes).values_list("dedupe_key", flat=True),
    ]


def _assert_no_date(*days: dt.date) -> None:
    texts = _texts()
    assert texts
    for text in texts:
        for day in days:
            for form in _date_forms(day):
                assert form not in text, (form, text)


def test_a_reassigned_later_visit_tells_both_inspectors_and_the_managers_no_date(world, iw):
    visit = _pin(iw, TODAY + dt.timedelta(days=6))
    amendments.visit_amend(
        user=world.users["office_staff"],
        visit=visit,
        reason="بازرس نخست در مأموریت استانی است",
        inspector=iw.second_inspector,
        expected_version=visit.version,
        today=TODAY,
    )
    assert _told() == {
        ("county_deputy", INSPECTOR),  # lost the visit
        ("second_deputy", INSPECTOR),  # got it
        # The inspecting county governorate's managers and the province's office; not the one who
        # amended (office_staff).
        ("county_deputy", MANAGER),
        ("second_deputy", MANAGER),
        ("office_head", MANAGER),
    }
    for persona in (*OUTSIDERS, "office_staff"):
        assert not Notification.objects.filter(recipient=world.users[persona], kind__in=KINDS).exists()
    lost = Notification.objects.get(recipient=iw.inspector, kind=INSPECTOR)
    got = Notification.objects.get(recipient=iw.second_inspector, kind=INSPECTOR)
    assert "برداشته شد" in lost.title and "افزوده شد" in got.title
    assert "از روز پیش از آن" in got.body
    assert lost.url == got.url == "/inspections/"
    manager = Notification.objects.get(recipient=world.users["office_head"], kind=MANAGER)
    assert "بازرس نخست در مأموریت استانی است" in manager.body
    assert manager.url == f"/inspections/draws/{iw.sealed.pk}/amend/"
    # The inspectors' notices carry neither the reason nor the facility; nobody's carries a date.
    assert "مأموریت" not in lost.body + got.body
    for text in _texts():
        assert visit.facility.name not in text
    visit.refresh_from_db()
    _assert_no_date(TODAY + dt.timedelta(days=6), visit.scheduled_on)
    # Nothing urgent: no SMS, and the new inspector is reminded the day before as always.
    assert not OutboundMessage.objects.filter(channel="sms").exists()
    assert visit.reminded_for is None
    reminders.remind_inspectors(as_of=visit.scheduled_on - dt.timedelta(days=1), deliver=False)
    assert Notification.objects.filter(kind=reminders.KIND, recipient=iw.second_inspector).exists()


def test_a_day_drawn_afresh_tells_its_inspector_nothing_of_the_day(world, iw, monkeypatch):
    visit = _pin(iw, TODAY + dt.timedelta(days=3))
    monkeypatch.setattr(amendments.secrets, "randbelow", lambda n: n - 1)  # the period's last working day
    amendments.visit_amend(
        user=world.users["office_head"],
        visit=visit,
        reason="مرکز در آن روز تعطیل محلی دارد",
        redraw_date=True,
        today=TODAY,
    )
    visit.refresh_from_db()
    assert visit.scheduled_on > TODAY + dt.timedelta(days=3)
    assert _told() == {
        ("county_deputy", INSPECTOR),
        ("county_deputy", MANAGER),
        ("second_deputy", MANAGER),
        ("office_staff", MANAGER),
    }
    moved = Notification.objects.get(kind=INSPECTOR)
    assert "قرعه‌کشی شد" in moved.title and "فردا" not in moved.title and "امروز" not in moved.title
    manager = Notification.objects.get(recipient=world.users["office_staff"], kind=MANAGER)
    assert "روز یک بازدید از نو به قرعه کشیده شد" in manager.body
    _assert_no_date(TODAY + dt.timedelta(days=3), visit.scheduled_on)


def test_a_visit_given_for_tomorrow_is_told_at_once_and_not_reminded_twice(world, iw):
    tomorrow = TODAY + dt.timedelta(days=2)
    today = tomorrow - dt.timedelta(days=1)
    visit = _pin(iw, tomorrow)
    # The day's reminder already ran (the first inspector was told); then the visit is reassigned.
    reminders.remind_inspectors(as_of=today, deliver=False)
    amendments.visit_amend(
        user=world.users["office_staff"],
        visit=visit,
        reason="بازرس نخست بیمار است",
        inspector=iw.second_inspector,
        today=today,
    )
    got = Notification.objects.get(recipient=iw.second_inspector, kind=notify.INSPECTOR_KIND)
    assert got.title.startswith("بازدید سرزده فردا")
    lost = Notification.objects.get(recipient=iw.inspector, kind=notify.INSPECTOR_KIND)
    assert "دیگر بر عهده شما نیست" in lost.body
    # Urgent: an SMS to the new inspector's mobile, naming neither the facility nor the day.
    sms = OutboundMessage.objects.get(channel="sms", notification=got)
    assert sms.to == iw.second_inspector.mobile and "فردا" in sms.body
    # It is the reminder: the evening's run does not tell them again.
    visit.refresh_from_db()
    assert visit.reminded_for == tomorrow
    # (The first run may have reminded them of a visit of their own drawn for the same day: the
    # draw is random. What matters is that this run adds nothing.)
    reminded = Notification.objects.filter(kind=reminders.KIND, recipient=iw.second_inspector)
    before = reminded.count()
    assert reminders.remind_inspectors(as_of=today, deliver=False).visits == 0
    assert reminded.count() == before
    for text in _texts():
        assert visit.facility.name not in text
    _assert_no_date(tomorrow)


def test_a_visit_of_tomorrow_drawn_to_a_later_day_is_told_at_once_without_the_day(world, iw, monkeypatch):
    today = TODAY + dt.timedelta(days=1)
    visit = _pin(iw, today + dt.timedelta(days=1))
    Visit.objects.filter(pk__in=[visit.pk]).update(inspector=iw.second_inspector)  # the one with a mobile
    monkeypatch.setattr(amendments.secrets, "randbelow", lambda n: n - 1)  # the period's last working day
    amendments.visit_amend(
        user=world.users["office_staff"],
        visit=visit,
        reason="مرکز فردا تعطیل است",
        redraw_date=True,
        today=today,
    )
    visit.refresh_from_db()
    moved = Notification.objects.get(recipient=iw.second_inspector, kind=INSPECTOR)
    assert "فردا" not in moved.title + moved.body and "به روز دیگری از این دوره رفت" in moved.body
    # They may have planned to go tomorrow: an SMS at once; the new day is reminded the day before it.
    assert OutboundMessage.objects.filter(channel="sms", notification=moved).exists()
    assert visit.reminded_for is None
    _assert_no_date(today + dt.timedelta(days=1), visit.scheduled_on)


def test_the_one_who_amends_their_own_later_visit_is_not_told(world, iw):
    visit = _pin(iw, TODAY + dt.timedelta(days=6))
    amendments.visit_amend(
        user=iw.inspector,
        visit=visit,
        reason="جابه‌جایی میان دو معاون",
        inspector=iw.second_inspector,
        today=TODAY,
    )
    assert _told() == {
        ("second_deputy", INSPECTOR),
        ("second_deputy", MANAGER),
        ("office_staff", MANAGER),
        ("office_head", MANAGER),
    }


def test_a_rolled_back_amendment_tells_nobody(world, iw):
    visit = _pin(iw, TODAY + dt.timedelta(days=6))
    with pytest.raises(Exception):  # noqa: B017, PT011 - a stale version: ConflictError
        amendments.visit_amend(
            user=world.users["office_staff"],
            visit=visit,
            reason="دلیل",
            inspector=iw.second_inspector,
            expected_version=visit.version + 1,
            today=TODAY,
        )
    assert not Notification.objects.filter(kind__in=KINDS).exists()
    assert not OutboundMessage.objects.exists()


@pytest.mark.parametrize(
    ("change", "old", "new", "expected"),
    [
        (notify.ADDED, 5, 5, "افزوده شد"),
        (notify.ADDED, 1, 1, "فردا"),
        (notify.ADDED, 0, 0, "امروز"),
        (notify.ADDED, -1, -1, "عقب‌افتاده"),
        (notify.REMOVED, 5, 5, "برداشته شد"),
        (notify.MOVED, 1, 4, "قرعه‌کشی شد"),
        (notify.MOVED, 4, 1, "فردا"),
    ],
)
def test_the_inspectors_words_name_a_day_only_once_revealed(change, old, new, expected):
    title, body = notify.inspector_message(
        change=change,
        plan="برنامه",
        period="آذر ۱۴۰۵",
        old_day=TODAY + dt.timedelta(days=old),
        new_day=TODAY + dt.timedelta(days=new),
        today=TODAY,
    )
    assert expected in title
    if new > 1 and change != notify.REMOVED:
        assert "فردا" not in title + body and "امروز" not in title + body
    if change == notify.MOVED and old == 1:
        assert "به روز دیگری از این دوره رفت" in body  # it had been on their list
