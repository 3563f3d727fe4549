"""Start page and committee list: the number of queries does not grow with the data."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import ActionFactory, CommitteeFactory, MeetingFactory, OrganizationFactory


def grow(world, n):
    for i in range(n):
        org = OrganizationFactory(name=f"دستگاه رشد {i}-{n}", territory=world.province)
        ActionFactory(
            responsible_organization=org,
            issuer_organization=world.office,
            deadline=timezone.localdate() - dt.timedelta(days=i + 1),
        )
        ActionFactory(
            responsible_organization=world.agency, issuer_organization=world.office, status="reported_done"
        )
        committee = CommitteeFactory(secretariat=world.office, territory=world.province)
        MeetingFactory(committee=committee, number=1, starts_at=timezone.now() + dt.timedelta(days=i + 1))


@pytest.mark.parametrize(
    "persona,name", [("office_staff", "home"), ("liaison", "home"), ("governor", "committee_list")]
)
def test_constant_queries(login, world, persona, name, django_assert_num_queries):
    client = login(persona)
    client.get(reverse(f"web:{name}"))  # the CSRF cookie: from now on the page cache is consulted
    grow(world, 3)  # each growth is a write: the next request misses the cache and renders the page
    with CaptureQueriesContext(connection) as small:
        client.get(reverse(f"web:{name}"))
    baseline = len(small)  # read now: every request resets the connection's query log
    grow(world, 6)
    with django_assert_num_queries(baseline):
        response = client.get(reverse(f"web:{name}"))
    assert response.status_code == 200
