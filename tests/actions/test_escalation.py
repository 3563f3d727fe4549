"""The escalation ladder: reminder → head → supervisor → province, once each, whatever the scans."""

import datetime as dt
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from peygir.actions import escalation
from peygir.actions.escalation import scan
from peygir.actions.management.commands.actions import Command
from peygir.actions.models import Action, ActionEvent, EscalationStep
from peygir.actions.services import action_change_deadline, action_reject, action_report_done
from peygir.core.workdays import WorkingCalendar
from peygir.notifications.models import Notification, OutboundMessage
from peygir.notifications.sms import MemorySmsBackend
from peygir.organizations.models import Organization
from tests.factories import OrganizationFactory

from .helpers import DEADLINE, counts, county_agency, make_action

Step = EscalationStep.Step


def at(days: int) -> dt.date:
    """The day `days` working days after (negative: before) the deadline."""
    return WorkingCalendar().add_working_days(DEADLINE, days)


def escalation_notices(action) -> list[tuple[str, str]]:
    return sorted(
        Notification.objects.filter(
            subject=f"action:{action.pk}", kind__startswith="escalation."
        ).values_list("kind", "recipient__username")
    )


def test_the_ladder_dates(db):
    assert at(-3) == dt.date(2023, 11, 12)  # Sunday: Friday 17 is not counted
    assert at(5) == dt.date(2023, 11, 21)
    assert at(15) == dt.date(2023, 12, 3)


def test_scan_moves_through_time(world):
    agency, people = county_agency(world)
    action = make_action(world, responsible=agency)
    assert action.territory == world.county

    scan(as_of=at(-4))
    assert not EscalationStep.objects.exists()

    result = scan(as_of=at(-3))
    assert result.steps == {Step.REMINDER: 1}
    assert escalation_notices(action) == [("escalation.reminder", "county_liaison")]
    assert Action.objects.get(pk=action.pk).escalation_level == Step.REMINDER
    assert not MemorySmsBackend.outbox  # reminders go by email only

    assert scan(as_of=DEADLINE).total_steps == 0  # due today is not overdue yet

    result = scan(as_of=DEADLINE + dt.timedelta(days=1))
    assert result.steps == {Step.OVERDUE_HEAD: 1}
    assert set(escalation_notices(action)) >= {
        ("escalation.overdue_head", "county_head"),
        ("escalation.overdue_head", "county_liaison"),
    }
    assert sorted(to for to, _text in MemorySmsBackend.outbox) == ["09120000001", "09120000002"]

    assert scan(as_of=at(4)).total_steps == 0
    result = scan(as_of=at(5))
    assert result.steps == {Step.SUPERVISOR: 1}
    assert ("escalation.supervisor", "county_deputy") in escalation_notices(action)

    assert scan(as_of=at(14)).total_steps == 0
    result = scan(as_of=at(15))
    assert result.steps == {Step.PROVINCE: 1}
    province = {user for kind, user in escalation_notices(action) if kind == "escalation.province"}
    assert province == {"office_staff", "office_head"}

    action.refresh_from_db()
    assert action.escalation_level == Step.PROVINCE
    assert list(EscalationStep.objects.filter(action=action).values_list("step", "deadline")) == [
        (step, DEADLINE) for step in (1, 2, 3, 4)
    ]
    events = ActionEvent.objects.filter(action=action, kind=ActionEvent.Kind.ESCALATED)
    assert [e.data["step"] for e in events] == [1, 2, 3, 4]
    assert events[0].actor_id is None
    assert scan(as_of=at(40)).total_steps == 0


def test_messages_are_persian_jalali_and_link_to_the_action(world):
    action = make_action(world)
    scan(as_of=DEADLINE + dt.timedelta(days=1), deliver=False)
    notice = Notification.objects.filter(
        subject=f"action:{action.pk}", kind="escalation.overdue_head"
    ).first()
    assert "۱۴۰۲/۰۸/۲۴" in notice.body  # the deadline, in Jalali with Persian digits
    assert notice.url == f"/actions/{action.pk}/"
    email = OutboundMessage.objects.filter(channel="email", notification=notice).get()
    assert f"https://peygir.example.ir/actions/{action.pk}/" in email.body
    assert email.subject.startswith("مهلت گذشته")


def test_running_twice_sends_nothing_twice(world):
    agency, _people = county_agency(world)
    actions = [make_action(world, responsible=agency, title=f"اقدام {n}") for n in range(3)]
    first = scan(as_of=at(15))
    assert first.steps == {Step.OVERDUE_HEAD: 3, Step.SUPERVISOR: 3, Step.PROVINCE: 3}
    # Everything queued (the escalations and the earlier «created» emails) went out once.
    assert first.delivered.sent == OutboundMessage.objects.count() > first.messages > 0
    sent, texted = len(mail.outbox), len(MemorySmsBackend.outbox)
    assert sent + texted == first.delivered.sent
    snapshot = counts()
    second = scan(as_of=at(15))
    assert second.total_steps == second.notifications == second.messages == 0
    assert counts() == snapshot
    assert (len(mail.outbox), len(MemorySmsBackend.outbox)) == (sent, texted)
    assert all(a.escalations.count() == 3 for a in actions)
    assert not OutboundMessage.objects.exclude(status=OutboundMessage.Status.SENT).exists()


def test_a_late_first_scan_skips_the_reminder(world):
    action = make_action(world)
    scan(as_of=at(1), deliver=False)
    assert list(action.escalations.values_list("step", flat=True)) == [Step.OVERDUE_HEAD]


def test_a_crash_half_way_loses_nothing_and_repeats_nothing(world):
    actions = [make_action(world, title=f"اقدام {n}") for n in range(5)]
    real = escalation._plan_action
    calls = {"n": 0}

    def crash_on_fourth(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 4:
            raise RuntimeError("power cut")
        return real(*args, **kwargs)

    with (
        mock.patch.object(escalation, "_plan_action", side_effect=crash_on_fourth),
        pytest.raises(RuntimeError),
    ):
        scan(as_of=at(1), batch_size=2)
    # The first batch (two actions) committed whole; the second rolled back whole.
    assert sorted(EscalationStep.objects.values_list("action_id", flat=True)) == [a.pk for a in actions[:2]]
    escalated = ActionEvent.objects.filter(kind=ActionEvent.Kind.ESCALATED)
    assert sorted(escalated.values_list("action_id", flat=True)) == [a.pk for a in actions[:2]]
    assert set(
        Notification.objects.filter(kind__startswith="escalation.").values_list("subject", flat=True)
    ) == {f"action:{a.pk}" for a in actions[:2]}
    assert [Action.objects.get(pk=a.pk).escalation_level for a in actions] == [2, 2, 0, 0, 0]

    result = scan(as_of=at(1), batch_size=2)
    assert result.steps == {Step.OVERDUE_HEAD: 3}
    for action in actions:
        assert list(action.escalations.values_list("step", flat=True)) == [Step.OVERDUE_HEAD]
        assert action.events.filter(kind=ActionEvent.Kind.ESCALATED).count() == 1
        # liaison and agency head, once each
        assert escalation_notices(action) == [
            ("escalation.overdue_head", "agency_head"),
            ("escalation.overdue_head", "liaison"),
        ]
    keys = list(OutboundMessage.objects.values_list("dedupe_key", flat=True))
    assert len(keys) == len(set(keys))


def test_a_new_deadline_restarts_the_ladder(world):
    action = make_action(world)
    scan(as_of=at(5), deliver=False)
    assert Action.objects.get(pk=action.pk).escalation_level == Step.SUPERVISOR
    new_deadline = dt.date(2023, 12, 13)  # a Wednesday
    action_change_deadline(
        action=action,
        user=world.users["office_staff"],
        deadline=new_deadline,
        reason="تمدید به درخواست دستگاه",
    )
    assert Action.objects.get(pk=action.pk).escalation_level == 0
    assert scan(as_of=at(6), deliver=False).total_steps == 0  # not late any more
    calendar = WorkingCalendar()
    scan(as_of=calendar.add_working_days(new_deadline, -1), deliver=False)
    scan(as_of=new_deadline + dt.timedelta(days=1), deliver=False)
    steps = list(action.escalations.order_by("deadline", "step").values_list("deadline", "step"))
    assert steps == [
        (DEADLINE, Step.OVERDUE_HEAD),
        (DEADLINE, Step.SUPERVISOR),
        (new_deadline, Step.REMINDER),
        (new_deadline, Step.OVERDUE_HEAD),
    ]


def test_reported_done_is_not_escalated_and_a_rejection_resumes_the_ladder(world):
    action = make_action(world)
    scan(as_of=at(1), deliver=False)
    action_report_done(action=action, user=world.users["liaison"], text="انجام شد")
    assert scan(as_of=at(5), deliver=False).total_steps == 0
    action_reject(action=action, user=world.users["office_staff"], reason="شواهد ناقص")
    result = scan(as_of=at(5), deliver=False)
    assert result.steps == {Step.SUPERVISOR: 1}  # the head heard already; nothing repeated
    assert list(action.escalations.values_list("step", flat=True)) == [Step.OVERDUE_HEAD, Step.SUPERVISOR]


def test_without_a_supervisor_the_issuer_is_the_supervising_level(world):
    lonely = OrganizationFactory(
        name="دستگاه بی‌ناظر", kind=Organization.Kind.AGENCY, territory=world.province
    )
    action = make_action(world, responsible=lonely)
    scan(as_of=at(5), deliver=False)
    supervisors = {user for kind, user in escalation_notices(action) if kind == "escalation.supervisor"}
    assert supervisors == {"office_staff", "office_head"}


def test_a_supervisor_with_nobody_in_peygir_leaves_the_rung_to_the_issuer(world):
    """A county governorate without its deputy among the users: the rung reached nobody (the demo's
    Ahvaz municipality showed «گیرندگان: —»); the issuer's people hear of it instead."""
    empty = OrganizationFactory(
        name="فرمانداری بی‌کاربر", kind=Organization.Kind.GOVERNORATE, territory=world.province
    )
    supervised = OrganizationFactory(
        name="دستگاه زیر نظر فرمانداری",
        kind=Organization.Kind.AGENCY,
        territory=world.province,
        supervisor=empty,
    )
    action = make_action(world, responsible=supervised)
    scan(as_of=at(5), deliver=False)
    supervisors = {user for kind, user in escalation_notices(action) if kind == "escalation.supervisor"}
    assert supervisors == {"office_staff", "office_head"}


def test_actions_without_deadline_or_closed_are_never_candidates(world):
    make_action(world, deadline=None, title="بی‌مهلت")
    cancelled = make_action(world, title="لغو")
    Action.objects.filter(pk=cancelled.pk).update(status=Action.Status.CANCELLED)
    assert scan(as_of=at(30), deliver=False).actions == 0
    assert not EscalationStep.objects.exists()


def test_scan_queries_do_not_grow_with_the_batch(world):
    def queries_for(n: int) -> int:
        EscalationStep.objects.all().delete()
        Action.objects.update(escalation_level=0)
        while Action.objects.count() < n:
            make_action(world, title=f"اقدام {Action.objects.count()}")
        with CaptureQueriesContext(connection) as ctx:
            result = scan(as_of=at(1), deliver=False)
        assert result.actions == n
        return len(ctx.captured_queries)

    assert queries_for(3) == queries_for(30)


def test_command_scan_prints_a_summary(world):
    make_action(world)
    from io import StringIO

    out = StringIO()
    call_command("actions", "scan", "--as-of", "۱۴۰۲/۰۸/۲۵", stdout=out)
    text = out.getvalue()
    assert "بررسی مهلت‌ها تا ۱۴۰۲/۰۸/۲۵" in text
    assert "(overdue_head): ۱" in text
    assert "(sent):" in text
    out = StringIO()
    call_command("actions", "scan", "--as-of", "2023-11-16", stdout=out)  # the same day in ISO
    assert "(overdue_head): ۰" in out.getvalue()


@pytest.mark.parametrize("bad", ["1402/13/01", "۱۴۰۲/۱۲/۳۱", "فردا", "2023-02-30"])
def test_command_refuses_a_bad_date_in_persian(db, bad):
    with pytest.raises(CommandError) as info:
        call_command("actions", "scan", "--as-of", bad)
    assert "پذیرفته نیست" in str(info.value)


def test_command_exits_non_zero_on_a_bad_date(db, capsys):
    with pytest.raises(SystemExit) as info:
        Command().run_from_argv(["peygir", "actions", "scan", "--as-of", "1402/07/32"])
    assert info.value.code != 0
    err = capsys.readouterr().err
    assert "پذیرفته نیست" in err and "روز دارد" in err
