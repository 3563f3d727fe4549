"""Who sees and runs committees: rules of this domain on the shared scope (organizations.access).

Territorial readers see the committees of their territory; an organization sees the committees it
sits on or is the secretariat of. The secretariat and territorial managers record meetings, agendas,
attendance and resolutions — and so issue the resolutions' actions.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from peygir.organizations.access import get_scope
from peygir.organizations.models import Membership, Organization

from .models import Committee, CommitteeMember


def committees_visible_to(user: Any, queryset: QuerySet | None = None) -> QuerySet:
    qs = Committee.objects.all() if queryset is None else queryset
    scope = get_scope(user)
    if scope.is_superuser:
        return qs
    if not scope.is_authenticated:
        return qs.none()
    seat_ids = CommitteeMember.objects.filter(organization_id__in=scope.org_ids).values("committee_id")
    return qs.filter(
        scope.path_q("territory__path", scope.read_paths)
        | Q(secretariat_id__in=scope.org_ids)
        | Q(pk__in=seat_ids)
    )


def can_manage_committee(user: Any, committee: Committee) -> bool:
    """Record meetings, agenda, attendance, resolutions: the secretariat or a territorial manager."""
    scope = get_scope(user)
    return (
        scope.is_superuser
        or committee.secretariat_id in scope.managing_org_ids
        or scope.manages_path(committee.territory.path)
    )


def opinion_organization(user: Any, committee: Committee) -> Organization | None:
    """The social and cultural affairs office in whose name the user gives the office's opinion on a
    council's item (its staff or head, over the council's territory); None if the user may not."""
    if committee.kind != Committee.Kind.COUNCIL:
        return None
    path = committee.territory.path
    for membership in get_scope(user).memberships:
        org = membership.organization
        if (
            org.kind == Organization.Kind.SOCIAL_OFFICE
            and membership.role in (Membership.Role.OFFICE_STAFF, Membership.Role.HEAD)
            and path.startswith(org.territory.path)
        ):
            return org
    return None


def can_manage_some_committee(user: Any) -> bool:
    """May the user record meetings anywhere at all (asked before a request's body is read)."""
    scope = get_scope(user)
    return scope.is_superuser or bool(scope.managing_org_ids) or bool(scope.manage_paths)
