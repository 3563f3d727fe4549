"""The citizens' pages' rate limits: the shared fixed-window counters (`peygir.notifications.ratelimit`,
also used by the NGOs' registration) with the demands' own settings and defaults.

A limit reads "5/hour" or "3/day" (settings-overridable). Hits are counted outside the caller's
transaction so that a refused request (which rolls its own writes back) still counts.
"""

from __future__ import annotations

from peygir.notifications import ratelimit as shared
from peygir.notifications.ratelimit import RateLimited, hit, parse_limit, prune

DEFAULT_LIMITS = {
    "PEYGIR_DEMAND_SUBMIT_PER_IP": "5/hour",
    "PEYGIR_DEMAND_SUBMIT_PER_PHONE": "3/day",
    "PEYGIR_DEMAND_CONFIRM_PER_IP": "20/hour",
    "PEYGIR_DEMAND_STATUS_PER_IP": "20/hour",
    "PEYGIR_DEMAND_STATUS_PER_CODE": "10/hour",
}


def limit_setting(name: str) -> tuple[int, int]:
    return shared.limit_setting(name, DEFAULT_LIMITS[name])


def check(scope: str, value: str, setting_name: str, *, message: str | None = None) -> None:
    """Count a hit for (scope, value) and raise RateLimited once the setting's limit is exceeded."""
    shared.check(scope, value, setting_name, default=DEFAULT_LIMITS[setting_name], message=message)


__all__ = ["DEFAULT_LIMITS", "RateLimited", "check", "hit", "limit_setting", "parse_limit", "prune"]
