"""Who sees and handles actions: the spine's rules on the shared scope (organizations.access).

- Territorial readers see every action whose territory lies inside theirs.
- Members see the actions their organizations are responsible for, issued, or support.
- The responsible organization's liaisons and heads report progress.
- The issuer, or a manager over the issuer's territory, verifies, rejects, cancels and re-dates;
  nobody verifies their own organization's work.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from peygir.organizations.access import InSubquery, Scope, get_scope
from peygir.organizations.models import Organization

from .models import Action


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
