"""Read helpers the pages need on top of the domain selectors."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from peygir.actions import access as action_access
from peygir.actions.models import Action, ActionEvent
from peygir.organizations import access
from peygir.organizations.models import Organization


def awaiting_verification(user: Any, queryset: QuerySet[Action]) -> QuerySet[Action]:
    """Reported-done actions that this user may verify."""
    return queryset.filter(action_access.verifiable_actions_q(user), status=Action.Status.REPORTED_DONE)


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
