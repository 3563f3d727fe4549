"""The start page: «what needs me now», by what the person can do."""

from __future__ import annotations

import hashlib

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from peygir.actions import selectors as action_selectors
from peygir.actions.models import Action
from peygir.actions.web.queries import awaiting_verification, rejected_back_q, user_organizations
from peygir.committees import access as committee_access
from peygir.committees.models import Meeting
from peygir.core import dataversion
from peygir.core.pagecache import cached_page
from peygir.core.web.views import with_states
from peygir.demands.startpage import office_start, offices_worked_in
from peygir.evaluation.selectors import start_figures_for
from peygir.organizations import access

TOP = 8
# How long a territorial summary may be served from cache; any committed write changes the data
# version in its key and invalidates it at once (peygir/core/dataversion.py).
SUMMARY_TTL = 300


def _org_panel(user, organization, horizon) -> dict:
    counts = action_selectors.action_counts(user=user, organization_id=organization.pk, horizon=horizon)
    base = action_selectors.action_list(user=user, organization_id=organization.pk, horizon=horizon)
    counts["rejected"] = base.filter(rejected_back_q()).count()
    urgent = base.filter(status__in=Action.PENDING_STATUSES).exclude(deadline__isnull=True)[:TOP]
    return {"organization": organization, "counts": counts, "items": with_states(urgent, horizon)}


@login_required
@cached_page
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
    if territorial or managing:
        summary = _territorial_summary(user, scope, horizon, territorial=territorial, managing=managing)
        context.update({k: v for k, v in summary.items() if not k.endswith("_ids")})
        rows = _rows_by_id([*summary.get("overdue_ids", []), *summary.get("to_verify_ids", [])], horizon)
        if territorial:
            context["overdue"] = [rows[pk] for pk in summary["overdue_ids"] if pk in rows]
        if managing:
            context["to_verify"] = [rows[pk] for pk in summary["to_verify_ids"] if pk in rows]
    if managing or scope.managing_org_ids:
        # Obstacles the agencies reported on what this person issued (issue 9): few, read live.
        context["obstacles"] = action_selectors.open_obstacles(user=user)
        context["extensions"] = action_selectors.pending_extension_requests(user=user)
    if territorial or scope.org_ids:
        committees = committee_access.committees_visible_to(user).values("pk")
        context["meetings"] = list(
            Meeting.objects.filter(committee__in=committees, starts_at__gte=timezone.now())
            .select_related("committee")
            .order_by("starts_at")[:5]
        )
    # This year's evaluation for the governor, the county deputy and national staff (issue 12 §4).
    # Computed at national scale in seconds for a province: shown if cached, else loaded by the page.
    context["evaluation"] = start_figures_for(user, compute=False) if territorial else None
    context["office_starts"] = [
        office_start(user=user, office=office, today=horizon.today) for office in offices_worked_in(user)
    ]
    context["read_only"] = territorial and not managing
    context["is_territorial"] = territorial
    context["is_managing"] = managing
    return render(request, "web/home.html", context)


def _territorial_summary(user, scope, horizon, *, territorial: bool, managing: bool) -> dict:
    """Counts, scorecard and the ids of the top rows of a whole territory, cached per data version.

    These aggregate tens of thousands of actions for a province (hundreds of ms at national scale);
    they change only when data does. The key holds what decides the answer — the user's scope, the
    day (overdue is relative to it) and the data version, which every committed write moves — so a
    write invalidates it.
    """
    version = dataversion.user_version(user)  # the provinces the summary counts (and GLOBAL)
    signature = (scope.user_id, scope.read_paths, scope.manage_paths, sorted(scope.org_ids), horizon, version)
    key = "home-summary:" + hashlib.sha256(repr((territorial, managing, signature)).encode()).hexdigest()
    summary = cache.get(key)
    if summary is not None:
        return summary
    summary = {}
    # Counted per disjoint part of what the user may see (their territory from its covering index,
    # their organizations' actions elsewhere), then added up; the few listed rows come from one
    # ordered walk of the whole visible set (per part, a part with no match walked the whole index).
    parts = action_selectors.visible_parts(user=user)
    visible = action_selectors.action_list(user=user, horizon=horizon)
    if territorial:
        scorecard = action_selectors.organization_scorecard(user=user, horizon=horizon)
        summary["counts"] = action_selectors.scorecard_totals(scorecard)
        summary["overdue_ids"] = list(visible.filter(horizon.overdue_q()).values_list("pk", flat=True)[:TOP])
        summary["scorecard"] = scorecard[:15]
    if managing:
        summary["to_verify_count"] = sum(awaiting_verification(user, qs).count() for qs in parts)
        summary["to_verify_ids"] = list(
            awaiting_verification(user, visible).values_list("pk", flat=True)[:TOP]
        )
    cache.set(key, summary, SUMMARY_TTL)
    return summary


def _rows_by_id(ids: list[int], horizon) -> dict:
    """The listed actions with what their rows show, in one query (ids come from the visible set)."""
    if not ids:
        return {}
    return {a.pk: a for a in with_states(action_selectors.action_base_queryset().filter(pk__in=ids), horizon)}
