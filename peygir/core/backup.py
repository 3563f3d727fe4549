"""Backup and restore: the database and the uploaded files, with a manifest of checksums.

`peygir backup [--output DIR]` writes one directory:

    manifest.json   what was written: format, time, per-model row counts, every file's sha256 and size
    db.json         the database (dumpdata, natural keys) — or db.dump (pg_dump -Fc) with --format=pg
    media/…         a copy of MEDIA_ROOT (evidence, attachments, minutes …)

`peygir restore DIR` checks every checksum BEFORE touching anything, refuses a database that already
holds data (unless --force, which empties it first), loads the dump, copies the files back, and then
checks again: every model's row count equals the manifest's and every file's checksum matches.
Procedure, drill and timings: docs/operations.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections

MANIFEST = "manifest.json"
JSON_DUMP = "db.json"
PG_DUMP = "db.dump"
MEDIA = "media"
# Rebuilt by `migrate` itself; dumping them would clash with the rows migrate creates.
EXCLUDE = ["contenttypes", "auth.permission", "sessions", "admin.logentry"]
# Rows a fresh database has without anyone's data: the data version's counter (peygir/core/dataversion.py).
RECREATED = {"core.dataversion"}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why (nothing was changed)."""


@dataclass
class Report:
    directory: Path
    rows: int
    files: int
    seconds: float


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def model_counts() -> dict[str, int]:
    """Rows per model of the dump (the same models dumpdata writes)."""
    counts = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.proxy or not model._meta.managed or _excluded(label):
            continue
        counts[label] = model._default_manager.using(DEFAULT_DB_ALIAS).count()
    return counts


def _excluded(label: str) -> bool:
    app = label.split(".")[0]
    return label in EXCLUDE or app in EXCLUDE


def _files(root: Path) -> dict[str, dict[str, Any]]:
    if not root.exists():
        return {}
    return {
        str(path.relative_to(root)): {"sha256": sha256(path), "size": path.stat().st_size}
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def backup(output: Path | None = None, *, fmt: str = "json") -> Report:
    """Write a backup directory (see the module's doc); returns where and how much."""
    started = dt.datetime.now(dt.UTC)
    stamp = started.strftime("%Y%m%d-%H%M%S")
    directory = Path(output) if output else Path(settings.VAR_DIR) / "backups" / stamp
    if directory.exists() and any(directory.iterdir()):
        raise BackupError(f"{directory} is not empty")
    directory.mkdir(parents=True, exist_ok=True)
    vendor = connections[DEFAULT_DB_ALIAS].vendor
    if fmt == "pg":
        if vendor != "postgresql":
            raise BackupError("--format=pg needs PostgreSQL")
        _pg_dump(directory / PG_DUMP)
        dump = PG_DUMP
    else:
        call_command(
            "dumpdata",
            exclude=EXCLUDE,
            # Primary keys are kept (no natural_primary): a restored record answers at the same
            # address, in links and in the API, as before.
            natural_foreign=True,
            output=str(directory / JSON_DUMP),
            verbosity=0,
        )
        dump = JSON_DUMP
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.exists():
        shutil.copytree(media_root, directory / MEDIA, dirs_exist_ok=True)
    counts = model_counts()
    manifest = {
        "format": fmt,
        "created_at": started.isoformat(),
        "database_vendor": vendor,
        "dump": {"name": dump, "sha256": sha256(directory / dump), "size": (directory / dump).stat().st_size},
        "models": counts,
        "media": _files(directory / MEDIA),
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True))
    seconds = (dt.datetime.now(dt.UTC) - started).total_seconds()
    return Report(directory, sum(counts.values()), len(manifest["media"]), seconds)


def verify(directory: Path) -> dict[str, Any]:
    """The manifest, once every checksum in it matches the files on disk (else BackupError)."""
    path = Path(directory) / MANIFEST
    if not path.exists():
        raise BackupError(f"no {MANIFEST} in {directory}")
    manifest = json.loads(path.read_text())
    dump = Path(directory) / manifest["dump"]["name"]
    if not dump.exists() or sha256(dump) != manifest["dump"]["sha256"]:
        raise BackupError(f"{dump.name}: missing or its checksum does not match the manifest")
    for name, meta in manifest["media"].items():
        file = Path(directory) / MEDIA / name
        if not file.exists() or sha256(file) != meta["sha256"]:
            raise BackupError(f"media/{name}: missing or its checksum does not match the manifest")
    return manifest


def restore(directory: Path, *, force: bool = False) -> Report:
    """Load a backup into this database and MEDIA_ROOT, then prove it (see the module's doc)."""
    started = dt.datetime.now(dt.UTC)
    directory = Path(directory)
    manifest = verify(directory)
    held = [label for label, n in model_counts().items() if n and label not in RECREATED]
    if held:
        if not force:
            raise BackupError(
                f"the database already holds data ({held[0]} …): restore into a fresh one, or pass --force"
            )
        call_command("flush", interactive=False, verbosity=0)
    if manifest["format"] == "pg":
        _pg_restore(directory / PG_DUMP)
    else:
        call_command("loaddata", str(directory / JSON_DUMP), verbosity=0)
    media_root = Path(settings.MEDIA_ROOT)
    for name in manifest["media"]:
        target = media_root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(directory / MEDIA / name, target)
    problems = check_restored(manifest)
    if problems:
        raise BackupError("restored, but it does not match the backup: " + "; ".join(problems[:10]))
    seconds = (dt.datetime.now(dt.UTC) - started).total_seconds()
    return Report(directory, sum(manifest["models"].values()), len(manifest["media"]), seconds)


def check_restored(manifest: dict[str, Any]) -> list[str]:
    """What differs between the manifest and this database and MEDIA_ROOT (empty: everything is there)."""
    problems = []
    counts = model_counts()
    for label, expected in manifest["models"].items():
        if label in RECREATED and counts.get(label, 0) >= expected:
            continue  # the restore's own writes move counters (a TRUNCATE adds EPOCH's): more, never fewer
        if counts.get(label, 0) != expected:
            problems.append(f"{label}: {counts.get(label, 0)} rows, {expected} expected")
    media_root = Path(settings.MEDIA_ROOT)
    for name, meta in manifest["media"].items():
        file = media_root / name
        if not file.exists() or sha256(file) != meta["sha256"]:
            problems.append(f"media/{name} missing or different")
    return problems


def _pg_args() -> list[str]:
    db = connections[DEFAULT_DB_ALIAS].settings_dict
    args = ["--dbname", db["NAME"]]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args += [flag, str(db[key])]
    return args


def _pg_env() -> dict[str, str]:
    import os

    password = connections[DEFAULT_DB_ALIAS].settings_dict.get("PASSWORD")
    return {**os.environ, **({"PGPASSWORD": password} if password else {})}


def _pg_dump(target: Path) -> None:
    subprocess.run(
        ["pg_dump", "-Fc", "--no-owner", "-f", str(target), *_pg_args()], check=True, env=_pg_env()
    )


def _pg_restore(source: Path) -> None:
    subprocess.run(
        ["pg_restore", "--no-owner", "--clean", "--if-exists", *_pg_args(), str(source)],
        check=True,
        env=_pg_env(),
    )
