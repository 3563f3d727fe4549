"""Reads of inspections for pages, the API and the offline bundle.

Every read of a visit goes through `access.visits_dated_for`: a coming visit is listed only to its
inspector from the day before. Coverage counts a draw's visits by the draw's whole period (never by
day), so no report can be narrowed to a day to count what is planned on it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max, Prefetch, Q, QuerySet, Sum
from django.http import Http404
from django.utils.translation import gettext_lazy

from peygir.actions.models import Action
from peygir.core.jalali import today as local_today
from peygir.organizations.access import get_for_user, get_scope
from peygir.territory.models import Territory, TerritoryBoundary

from . import access, plans
from .models import (
    ChecklistQuestion,
    ChecklistTemplate,
    ChecklistVersion,
    Draw,
    Facility,
    FacilityKind,
    Finding,
    InspectionPlan,
    Visit,
)

V = Visit.Status


# ---------------------------------------------------------------- the inspector


@dataclass
class MyVisits:
    revealed: list[Visit]
    coming: int  # later visits of theirs this period: a number, never a list
    recent: list[Visit]


def my_visits(user: Any, *, today: dt.date | None = None) -> MyVisits:
    day = today or local_today()
    horizon = access.reveal_horizon(day)
    mine = Visit.objects.filter(inspector_id=getattr(user, "pk", None))
    revealed = list(
        mine.filter(status__in=[V.SCHEDULED, V.MISSED], scheduled_on__lte=horizon)
        .select_related("facility__territory", "checklist_version__template")
        .order_by("scheduled_on", "pk")[:100]
    )
    coming = mine.filter(status=V.SCHEDULED, scheduled_on__gt=horizon).count()
    recent = list(
        mine.filter(status=V.COMPLETED).select_related("facility").order_by("-completed_at", "-pk")[:10]
    )
    return MyVisits(revealed=revealed, coming=coming, recent=recent)


def visit_for_user(user: Any, pk: Any, *, today: dt.date | None = None) -> Visit:
    """The visit if the user may know its date; 404 otherwise (missing and hidden look alike)."""
    qs = access.visits_visible_to(user, today=today).select_related(
        "facility__territory",
        "facility__responsible_agency",
        "checklist_version__template__document",
        "draw__plan",
        "inspector",
        "back_check_of",
        "reinspection_of__question",
    )
    return get_for_user(qs, pk)


def version_questions(version: ChecklistVersion) -> list[ChecklistQuestion]:
    return list(version.questions.select_related("section").order_by("section__order", "order", "pk"))


def visit_answers(visit: Visit) -> list:
    return list(
        visit.answers.select_related("question__section").order_by(
            "question__section__order", "question__order"
        )
    )


def offline_bundle(user: Any, *, today: dt.date | None = None) -> dict[str, Any]:
    """What a phone keeps for the field: the inspector's revealed, not yet done visits and their
    checklists (no other visit, no date beyond tomorrow)."""
    mv = my_visits(user, today=today)
    versions: dict[int, ChecklistVersion] = {}
    items = []
    for visit in mv.revealed:
        versions[visit.checklist_version_id] = visit.checklist_version
        items.append(
            {
                "id": visit.pk,
                "version": visit.version,
                "kind": visit.kind,
                "kind_label": str(visit.get_kind_display()),
                "scheduled_on": visit.scheduled_on.isoformat(),
                "facility": {
                    "id": visit.facility_id,
                    "name": visit.facility.name,
                    "address": visit.facility.address,
                },
                "checklist_version": visit.checklist_version_id,
            }
        )
    checklists = {}
    for pk, version in versions.items():
        checklists[str(pk)] = {
            "id": pk,
            "title": version.template.title,
            "number": version.number,
            "questions": [
                {
                    "id": q.pk,
                    "code": q.code,
                    "section": q.section.title,
                    "text": q.text,
                    "kind": q.kind,
                    "allows_na": q.allows_na,
                    "scale_max": q.scale_max,
                    "is_critical": q.is_critical,
                }
                for q in version_questions(version)
            ],
        }
    return {"visits": items, "checklists": checklists}


# ---------------------------------------------------------------- facilities


def facility_list(user: Any, *, kind: str = "", query: str = "", territory: int | None = None) -> QuerySet:
    qs = access.facilities_visible_to(user).select_related("territory", "responsible_agency")
    if kind:
        qs = qs.filter(kind=kind)
    if query:
        qs = qs.filter(Q(name__icontains=query) | Q(licence_number__icontains=query))
    if territory:
        place = Territory.objects.filter(pk=territory).only("path").first()
        qs = qs.filter(territory_path__startswith=place.path) if place else qs.none()
    return qs.order_by("name", "pk")


def facility_for_user(user: Any, pk: Any) -> Facility:
    return get_for_user(facility_list(user), pk)


@dataclass
class FacilityPage:
    facility: Facility
    visits: list[Visit]
    findings: list[Finding]
    open_findings: int


def facility_page(user: Any, facility: Facility) -> FacilityPage:
    """Done visits (the past) and the findings with their actions; never a coming visit."""
    done = list(
        Visit.objects.filter(facility=facility, status=V.COMPLETED)
        .select_related("inspector", "checklist_version__template")
        .order_by("-completed_at", "-pk")[:20]
    )
    findings = list(
        Finding.objects.filter(facility=facility)
        .select_related("question")
        .prefetch_related(Prefetch("actions", queryset=Action.objects.order_by("-pk")))
        .order_by("-is_open", "-created_at", "-pk")[:50]
    )
    open_count = Finding.objects.filter(facility=facility, is_open=True).count()
    return FacilityPage(facility=facility, visits=done, findings=findings, open_findings=open_count)


# ---------------------------------------------------------------- checklists


def template_list(user: Any) -> QuerySet:
    """Published checklists, and the drafts of those the user authors (`draft_number`: the pending
    draft's number, read only for authors — `access.can_manage_template`)."""
    return (
        access.templates_visible_to(user)
        .select_related("document__territory")
        .annotate(
            n_versions=Count("versions", filter=Q(versions__published_at__isnull=False)),
            latest_number=Max("versions__number", filter=Q(versions__published_at__isnull=False)),
            draft_number=Max("versions__number", filter=Q(versions__published_at__isnull=True)),
        )
        .order_by("title", "pk")
    )


def template_for_user(user: Any, pk: Any) -> ChecklistTemplate:
    return get_for_user(access.templates_visible_to(user).select_related("document"), pk)


# ---------------------------------------------------------------- plans


def plan_list(user: Any) -> QuerySet:
    return (
        access.plans_visible_to(user)
        .select_related("organization", "territory", "document")
        .order_by("-created_at", "-pk")
    )


def plan_for_user(user: Any, pk: Any) -> InspectionPlan:
    return get_for_user(plan_list(user), pk)


@dataclass
class DrawRow:
    draw: Draw
    planned: int
    completed: int
    missed: int
    back_checks: int
    published: bool


@dataclass
class PlanPage:
    plan: InspectionPlan
    draws: list[DrawRow]
    missed: list[Visit]
    can_manage: bool
    # The user drafted or submitted the plan: another manager approves it (plans.check_not_own_plan).
    is_own: bool = False


def plan_page(user: Any, plan: InspectionPlan, *, today: dt.date | None = None) -> PlanPage:
    day = today or local_today()
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in (
        Visit.objects.filter(draw__plan=plan)
        .values("draw_id", "status", "kind")
        .annotate(n=Count("id"))
        .order_by()
    ):
        bucket = counts[row["draw_id"]]
        if row["kind"] == Visit.Kind.SCHEDULED:
            bucket["planned"] += row["n"]
            bucket[row["status"]] += row["n"]
        elif row["kind"] == Visit.Kind.BACK_CHECK:
            bucket["back_checks"] += row["n"]
    draws = [
        DrawRow(
            draw=d,
            planned=counts[d.pk]["planned"],
            completed=counts[d.pk][V.COMPLETED],
            missed=counts[d.pk][V.MISSED],
            back_checks=counts[d.pk]["back_checks"],
            published=plans.is_published(d, day),
        )
        for d in plan.draws.order_by("-period_start")[:24]
    ]
    missed = list(
        Visit.objects.filter(draw__plan=plan, status=V.MISSED)
        .select_related("facility", "inspector")
        .order_by("-scheduled_on", "-pk")[:50]
    )
    user_id = getattr(user, "pk", None)
    return PlanPage(
        plan=plan,
        draws=draws,
        missed=missed,
        can_manage=access.can_manage_plan(user, plan),
        is_own=user_id is not None and user_id in (plan.created_by_id, plan.submitted_by_id),
    )


def published_draw(user: Any, pk: Any, *, today: dt.date | None = None) -> Draw:
    """A draw's schedule and seed: only after its period, to those who may read its plan."""
    sealed = get_for_user(Draw.objects.filter(plan__in=plan_list(user)).select_related("plan"), pk)
    if not plans.is_published(sealed, today):
        raise Http404
    return sealed


# ---------------------------------------------------------------- coverage


GROUPS = {
    "county": gettext_lazy("شهرستان"),
    "document": gettext_lazy("سند"),
    "kind": gettext_lazy("نوع مرکز"),
}


@dataclass
class CoverageRow:
    key: Any
    label: str
    planned: int = 0
    completed: int = 0
    missed: int = 0
    score_sum: Decimal = Decimal(0)
    scored: int = 0
    failed: int = 0
    open_findings: int = 0

    @property
    def coverage(self) -> int | None:
        return round(100 * self.completed / self.planned) if self.planned else None

    @property
    def average_score(self) -> Decimal | None:
        return (self.score_sum / self.scored).quantize(Decimal("0.1")) if self.scored else None


@dataclass
class Coverage:
    group_by: str
    rows: list[CoverageRow] = field(default_factory=list)
    total: CoverageRow | None = None


def _county_of(paths: dict[int, str], counties: dict[str, Territory], territory_id: int) -> Territory | None:
    path = paths.get(territory_id, "")
    parts = [p for p in path.strip("/").split("/") if p]
    for i in range(len(parts), 0, -1):
        prefix = "/" + "/".join(parts[:i]) + "/"
        if prefix in counties:
            return counties[prefix]
    return None


def coverage(user: Any, *, start: dt.date, end: dt.date, group_by: str = "county") -> Coverage:
    """Planned (the scheduled visits of every draw whose period overlaps [start, end], counted whole),
    done and missed, average score, failed visits and open findings, by county, document or kind."""
    if group_by not in GROUPS:
        group_by = "county"
    if not get_scope(user).is_authenticated:
        return Coverage(group_by=group_by)
    visible = access.plans_visible_to(user).values("pk")
    base = Visit.objects.filter(
        draw__plan__in=visible,
        kind=Visit.Kind.SCHEDULED,
        draw__period_start__lte=end,
        draw__period_end__gte=start,
    )
    rows = list(
        base.values(
            "facility__territory_id",
            "draw__plan__document_id",
            "draw__plan__document__title",
            "facility__kind",
            "status",
        )
        .annotate(n=Count("id"), failed=Count("id", filter=Q(passed=False)))
        .order_by()
    )
    scores = {
        (r["facility__territory_id"], r["draw__plan__document_id"], r["facility__kind"]): r
        for r in base.filter(status=V.COMPLETED, score__isnull=False)
        .values("facility__territory_id", "draw__plan__document_id", "facility__kind")
        .annotate(n=Count("id"), total=Sum("score"))
        .order_by()
    }
    territory_ids = {r["facility__territory_id"] for r in rows}
    paths = dict(Territory.objects.filter(pk__in=territory_ids).values_list("pk", "path"))
    ancestor_ids = {int(p) for path in paths.values() for p in path.strip("/").split("/") if p}
    counties = {t.path: t for t in Territory.objects.filter(pk__in=ancestor_ids, kind=Territory.Kind.COUNTY)}
    findings = (
        Finding.objects.filter(is_open=True, visit__draw__plan__in=visible)
        .values("facility__territory_id", "visit__draw__plan__document_id", "facility__kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    table: dict[Any, CoverageRow] = {}
    kinds = dict(FacilityKind.choices)

    def bucket(territory_id: int, document_id: int, document_title: str, kind: str) -> CoverageRow:
        if group_by == "county":
            county = _county_of(paths, counties, territory_id)
            key, label = (county.pk, county.name_fa) if county else (0, "—")
        elif group_by == "document":
            key, label = document_id, document_title
        else:
            key, label = kind, str(kinds.get(kind, kind))
        if key not in table:
            table[key] = CoverageRow(key=key, label=label)
        return table[key]

    titles = {}
    for r in rows:
        titles[r["draw__plan__document_id"]] = r["draw__plan__document__title"]
        row = bucket(
            r["facility__territory_id"],
            r["draw__plan__document_id"],
            r["draw__plan__document__title"],
            r["facility__kind"],
        )
        if r["status"] != V.CANCELLED:
            row.planned += r["n"]
        if r["status"] == V.COMPLETED:
            row.completed += r["n"]
            row.failed += r["failed"]
        elif r["status"] == V.MISSED:
            row.missed += r["n"]
    for (territory_id, document_id, kind), r in scores.items():
        row = bucket(territory_id, document_id, titles.get(document_id, ""), kind)
        row.score_sum += r["total"] or 0
        row.scored += r["n"]
    for r in findings:
        if r["facility__territory_id"] not in paths:
            paths[r["facility__territory_id"]] = ""
        row = bucket(
            r["facility__territory_id"],
            r["visit__draw__plan__document_id"],
            titles.get(r["visit__draw__plan__document_id"], ""),
            r["facility__kind"],
        )
        row.open_findings += r["n"]
    result = sorted(table.values(), key=lambda r: r.label)
    total = CoverageRow(key="total", label="")
    for r in result:
        for name in ("planned", "completed", "missed", "score_sum", "scored", "failed", "open_findings"):
            setattr(total, name, getattr(total, name) + getattr(r, name))
    return Coverage(group_by=group_by, rows=result, total=total)


# ---------------------------------------------------------------- the map


def map_data(user: Any, *, limit: int = 5000) -> dict[str, Any]:
    """Facilities with a location, coloured by last score, and the counties' boundaries around them.
    Names go to the page as data, written there with textContent."""
    qs = (
        access.facilities_visible_to(user)
        .filter(latitude__isnull=False, longitude__isnull=False, is_active=True)
        .values("pk", "name", "kind", "latitude", "longitude", "last_score", "last_passed", "territory_path")
        .order_by("pk")[:limit]
    )
    kinds = dict(FacilityKind.choices)
    points = []
    county_prefixes: set[str] = set()
    for f in qs:
        points.append(
            {
                "id": f["pk"],
                "name": f["name"],
                "kind": str(kinds.get(f["kind"], f["kind"])),
                "lat": float(f["latitude"]),
                "lng": float(f["longitude"]),
                "score": float(f["last_score"]) if f["last_score"] is not None else None,
                "passed": f["last_passed"],
            }
        )
        parts = [p for p in f["territory_path"].strip("/").split("/") if p]
        if len(parts) >= 3:
            county_prefixes.add(parts[2])
    boundaries = TerritoryBoundary.objects.filter(
        territory_id__in=[int(p) for p in county_prefixes], territory__kind=Territory.Kind.COUNTY
    ).select_related("territory")
    counties = [
        {"type": "Feature", "geometry": b.geojson, "properties": {"name": b.territory.name_fa}}
        for b in boundaries
    ]
    return {"points": points, "counties": {"type": "FeatureCollection", "features": counties}}
