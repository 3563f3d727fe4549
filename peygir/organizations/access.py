"""The one permission mechanism: what every domain's rules share, used by pages, API and commands.

A user belongs to organizations with a role; an organization sits in the territory tree. `get_scope`
reads the memberships once per request into a `Scope`:
- territorial readers (office staff, governors, county deputies, inspectors, national staff, heads of
  governorates) read everything inside their organization's territory (`read_paths`);
- territorial managers (office staff, heads of the social office or governorate, governors, county
  deputies within their county) also run committees, issue, verify and cancel there (`manage_paths`);
- everyone else reaches what is assigned to their organizations (`org_ids`, `reporting_org_ids`).
Each domain writes its own rules on this scope in its `access.py` (actions, committees, demands,
facilitation); this module keeps the scope, the territory path conditions, who may act for an
organization, and `get_for_user`: "not found" and "forbidden" look the same (Http404 for both).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db.models import BooleanField, F, Func, Model, Q, QuerySet, Subquery
from django.http import Http404

from .models import Membership, Organization

M = TypeVar("M", bound=Model)
Role = Membership.Role
Kind = Organization.Kind

# Roles whose organization's territory they can read as a whole.
TERRITORIAL_READ_ROLES = {Role.OFFICE_STAFF, Role.GOVERNOR, Role.COUNTY_DEPUTY, Role.INSPECTOR, Role.NATIONAL}
# Roles that manage (issue, verify, run committees) inside their organization's territory.
TERRITORIAL_MANAGE_ROLES = {Role.OFFICE_STAFF, Role.GOVERNOR, Role.COUNTY_DEPUTY}
# Heads of these organizations read and manage their territory too.
GOVERNING_KINDS = {Kind.GOVERNORATE, Kind.SOCIAL_OFFICE, Kind.COUNTY_GOVERNORATE}
# Who may report progress for their organization.
REPORTING_ROLES = {
    Role.LIAISON,
    Role.HEAD,
    Role.OFFICE_STAFF,
    Role.COUNTY_DEPUTY,
    Role.FACILITATOR,
    Role.NGO_REP,
}


@dataclass
class Scope:
    """What one user may reach, computed once per request from their memberships."""

    user_id: int | None
    is_superuser: bool = False
    org_ids: frozenset[int] = frozenset()
    reporting_org_ids: frozenset[int] = frozenset()
    managing_org_ids: frozenset[int] = frozenset()
    read_paths: tuple[str, ...] = ()
    manage_paths: tuple[str, ...] = ()
    roles: frozenset[str] = frozenset()
    # Territories whose citizens' personal data and vulnerable groups the user may see (provincial
    # office staff and head); facilitators see their own office's through org_ids.
    personal_data_paths: tuple[str, ...] = ()
    memberships: list[Membership] = field(default_factory=list)

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    def reads_path(self, path: str) -> bool:
        return self.is_superuser or any(path.startswith(p) for p in self.read_paths)

    def manages_path(self, path: str) -> bool:
        return self.is_superuser or any(path.startswith(p) for p in self.manage_paths)

    def path_q(self, field_name: str, paths: tuple[str, ...]) -> Q:
        """`field` starts with one of `paths` (nothing matches when there are none)."""
        if not paths:
            return Q(pk__in=[])
        first, *rest = (Q(**{f"{field_name}__startswith": path}) for path in paths)
        for query in rest:
            first |= query
        return first


ANONYMOUS = Scope(user_id=None)


def get_scope(user: Any) -> Scope:
    """The user's scope, cached on the user object for the rest of the request."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    cached = getattr(user, "_peygir_scope", None)
    if cached is not None:
        return cached
    memberships = list(
        Membership.objects.filter(user=user, is_active=True, organization__is_active=True).select_related(
            "organization__territory"
        )
    )
    read_paths: set[str] = set()
    manage_paths: set[str] = set()
    personal_paths: set[str] = set()
    org_ids, reporting, managing, roles = set(), set(), set(), set()
    for m in memberships:
        org = m.organization
        org_ids.add(org.pk)
        roles.add(m.role)
        path = "/" if m.role == Role.NATIONAL or org.kind == Kind.NATIONAL else org.territory.path
        governing_head = m.role == Role.HEAD and org.kind in GOVERNING_KINDS
        # The national organization's head reads the country like its staff (and, unlike them,
        # manages what is nationwide: is_national_administrator).
        national_head = m.role == Role.HEAD and org.kind == Kind.NATIONAL
        if m.role in TERRITORIAL_READ_ROLES or governing_head or national_head:
            read_paths.add(path)
        if m.role in TERRITORIAL_MANAGE_ROLES or governing_head:
            manage_paths.add(path)
            managing.add(org.pk)
        if m.role in REPORTING_ROLES:
            reporting.add(org.pk)
        if org.kind == Kind.SOCIAL_OFFICE and m.role in (Role.OFFICE_STAFF, Role.HEAD):
            personal_paths.add(path)
    scope = Scope(
        user_id=user.pk,
        is_superuser=bool(user.is_superuser),
        org_ids=frozenset(org_ids),
        reporting_org_ids=frozenset(reporting),
        managing_org_ids=frozenset(managing),
        read_paths=tuple(sorted(read_paths)),
        manage_paths=tuple(sorted(manage_paths)),
        roles=frozenset(roles),
        personal_data_paths=tuple(sorted(personal_paths)),
        memberships=memberships,
    )
    user._peygir_scope = scope
    return scope


def data_scopes(user: Any) -> list[str] | None:
    """The territory paths whose provinces hold everything the user's pages may show (their read
    territories, their organizations' territories), or None when that is the whole country
    (settings.PEYGIR_DATA_SCOPES, read by peygir.core.dataversion.user_scopes)."""
    scope = get_scope(user)
    if scope.is_superuser or not scope.is_authenticated:
        return None
    paths = [
        *scope.read_paths,
        *(m.organization.territory.path for m in scope.memberships if m.organization.territory),
    ]
    if any(len([p for p in path.split("/") if p]) < 2 for path in paths):
        return None  # a national path ("/" or the country's)
    return paths


def is_national_administrator(user: Any) -> bool:
    """The national organization's head: manages what applies everywhere (nationwide demand routing
    rules, the shared category tree). The national organization's other users only read."""
    scope = get_scope(user)
    return scope.is_superuser or any(
        m.role == Role.HEAD and m.organization.kind == Kind.NATIONAL for m in scope.memberships
    )


def requires_two_factor(user: Any) -> bool:
    """Two-factor sign-in is required of whoever can verify or manage (territorial managers, heads of
    governing organizations), administer (the admin site, the national administrator) or see citizens'
    personal data (the provincial office's staff and head, facilitators); optional for the others."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if user.is_staff or user.is_superuser:
        return True
    scope = get_scope(user)
    return bool(
        scope.manage_paths
        or scope.managing_org_ids
        or scope.personal_data_paths
        or Role.FACILITATOR in scope.roles
        or is_national_administrator(user)
    )


def forget_scope(user: Any) -> None:
    """Drop the cached scope (after memberships change)."""
    if hasattr(user, "_peygir_scope"):
        del user._peygir_scope


# ---------------------------------------------------------------- shared conditions


class InSubquery(Func):
    """`field IN (subquery)`, written for PostgreSQL as `field = ANY(ARRAY(subquery))`.

    The planner then runs the subquery once and probes the field's index with the ids it returned,
    instead of hash-joining the subquery against a scan of the whole table (which it prefers for
    `IN` as soon as it expects a few thousand ids — 130 ms per query at a million actions).
    """

    output_field = BooleanField()

    def __init__(self, field: str, queryset: QuerySet) -> None:
        super().__init__(F(field), Subquery(queryset))

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list]:
        (lhs, lhs_params), (rhs, rhs_params) = (compiler.compile(e) for e in self.get_source_expressions())
        operator = "= ANY(ARRAY{})" if connection.vendor == "postgresql" else "IN {}"
        return f"{lhs} {operator.format(rhs)}", [*lhs_params, *rhs_params]


def can_issue_in(user: Any, organization: Organization) -> bool:
    """May the user issue actions on behalf of `organization` (a directive, a committee's resolution)?"""
    scope = get_scope(user)
    return (
        scope.is_superuser
        or organization.pk in scope.managing_org_ids
        or scope.manages_path(organization.territory.path)
    )


def can_see_personal_data(user: Any, *, office_organization_id: int | None, territory_path: str) -> bool:
    """Citizens' names and numbers, vulnerable households: the office itself and the provincial
    office's authorized staff. Nobody else, whatever else they may read."""
    scope = get_scope(user)
    if scope.is_superuser:
        return True
    if office_organization_id is not None and office_organization_id in scope.org_ids:
        return True
    return any(territory_path.startswith(p) for p in scope.personal_data_paths)


# ---------------------------------------------------------------- organizations


def organizations_visible_to(user: Any, queryset: QuerySet | None = None) -> QuerySet:
    """The directory of organizations is open to every signed-in user; records are filtered."""
    qs = Organization.objects.all() if queryset is None else queryset
    return qs if get_scope(user).is_authenticated else qs.none()


def can_view_organization_record(user: Any, organization: Organization) -> bool:
    scope = get_scope(user)
    return (
        scope.is_superuser
        or organization.pk in scope.org_ids
        or scope.reads_path(organization.territory.path)
    )


# ---------------------------------------------------------------- helpers


def get_for_user(queryset: QuerySet[M], pk: Any) -> M:
    """Fetch one object from an already-scoped queryset; missing and forbidden both give 404."""
    try:
        return queryset.get(pk=int(str(pk)))
    except (ValueError, TypeError, queryset.model.DoesNotExist) as exc:
        raise Http404 from exc
