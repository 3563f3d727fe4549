"""Who sees and handles citizens' demands: this domain's rules on the shared scope (organizations.access).

The office's facilitators, the agency a demand is routed to, and territorial readers see a demand;
the office (or a territorial manager, for online demands no office took) handles it; the agency's
liaisons and heads answer it. Personal data follows `organizations.access.can_see_personal_data`.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet, Value

from peygir.facilitation.models import FacilitationOffice
from peygir.organizations.access import Scope, get_scope
from peygir.organizations.models import Organization
from peygir.territory.models import Territory

from .models import Demand


def demands_visible_q(user: Any) -> Q:
    """The office's facilitators, the agency it is routed to, and territorial readers see a demand."""
    scope = get_scope(user)
    if scope.is_superuser:
        return Q()
    if not scope.is_authenticated:
        return Q(pk__in=[])
    return (
        scope.path_q("neighbourhood__path", scope.read_paths)
        | Q(office__organization_id__in=scope.org_ids)
        | Q(agency_id__in=scope.org_ids)
    )


def demands_visible_to(user: Any, queryset: QuerySet | None = None) -> QuerySet:
    """`demands_visible_q`'s rule, written on the demand's own columns (`demand_columns_q`)."""
    qs = Demand.objects.all() if queryset is None else queryset
    scope = get_scope(user)
    if scope.is_superuser:
        return qs
    if not scope.is_authenticated:
        return qs.none()
    if "/" in scope.read_paths:  # national staff read the whole tree: nothing to filter
        return qs
    return qs.filter(demand_columns_q(scope, scope.read_paths, scope.org_ids, scope.org_ids))


def demands_handled_q(user: Any) -> Q:
    """The queryset form of `can_handle_demand` (same rules), for the triage queue and what awaits
    the office: only the demands the user may act on.

    Every demand it allows is visible too (`demands_visible_to`): its offices are the user's own
    organizations' and its territories lie under read paths — so those lists need no second, slower
    filter (two array conditions on one column made the planner read every demand in triage)."""
    scope = get_scope(user)
    if scope.is_superuser:
        return Q()
    if not scope.is_authenticated:
        return Q(pk__in=[])
    offices = (scope.managing_org_ids | scope.reporting_org_ids) & scope.org_ids
    paths = tuple(path for path in scope.manage_paths if scope.reads_path(path))
    return demand_columns_q(scope, paths, offices, ())


def demand_columns_q(scope: Scope, paths: tuple[str, ...], office_org_ids: Any, agency_ids: Any) -> Q:
    """Neighbourhood under one of `paths`, or office run by one of `office_org_ids`, or routed to one
    of `agency_ids` — as conditions on the demand row's own columns, with the territory and office
    ids looked up first (one small query).

    Same rule as the `neighbourhood__path__startswith | office__organization_id__in | agency_id__in`
    form; a different shape: an OR across joins cannot use any index, so every demand list read the
    whole table (2,000,000 rows at national scale). On plain columns with literal ids the planner
    walks the newest-first index and stops at the page, or takes the rows of an office or agency in
    order from their `(office, created_at)` / `(agency, created_at)` indexes. The lookup also drops
    the organizations no demand is routed to (a facilitator's own office, a social office), so that a
    facilitator's or a liaison's list is one of those ordered index walks, not an OR of two.
    """
    if "/" in paths:  # the whole tree
        return Q()
    office_orgs, agencies = sorted(office_org_ids), sorted(agency_ids)
    parts: list[QuerySet] = []
    if paths:
        territories = Territory.objects.filter(scope.path_q("path", paths)).annotate(kind_=Value("t"))
        parts.append(territories.values_list("kind_", "pk"))
    if office_orgs:
        offices = FacilitationOffice.objects.filter(organization_id__in=office_orgs)
        parts.append(offices.annotate(kind_=Value("o")).values_list("kind_", "pk"))
    if agencies:
        routed = Demand.objects.filter(agency_id=OuterRef("pk"))
        targets = Organization.objects.filter(Exists(routed), pk__in=agencies).annotate(kind_=Value("a"))
        parts.append(targets.values_list("kind_", "pk"))
    ids: dict[str, list[int]] = {"t": [], "o": [], "a": []}
    if parts:
        first, *rest = (part.order_by() for part in parts)
        for kind, pk in first.union(*rest, all=True) if rest else first:
            ids[kind].append(pk)
    query = Q(pk__in=[])
    if ids["t"]:
        query |= Q(neighbourhood_id__in=sorted(ids["t"]))
    if ids["o"]:
        query |= Q(office_id__in=sorted(ids["o"]))
    if ids["a"]:
        query |= Q(agency_id__in=sorted(ids["a"]))
    return query


def can_handle_demand(user: Any, demand: Any) -> bool:
    """Office side: route, re-route, merge, accept a planned date, verify. The demand's office, or a
    territorial manager over its neighbourhood (triage of online demands that no office took)."""
    scope = get_scope(user)
    if scope.is_superuser:
        return True
    if (
        demand.office_id is not None
        and demand.office.organization_id in scope.managing_org_ids | scope.reporting_org_ids
    ):
        return True
    return scope.manages_path(demand.neighbourhood.path)


def can_answer_demand(user: Any, demand: Any) -> bool:
    """Agency side: "not ours", "planned", "done": liaisons and heads of the agency it is routed to."""
    scope = get_scope(user)
    return scope.is_superuser or (
        demand.agency_id is not None and demand.agency_id in scope.reporting_org_ids
    )
