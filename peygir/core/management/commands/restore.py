"""`peygir restore DIR [--force]`: load a backup and prove it complete (peygir/core/backup.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from peygir.core.backup import BackupError, restore, verify


class Command(BaseCommand):
    help = "Restore a backup directory into this (fresh) database and MEDIA_ROOT, checking every checksum."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path)
        parser.add_argument("--force", action="store_true", help="Empty a database that holds data first.")
        parser.add_argument("--check", action="store_true", help="Only verify the backup's checksums.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["check"]:
                manifest = verify(options["directory"])
                self.stdout.write(f"ok: {len(manifest['media'])} files and the dump match the manifest")
                return
            report = restore(options["directory"], force=options["force"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"restored {report.rows} rows and {report.files} files in {report.seconds:.1f} s; all checks passed"
        )
