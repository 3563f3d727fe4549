"""How big a generated deployment is at scale S: S = 1 is a national deployment.

Totals are national; `provinces` < 31 keeps the per-province density and shrinks the totals with it
(tests run two provinces at a tiny scale). Minimums keep every page meaningful at any scale: each
province has a few agencies and a committee, and there is always a 20-resolution meeting for the
minutes PDF target.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

PROVINCES = 31
NEIGHBOURHOODS = 10_000
AGENCIES = 2_000
COMMITTEES_PER_PROVINCE = 200
MEETINGS_PER_YEAR = 12
YEARS = 5
RESOLUTIONS = 300_000
ACTIONS = 1_000_000
DEMANDS = 2_000_000
SHOWCASE_RESOLUTIONS = 20


@dataclass(frozen=True)
class Plan:
    scale: float
    provinces: int
    neighbourhoods: int
    agencies_per_province: int
    committees_per_province: int
    meetings_per_committee: int
    resolutions: int
    actions: int
    demands: int

    @classmethod
    def for_scale(cls, scale: float, provinces: int = PROVINCES) -> Plan:
        if scale <= 0:
            raise ValueError("scale must be positive")
        provinces = max(1, min(PROVINCES, provinces))
        share = scale * provinces / PROVINCES
        resolutions = max(SHOWCASE_RESOLUTIONS + 5, round(RESOLUTIONS * share))
        return cls(
            scale=scale,
            provinces=provinces,
            neighbourhoods=max(2 * provinces, round(NEIGHBOURHOODS * share)),
            agencies_per_province=max(4, round(AGENCIES * scale / PROVINCES)),
            committees_per_province=max(1, round(COMMITTEES_PER_PROVINCE * scale)),
            meetings_per_committee=MEETINGS_PER_YEAR * YEARS,
            resolutions=resolutions,
            actions=max(resolutions, round(ACTIONS * share)),
            demands=round(DEMANDS * share),
        )

    def as_dict(self) -> dict:
        return asdict(self)
