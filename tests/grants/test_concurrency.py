"""Two approvals at the same moment in one county never exceed its envelope (PostgreSQL: row locks)."""

import threading
from unittest import mock

import pytest
from django.db import connection, connections

from peygir.grants.models import Proposal
from peygir.grants.services import allocation

from .helpers import new_call, new_ngo, submitted

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are PostgreSQL's")


@pytest.mark.django_db(transaction=True)
def test_two_approvals_at_once_stay_inside_the_envelope(world):
    call = new_call(world, tomans=50_000_000)
    ngo2, user2 = new_ngo(world)
    ngo3, user3 = new_ngo(world, "انجمن زنان سرپرست خانوار")
    a = submitted(world, call, ngo=ngo2, user=user2, title="پاتوق ورزشی", summary="سالن", tomans=30_000_000)
    b = submitted(world, call, ngo=ngo3, user=user3, title="کتابخانه سیار", summary="کتاب", tomans=30_000_000)
    for p in (a, b):
        if allocation.guard.undecided(p, allocation.guard.find_matches(p)):
            allocation.guard_decide(
                user=world.users["office_staff"], proposal=p, decision="different", reason="x"
            )
    barrier = threading.Barrier(2)
    results: list[str] = []
    # Each approval waits (up to 3 s) for the other after summing the envelope: without the row lock
    # both would sum 0 and both approve; with it, the second is still waiting for the lock, the first
    # gives up waiting and commits, and the second sums again after it.
    summed = threading.Barrier(2, timeout=3)
    real_sum = allocation.committed_in

    def sum_then_wait(call_id, county_id):
        value = real_sum(call_id, county_id)
        try:
            summed.wait()
        except threading.BrokenBarrierError:
            pass
        return value

    def approve(proposal):
        try:
            barrier.wait()
            allocation.proposal_approve(
                user=world.users["office_staff"], proposal=proposal, override_reason="هم‌زمان"
            )
            results.append("ok")
        except Exception as exc:  # noqa: BLE001 - the refused one
            results.append(type(exc).__name__)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=approve, args=(p,)) for p in (a, b)]
    with mock.patch.object(allocation, "committed_in", sum_then_wait):
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert sorted(results) == ["ValidationError", "ok"]
    approved = Proposal.objects.filter(call=call, status=Proposal.Status.APPROVED)
    assert approved.count() == 1
    assert sum(p.approved_rials for p in approved) <= 50_000_000 * 10
