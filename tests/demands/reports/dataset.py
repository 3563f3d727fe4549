"""A constructed month of demands (Khordad 1403 = June 2024) with known answers.

3 and 4 June 2024 (14–15 Khordad) are official holidays and Fridays are the weekend, so
"received Saturday 1 June, verified Wednesday 5 June" is 2 working days, not 4.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from peygir.actions.selectors import Horizon
from peygir.core.workdays import WorkingCalendar
from peygir.demands.models import Demand
from tests.facilitation.helpers import aware, category, make_demand

S = Demand.Status
PERIOD = (dt.date(2024, 6, 1), dt.date(2024, 6, 30))
TODAY = dt.date(2024, 6, 20)


@dataclass
class Dataset:
    demands: dict[str, Demand]
    calendar: WorkingCalendar
    horizon: Horizon


def calendar() -> WorkingCalendar:
    return WorkingCalendar(overrides={}, weekend=[4])


def build(world: Any, offices: Any) -> Dataset:
    education, health = category("آموزش"), category("سلامت")
    a, b = world.agency, world.other_agency
    o, other = offices.office, offices.other_office
    z = offices.zovieh
    day = dt.date
    specs = {
        "d1": dict(
            office=o,
            category=education,
            created=aware(day(2024, 6, 1)),
            status=S.RESOLVED,
            agency=a,
            resolved=aware(day(2024, 6, 5), 12),
            rating=4,
            latitude=31.30,
            longitude=48.65,
        ),
        "d2": dict(
            office=o,
            category=education,
            created=aware(day(2024, 6, 1)),
            status=S.RESOLVED,
            agency=a,
            resolved=aware(day(2024, 6, 10)),
            rating=2,
        ),
        "d3": dict(
            office=o,
            category=health,
            created=aware(day(2024, 6, 8)),
            status=S.RESOLVED,
            agency=b,
            resolved=aware(day(2024, 6, 9)),
        ),
        "d4": dict(office=o, category=health, created=aware(day(2024, 6, 9)), status=S.DONE, agency=a),
        "d5": dict(
            office=o,
            category=education,
            created=aware(day(2024, 6, 2)),
            status=S.ROUTED,
            agency=a,
            deadline=day(2024, 6, 10),
        ),
        "d6": dict(
            office=o,
            category=health,
            created=aware(day(2024, 6, 3)),
            status=S.ROUTED,
            agency=b,
            deadline=day(2024, 6, 30),
        ),
        "d7": dict(office=o, category=health, created=aware(day(2024, 6, 12)), status=S.TRIAGE),
        "d8": dict(office=o, category=health, created=aware(day(2024, 6, 12)), status=S.UNCONFIRMED),
        "d9": dict(office=o, category=health, created=aware(day(2024, 7, 5)), status=S.TRIAGE),
        "d10": dict(
            office=other,
            category=education,
            created=aware(day(2024, 6, 15)),
            status=S.ROUTED,
            agency=a,
            neighbourhood=offices.other_hood,
        ),
        "d11": dict(office=o, category=education, created=aware(day(2024, 6, 15)), status=S.MERGED),
    }
    demands = {}
    for key, spec in specs.items():
        spec.setdefault("neighbourhood", z)
        demands[key] = make_demand(title=f"مطالبه {key}", **spec)
    cal = calendar()
    return Dataset(demands, cal, Horizon(today=TODAY, due_soon_until=cal.add_working_days(TODAY, 5)))
