"""Who sees and does what in grants, on the shared scope (organizations.access).

- Calls: a published call is open to every signed-in user (NGOs must find it); drafts only to the
  managers over the call's territory (the provincial office's staff and head, the governor).
- Running a call (envelopes, reviewers, decisions, payments): managers over the call's territory —
  the provincial office, which is also every project's high supervisor (ناظر عالی).
- Proposals: the NGO's own members see theirs (drafts included) and edit them while draft or returned;
  territorial readers over the proposal's county see every proposal past draft; a call's reviewers see
  the proposals under review.
- Projects: the NGO's members; territorial readers over the county; the county governorate's managers
  supervise (ناظر), the managers over the call's province overrule (ناظر عالی).
Missing and forbidden both answer 404 (`get_for_user`).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from peygir.organizations.access import get_scope
from peygir.organizations.models import Membership, Organization
from peygir.territory.selectors import province_path

from .models import Call, Instalment, Milestone, NgoProfile, Project, Proposal, Review, Reviewer

NGO_ROLES = {Membership.Role.NGO_REP, Membership.Role.HEAD}


def ngo_ids(user: Any) -> set[int]:
    """The NGOs the user acts for (their representative or head)."""
    scope = get_scope(user)
    return {
        m.organization_id
        for m in scope.memberships
        if m.organization.kind == Organization.Kind.NGO and m.role in NGO_ROLES
    }


# ---------------------------------------------------------------- NGOs


def is_applicant(user: Any, profile: NgoProfile | None) -> bool:
    """Who registered the NGO from the public page: they follow and correct it before it is active."""
    scope = get_scope(user)
    return profile is not None and scope.is_authenticated and profile.applicant_id == scope.user_id


def can_edit_ngo(user: Any, ngo: Organization, profile: NgoProfile | None = None) -> bool:
    """The NGO's own representative keeps its profile (the applicant too, before it is verified); the
    managers over its territory may too."""
    scope = get_scope(user)
    return (
        scope.is_superuser
        or ngo.pk in ngo_ids(user)
        or is_applicant(user, profile)
        or scope.manages_path(ngo.territory.path)
    )


def can_view_ngo(user: Any, ngo: Organization) -> bool:
    scope = get_scope(user)
    return scope.is_superuser or ngo.pk in scope.org_ids or scope.reads_path(ngo.territory.path)


def can_verify_ngo(user: Any, profile: NgoProfile) -> bool:
    """The provincial office (managers over the NGO's whole province) checks a registration; never the
    NGO's own people."""
    scope = get_scope(user)
    if is_applicant(user, profile) and not scope.is_superuser:
        return False
    return scope.manages_path(province_path(profile.organization.territory.path))


def ngo_profiles_visible_to(user: Any) -> QuerySet[NgoProfile]:
    scope = get_scope(user)
    qs = NgoProfile.objects.select_related("organization__territory", "activity_territory")
    if scope.is_superuser:
        return qs
    if not scope.is_authenticated:
        return qs.none()
    return qs.filter(
        scope.path_q("organization__territory__path", scope.read_paths)
        | Q(organization_id__in=scope.org_ids)
        | Q(applicant_id=scope.user_id)
    )


# ---------------------------------------------------------------- calls


def calls_visible_q(user: Any) -> Q:
    scope = get_scope(user)
    if scope.is_superuser:
        return Q()
    if not scope.is_authenticated:
        return Q(pk__in=[])
    return ~Q(status=Call.Status.DRAFT) | scope.path_q("territory_path", scope.manage_paths)


def calls_visible_to(user: Any) -> QuerySet[Call]:
    return Call.objects.filter(calls_visible_q(user))


def can_manage_call(user: Any, call: Call) -> bool:
    """Run the call and be the high supervisor of its projects: managers over its whole territory."""
    return get_scope(user).manages_path(call.territory_path)


def is_reviewer(user: Any, call: Call) -> bool:
    scope = get_scope(user)
    return scope.is_authenticated and Reviewer.objects.filter(call=call, user_id=scope.user_id).exists()


# ---------------------------------------------------------------- proposals


def proposals_visible_q(user: Any) -> Q:
    scope = get_scope(user)
    if scope.is_superuser:
        return Q()
    if not scope.is_authenticated:
        return Q(pk__in=[])
    past_draft = ~Q(status=Proposal.Status.DRAFT)
    reviewed_calls = Reviewer.objects.filter(user_id=scope.user_id).values("call_id")
    return (
        Q(ngo_id__in=sorted(scope.org_ids))
        | (past_draft & scope.path_q("county_path", scope.read_paths))
        | (past_draft & Q(call_id__in=reviewed_calls))
    )


def proposals_visible_to(user: Any) -> QuerySet[Proposal]:
    return Proposal.objects.filter(proposals_visible_q(user))


def can_edit_proposal(user: Any, proposal: Proposal) -> bool:
    """Only the NGO writes its proposal, and only while it is a draft or returned for changes."""
    return proposal.ngo_id in ngo_ids(user) or get_scope(user).is_superuser


def can_decide_proposal(user: Any, proposal: Proposal) -> bool:
    return can_manage_call(user, proposal.call)


def can_review_proposal(user: Any, proposal: Proposal) -> bool:
    """A member of the call's panel, and never for their own NGO's proposal."""
    return is_reviewer(user, proposal.call) and proposal.ngo_id not in get_scope(user).org_ids


# ---------------------------------------------------------------- projects


def projects_visible_q(user: Any) -> Q:
    scope = get_scope(user)
    if scope.is_superuser:
        return Q()
    if not scope.is_authenticated:
        return Q(pk__in=[])
    return Q(ngo_id__in=sorted(scope.org_ids)) | scope.path_q("county_path", scope.read_paths)


def projects_visible_to(user: Any) -> QuerySet[Project]:
    return Project.objects.filter(projects_visible_q(user))


def can_supervise(user: Any, project: Project) -> bool:
    """The supervisor (ناظر): managers over the project's county (its governorate's deputy), and the
    high supervisor above them. Never the NGO itself."""
    scope = get_scope(user)
    if project.ngo_id in scope.org_ids and not scope.is_superuser:
        return False
    return scope.manages_path(project.county_path)


def can_high_supervise(user: Any, project: Project) -> bool:
    """The high supervisor (ناظر عالی): managers over the call's province (the provincial office)."""
    scope = get_scope(user)
    if project.ngo_id in scope.org_ids and not scope.is_superuser:
        return False
    return scope.manages_path(project.call.territory_path)


def can_report_project(user: Any, project: Project) -> bool:
    return project.ngo_id in ngo_ids(user) or get_scope(user).is_superuser


def milestones_visible_to(user: Any) -> QuerySet[Milestone]:
    return Milestone.objects.filter(project__in=projects_visible_to(user).values("pk"))


def instalments_visible_to(user: Any) -> QuerySet[Instalment]:
    return Instalment.objects.filter(project__in=projects_visible_to(user).values("pk"))


# ---------------------------------------------------------------- reviews


def reviews_visible_q(user: Any) -> Q:
    """Blind scoring: one's own reviews; others' on a proposal once one's own is submitted; every
    review to the call's managers who are not on its panel."""
    scope = get_scope(user)
    if scope.is_superuser:
        return Q()
    if not scope.is_authenticated:
        return Q(pk__in=[])
    reviewed = Review.objects.filter(reviewer_id=scope.user_id, status=Review.Status.SUBMITTED)
    panel = Reviewer.objects.filter(user_id=scope.user_id).values("call_id")
    managed = scope.path_q("proposal__call__territory_path", scope.manage_paths) & ~Q(
        proposal__call_id__in=panel
    )
    return Q(reviewer_id=scope.user_id) | Q(proposal_id__in=reviewed.values("proposal_id")) | managed
