# ruff: noqa: S608 - every SQL text here is built from constants and model metadata, never from input
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

import hashlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils.module_loading import import_string

T = TypeVar("T")

TABLE = "core_dataversion"
# (app_label, model name) whose rows no cached page shows: logs and delivery bookkeeping. A write to
# them must not throw away every cached page.
UNWATCHED = {
    ("core", "DataVersion"),
    ("core", "AuditEntry"),
    ("core", "Heartbeat"),
    ("facilitation", "SensitiveAccessLog"),
    ("demands", "PhoneConfirmation"),
    ("grants", "NgoPhoneConfirmation"),
    ("notifications", "RateLimitHit"),
    ("notifications", "OutboundMessage"),
    # The search index: a copy written after the commit of the change it copies (which moved the
    # version already); its bulk rebuild would otherwise fire a trigger per row.
    ("search", "SearchEntry"),
    # Its vocabulary, written with it (search/vocabulary.py).
    ("search", "SearchTerm"),
}
TRIGGER = "peygir_data_version"
# Tables outside Peygir's apps whose changes must move the version too: sessions, so a session's data
# may be cached under the version (`peygir.core.sessions`); a login, a logout or a flash message moves it.
EXTRA_WATCHED = ("django_session",)

# ---------------------------------------------------------------- scopes
# Each row of core_dataversion is one scope's counter. A committed write moves ALL (so `current()`
# still means "anything changed") and the scopes of what it wrote:
ALL = 1  # every write
GLOBAL = 2  # writes with no resolvable province, and every table not listed in SCOPED_FAMILIES
EPOCH = 3  # only when every scope moves at once (a TRUNCATE, a bulk fix): see `_BUMP_EVERYTHING`
APP_BASE = 10_000  # + the app's number in APP_SCOPES: every write to one of the app's tables
SESSION_BASE = 100_000  # + a bucket of the session key (its first two characters)
PROVINCE_BASE = 1_000_000_000  # + the province's territory id

# Each app's own counter, besides the province or GLOBAL: a summary that reads a few apps (the
# evaluation reads actions, demands and programs, never people or sessions) keys on those apps alone,
# so a sign-in (a GLOBAL write) keeps it. Fixed numbers, never reused: a renumbered app would read
# another app's counter under an old key.
APP_SCOPES = {
    "core": 1,
    "territory": 2,
    "accounts": 3,
    "organizations": 4,
    "notifications": 5,
    "actions": 6,
    "committees": 7,
    "demands": 8,
    "facilitation": 9,
    "grants": 10,
    "inspections": 11,
    "programs": 12,
    "evaluation": 13,
    "search": 14,
    "coordination": 15,
    "similarity": 16,
    "administration": 17,
}


def app_scope(label: str) -> int:
    """The scope every write to the app's tables moves (KeyError for an app without one)."""
    return APP_BASE + APP_SCOPES[label]


def _table_app_scope(table: str) -> int | None:
    model = _models_by_table().get(table)
    if model is None or model._meta.app_label not in APP_SCOPES:
        return None
    return app_scope(model._meta.app_label)


# The tables whose rows are scoped by province: a family's root table and every table of the same
# app pointing at the root (`<root>_id`). A row bumps the provinces of the root record it belongs to
# (below) and of the territories and organizations it names itself, for the old and the new row.
# Everything else (organizations, people, committees, reference data …) bumps GLOBAL: such rows are
# shown across provinces (an issuing committee's name on another province's inbox), and they change
# rarely. The hot writes of a national deployment — progress reports, demands — are in the families.
SCOPED_FAMILIES = {"actions": "actions_action", "demands": "demands_demand"}
# The provinces of a root record, as SQL over its id ({id}): every territory and organization on
# the row and on its satellite rows that decide who sees it (actions_visible_to, demands' access).
_ROOT_SCOPES = {
    "actions_action": [
        "SELECT {path_scope} AS s FROM actions_action a WHERE a.id = {id}",
        *[
            "SELECT {org_scope} AS s FROM actions_action a JOIN organizations_organization o ON o.id = a."
            + c
            + " LEFT JOIN territory_territory t ON t.id = o.territory_id WHERE a.id = {id}"
            for c in ("responsible_organization_id", "issuer_organization_id", "supervisor_organization_id")
        ],
        "SELECT {org_scope} AS s FROM actions_action_supporting_organizations a "
        "JOIN organizations_organization o ON o.id = a.organization_id "
        "LEFT JOIN territory_territory t ON t.id = o.territory_id WHERE a.action_id = {id}",
    ],
    "demands_demand": [
        "SELECT {org_scope} AS s FROM demands_demand a JOIN territory_territory t ON t.id = a.neighbourhood_id "
        "WHERE a.id = {id}",
        "SELECT {org_scope} AS s FROM demands_demand a JOIN organizations_organization o ON o.id = a.agency_id "
        "LEFT JOIN territory_territory t ON t.id = o.territory_id WHERE a.id = {id}",
        "SELECT {org_scope} AS s FROM demands_demandroute a JOIN organizations_organization o ON o.id = a.agency_id "
        "LEFT JOIN territory_territory t ON t.id = o.territory_id WHERE a.demand_id = {id}",
    ],
}


def _province_of_path(path: str, vendor: str) -> str:
    """SQL: the scope of a territory path ('/country/province/…/'): the province's, else GLOBAL."""
    if vendor == "postgresql":
        part = f"split_part({path}, '/', 3)"
        return f"(CASE WHEN {part} ~ '^[0-9]+$' THEN {PROVINCE_BASE} + {part}::bigint ELSE {GLOBAL} END)"
    rest = f"substr({path}, instr(substr({path}, 2), '/') + 2)"
    return (
        f"(CASE WHEN {path} LIKE '/%/%/%' AND instr({rest}, '/') > 1 "
        f"THEN {PROVINCE_BASE} + CAST(substr({rest}, 1, instr({rest}, '/') - 1) AS INTEGER) ELSE {GLOBAL} END)"
    )


def _row_scope_queries(table: str, row: str, vendor: str) -> list[str] | None:
    """SQL queries yielding the scopes of one row (`row` is how the trigger names it: NEW, OLD, r);
    None for a table that bumps GLOBAL."""
    model = _models_by_table().get(table)
    if model is None:
        return None
    root = SCOPED_FAMILIES.get(model._meta.app_label)
    if root is None:
        return None
    path_scope = _province_of_path("a.territory_path", vendor)
    org_scope = _province_of_path("t.path", vendor)
    queries = []
    root_id = None
    if table == root:
        root_id = f"{row}.id"
    for f in model._meta.concrete_fields:
        if not f.is_relation or f.related_model is None:
            continue
        target = f.related_model._meta.db_table
        if target == root and root_id is None:
            root_id = f"{row}.{f.column}"
        elif target == "territory_territory":
            queries.append(
                f"SELECT {org_scope} AS s FROM territory_territory t WHERE t.id = {row}.{f.column}"
            )
        elif target == "organizations_organization":
            queries.append(
                f"SELECT {org_scope} AS s FROM organizations_organization o "
                f"LEFT JOIN territory_territory t ON t.id = o.territory_id WHERE o.id = {row}.{f.column}"
            )
    if root_id is None:
        # One step further: a row of a row of the root (an update's evidence file) is the root's too.
        for f in model._meta.concrete_fields:
            target = f.related_model._meta.db_table if f.is_relation and f.related_model else None
            via = _root_column(target, root) if target and target != root else None
            if via is not None:
                root_id = f"(SELECT x.{via} FROM {target} x WHERE x.id = {row}.{f.column})"
                break
    if root_id is None:
        return None  # an app's table outside its family (rules, categories): GLOBAL
    if table == "actions_action":
        queries.append(f"SELECT {_province_of_path(f'{row}.territory_path', vendor)} AS s")
    queries += [q.format(id=root_id, path_scope=path_scope, org_scope=org_scope) for q in _ROOT_SCOPES[root]]
    return queries


def _root_column(table: str, root: str) -> str | None:
    """The column of `table` pointing at the family's root table, if it has one."""
    model = _models_by_table().get(table)
    for f in model._meta.concrete_fields if model is not None else ():
        if f.is_relation and f.related_model is not None and f.related_model._meta.db_table == root:
            return f.column
    return None


def _rows_scopes_sql(table: str, rows: list[str], vendor: str) -> str:
    """SQL: the distinct scopes of the rows named `rows` — their provinces (GLOBAL when none
    resolves), or a session's bucket for the session table."""
    if table == "django_session":
        ascii_of = "unicode" if vendor == "sqlite" else "ascii"
        found = [
            f"SELECT {SESSION_BASE} + 128 * {ascii_of}(substr({r}.session_key, 1, 1)) "
            f"+ {ascii_of}(substr({r}.session_key, 2, 1)) AS s"
            for r in rows
        ]
    else:
        found = [q for r in rows for q in (_row_scope_queries(table, r, vendor) or [f"SELECT {GLOBAL} AS s"])]
    union = " UNION ".join(found)
    return (
        f"SELECT s FROM ({union}) AS f WHERE s IS NOT NULL "
        f"UNION SELECT {GLOBAL} AS s WHERE NOT EXISTS (SELECT 1 FROM ({union}) AS g WHERE s IS NOT NULL)"
    )


def _scopes_sql(table: str, rows: list[str], vendor: str) -> str:
    """SQL: the distinct scopes a write to `table` bumps — ALL, its app's, and the rows' own scopes."""
    app = _table_app_scope(table)
    own = f"SELECT {app} AS s UNION " if app is not None else ""
    return f"SELECT {ALL} AS s UNION {own}{_rows_scopes_sql(table, rows, vendor)}"


_models_cache: dict[str, Any] = {}


def _pg_name(table: str, event: str = "") -> str:
    """A trigger function's name: PostgreSQL cuts names at 63 bytes, so a long table's name is
    shortened with a digest (two tables sharing their first letters must not share a function)."""
    name = f"{TRIGGER}_{table}_{event.lower()}" if event else f"{TRIGGER}_{table}"
    if len(name) <= 63:
        return name
    digest = hashlib.sha256(name.encode()).hexdigest()[:12]
    return f"{name[:50]}_{digest}"


def _statement_scopes_sql(table: str, transition: str) -> str:
    """SQL (PostgreSQL): the distinct scopes of every row of a statement's transition table (the
    rows' own scopes of `_rows_scopes_sql`, set-based; ALL is bumped by the caller)."""
    per_row = _rows_scopes_sql(table, ["r"], "postgresql")
    return f"SELECT DISTINCT x.s FROM {transition} r CROSS JOIN LATERAL ({per_row}) AS x"


def _pg_statement_function(table: str, event: str) -> str:
    """The trigger function of one table and event for the test suite's mode (bump at once): once per
    statement, over its transition tables, so a bulk write bumps each scope once, not once per row
    (thousands of updates of one version row inside a transaction slow PostgreSQL down quadratically).
    A statement that touched no row bumps nothing."""
    tables = {"INSERT": ["pg_new"], "UPDATE": ["pg_new", "pg_old"], "DELETE": ["pg_old"]}[event]
    scopes = " UNION ".join(_statement_scopes_sql(table, t) for t in tables)
    app = _table_app_scope(table)
    if app is not None:
        scopes = f"SELECT {app} AS s UNION {scopes}"
    return f"""
CREATE OR REPLACE FUNCTION "{_pg_name(table, event)}"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE scope bigint;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM {tables[0]}) THEN
        RETURN NULL;
    END IF;
    PERFORM {TRIGGER}_bump_scope({ALL}, false);
    FOR scope IN SELECT s FROM ({scopes}) AS all_scopes ORDER BY 1 LOOP
        PERFORM {TRIGGER}_bump_scope(scope, false);
    END LOOP;
    RETURN NULL;
END $$;
"""


_TRANSITIONS = {
    "INSERT": "REFERENCING NEW TABLE AS pg_new",
    "UPDATE": "REFERENCING OLD TABLE AS pg_old NEW TABLE AS pg_new",
    "DELETE": "REFERENCING OLD TABLE AS pg_old",
}


def _models_by_table() -> dict[str, Any]:
    if not _models_cache:
        for model in apps.get_models(include_auto_created=True):
            _models_cache[model._meta.db_table] = model
    return _models_cache


# Every scope moved at once (a TRUNCATE, a bulk fix): every page's key holds GLOBAL or ALL
# (`user_scopes`) and every summary's EPOCH (`keyed`), so those rows are made to exist and every row
# is bumped. A scope without a row yet stays 0: a key holding it holds EPOCH too.
_BUMP_EVERYTHING = (
    f"INSERT INTO {TABLE} (id, value) VALUES ({ALL}, 1), ({GLOBAL}, 1), ({EPOCH}, 1) "
    "ON CONFLICT (id) DO NOTHING; "
    f"UPDATE {TABLE} SET value = value + 1;"
)


# Constant SQL (no input reaches it). The bump is an upsert, so a missing row comes back to life.
_PG_FUNCTIONS = f"""
CREATE OR REPLACE FUNCTION {TRIGGER}_bump_scope(scope bigint, once boolean) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE done text := coalesce(current_setting('peygir.data_version_bumped', true), '');
BEGIN
    IF once THEN
        IF position(',' || scope || ',' IN done) > 0 THEN
            RETURN;
        END IF;
        PERFORM set_config('peygir.data_version_bumped', done || ',' || scope || ',', true);
    END IF;
    INSERT INTO core_dataversion (id, value) VALUES (scope, 1)
    ON CONFLICT (id) DO UPDATE SET value = core_dataversion.value + 1;
END $$;
CREATE OR REPLACE FUNCTION {TRIGGER}_bump_everything() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    {_BUMP_EVERYTHING}
    RETURN NULL;
END $$;
"""


def _pg_function(table: str, once: bool) -> str:
    """The trigger function of one table: bumps ALL first (every writer takes that row's lock first,
    so two transactions never lock scope rows in opposite orders), then the rows' scopes."""
    flag = "true" if once else "false"
    new, old = _scopes_sql(table, ["NEW"], "postgresql"), _scopes_sql(table, ["OLD"], "postgresql")
    return f"""
CREATE OR REPLACE FUNCTION "{_pg_name(table)}"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE scope bigint;
BEGIN
    PERFORM {TRIGGER}_bump_scope({ALL}, {flag});
    IF TG_OP <> 'DELETE' THEN
        FOR scope IN {new} ORDER BY 1 LOOP PERFORM {TRIGGER}_bump_scope(scope, {flag}); END LOOP;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        FOR scope IN {old} ORDER BY 1 LOOP PERFORM {TRIGGER}_bump_scope(scope, {flag}); END LOOP;
    END IF;
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


def scoped_tables() -> list[str]:
    """The watched tables whose writes bump provinces (or a session bucket) rather than GLOBAL."""
    return [t for t in watched_tables() if t == "django_session" or _row_scope_queries(t, "NEW", "sqlite")]


def install_triggers(using: str = DEFAULT_DB_ALIAS, *, at_commit: bool | None = None) -> int:
    """Create (or replace) the triggers on every watched table that exists; returns how many tables.

    `at_commit` (PostgreSQL; default `PEYGIR_DATA_VERSION_AT_COMMIT`, true): defer the bump to commit,
    each scope once per transaction. The test suite turns it off, because its tests run inside
    transactions that never commit: every row then bumps at once.
    """
    if at_commit is None:
        at_commit = getattr(settings, "PEYGIR_DATA_VERSION_AT_COMMIT", True)
    connection = connections[using]
    existing = set(connection.introspection.table_names())
    if TABLE not in existing:
        return 0
    tables = [t for t in watched_tables() if t in existing]
    with connection.cursor() as cursor:
        _drop_unwatched(connection, cursor, set(tables))
        if connection.vendor == "postgresql":
            cursor.execute(_PG_FUNCTIONS)
            for table in tables:
                cursor.execute(f'DROP TRIGGER IF EXISTS {TRIGGER} ON "{table}"')
                cursor.execute(f'DROP TRIGGER IF EXISTS {TRIGGER}_truncate ON "{table}"')
                for event in _TRANSITIONS:
                    cursor.execute(f'DROP TRIGGER IF EXISTS {TRIGGER}_{event.lower()} ON "{table}"')
                if at_commit:
                    cursor.execute(_pg_function(table, once=True))
                    cursor.execute(
                        f"CREATE CONSTRAINT TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE "
                        f'ON "{table}" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW '
                        f'EXECUTE FUNCTION "{_pg_name(table)}"()'
                    )
                else:
                    for event, transition in _TRANSITIONS.items():
                        cursor.execute(_pg_statement_function(table, event))
                        cursor.execute(
                            f'CREATE TRIGGER {TRIGGER}_{event.lower()} AFTER {event} ON "{table}" '
                            f"{transition} FOR EACH STATEMENT "
                            f'EXECUTE FUNCTION "{_pg_name(table, event)}"()'
                        )
                cursor.execute(
                    f'CREATE TRIGGER {TRIGGER}_truncate AFTER TRUNCATE ON "{table}" '
                    f"FOR EACH STATEMENT EXECUTE FUNCTION {TRIGGER}_bump_everything()"
                )
        elif connection.vendor == "sqlite":
            for table in tables:
                for event, rows in (("INSERT", ["NEW"]), ("UPDATE", ["NEW", "OLD"]), ("DELETE", ["OLD"])):
                    name = f"{TRIGGER}_{table}_{event.lower()}"
                    bump = (
                        f"INSERT INTO core_dataversion (id, value) SELECT s, 1 FROM "
                        f"({_scopes_sql(table, rows, 'sqlite')}) WHERE true "
                        "ON CONFLICT (id) DO UPDATE SET value = value + 1;"
                    )
                    cursor.execute(f'DROP TRIGGER IF EXISTS "{name}"')
                    cursor.execute(f'CREATE TRIGGER "{name}" AFTER {event} ON "{table}" BEGIN {bump} END')
        else:  # pragma: no cover - Peygir runs on PostgreSQL and SQLite only
            return 0
    return len(tables)


def _drop_unwatched(connection: Any, cursor: Any, watched: set[str]) -> None:
    """Take the triggers off a table no longer watched (one added to `UNWATCHED` after its triggers
    were installed): its writes would otherwise still move the version."""
    if connection.vendor == "postgresql":
        cursor.execute(
            "SELECT DISTINCT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname LIKE %s AND NOT t.tgisinternal",
            [TRIGGER + "%"],
        )
        for table, name in cursor.fetchall():
            if table not in watched:
                cursor.execute(f'DROP TRIGGER IF EXISTS "{name}" ON "{table}"')
    elif connection.vendor == "sqlite":
        cursor.execute(
            "SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
            [TRIGGER + "%"],
        )
        for table, name in cursor.fetchall():
            if table not in watched:
                cursor.execute(f'DROP TRIGGER IF EXISTS "{name}"')


@contextmanager
def bulk_fix(tables: Iterable[str], using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """A data fix over many rows (a migration's backfill), inside the caller's transaction: on
    PostgreSQL the tables' data-version triggers are paused for the block — millions of per-row events
    would be queued until commit, and a table with events pending cannot be indexed in the same
    transaction — and every scope is bumped once after it, which is what the rows' triggers would have
    done together. A failure aborts the transaction, and with it the pause (DDL is transactional)."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        yield
        return
    names = [connection.ops.quote_name(t) for t in tables]
    with connection.cursor() as cursor:
        # A table with deferred checks pending (rows written earlier in the transaction) cannot be
        # altered: run them now; they are deferred again after the block.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for name in names:
            cursor.execute(f"ALTER TABLE {name} DISABLE TRIGGER USER")
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for name in names:
            cursor.execute(f"ALTER TABLE {name} ENABLE TRIGGER USER")
        cursor.execute(_BUMP_EVERYTHING)
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def bump(scopes: Iterable[int], using: str = DEFAULT_DB_ALIAS) -> None:
    """Move these scopes as a committed write to their rows would, with the triggers' own upsert
    (a benchmark's stand-in for a write that changes no record)."""
    with connections[using].cursor() as cursor:
        for scope in scopes:
            cursor.execute(
                f"INSERT INTO {TABLE} (id, value) VALUES (%s, 1) "
                f"ON CONFLICT (id) DO UPDATE SET value = {TABLE}.value + 1",
                [scope],
            )


def on_post_migrate(sender: Any, using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> None:
    install_triggers(using)


def versions(scopes: Iterable[int], using: str = DEFAULT_DB_ALIAS) -> tuple[int, ...]:
    """The committed versions of these scopes (0 before their first write), in the order given.

    In a reading request (`reading()`) each scope is read once, and the scopes not read yet in one
    query: a cached page's key costs one small query.
    """
    scopes = list(scopes)
    memo = _request_memo.get()
    known = memo.setdefault(using, {}) if memo is not None else {}
    loaded = _LOADED in known  # every non-session scope read: one without a row is 0
    missing = sorted({s for s in scopes if s not in known and not (loaded and not _is_session(s))})
    if missing:
        # The first read of a request takes every scope but the sessions' buckets too (a few dozen
        # rows): the session, the user and the page then cost one query together.
        everything = memo is not None and not loaded
        marks = ", ".join(["%s"] * len(missing))
        where = f"id IN ({marks})" + (" OR id < %s OR id >= %s" if everything else "")
        params = [*missing, SESSION_BASE, PROVINCE_BASE] if everything else missing
        with connections[using].cursor() as cursor:
            cursor.execute(f"SELECT id, value FROM core_dataversion WHERE {where}", params)
            found = dict(cursor.fetchall())
        if everything:
            known[_LOADED] = 1
            known.update({k: int(v) for k, v in found.items()})
        for scope in missing:
            known[scope] = int(found.get(scope, 0))
    return tuple(known.get(s, 0) for s in scopes)


_LOADED = -1  # a memo's mark: every non-session scope has been read


def _is_session(scope: int) -> bool:
    return SESSION_BASE <= scope < PROVINCE_BASE


def current(using: str = DEFAULT_DB_ALIAS) -> int:
    """The committed version of everything (ALL: moved by every write); read once per reading request."""
    return versions([ALL], using)[0]


def province_scope(path: str) -> int:
    """The scope of a territory path: its province's, or GLOBAL for the country (the SQL's twin)."""
    parts = [p for p in path.split("/") if p]
    return PROVINCE_BASE + int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else GLOBAL


def session_scope(session_key: str) -> int:
    """The scope a session row's writes bump (its key's bucket, like the trigger's)."""
    key = (session_key + "\0\0")[:2]
    return SESSION_BASE + 128 * ord(key[0]) + ord(key[1])


def in_reading_request() -> bool:
    """True inside a GET/HEAD request (`DataVersionMiddleware`): caches keyed on the version may be
    read and filled. Elsewhere (a form's POST, a command, a test's direct call) everything is read
    from the database."""
    return _request_memo.get() is not None


_request_memo: ContextVar[dict[str, dict[int, int]] | None] = ContextVar("peygir_data_version", default=None)


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


def user_scopes(user: Any) -> list[int]:
    """The scopes of every row the user's pages may show: GLOBAL and the provinces of their
    territories and organizations, or [ALL] for whoever reads the whole country.

    The rule lives with the access rules (settings.PEYGIR_DATA_SCOPES, above core in the layers). It
    reads the person's memberships, which are GLOBAL rows: cached under GLOBAL's version.
    """
    if user is None or not getattr(user, "is_authenticated", False):
        return [GLOBAL]
    memo = getattr(user, "_peygir_data_scopes", None)
    if memo is not None:
        return memo
    key = f"data-scopes:{user.pk}:{versions([GLOBAL])[0]}" if in_reading_request() else None
    scopes = cache.get(key) if key else None
    if scopes is None:
        found = import_string(settings.PEYGIR_DATA_SCOPES)(user)
        scopes = [ALL] if found is None else sorted({GLOBAL, *(province_scope(p) for p in found)})
        if ALL in scopes:
            scopes = [ALL]
        if key:
            cache.set(key, scopes, 300)
    user._peygir_data_scopes = scopes
    return scopes


def user_version(user: Any) -> tuple[int, ...]:
    """What a page the user sees depends on: the versions of their scopes (`user_scopes`)."""
    scopes = user_scopes(user)
    return tuple(zip(scopes, versions(scopes), strict=True))


def keyed(name: str, scopes: Iterable[int], compute: Callable[[], T], *, ttl: int = 86_400) -> T:
    """`compute()`, kept in the cache under `name` and the committed versions of `scopes` (and EPOCH):
    a summary precomputed on first read and never stale, since any committed write to what it reads
    moves one of its scopes. Only in a reading request (`reading()`); elsewhere, and in a request that
    may write (it must see its own rows), it is computed afresh."""
    if not in_reading_request():
        return compute()
    scopes = [EPOCH, *scopes]
    parts = ".".join(f"{s}-{v}" for s, v in zip(scopes, versions(scopes), strict=True))
    key = "summary:" + hashlib.sha256(f"{name}|{parts}".encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, ttl)
    return found
