"""`peygir backup [--output DIR] [--format json|pg]`: the database and the uploaded files (peygir/core/backup.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from peygir.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database and MEDIA_ROOT into one directory with a manifest of checksums."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", type=Path, help="Directory to write (default var/backups/<time>/).")
        parser.add_argument("--format", choices=["json", "pg"], default="json", help="pg: pg_dump -Fc.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = backup(options["output"], fmt=options["format"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"{report.directory}: {report.rows} rows, {report.files} files in {report.seconds:.1f} s"
        )
