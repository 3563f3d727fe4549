"""Calls and proposals: the form kept per version, budgets that add up, the deadline, no edits after
submission, reasons for every decision."""

import datetime as dt

import pytest
from django.utils import timezone

from peygir.core.errors import NotAllowed, ValidationError
from peygir.grants.models import Envelope, Proposal
from peygir.grants.services import calls, proposals
from peygir.grants.services.calls import spread

from .helpers import counts, new_call, ngo_user, submitted
from .world import FORM, TOMAN, plan


def test_spread_always_adds_up():
    assert spread(2_300_000_000, [1] * 23) == [100_000_000] * 23
    shares = spread(1000, [1, 1, 1])
    assert sum(shares) == 1000 and sorted(shares) == [333, 333, 334]
    assert sum(spread(10**9 + 7, [3, 5, 11, 2])) == 10**9 + 7


def test_envelopes_by_method(world):
    call = new_call(world, publish=False)
    env = Envelope.objects.get(call=call)
    assert env.county == world.county and env.amount_rials == call.total_rials
    with pytest.raises(ValidationError, match="بیشتر"):
        calls.call_envelopes_set(
            user=world.users["office_staff"],
            call=call,
            method="manual",
            manual={world.county.pk: call.total_rials + 1},
        )
    with pytest.raises(ValidationError, match="جمعیت"):
        calls.call_envelopes_set(user=world.users["office_staff"], call=call, method="population")
    calls.call_envelopes_set(
        user=world.users["office_staff"], call=call, method="manual", manual={world.county.pk: 5_000_000}
    )
    assert Envelope.objects.get(call=call).amount_rials == 5_000_000
    with pytest.raises(NotAllowed):
        calls.call_envelopes_set(user=world.users["county_deputy"], call=call, method="equal")


def test_a_call_is_run_by_the_provincial_office_only(world):
    with pytest.raises(NotAllowed):
        calls.call_create(
            user=world.users["foreign_staff"],
            office=world.office,
            title="x",
            total_rials=10,
            opens_on=timezone.localdate(),
            closes_on=timezone.localdate(),
        )
    with pytest.raises(ValidationError, match="مهلت ارسال"):
        new_call(world, opens_on=timezone.localdate(), closes_on=timezone.localdate() - dt.timedelta(days=1))


def test_old_proposals_keep_their_form_version(world):
    call = new_call(world, form_fields=FORM)
    first = submitted(world, call, review=False)
    assert first.form_version.number == 1 and first.answers == {
        "partners": "هیئت ورزش‌های همگانی",
        "girls": 60,
    }
    calls.call_form_update(
        user=world.users["office_staff"],
        call=call,
        fields=[{"name": "mosque", "label": "مسجد محل اجرا", "kind": "text", "required": True}],
    )
    with pytest.raises(ValidationError, match="مسجد محل اجرا"):
        proposals.proposal_create(
            user=ngo_user(world), call=call, ngo=world.ngo, plan=plan(world, title="الف", summary="ب")
        )
    first.refresh_from_db()
    assert first.form_version.number == 1 and "girls" in {f["name"] for f in first.form_version.fields}


def test_budget_lines_that_do_not_add_up_write_nothing(world):
    call = new_call(world)
    bad = plan(world, title="الف", summary="ب")
    bad.budget_lines = [("مربی", 10 * TOMAN)]
    before = counts()
    with pytest.raises(ValidationError, match="با مبلغ درخواستی"):
        proposals.proposal_create(user=ngo_user(world), call=call, ngo=world.ngo, plan=bad)
    assert counts() == before


def test_milestones_inside_the_window(world):
    call = new_call(world)
    long = plan(world, title="الف", summary="ب", days=120)
    with pytest.raises(ValidationError, match="مدت اجرا"):
        proposals.proposal_create(user=ngo_user(world), call=call, ngo=world.ngo, plan=long)
    late = plan(world, title="الف", summary="ب")
    late.milestones = [("پایان", late.ends_on + dt.timedelta(days=1), late.requested_rials)]
    with pytest.raises(ValidationError, match="بازه اجرای طرح"):
        proposals.proposal_create(user=ngo_user(world), call=call, ngo=world.ngo, plan=late)


def test_after_the_deadline(world):
    call = new_call(world)
    draft = proposals.proposal_create(
        user=ngo_user(world), call=call, ngo=world.ngo, plan=plan(world, title="الف", summary="ب")
    )
    call.closes_on = timezone.localdate() - dt.timedelta(days=1)
    call.save(update_fields=["closes_on"])
    draft.refresh_from_db()
    with pytest.raises(ValidationError, match="مهلت ارسال طرح"):
        proposals.proposal_submit(user=ngo_user(world), proposal=draft)
    draft.refresh_from_db()
    assert draft.status == Proposal.Status.DRAFT


def test_no_edits_after_submission_and_only_by_the_ngo(world):
    call = new_call(world)
    proposal = submitted(world, call, review=False)
    with pytest.raises(ValidationError, match="پس از ارسال"):
        proposals.proposal_update(
            user=ngo_user(world), proposal=proposal, plan=plan(world, title="تغییر", summary="ب")
        )
    with pytest.raises(NotAllowed):
        proposals.proposal_update(
            user=world.users["office_staff"], proposal=proposal, plan=plan(world, title="تغییر", summary="ب")
        )
    returned = proposals.proposal_return(
        user=world.users["office_staff"], proposal=proposal, reason="برنامه زمانی مراحل را دقیق کنید"
    )
    assert returned.status == Proposal.Status.RETURNED and returned.decision_reason
    updated = proposals.proposal_update(
        user=ngo_user(world), proposal=returned, plan=plan(world, title="کلاس‌های ورزشی اصلاح‌شده", summary="ب")
    )
    assert updated.title == "کلاس‌های ورزشی اصلاح‌شده"
    assert list(updated.events.values_list("kind", flat=True)) == ["created", "submitted", "returned"]


def test_rejection_needs_a_reason(world):
    call = new_call(world)
    proposal = submitted(world, call)
    with pytest.raises(ValidationError):
        proposals.proposal_reject(user=world.users["office_staff"], proposal=proposal, reason="  ")
    rejected = proposals.proposal_reject(
        user=world.users["office_staff"], proposal=proposal, reason="خارج از حوزه"
    )
    assert rejected.status == Proposal.Status.REJECTED
    with pytest.raises(NotAllowed):
        proposals.proposal_reject(user=world.users["county_deputy"], proposal=rejected, reason="x")
