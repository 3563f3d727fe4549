"""One migrated test database per run of the migrations, cloned for each pytest-xdist worker.

Migrating from nothing costs about a minute of CPU (the domains' initial migrations render the model
state over and over), and each worker used to do it for its own database at the same time, on a
two-core machine. Here the first worker to arrive migrates a template database named after a hash of
every migration file (under a lock: PostgreSQL's advisory lock, or a file lock for SQLite) and the
others wait; each then takes a copy of its own (`CREATE DATABASE … TEMPLATE …`, or a file copy). The
template stays for the next run, which clones it at once while the migrations are unchanged; a run
with other migrations builds another, and removes those of other migrations an hour old or more (not
younger: another checkout's run may be cloning one).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections
from django.db.migrations.loader import MigrationLoader

LOCK_KEY = 72_740_001  # the advisory lock of the template build (any fixed number)
PREFIX = "peygir_tpl_"
STALE_SECONDS = 3600


def _stale(name: str, current: str) -> bool:
    """A template of other migrations built an hour ago or more (the name ends with its build time)."""
    stem = name.removesuffix(".sqlite3")
    if not stem.startswith(PREFIX) or stem.startswith(current):
        return False
    try:
        built = int(stem.rsplit("_", 1)[1])
    except (IndexError, ValueError):
        return False
    return time.time() - built > STALE_SECONDS


def migrations_hash() -> str:
    """Of every migration module on disk (the project's and the installed apps'), by content, and of
    the data version's triggers, which `migrate` installs from code (a template built by another
    checkout's code would keep that code's triggers)."""
    from peygir.core import dataversion

    loader = MigrationLoader(None, ignore_no_migrations=True)
    digest = hashlib.sha256(Path(dataversion.__file__).read_bytes())
    for app_label, name in sorted(loader.disk_migrations):
        module = __import__(loader.disk_migrations[(app_label, name)].__module__, fromlist=["_"])
        digest.update(f"{app_label}.{name}\n".encode())
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()[:12]


def _migrate_into(connection: Any, test_name: str) -> None:
    """Django's own test-database creation (migrate, post_migrate handlers, cache table) under
    `test_name`, leaving the connection's settings as they were."""
    saved_name = connection.settings_dict["NAME"]
    saved_test = connection.settings_dict["TEST"].get("NAME")
    connection.settings_dict["TEST"]["NAME"] = test_name
    try:
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False, keepdb=False)
    finally:
        connection.close()
        connection.settings_dict["NAME"] = saved_name
        settings.DATABASES[connection.alias]["NAME"] = saved_name
        connection.settings_dict["TEST"]["NAME"] = saved_test


def _use(connection: Any, name: str) -> None:
    connection.close()
    connection.settings_dict["NAME"] = name
    settings.DATABASES[connection.alias]["NAME"] = name


# ---------------------------------------------------------------- PostgreSQL


def _pg_execute_when_free(cursor: Any, sql: str) -> None:
    """Renaming or copying a database needs it without sessions: a connection just closed may take
    a moment to leave on the server's side."""
    for attempt in range(40):
        try:
            cursor.execute(sql)
            return
        except Exception as exc:  # psycopg's ObjectInUse, whatever the driver's module
            if "being accessed by other users" not in str(exc) or attempt == 39:
                raise
            time.sleep(0.25)


def _pg_setup(connection: Any, worker_db: str) -> None:
    current = PREFIX + migrations_hash()
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [LOCK_KEY])
        try:
            cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [PREFIX + "%"])
            existing = sorted(row[0] for row in cursor.fetchall())
            mine = [name for name in existing if name.startswith(current + "_") and "build" not in name]
            if mine:
                template = mine[-1]
            else:
                building, template = current + "_build", f"{current}_{int(time.time())}"
                _migrate_into(connection, building)  # drops a half-built one first (autoclobber)
                _pg_execute_when_free(cursor, f'ALTER DATABASE "{building}" RENAME TO "{template}"')
            for stale in existing:
                if _stale(stale, current):
                    cursor.execute(f'DROP DATABASE IF EXISTS "{stale}"')
            cursor.execute(f'DROP DATABASE IF EXISTS "{worker_db}" WITH (FORCE)')
            _pg_execute_when_free(cursor, f'CREATE DATABASE "{worker_db}" TEMPLATE "{template}"')
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])
    _use(connection, worker_db)


def _pg_teardown(connection: Any, worker_db: str) -> None:
    connection.close()
    with connection._nodb_cursor() as cursor:
        # FORCE: a connection a test's thread left open (or one still closing on the server's side)
        # must not fail the run after every test has passed; the database is this worker's alone.
        cursor.execute(f'DROP DATABASE IF EXISTS "{worker_db}" WITH (FORCE)')


# ---------------------------------------------------------------- SQLite


def _sqlite_dir() -> Path:
    # In memory where the system offers it: the tests commit often, and a disk would sync each commit.
    shm = Path("/dev/shm")  # noqa: S108 — a directory of our own is made inside it
    path = (shm if shm.is_dir() else Path(tempfile.gettempdir())) / "peygir-tests"
    path.mkdir(exist_ok=True)
    return path


@contextmanager
def _file_lock(path: Path):
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _sqlite_setup(connection: Any, worker: str) -> str:
    directory = _sqlite_dir()
    current = PREFIX + migrations_hash()
    worker_db = directory / f"{worker}-{os.getpid()}.sqlite3"
    with _file_lock(directory / "lock"):
        mine = sorted(directory.glob(f"{current}_*.sqlite3"))
        if mine:
            template = mine[-1]
        else:
            template = directory / f"{current}_{int(time.time())}.sqlite3"
            building = directory / f"{current}-{os.getpid()}.build"
            _migrate_into(connection, str(building))
            building.rename(template)
        for stale in directory.glob(f"{PREFIX}*.sqlite3"):
            if _stale(stale.name, current):
                stale.unlink(missing_ok=True)
        shutil.copyfile(template, worker_db)
    _use(connection, str(worker_db))
    return str(worker_db)


# ---------------------------------------------------------------- the fixture's two halves


def setup(worker: str) -> tuple[str, str]:
    """Point the default connection at a fresh copy of the migrated template; (vendor, database)."""
    connection = connections["default"]
    if connection.vendor == "postgresql":
        name = f"test_{connection.settings_dict['NAME']}_{worker}"
        _pg_setup(connection, name)
        return "postgresql", name
    return "sqlite", _sqlite_setup(connection, worker)


def teardown(vendor: str, name: str) -> None:
    connection = connections["default"]
    if vendor == "postgresql":
        _pg_teardown(connection, name)
    else:
        connection.close()
        Path(name).unlink(missing_ok=True)
