"""Persona-matrix rows of the search page and API (concatenated into matrix_table.py).

Every signed-in persona may search; what each finds is its domains' visible records only, which
tests/search/test_permissions.py checks record by record for every persona (an answer's status
cannot show it). Without an account: the sign-in page, or 401 on the API.
"""

from __future__ import annotations

from tests.personas import SIGNED_IN

from .matrix_cases import LOGIN, Case

EVERYONE_SIGNED_IN = set(SIGNED_IN)
PUBLIC = ("anonymous", "citizen")


def _rule(allowed: object, *, public: object = LOGIN) -> dict:
    table = dict.fromkeys(SIGNED_IN, allowed)
    table.update(dict.fromkeys(PUBLIC, public))
    return table


def _words(world: object) -> dict:
    return {"q": "مدارس کانکسی"}


PAGES = [
    Case("web:search", "GET", _rule(200)),
    Case("web:search", "GET", _rule(200), query=_words, variant="words"),
    # a malformed date is the form's error (400), never a 500
    Case(
        "web:search",
        "GET",
        _rule(400),
        query=lambda w: {"q": "مدارس", "date_from": "۱۴۰۲/۱۳/۴۰"},
        variant="bad",
    ),
]
OPERATIONS = [
    Case("GET /api/v1/search/", "GET", _rule(200, public=401), query=_words),
]
