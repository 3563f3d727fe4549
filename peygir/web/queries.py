"""Read helpers the pages need on top of the domain selectors.

`verifiable_q` is the queryset form of `access.can_verify_action` (same rules, same Scope), so that
"awaiting my verification" can be counted and paginated in the database. A test checks that both
agree for every persona; if access.py grows a queryset form, use it here instead.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from peygir.actions.models import Action, ActionEvent
from peygir.organizations import access
from peygir.organizations.models import Organization


def verifiable_q(user: Any) -> Q:
    scope = access.get_scope(user)
    if scope.is_superuser:
        return Q()
    if not scope.is_authenticated:
        return Q(pk__in=[])
    allowed = Q(issuer_organization_id__in=scope.managing_org_ids) | scope.path_q(
        "issuer_organization__territory__path", scope.manage_paths
    )
    # Nobody verifies their own organization's work (unless their organization issued it).
    own_work = Q(responsible_organization_id__in=scope.org_ids) & ~Q(issuer_organization_id__in=scope.org_ids)
    return allowed & ~own_work


def awaiting_verification(user: Any, queryset: QuerySet[Action]) -> QuerySet[Action]:
    """Reported-done actions that this user may verify."""
    return queryset.filter(verifiable_q(user), status=Action.Status.REPORTED_DONE)


def rejected_back_q() -> Q:
    """In progress again after a verifier sent it back."""
    rejected = ActionEvent.objects.filter(
        action=OuterRef("pk"),
        kind=ActionEvent.Kind.STATUS,
        from_status=Action.Status.REPORTED_DONE,
        to_status=Action.Status.IN_PROGRESS,
    )
    return Q(Exists(rejected), status=Action.Status.IN_PROGRESS)


def user_organizations(user: Any) -> list[Organization]:
    """The organizations the user belongs to, from the cached scope (no query)."""
    seen: dict[int, Organization] = {}
    for membership in access.get_scope(user).memberships:
        seen.setdefault(membership.organization_id, membership.organization)
    return list(seen.values())


def inbox_organizations(user: Any) -> list[Organization]:
    """Organizations one may pick in the inbox: one's own, plus, for territorial readers, every
    active organization in the territory they read."""
    scope = access.get_scope(user)
    own = user_organizations(user)
    if not scope.read_paths and not scope.is_superuser:
        return own
    qs = Organization.objects.filter(is_active=True).exclude(kind=Organization.Kind.GROUP)
    if not scope.is_superuser:
        qs = qs.filter(scope.path_q("territory__path", scope.read_paths) | Q(pk__in=scope.org_ids))
    return list(qs.order_by("name").only("id", "name"))
