"""The start page: «what needs me now», by what the person can do (S1.1)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from peygir.actions import selectors as action_selectors
from peygir.actions.models import Action
from peygir.committees.models import Meeting
from peygir.organizations import access

from ..queries import awaiting_verification, rejected_back_q, user_organizations
from .common import with_states

TOP = 8


def _org_panel(user, organization, horizon) -> dict:
    counts = action_selectors.action_counts(user=user, organization_id=organization.pk, horizon=horizon)
    base = action_selectors.action_list(user=user, organization_id=organization.pk, horizon=horizon)
    counts["rejected"] = base.filter(rejected_back_q()).count()
    urgent = base.filter(status__in=Action.PENDING_STATUSES).exclude(deadline__isnull=True)[:TOP]
    return {"organization": organization, "counts": counts, "items": with_states(urgent, horizon)}


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    scope = access.get_scope(user)
    horizon = action_selectors.Horizon.for_day()
    context: dict = {"horizon": horizon, "scope": scope}

    territorial = bool(scope.read_paths) or scope.is_superuser
    managing = bool(scope.manage_paths) or scope.is_superuser
    # Members of agencies, NGOs, offices who do not read a whole territory: their organization's work.
    context["org_panels"] = [
        _org_panel(user, org, horizon)
        for org in user_organizations(user)
        if not scope.reads_path(org.territory.path)
    ]
    if territorial:
        visible = action_selectors.action_list(user=user, horizon=horizon)
        context["counts"] = action_selectors.action_counts(user=user, horizon=horizon)
        context["overdue"] = with_states(visible.filter(horizon.overdue_q())[:TOP], horizon)
        context["scorecard"] = list(action_selectors.organization_scorecard(user=user, horizon=horizon)[:15])
        for row in context["scorecard"]:
            row["on_time_rate"] = (
                round(100 * row["verified_on_time"] / row["verified"]) if row["verified"] else None
            )
    if managing:
        waiting = awaiting_verification(user, action_selectors.action_list(user=user, horizon=horizon))
        context["to_verify_count"] = waiting.count()
        context["to_verify"] = with_states(waiting[:TOP], horizon)
    if territorial or scope.org_ids:
        committees = access.committees_visible_to(user).values("pk")
        context["meetings"] = list(
            Meeting.objects.filter(committee__in=committees, starts_at__gte=timezone.now())
            .select_related("committee")
            .order_by("starts_at")[:5]
        )
    context["read_only"] = territorial and not managing
    context["is_territorial"] = territorial
    context["is_managing"] = managing
    return render(request, "web/home.html", context)
