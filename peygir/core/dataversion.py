"""The data version: one number that moves with every committed change of what pages show.

Caches of whole pages and of summaries (`peygir.core.pagecache`, the start page's territorial
summary) put it in their keys, so a committed write invalidates them at once.

It is kept by database triggers, not by Python code, so no writer can forget it: a service, the
escalation scan's set-based updates, the admin, a management command or raw SQL. `install_triggers`
runs after every `migrate` (a `post_migrate` handler) and covers every table of Peygir's models
except the few that no page shows (`UNWATCHED`), so a table added later is covered without anyone
remembering to.

- PostgreSQL: a deferred constraint trigger per table, so the bump happens at commit, after every
  other lock the transaction took (the one hot row is held only while committing: no deadlock with
  row locks taken earlier). A transaction-local setting makes only its first row do the update.
  (`PEYGIR_DATA_VERSION_AT_COMMIT = False`, which the test suite sets because its tests run in
  transactions that never commit: a plain statement trigger that bumps at once.)
- SQLite: a plain row trigger; SQLite writes one transaction at a time anyway.

Readers see the new value exactly when they can see the data it stands for (same transaction), so
a page rendered from data older than the version it is cached under cannot happen; data newer than
its key is harmless (the next write moves the key on).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

TABLE = "core_dataversion"
# (app_label, model name) whose rows no cached page shows: logs and delivery bookkeeping. A write to
# them must not throw away every cached page.
UNWATCHED = {
    ("core", "DataVersion"),
    ("core", "AuditEntry"),
    ("core", "Heartbeat"),
    ("facilitation", "SensitiveAccessLog"),
    ("demands", "PhoneConfirmation"),
    ("demands", "RateLimitHit"),
    ("notifications", "OutboundMessage"),
    # The search index: a copy written after the commit of the change it copies (which moved the
    # version already); its bulk rebuild would otherwise fire a trigger per row.
    ("search", "SearchEntry"),
}
TRIGGER = "peygir_data_version"
# Tables outside Peygir's apps whose changes must move the version too: sessions, so a session's data
# may be cached under the version (`peygir.core.sessions`); a login, a logout or a flash message moves it.
EXTRA_WATCHED = ("django_session",)

# Constant SQL (no input reaches it): an upsert, so a truncated table comes back to life.
_PG_BUMP = (
    "INSERT INTO core_dataversion (id, value) VALUES (1, 1) "
    "ON CONFLICT (id) DO UPDATE SET value = core_dataversion.value + 1;"
)
# At commit: the first of the transaction's deferred row triggers bumps, the rest see the flag.
_PG_FUNCTIONS = f"""
CREATE OR REPLACE FUNCTION {TRIGGER}_bump_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('peygir.data_version_bumped', true) IS DISTINCT FROM '1' THEN
        PERFORM set_config('peygir.data_version_bumped', '1', true);
        {_PG_BUMP}
    END IF;
    RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION {TRIGGER}_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    {_PG_BUMP}
    RETURN NULL;
END $$;
"""


def watched_tables() -> list[str]:
    """Every table of Peygir's models (many-to-many tables included) except `UNWATCHED`."""
    tables = []
    for model in apps.get_models(include_auto_created=True):
        if not model.__module__.startswith("peygir") or model._meta.proxy or not model._meta.managed:
            continue
        if (model._meta.app_label, model.__name__) in UNWATCHED:
            continue
        tables.append(model._meta.db_table)
    return sorted({*tables, *EXTRA_WATCHED})


def install_triggers(using: str = DEFAULT_DB_ALIAS, *, at_commit: bool | None = None) -> int:
    """Create (or replace) the triggers on every watched table that exists; returns how many tables.

    `at_commit` (PostgreSQL; default `PEYGIR_DATA_VERSION_AT_COMMIT`, true): defer the bump to commit.
    The test suite turns it off, because its tests run inside transactions that never commit.
    """
    if at_commit is None:
        at_commit = getattr(settings, "PEYGIR_DATA_VERSION_AT_COMMIT", True)
    connection = connections[using]
    existing = set(connection.introspection.table_names())
    if TABLE not in existing:
        return 0
    tables = [t for t in watched_tables() if t in existing]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(_PG_FUNCTIONS)
            for table in tables:
                cursor.execute(f'DROP TRIGGER IF EXISTS {TRIGGER} ON "{table}"')
                if at_commit:
                    cursor.execute(
                        f"CREATE CONSTRAINT TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE "
                        f'ON "{table}" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW '
                        f"EXECUTE FUNCTION {TRIGGER}_bump_once()"
                    )
                else:
                    cursor.execute(
                        f'CREATE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}" '
                        f"FOR EACH STATEMENT EXECUTE FUNCTION {TRIGGER}_bump()"
                    )
        elif connection.vendor == "sqlite":
            bump = (
                "INSERT INTO core_dataversion (id, value) VALUES (1, 1) "
                "ON CONFLICT (id) DO UPDATE SET value = value + 1;"
            )
            for table in tables:
                for event in ("INSERT", "UPDATE", "DELETE"):
                    name = f"{TRIGGER}_{table}_{event.lower()}"
                    cursor.execute(f'DROP TRIGGER IF EXISTS "{name}"')
                    cursor.execute(f'CREATE TRIGGER "{name}" AFTER {event} ON "{table}" BEGIN {bump} END')
        else:  # pragma: no cover - Peygir runs on PostgreSQL and SQLite only
            return 0
    return len(tables)


def on_post_migrate(sender: Any, using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> None:
    install_triggers(using)


def current(using: str = DEFAULT_DB_ALIAS) -> int:
    """The committed data version (0 before the first write); read once per reading request."""
    memo = _request_memo.get()
    if memo is not None and using in memo:
        return memo[using]
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT value FROM core_dataversion WHERE id = 1")
        row = cursor.fetchone()
    value = int(row[0]) if row else 0
    if memo is not None:
        memo[using] = value
    return value


def in_reading_request() -> bool:
    """True inside a GET/HEAD request (`DataVersionMiddleware`): caches keyed on the version may be
    read and filled. Elsewhere (a form's POST, a command, a test's direct call) everything is read
    from the database."""
    return _request_memo.get() is not None


_request_memo: ContextVar[dict[str, int] | None] = ContextVar("peygir_data_version", default=None)


@contextmanager
def reading() -> Iterator[None]:
    """Within: one read of the version serves the whole block (a GET request)."""
    token = _request_memo.set({})
    try:
        yield
    finally:
        _request_memo.reset(token)


class DataVersionMiddleware:
    """First in the stack: a GET or HEAD request reads the data version once, and may use the caches
    keyed on it (the session, the signed-in user, whole pages). A request that may write does not."""

    def __init__(self, get_response: Callable[[Any], Any]) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        with reading():
            return self.get_response(request)
