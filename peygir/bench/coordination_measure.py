"""Issue 13's recent pass, measured on the generated data and then rolled back.

`coordination scan --recent` runs every minute (cron, docs/coordination.md): it compares what was
indexed since the last pass with the work of its county. Here a minute's worth of new work — one
demand registered by a facilitator in each of the busiest counties, through `demands.intake` as the
office's form does, so it is routed and indexed as in production — is written, and then
`scan(since=…)` is timed: "new records are indexed and checked within a minute".

As in inspections_measure.py, everything runs in one transaction rolled back afterwards, each step's
`on_commit` callbacks (the search index's refresh) are run where a commit would have run them, and
`commit_work` runs the deferred checks; the database is the same afterwards.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.test import TestCase
from django.test.utils import override_settings
from django.utils import timezone

from peygir.accounts.models import User
from peygir.coordination.scan import scan
from peygir.demands import intake
from peygir.demands.models import DemandCategory, RoutingRule
from peygir.facilitation.models import FacilitationOffice
from peygir.organizations.models import Membership
from peygir.search.models import SearchEntry
from peygir.territory.models import Territory

from . import vocab
from .coordination_targets import busiest_counties
from .inspections_measure import commit_work

RECENT_RECORDS = 30  # a busy minute of the country: new work records in as many counties


@dataclass
class Intake:
    """One demand to register: who registers it, at which office, where, and what."""

    user_id: int
    office_id: int
    neighbourhood_id: int
    category_id: int
    title: str
    description: str


def intake_plan(count: int = RECENT_RECORDS) -> list[Intake]:
    """A demand for each of the `count` busiest counties that has a facilitation office with a
    facilitator, in a category the rules route there (so it is work of an agency, as most demands are)."""
    rules = list(RoutingRule.objects.filter(is_active=True).values_list("category_id", "territory_id"))
    names = dict(DemandCategory.objects.values_list("id", "name"))
    facilitators: dict[int, int] = {}
    for organization_id, user_id in (
        Membership.objects.filter(role=Membership.Role.FACILITATOR, is_active=True)
        .order_by("id")
        .values_list("organization_id", "user_id")
    ):
        facilitators.setdefault(organization_id, user_id)
    plan: list[Intake] = []
    for county_id in busiest_counties(count):
        county = Territory.objects.only("path").get(pk=county_id)
        office = (
            FacilitationOffice.objects.filter(
                organization_id__in=list(facilitators), neighbourhoods__path__startswith=county.path
            )
            .order_by("id")
            .first()
        )
        if office is None:
            continue
        hood = office.neighbourhoods.filter(path__startswith=county.path).order_by("id").first()
        ancestors = set(hood.ancestor_ids())
        category = next((c for c, t in rules if t is None or t in ancestors), None)
        if category is None:
            continue
        index = len(plan)
        name = names[category]
        plan.append(
            Intake(
                user_id=facilitators[office.organization_id],
                office_id=office.pk,
                neighbourhood_id=hood.pk,
                category_id=category,
                # Worded as the generated demands are (demands_gen.py), so the new ones meet their like.
                title=vocab.DEMAND_TITLES[index % len(vocab.DEMAND_TITLES)].format(x=name),
                description=f"اهالی درخواست {name} دارند؛ نزدیک {vocab.PLACES[index % len(vocab.PLACES)]}.",
            )
        )
    return plan


def _register(item: Intake, number: int) -> None:
    with TestCase.captureOnCommitCallbacks(execute=True):  # the index's refresh, as at commit
        intake.demand_intake(
            user=User.objects.get(pk=item.user_id),
            office=FacilitationOffice.objects.get(pk=item.office_id),
            category=DemandCategory.objects.get(pk=item.category_id),
            neighbourhood=Territory.objects.get(pk=item.neighbourhood_id),
            title=item.title,
            description=item.description,
            citizen_name="شهروند آزمون",
            citizen_mobile=f"0912{number:07d}",
            consent=True,
        )


def measure_recent_pass(*, records: int = RECENT_RECORDS) -> dict[str, Any] | None:
    """{"records": …, "seconds": …, …} of one recent pass after `records` new demands, or None when
    the data has nowhere to register them."""
    plan = intake_plan(records)
    if not plan:
        return None
    # Taken before the transaction: the index stamps its rows inside it, never earlier than this.
    since = timezone.now()
    with override_settings(PEYGIR_DELIVER_ON_COMMIT=False), transaction.atomic():
        started = time.perf_counter()
        for number, item in enumerate(plan):
            _register(item, number)
        commit_work()
        write_seconds = round(time.perf_counter() - started, 2)
        fresh = SearchEntry.objects.filter(updated_at__gte=since, is_work=True, organization__isnull=False)
        indexed = fresh.count()
        started = time.perf_counter()
        with TestCase.captureOnCommitCallbacks(execute=True):
            result = scan(since=since)
        commit_work()
        seconds = round(time.perf_counter() - started, 2)
        transaction.set_rollback(True)
    # Pages cached inside the transaction are keyed by data versions it moved and that were rolled back.
    cache.clear()
    return {
        "written": len(plan),
        "write_seconds": write_seconds,
        "indexed": indexed,  # of them, work of an agency in the index (routed), what the pass compares
        "counties": result.counties,
        "county_records": result.records,
        "compared": result.compared,
        "found": result.found,
        "seconds": seconds,
    }
