"""Search tests: records indexed as the commit-time refresh writes them."""

from __future__ import annotations

from typing import Any

import pytest

from peygir.search import selectors


@pytest.fixture
def find(world):
    """`find(text, user=None, **filters)` → the (kind, object_id) found (superuser-free: office staff
    by default), exact then loose, as the page does."""

    def run(text: str, user: Any = None, *, loose: bool = False, **filters: Any) -> list[tuple[str, int]]:
        params = selectors.SearchParams(text=text, **filters)
        who = user or world.users["office_staff"]
        return list(selectors.search(who, params, loose=loose).values_list("kind", "object_id"))

    return run
