"""Decisions reach agencies only when they are decisions (issue 9, §1): rows typed before the minutes
are approved are drafts; approval or the secretariat's «ابلاغ» dispatches every row at once."""

import pytest
from django.urls import reverse

from peygir.actions.models import Action, ActionEvent
from peygir.committees import services
from peygir.committees.models import Meeting
from peygir.core.errors import NotAllowed, ValidationError
from peygir.notifications.models import Notification, OutboundMessage
from peygir.organizations.models import Organization
from tests.auth import sign_in

from .s3 import TEXT_1, build_s3


def reached(world) -> tuple[int, int, int]:
    """What has reached anybody: actions, notifications, outbound messages."""
    return Action.objects.count(), Notification.objects.count(), OutboundMessage.objects.count()


def test_draft_rows_make_no_actions_and_send_nothing(world):
    s3 = build_s3(world, held=True, dispatch=False)
    assert reached(world) == (0, 0, 0)
    assert s3.meeting.dispatched_at is None
    # The rows name whom they will reach, groups expanded.
    assert set(s3.rows["2-الف"].responsible_organizations.all()) == {world.agency, world.other_agency}
    page = _page(world, s3.meeting, "liaison")
    assert "پیش‌نویس — ابلاغ نشده" in page and 'id="draft-note"' in page


def test_approval_dispatches_every_row_at_once_with_the_approval_as_start(world):
    s3 = build_s3(world, held=True, dispatch=False)
    meeting = services.meeting_approve(user=world.users["office_staff"], meeting=s3.meeting)
    assert meeting.dispatched_at is not None
    actions = list(Action.objects.filter(resolution__meeting=s3.meeting))
    # 1: the agency; 2-الف: the group's two agencies; 2-ب: the office. The heading row 2 names nobody.
    assert len(actions) == 4
    assert all(a.created_at >= meeting.approved_at for a in actions)
    assert {a.deadline for a in actions if a.resolution_id == s3.rows["1"].pk} == {s3.rows["1"].deadline}
    # The agencies hear of them now.
    assert Notification.objects.filter(recipient=world.users["liaison"], kind="action.created").exists()
    assert ActionEvent.objects.filter(kind="created").count() == 4


def test_the_secretariat_dispatches_a_held_meeting(world):
    s3 = build_s3(world, held=True, dispatch=False)
    count = services.meeting_dispatch(user=world.users["office_staff"], meeting=s3.meeting)
    assert count == 4
    s3.meeting.refresh_from_db()
    assert s3.meeting.status == Meeting.Status.HELD and s3.meeting.dispatched_at is not None
    with pytest.raises(ValidationError) as exc:
        services.meeting_dispatch(user=world.users["office_staff"], meeting=s3.meeting)
    assert "پیش‌تر ابلاغ" in exc.value.message_dict["status"][0]
    # Approval later dispatches nothing twice.
    services.meeting_approve(user=world.users["office_staff"], meeting=s3.meeting)
    assert Action.objects.count() == 4


def test_a_planned_meeting_is_not_dispatched(world):
    s3 = build_s3(world, held=False)
    before = reached(world)
    with pytest.raises(ValidationError) as exc:
        services.meeting_dispatch(user=world.users["office_staff"], meeting=s3.meeting)
    assert "برگزاری جلسه" in exc.value.message_dict["status"][0]
    assert reached(world) == before


def test_a_deactivated_organization_stops_the_whole_dispatch(world):
    s3 = build_s3(world, held=True, dispatch=False)
    Organization.objects.filter(pk=world.other_agency.pk).update(is_active=False)
    before = (reached(world), Meeting.objects.get(pk=s3.meeting.pk).status)
    for call in (services.meeting_dispatch, services.meeting_approve):
        with pytest.raises(ValidationError) as exc:
            call(user=world.users["office_staff"], meeting=s3.meeting)
        assert "غیرفعال" in exc.value.message_dict["status"][0]
    # Nothing half sent: not the other rows' actions, not the approval.
    assert (reached(world), Meeting.objects.get(pk=s3.meeting.pk).status) == before


def test_only_the_committees_managers_dispatch(world):
    s3 = build_s3(world, held=True, dispatch=False)
    before = reached(world)
    for persona in ("liaison", "inspector", "county_deputy"):
        with pytest.raises(NotAllowed):
            services.meeting_dispatch(user=world.users[persona], meeting=s3.meeting)
    assert reached(world) == before


def test_a_row_added_after_dispatch_reaches_its_agency_at_once(world):
    s3 = build_s3(world, approve=True)
    before = Action.objects.count()
    services.resolution_create(
        user=world.users["office_staff"],
        meeting=s3.meeting,
        text="گزارش تکمیلی ارائه شود",
        responsible=[world.other_agency],
        deadline_text="ظرف ۱۰ روز",
        reason="از قلم افتاده بود",
    )
    assert Action.objects.count() == before + 1


def test_the_dispatch_button_and_its_page(world, client):
    s3 = build_s3(world, held=True, dispatch=False)
    sign_in(client, world.users["office_staff"])
    page = client.get(reverse("web:meeting_detail", args=[s3.meeting.pk])).content.decode()
    assert 'id="dispatch-button"' in page and "تأیید صورتجلسه و ابلاغ مصوبات" in page
    s3.meeting.refresh_from_db()
    response = client.post(
        reverse("web:meeting_op", args=[s3.meeting.pk, "dispatch"]), {"dispatch-version": s3.meeting.version}
    )
    assert response.status_code == 302
    assert Action.objects.filter(resolution__meeting=s3.meeting).count() == 4
    again = client.post(reverse("web:meeting_op", args=[s3.meeting.pk, "dispatch"]), {})
    assert again.status_code == 400 and "پیش‌تر ابلاغ" in again.content.decode()


def _page(world, meeting, persona, query=""):
    from django.test import Client

    client = Client()
    sign_in(client, world.users[persona])
    return client.get(reverse("web:meeting_detail", args=[meeting.pk]) + query).content.decode()


def test_approved_minutes_read_as_a_document_until_the_amendment_mode(world):
    s3 = build_s3(world, approve=True)
    document = _page(world, s3.meeting, "office_staff")
    assert TEXT_1 in document
    assert "دلیل حذف" not in document and "این ردیف حذف شود؟" not in document
    assert 'id="minutes-forms"' not in document and 'id="amend-button"' in document
    amending = _page(world, s3.meeting, "office_staff", "?amend=1")
    assert "دلیل حذف" in amending and 'id="minutes-forms"' in amending and "پایان اصلاحیه" in amending
    # Who may not amend sees the document either way.
    reader = _page(world, s3.meeting, "liaison", "?amend=1")
    assert "دلیل حذف" not in reader and 'id="amend-button"' not in reader


def test_the_follow_up_report_names_the_meeting_and_row(world):
    s3 = build_s3(world, approve=True)
    nxt = services.meeting_create(
        user=world.users["office_staff"],
        committee=s3.committee,
        starts_at=s3.meeting.starts_at + (s3.meeting.starts_at - s3.meeting.starts_at).__class__(days=30),
    )
    page = _page(world, nxt, "office_staff")
    assert "جلسه ۱، ردیف ۱" in page
