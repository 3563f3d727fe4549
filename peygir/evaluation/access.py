"""Who may read which scorecard.

A scorecard and its drill-down show every action it counts, so only someone who may read all of them
may see it: territorial readers (office staff, governors, county deputies, inspectors, national staff)
for their territory and below, and an organization's own members for its scorecard as a whole.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from peygir.organizations.access import get_scope
from peygir.organizations.models import Organization
from peygir.territory.models import Territory


def can_view_territory(user: Any, territory: Territory) -> bool:
    return get_scope(user).reads_path(territory.path)


def can_view_agency(user: Any, organization: Organization, within: Territory | None = None) -> bool:
    """Its own members, or who reads the territory the scorecard covers (the agency's own territory,
    or `within`, when it is the agency's actions inside one county)."""
    scope = get_scope(user)
    if within is not None and scope.reads_path(within.path):
        return True
    return organization.pk in scope.org_ids or scope.reads_path(organization.territory.path)


def can_compare_nation(user: Any) -> bool:
    """Provinces side by side: who reads the whole country (the national organization)."""
    scope = get_scope(user)
    # National staff read "/" (everything); a country's own path is "/<id>/".
    return scope.is_superuser or any(path.count("/") <= 2 for path in scope.read_paths)


def home_territory(user: Any) -> Territory:
    """The widest territory the user reads (the country for national staff); 404 if none."""
    scope = get_scope(user)
    paths = sorted(scope.read_paths, key=len)
    if (scope.is_superuser and not paths) or (paths and paths[0] == "/"):
        territory = Territory.objects.filter(parent__isnull=True).order_by("pk").first()
    else:
        territory = Territory.objects.filter(path=paths[0]).first() if paths else None
    if territory is None:
        raise Http404
    return territory


def territory_for(user: Any, pk: Any) -> Territory:
    """The territory, if the user may read its scorecard; 404 for a missing and a forbidden one."""
    try:
        territory = Territory.objects.get(pk=int(str(pk)))
    except (ValueError, TypeError, Territory.DoesNotExist) as exc:
        raise Http404 from exc
    if not can_view_territory(user, territory):
        raise Http404
    return territory


def agency_for(user: Any, pk: Any, within: Territory | None = None) -> Organization:
    try:
        organization = Organization.objects.select_related("territory").get(pk=int(str(pk)))
    except (ValueError, TypeError, Organization.DoesNotExist) as exc:
        raise Http404 from exc
    if not can_view_agency(user, organization, within):
        raise Http404
    return organization
