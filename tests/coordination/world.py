"""The coordination part of the shared `world` (tests/world.py `world.coordination`): in Arak, a
project of the world's NGO and a duty of the other agency found alike by the background pass (an open
candidate pair), and the world's directive (an action of the agency) decided co-funded with a
resolution of the county governorate by the office's staff (a current decision)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from peygir.coordination import services
from peygir.coordination.models import CandidatePair, Decision

from .conftest import OURS, THEIRS
from .factories import CandidatePairFactory, SearchEntryFactory


@dataclass
class CoordinationPart:
    pair: CandidatePair
    decision: Decision
    entries: list[Any]


def build(world: Any) -> CoordinationPart:
    county = world.county
    project = SearchEntryFactory(kind="project", organization=world.ngo, county=county, title=THEIRS)
    duty = SearchEntryFactory(kind="duty", organization=world.other_agency, county=county, title=OURS)
    pair = CandidatePairFactory(entries=(project, duty))
    action = SearchEntryFactory(
        kind="action", object_id=world.action.pk, organization=world.agency, county=county, title=OURS
    )
    resolution = SearchEntryFactory(
        kind="resolution", organization=world.county_gov, county=county, title=THEIRS
    )
    decision = services.decide(
        user=world.users["office_staff"],
        first=("action", action.object_id),
        second=("resolution", resolution.object_id),
        outcome=Decision.Outcome.CO_FUNDED,
        origin=Decision.Origin.REVIEW,
    )
    return CoordinationPart(pair=pair, decision=decision, entries=[project, duty, action, resolution])
