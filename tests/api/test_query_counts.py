"""Every list answers in a constant number of queries, however much data there is (DESIGN §8)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from peygir.actions import services as action_services
from peygir.committees import services as committee_services
from peygir.committees.models import Committee
from tests.factories import MeetingFactory, OrganizationFactory, make_territory

pytestmark = pytest.mark.django_db


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def grow_actions(world, n: int) -> None:
    staff = world.users["office_staff"]
    for i in range(n):
        responsible = OrganizationFactory(territory=world.province, parent=world.agency)
        action_services.action_create(
            title=f"اقدام {i}",
            responsible=responsible if i % 2 else world.agency,
            issuer=world.office,
            deadline=timezone.localdate() + dt.timedelta(days=i - 3),
            supporting=[world.other_agency],
            created_by=staff,
        )


def grow_meetings(world, record, n: int) -> None:
    staff = world.users["office_staff"]
    for i in range(n):
        committee = Committee.objects.create(
            name=f"کارگروه {i}", kind="working_group", territory=world.province, secretariat=world.office
        )
        meeting = MeetingFactory(committee=committee)
        committee_services.resolution_create(
            user=staff, meeting=meeting, text=f"مصوبه {i}", responsible=[world.agency], deadline_text="یک ماه"
        )
        committee_services.agenda_item_add(user=staff, meeting=record.meeting, title=f"دستور {i}")
        committee_services.resolution_create(
            user=staff,
            meeting=record.meeting,
            text=f"ردیف {i}",
            responsible=[world.agency],
            deadline_text="1405",
        )


@pytest.mark.parametrize("persona", ["office_staff", "liaison"])
def test_actions_list(api, world, record, django_assert_num_queries, persona):
    client = api(persona)
    grow_actions(world, 2)
    baseline = count_queries(client, "/api/v1/actions/")
    grow_actions(world, 12)
    with django_assert_num_queries(baseline):
        response = client.get("/api/v1/actions/")
    assert response.json()["count"] >= 8


def test_action_detail(api, world, record, django_assert_num_queries):
    liaison = api("liaison")
    url = f"/api/v1/actions/{record.action.pk}/"
    liaison.post(f"{url}progress/", {"text": "یک", "version": record.action.version}, format="json")
    baseline = count_queries(liaison, url)
    for i in range(5):
        record.action.refresh_from_db()
        body = {"text": f"گزارش {i}", "progress": i * 10, "version": record.action.version}
        liaison.post(f"{url}progress/", body, format="json")
    with django_assert_num_queries(baseline):
        response = liaison.get(url)
    assert len(response.json()["updates"]) == 6


def test_organizations_list(api, world, django_assert_num_queries):
    client = api("other_liaison")
    baseline = count_queries(client, "/api/v1/organizations/?page_size=100")
    for i in range(15):
        OrganizationFactory(
            name=f"اداره {i}", territory=make_territory("county", world.province), parent=world.agency
        )
    with django_assert_num_queries(baseline):
        response = client.get("/api/v1/organizations/?page_size=100")
    assert response.json()["count"] >= 22


@pytest.mark.parametrize("url", ["/api/v1/meetings/", "/api/v1/committees/", "/api/v1/resolutions/"])
def test_committee_lists(api, world, record, django_assert_num_queries, url):
    client = api("office_staff")
    baseline = count_queries(client, url)
    grow_meetings(world, record, 6)
    with django_assert_num_queries(baseline):
        response = client.get(url)
    assert response.json()["count"] >= 6


def test_meeting_detail(api, world, record, django_assert_num_queries):
    client = api("office_staff")
    url = f"/api/v1/meetings/{record.meeting.pk}/"
    baseline = count_queries(client, url)
    grow_meetings(world, record, 5)
    with django_assert_num_queries(baseline):
        response = client.get(url)
    assert len(response.json()["resolutions"]) == 6


def test_territories_list(api, world, django_assert_num_queries):
    client = api("nobody")
    baseline = count_queries(client, "/api/v1/territories/")
    for _ in range(10):
        make_territory("county", world.province)
    with django_assert_num_queries(baseline):
        response = client.get("/api/v1/territories/")
    assert response.json()["count"] >= 14
