"""The double-funding guard: matches in the same county and period, with reasons; a decision before
approval and before an instalment; "refuse" stops it."""

import pytest

from peygir.actions.services import action_create
from peygir.core.errors import ValidationError
from peygir.grants import guard
from peygir.grants.models import GuardDecision, Proposal
from peygir.grants.services import allocation

from .helpers import new_call, new_ngo, submitted


def test_similarity_survives_arabic_letters_and_lost_zwnj():
    from peygir.core.text import normalize_text

    a = normalize_text("ساماندهی متکدیان و کودکان کار در حاشیه شهر کرمان")
    b = normalize_text("ساماندهي متكديان و كودكان كار در حاشيه‌ي شهر كرمان")  # Arabic ي/ك, ZWNJ
    c = normalize_text("جشنواره کتاب‌خوانی کودکان در مسجد")
    assert guard.similarity(a, b) >= 90
    assert guard.similarity(a, c) < guard.TEXT_MATCH


def test_an_action_of_another_body_with_the_same_work_is_shown(world):
    call = new_call(world)
    ngo2, user2 = new_ngo(world)
    # The county governorate already asked the municipality for the same work, in the same county.
    action_create(
        title="برگزاری کلاس‌های ورزشی رایگان نوجوانان محله شهید بهشتی",
        responsible=world.agency,
        issuer=world.county_gov,
        deadline=None,
        created_by=world.users["county_deputy"],
    )
    proposal = submitted(
        world,
        call,
        ngo=ngo2,
        user=user2,
        title="کلاس‌های ورزشی رایگان برای نوجوانان محله شهید بهشتی",
        summary="",
    )
    matches = guard.find_matches(proposal)
    assert [m.kind for m in matches] == ["action"]
    assert "متن مشابه" in matches[0].reasons[0]
    with pytest.raises(ValidationError, match="مورد مشابه"):
        allocation.proposal_approve(user=world.users["office_staff"], proposal=proposal)
    decision = allocation.guard_decide(
        user=world.users["office_staff"],
        proposal=proposal,
        decision="co_funded",
        reason="شهرداری سالن می‌دهد و سمن مربی؛ تأمین مشترک",
    )
    assert decision.actor == world.users["office_staff"] and decision.matches[0]["kind"] == "action"
    approved = allocation.proposal_approve(user=world.users["office_staff"], proposal=proposal)
    assert approved.status == Proposal.Status.APPROVED


def test_same_ngo_overlapping_and_refuse(world):
    call = new_call(world)
    first = submitted(world, call, title="پاتوق ورزشی محله", summary="سالن")
    second = submitted(world, call, title="جشنواره کتاب‌خوانی", summary="کتاب")
    (match,) = guard.find_matches(second)
    assert match.key == f"proposal:{first.pk}" and "همان سمن" in match.reasons
    assert any("همان محله" == r for r in match.reasons)
    allocation.guard_decide(
        user=world.users["office_staff"], proposal=second, decision="refuse", reason="تکراری است"
    )
    second.refresh_from_db()
    assert second.status == Proposal.Status.REJECTED
    with pytest.raises(ValidationError):
        allocation.proposal_approve(user=world.users["office_staff"], proposal=second)
    assert GuardDecision.objects.filter(proposal=second, decision="refuse").count() == 1


def test_other_counties_and_other_periods_do_not_match(world):
    from tests.factories import make_territory

    call = new_call(world)
    other_county = make_territory("county", world.province, "شهرستان خمین")
    action_create(
        title="کلاس‌های ورزشی نوجوانان",
        responsible=world.agency,
        issuer=world.office,
        deadline=None,
        created_by=world.users["office_staff"],
    )  # in the province, not inside the county
    assert other_county.pk
    proposal = submitted(world, call, title="کلاس‌های ورزشی نوجوانان", summary="")
    assert guard.find_matches(proposal) == []
