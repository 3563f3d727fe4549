"""`peygir demo load` and `peygir demo logins`."""

import datetime as dt
import re
from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.test import RequestFactory, override_settings

from peygir.actions.models import Action
from peygir.committees.models import Meeting
from peygir.core.workdays import WorkingCalendar
from peygir.demo.personas import DEMO_PASSWORD, PERSONAS
from peygir.demo.timeline import THURSDAY, Timeline
from peygir.inspections.models import Facility
from peygir.organizations.models import Membership, Organization
from peygir.territory.models import Territory

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Territory, Organization, Membership, get_user_model(), Meeting, Action)
    }


def _run(*args: str) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_load_if_empty_twice_creates_nothing_the_second_time_and_every_persona_signs_in():
    _run("load", "--if-empty", "--today", "1401/12/10", "--seasons", "2")
    first = _counts()
    assert first["Organization"] > 30 and first["Meeting"] >= 4 and first["Action"] >= 10

    out = _run("load", "--if-empty", "--today", "1401/12/10")

    assert "nothing to do" in out
    assert _counts() == first
    # Without --if-empty a second load is refused rather than duplicating the demo.
    with pytest.raises(CommandError):
        _run("load", "--today", "1401/12/10")
    assert _counts() == first

    # Every persona signs in with the demo password (on the same load: a load takes tens of seconds).
    for persona in PERSONAS:
        # django-axes counts sign-ins per address: authenticate() is given the request, as a login is.
        request = RequestFactory().post("/login/")
        user = authenticate(request, username=persona.username, password=DEMO_PASSWORD)
        assert user is not None, persona.username
        if persona.org_key is None:
            assert user.is_superuser
        else:
            assert user.memberships.filter(role=persona.role, is_active=True).exists()

    # What the Persian pages show of the demo is written in Persian digits: the places' numbers too,
    # which the titles of missed visits on Kerman's start pages repeat.
    names = [
        *Facility.objects.values_list("name", flat=True),
        *Action.objects.values_list("title", flat=True),
    ]
    assert Facility.objects.exists()
    assert [n for n in names if re.search("[0-9]", n)] == []


def test_load_refuses_in_production_and_bad_dates():
    with override_settings(PRODUCTION=True), pytest.raises(CommandError):
        _run("load")
    with pytest.raises(CommandError):
        _run("load", "--today", "1401/13/40")
    for seasons in ("1", "13", "x"):  # the indicator history is 2 to 12 seasons
        with pytest.raises(CommandError):
            _run("load", "--seasons", seasons)
    assert Organization.objects.count() == 0


def test_logins_prints_every_persona_and_the_url():
    out = _run("logins", "--port", "8123")
    assert "http://127.0.0.1:8123" in out
    for persona in PERSONAS:
        assert persona.username in out
        if persona.primary:
            assert persona.label in out and persona.look_at in out
    assert out.count(DEMO_PASSWORD) == sum(1 for p in PERSONAS if p.primary)
    assert "not loaded" in out


def test_timeline_keeps_the_minutes_year_meaning():
    calendar = WorkingCalendar(overrides={})
    t = Timeline.for_today(dt.date(2023, 3, 1), calendar)  # 1401/12/10
    assert t.year_deadline_text() == "سال ۱۴۰۲"
    later = Timeline.for_today(dt.date(2026, 11, 24), calendar)  # 1405/09/03
    assert later.year_deadline_text() == "سال ۱۴۰۶"
    for day in (t.first_meeting, t.s3_meeting, later.s3_meeting, later.yazd_council):
        assert calendar.is_working_day(day) and day.weekday() != THURSDAY
    assert later.first_meeting < later.s3_meeting < later.today < later.due_soon
    assert 40 <= (later.today - later.s3_meeting).days <= 46
