"""Reads of the directory of organizations, always through the permission mechanism (access.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet

from peygir.core.text import normalize_text
from peygir.territory.models import Territory

from . import access
from .models import Membership, Organization


def organization_base_queryset() -> QuerySet[Organization]:
    return Organization.objects.select_related("territory", "parent", "supervisor")


def organization_list(
    *,
    user: Any,
    q: str | None = None,
    kind: str | None = None,
    territory: Territory | None = None,
    include_inactive: bool = False,
) -> QuerySet[Organization]:
    """The directory: every signed-in user sees it; `territory` includes everything below it."""
    qs = access.organizations_visible_to(user, organization_base_queryset())
    if not include_inactive:
        qs = qs.filter(is_active=True)
    if q:
        needle = normalize_text(q)
        qs = qs.filter(Q(name_normalized__contains=needle) | Q(short_name__icontains=q.strip()))
    if kind and kind in Organization.Kind.values:
        qs = qs.filter(kind=kind)
    if territory is not None:
        qs = qs.filter(territory__path__startswith=territory.path)
    return qs.order_by("territory__path", "kind", "name")


@dataclass
class OrganizationDetail:
    """One organization's page: the public part for everyone, the record for those who may read it."""

    organization: Organization
    can_view_record: bool
    group_members: list[Organization] = field(default_factory=list)
    groups: list[Organization] = field(default_factory=list)
    units: list[Organization] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    member_counts: dict[str, int] = field(default_factory=dict)


def organization_detail(*, user: Any, pk: Any) -> OrganizationDetail:
    """Raises Http404 for a missing organization and for an anonymous user alike."""
    organization = access.get_for_user(
        access.organizations_visible_to(user, organization_base_queryset()), pk
    )
    can_view_record = access.can_view_organization_record(user, organization)
    detail = OrganizationDetail(
        organization=organization,
        can_view_record=can_view_record,
        group_members=list(organization.members_of_group.select_related("territory").order_by("name")),
        groups=list(organization.groups.order_by("name")),
        units=list(organization.units.filter(is_active=True).select_related("territory").order_by("name")),
    )
    if can_view_record:
        memberships = organization.memberships.filter(is_active=True).select_related("user")
        detail.memberships = list(memberships.order_by("role", "user__last_name", "user__username"))
        detail.member_counts = dict(
            memberships.values_list("role").annotate(n=Count("id")).values_list("role", "n")
        )
    return detail
