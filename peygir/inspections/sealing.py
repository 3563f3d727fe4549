"""Drawing and sealing periods in bulk: the reads of a batch of plans in a fixed number of queries, and
each plan's visits written with one multi-row INSERT.

`plans.do_draw_period` (one plan, at approval) and `plans.draw_due_plans` (the periodic command, every
approved plan of a country) both come here. Per batch of plans: the rules, the latest published
checklist versions, the inspectors, the candidate facilities and their open findings — five queries
whatever the number of plans or facilities (no list of ids is sent back to the database, so a
province-wide plan over 100,000 facilities stays within SQLite's bound on query parameters). Per plan:
the lock of its row, the sealed `Draw`, and the visits' INSERT.

The visits go in with Django's own value adapters rather than `bulk_create`: building a model instance
per visit and preparing every field of it cost about a millisecond a visit — most of a country's month
(measured in tests/inspections/test_draw_scale.py). PostgreSQL takes them by COPY (half the server time
of row-by-row INSERTs: 100,000 visits of a national month drawn in 7.4 s), SQLite by `executemany`.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Count, Q
from django.utils import timezone

from peygir.core.workdays import WorkingCalendar

from . import draw
from .models import ChecklistVersion, Draw, Facility, Finding, InspectionPlan, PlanRule, Visit
from .periods import Period

BATCH_PLANS = 200
INSERT_BATCH = 2000


@dataclass
class PlanInputs:
    """What one plan's draw reads: its rules (with the version each draws), inspectors, facilities."""

    rules: list[PlanRule] = field(default_factory=list)
    versions: dict[int, int | None] = field(default_factory=dict)  # rule pk → checklist version pk
    inspectors: list[int] = field(default_factory=list)
    facilities: list[tuple[int, str, Any, str]] = field(default_factory=list)  # pk, kind, score, path
    open_findings: dict[int, int] = field(default_factory=dict)


def draw_days(period: Period, today: dt.date, calendar: WorkingCalendar) -> list[dt.date]:
    """Working days of the period from tomorrow on: a visit is never drawn for a day already begun."""
    first = max(period.start, today + dt.timedelta(days=1))
    return [d for d in period.days() if d >= first and calendar.is_working_day(d)]


def load_inputs(plans: list[InspectionPlan]) -> dict[int, PlanInputs]:
    """The inputs of every plan of the batch, in five queries."""
    inputs = {plan.pk: PlanInputs() for plan in plans}
    if not plans:
        return inputs
    ids = list(inputs)
    rules = list(PlanRule.objects.filter(plan_id__in=ids).order_by("plan_id", "pk"))
    for rule in rules:
        inputs[rule.plan_id].rules.append(rule)
    # The newest published version of each template (drafts are never drawn).
    latest: dict[int, int] = {}
    for pk, template_id in (
        ChecklistVersion.objects.filter(
            template_id__in={r.template_id for r in rules}, published_at__isnull=False
        )
        .order_by("template_id", "-number")
        .values_list("pk", "template_id")
    ):
        latest.setdefault(template_id, pk)
    for rule in rules:
        inputs[rule.plan_id].versions[rule.pk] = latest.get(rule.template_id)
    through = InspectionPlan.inspectors.through
    for plan_id, user_id in (
        through.objects.filter(inspectionplan_id__in=ids)
        .order_by("inspectionplan_id", "user_id")
        .values_list("inspectionplan_id", "user_id")
    ):
        inputs[plan_id].inspectors.append(user_id)
    # One condition for the batch: each plan's territory and kinds; facilities are then dealt to the
    # plans whose territory holds them (plans may overlap: a province's and a county's).
    kinds_at: dict[str, list[tuple[int, set[str]]]] = defaultdict(list)
    condition = Q(pk__in=[])
    for plan in plans:
        kinds = {r.facility_kind for r in inputs[plan.pk].rules}
        if kinds:
            kinds_at[plan.territory_path].append((plan.pk, kinds))
            condition |= Q(territory_path__startswith=plan.territory_path, kind__in=sorted(kinds))
    candidates = Facility.objects.filter(condition, is_active=True)
    open_counts = dict(
        Finding.objects.filter(is_open=True, facility__in=candidates.values("pk"))
        .values("facility_id")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("facility_id", "n")
    )
    for pk, kind, score, path in candidates.order_by("pk").values_list(
        "pk", "kind", "last_score", "territory_path"
    ):
        parts = path.strip("/").split("/")
        for depth in range(1, len(parts) + 1):
            prefix = "/" + "/".join(parts[:depth]) + "/"
            for plan_id, kinds in kinds_at.get(prefix, ()):
                if kind in kinds:
                    entry = inputs[plan_id]
                    entry.facilities.append((pk, kind, score, path))
                    if pk in open_counts:
                        entry.open_findings[pk] = open_counts[pk]
    return inputs


def seal_period(
    *,
    plan: InspectionPlan,
    period: Period,
    days: list[dt.date],
    inputs: PlanInputs,
    user: Any = None,
) -> Draw:
    """Compute the schedule, record the seal and write the visits. The caller holds the plan's lock
    inside a transaction; a concurrent draw of the same period fails on the unique constraint."""
    by_kind = {r.facility_kind: r for r in inputs.rules}
    candidates = [
        draw.Candidate(
            facility=pk,
            weight=draw.risk_weight(score, inputs.open_findings.get(pk, 0)),
            visits=by_kind[kind].visits_per_period,
            rule=by_kind[kind].pk,
            sample_percent=by_kind[kind].sample_percent,
        )
        for pk, kind, score, _path in inputs.facilities
    ]
    inspectors = sorted(inputs.inspectors)
    seed = draw.new_seed()
    visits = draw.compute_schedule(seed, candidates, inspectors, days)
    canonical = draw.canonical(
        draw.build_document(
            plan=plan.pk,
            period_start=period.start,
            period_end=period.end,
            candidates=candidates,
            inspectors=inspectors,
            days=days,
            visits=visits,
        )
    )
    commitment = draw.commitment(seed)
    sealed = Draw.objects.create(
        plan=plan,
        period_start=period.start,
        period_end=period.end,
        period_label=period.label,
        seed_hex=seed.hex(),
        seed_commitment=commitment,
        schedule_json=canonical,
        seal=draw.seal_of(canonical, commitment),
        visits_count=len(visits),
        drawn_by=user if getattr(user, "is_authenticated", False) else None,
    )
    paths = {pk: path for pk, _kind, _score, path in inputs.facilities}
    rows = [
        (v["facility"], paths[v["facility"]], v["inspector"], inputs.versions[v["rule"]], v["date"])
        for v in visits
    ]
    # Rows in a random order: ids must not follow the dates (a list ordered by id would tell them).
    secrets.SystemRandom().shuffle(rows)
    insert_visits(draw_id=sealed.pk, organization_id=plan.organization_id, rows=rows)
    return sealed


# The columns a drawn visit sets; every other column takes the model's default.
_ROW = ("facility", "territory_path", "inspector", "checklist_version", "scheduled_on")


def insert_visits(*, draw_id: int, organization_id: int, rows: list[tuple]) -> int:
    """INSERT scheduled visits: `rows` are (facility id, territory path, inspector id, checklist
    version id, ISO date) tuples. Values go through the fields' own database preparation."""
    if not rows:
        return 0
    ops = connection.ops
    now = timezone.now()
    constants: dict[str, Any] = {
        "draw": draw_id,
        "organization": organization_id,
        "kind": Visit.Kind.SCHEDULED.value,
        "status": Visit.Status.SCHEDULED.value,
        "created_at": now,
    }
    fixed_columns, fixed_values = [], []
    for model_field in Visit._meta.concrete_fields:
        if model_field.primary_key or model_field.name in _ROW:
            continue
        value = constants.get(model_field.name, model_field.get_default())
        fixed_columns.append(model_field.column)
        fixed_values.append(model_field.get_db_prep_save(value, connection))
    columns = [Visit._meta.get_field(name).column for name in _ROW] + fixed_columns
    dates: dict[str, Any] = {}
    prepared = []
    for facility, path, inspector, version, day in rows:
        if day not in dates:
            dates[day] = ops.adapt_datefield_value(dt.date.fromisoformat(day))
        prepared.append((facility, path, inspector, version, dates[day], *fixed_values))
    quote = ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 - names from the model, values bound
        quote(Visit._meta.db_table), ", ".join(quote(c) for c in columns), ", ".join(["%s"] * len(columns))
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY: a national month is ~100,000 visits, and row-by-row INSERTs cost several times more
            # server time (the same indexes and the data-version trigger run either way).
            copy_sql = "COPY {} ({}) FROM STDIN".format(  # noqa: S608 - names from the model
                quote(Visit._meta.db_table), ", ".join(quote(c) for c in columns)
            )
            with cursor.cursor.copy(copy_sql) as copy:
                for row in prepared:
                    copy.write_row(row)
        else:
            for start in range(0, len(prepared), INSERT_BATCH):
                cursor.executemany(sql, prepared[start : start + INSERT_BATCH])
    return len(prepared)


def batches(items: list[Any], size: int = BATCH_PLANS) -> list[list[Any]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def lock_approved(plan_id: int) -> InspectionPlan | None:
    """The plan's row, locked, if it is still approved (one query)."""
    return (
        InspectionPlan.objects.select_for_update()
        .filter(pk=plan_id, status=InspectionPlan.Status.APPROVED)
        .first()
    )
