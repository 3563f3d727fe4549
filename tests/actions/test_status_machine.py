"""The status machine (DESIGN §4): every allowed and forbidden move, reasons, events in one transaction."""

from unittest import mock

import pytest

from peygir.actions import services
from peygir.actions.models import Action, ActionEvent
from peygir.core.errors import ConflictError, ValidationError

from .helpers import counts, make_action

S = Action.Status


def run(op: str, world, action: Action) -> Action:
    """Apply one operation as the person entitled to it."""
    liaison, staff = world.users["liaison"], world.users["office_staff"]
    if op == "progress":
        services.action_report_progress(action=action, user=liaison, text="نیمی از کار انجام شد", progress=50)
    elif op == "report_done":
        services.action_report_done(action=action, user=liaison, text="کار تمام شد")
    elif op == "verify":
        services.action_verify(action=action, user=staff, text="بازدید شد")
    elif op == "reject":
        services.action_reject(action=action, user=staff, reason="شواهد کافی نیست")
    elif op == "cancel":
        services.action_cancel(action=action, user=staff, reason="موضوع منتفی شد")
    return Action.objects.get(pk=action.pk)


# (from status, operation) → resulting status, or None when the move is forbidden.
MACHINE = {
    (S.OPEN, "progress"): S.IN_PROGRESS,
    (S.OPEN, "report_done"): S.REPORTED_DONE,
    (S.OPEN, "verify"): None,
    (S.OPEN, "reject"): None,
    (S.OPEN, "cancel"): S.CANCELLED,
    (S.IN_PROGRESS, "progress"): S.IN_PROGRESS,
    (S.IN_PROGRESS, "report_done"): S.REPORTED_DONE,
    (S.IN_PROGRESS, "verify"): None,
    (S.IN_PROGRESS, "reject"): None,
    (S.IN_PROGRESS, "cancel"): S.CANCELLED,
    (S.REPORTED_DONE, "progress"): None,
    (S.REPORTED_DONE, "report_done"): None,
    (S.REPORTED_DONE, "verify"): S.VERIFIED,
    (S.REPORTED_DONE, "reject"): S.IN_PROGRESS,
    (S.REPORTED_DONE, "cancel"): S.CANCELLED,
    **{(S.VERIFIED, op): None for op in ("progress", "report_done", "verify", "reject", "cancel")},
    **{(S.CANCELLED, op): None for op in ("progress", "report_done", "verify", "reject", "cancel")},
}


@pytest.mark.parametrize(("start", "op"), list(MACHINE))
def test_every_transition(world, start, op):
    action = make_action(world)
    Action.objects.filter(pk=action.pk).update(status=start)
    action.refresh_from_db()
    expected = MACHINE[(start, op)]
    before = counts()
    if expected is None:
        with pytest.raises(ValidationError) as info:
            run(op, world, action)
        assert "status" in info.value.message_dict
        assert any("\u0600" <= ch <= "\u06ff" for ch in info.value.message_dict["status"][0])
        after = Action.objects.get(pk=action.pk)
        assert (after.status, after.version) == (start, action.version)
        assert counts() == before
    else:
        after = run(op, world, action)
        assert after.status == expected
        assert after.version == action.version + 1
        assert counts()["ActionEvent"] > before["ActionEvent"]


def test_status_events_record_from_and_to(world):
    action = make_action(world)
    run("report_done", world, action)
    run("reject", world, action)
    moves = list(
        ActionEvent.objects.filter(action=action, kind=ActionEvent.Kind.STATUS).values_list(
            "from_status", "to_status"
        )
    )
    assert moves == [(S.OPEN, S.REPORTED_DONE), (S.REPORTED_DONE, S.IN_PROGRESS)]
    reject = ActionEvent.objects.filter(action=action, kind=ActionEvent.Kind.STATUS).last()
    assert reject.data["reason"] == "شواهد کافی نیست"


@pytest.mark.parametrize("reason", ["", "   ", "\u200c"])
def test_reject_needs_a_reason(world, reason):
    action = make_action(world)
    run("report_done", world, action)
    before = counts()
    with pytest.raises(ValidationError) as info:
        services.action_reject(action=action, user=world.users["office_staff"], reason=reason)
    assert info.value.message_dict["reason"] == ["این بخش را پر کنید."]
    assert Action.objects.get(pk=action.pk).status == S.REPORTED_DONE
    assert counts() == before


def test_a_rejected_report_goes_back_to_the_progress_reported_before_it(world):
    action = make_action(world)
    liaison, staff = world.users["liaison"], world.users["office_staff"]
    services.action_report_progress(action=action, user=liaison, text="نیمی از مدارس", progress=40)
    services.action_report_done(action=action, user=liaison, text="همه انجام شد")
    assert Action.objects.get(pk=action.pk).progress == 100
    services.action_reject(action=action, user=staff, reason="شواهد کافی نیست")
    action.refresh_from_db()
    assert (action.status, action.progress) == (S.IN_PROGRESS, 40)
    # The issuer may judge otherwise: what it accepts as done is the new progress.
    services.action_report_done(action=action, user=liaison, text="این بار با شواهد")
    services.action_reject(action=action, user=staff, reason="تنها سه مدرسه انجام شد", progress=15)
    action.refresh_from_db()
    assert (action.status, action.progress) == (S.IN_PROGRESS, 15)
    assert action.updates.filter(kind="reject").order_by("id").last().progress == 15


@pytest.mark.parametrize("progress", [100, -1, 250])
def test_a_rejected_report_cannot_stay_at_or_beyond_100(world, progress):
    action = make_action(world)
    run("report_done", world, action)
    before = counts()
    with pytest.raises(ValidationError) as info:
        services.action_reject(
            action=action, user=world.users["office_staff"], reason="ناقص", progress=progress
        )
    assert "progress" in info.value.message_dict
    assert Action.objects.get(pk=action.pk).status == S.REPORTED_DONE
    assert counts() == before


def test_cancel_needs_a_reason_and_keeps_it(world):
    action = make_action(world)
    with pytest.raises(ValidationError) as info:
        services.action_cancel(action=action, user=world.users["office_staff"], reason="")
    assert "reason" in info.value.message_dict
    assert Action.objects.get(pk=action.pk).status == S.OPEN
    services.action_cancel(action=action, user=world.users["office_staff"], reason="ادغام با اقدام دیگر")
    action.refresh_from_db()
    assert action.status == S.CANCELLED
    assert action.cancel_reason == "ادغام با اقدام دیگر"
    assert action.closed_at is not None


def test_second_verify_is_refused_in_persian_and_changes_nothing(world):
    action = make_action(world)
    run("report_done", world, action)
    run("verify", world, action)
    action.refresh_from_db()
    before = counts()
    with pytest.raises(ValidationError) as info:
        services.action_verify(action=action, user=world.users["office_head"], text="دوباره")
    assert info.value.message_dict["status"] == ["این اقدام پیش‌تر تأیید شده است."]
    after = Action.objects.get(pk=action.pk)
    assert (after.version, after.verifier_id, after.closed_at) == (
        action.version,
        action.verifier_id,
        action.closed_at,
    )
    assert counts() == before


def test_a_failing_step_rolls_back_the_change_and_its_event(world):
    """The event, the status and the notifications commit together: a failure after the event undoes all."""
    action = make_action(world)
    before = counts()
    with (
        mock.patch("peygir.actions.services.notify_action_event", side_effect=RuntimeError("boom")),
        pytest.raises(RuntimeError),
    ):
        services.action_report_done(action=action, user=world.users["liaison"], text="انجام شد")
    after = Action.objects.get(pk=action.pk)
    assert (after.status, after.progress, after.version) == (S.OPEN, 0, action.version)
    assert counts() == before


def test_stale_expected_version_is_a_conflict_and_changes_nothing(world):
    action = make_action(world)
    stale = action.version
    services.action_report_progress(action=action, user=world.users["liaison"], text="آغاز شد", progress=10)
    before = counts()
    with pytest.raises(ConflictError) as info:
        services.action_report_progress(
            action=action, user=world.users["liaison"], text="ادامه", progress=40, expected_version=stale
        )
    assert "کاربر دیگری" in info.value.messages[0]
    with pytest.raises(ConflictError):
        services.action_verify(action=action, user=world.users["office_staff"], expected_version=stale)
    after = Action.objects.get(pk=action.pk)
    assert (after.progress, after.version) == (10, stale + 1)
    assert counts() == before


def test_current_expected_version_is_accepted(world):
    action = make_action(world)
    services.action_report_progress(
        action=action, user=world.users["liaison"], text="آغاز", progress=20, expected_version=action.version
    )
    assert Action.objects.get(pk=action.pk).progress == 20


def test_progress_outside_0_100_is_refused(world):
    action = make_action(world)
    before = counts()
    with pytest.raises(ValidationError) as info:
        services.action_report_progress(action=action, user=world.users["liaison"], text="x", progress=120)
    assert info.value.message_dict["progress"] == ["درصد پیشرفت باید بین ۰ و ۱۰۰ باشد."]
    assert counts() == before
