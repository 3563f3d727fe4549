"""What a plan's managers read of a sealed draw before its publication, to amend it: the draw's coming
visits and its amendments — by facility and inspector, never by date.

These are the only reads of coming visits outside `access.visits_dated_for`, and they never load a
date: `scheduled_on` (and the amendments' dates) are deferred, so a page or serializer that tried to
print one would cost a query per row, which the constant-query tests of the page and the API catch.
Ordered by id, which the draw writes in a random order (sealing.py), never by date. Back-checks and
re-inspections are left out: each keeps the secret of its own purpose (and a manager may be the very
inspector a back-check checks).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from peygir.organizations.access import get_for_user

from . import access
from .models import Draw, DrawAmendment, InspectionPlan, Visit

HIDDEN_DATES = ("scheduled_on", "reminded_for")


def draw_for_manager(user: Any, pk: Any) -> Draw:
    """A draw of a plan the user manages; 404 for anyone else (a reader of the plan too)."""
    sealed = get_for_user(
        Draw.objects.filter(plan__in=access.plans_visible_to(user).values("pk")).select_related(
            "plan__territory", "plan__organization"
        ),
        pk,
    )
    if not access.can_manage_plan(user, sealed.plan):
        raise Http404
    return sealed


def managed_plan(user: Any, plan: InspectionPlan) -> InspectionPlan:
    if not access.can_manage_plan(user, plan):
        raise Http404
    return plan


def coming_visits(*, draw: Draw | None = None, plan: InspectionPlan | None = None) -> QuerySet:
    """The drawn visits not yet done of one draw (or of every draw of a plan), without their dates."""
    qs = Visit.objects.filter(kind=Visit.Kind.SCHEDULED, status=Visit.Status.SCHEDULED)
    qs = qs.filter(draw=draw) if draw is not None else qs.filter(draw__plan=plan)
    return qs.select_related("facility", "inspector", "draw").defer(*HIDDEN_DATES).order_by("pk")


def visit_to_amend(user: Any, pk: Any) -> Visit:
    """A drawn visit of a plan the user manages; 404 otherwise, as for a missing one."""
    visit = get_for_user(
        Visit.objects.filter(kind=Visit.Kind.SCHEDULED)
        .select_related("draw__plan__territory", "draw__plan__organization", "facility")
        .defer(*HIDDEN_DATES),
        pk,
    )
    if not access.can_manage_plan(user, visit.draw.plan):
        raise Http404
    return visit


def draw_amendments(draw: Draw) -> QuerySet:
    """The draw's amendments, newest first, without their dates (those are published with the draw)."""
    return (
        DrawAmendment.objects.filter(draw=draw)
        .select_related("visit__facility", "old_inspector", "new_inspector", "amended_by")
        .defer("old_date", "new_date", "visit__scheduled_on", "visit__reminded_for")
        .order_by("-created_at", "-pk")
    )


def plan_inspectors(plan: InspectionPlan) -> list[Any]:
    return list(plan.inspectors.order_by("last_name", "pk"))
