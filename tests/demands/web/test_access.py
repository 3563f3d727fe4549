"""Every demand page per persona: who gets it, who gets 404, and that a denied POST changes nothing."""

import pytest
from django.urls import reverse

from peygir.demands.models import Demand, DemandEvent, DemandRoute
from peygir.facilitation.models import SensitiveAccessLog

from .conftest import MOBILE, NAME

SEES = {
    "facilitator": True,
    "other_facilitator": False,
    "liaison": True,
    "other_liaison": False,
    "office_staff": True,
    "foreign_staff": False,
}


def snapshot(demand: Demand) -> tuple:
    demand.refresh_from_db()
    return (
        demand.status,
        demand.version,
        demand.agency_id,
        demand.expected_on,
        demand.proposed_date,
        demand.public_note,
        DemandEvent.objects.filter(demand=demand).count(),
        DemandRoute.objects.filter(demand=demand).count(),
    )


@pytest.mark.parametrize("persona,sees", SEES.items())
def test_detail_per_persona(login, demand, persona, sees):
    response = login(persona).get(reverse("web:demand_detail", args=[demand.pk]))
    assert response.status_code == (200 if sees else 404)
    if sees:
        assert demand.title in response.content.decode()


def test_detail_anonymous_goes_to_login(login, demand):
    response = login(None).get(reverse("web:demand_detail", args=[demand.pk]))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_missing_demand_is_404(login, demand):
    assert login("office_staff").get(reverse("web:demand_detail", args=[demand.pk + 999])).status_code == 404


@pytest.mark.parametrize("persona,sees", SEES.items())
def test_list_per_persona(login, demand, persona, sees):
    response = login(persona).get(reverse("web:demand_list"))
    assert response.status_code == 200
    assert (demand.title in response.content.decode()) is sees


def test_list_anonymous_goes_to_login(login, demand):
    assert login(None).get(reverse("web:demand_list")).status_code == 302


@pytest.mark.parametrize(
    "persona,allowed",
    [
        ("facilitator", True),
        ("other_facilitator", True),  # their own office's form
        ("office_staff", True),  # offices of their province
        ("liaison", False),
        ("other_liaison", False),
        ("foreign_staff", False),
    ],
)
def test_intake_page_per_persona(login, offices, persona, allowed):
    response = login(persona).get(reverse("web:demand_new"))
    assert response.status_code == (200 if allowed else 404)
    if allowed:
        html = response.content.decode()
        # each facilitator sees only the neighbourhoods of their own office
        assert (offices.zone.name_fa in html) is (persona != "other_facilitator")


@pytest.mark.parametrize(
    "persona,in_queue",
    [
        ("facilitator", True),
        ("other_facilitator", False),
        ("office_staff", True),
        ("liaison", False),
        ("other_liaison", False),
        ("foreign_staff", False),
    ],
)
def test_triage_per_persona(login, triage_demand, persona, in_queue):
    response = login(persona).get(reverse("web:triage"))
    assert response.status_code == 200
    assert (triage_demand.title in response.content.decode()) is in_queue


def test_personal_data_only_for_office_and_provincial_staff(login, demand):
    url = reverse("web:demand_detail", args=[demand.pk])
    for persona, shown in (("facilitator", True), ("office_staff", True), ("liaison", False)):
        html = login(persona).get(url).content.decode()
        assert (NAME in html) is shown, persona
        assert ("۰۹۱۲۱۲۳۴۵۶۷" in html) is shown, persona
        assert MOBILE not in html


def test_forms_by_role(login, demand):
    url = reverse("web:demand_detail", args=[demand.pk])
    office_html = login("facilitator").get(url).content.decode()
    agency_html = login("liaison").get(url).content.decode()
    assert reverse("web:demand_op", args=[demand.pk, "reroute"]) in office_html
    assert reverse("web:demand_op", args=[demand.pk, "done"]) not in office_html
    assert reverse("web:demand_op", args=[demand.pk, "done"]) in agency_html
    assert reverse("web:demand_op", args=[demand.pk, "planned"]) in agency_html
    assert reverse("web:demand_op", args=[demand.pk, "reroute"]) not in agency_html


DENIED_POSTS = [
    # (persona, op, data) — each must answer 404 and change nothing
    ("other_liaison", "done", {"text": "انجام شد"}),
    ("other_liaison", "not_ours", {"reason": "مربوط نیست"}),
    ("liaison", "verify", {"public_note": ""}),
    ("liaison", "reroute", {"reason": "دستگاه دیگر"}),
    ("facilitator", "done", {"text": "انجام شد"}),
    ("facilitator", "planned", {"date": "1405/01/15"}),
    ("other_facilitator", "reroute", {"reason": "دستگاه دیگر"}),
    ("other_facilitator", "public_note", {"text": "توضیح"}),
    ("foreign_staff", "public_note", {"text": "توضیح"}),
    ("foreign_staff", "not_ours", {"reason": "نه"}),
]


@pytest.mark.parametrize("persona,op,data", DENIED_POSTS)
def test_denied_posts_change_nothing(world, login, demand, persona, op, data):
    before = snapshot(demand)
    if "reroute" == op:
        data = {**data, "agency": world.other_agency.pk}
    response = login(persona).post(
        reverse("web:demand_op", args=[demand.pk, op]), {**data, "version": demand.version}
    )
    assert response.status_code == 404
    assert snapshot(demand) == before


def test_anonymous_post_changes_nothing(login, demand):
    before = snapshot(demand)
    response = login(None).post(reverse("web:demand_op", args=[demand.pk, "done"]), {"text": "x"})
    assert response.status_code == 302
    assert snapshot(demand) == before


def test_unknown_op_is_404(login, demand):
    assert login("facilitator").post(reverse("web:demand_op", args=[demand.pk, "explode"])).status_code == 404


def test_denied_intake_writes_nothing(login, offices):
    count = Demand.objects.count()
    response = login("liaison").post(
        reverse("web:demand_new"),
        {"office": offices.office.pk, "category": offices.school.pk, "neighbourhood": offices.zone.pk},
    )
    assert response.status_code == 404
    assert Demand.objects.count() == count


def test_other_office_cannot_post_into_an_office_it_does_not_serve(login, offices):
    """The office field lists only the user's offices: a forged id is a form error, not a write."""
    count = Demand.objects.count()
    response = login("other_facilitator").post(
        reverse("web:demand_new"),
        {
            "office": offices.office.pk,
            "category": offices.school.pk,
            "neighbourhood": offices.zone.pk,
            "title": "عنوان",
            "description": "شرح",
            "citizen_name": "نام",
            "citizen_mobile": "09121234567",
            "consent": "on",
        },
    )
    assert response.status_code == 400
    assert Demand.objects.count() == count


def test_reading_personal_data_is_logged_and_others_leave_no_trace(world, login, demand):
    url = reverse("web:demand_detail", args=[demand.pk])
    before = SensitiveAccessLog.objects.filter(kind="read", demand=demand).count()
    login("liaison").get(url)
    assert SensitiveAccessLog.objects.filter(kind="read", demand=demand).count() == before
    login("facilitator").get(url)
    log = SensitiveAccessLog.objects.filter(kind="read", demand=demand).latest("id")
    assert log.user_id == world.users["facilitator"].pk
