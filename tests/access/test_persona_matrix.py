"""One persona matrix for the whole project (DESIGN §6): every URL pattern and every operation of the
OpenAPI schema, for every persona of the shared `world` — allowed or refused as matrix_table.py says,
and a refused write changes nothing.

The world is built once for this module, inside a transaction rolled back at its end; each case runs
every persona in a savepoint of its own, rolled back after the request.
"""

from __future__ import annotations

from collections import Counter

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client, override_settings

from tests.personas import ALL_PERSONAS
from tests.world import build_world

from .matrix_cases import (
    DENIED,
    UNSAFE,
    data_version,
    outcome,
    play,
    resume,
    row_counts,
    schema_operations,
    signed_in_cookies,
    url_patterns,
)
from .matrix_table import CASES, OPERATIONS, PAGES, REFUSED_BUT_WRITES

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The personas sign in once for the module (their cookies are replayed): their sessions must outlive a
# slow run of it, whatever the idle limit (tests/accounts/test_sessions.py tests the limit).
LONG_SESSIONS = {"PEYGIR_SESSION_IDLE_SECONDS": 24 * 3600, "SESSION_COOKIE_AGE": 24 * 3600}


class _Rollback(Exception):
    pass


@pytest.fixture(scope="module")
def matrix_world(django_db_setup, django_db_blocker):
    """`world.populate()`, built once for the module and rolled back at its end."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with override_settings(PASSWORD_HASHERS=FAST_HASHER, **LONG_SESSIONS):
                world = build_world().populate()
                world.matrix_cookies = signed_in_cookies(world, Client(raise_request_exception=True))
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield world
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture(scope="module")
def shared_client():
    return Client(raise_request_exception=True)


# ---------------------------------------------------------------- the table covers the project


def test_every_url_name_and_operation_has_an_entry():
    operations = schema_operations()
    unnamed = [route for route, name in url_patterns() if name is None]
    assert not unnamed, f"URL patterns without a name cannot be in the matrix: {unnamed}"
    names = {name for _route, name in url_patterns()}
    covered_by_schema = set(operations.values())
    page_names = {case.target for case in PAGES}
    missing_pages = sorted(names - covered_by_schema - page_names)
    assert not missing_pages, (
        f"URL names with no entry in tests/access/matrix_table.py PAGES: {missing_pages}"
    )
    stale_pages = sorted(page_names - names)
    assert not stale_pages, f"PAGES names URLs that no longer exist: {stale_pages}"
    op_targets = {case.target for case in OPERATIONS}
    missing_ops = sorted(set(operations) - op_targets)
    assert not missing_ops, f"schema operations with no entry in matrix_table.py OPERATIONS: {missing_ops}"
    stale_ops = sorted(op_targets - set(operations))
    assert not stale_ops, f"OPERATIONS names operations the schema no longer has: {stale_ops}"


def test_every_case_names_every_persona_once():
    ids = Counter(case.id for case in CASES)
    assert not [i for i, n in ids.items() if n > 1], "two cases with one id: give them a variant"
    for case in CASES:
        assert set(case.expect) == set(ALL_PERSONAS), case.id
        if " " in case.target:
            assert case.target.startswith(case.method + " "), case.id


def test_the_matrix_is_not_vacuous():
    """Each persona is allowed something and refused something, and refused writes are checked."""
    for persona in ALL_PERSONAS:
        outcomes = [case.expect[persona] for case in CASES]
        assert any(o not in DENIED for o in outcomes), persona
        assert any(o in DENIED for o in outcomes), persona
    assert sum(1 for c in CASES for p in ALL_PERSONAS if c.method in UNSAFE and c.expect[p] in DENIED) > 200


# ---------------------------------------------------------------- every case, every persona


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_persona_matrix(case, matrix_world, shared_client, db, settings):
    settings.PASSWORD_HASHERS = FAST_HASHER
    for name, value in LONG_SESSIONS.items():
        setattr(settings, name, value)
    world = matrix_world
    wrong = []
    for persona in ALL_PERSONAS:
        expected = case.expect[persona]
        cache.clear()
        try:
            with transaction.atomic():
                client = resume(shared_client, world.matrix_cookies[persona])
                watch = case.method in UNSAFE and expected in DENIED
                before = (data_version(), row_counts()) if watch else None
                try:
                    got = outcome(play(case, world, client))
                except Exception as exc:  # a crash is a result too: reported with the others
                    got = f"raised {type(exc).__name__}: {exc}"[:200]
                if got != expected:
                    wrong.append(f"{persona}: expected {expected}, got {got}")
                elif watch:
                    changed = (data_version(), row_counts()) != before
                    known = (case.id, persona) in REFUSED_BUT_WRITES
                    if changed and not known:
                        wrong.append(f"{persona}: refused ({got}) but the data changed")
                    elif known and not changed:
                        wrong.append(
                            f"{persona}: no longer writes when refused: drop it from REFUSED_BUT_WRITES"
                        )
                raise _Rollback
        except _Rollback:
            pass
    assert not wrong, f"{case.id}:\n  " + "\n  ".join(wrong)


def test_known_refused_writes_are_refusals():
    ids = {case.id: case for case in CASES}
    for case_id, persona in REFUSED_BUT_WRITES:
        assert case_id in ids and ids[case_id].expect[persona] in DENIED, (case_id, persona)


def test_refused_writes_are_detected(matrix_world, db):
    """The check above can fail: a write between the two readings moves the version and the counts."""
    before = (data_version(), row_counts())
    with transaction.atomic():
        matrix_world.action.updates.create(kind="comment", text="یادداشت")
        assert (data_version(), row_counts()) != before
        transaction.set_rollback(True)
