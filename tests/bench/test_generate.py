"""The generator: row counts follow the plan, statuses and histories are valid, the same seed gives
the same data (per-table digests), and a database is generated once."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, F, Max

from peygir.actions.escalation import Ladder
from peygir.actions.models import Action, ActionEvent, EscalationStep
from peygir.bench.generator import AlreadyGenerated
from peygir.bench.plan import SHOWCASE_RESOLUTIONS, Plan
from peygir.committees.models import Committee, Meeting, Resolution
from peygir.core.workdays import WorkingCalendar
from peygir.demands.models import Demand, DemandRoute
from peygir.territory.models import Territory
from tests.demo_db import load_once

from .conftest import SCALE, TODAY, tiny

S = Action.Status
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _generated_once(django_db_setup, django_db_blocker):
    yield from load_once(django_db_blocker, tiny)


@pytest.fixture
def generated(_generated_once, db):
    """One tiny deployment for the module's readers (tests/demo_db.py): each test in its own savepoint."""
    return _generated_once


def test_plan_scales_down_and_keeps_minimums() -> None:
    national = Plan.for_scale(1)
    assert (national.actions, national.resolutions, national.demands) == (1_000_000, 300_000, 2_000_000)
    assert national.committees_per_province == 200 and national.meetings_per_committee == 60
    small = Plan.for_scale(0.01)
    assert small.actions == 10_000 and small.agencies_per_province >= 4
    assert Plan.for_scale(0.0001, provinces=1).resolutions >= SHOWCASE_RESOLUTIONS


def test_row_counts_follow_the_plan(generated) -> None:
    plan = generated.plan
    assert Committee.objects.count() == plan.committees_per_province
    assert Meeting.objects.count() == plan.committees_per_province * plan.meetings_per_committee
    assert Resolution.objects.count() == plan.resolutions
    assert Demand.objects.count() == plan.demands
    assert Territory.objects.filter(kind="neighbourhood").count() == plan.neighbourhoods
    # Every action is one of the plan's (resolution rows name several agencies; open demands add theirs).
    # (The domains' own actions — program duties, NGO project milestones, inspection findings and missed
    # visits — come on top of the plan's: their generators in peygir/bench/*_gen.py.)
    own = ["duty", "milestone", "finding", "visit"]
    assert plan.resolutions <= Action.objects.exclude(source_kind__in=own).count() <= plan.actions
    assert generated.counts["actions_action"] == Action.objects.count()
    # The minutes PDF target: a meeting with exactly 20 resolutions.
    top = Meeting.objects.annotate(n=Count("resolutions")).aggregate(m=Max("n"))["m"]
    assert top == SHOWCASE_RESOLUTIONS
    # Ids continue from the generated ones (sequences were moved past the explicit ids).
    created = Territory.objects.create(kind="city", code="after-generate", name_fa="تازه")
    assert created.pk > Territory.objects.exclude(pk=created.pk).aggregate(m=Max("id"))["m"]


def test_every_status_with_a_consistent_history(generated) -> None:
    statuses = Counter(Action.objects.values_list("status", flat=True))
    assert set(statuses) == set(S.values)
    assert not Action.objects.exclude(status__in=S.values).exists()
    # Every action has its CREATED event; the last status event leads to the current status.
    assert not Action.objects.exclude(events__kind=ActionEvent.Kind.CREATED).exists()
    for action in Action.objects.exclude(status=S.OPEN).prefetch_related("events")[:200]:
        moves = [e for e in action.events.all() if e.kind == ActionEvent.Kind.STATUS]
        assert moves and moves[-1].to_status == action.status, action.pk
    assert not Action.objects.filter(status__in=[S.VERIFIED, S.CANCELLED], closed_at__isnull=True).exists()
    assert not Action.objects.filter(status=S.REPORTED_DONE, reported_done_at__isnull=True).exists()
    assert not Action.objects.filter(status=S.VERIFIED, progress__lt=100).exists()
    # The copy of the territory's path that visibility reads is the territory's path.
    assert not Action.objects.exclude(territory_path=F("territory__path")).exists()
    # Escalation rungs only on pending actions, and the level records the highest.
    assert not EscalationStep.objects.exclude(action__status__in=Action.PENDING_STATUSES).exists()
    for step in EscalationStep.objects.select_related("action")[:200]:
        assert step.action.escalation_level >= step.step


def test_every_source_has_its_rungs_up_to_yesterday(generated) -> None:
    """The rungs a daily scan would have recorded up to yesterday are there for every kind of action
    (inspection findings too), so the benchmark's first scan of the day does one day's work."""
    ladder = Ladder.for_day(TODAY - dt.timedelta(days=1), WorkingCalendar())
    pending = Action.objects.filter(status__in=Action.PENDING_STATUSES, deadline__isnull=False)
    kinds = set(pending.filter(escalation_level__gt=0).values_list("source_kind", flat=True))
    assert {"resolution", "finding"} <= kinds
    for action in pending.only("deadline", "escalation_level", "source_kind"):
        assert ladder.due_steps(action.deadline, action.escalation_level) == [], (
            action.source_kind,
            action.pk,
        )


def test_demands_have_valid_statuses_routes_and_actions(generated) -> None:
    statuses = Counter(Demand.objects.values_list("status", flat=True))
    assert set(statuses) <= set(Demand.Status.values) and len(statuses) >= 5
    assert Demand.objects.filter(rating__isnull=False).exists()
    assert not Demand.objects.filter(rating__isnull=False).exclude(status=Demand.Status.RESOLVED).exists()
    routed = Demand.objects.filter(status__in=["routed", "planned", "done"])
    assert routed.exists() and not routed.filter(current_action__isnull=True).exists()
    for demand in routed.select_related("current_action")[:100]:
        assert demand.current_action.demand_id == demand.pk
        assert demand.current_action.responsible_organization_id == demand.agency_id
    assert DemandRoute.objects.filter(demand__status="resolved").exists()
    codes = list(Demand.objects.values_list("tracking_code", flat=True))
    assert len(set(codes)) == len(codes) and all(len(c) == 9 and c[4] == "-" for c in codes)


def test_a_database_is_generated_once(generated) -> None:
    with pytest.raises(AlreadyGenerated):
        tiny(seed=3)
    with pytest.raises(CommandError):
        call_command("generate", "--scale", str(SCALE), "--provinces", "1")
