"""The generator's grants: NGOs with valid registry rows, calls with envelopes never exceeded,
projects whose milestones are actions of their NGO, instalments paid only against verified ones."""

from __future__ import annotations

import pytest
from django.db.models import Count, Sum

from peygir.actions.models import Action, ActionEvent
from peygir.grants.checks import check_national_id
from peygir.grants.models import Call, Envelope, Instalment, Milestone, NgoProfile, Project, Proposal

pytestmark = pytest.mark.django_db


def test_grants_are_generated_consistently(generated) -> None:
    assert NgoProfile.objects.count() >= 2 and Call.objects.exists()
    check_national_id(NgoProfile.objects.first().national_id)
    assert set(Proposal.objects.values_list("status", flat=True)) >= {"approved", "draft", "rejected"}
    # Proposals waiting for a decision in the province's open call: the bench's decision page (the
    # double-funding guard) needs one.
    assert Proposal.objects.filter(status__in=Proposal.PENDING).exists()
    # The NGO with the most projects has a representative who signs in (the bench's NGO portal).
    from peygir.organizations.models import Membership

    rep = Membership.objects.get(role=Membership.Role.NGO_REP)
    busiest = Project.objects.values("ngo").annotate(n=Count("id")).order_by("-n", "ngo").first()
    assert rep.organization_id == busiest["ngo"] and rep.user.check_password("bench-pass-1403")
    for envelope in Envelope.objects.all():
        approved = Proposal.objects.filter(
            call=envelope.call_id, county=envelope.county_id, status="approved"
        ).aggregate(s=Sum("approved_rials"))["s"]
        assert (approved or 0) <= envelope.amount_rials
    for call in Call.objects.all():
        assert call.total_rials == call.envelopes.aggregate(s=Sum("amount_rials"))["s"]
    assert Milestone.objects.count() == 4 * Project.objects.count()
    actions = Action.objects.filter(source_kind="milestone")
    assert actions.count() == Milestone.objects.count()
    assert not actions.exclude(responsible_organization__kind="ngo").exists()
    assert not actions.exclude(events__kind=ActionEvent.Kind.CREATED).exists()
    released = Instalment.objects.filter(status="released")
    assert released.exists() and not released.exclude(milestone__actions__status="verified").exists()
    for obj in (Call.objects.first(), Proposal.objects.first(), Project.objects.first()):
        obj.full_clean()


@pytest.mark.parametrize("n_calls", [1, 20, 60, 93, 620])
def test_every_open_call_has_proposals_waiting_whatever_the_number_of_calls(n_calls) -> None:
    from peygir.bench.grants_gen import proposal_status

    for call in range(n_calls):
        statuses = {proposal_status(call + n_calls * k, n_calls, recent=True) for k in range(12)}
        assert statuses >= {"approved", "submitted", "under_review"}, call
        old = {proposal_status(call + n_calls * k, n_calls, recent=False) for k in range(12)}
        assert old >= {"approved", "rejected", "returned"}, call
