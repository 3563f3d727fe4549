"""notify_action_event: the right people, never the actor, one email per person and event."""

import datetime as dt

import pytest
from django.core import mail

from peygir.actions.notify import notify_action_event
from peygir.actions.services import (
    action_change_deadline,
    action_report_done,
    action_report_progress,
    action_verify,
)
from peygir.notifications.models import Notification, OutboundMessage
from peygir.notifications.sms import MemorySmsBackend
from peygir.organizations.models import Membership
from tests.actions.helpers import make_action
from tests.factories import MembershipFactory, UserFactory


@pytest.fixture(autouse=True)
def notification_settings(settings):
    settings.PEYGIR_SITE_URL = "https://peygir.example.ir"
    settings.PEYGIR_DELIVER_ON_COMMIT = False
    MemorySmsBackend.outbox = []
    yield
    MemorySmsBackend.outbox = []


Role = Membership.Role
EVENTS = ["created", "progress", "reported_done", "verified", "rejected", "cancelled", "deadline_changed"]


def recipients(action, kind: str) -> set[str]:
    return set(
        Notification.objects.filter(subject=f"action:{action.pk}", kind=f"action.{kind}").values_list(
            "recipient__username", flat=True
        )
    )


def test_a_new_action_reaches_the_responsible_liaisons_and_heads(world):
    action = make_action(world)
    assert recipients(action, "created") == {"liaison", "agency_head"}
    emails = OutboundMessage.objects.filter(notification__subject=f"action:{action.pk}")
    assert sorted(emails.values_list("to", flat=True)) == ["agency_head@example.org", "liaison@example.org"]
    body = emails.first().body
    assert "۱۴۰۲/۰۸/۲۴" in body  # Jalali deadline with Persian digits
    assert f"https://peygir.example.ir/actions/{action.pk}/" in body


def test_progress_and_done_reach_the_issuer_and_the_verifier(world):
    verifier = MembershipFactory(
        user=UserFactory(username="verifier"), organization=world.governorate, role=Role.GOVERNOR
    ).user
    action = make_action(world)
    action.verifier = verifier
    action.save(update_fields=["verifier"])
    action_report_progress(action=action, user=world.users["liaison"], text="۳۰ درصد", progress=30)
    assert recipients(action, "progress") == {"office_staff", "office_head", "verifier"}
    body = Notification.objects.get(
        subject=f"action:{action.pk}", kind="action.progress", recipient=verifier
    ).body
    assert "۳۰ درصد" in body
    action_report_done(action=action, user=world.users["agency_head"], text="تمام شد")
    assert recipients(action, "reported_done") == {"office_staff", "office_head", "verifier"}


def test_verification_and_new_deadline_reach_the_responsible(world):
    action = make_action(world)
    action_change_deadline(
        action=action, user=world.users["office_head"], deadline=dt.date(2023, 12, 20), reason="تمدید"
    )
    assert recipients(action, "deadline_changed") == {"liaison", "agency_head"}
    notice = Notification.objects.filter(
        subject=f"action:{action.pk}", kind="action.deadline_changed"
    ).first()
    assert "۱۴۰۲/۰۹/۲۹" in notice.body and "تمدید" in notice.body
    action_report_done(action=action, user=world.users["liaison"], text="تمام شد")
    action_verify(action=action, user=world.users["office_staff"])
    assert recipients(action, "verified") == {"liaison", "agency_head"}


@pytest.mark.parametrize("event", EVENTS)
def test_the_actor_never_hears_of_their_own_act(world, event):
    """Someone who sits in every group concerned (and verifies) still gets nothing for what they did."""
    everywhere = UserFactory(username="everywhere")
    for org, role in [
        (world.agency, Role.LIAISON),
        (world.agency, Role.HEAD),
        (world.office, Role.OFFICE_STAFF),
        (world.office, Role.HEAD),
    ]:
        MembershipFactory(user=everywhere, organization=org, role=role)
    action = make_action(world)
    action.verifier = everywhere
    Notification.objects.all().delete()
    OutboundMessage.objects.all().delete()
    written = notify_action_event(action=action, event=event, actor=everywhere, text="متن")
    assert written > 0
    assert not Notification.objects.filter(recipient=everywhere).exists()
    assert not OutboundMessage.objects.filter(to=everywhere.email).exists()
    # … while the same event from someone else reaches them.
    notify_action_event(action=action, event=event, actor=world.users["nobody"], text="متن")
    assert Notification.objects.filter(recipient=everywhere, kind=f"action.{event}").count() == 1


def test_users_without_email_get_only_the_in_app_notification(world):
    liaison = world.users["liaison"]
    liaison.email = ""
    liaison.save(update_fields=["email"])
    action = make_action(world)
    assert recipients(action, "created") == {"liaison", "agency_head"}
    assert list(OutboundMessage.objects.values_list("to", flat=True)) == ["agency_head@example.org"]


def test_the_same_event_is_queued_once(world):
    action = make_action(world)
    before = OutboundMessage.objects.count()
    notify_action_event(action=action, event="created", actor=world.users["office_staff"])
    assert OutboundMessage.objects.count() == before  # same ActionEvent → same dedupe keys
    keys = list(OutboundMessage.objects.values_list("dedupe_key", flat=True))
    assert len(set(keys)) == len(keys) == 2


def test_inactive_members_hear_nothing(world):
    Membership.objects.filter(user=world.users["agency_head"]).update(is_active=False)
    action = make_action(world)
    assert recipients(action, "created") == {"liaison"}


def test_unknown_event_is_a_programming_error(world):
    action = make_action(world)
    with pytest.raises(ValueError):
        notify_action_event(action=action, event="exploded", actor=None)


def test_delivery_after_commit(world, settings, django_capture_on_commit_callbacks):
    settings.PEYGIR_DELIVER_ON_COMMIT = True
    with django_capture_on_commit_callbacks(execute=True):
        action = make_action(world)
    assert sorted(m.to[0] for m in mail.outbox) == ["agency_head@example.org", "liaison@example.org"]
    assert mail.outbox[0].subject.startswith("اقدام تازه")
    statuses = set(
        OutboundMessage.objects.filter(notification__subject=f"action:{action.pk}").values_list(
            "status", flat=True
        )
    )
    assert statuses == {OutboundMessage.Status.SENT}
