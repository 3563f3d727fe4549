"""The office's opinion (اعلام نظر) on a council's social or cultural item, before the council decides
(S1.2): a recorded step, shown on the item."""

import pytest
from django.test import Client
from django.urls import reverse

from peygir.committees import services
from peygir.committees.models import AgendaItemOpinion, Committee, Meeting
from peygir.core.errors import NotAllowed, ValidationError
from tests.auth import sign_in
from tests.factories import AgendaItemFactory, CommitteeFactory, MeetingFactory

SAYS = "دفتر با طرح موافق است به شرط آنکه آثار اجتماعی و فرهنگی آن در کارگروه فرهنگی بررسی شود."


@pytest.fixture
def council_item(world):
    council = CommitteeFactory(
        name="شورای برنامه‌ریزی و توسعه استان",
        kind=Committee.Kind.COUNCIL,
        secretariat=world.governorate,
        territory=world.province,
    )
    meeting = MeetingFactory(committee=council, status=Meeting.Status.PLANNED)
    return AgendaItemFactory(meeting=meeting, title="طرح احداث فضاهای فرهنگی و ورزشی محلات")


def client_for(world, persona):
    client = Client()
    sign_in(client, world.users[persona])
    return client


def test_the_office_gives_its_opinion_and_the_item_shows_it(world, council_item):
    opinion = services.agenda_item_opinion(
        user=world.users["office_staff"], item=council_item, position="conditional", text=SAYS
    )
    assert opinion.organization == world.office
    page = client_for(world, "governor").get(reverse("web:meeting_detail", args=[council_item.meeting_id]))
    body = page.content.decode()
    assert SAYS in body and "موافق مشروط" in body and f'id="opinion-{council_item.pk}"' in body


def test_the_opinion_form_on_the_page(world, council_item):
    client = client_for(world, "office_staff")
    url = reverse("web:meeting_op", args=[council_item.meeting_id, "opinion"])
    assert (
        "اعلام نظر دفتر"
        in client.get(reverse("web:meeting_detail", args=[council_item.meeting_id])).content.decode()
    )
    bad = client.post(url, {"opinion-item": council_item.pk, "opinion-position": "", "opinion-text": ""})
    assert bad.status_code == 400
    assert bad.context["opinion_form"].errors.keys() == {"position", "text"}
    assert not AgendaItemOpinion.objects.exists()
    ok = client.post(
        url, {"opinion-item": council_item.pk, "opinion-position": "support", "opinion-text": SAYS}
    )
    assert ok.status_code == 302
    assert AgendaItemOpinion.objects.get().position == "support"


@pytest.mark.parametrize("persona", ["liaison", "agency_head", "inspector", "county_deputy"])
def test_only_the_office_speaks_for_the_office(world, council_item, persona):
    with pytest.raises(NotAllowed):
        services.agenda_item_opinion(
            user=world.users[persona], item=council_item, position="support", text=SAYS
        )
    url = reverse("web:meeting_op", args=[council_item.meeting_id, "opinion"])
    response = client_for(world, persona).post(
        url, {"opinion-item": council_item.pk, "opinion-position": "support", "opinion-text": SAYS}
    )
    assert response.status_code == 404
    assert not AgendaItemOpinion.objects.exists()


def test_not_on_a_working_group_nor_after_the_council_decided(world, council_item):
    working_group_item = AgendaItemFactory(
        meeting=MeetingFactory(
            committee=CommitteeFactory(kind=Committee.Kind.WORKING_GROUP, territory=world.province)
        )
    )
    with pytest.raises(NotAllowed):
        services.agenda_item_opinion(
            user=world.users["office_staff"], item=working_group_item, position="support", text=SAYS
        )
    Meeting.objects.filter(pk=council_item.meeting_id).update(status=Meeting.Status.APPROVED)
    council_item.meeting.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.agenda_item_opinion(
            user=world.users["office_staff"], item=council_item, position="support", text=SAYS
        )
    assert "پیش از تصمیم شورا" in exc.value.message_dict["position"][0]
    assert not AgendaItemOpinion.objects.exists()
