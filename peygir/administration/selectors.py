"""Reads of the administration pages: every list scoped by `administration.access`, with what its
rows show fetched in the same query (constant query count, whatever the size)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q, QuerySet

from peygir.committees.models import Committee
from peygir.core.models import AuditEntry, CalendarOverride
from peygir.core.text import normalize_text
from peygir.demands.models import DemandCategory, RoutingRule
from peygir.facilitation.models import FacilitationOffice
from peygir.organizations.models import Membership, Organization
from peygir.territory.models import Territory

from . import access

PLACE_KINDS = (Territory.Kind.PROVINCE, Territory.Kind.COUNTY, Territory.Kind.DISTRICT, Territory.Kind.CITY)


def territories(user: Any) -> QuerySet[Territory]:
    """Places an organization, a committee or a rule may sit in: province to city, in the user's
    province (neighbourhoods belong to facilitation offices, chosen on their own page)."""
    return (
        Territory.objects.filter(access.admin_q(user, "path"), kind__in=PLACE_KINDS)
        .only("pk", "name_fa", "kind", "path")
        .order_by("path")
    )


def organizations(user: Any, q: str = "") -> QuerySet[Organization]:
    qs = Organization.objects.filter(access.admin_q(user, "territory__path")).select_related(
        "territory", "parent"
    )
    if q:
        qs = qs.filter(name_normalized__contains=normalize_text(q))
    return qs.order_by("territory__path", "name")


def organization_choices(user: Any, *, groups: bool = True) -> QuerySet[Organization]:
    """Active organizations of the user's province (and above it: the governorate's own bodies sit at
    the province), for choosing members, secretariats, responsible organizations."""
    qs = Organization.objects.filter(access.admin_q(user, "territory__path"), is_active=True)
    if not groups:
        qs = qs.exclude(kind=Organization.Kind.GROUP)
    return qs.only("pk", "name").order_by("name")


def committees(user: Any, q: str = "") -> QuerySet[Committee]:
    qs = Committee.objects.filter(access.admin_q(user, "territory__path")).select_related(
        "territory", "secretariat", "parent"
    )
    if q:
        qs = qs.filter(name_normalized__contains=normalize_text(q))
    return qs.order_by("name")


def people(user: Any, q: str = "") -> QuerySet:
    memberships = Membership.objects.select_related("organization").order_by(
        "-is_active", "organization__name"
    )
    qs = access.people_visible_to(user).prefetch_related(Prefetch("memberships", queryset=memberships))
    if q:
        text = q.strip()
        qs = qs.filter(
            Q(username__icontains=text) | Q(first_name__icontains=text) | Q(last_name__icontains=text)
        )
    return qs.order_by("last_name", "first_name", "username")


def person(user: Any, pk: Any) -> Any:
    from peygir.organizations.access import get_for_user

    return get_for_user(access.people_visible_to(user, get_user_model().objects.all()), pk)


def categories() -> QuerySet[DemandCategory]:
    return DemandCategory.objects.select_related("parent").order_by("order", "name")


def routing_rules(user: Any) -> QuerySet[RoutingRule]:
    return (
        RoutingRule.objects.filter(access.admin_q(user, "territory__path"), territory__isnull=False)
        .select_related("category", "territory", "agency")
        .order_by("category__order", "territory__path")
    )


def calendar_overrides() -> QuerySet[CalendarOverride]:
    return CalendarOverride.objects.order_by("-date")


def offices(user: Any) -> QuerySet[FacilitationOffice]:
    return (
        FacilitationOffice.objects.filter(access.admin_q(user, "organization__territory__path"))
        .select_related("organization__territory", "operator")
        .order_by("organization__name")
    )


def change_log(user: Any) -> QuerySet[AuditEntry]:
    """The office-wide log: the superuser reads all; an office administrator the acts of the people
    of their province's organizations (themselves included)."""
    qs = AuditEntry.objects.select_related("actor").order_by("-at", "-id")
    if access.get_scope(user).is_superuser:
        return qs
    if not access.can_see_change_log(user):
        return qs.none()
    return qs.filter(Q(actor_id__in=access.people_visible_to(user).values("pk")) | Q(actor_id=user.pk))
