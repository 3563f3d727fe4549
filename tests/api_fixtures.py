"""Fixtures of the API tests (imported by their conftest.py files): a client per persona and a small
record built through the services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from peygir.actions import services as action_services
from peygir.actions.models import Action
from peygir.committees import services as committee_services
from peygir.committees.models import Committee, Meeting, Resolution
from peygir.organizations import access
from tests.auth import sign_in

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def api(world):
    """`api(persona)` → an APIClient signed in as that persona (a session, like the browser)."""

    def make(persona: str | None) -> APIClient:
        client = APIClient()
        if persona is not None:
            sign_in(client, world.users[persona])
        return client

    return make


@dataclass
class Record:
    committee: Committee
    meeting: Meeting
    resolution: Resolution
    action: Action  # the resolution's action for `agency`
    directive: Action  # a direct directive of the office to `agency`


def fresh(user):
    """The user object without a cached scope (services cache it on the instance)."""
    access.forget_scope(user)
    return user


@pytest.fixture
def record(world) -> Record:
    staff = world.users["office_staff"]
    committee = committee_services.committee_create(
        user=staff,
        name="کارگروه اجتماعی، فرهنگی، سلامت، زنان و خانواده",
        kind=Committee.Kind.WORKING_GROUP,
        territory=world.province,
        secretariat=world.office,
    )
    committee_services.committee_member_add(user=staff, committee=committee, organization=world.agency)
    meeting = committee_services.meeting_create(
        user=staff, committee=committee, starts_at=timezone.now() - dt.timedelta(days=3), place="استانداری"
    )
    item = committee_services.agenda_item_add(
        user=staff, meeting=meeting, title="گزارش وضعیت بهداشتی مدارس کانکسی", presenter=world.other_agency
    )
    resolution = committee_services.resolution_create(
        user=staff,
        meeting=meeting,
        text="رفع نواقص مدارس کانکسی",
        responsible=[world.agency],
        deadline_text="یک ماه",
        agenda_item=item,
    )
    directive = action_services.action_create(
        title="گزارش وضعیت مدارس",
        responsible=world.agency,
        issuer=world.office,
        deadline=timezone.localdate() + dt.timedelta(days=40),
        created_by=staff,
    )
    meeting.refresh_from_db()
    return Record(committee, meeting, resolution, resolution.actions.get(), directive)
