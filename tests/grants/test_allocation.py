"""Allocation inside county envelopes: a ranking that never silently skips, partial funding,
overrides with their reasons, an envelope that is never exceeded; reviews with recusal, blind."""

from decimal import Decimal

import pytest

from peygir.core.errors import NotAllowed, ValidationError
from peygir.grants import selectors
from peygir.grants.models import Envelope, Instalment, Proposal, ProposalEvent, Review
from peygir.grants.services import allocation, calls, reviews

from .helpers import counts, new_call, new_ngo, submitted
from .world import TOMAN, approve


def _score(world, proposal, value, reviewer=None):
    reviewer = reviewer or world.users["inspector"]
    calls.call_reviewer_add(user=world.users["office_staff"], call=proposal.call, reviewer=reviewer)
    return reviews.review_submit(
        user=reviewer, proposal=proposal, scores={c.pk: value for c in proposal.call.criteria.all()}
    )


def test_weighted_scores_and_recusal(world):
    call = new_call(world)
    proposal = submitted(world, call)
    calls.call_reviewer_add(user=world.users["office_staff"], call=call, reviewer=world.users["inspector"])
    calls.call_reviewer_add(user=world.users["office_staff"], call=call, reviewer=world.users["national"])
    criteria = list(call.criteria.all())  # weights 3, 2, 1, each out of 10
    review = reviews.review_submit(
        user=world.users["inspector"],
        proposal=proposal,
        scores={criteria[0].pk: 10, criteria[1].pk: 5, criteria[2].pk: "۰"},
    )
    assert review.total == Decimal("66.67")  # (3×1 + 2×0.5 + 0) / 6
    with pytest.raises(ValidationError, match="ثبت شده است"):
        reviews.review_declare_conflict(user=world.users["inspector"], proposal=proposal, reason="x")
    recused = reviews.review_declare_conflict(
        user=world.users["national"], proposal=proposal, reason="عضو هیئت مدیره این سمن هستم"
    )
    assert recused.status == Review.Status.RECUSED
    with pytest.raises(ValidationError):
        reviews.review_submit(
            user=world.users["national"], proposal=proposal, scores={c.pk: 9 for c in criteria}
        )
    with pytest.raises(NotAllowed):
        reviews.review_submit(
            user=world.users["office_head"], proposal=proposal, scores={c.pk: 9 for c in criteria}
        )
    with pytest.raises(ValidationError, match="بین"):
        reviewer = world.users["governor"]
        calls.call_reviewer_add(user=world.users["office_staff"], call=call, reviewer=reviewer)
        reviews.review_submit(user=reviewer, proposal=proposal, scores={c.pk: 11 for c in criteria})
    # The recused reviewer's conflict takes no part in the mean.
    (row,) = [r for r in allocation.ranking(call, world.county.pk)[2] if r.proposal.pk == proposal.pk]
    assert row.score == Decimal("66.67") and row.reviews == 1


def test_blind_scoring(world):
    call = new_call(world)
    proposal = submitted(world, call)
    _score(world, proposal, 8, reviewer=world.users["inspector"])
    calls.call_reviewer_add(user=world.users["office_staff"], call=call, reviewer=world.users["national"])
    (row,) = selectors.review_board(user=world.users["national"], call=call)
    assert row.others == [] and row.others_hidden and row.can_review
    reviews.review_submit(
        user=world.users["national"], proposal=proposal, scores={c.pk: 6 for c in call.criteria.all()}
    )
    (row,) = selectors.review_board(user=world.users["national"], call=call)
    assert [r.reviewer for r in row.others] == [world.users["inspector"]]
    (row,) = selectors.review_board(user=world.users["office_head"], call=call)  # a manager off the panel
    assert len(row.others) == 2
    from django.http import Http404

    with pytest.raises(Http404):
        selectors.review_board(user=world.users["county_deputy"], call=call)


def test_ranking_never_silently_skips(world):
    call = new_call(world, tomans=50_000_000)
    ngo2, user2 = new_ngo(world)
    ngo3, user3 = new_ngo(world, "انجمن زنان سرپرست خانوار")
    big = submitted(world, call, title="پاتوق ورزشی محله", summary="سالن", tomans=40_000_000)
    mid = submitted(
        world, call, ngo=ngo2, user=user2, title="کتابخانه سیار", summary="کتاب", tomans=20_000_000
    )
    small = submitted(
        world, call, ngo=ngo3, user=user3, title="کارگاه خیاطی", summary="مهارت", tomans=5_000_000
    )
    _score(world, big, 10)
    _score(world, mid, 8)
    _score(world, small, 6)
    envelope, left, rows = allocation.ranking(call, world.county.pk)
    assert [r.proposal.pk for r in rows] == [big.pk, mid.pk, small.pk]
    assert [r.suggestion for r in rows] == ["full", "partial", "none"]
    assert rows[1].suggested_rials == 10_000_000 * TOMAN and "نمی‌گنجد" in rows[1].why
    assert rows[2].why  # says why not

    # Approving below an undecided higher-ranked proposal needs a reason, which is recorded.
    with pytest.raises(ValidationError, match="دلیل عدول"):
        approve(world.users["office_staff"], small)
    approve(world.users["office_staff"], small, override_reason="طرح زنان سرپرست خانوار اولویت شهرستان است")
    assert ProposalEvent.objects.get(proposal=small, kind="override").reason.startswith("طرح زنان")
    approve(world.users["office_staff"], big)
    # Partial funding: what is left, recorded; the instalments shrink to add up to it.
    with pytest.raises(ValidationError, match="سهم شهرستان کافی نیست"):
        approve(world.users["office_staff"], mid)
    mid = approve(world.users["office_staff"], mid, amount_rials=5_000_000 * TOMAN)
    assert mid.approved_rials == 5_000_000 * TOMAN
    assert ProposalEvent.objects.filter(proposal=mid, kind="partial").exists()
    assert sum(i.amount_rials for i in Instalment.objects.filter(project__proposal=mid)) == 5_000_000 * TOMAN
    assert allocation.ranking(call, world.county.pk)[1] == 0


def test_a_second_approval_beyond_the_envelope_writes_nothing(world):
    call = new_call(world, tomans=50_000_000)
    ngo2, user2 = new_ngo(world)
    first = submitted(world, call, title="پاتوق ورزشی", summary="سالن", tomans=40_000_000)
    second = submitted(
        world, call, ngo=ngo2, user=user2, title="کتابخانه سیار", summary="کتاب", tomans=20_000_000
    )
    approve(world.users["office_staff"], first)
    allocation.guard_decide(
        user=world.users["office_staff"], proposal=second, decision="different", reason="کار دیگری است"
    ) if allocation.guard.undecided(second, allocation.guard.find_matches(second)) else None
    before = counts()
    with pytest.raises(ValidationError, match="سهم شهرستان کافی نیست"):
        allocation.proposal_approve(user=world.users["office_staff"], proposal=second, override_reason="x")
    assert counts() == before
    second.refresh_from_db()
    assert second.status == Proposal.Status.UNDER_REVIEW
    assert Envelope.objects.get(call=call).amount_rials == 50_000_000 * TOMAN


def test_only_the_provincial_office_approves(world):
    call = new_call(world)
    proposal = submitted(world, call)
    for persona in ("county_deputy", "ngo", "foreign_staff", "inspector"):
        with pytest.raises(NotAllowed):
            allocation.proposal_approve(user=world.users[persona], proposal=proposal)
