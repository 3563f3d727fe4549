"""Office, household and activity pages: who sees what, forms, and constant query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from peygir.core.jalali import format_jalali
from peygir.facilitation.models import (
    EmpowermentActivity,
    FacilitationOffice,
    SensitiveAccessLog,
    VulnerableHousehold,
)
from peygir.facilitation.services import household_create, office_create
from tests.facilitation.helpers import neighbourhood

pytestmark = pytest.mark.django_db


@pytest.fixture
def household(offices):
    return household_create(
        user=offices.users["facilitator"],
        office=offices.office,
        neighbourhood=offices.zovieh,
        needs=["food"],
        reference="ZV-1",
    )


def test_office_page_shows_what_an_office_is(offices, login):
    response = login("governor").get(reverse("web:office_detail", args=[offices.office.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "۲۰۰ میلیون تومان" in body  # 2,000,000,000 rials
    assert "۲۴ تیر ۱۳۹۷" in body
    assert "منطقه زویه" in body and "کم‌برخوردار" in body and "حاشیه‌نشین" in body
    assert "انجمن توسعه محلی" in body and "دفتر پایلوت" in body
    assert "facilitator" in body or "کاربر" in body  # the facilitator is listed as staff
    # The governor may see the office, not its households: no link to them.
    assert reverse("web:household_list", args=[offices.office.pk]) not in body


@pytest.mark.parametrize(
    ("persona", "status"), [("facilitator", 200), ("other_facilitator", 404), ("liaison", 404)]
)
def test_office_page_visibility(offices, login, persona, status):
    assert login(persona).get(reverse("web:office_detail", args=[offices.office.pk])).status_code == status


def test_office_list_filters_by_visibility(offices, login):
    body = login("other_facilitator").get(reverse("web:office_list")).content.decode()
    assert "حصیرآباد" in body and "دفتر تسهیلگری و توسعه محلی زویه" not in body


@pytest.mark.parametrize("persona", ["facilitator", "office_staff"])
def test_household_pages_for_the_allowed(offices, login, household, persona):
    client = login(persona)
    SensitiveAccessLog.objects.all().delete()
    assert "ZV-1" in client.get(reverse("web:household_list", args=[offices.office.pk])).content.decode()
    assert client.get(reverse("web:household_detail", args=[household.pk])).status_code == 200
    assert SensitiveAccessLog.objects.filter(kind="read").count() == 2


@pytest.mark.parametrize(
    "persona", ["governor", "inspector", "county_deputy", "liaison", "other_facilitator", "nobody"]
)
def test_household_pages_are_404_for_everyone_else(offices, login, household, persona):
    client = login(persona)
    SensitiveAccessLog.objects.all().delete()
    urls = [
        reverse("web:household_list", args=[offices.office.pk]),
        reverse("web:household_create", args=[offices.office.pk]),
        reverse("web:household_detail", args=[household.pk]),
        reverse("web:household_edit", args=[household.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    response = client.post(urls[1], {"neighbourhood": offices.zovieh.pk, "needs": ["food"]})
    assert response.status_code == 404
    response = client.post(
        urls[3], {"neighbourhood": offices.zovieh.pk, "needs": ["health"], "is_active": "on"}
    )
    assert response.status_code == 404
    assert not SensitiveAccessLog.objects.exists()
    assert VulnerableHousehold.objects.count() == 1
    household.refresh_from_db()
    assert household.needs == ["food"]


def test_household_create_and_edit_through_the_pages(offices, login):
    client = login("facilitator")
    response = client.post(
        reverse("web:household_create", args=[offices.office.pk]),
        {"neighbourhood": offices.molashieh.pk, "needs": ["food", "disability"], "members_count": "۵"},
    )
    assert response.status_code == 302
    household = VulnerableHousehold.objects.get()
    assert household.members_count == 5 and household.reference == "H-0001"
    response = client.post(
        reverse("web:household_edit", args=[household.pk]),
        {"neighbourhood": offices.molashieh.pk, "needs": ["health"], "members_count": "3", "is_active": "on"},
    )
    assert response.status_code == 302
    household.refresh_from_db()
    assert household.needs == ["health"] and household.members_count == 3
    # Bad input: a clear Persian message, nothing written.
    response = client.post(
        reverse("web:household_create", args=[offices.office.pk]), {"neighbourhood": offices.zovieh.pk}
    )
    assert response.status_code == 200 and "invalid-feedback" in response.content.decode()
    assert VulnerableHousehold.objects.count() == 1


def test_access_log_page(offices, login, household):
    assert login("office_staff").get(reverse("web:sensitive_access_log")).status_code == 200
    assert "ZV-1" in login("office_head").get(reverse("web:sensitive_access_log")).content.decode()
    for persona in ("facilitator", "governor", "inspector"):
        assert login(persona).get(reverse("web:sensitive_access_log")).status_code == 404


def test_activity_page_and_form(offices, login):
    client = login("facilitator")
    url = reverse("web:activity_create", args=[offices.office.pk])
    today = timezone.localdate()
    response = client.post(
        url,
        {
            "kind": "skills",
            "title": "آموزش قالی‌بافی",
            "held_on": format_jalali(today),
            "participants": "۲۰",
            "women_participants": "۱۸",
        },
    )
    assert response.status_code == 302
    assert EmpowermentActivity.objects.get().women_participants == 18
    response = client.post(
        url, {"kind": "skills", "title": "x", "held_on": "1403/13/01", "participants": "1"}
    )
    assert response.status_code == 400 and EmpowermentActivity.objects.count() == 1
    # Read-only readers see the list but cannot add.
    inspector = login("inspector")
    body = inspector.get(reverse("web:activity_list", args=[offices.office.pk])).content.decode()
    assert "آموزش قالی‌بافی" in body and url not in body
    assert (
        inspector.post(
            url, {"kind": "skills", "title": "y", "held_on": "1403/01/01", "participants": "1"}
        ).status_code
        == 404
    )


def test_office_create_page(world, offices, login):
    client = login("office_staff")
    assert client.get(reverse("web:office_create")).status_code == 200
    new_hood = neighbourhood(world.county, "منطقه کوی علوی", is_underprivileged=True)
    response = client.post(
        reverse("web:office_create"),
        {
            "name": "دفتر تسهیلگری کوی علوی",
            "territory": world.county.pk,
            "neighbourhoods": [new_hood.pk],
            "opened_on": "۱۳۹۷/۰۴/۲۴",
            "budget_tomans": "۲۰۰۰۰۰۰۰۰",
            "is_pilot": "on",
        },
    )
    assert response.status_code == 302
    office = FacilitationOffice.objects.get(organization__name="دفتر تسهیلگری کوی علوی")
    assert office.budget_rials == 2_000_000_000 and office.is_pilot
    assert login("facilitator").get(reverse("web:office_create")).status_code == 404
    assert login("liaison").get(reverse("web:office_create")).status_code == 404


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_lists_have_constant_query_counts(world, offices, login):
    staff = world.users["office_staff"]
    client = login("office_staff")
    urls = [
        reverse("web:office_list"),
        reverse("web:household_list", args=[offices.office.pk]),
        reverse("web:activity_list", args=[offices.office.pk]),
        reverse("web:sensitive_access_log"),
    ]
    household_create(user=staff, office=offices.office, neighbourhood=offices.zovieh, needs=["food"])
    EmpowermentActivity.objects.create(
        office=offices.office, kind="skills", title="دوره", held_on=timezone.localdate(), participants=1
    )
    before = [_count_queries(client, url) for url in urls]
    for n in range(6):
        hood = neighbourhood(world.county, f"محله {n}")
        office_create(user=staff, name=f"دفتر {n}", territory=world.county, neighbourhoods=[hood])
        household_create(user=staff, office=offices.office, neighbourhood=offices.molashieh, needs=["health"])
        EmpowermentActivity.objects.create(
            office=offices.office,
            kind="skills",
            title=f"دوره {n}",
            held_on=timezone.localdate(),
            participants=n,
        )
    after = [_count_queries(client, url) for url in urls]
    assert after == before
