"""Extension requests and obstacles: the liaison says more than "progress" and "done" (issue 9, §2)."""

import datetime as dt

import pytest
from django.utils import timezone

from peygir.actions import requests
from peygir.actions.escalation import scan
from peygir.actions.models import Action, ActionEvent, EscalationStep, ExtensionRequest, Obstacle
from peygir.actions.selectors import ESCALATED_LEVEL, action_list, escalation_ladder, open_obstacles
from peygir.actions.services import action_cancel
from peygir.core.errors import NotAllowed, ValidationError
from peygir.notifications.models import Notification

from .helpers import counts, make_action


def today() -> dt.date:
    return timezone.localdate()


@pytest.fixture
def action(world):
    return make_action(world, deadline=today() + dt.timedelta(days=10))


def state(action) -> tuple:
    action.refresh_from_db()
    return (
        action.deadline,
        action.version,
        counts(),
        ExtensionRequest.objects.count(),
        Obstacle.objects.count(),
    )


def ask(world, action, days=40, reason="اعتبار طرح هنوز ابلاغ نشده است"):
    return requests.extension_request(
        action=action, user=world.users["liaison"], reason=reason, proposed=today() + dt.timedelta(days=days)
    )


def test_accepted_extension_moves_the_deadline_and_restarts_the_ladder(world, action):
    # The ladder climbed past the old deadline ...
    old = action.deadline
    scan(as_of=old + dt.timedelta(days=10))
    action.refresh_from_db()
    assert action.escalation_level >= ESCALATED_LEVEL
    request = ask(world, action)
    assert request.status == ExtensionRequest.Status.PENDING
    assert request.deadline_before == old
    # ... the issuer hears of the request.
    assert Notification.objects.filter(
        recipient=world.users["office_staff"], kind="action.extension_requested"
    )
    action.refresh_from_db()
    requests.extension_decide(request=request, user=world.users["office_staff"], accept=True)
    action.refresh_from_db()
    request.refresh_from_db()
    assert request.status == ExtensionRequest.Status.ACCEPTED and request.decided_at is not None
    assert action.deadline == today() + dt.timedelta(days=40)
    assert action.escalation_level == 0  # the ladder restarts for the new deadline
    assert Notification.objects.filter(
        recipient=world.users["liaison"], kind="action.deadline_changed"
    ).exists()
    kinds = list(action.events.values_list("kind", flat=True))
    assert kinds[-2:] == [ActionEvent.Kind.EXTENSION_REQUESTED, ActionEvent.Kind.EXTENSION_ACCEPTED]
    accepted = action.events.get(kind=ActionEvent.Kind.EXTENSION_ACCEPTED)
    assert accepted.data["before"] == old.isoformat()
    # A scan the day after the old deadline finds nothing new: the new deadline is far.
    steps = EscalationStep.objects.count()
    assert scan(as_of=old + dt.timedelta(days=11)).total_steps == 0
    assert EscalationStep.objects.count() == steps


def test_refused_extension_keeps_the_deadline_and_says_why(world, action):
    request = ask(world, action)
    action.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        requests.extension_decide(request=request, user=world.users["office_staff"], accept=False, reason="")
    assert "reason" in exc.value.message_dict
    requests.extension_decide(
        request=request, user=world.users["office_staff"], accept=False, reason="مهلت قانونی قابل تمدید نیست"
    )
    action.refresh_from_db()
    request.refresh_from_db()
    assert request.status == ExtensionRequest.Status.REFUSED
    assert request.decision_reason == "مهلت قانونی قابل تمدید نیست"
    assert action.deadline == today() + dt.timedelta(days=10)
    event = action.events.get(kind=ActionEvent.Kind.EXTENSION_REFUSED)
    assert event.data["reason"] == "مهلت قانونی قابل تمدید نیست"
    assert Notification.objects.filter(
        recipient=world.users["liaison"], kind="action.extension_refused"
    ).exists()
    with pytest.raises(ValidationError):  # answered once
        requests.extension_decide(request=request, user=world.users["office_staff"], accept=True)


@pytest.mark.parametrize(
    ("reason", "days", "field"),
    [
        ("", 40, "reason"),
        ("دلیل", None, "proposed"),
        ("دلیل", 5, "proposed"),  # before the current deadline
        ("دلیل", -1, "proposed"),  # in the past
    ],
)
def test_bad_extension_requests_write_nothing(world, action, reason, days, field):
    before = state(action)
    proposed = today() + dt.timedelta(days=days) if days is not None else None
    with pytest.raises(ValidationError) as exc:
        requests.extension_request(
            action=action, user=world.users["liaison"], reason=reason, proposed=proposed
        )
    assert field in exc.value.message_dict
    assert all(any("\u0600" <= ch <= "\u06ff" for ch in m) for m in exc.value.message_dict[field])
    assert state(action) == before


def test_one_request_awaits_an_answer_at_a_time(world, action):
    ask(world, action)
    action.refresh_from_db()
    before = state(action)
    with pytest.raises(ValidationError) as exc:
        ask(world, action, days=60)
    assert "در انتظار پاسخ" in exc.value.message_dict["proposed"][0]
    assert state(action) == before


def test_who_may_ask_and_answer(world, action):
    before = state(action)
    for persona in ("other_liaison", "office_staff"):
        with pytest.raises(NotAllowed):
            requests.extension_request(
                action=action,
                user=world.users[persona],
                reason="دلیل",
                proposed=today() + dt.timedelta(days=40),
            )
    assert state(action) == before
    request = ask(world, action)
    action.refresh_from_db()
    before = state(action)
    for persona in ("liaison", "other_liaison"):  # nobody answers their own request
        with pytest.raises(NotAllowed):
            requests.extension_decide(request=request, user=world.users[persona], accept=True)
    assert state(action) == before


def test_closed_actions_take_no_request_nor_obstacle(world, action):
    action_cancel(action=action, user=world.users["office_staff"], reason="دیگر لازم نیست")
    action.refresh_from_db()
    before = state(action)
    with pytest.raises(ValidationError):
        ask(world, action)
    with pytest.raises(ValidationError):
        requests.obstacle_report(action=action, user=world.users["liaison"], text="مانع")
    assert state(action) == before


def test_an_obstacle_names_what_blocks_and_who_is_needed(world, action):
    obstacle = requests.obstacle_report(
        action=action,
        user=world.users["liaison"],
        text="زمین مدرسه هنوز از شهرداری تحویل نشده است",
        needed=world.other_agency,
    )
    assert obstacle.organization_id == world.agency.pk
    event = action.events.get(kind=ActionEvent.Kind.OBSTACLE)
    assert event.data["needed_name"] == world.other_agency.name
    assert Notification.objects.filter(recipient=world.users["office_staff"], kind="action.obstacle").exists()
    # The issuer sees it on the start page; the other agency's liaison does not.
    assert [o.pk for o in open_obstacles(user=world.users["office_staff"])] == [obstacle.pk]
    assert open_obstacles(user=world.users["other_liaison"]) == []
    action.refresh_from_db()
    requests.obstacle_clear(obstacle=obstacle, user=world.users["office_staff"], reason="زمین تحویل شد")
    obstacle.refresh_from_db()
    assert obstacle.cleared_at is not None
    assert open_obstacles(user=world.users["office_staff"]) == []
    assert action.events.filter(kind=ActionEvent.Kind.OBSTACLE_CLEARED).exists()
    with pytest.raises(ValidationError):
        requests.obstacle_clear(obstacle=obstacle, user=world.users["office_staff"])


def test_bad_obstacles_write_nothing(world, action):
    before = state(action)
    with pytest.raises(ValidationError) as exc:
        requests.obstacle_report(action=action, user=world.users["liaison"], text="  ")
    assert "text" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        requests.obstacle_report(action=action, user=world.users["liaison"], text="مانع", needed=world.agency)
    assert "needed" in exc.value.message_dict
    with pytest.raises(NotAllowed):
        requests.obstacle_report(action=action, user=world.users["other_liaison"], text="مانع")
    assert state(action) == before


def test_the_ladder_shows_each_rung_with_level_recipients_and_date(world, action):
    rungs = escalation_ladder(action)
    assert [r.level for r in rungs] == [1, 2, 3, 4]
    assert all(r.reached_on is None for r in rungs)
    scan(as_of=action.deadline - dt.timedelta(days=1))  # the reminder
    as_of = action.deadline + dt.timedelta(days=10)
    scan(as_of=as_of)
    rungs = escalation_ladder(Action.objects.get(pk=action.pk))
    reached = [r for r in rungs if r.reached_on]
    assert [r.level for r in reached][:3] == [1, 2, 3]
    assert reached[0].deadline == action.deadline
    assert world.users["liaison"].display_name in reached[0].recipients
    assert reached[-1].reached_on == as_of


def test_the_escalated_filter_reads_the_column(world, action, django_assert_num_queries):
    quiet = make_action(world, deadline=today() + dt.timedelta(days=300), title="اقدام بی‌تأخیر")
    scan(as_of=action.deadline + dt.timedelta(days=10))
    user = world.users["office_staff"]
    ids = set(action_list(user=user, filters={"escalated": True}).values_list("pk", flat=True))
    assert action.pk in ids and quiet.pk not in ids
    everything = set(action_list(user=user).values_list("pk", flat=True))
    assert {action.pk, quiet.pk} <= everything
