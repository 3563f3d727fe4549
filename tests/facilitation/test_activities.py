"""Empowerment activities: who records them, validation, totals per office and period."""

import datetime as dt

import pytest
from django.utils import timezone

from peygir.core.errors import NotAllowed, ValidationError
from peygir.facilitation.models import EmpowermentActivity
from peygir.facilitation.selectors import activity_list, activity_totals
from peygir.facilitation.services import activity_create

pytestmark = pytest.mark.django_db


def _activity(offices, office, day, participants, women, user_key="facilitator"):
    return activity_create(
        user=offices.users[user_key],
        office=office,
        kind=EmpowermentActivity.Kind.SKILLS,
        title="دوره آموزش خیاطی",
        held_on=day,
        participants=participants,
        women_participants=women,
    )


def test_totals_per_office_and_period(world, offices):
    today = timezone.localdate()
    _activity(offices, offices.office, today - dt.timedelta(days=10), 20, 15)
    _activity(offices, offices.office, today - dt.timedelta(days=40), 12, 12)
    _activity(offices, offices.office, today - dt.timedelta(days=400), 99, 0)  # outside the period
    _activity(offices, offices.other_office, today - dt.timedelta(days=5), 8, 3, "other_facilitator")

    rows, total = activity_totals(
        user=world.users["office_staff"], period_from=today - dt.timedelta(days=100), period_to=today
    )
    by_office = {r.office_id: (r.activities, r.participants, r.women_participants) for r in rows}
    assert by_office == {offices.office.pk: (2, 32, 27), offices.other_office.pk: (1, 8, 3)}
    assert (total.activities, total.participants, total.women_participants) == (3, 40, 30)

    # A facilitator sees only their own office's activities.
    rows, total = activity_totals(user=offices.users["facilitator"])
    assert [r.office_id for r in rows] == [offices.office.pk] and total.participants == 131
    assert activity_list(user=world.users["liaison"]).count() == 0


def test_activity_validation_and_permission(world, offices):
    today = timezone.localdate()
    with pytest.raises(ValidationError) as exc:
        _activity(offices, offices.office, today, 5, 6)
    assert "women_participants" in exc.value.error_dict
    with pytest.raises(ValidationError) as exc:
        _activity(offices, offices.office, today + dt.timedelta(days=3), 5, 1)
    assert "held_on" in exc.value.error_dict
    with pytest.raises(NotAllowed):
        _activity(offices, offices.office, today, 5, 1, "other_facilitator")
    assert not EmpowermentActivity.objects.exists()
