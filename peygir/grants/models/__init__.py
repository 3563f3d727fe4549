"""The grants domain: NGOs' registry, calls, proposals, reviews, county envelopes, projects, milestones,
instalments and the double-funding guard's decisions."""

from .calls import Call, CallEvent, CallFormVersion, Criterion, Envelope
from .ngos import NgoDocument, NgoEvent, NgoPhoneConfirmation, NgoProfile
from .projects import Amendment, GuardDecision, Instalment, Milestone, MilestoneOverrule, Project
from .proposals import BudgetLine, PlannedMilestone, Proposal, ProposalAttachment, ProposalEvent
from .reviews import Review, Reviewer, ReviewScore

__all__ = [
    "Amendment",
    "BudgetLine",
    "Call",
    "CallEvent",
    "CallFormVersion",
    "Criterion",
    "Envelope",
    "GuardDecision",
    "Instalment",
    "Milestone",
    "MilestoneOverrule",
    "NgoDocument",
    "NgoEvent",
    "NgoPhoneConfirmation",
    "NgoProfile",
    "PlannedMilestone",
    "Project",
    "Proposal",
    "ProposalAttachment",
    "ProposalEvent",
    "Review",
    "ReviewScore",
    "Reviewer",
]
