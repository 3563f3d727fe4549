"""Who the benchmark signs in as, where several measures need the same person."""

from __future__ import annotations

from peygir.organizations.models import Membership, Organization


def province_staff(province_path: str) -> Membership | None:
    """The first active office staff of the province's social office (the person who reads the
    province's pages), with their organization."""
    return (
        Membership.objects.filter(
            role=Membership.Role.OFFICE_STAFF,
            organization__kind=Organization.Kind.SOCIAL_OFFICE,
            organization__territory__path=province_path,
            is_active=True,
        )
        .select_related("organization")
        .order_by("id")
        .first()
    )
