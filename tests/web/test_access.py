"""Every page renders for each persona allowed and answers 404 for a persona not allowed."""

import pytest
from django.urls import reverse

from tests.personas import ACTION_READERS, ACTION_STRANGERS, COMMITTEE_READERS, COMMITTEE_STRANGERS

ALL = ACTION_READERS + ACTION_STRANGERS


@pytest.mark.parametrize("persona", ALL)
@pytest.mark.parametrize("name", ["home", "inbox", "committee_list", "organization_list", "notifications"])
def test_list_pages_render_for_everyone_signed_in(login, persona, name):
    response = login(persona).get(reverse(f"web:{name}"))
    assert response.status_code == 200
    assert b'dir="rtl"' in response.content


@pytest.mark.parametrize("name", ["home", "inbox", "committee_list", "organization_list", "notifications"])
def test_anonymous_is_sent_to_login(client, db, name):
    response = client.get(reverse(f"web:{name}"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("persona", ACTION_READERS)
def test_action_page_renders_for_readers(login, action, persona):
    response = login(persona).get(reverse("web:action_detail", args=[action.pk]))
    assert response.status_code == 200
    assert action.title in response.content.decode()


@pytest.mark.parametrize("persona", ACTION_STRANGERS)
def test_action_page_is_404_for_strangers(login, action, persona):
    assert login(persona).get(reverse("web:action_detail", args=[action.pk])).status_code == 404


@pytest.mark.parametrize("persona", ["office_staff", "liaison", "governor", "national", "inspector"])
def test_foreign_province_action_is_404(login, foreign_action, persona):
    if persona == "national":
        # The national organization reads every province (S5.1).
        assert login(persona).get(reverse("web:action_detail", args=[foreign_action.pk])).status_code == 200
    else:
        assert login(persona).get(reverse("web:action_detail", args=[foreign_action.pk])).status_code == 404


def test_foreign_staff_sees_nothing_of_markazi(login, action, committee, meeting, world):
    client = login("foreign_staff")
    assert client.get(reverse("web:action_detail", args=[action.pk])).status_code == 404
    assert client.get(reverse("web:committee_detail", args=[committee.pk])).status_code == 404
    assert client.get(reverse("web:meeting_detail", args=[meeting.pk])).status_code == 404
    inbox = client.get(reverse("web:inbox")).content.decode()
    assert action.title not in inbox
    record = client.get(reverse("web:organization_detail", args=[world.agency.pk])).content.decode()
    assert world.agency.name in record  # the name card is public to signed-in users
    assert "اقدامات معوق" not in record  # the record is not


@pytest.mark.parametrize("persona", COMMITTEE_READERS)
def test_committee_and_meeting_pages_render(login, committee, meeting, persona):
    client = login(persona)
    assert client.get(reverse("web:committee_detail", args=[committee.pk])).status_code == 200
    assert client.get(reverse("web:meeting_detail", args=[meeting.pk])).status_code == 200


@pytest.mark.parametrize("persona", COMMITTEE_STRANGERS)
def test_committee_and_meeting_pages_404(login, committee, meeting, persona):
    client = login(persona)
    assert client.get(reverse("web:committee_detail", args=[committee.pk])).status_code == 404
    assert client.get(reverse("web:meeting_detail", args=[meeting.pk])).status_code == 404
    assert client.get(reverse("web:meeting_minutes_pdf", args=[meeting.pk])).status_code == 404
    assert client.get(reverse("web:meeting_minutes_docx", args=[meeting.pk])).status_code == 404


@pytest.mark.parametrize(
    "persona,has_record",
    [
        ("office_staff", True),
        ("governor", True),
        ("inspector", True),
        ("liaison", True),
        ("other_liaison", False),
        ("county_deputy", False),
        ("nobody", False),
    ],
)
def test_organization_record_only_for_those_allowed(login, world, action, persona, has_record):
    response = login(persona).get(reverse("web:organization_detail", args=[world.agency.pk]))
    assert response.status_code == 200
    assert response.context["has_record"] is has_record
    assert (action.title in response.content.decode()) is False  # not overdue: not listed
    assert ("انجام به‌موقع" in response.content.decode()) is has_record


def test_missing_objects_are_404(login, db):
    client = login("office_staff")
    for name in ("action_detail", "committee_detail", "meeting_detail", "organization_detail"):
        assert client.get(reverse(f"web:{name}", args=[999999])).status_code == 404


def test_forms_shown_only_to_those_allowed(login, action):
    url = reverse("web:action_detail", args=[action.pk])
    liaison = login("liaison").get(url).context["forms"]
    staff = login("office_staff").get(url).context["forms"]
    inspector = login("inspector").get(url).context["forms"]
    assert set(liaison) == {"progress", "done", "extension", "obstacle"}
    assert set(staff) == {"cancel", "deadline"}
    assert inspector == {}


def test_home_per_persona(login, action, world):
    liaison = login("liaison").get(reverse("web:home"))
    assert [p["organization"] for p in liaison.context["org_panels"]] == [world.agency]
    assert liaison.context["org_panels"][0]["counts"]["open"] == 1
    staff = login("office_staff").get(reverse("web:home"))
    assert staff.context["is_managing"] and staff.context["org_panels"] == []
    assert staff.context["counts"]["open"] == 1
    assert staff.context["scorecard"][0]["responsible_organization_id"] == world.agency.pk
    inspector = login("inspector").get(reverse("web:home"))
    assert inspector.context["read_only"] is True
    assert "to_verify" not in inspector.context
    deputy = login("county_deputy").get(reverse("web:home"))
    assert deputy.context["counts"]["total"] == 0  # the province's action is not in their county
