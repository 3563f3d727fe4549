"""Inspections: facilities, versioned checklists, plans with a sealed draw, visits, answers, findings."""

from .checklists import ChecklistQuestion, ChecklistSection, ChecklistTemplate, ChecklistVersion
from .facilities import Facility, FacilityKind
from .plans import Draw, DrawAmendment, InspectionPlan, PlanRule
from .visits import Answer, Finding, Visit, VisitPhoto, VisitSubmission

__all__ = [
    "Answer",
    "ChecklistQuestion",
    "ChecklistSection",
    "ChecklistTemplate",
    "ChecklistVersion",
    "Draw",
    "DrawAmendment",
    "Facility",
    "FacilityKind",
    "Finding",
    "InspectionPlan",
    "PlanRule",
    "Visit",
    "VisitPhoto",
    "VisitSubmission",
]
