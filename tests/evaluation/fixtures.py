"""A small record computed by hand (docs/evaluation.md shows the same arithmetic).

Year 1403 (2024-03-20 … 2025-03-20), read as of 1403/11/01 (2025-01-20). The agency «اداره کل نوسازی
مدارس استان مرکزی» has, in the county of Arak:

| action | deadline   | status         | reported done | reports                          |
|--------|------------|----------------|---------------|----------------------------------|
| a1     | 2024-06-01 | verified       | 2024-05-25    | progress 2024-05-20, done + file |
| a2     | 2024-07-01 | reported done  | 2024-07-10    | done 2024-07-10, no file         |
| a3     | 2025-01-10 | open (10 days late)                                             |
| a4     | 2025-02-15 | open (not yet due)                                              |
| a5     | 2024-09-01 | cancelled (not counted)                                         |
| a6     | 2023-05-01 | open (year 1402: not counted)                                   |

and two demands it resolved in the year, rated 5 and 2 by their citizens.

on time 1/3 = 33.3; verified 1/2 = 50.0; overdue: 10 late days over 3 due actions, cap 60 →
100 × (1 − 10/180) = 94.4; rating (7 − 2)/(4 × 2) = 62.5; findings, duties, targets: nothing to count.
Score = (25 × 33.3 + 15 × 50.0 + 15 × 94.4 + 15 × 62.5) / 70 = 3936 / 70 = 56.2.
Data quality: timely reports 1/3 = 33.3, reports with evidence 1/2 = 50.0, mean 41.65.
"""

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from peygir.actions.models import Action, ActionUpdate
from peygir.evaluation.measures import year_period
from tests.factories import ActionFactory, ActionUpdateFactory, DemandFactory, EvidenceFactory, make_territory

S = Action.Status
AS_OF = dt.date(2025, 1, 20)
PERIOD = year_period(1403, AS_OF)


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))


def make_action(world, territory, *, deadline, status=S.OPEN, done=None, organization=None, **extra):
    action = ActionFactory(
        responsible_organization=organization or world.agency,
        issuer_organization=world.office,
        territory=territory,
        deadline=deadline,
        status=status,
        **extra,
    )
    if done:
        Action.objects.filter(pk=action.pk).update(reported_done_at=_at(done))
        action.refresh_from_db()
    return action


def make_update(action, kind, day, *, evidence=False):
    update = ActionUpdateFactory(action=action, kind=kind)
    ActionUpdate.objects.filter(pk=update.pk).update(created_at=_at(day))
    if evidence:
        EvidenceFactory(update=update)
    return update


def make_rating(world, neighbourhood, rating, day, organization=None):
    demand = DemandFactory(
        office=world.facilitation_office,
        neighbourhood=neighbourhood,
        agency=organization or world.agency,
        status="resolved",
        rating=rating,
    )
    type(demand).objects.filter(pk=demand.pk).update(resolved_at=_at(day))
    return demand


@dataclass
class Ledger:
    world: object
    actions: dict


def build_ledger(world, *, reverse: bool = False) -> Ledger:
    """The table above; `reverse` writes the rows in the opposite order (the score must not care)."""
    county = world.county
    steps = [
        (
            "a1",
            lambda: make_action(
                world, county, deadline=dt.date(2024, 6, 1), status=S.VERIFIED, done=dt.date(2024, 5, 25)
            ),
        ),
        (
            "a2",
            lambda: make_action(
                world, county, deadline=dt.date(2024, 7, 1), status=S.REPORTED_DONE, done=dt.date(2024, 7, 10)
            ),
        ),
        ("a3", lambda: make_action(world, county, deadline=dt.date(2025, 1, 10))),
        ("a4", lambda: make_action(world, county, deadline=dt.date(2025, 2, 15))),
        ("a5", lambda: make_action(world, county, deadline=dt.date(2024, 9, 1), status=S.CANCELLED)),
        ("a6", lambda: make_action(world, county, deadline=dt.date(2023, 5, 1))),
    ]
    if reverse:
        steps.reverse()
    actions = {name: build() for name, build in steps}
    reports = [
        (actions["a1"], "progress", dt.date(2024, 5, 20), False),
        (actions["a1"], "report_done", dt.date(2024, 5, 25), True),
        (actions["a2"], "report_done", dt.date(2024, 7, 10), False),
    ]
    ratings = [(5, dt.date(2024, 8, 1)), (2, dt.date(2024, 11, 1))]
    if reverse:
        reports.reverse()
        ratings.reverse()
    for action, kind, day, evidence in reports:
        make_update(action, kind, day, evidence=evidence)
    for rating, day in ratings:
        make_rating(world, world.neighbourhood, rating, day)
    # Outside what is counted: a rating of the year before, and another province's action.
    make_rating(world, world.neighbourhood, 1, dt.date(2023, 8, 1))
    other = make_territory("county", world.other_province, "یزد")
    make_action(world, other, deadline=dt.date(2024, 6, 1), organization=world.foreign_office)
    return Ledger(world=world, actions=actions)


@pytest.fixture
def ledger(world) -> Ledger:
    return build_ledger(world)
