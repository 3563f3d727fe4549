"""The demo loaded into the test database at a fixed "today" (1401/12/10), so the S3 minutes' year
deadline is literally «سال ۱۴۰۲» and every date below is reproducible."""

import datetime as dt

import pytest

from peygir.core.jalali import parse_jalali_date
from peygir.demo.loader import DemoResult, load_demo
from tests.demo_db import load_once

DEMO_TODAY = "1401/12/10"


@pytest.fixture(scope="package")
def demo_today() -> dt.date:
    return parse_jalali_date(DEMO_TODAY)


@pytest.fixture(scope="package")
def _demo_loaded(django_db_setup, django_db_blocker, demo_today):
    yield from load_once(django_db_blocker, lambda: load_demo(today=demo_today, seasons=2))


@pytest.fixture
def demo(_demo_loaded, db) -> DemoResult:
    """Loaded once for the scenarios (tests/demo_db.py); each test runs in its own savepoint."""
    return _demo_loaded
