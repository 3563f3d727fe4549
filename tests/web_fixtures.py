"""Fixtures of the page tests (imported by their conftest.py files): a logged-in client per persona,
an agency's action, a committee and its meeting."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from peygir.actions.services import action_create
from peygir.committees.models import Committee, CommitteeMember, Meeting
from tests.auth import sign_in
from tests.factories import CommitteeFactory, CommitteeMemberFactory, MeetingFactory


@pytest.fixture
def login(world):
    """login("liaison") → a Client signed in as that persona."""

    def make(persona: str) -> Client:
        client = Client()
        sign_in(client, world.users[persona])
        return client

    return make


@pytest.fixture
def action(world):
    """An action of `agency`, issued by the provincial office."""
    return action_create(
        title="رفع نواقص بهداشتی مدارس کانکسی",
        responsible=world.agency,
        issuer=world.office,
        deadline=timezone.localdate() + dt.timedelta(days=30),
        deadline_text="یک ماه",
        created_by=world.users["office_staff"],
    )


@pytest.fixture
def foreign_action(world):
    """An action entirely inside the other province («یزد»)."""
    from tests.factories import OrganizationFactory

    agency = OrganizationFactory(name="آموزش و پرورش یزد", territory=world.other_province)
    return action_create(
        title="اقدام استان یزد",
        responsible=agency,
        issuer=world.foreign_office,
        deadline=timezone.localdate() + dt.timedelta(days=30),
        created_by=world.users["foreign_staff"],
    )


@pytest.fixture
def committee(world) -> Committee:
    c = CommitteeFactory(
        name="کارگروه اجتماعی، فرهنگی، سلامت، زنان و خانواده",
        secretariat=world.office,
        territory=world.province,
    )
    CommitteeMemberFactory(committee=c, organization=world.agency, position=CommitteeMember.Position.MEMBER)
    CommitteeMemberFactory(
        committee=c, organization=world.governorate, position=CommitteeMember.Position.CHAIR
    )
    return c


@pytest.fixture
def meeting(committee) -> Meeting:
    return MeetingFactory(
        committee=committee,
        number=1,
        status=Meeting.Status.PLANNED,
        starts_at=timezone.now() - dt.timedelta(days=1),
        place="سالن جلسات استانداری",
    )
