"""Reports on citizens' demands: per office, agency or category for a Jalali period, the six-month
review of an office and the map of demands per neighbourhood.

What the numbers mean (the same on the page, in the Excel file and in the tests):
- the rows are a cohort: demands RECEIVED in the period (created then, confirmed, not merged into
  another demand), followed to where they stand today;
- routed: sent to an agency at least once; resolved: the agency reported it done (awaiting or past
  the office's check); verified: the office confirmed it (status resolved);
- overdue: still open and its action is overdue by the spine's Horizon rule (pending and past its
  deadline) — the same rule as the inbox, never typed in by hand;
- median working days: from receipt to the office's verification, counted with the WorkingCalendar
  (weekend, official holidays, the office's corrections);
- rating: the citizens' average (1–5) and how many rated.
Every number comes from aggregate queries: the query count does not grow with the data.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Avg, Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from peygir.actions.selectors import Horizon
from peygir.core.errors import NotAllowed, ValidationError
from peygir.core.jalali import add_months
from peygir.core.jalali import today as local_today
from peygir.core.workdays import WorkingCalendar
from peygir.facilitation import access as office_access
from peygir.facilitation.models import VulnerableHousehold
from peygir.facilitation.selectors import activity_list, activity_totals
from peygir.territory.models import Territory, TerritoryBoundary

from . import access as demand_access
from .models import Demand

DS = Demand.Status
GROUPS: dict[str, tuple[str, str]] = {
    "office": ("office_id", "office__organization__name"),
    "agency": ("agency_id", "agency__name"),
    "category": ("category_id", "category__name"),
}
MAX_PERIOD_DAYS = 3660
MAX_MAP_POINTS = 2000


def prefixed_q(query: Q, prefix: str) -> Q:
    """The same condition on a related model: Q(status=…) → Q(current_action__status=…)."""
    result = Q()
    result.connector, result.negated = query.connector, query.negated
    result.children = [
        prefixed_q(child, prefix) if isinstance(child, Q) else (f"{prefix}__{child[0]}", child[1])
        for child in query.children
    ]
    return result


def demand_overdue_q(horizon: Horizon) -> Q:
    """An open demand whose action is overdue by the spine's rule (Horizon.overdue_q on its action)."""
    return Q(status__in=Demand.OPEN_STATUSES) & prefixed_q(horizon.overdue_q(), "current_action")


def counted_demands_q() -> Q:
    """Demands that count: confirmed by the citizen (or taken by an office) and not merged."""
    return ~Q(status__in=[DS.UNCONFIRMED, DS.MERGED])


@dataclass
class ReportRow:
    key: int | None
    label: str
    received: int = 0
    routed: int = 0
    resolved: int = 0
    verified: int = 0
    overdue: int = 0
    median_days: float | None = None
    rating_avg: float | None = None
    rating_count: int = 0
    durations: list[int] = field(default_factory=list, repr=False)

    @property
    def verified_rate(self) -> int | None:
        return round(100 * self.verified / self.received) if self.received else None


def _check_period(period_from: dt.date | None, period_to: dt.date | None) -> None:
    if period_from and period_to and period_from > period_to:
        raise ValidationError({"period_to": _("پایان دوره پیش از آغاز آن است.")})
    if period_from and period_to and (period_to - period_from).days > MAX_PERIOD_DAYS:
        raise ValidationError({"period_to": _("دوره گزارش حداکثر ده سال است.")})


def _in_period(qs: QuerySet[Demand], period_from: dt.date | None, period_to: dt.date | None) -> QuerySet:
    if period_from:
        qs = qs.filter(created_at__date__gte=period_from)
    if period_to:
        qs = qs.filter(created_at__date__lte=period_to)
    return qs


def report_queryset(
    *, user: Any, period_from: dt.date | None = None, period_to: dt.date | None = None
) -> QuerySet[Demand]:
    """The cohort: demands the user may see, received in the period."""
    _check_period(period_from, period_to)
    qs = demand_access.demands_visible_to(user, Demand.objects.filter(counted_demands_q()))
    return _in_period(qs, period_from, period_to)


def _median(values: list[int]) -> float | None:
    return float(statistics.median(values)) if values else None


def _rows(
    qs: QuerySet[Demand],
    group_by: str,
    *,
    horizon: Horizon,
    calendar: WorkingCalendar,
    empty_label: str = "",
) -> tuple[list[ReportRow], ReportRow]:
    """Grouped counts (one query) and the working days to resolve (one query), plus the total row."""
    key_field, label_field = GROUPS[group_by]
    aggregated = (
        qs.order_by()
        .values(key_field, label_field)
        .annotate(
            received=Count("id"),
            routed=Count("id", filter=Q(routed_at__isnull=False)),
            resolved=Count("id", filter=Q(status__in=[DS.DONE, DS.RESOLVED])),
            verified=Count("id", filter=Q(status=DS.RESOLVED)),
            overdue=Count("id", filter=demand_overdue_q(horizon)),
            rating_avg=Avg("rating"),
            rating_count=Count("rating"),
        )
        .order_by(label_field, key_field)
    )
    rows: dict[Any, ReportRow] = {}
    for item in aggregated:
        rows[item[key_field]] = ReportRow(
            key=item[key_field],
            label=item[label_field] or empty_label,
            received=item["received"],
            routed=item["routed"],
            resolved=item["resolved"],
            verified=item["verified"],
            overdue=item["overdue"],
            rating_avg=round(float(item["rating_avg"]), 2) if item["rating_avg"] is not None else None,
            rating_count=item["rating_count"],
        )
    durations: dict[Any, list[int]] = defaultdict(list)
    resolved = qs.filter(status=DS.RESOLVED, resolved_at__isnull=False).order_by()
    for key, created_at, resolved_at in resolved.values_list(key_field, "created_at", "resolved_at"):
        start, end = timezone.localtime(created_at).date(), timezone.localtime(resolved_at).date()
        durations[key].append(max(0, calendar.working_days_between(start, end)))
    all_durations: list[int] = []
    for key, row in rows.items():
        row.durations = sorted(durations.get(key, []))
        row.median_days = _median(row.durations)
        all_durations += row.durations
    result = list(rows.values())
    rated = sum(r.rating_count for r in result)
    total = ReportRow(
        key=None,
        label=_("جمع"),
        received=sum(r.received for r in result),
        routed=sum(r.routed for r in result),
        resolved=sum(r.resolved for r in result),
        verified=sum(r.verified for r in result),
        overdue=sum(r.overdue for r in result),
        median_days=_median(all_durations),
        rating_avg=(
            round(sum((r.rating_avg or 0) * r.rating_count for r in result) / rated, 2) if rated else None
        ),
        rating_count=rated,
        durations=sorted(all_durations),
    )
    return result, total


EMPTY_LABELS = {
    "office": gettext_lazy("ثبت برخط (بدون دفتر)"),
    "agency": gettext_lazy("در صف تعیین مسئول"),
    "category": "",
}


def demand_report_with_total(
    *,
    user: Any,
    group_by: str,
    period_from: dt.date | None,
    period_to: dt.date | None,
    horizon: Horizon | None = None,
    calendar: WorkingCalendar | None = None,
) -> tuple[list[ReportRow], ReportRow]:
    """The report's rows and its total row (the median of the total is over every demand, not a
    median of medians)."""
    if group_by not in GROUPS:
        raise ValidationError({"group_by": _("گروه‌بندی نامعتبر است.")})
    qs = report_queryset(user=user, period_from=period_from, period_to=period_to)
    calendar = calendar or WorkingCalendar()
    horizon = horizon or Horizon.for_day(calendar=calendar)
    return _rows(qs, group_by, horizon=horizon, calendar=calendar, empty_label=str(EMPTY_LABELS[group_by]))


def demand_report(
    *,
    user: Any,
    group_by: str,
    period_from: dt.date | None,
    period_to: dt.date | None,
    horizon: Horizon | None = None,
    calendar: WorkingCalendar | None = None,
) -> list[ReportRow]:
    """Per office, agency or category: received, routed, resolved, verified, overdue, median working
    days to resolve, average rating and count. Scoped by demand_access.demands_visible_to."""
    rows, _total = demand_report_with_total(
        user=user,
        group_by=group_by,
        period_from=period_from,
        period_to=period_to,
        horizon=horizon,
        calendar=calendar,
    )
    return rows


# ---------------------------------------------------------------- the six-month review


@dataclass
class OfficeReview:
    office: Any
    period_from: dt.date
    period_to: dt.date
    months: int
    total: ReportRow
    by_agency: list[ReportRow]
    by_category: list[ReportRow]
    activities: list[Any]
    activity_total: Any
    households: int | None  # only for those who may see the office's households


def review_period(
    *, opened_on: dt.date | None, months: int, start: dt.date | None = None, until: dt.date | None = None
) -> tuple[dt.date, dt.date]:
    """The period a review covers.

    With `start`: `months` Jalali months from it. Otherwise the first `months` after opening while the
    office is younger than that, else the last `months` up to today: the deputy governor asks "what did
    it achieve", and for an office opened years ago that means lately.
    """
    until = until or local_today()
    if start is not None:
        return start, add_months(start, months) - dt.timedelta(days=1)
    if opened_on and add_months(opened_on, months) > until:
        return opened_on, until
    return add_months(until, -months) + dt.timedelta(days=1), until


def office_review(
    *,
    user: Any,
    office: Any,
    months: int = 6,
    start: dt.date | None = None,
    until: dt.date | None = None,
    horizon: Horizon | None = None,
    calendar: WorkingCalendar | None = None,
) -> OfficeReview:
    """An office's review in one click: what it received, resolved and left overdue, by agency and category,
    with its activities and how many took part."""
    if not office_access.can_view_office(user, office):
        raise NotAllowed
    if not 1 <= int(months) <= 24:
        raise ValidationError({"months": _("دوره بازبینی باید بین ۱ تا ۲۴ ماه باشد.")})
    period_from, period_to = review_period(
        opened_on=office.opened_on, months=months, start=start, until=until
    )
    qs = report_queryset(user=user, period_from=period_from, period_to=period_to).filter(office=office)
    calendar = calendar or WorkingCalendar()
    horizon = horizon or Horizon.for_day(calendar=calendar)
    by_agency, total = _rows(
        qs, "agency", horizon=horizon, calendar=calendar, empty_label=str(EMPTY_LABELS["agency"])
    )
    total.label = office.organization.name
    by_category, _unused = _rows(qs, "category", horizon=horizon, calendar=calendar)
    activities = list(activity_list(user=user, office=office, period_from=period_from, period_to=period_to))
    _rows_unused, activity_total = activity_totals(
        user=user, office=office, period_from=period_from, period_to=period_to
    )
    households = None
    if office_access.can_see_households(user, office):
        # A count is not personal data; the records themselves stay on their logged pages.
        households = VulnerableHousehold.objects.filter(office=office, is_active=True).count()
    return OfficeReview(
        office=office,
        period_from=period_from,
        period_to=period_to,
        months=int(months),
        total=total,
        by_agency=by_agency,
        by_category=by_category,
        activities=activities,
        activity_total=activity_total,
        households=households,
    )


# ---------------------------------------------------------------- the map


def demand_map_data(
    *, user: Any, period_from: dt.date | None = None, period_to: dt.date | None = None
) -> dict[str, Any]:
    """What the map draws: county polygons with their demand counts (neighbourhoods have no geometry),
    the demands' own points where a map point was given, and the counts per neighbourhood.

    No personal data and no free text: a point carries its category and status only.
    """
    qs = report_queryset(user=user, period_from=period_from, period_to=period_to)
    per_neighbourhood = list(
        qs.order_by()
        .values(
            "neighbourhood_id",
            "neighbourhood__name_fa",
            "neighbourhood__path",
            "neighbourhood__is_underprivileged",
            "neighbourhood__is_informal_settlement",
        )
        .annotate(
            n=Count("id"),
            open=Count("id", filter=Q(status__in=Demand.OPEN_STATUSES)),
            verified=Count("id", filter=Q(status=DS.RESOLVED)),
        )
        .order_by("-n", "neighbourhood__name_fa")
    )
    ancestor_ids = {
        int(part) for row in per_neighbourhood for part in row["neighbourhood__path"].strip("/").split("/")
    }
    counties = {
        t.pk: t
        for t in Territory.objects.filter(pk__in=ancestor_ids, kind=Territory.Kind.COUNTY).only(
            "id", "parent_id", "name_fa", "path"
        )
    }
    county_counts: dict[int, int] = defaultdict(int)
    neighbourhoods = []
    for row in per_neighbourhood:
        ids = [int(p) for p in row["neighbourhood__path"].strip("/").split("/")]
        county_id = next((i for i in ids if i in counties), None)
        if county_id is not None:
            county_counts[county_id] += row["n"]
        neighbourhoods.append(
            {
                "id": row["neighbourhood_id"],
                "name": row["neighbourhood__name_fa"],
                "county": counties[county_id].name_fa if county_id else "",
                "underprivileged": row["neighbourhood__is_underprivileged"],
                "informal": row["neighbourhood__is_informal_settlement"],
                "count": row["n"],
                "open": row["open"],
                "verified": row["verified"],
            }
        )
    province_ids = {c.parent_id for c in counties.values()}
    boundaries = TerritoryBoundary.objects.filter(
        territory__parent_id__in=province_ids, territory__kind=Territory.Kind.COUNTY
    ).select_related("territory")
    features = [
        {
            "type": "Feature",
            "geometry": b.geojson,
            "properties": {
                "id": b.territory_id,
                "name": b.territory.name_fa,
                "count": county_counts.get(b.territory_id, 0),
            },
        }
        for b in boundaries
    ]
    points = [
        {"lat": float(lat), "lng": float(lng), "category": category, "status": str(DS(status).label)}
        for lat, lng, category, status in qs.filter(latitude__isnull=False, longitude__isnull=False)
        .order_by("-created_at")
        .values_list("latitude", "longitude", "category__name", "status")[:MAX_MAP_POINTS]
    ]
    return {
        "counties": {"type": "FeatureCollection", "features": features},
        "points": points,
        "neighbourhoods": neighbourhoods,
        "max_count": max(county_counts.values(), default=0),
    }
