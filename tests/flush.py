"""Emptying the database after a test that commits (`transaction=True`, the browser tests), quickly.

Django's flush empties every table with one TRUNCATE (PostgreSQL rewrites each of some 120 tables'
files, about 0.7 s) and then sends `post_migrate`, whose handlers recreate the content types and
permissions it removed and reinstall the data-version triggers on every table (about another second).
Here every table but those `post_migrate` fills is emptied with DELETE in one transaction (the foreign
keys are deferred to its end), which leaves the same rows as Django's flush followed by its
`post_migrate` — and the handlers then have nothing to do, so they are not sent.
"""

from __future__ import annotations

from django.db import connections, transaction
from django.test import TransactionTestCase

# Filled by post_migrate (content types, permissions) or by migrate itself: kept as they are.
KEEP = frozenset({"django_migrations", "django_content_type", "auth_permission"})
# Emptied last: deleting the other tables' rows writes new data versions into it.
LAST = "core_dataversion"


def empty_database(alias: str) -> None:
    connection = connections[alias]
    tables = sorted(
        t
        for t in connection.introspection.django_table_names(only_existing=True, include_views=False)
        if t not in KEEP
    )
    tables.sort(key=lambda t: t == LAST)
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for table in tables:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")  # noqa: S608 (model tables)


def _fixture_teardown(self: TransactionTestCase) -> None:
    for alias in self._databases_names(include_mirrors=False):
        empty_database(alias)


def install() -> None:
    """Replace TransactionTestCase's flush (pytest-django's `transactional_db` uses it too)."""
    TransactionTestCase._fixture_teardown = _fixture_teardown
