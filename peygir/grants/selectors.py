"""Reads of the grants domain, scoped by access.py, in a constant number of queries per page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.http import Http404

from peygir.actions.models import Action
from peygir.core.jalali import today as local_today
from peygir.organizations.access import get_for_user, get_scope
from peygir.organizations.models import Organization

from . import access
from .models import (
    Call,
    Envelope,
    Instalment,
    Milestone,
    NgoProfile,
    Project,
    Proposal,
    Review,
)
from .services.sums import committed_by_county

# ---------------------------------------------------------------- calls


def call_list(*, user: Any) -> QuerySet[Call]:
    return access.calls_visible_to(user).select_related("office", "territory", "policy_document")


def call_detail(*, user: Any, pk: Any) -> Call:
    return get_for_user(call_list(user=user), pk)


def call_managed(*, user: Any, pk: Any) -> Call:
    call = call_detail(user=user, pk=pk)
    if not access.can_manage_call(user, call):
        raise Http404
    return call


@dataclass
class EnvelopeRow:
    envelope: Envelope
    committed: int
    proposals: int

    @property
    def left(self) -> int:
        return self.envelope.amount_rials - self.committed


def envelope_rows(call: Call) -> list[EnvelopeRow]:
    """Every county's envelope with what is approved and how many proposals it has (3 queries)."""
    committed = committed_by_county(call)
    counts = dict(
        Proposal.objects.filter(call=call)
        .exclude(status=Proposal.Status.DRAFT)
        .values_list("county_id")
        .annotate(n=Count("pk"))
    )
    return [
        EnvelopeRow(e, committed.get(e.county_id, 0), counts.get(e.county_id, 0))
        for e in call.envelopes.select_related("county").order_by("county__name_fa", "pk")
    ]


# ---------------------------------------------------------------- proposals


def proposal_list(*, user: Any, call: Call | None = None) -> QuerySet[Proposal]:
    qs = access.proposals_visible_to(user).select_related("call", "ngo", "county")
    if call is not None:
        qs = qs.filter(call=call)
    return qs.order_by("-created_at", "-pk")


def proposal_detail(*, user: Any, pk: Any) -> Proposal:
    qs = (
        access.proposals_visible_to(user)
        .select_related("call__office", "ngo", "county", "form_version")
        .prefetch_related(
            "budget_lines", "planned_milestones", "attachments", "neighbourhoods", "events__actor"
        )
    )
    return get_for_user(qs, pk)


# ---------------------------------------------------------------- the review board


@dataclass
class BoardRow:
    proposal: Proposal
    mine: Review | None
    others: list[Review]  # empty unless the reader may see them
    others_hidden: bool
    can_review: bool


def review_board(*, user: Any, call: Call) -> list[BoardRow]:
    """Proposals under review with the reader's own review. Others' scores only once the reader
    submitted theirs (blind scoring), or to the call's managers who are not on the panel; a recused
    reviewer never sees them."""
    scope = get_scope(user)
    reviewer = access.is_reviewer(user, call)
    manager = access.can_manage_call(user, call)
    if not (reviewer or manager):
        raise Http404
    proposals = (
        Proposal.objects.filter(call=call, status=Proposal.Status.UNDER_REVIEW)
        .select_related("ngo", "county")
        .prefetch_related(
            Prefetch("reviews", queryset=Review.objects.select_related("reviewer").prefetch_related("scores"))
        )
        .order_by("county__name_fa", "pk")
    )
    rows = []
    for proposal in proposals:
        reviews = list(proposal.reviews.all())
        mine = next((r for r in reviews if r.reviewer_id == scope.user_id), None)
        others = [r for r in reviews if r.reviewer_id != scope.user_id]
        visible = (mine is not None and mine.status == Review.Status.SUBMITTED) or (manager and not reviewer)
        rows.append(
            BoardRow(
                proposal=proposal,
                mine=mine,
                others=others if visible else [],
                others_hidden=not visible and bool(others),
                can_review=reviewer and mine is None and proposal.ngo_id not in scope.org_ids,
            )
        )
    return rows


# ---------------------------------------------------------------- projects


def project_list(*, user: Any) -> QuerySet[Project]:
    return (
        access.projects_visible_to(user)
        .select_related("call", "ngo", "county")
        .order_by("-created_at", "-pk")
    )


def project_detail(*, user: Any, pk: Any) -> Project:
    milestones = Milestone.objects.select_related("instalment").prefetch_related(
        "actions", "overrules__actor"
    )
    qs = (
        access.projects_visible_to(user)
        .select_related("call__office", "ngo", "county", "supervisor", "high_supervisor", "proposal")
        .prefetch_related(Prefetch("milestones", queryset=milestones), "amendments__actor")
    )
    return get_for_user(qs, pk)


def overrun_days(project: Project, today: dt.date | None = None) -> int:
    """Days past the project's end while it is still open (0 when on time or closed)."""
    if project.status in (Project.Status.COMPLETED, Project.Status.TERMINATED):
        return 0
    return max(0, ((today or local_today()) - project.ends_on).days)


# ---------------------------------------------------------------- the NGO portal


@dataclass
class Portal:
    ngos: list[Organization]
    profiles: dict[int, NgoProfile]
    proposals: list[Proposal]
    projects: list[Project]
    due: list[Action]
    instalments: list[Instalment]
    paid_rials: int
    # Registrations of the user still waiting for the office (or refused): their NGO is not active yet.
    applications: list[NgoProfile]


def ngo_portal(*, user: Any, limit: int = 50) -> Portal:
    """What an NGO's representative follows: its proposals, projects, milestones due, payments."""
    ids = sorted(access.ngo_ids(user))
    ngos = list(Organization.objects.filter(pk__in=ids).order_by("name"))
    profiles = {p.organization_id: p for p in NgoProfile.objects.filter(organization_id__in=ids)}
    proposals = list(
        Proposal.objects.filter(ngo_id__in=ids)
        .select_related("call", "county")
        .order_by("-created_at")[:limit]
    )
    projects = list(
        Project.objects.filter(ngo_id__in=ids)
        .select_related("call", "county")
        .order_by("-created_at")[:limit]
    )
    due = list(
        Action.objects.filter(
            responsible_organization_id__in=ids, source_kind="milestone", status__in=Action.PENDING_STATUSES
        )
        .select_related("milestone__project")
        .order_by("deadline", "pk")[:limit]
    )
    instalments = list(
        Instalment.objects.filter(project__ngo_id__in=ids)
        .select_related("project", "milestone")
        .order_by("-pk")[:limit]
    )
    paid = Instalment.objects.filter(project__ngo_id__in=ids, status=Instalment.Status.RELEASED).aggregate(
        s=Sum("amount_rials")
    )["s"]
    scope = get_scope(user)
    applications = list(
        NgoProfile.objects.filter(applicant_id=scope.user_id)
        .exclude(status=NgoProfile.Status.VERIFIED)
        .select_related("organization")
        .order_by("-created_at")[:10]
        if scope.user_id
        else []
    )
    return Portal(ngos, profiles, proposals, projects, due, instalments, int(paid or 0), applications)


def ngo_registrations(*, user: Any, status: str | None) -> QuerySet[NgoProfile]:
    """The office's queue: registrations the user may see, oldest waiting first. One whose
    representative has not typed back the SMS code is not in it yet (its applicant follows it on the
    portal)."""
    qs = (
        access.ngo_profiles_visible_to(user)
        .exclude(status=NgoProfile.Status.UNCONFIRMED)
        .select_related("organization__territory__parent", "applicant")
    )
    if status:
        qs = qs.filter(status=status)
    return qs.annotate(document_count=Count("documents")).order_by("created_at", "pk")


def ngo_profile_for(*, user: Any, pk: Any) -> NgoProfile:
    return get_for_user(access.ngo_profiles_visible_to(user), pk)


def awarded_projects_all(call: Call) -> QuerySet[Project]:
    """Every project of a call with what was paid, for the exports (no personal data is read)."""
    return (
        Project.objects.filter(call=call)
        .select_related("ngo__ngo_profile", "county", "call__office", "proposal")
        .annotate(
            paid=Sum("instalments__amount_rials", filter=Q(instalments__status=Instalment.Status.RELEASED))
        )
        .order_by("county__name_fa", "pk")
    )
