"""Who may see and change what in a facilitation office, composed from the one mechanism
(`peygir.organizations.access`): the scope's organizations and territorial paths. No second rule
book: these helpers only say which of access's answers applies to an office.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from peygir.organizations import access

from .models import FacilitationOffice


def offices_visible_q(user: Any) -> Q:
    """The office's own members and territorial readers over the office's territory."""
    scope = access.get_scope(user)
    if scope.is_superuser:
        return Q()
    if not scope.is_authenticated:
        return Q(pk__in=[])
    return Q(organization_id__in=scope.org_ids) | scope.path_q(
        "organization__territory__path", scope.read_paths
    )


def can_view_office(user: Any, office: FacilitationOffice) -> bool:
    scope = access.get_scope(user)
    return (
        scope.is_superuser
        or office.organization_id in scope.org_ids
        or scope.reads_path(office.organization.territory.path)
    )


def can_work_in_office(user: Any, office: FacilitationOffice) -> bool:
    """Record activities: the office's facilitators and head, or a territorial manager over it."""
    scope = access.get_scope(user)
    return (
        scope.is_superuser
        or office.organization_id in scope.reporting_org_ids
        or office.organization_id in scope.managing_org_ids
        or scope.manages_path(office.organization.territory.path)
    )


def can_manage_offices_in(user: Any, territory_path: str) -> bool:
    """Open an office or change its budget: a territorial manager (provincial office, governor,
    county deputy) over the place."""
    return access.get_scope(user).manages_path(territory_path)


def can_see_households(user: Any, office: FacilitationOffice) -> bool:
    """Vulnerable households: only the office itself and the provincial office's authorized staff."""
    return access.can_see_personal_data(
        user,
        office_organization_id=office.organization_id,
        territory_path=office.organization.territory.path,
    )


def personal_data_q(user: Any, *, office_field: str = "office") -> Q:
    """The queryset form of `can_see_households` (same rule), for the access-log page."""
    scope = access.get_scope(user)
    if scope.is_superuser:
        return Q()
    if not scope.is_authenticated:
        return Q(pk__in=[])
    return Q(**{f"{office_field}__organization_id__in": scope.org_ids}) | scope.path_q(
        f"{office_field}__organization__territory__path", scope.personal_data_paths
    )
