"""Who administers what: the office's own administration, written on the one permission mechanism
(`peygir.organizations.access`) and the domains' rules.

- **Office administrators** are the staff and head of a provincial social & cultural affairs office
  (`Organization.Kind.SOCIAL_OFFICE`): they administer their province (its territory path) —
  organizations placed there, the people of those organizations, committees, facilitation offices,
  routing rules — and the shared lists (demand categories, the working calendar's corrections).
  Governors and county deputies manage committees and actions (organizations.access) but do not keep
  the directory: that is the office's clerical work (issue 9 §3).
- **An organization's administrator** is its head (`Role.HEAD`): they manage only their own
  organization's people (memberships in it), and may not make another head (that is the office's act).
- The superuser (system administrator) may do everything, here and in the Django admin.
- Domain services keep their own checks (`committees.access.can_manage_committee`,
  `demands.categories.can_manage_categories`, `facilitation.access.can_manage_offices_in`); the pages
  ask these rules first and the services refuse anything that slips through.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from peygir.organizations.access import get_scope
from peygir.organizations.models import Membership, Organization

Role = Membership.Role
Kind = Organization.Kind

ADMIN_ROLES = (Role.OFFICE_STAFF, Role.HEAD)

# Which roles fit which kind of organization (a liaison of a governorate makes no sense).
ROLES_BY_KIND: dict[str, tuple[str, ...]] = {
    Kind.NATIONAL: (Role.NATIONAL, Role.HEAD),
    Kind.GOVERNORATE: (Role.GOVERNOR, Role.HEAD, Role.INSPECTOR, Role.LIAISON),
    Kind.SOCIAL_OFFICE: (Role.OFFICE_STAFF, Role.HEAD),
    Kind.COUNTY_GOVERNORATE: (Role.COUNTY_DEPUTY, Role.HEAD, Role.LIAISON),
    Kind.AGENCY: (Role.LIAISON, Role.HEAD, Role.INSPECTOR),
    Kind.NGO: (Role.NGO_REP, Role.HEAD),
    Kind.FACILITATION_OFFICE: (Role.FACILITATOR, Role.HEAD),
    Kind.COUNCIL_BODY: (Role.HEAD, Role.LIAISON),
    Kind.GROUP: (),
}
# Roles an office administrator may not grant: national staff read the whole country.
OFFICE_UNGRANTABLE = {Role.NATIONAL}


def admin_paths(user: Any) -> tuple[str, ...]:
    """Territory paths the user administers as an office administrator ("/" for the superuser)."""
    scope = get_scope(user)
    if scope.is_superuser:
        return ("/",)
    return tuple(
        sorted(
            {
                m.organization.territory.path
                for m in scope.memberships
                if m.role in ADMIN_ROLES and m.organization.kind == Kind.SOCIAL_OFFICE
            }
        )
    )


def is_office_admin(user: Any) -> bool:
    return bool(admin_paths(user))


def administers_path(user: Any, path: str) -> bool:
    return any(path.startswith(p) for p in admin_paths(user))


def admin_q(user: Any, field: str) -> Q:
    """`field` (a territory path) lies in what the user administers."""
    paths = admin_paths(user)
    if "/" in paths:
        return Q()
    return get_scope(user).path_q(field, paths)


def people_org_ids(user: Any) -> frozenset[int]:
    """Organizations whose people the user manages as their head (the organization's administrator)."""
    scope = get_scope(user)
    return frozenset(
        m.organization_id
        for m in scope.memberships
        if m.role == Role.HEAD and m.organization.kind != Kind.GROUP
    )


def can_enter(user: Any) -> bool:
    """The administration's pages at all: office administrators and organizations' administrators."""
    return is_office_admin(user) or bool(people_org_ids(user))


def can_administer_organization(user: Any, organization: Organization) -> bool:
    """Create or change an organization (agency, county branch, group): the office over its place."""
    return administers_path(user, organization.territory.path)


def can_manage_people_of(user: Any, organization: Organization) -> bool:
    return administers_path(user, organization.territory.path) or organization.pk in people_org_ids(user)


def managed_organizations_q(user: Any) -> Q:
    """Organizations whose people the user manages (a condition on Organization)."""
    return admin_q(user, "territory__path") | Q(pk__in=people_org_ids(user))


def grantable_roles(user: Any, organization: Organization) -> list[str]:
    """Roles the user may give in `organization`: those that fit its kind; an organization's own
    administrator may not make another head."""
    fitting = ROLES_BY_KIND.get(organization.kind, ())
    if get_scope(user).is_superuser:
        return list(fitting)
    if administers_path(user, organization.territory.path):
        return [r for r in fitting if r not in OFFICE_UNGRANTABLE]
    if organization.pk in people_org_ids(user):
        return [r for r in fitting if r != Role.HEAD]
    return []


def people_visible_to(user: Any, queryset: QuerySet | None = None) -> QuerySet:
    """People the user may see here: those with a membership (past or present) in an organization the
    user manages the people of. The superuser sees everyone."""
    User = get_user_model()
    qs = User.objects.all() if queryset is None else queryset
    if get_scope(user).is_superuser:
        return qs
    if not can_enter(user):
        return qs.none()
    orgs = Organization.objects.filter(managed_organizations_q(user)).values("pk")
    holders = Membership.objects.filter(organization_id__in=orgs).values("user_id")
    return qs.filter(pk__in=holders, is_superuser=False)


def can_edit_person(user: Any, person: Any) -> bool:
    """Change a person's name, contact or active flag, or send a new set-password link: only when
    every organization the person belongs to is one the user manages the people of (an agency's head
    does not rename the office's staff who also sit in the agency). Nobody but a superuser touches a
    superuser."""
    scope = get_scope(user)
    if scope.is_superuser:
        return True
    if person.is_superuser or person.pk == user.pk:
        return False
    memberships = list(person.memberships.select_related("organization__territory"))
    return bool(memberships) and all(can_manage_people_of(user, m.organization) for m in memberships)


def can_manage_committees(user: Any) -> bool:
    """The committees' pages here (create, seats): office administrators; the service checks
    `committees.access.can_manage_committee` for each committee."""
    return is_office_admin(user)


def can_see_change_log(user: Any) -> bool:
    """The office-wide change log: office administrators (entries of their territory's objects and
    their own acts; the superuser everything)."""
    return is_office_admin(user)


def issuer_organizations(user: Any) -> QuerySet:
    """Organizations on whose behalf the user may issue a direct instruction (organizations.access
    `can_issue_in`: the organizations they manage)."""
    scope = get_scope(user)
    qs = Organization.objects.filter(is_active=True).exclude(kind=Kind.GROUP)
    if scope.is_superuser:
        return qs.filter(kind__in=[Kind.SOCIAL_OFFICE, Kind.GOVERNORATE, Kind.COUNTY_GOVERNORATE])
    return qs.filter(pk__in=scope.managing_org_ids)


def can_issue_directives(user: Any) -> bool:
    scope = get_scope(user)
    return scope.is_superuser or bool(scope.managing_org_ids)
