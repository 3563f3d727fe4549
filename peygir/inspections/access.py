"""Who sees and does what in inspections, on the shared scope (organizations.access).

- Facilities: territorial readers of the facility's territory, and the facility's responsible agency.
- Plans, coverage and facility pages: territorial readers of the plan's territory and the inspecting
  and partner organizations' members. Managers of the plan's territory (office, governor, county
  deputy in the county) create, approve and amend plans and manage facilities.
- Checklists: every signed-in user reads the published ones (they are the norm the facilities are
  held to); the managers of the document's territory author drafts, see them and publish versions.
- A visit's DATE: only the visit's inspector, only from the day before; everyone who may read the
  plan sees it once the visit is done (the past) or the period's schedule is published (after the
  period). Nobody else — not the office, not the governor, not the facility's agency — sees a date of
  a coming visit. `visits_dated_for` is the one condition pages, the API and the offline bundle use.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from peygir.core.jalali import today as local_today
from peygir.organizations.access import can_issue_in, get_scope
from peygir.territory.models import Territory

from .models import ChecklistTemplate, ChecklistVersion, Facility, InspectionPlan, Visit

# How many days ahead an inspector sees the date of their visits (1: from the day before).
REVEAL_DAYS_AHEAD = 1


def _readable_q(user: Any, path_field: str) -> Q:
    scope = get_scope(user)
    if scope.is_superuser:
        return Q()
    if not scope.is_authenticated:
        return Q(pk__in=[])
    return scope.path_q(path_field, scope.read_paths) if scope.read_paths else Q(pk__in=[])


# ---------------------------------------------------------------- facilities


def facilities_visible_q(user: Any) -> Q:
    scope = get_scope(user)
    if scope.is_superuser:
        return Q()
    if not scope.is_authenticated:
        return Q(pk__in=[])
    q = _readable_q(user, "territory_path")
    if scope.org_ids:
        q |= Q(responsible_agency_id__in=sorted(scope.org_ids))
    return q


def facilities_visible_to(user: Any, queryset: QuerySet | None = None) -> QuerySet:
    qs = Facility.objects.all() if queryset is None else queryset
    return qs.filter(facilities_visible_q(user))


def can_manage_facilities_in(user: Any, territory: Territory) -> bool:
    return get_scope(user).manages_path(territory.path)


# ---------------------------------------------------------------- checklists


def templates_authored_q(user: Any) -> Q:
    """Templates the user may author: those of a document in a territory they manage."""
    scope = get_scope(user)
    if scope.is_superuser:
        return Q()
    return scope.path_q("document__territory__path", scope.manage_paths)


def templates_visible_to(user: Any, queryset: QuerySet | None = None) -> QuerySet:
    """Every signed-in user reads the published checklists; a checklist still without a published
    version (a draft only) is seen by its authors alone."""
    qs = ChecklistTemplate.objects.all() if queryset is None else queryset
    scope = get_scope(user)
    if not scope.is_authenticated:
        return qs.none()
    if scope.is_superuser:
        return qs
    published = Exists(ChecklistVersion.objects.filter(template=OuterRef("pk"), published_at__isnull=False))
    return qs.filter(published | templates_authored_q(user))


def can_manage_template(user: Any, template: ChecklistTemplate) -> bool:
    return get_scope(user).manages_path(template.document.territory.path)


# ---------------------------------------------------------------- plans


def plans_visible_q(user: Any) -> Q:
    scope = get_scope(user)
    if scope.is_superuser:
        return Q()
    if not scope.is_authenticated:
        return Q(pk__in=[])
    q = _readable_q(user, "territory_path")
    if scope.org_ids:
        orgs = sorted(scope.org_ids)
        q |= Q(organization_id__in=orgs) | Q(partner_organizations__in=orgs)
    return q


def plans_visible_to(user: Any, queryset: QuerySet | None = None) -> QuerySet:
    qs = InspectionPlan.objects.all() if queryset is None else queryset
    scope = get_scope(user)
    if scope.is_superuser:
        return qs
    if not scope.is_authenticated:
        return qs.none()
    if not scope.org_ids:
        return qs.filter(plans_visible_q(user))
    # The partner organizations' join may repeat a plan: read the ids, then the plans.
    ids = InspectionPlan.objects.filter(plans_visible_q(user)).values("pk")
    return qs.filter(pk__in=ids)


def can_manage_plan(user: Any, plan: InspectionPlan) -> bool:
    return can_issue_in(user, plan.organization) and get_scope(user).manages_path(plan.territory.path)


def can_manage_plans_in(user: Any, territory: Territory) -> bool:
    return get_scope(user).manages_path(territory.path)


# ---------------------------------------------------------------- visits and their dates


def reveal_horizon(today: dt.date | None = None) -> dt.date:
    """The last day whose visits an inspector may see today."""
    return (today or local_today()) + dt.timedelta(days=REVEAL_DAYS_AHEAD)


def visits_dated_for(user: Any, *, today: dt.date | None = None) -> Q:
    """Visits whose date (and very existence as a coming visit) the user may know.

    - their own visits up to tomorrow, done or not;
    - done or missed visits (the past) and any visit of a published period, in plans they may read.
    A coming visit of somebody else is never in this set, whoever asks."""
    scope = get_scope(user)
    if not scope.is_authenticated:
        return Q(pk__in=[])
    day = today or local_today()
    own = Q(inspector_id=scope.user_id, scheduled_on__lte=reveal_horizon(day))
    # A later visit (a back-check, a re-inspection) keeps its secret past its draw's period.
    past = Q(status__in=[Visit.Status.COMPLETED, Visit.Status.MISSED]) | Q(
        draw__period_end__lt=day, scheduled_on__lt=day
    )
    if scope.is_superuser:
        return own | past
    readable = _readable_q(user, "territory_path")
    if scope.org_ids:
        orgs = sorted(scope.org_ids)
        readable |= Q(organization_id__in=orgs)
    return own | (past & readable)


def visits_visible_to(user: Any, *, today: dt.date | None = None) -> QuerySet:
    return Visit.objects.filter(visits_dated_for(user, today=today))


def can_conduct_visit(user: Any, visit: Visit, *, today: dt.date | None = None) -> bool:
    """Only the visit's inspector, once its date is revealed to them, while it is not done."""
    scope = get_scope(user)
    return (
        scope.is_authenticated
        and visit.inspector_id == scope.user_id
        and visit.scheduled_on <= reveal_horizon(today)
        and visit.status in (Visit.Status.SCHEDULED, Visit.Status.MISSED)
    )
