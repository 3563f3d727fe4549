"""The demo loaded once for a whole test module, and rolled back after it.

Loading the demo takes tens of seconds; the tests that read it (scenarios, the demo's pages) each
run inside a savepoint of the module's transaction, as Django's TestCase.setUpTestData does for a
class, so every test starts from the same freshly loaded demo and nothing leaks to other modules.
A test that changes a row of the demo sees its change rolled back; Python objects of the returned
result are shared, so a test that changes one reads it back with refresh_from_db().
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import transaction
from django.test import override_settings


@contextmanager
def module_transaction(django_db_blocker: Any) -> Iterator[None]:
    """Database access for a module-scoped fixture, inside a transaction that is always rolled back."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            # The demo's users are created before the per-test fast hasher applies.
            with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
                yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def load_once(django_db_blocker: Any, load: Callable[[], Any]) -> Iterator[Any]:
    """Body of a module-scoped fixture: `load()` once, yield its result, roll everything back."""
    from django.core.cache import cache

    with module_transaction(django_db_blocker):
        cache.clear()
        yield load()
    cache.clear()
