"""`peygir backup` / `peygir restore`: a fresh database gets every record and file back (issue 14 §5)."""

from __future__ import annotations

import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from peygir.core import backup as backups

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


def _snapshot() -> dict[str, set]:
    """Every row of every dumped model, by natural content (ids included: natural_primary keeps them
    for models without a natural key)."""
    rows = {}
    for label in backups.model_counts():
        model = apps.get_model(label)
        rows[label] = set(model._default_manager.values_list("pk", flat=True))
    return rows


# Committed rows: emptying the database (flush) inside the test's transaction is refused by PostgreSQL
# while deferred foreign-key checks are pending, as a real restore never runs inside one.
@pytest.mark.django_db(transaction=True)
def test_restore_into_a_fresh_database_finds_every_record_and_file(world, media, tmp_path):
    world.populate()  # at least one row of every model, evidence and attachments on disk
    files = {p.relative_to(media): p.read_bytes() for p in media.rglob("*") if p.is_file()}
    assert files, "the world has uploaded files"
    before = _snapshot()
    counts = backups.model_counts()
    assert sum(counts.values()) > 50

    out = StringIO()
    call_command("backup", output=tmp_path / "bk", stdout=out)
    assert "rows" in out.getvalue()
    manifest = json.loads((tmp_path / "bk" / "manifest.json").read_text())
    assert manifest["models"] == counts and len(manifest["media"]) == len(files)

    # A fresh database and an empty media directory: nothing of the world is left.
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(media)
    assert backups.model_counts() != counts
    call_command("restore", str(tmp_path / "bk"), stdout=out)
    print(out.getvalue())  # the drill's figures (docs/operations.md), with -s

    restored = backups.model_counts()
    # The data version's counters: the restore's own TRUNCATE may add one (EPOCH's), never lose one.
    assert restored.pop("core.dataversion") >= counts["core.dataversion"]
    assert restored == {k: v for k, v in counts.items() if k != "core.dataversion"}
    after = _snapshot()
    assert after.pop("core.dataversion") >= before.pop("core.dataversion")
    assert after == before
    for name, content in files.items():
        assert (media / name).read_bytes() == content
    from peygir.actions.models import Action

    assert Action.objects.get(pk=world.action.pk).title == world.action.title


def test_a_tampered_backup_is_refused_before_anything_changes(world, media, tmp_path):
    world.populate()
    call_command("backup", output=tmp_path / "bk", stdout=StringIO())
    dump = tmp_path / "bk" / "db.json"
    dump.write_text(dump.read_text().replace("مرکزی", "کرمان", 1))
    counts = backups.model_counts()
    with pytest.raises(CommandError, match="checksum"):
        call_command("restore", str(tmp_path / "bk"), "--force", stdout=StringIO())
    assert backups.model_counts() == counts


def test_a_missing_file_is_refused(world, media, tmp_path):
    world.populate()
    call_command("backup", output=tmp_path / "bk", stdout=StringIO())
    victim = next((tmp_path / "bk" / "media").rglob("*.*"))
    victim.unlink()
    with pytest.raises(CommandError, match="media/"):
        call_command("restore", str(tmp_path / "bk"), "--check", stdout=StringIO())


def test_restore_refuses_a_database_that_holds_data(world, media, tmp_path):
    call_command("backup", output=tmp_path / "bk", stdout=StringIO())
    with pytest.raises(CommandError, match="already holds data"):
        call_command("restore", str(tmp_path / "bk"), stdout=StringIO())


def test_backup_refuses_a_non_empty_directory(world, media, tmp_path):
    (tmp_path / "bk").mkdir()
    (tmp_path / "bk" / "x").write_text("x")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", output=tmp_path / "bk", stdout=StringIO())
