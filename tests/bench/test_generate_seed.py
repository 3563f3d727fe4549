"""The same seed gives the same data (per-table digests), another seed other data. Apart from
test_generate.py, whose tests share one generated deployment: this one generates into an empty database."""

from __future__ import annotations

import pytest
from django.db import connection

from peygir.bench.writer import BulkWriter

from .conftest import tiny

pytestmark = pytest.mark.django_db


def test_same_seed_same_rows_other_seed_other_rows(db) -> None:
    first = tiny(seed=1, dry_run=True)  # nothing written: same starting ids for every run
    other = tiny(seed=2, dry_run=True)
    assert first.digests["actions_action"] != other.digests["actions_action"]
    written = tiny(seed=1)  # what is written is what was hashed
    assert written.digests == first.digests
    assert BulkWriter().is_postgres == (connection.vendor == "postgresql")
