"""The demo loaded into the test database at a fixed "today" (1401/12/10), so the S3 minutes' year
deadline is literally «سال ۱۴۰۲» and every date below is reproducible."""

import datetime as dt

import pytest

from peygir.core.jalali import parse_jalali_date
from peygir.demo.loader import DemoResult, load_demo

DEMO_TODAY = "1401/12/10"


@pytest.fixture
def demo_today() -> dt.date:
    return parse_jalali_date(DEMO_TODAY)


@pytest.fixture
def demo(db, demo_today) -> DemoResult:
    return load_demo(today=demo_today)
