"""A tiny generated deployment (one province) for the generator and benchmark tests."""

from __future__ import annotations

import datetime as dt

import pytest

from peygir.bench.generator import GenerateResult, generate

TODAY = dt.date(2025, 1, 15)
SCALE = 0.01


def tiny(seed: int = 1, **kwargs) -> GenerateResult:
    return generate(scale=SCALE, seed=seed, today=TODAY, provinces=1, **kwargs)


@pytest.fixture
def generated(db) -> GenerateResult:
    return tiny()
