"""The directory of organizations and an organization's record."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import ActionFactory, OrganizationFactory


def test_list_search_and_pagination(login, world):
    for n in range(30):
        OrganizationFactory(name=f"اداره آزمون {n}", territory=world.province)
    client = login("liaison")
    response = client.get(reverse("web:organization_list"))
    assert len(response.context["page"].object_list) == 25
    found = client.get(reverse("web:organization_list"), {"q": "نوسازي"})  # Arabic ي
    assert [o.pk for o in found.context["page"].object_list] == [world.agency.pk]
    partial = client.get(reverse("web:organization_list"), {"q": "اداره"}, HTTP_HX_REQUEST="true")
    assert "<html" not in partial.content.decode()


def test_list_query_count_is_constant(login, world, django_assert_num_queries):
    client = login("office_staff")
    for n in range(5):
        OrganizationFactory(name=f"اداره {n}", territory=world.province)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("web:organization_list"))
    baseline = len(small)  # read now: every request resets the connection's query log
    for n in range(20):
        OrganizationFactory(name=f"اداره دیگر {n}", territory=world.county)
    with django_assert_num_queries(baseline):
        client.get(reverse("web:organization_list"))


def test_record_counts_and_overdue(login, world):
    late = ActionFactory(
        responsible_organization=world.agency,
        issuer_organization=world.office,
        deadline=timezone.localdate() - dt.timedelta(days=5),
        title="اقدام عقب‌افتاده",
    )
    ActionFactory(responsible_organization=world.agency, issuer_organization=world.office, status="verified")
    response = login("office_staff").get(reverse("web:organization_detail", args=[world.agency.pk]))
    assert response.context["counts"]["total"] == 2
    assert response.context["counts"]["overdue"] == 1
    assert [a.pk for a in response.context["overdue"]] == [late.pk]
    assert late.title in response.content.decode()


def test_record_lists_committee_seats(login, world, committee):
    response = login("office_staff").get(reverse("web:organization_detail", args=[world.agency.pk]))
    assert committee.name in response.content.decode()
