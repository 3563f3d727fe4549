"""Each key page answers in the same number of SQL queries after the data grows (DESIGN §8).

A first tiny deployment is measured; a second one is generated next to it and part of it is moved
onto the measured agency, committee and meeting (more actions, meetings, resolutions, attendance);
then every page is measured again.
"""

from __future__ import annotations

import pytest
from django.db.models import F, Max

from peygir.actions.models import Action
from peygir.bench.measure import Runner, query_count
from peygir.bench.targets import key_targets, pick_subjects
from peygir.committees.models import Attendance, Meeting, Resolution

from .conftest import tiny

pytestmark = pytest.mark.django_db


def grow(subjects) -> dict[str, int]:
    before = {
        "actions": Action.objects.aggregate(m=Max("id"))["m"],
        "meetings": Meeting.objects.aggregate(m=Max("id"))["m"],
        "resolutions": Resolution.objects.aggregate(m=Max("id"))["m"],
        "attendance": Attendance.objects.aggregate(m=Max("id"))["m"],
    }
    tiny(seed=2, allow_existing=True)
    agency = subjects.agency
    moved = Action.objects.filter(
        pk__gt=before["actions"], source_kind="resolution", pk__lt=before["actions"] + 400
    )
    moved.update(responsible_organization=agency, territory=agency.territory)
    Meeting.objects.filter(pk__gt=before["meetings"]).update(
        committee=subjects.committee, number=F("id") + 10_000
    )
    Resolution.objects.filter(pk__gt=before["resolutions"], pk__lt=before["resolutions"] + 40).update(
        meeting=subjects.meeting, number=F("id")
    )
    Attendance.objects.filter(pk__gt=before["attendance"], pk__lt=before["attendance"] + 20).update(
        meeting=subjects.meeting
    )
    return before


def test_key_pages_query_counts_do_not_grow_with_data(generated) -> None:
    subjects = pick_subjects()
    targets = key_targets(subjects)
    runner = Runner()
    first = {t.name: query_count(runner, t) for t in targets}
    actions_before = Action.objects.filter(responsible_organization=subjects.agency).count()
    resolutions_before = subjects.meeting.resolutions.count()
    grow(subjects)
    assert Action.objects.filter(responsible_organization=subjects.agency).count() > actions_before
    assert subjects.meeting.resolutions.count() > resolutions_before
    runner = Runner()
    second = {t.name: query_count(runner, t) for t in targets}
    for target in targets:
        status, queries = first[target.name]
        assert status == 200 or target.group == "demands", target.name
        assert second[target.name] == (status, queries), (
            f"{target.name}: {first[target.name]} → {second[target.name]}"
        )
