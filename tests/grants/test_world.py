"""The grants world builds through the services, with the states the other tests rely on."""

from peygir.actions.models import Action
from peygir.grants.models import GuardDecision, Instalment, Proposal


def test_the_grants_world(world):
    g = world.grants
    assert g.proposal.status == Proposal.Status.UNDER_REVIEW
    assert g.draft.status == Proposal.Status.DRAFT
    assert g.project.proposal.status == Proposal.Status.APPROVED
    assert g.milestone.actions.get().status == Action.Status.VERIFIED
    assert g.instalment.status == Instalment.Status.RELEASABLE
    assert g.open_milestone.instalment.status == Instalment.Status.PENDING
    action = g.open_milestone.actions.get()
    assert action.responsible_organization == world.ngo
    assert action.issuer_organization == world.county_gov
    assert action.supervisor_organization == world.office
    assert action.territory == world.county
    decision = GuardDecision.objects.get()
    assert (
        decision.proposal == g.proposal and decision.matches[0]["key"] == f"project:{g.project.proposal_id}"
    )
