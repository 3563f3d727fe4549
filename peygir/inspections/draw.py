"""The sealed draw: pure functions, no database, so an auditor can re-run them from what is published.

Every random choice comes from one 32-byte seed (`secrets.token_bytes`) through HMAC-SHA256 in
counter mode (`Stream`): the n-th 64-bit number is the first 8 bytes of HMAC(seed, "<label>:<n>").
That is reproducible in any language, unlike a library's generator whose algorithm may change.

The inputs (candidate facilities with their risk weights and number of visits, the inspectors, the
working days of the period) and the resulting visits form one canonical JSON document (sorted keys,
no spaces, UTF-8). The seal is SHA-256 over that document followed by the seed's commitment
(SHA-256 of "peygir-seed:" + seed). The seal is recorded when the plan's period is drawn; the seed and
the document are published after the period: `verify` recomputes the schedule from the seed and the
inputs, and the seal from the document, and both must match.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import math
import secrets
from dataclasses import dataclass
from typing import Any

FORMAT = "peygir-draw-1"


def new_seed() -> bytes:
    return secrets.token_bytes(32)


def commitment(seed: bytes) -> str:
    return hashlib.sha256(b"peygir-seed:" + seed).hexdigest()


class Stream:
    """Deterministic numbers from the seed: HMAC-SHA256(seed, f"{label}:{counter}")."""

    def __init__(self, seed: bytes, label: str = "draw") -> None:
        self.seed = seed
        self.label = label
        self.counter = 0

    def u64(self) -> int:
        message = f"{self.label}:{self.counter}".encode()
        self.counter += 1
        # hmac.digest: the one-shot C implementation of HMAC (same bytes as hmac.new(...).digest()).
        return int.from_bytes(hmac.digest(self.seed, message, "sha256")[:8], "big")

    def uniform(self) -> float:
        """A float in (0, 1), never 0 (used in logarithms)."""
        return (self.u64() + 0.5) / 2**64

    def below(self, n: int) -> int:
        """A uniform integer in [0, n), without modulo bias (rejection sampling)."""
        if n <= 0:
            raise ValueError("n must be positive")
        limit = 2**64 - (2**64 % n)
        while True:
            value = self.u64()
            if value < limit:
                return value % n


def derived_fraction(seed: bytes, label: str) -> float:
    """One number in [0, 1) for a named later choice (a back-check, a re-inspection day)."""
    return Stream(seed, label).u64() / 2**64


def derived_index(seed: bytes, label: str, n: int) -> int:
    return Stream(seed, label).below(n)


@dataclass(frozen=True)
class Candidate:
    facility: int
    weight: float  # risk: higher is more likely to be sampled
    visits: int  # visits each period when sampled
    rule: int  # the plan rule (its checklist)
    sample_percent: int = 100


def risk_weight(last_score: float | None, open_findings: int) -> float:
    """Never visited counts as a middling risk; a low last score and open findings raise it."""
    base = 2.0 if last_score is None else 1.0 + max(0.0, 100.0 - float(last_score)) / 25.0
    return round(base + 2.0 * min(open_findings, 10), 4)


def compute_schedule(
    seed: bytes, candidates: list[Candidate], inspectors: list[int], days: list[dt.date]
) -> list[dict[str, Any]]:
    """Which facility, by whom, on which day. Deterministic in (seed, inputs).

    1. Per rule, a risk-weighted sample without replacement (Efraimidis–Spirakis keys u^(1/w)) when
       the rule samples less than all its facilities; otherwise every facility.
    2. The visits are shuffled (Fisher–Yates) and dealt in turn to the least-loaded inspector (ties
       drawn at random), each on one of that inspector's least-loaded days (ties drawn at random): the
       load is spread over the working days and nobody can infer a day from an order.
    """
    if not days or not inspectors:
        return []
    stream = Stream(seed, "draw")
    ordered = sorted(candidates, key=lambda c: (c.rule, c.facility))
    by_rule: dict[int, list[Candidate]] = {}
    for c in ordered:
        by_rule.setdefault(c.rule, []).append(c)
    chosen: list[Candidate] = []
    for rule in sorted(by_rule):
        group = by_rule[rule]
        percent = group[0].sample_percent
        if percent >= 100:
            chosen.extend(group)
            continue
        k = max(1, math.ceil(len(group) * percent / 100))
        keyed = [(math.log(stream.uniform()) / max(c.weight, 1e-6), c) for c in group]
        keyed.sort(key=lambda kc: (-kc[0], kc[1].facility))
        chosen.extend(c for _key, c in keyed[:k])
    slots = [(c.facility, c.rule) for c in chosen for _ in range(c.visits)]
    for i in range(len(slots) - 1, 0, -1):
        j = stream.below(i + 1)
        slots[i], slots[j] = slots[j], slots[i]
    inspectors = sorted(inspectors)
    days = sorted(days)
    load = {i: 0 for i in inspectors}
    day_load = {i: [0] * len(days) for i in inspectors}
    taken: set[tuple[int, int]] = set()  # (facility, day index): never twice the same day
    repeated = {c.facility for c in chosen if c.visits > 1}
    all_days = list(range(len(days)))
    visits = []
    for facility, rule in slots:
        least = min(load.values())
        pool = [i for i in inspectors if load[i] == least]
        inspector = pool[stream.below(len(pool))] if len(pool) > 1 else pool[0]
        loads = day_load[inspector]
        free = all_days
        if facility in repeated:
            free = [d for d in all_days if (facility, d) not in taken] or all_days
        if free is all_days:
            lowest = min(loads)
            options = [d for d, n in enumerate(loads) if n == lowest]
        else:
            lowest = min(loads[d] for d in free)
            options = [d for d in free if loads[d] == lowest]
        day = options[stream.below(len(options))] if len(options) > 1 else options[0]
        load[inspector] += 1
        loads[day] += 1
        if facility in repeated:
            taken.add((facility, day))
        visits.append(
            {"facility": facility, "rule": rule, "inspector": inspector, "date": days[day].isoformat()}
        )
    visits.sort(key=lambda v: (v["date"], v["inspector"], v["facility"], v["rule"]))
    return visits


def build_document(
    *,
    plan: int,
    period_start: dt.date,
    period_end: dt.date,
    candidates: list[Candidate],
    inspectors: list[int],
    days: list[dt.date],
    visits: list[dict[str, Any]],
) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "plan": plan,
        "period": [period_start.isoformat(), period_end.isoformat()],
        "candidates": [
            {
                "facility": c.facility,
                "weight": c.weight,
                "visits": c.visits,
                "rule": c.rule,
                "sample_percent": c.sample_percent,
            }
            for c in sorted(candidates, key=lambda c: (c.rule, c.facility))
        ],
        "inspectors": sorted(inspectors),
        "days": [d.isoformat() for d in sorted(days)],
        "visits": visits,
    }


def canonical(document: dict[str, Any]) -> str:
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def seal_of(canonical_json: str, seed_commitment: str) -> str:
    return hashlib.sha256(canonical_json.encode("utf-8") + seed_commitment.encode("ascii")).hexdigest()


@dataclass(frozen=True)
class Verification:
    ok: bool
    seal_matches: bool
    schedule_matches: bool
    commitment_matches: bool


def verify(*, seed_hex: str, schedule_json: str, seal: str, seed_commitment: str) -> Verification:
    """Check a published draw: the seed's commitment, the seal over the document, and that the seed
    and the document's inputs reproduce the document's visits."""
    seed = bytes.fromhex(seed_hex)
    commitment_ok = hmac.compare_digest(commitment(seed), seed_commitment)
    seal_ok = hmac.compare_digest(seal_of(schedule_json, seed_commitment), seal)
    document = json.loads(schedule_json)
    candidates = [Candidate(**c) for c in document["candidates"]]
    days = [dt.date.fromisoformat(d) for d in document["days"]]
    again = compute_schedule(seed, candidates, document["inspectors"], days)
    schedule_ok = again == document["visits"]
    return Verification(
        ok=commitment_ok and seal_ok and schedule_ok,
        seal_matches=seal_ok,
        schedule_matches=schedule_ok,
        commitment_matches=commitment_ok,
    )
