"""Reads of citizens' demands, scoped by demand_access.demands_visible_to, personal data masked.

A demand's citizen name and mobile reach only users who may see them (access.can_see_personal_data:
the demand's office and the provincial office's authorized staff). Querysets returned here blank
those fields on every row the user may not see — in lists, details, `.values()` and `.iterator()` —
so a page, an API serializer or an export cannot leak them by accident. Reading them in a demand's
detail writes a SensitiveAccessLog row.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from peygir.core.jalali import today as local_today
from peygir.core.text import normalize_text
from peygir.facilitation.models import SensitiveAccessLog
from peygir.organizations import access
from peygir.territory.models import Territory

from . import access as demand_access
from .codes import normalize_tracking_code
from .models import Demand, DemandCategory, DemandEvent, DemandRoute, DemandSupporter

Status = Demand.Status
PERSONAL_FIELDS = ("citizen_name", "citizen_mobile", "mobile_last4")
ANSWERED_STATUSES = (Status.ROUTED, Status.PLANNED)


def personal_data_visible(user: Any, demand: Demand) -> bool:
    """May `user` see this demand's citizen (name, mobile, supporters)?"""
    office_org = demand.office.organization_id if demand.office_id else None
    return access.can_see_personal_data(
        user, office_organization_id=office_org, territory_path=demand.neighbourhood.path
    )


def mask(user: Any, demand: Demand) -> Demand:
    """Blank the personal fields on an instance the user may not see them on (never saved: services
    re-read the row under lock)."""
    visible = personal_data_visible(user, demand)
    demand.personal_data_visible = visible
    if not visible:
        for name in PERSONAL_FIELDS:
            setattr(demand, name, "")
    return demand


class DemandQuerySet(QuerySet):
    """A queryset that masks personal data for one user on every way of reading it."""

    _mask_user: Any = None
    _masking: bool = False

    def masked_for(self, user: Any) -> DemandQuerySet:
        clone = self._chain()
        clone._mask_user, clone._masking = user, True
        return clone

    def _clone(self) -> DemandQuerySet:
        clone = super()._clone()
        clone._mask_user, clone._masking = self._mask_user, self._masking
        return clone

    def _mask_row(self, row: Any) -> Any:
        if isinstance(row, Demand):
            return mask(self._mask_user, row)
        if isinstance(row, dict) and not access.get_scope(self._mask_user).is_superuser:
            for name in PERSONAL_FIELDS:
                if name in row:
                    row[name] = ""
        elif self._fields and not access.get_scope(self._mask_user).is_superuser:
            # values_list(): rows are tuples, or bare values when flat
            if isinstance(row, tuple) and len(row) == len(self._fields):
                return tuple(
                    "" if name in PERSONAL_FIELDS else value
                    for name, value in zip(self._fields, row, strict=True)
                )
            if len(self._fields) == 1 and self._fields[0] in PERSONAL_FIELDS:
                return ""
        return row

    def _fetch_all(self) -> None:
        fresh = self._result_cache is None
        super()._fetch_all()
        if fresh and self._masking:
            self._result_cache = [self._mask_row(row) for row in self._result_cache]

    def iterator(self, chunk_size: int | None = None):
        for row in super().iterator(chunk_size=chunk_size):
            yield self._mask_row(row) if self._masking else row


def demand_base_queryset() -> DemandQuerySet:
    """What every list needs in one query (office, category, neighbourhood, agency, action)."""
    return DemandQuerySet(model=Demand).select_related(
        "office__organization", "category", "neighbourhood", "agency", "current_action"
    )


def visible_demands(user: Any) -> DemandQuerySet:
    """Confirmed demands the user may see, masked for them (unconfirmed ones count nowhere)."""
    qs = demand_access.demands_visible_to(user, demand_base_queryset()).exclude(status=Status.UNCONFIRMED)
    return qs.masked_for(user)


def demand_overdue_q(today: dt.date | None = None) -> Q:
    """Routed or planned, and the expected date has passed."""
    return Q(status__in=ANSWERED_STATUSES, expected_on__lt=today or local_today())


def _id(value: Any) -> int | None:
    value = getattr(value, "pk", value)
    try:
        return int(str(value)) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def demand_list(*, user: Any, filters: dict[str, Any] | None = None) -> DemandQuerySet:
    """Demands the user may see, newest first. `filters` keys: status (a value or a list), office,
    agency, category (with its sub-categories), neighbourhood (with everything under it), q (title,
    description or tracking code, normalized), period_from / period_to (dates of registration,
    inclusive), overdue (true: past the expected date and not answered done)."""
    filters = filters or {}
    qs = visible_demands(user)
    status = filters.get("status")
    if status:
        statuses = [status] if isinstance(status, str) else list(status)
        qs = qs.filter(status__in=[s for s in statuses if s in Status.values and s != Status.UNCONFIRMED])
    if (office := _id(filters.get("office"))) is not None:
        qs = qs.filter(office_id=office)
    if (agency := _id(filters.get("agency"))) is not None:
        qs = qs.filter(agency_id=agency)
    if (category := _id(filters.get("category"))) is not None:
        qs = qs.filter(category_id__in=category_with_descendants(category))
    neighbourhood = filters.get("neighbourhood")
    if neighbourhood:
        path = getattr(neighbourhood, "path", None)
        if path is None:
            path = (
                Territory.objects.filter(pk=_id(neighbourhood)).values_list("path", flat=True).first() or "-"
            )
        qs = qs.filter(neighbourhood__path__startswith=path)
    q = (filters.get("q") or "").strip()
    if q:
        code = normalize_tracking_code(q)
        qs = qs.filter(Q(text_normalized__contains=normalize_text(q)) | Q(tracking_code=code))
    if isinstance(filters.get("period_from"), dt.date):
        qs = qs.filter(created_at__gte=_day_start(filters["period_from"]))
    if isinstance(filters.get("period_to"), dt.date):
        qs = qs.filter(created_at__lt=_day_start(filters["period_to"] + dt.timedelta(days=1)))
    if filters.get("overdue") in (True, "1", "true", "on", 1):
        qs = qs.filter(demand_overdue_q())
    return qs.order_by("-created_at", "-id")


def category_with_descendants(category_id: int) -> list[int]:
    parents = dict(DemandCategory.objects.values_list("pk", "parent_id"))
    result, frontier = [category_id], [category_id]
    while frontier:
        frontier = [pk for pk, parent in parents.items() if parent in frontier and pk not in result]
        result.extend(frontier)
    return result


def demand_detail(*, user: Any, pk: Any, log_read: bool = True) -> Demand:
    """One demand (Http404 when missing or not visible), masked; with `personal_data_visible`,
    `can_handle` and `can_answer` set on it. A read of the citizen's data is logged, unless the caller
    only checks what the user may do and shows nothing (`log_read=False`): a refused request must
    leave no trace, and the page or answer that does show the data logs its own read."""
    demand = access.get_for_user(visible_demands(user), pk)
    demand.can_handle = demand_access.can_handle_demand(user, demand)
    demand.can_answer = demand_access.can_answer_demand(user, demand)
    if log_read and demand.personal_data_visible and (demand.citizen_name or demand.citizen_mobile):
        SensitiveAccessLog.objects.create(user=user, kind=SensitiveAccessLog.Kind.READ, demand=demand)
    return demand


def handled_demands(user: Any) -> DemandQuerySet:
    """Confirmed demands the user may act on as the office (`demand_access.demands_handled_q`, which allows
    only visible ones), masked for them."""
    qs = (
        demand_base_queryset()
        .filter(demand_access.demands_handled_q(user))
        .exclude(status=Status.UNCONFIRMED)
    )
    return qs.masked_for(user)


def triage_queue(*, user: Any) -> DemandQuerySet:
    """Demands waiting for the office to choose an agency, that this user may handle (oldest first)."""
    return handled_demands(user).filter(status=Status.TRIAGE).order_by("created_at", "id")


def awaiting_office_q() -> Q:
    """What the office must decide on: reported done (verify) or a proposed date (accept)."""
    return Q(status=Status.DONE) | Q(status__in=ANSWERED_STATUSES, proposed_date__isnull=False)


def awaiting_office(*, user: Any) -> DemandQuerySet:
    """What the office must decide on (`awaiting_office_q`), oldest first."""
    qs = handled_demands(user).filter(awaiting_office_q())
    return qs.order_by("created_at", "id")


def demand_history(demand: Demand) -> QuerySet[DemandEvent]:
    """Every event of the demand, oldest first (staff view; the status page uses public ones only)."""
    return demand.events.select_related("actor").order_by("created_at", "id")


def demand_routes(demand: Demand) -> QuerySet[DemandRoute]:
    """Every route the demand took (an empty agency = sent back to triage), oldest first."""
    return demand.routes.select_related("agency", "rule", "action", "routed_by").order_by("created_at", "id")


def demand_supporters(*, user: Any, demand: Demand) -> list[DemandSupporter]:
    """ "Also requested by", with names and numbers only for users who may see them."""
    rows = list(demand.supporters.order_by("created_at", "id"))
    if not personal_data_visible(user, demand):
        for row in rows:
            row.citizen_name = row.citizen_mobile = ""
    return rows


def demand_attachments(demand: Demand) -> QuerySet:
    return demand.attachments.order_by("created_at", "id")


def demand_counts(*, user: Any) -> dict[str, int]:
    """Counts for a start page, in one query."""
    from django.db.models import Count

    qs = visible_demands(user)
    return qs.aggregate(
        total=Count("id"),
        triage=Count("id", filter=Q(status=Status.TRIAGE)),
        open=Count("id", filter=Q(status__in=Demand.OPEN_STATUSES)),
        done=Count("id", filter=Q(status=Status.DONE)),
        resolved=Count("id", filter=Q(status=Status.RESOLVED)),
        overdue=Count("id", filter=demand_overdue_q()),
    )


def category_tree() -> list[tuple[DemandCategory, int]]:
    """Active categories in tree order with their depth (for selects and the admin page)."""
    rows = list(DemandCategory.objects.filter(is_active=True))
    children: dict[int | None, list[DemandCategory]] = {}
    for row in rows:
        children.setdefault(row.parent_id, []).append(row)
    ids = {row.pk for row in rows}
    result: list[tuple[DemandCategory, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for row in children.get(parent, []):
            result.append((row, depth))
            walk(row.pk, depth + 1)

    walk(None, 0)
    for row in rows:  # children of an inactive parent still show, at the top
        if row.parent_id is not None and row.parent_id not in ids:
            result.append((row, 0))
            walk(row.pk, 1)
    return result
