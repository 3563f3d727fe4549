"""What the generator's steps share: the plan, the random source, the writer and the ids written so far
(organizations and territories per province)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from peygir.territory.models import Territory

from . import vocab
from .plan import Plan
from .writer import BulkWriter

TEHRAN = ZoneInfo("Asia/Tehran")


@dataclass
class Org:
    id: int
    kind: str
    name: str
    territory_id: int
    path: str
    province: int  # index of the province
    weight: float = 1.0


@dataclass
class ProvinceData:
    territory: Territory
    counties: list[Territory]
    county_paths: dict[int, str] = field(default_factory=dict)
    cities: list[tuple[int, str]] = field(default_factory=list)  # (id, path) per county, same order
    neighbourhoods: list[tuple[int, str, int]] = field(default_factory=list)  # (id, path, county index)
    governorate: Org | None = None
    office: Org | None = None
    county_governorates: list[Org] = field(default_factory=list)
    agencies: list[Org] = field(default_factory=list)
    agency_by_type: dict[int, Org] = field(default_factory=dict)
    facilitation: list[tuple[Org, int]] = field(default_factory=list)  # (org, FacilitationOffice id)
    staff_user_ids: list[int] = field(default_factory=list)
    office_of_neighbourhood: dict[int, int] = field(default_factory=dict)  # neighbourhood id → office idx


@dataclass
class Context:
    plan: Plan
    rng: random.Random
    writer: BulkWriter
    today: dt.date
    now: dt.datetime
    provinces: list[ProvinceData] = field(default_factory=list)
    liaison_of: dict[int, int] = field(default_factory=dict)  # organization id → liaison user id
    timings: dict[str, float] = field(default_factory=dict)

    def at(self, day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
        return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TEHRAN)

    def person(self) -> str:
        return f"{self.rng.choice(vocab.FIRST_NAMES)} {self.rng.choice(vocab.LAST_NAMES)}"
