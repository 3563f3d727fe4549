"""The one permission mechanism (DESIGN §6), used by pages, API and commands alike.

A user belongs to organizations with a role; an organization sits in the territory tree.
- Territorial readers (office staff, governors, county deputies, inspectors, national staff, heads of
  governorates) see everything inside their organization's territory.
- Territorial managers (office staff, heads of the social office or governorate, governors, county
  deputies within their county) also run committees, issue, verify and cancel actions there.
- Everyone else sees what is assigned to their organizations and the committees they sit on;
  liaisons and heads of the responsible organization report progress.
"Not found" and "forbidden" look the same: `get_for_user` raises Http404 for both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from django.db.models import BooleanField, Func, Model, Q, QuerySet, Subquery
from django.http import Http404

from .models import Membership, Organization

if TYPE_CHECKING:
    from peygir.actions.models import Action
    from peygir.committees.models import Committee

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
        path = "/" if m.role == Role.NATIONAL else org.territory.path
        governing_head = m.role == Role.HEAD and org.kind in GOVERNING_KINDS
        if m.role in TERRITORIAL_READ_ROLES or governing_head:
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


def forget_scope(user: Any) -> None:
    """Drop the cached scope (after memberships change)."""
    if hasattr(user, "_peygir_scope"):
        del user._peygir_scope


# ---------------------------------------------------------------- actions


def actions_visible_q(user: Any) -> Q:
    """Which actions the user may see, as a condition on the action's own row (see `_actions_q`)."""
    scope = get_scope(user)
    if scope.is_superuser:
        return Q()
    if not scope.is_authenticated:
        return Q(pk__in=[])
    return _actions_q(scope)


def _actions_q(scope: Scope) -> Q:
    """Territory by the action's own copy of its territory's path, then the user's organizations.

    Every branch is a column of the action's row with its own index (the path prefix, the responsible
    and issuer organizations, the primary key for the supporting organizations' few ids), so the
    database either ORs index ranges (a whole province) or, when the page already narrows to one
    organization or status, reads that narrow index and checks the condition on each row. A join to
    the territory table, as before, could use no index at all (docs/performance.md).
    """
    territory, organizations = _territory_q(scope), _organizations_q(scope)
    if territory is None:
        return organizations if organizations is not None else Q(pk__in=[])
    return territory | organizations if organizations is not None else territory


def _territory_q(scope: Scope) -> Q | None:
    return scope.path_q("territory_path", scope.read_paths) if scope.read_paths else None


def _organizations_q(scope: Scope) -> Q | None:
    orgs = sorted(scope.org_ids)
    if not orgs:
        return None
    from peygir.actions.models import Action

    supporting = Action.supporting_organizations.through.objects.filter(organization_id__in=orgs)
    return (
        Q(responsible_organization_id__in=orgs)
        | Q(issuer_organization_id__in=orgs)
        | Q(InSubquery("pk", supporting.values("action_id")))
    )


def actions_visible_parts(user: Any, *, responsible: int | None = None) -> list[Q]:
    """The visible actions as disjoint conditions (their union is `actions_visible_q`): the user's
    territories, then their organizations' actions outside those territories.

    For counting. A count over the OR of both must read every row of a province from the table; the
    territory part alone is a range of one covering index (path, status, deadline, including the
    responsible and issuer organizations), read without touching the table, and the other part is
    small. Summing the parts' counts gives the same numbers as counting the union. With
    `responsible` (the caller filters to that organization) a member's own organization is one part.
    """
    scope = get_scope(user)
    if not scope.is_authenticated:
        return []
    if scope.is_superuser or "/" in scope.read_paths or responsible in scope.org_ids:
        return [Q()]
    territory, organizations = _territory_q(scope), _organizations_q(scope)
    parts = [territory] if territory is not None else []
    if organizations is not None:
        parts.append(organizations & ~territory if territory is not None else organizations)
    return parts


def actions_visible_to(
    user: Any, queryset: QuerySet | None = None, *, responsible: int | None = None
) -> QuerySet:
    """The actions the user may see; with `responsible`, only that organization's.

    An organization's own actions are all visible to its members, so for them the condition is
    dropped: the database then reads the organization's (responsible, deadline) index in order and
    stops after a page, instead of misjudging a condition that repeats the filter.
    """
    from peygir.actions.models import Action

    qs = Action.objects.all() if queryset is None else queryset
    if responsible is not None:
        qs = qs.filter(responsible_organization_id=responsible)
    scope = get_scope(user)
    if scope.is_superuser:
        return qs
    if not scope.is_authenticated:
        return qs.none()
    if "/" in scope.read_paths or responsible in scope.org_ids:
        return qs
    return qs.filter(_actions_q(scope))


class InSubquery(Func):
    """`field IN (subquery)`, written for PostgreSQL as `field = ANY(ARRAY(subquery))`.

    The planner then runs the subquery once and probes the field's index with the ids it returned,
    instead of hash-joining the subquery against a scan of the whole table (which it prefers for
    `IN` as soon as it expects a few thousand ids — 130 ms per query at a million actions).
    """

    output_field = BooleanField()

    def __init__(self, field: str, queryset: QuerySet) -> None:
        from django.db.models import F

        super().__init__(F(field), Subquery(queryset))

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list]:
        (lhs, lhs_params), (rhs, rhs_params) = (compiler.compile(e) for e in self.get_source_expressions())
        operator = "= ANY(ARRAY{})" if connection.vendor == "postgresql" else "IN {}"
        return f"{lhs} {operator.format(rhs)}", [*lhs_params, *rhs_params]


def can_view_action(user: Any, action: Action) -> bool:
    return actions_visible_to(user).filter(pk=action.pk).exists()


def can_report_on_action(user: Any, action: Action) -> bool:
    """Progress and report-done: the responsible organization's liaisons and head."""
    scope = get_scope(user)
    return scope.is_superuser or action.responsible_organization_id in scope.reporting_org_ids


def can_verify_action(user: Any, action: Action) -> bool:
    """Verify, reject, cancel and re-date: the issuer, or a manager over the issuer's territory.

    Nobody verifies their own organization's work.
    """
    scope = get_scope(user)
    if scope.is_superuser:
        return True
    if (
        action.responsible_organization_id in scope.org_ids
        and action.issuer_organization_id not in scope.org_ids
    ):
        return False
    if action.issuer_organization_id in scope.managing_org_ids:
        return True
    return scope.manages_path(action.issuer_organization.territory.path)


def verifiable_actions_q(user: Any) -> Q:
    """The queryset form of `can_verify_action` (same rules), so "awaiting my verification" can be
    counted and paginated in the database; a test checks both agree for every persona."""
    scope = get_scope(user)
    if scope.is_superuser:
        return Q()
    if not scope.is_authenticated:
        return Q(pk__in=[])
    allowed = Q(issuer_organization_id__in=scope.managing_org_ids)
    if scope.manage_paths:
        # The organizations under the managed territories first (a few hundred, by the path index),
        # then the actions by their issuer's index: no join of the actions to their issuers.
        issuers = Organization.objects.filter(scope.path_q("territory__path", scope.manage_paths))
        allowed |= Q(InSubquery("issuer_organization_id", issuers.values("pk")))
    # Nobody verifies their own organization's work (unless their organization issued it).
    own_work = Q(responsible_organization_id__in=scope.org_ids) & ~Q(issuer_organization_id__in=scope.org_ids)
    return allowed & ~own_work


def can_issue_in(user: Any, organization: Organization) -> bool:
    """May the user issue actions on behalf of `organization` (a directive, a committee's resolution)?"""
    scope = get_scope(user)
    return (
        scope.is_superuser
        or organization.pk in scope.managing_org_ids
        or scope.manages_path(organization.territory.path)
    )


# ---------------------------------------------------------------- committees


def committees_visible_to(user: Any, queryset: QuerySet | None = None) -> QuerySet:
    from peygir.committees.models import Committee, CommitteeMember

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


# The demand and facilitation-office rules live in their own module (same mechanism, same scope);
# they are part of this module's interface: `access.demands_visible_to(...)` and so on.
from .access_demands import (  # noqa: E402
    can_answer_demand,
    can_handle_demand,
    can_see_personal_data,
    demand_columns_q,
    demands_handled_q,
    demands_visible_q,
    demands_visible_to,
)

__all__ = [
    "can_answer_demand",
    "can_handle_demand",
    "can_see_personal_data",
    "demand_columns_q",
    "demands_handled_q",
    "demands_visible_q",
    "demands_visible_to",
]
