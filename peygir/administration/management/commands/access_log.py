"""`peygir access_log export|purge`: the personal-data access log for auditors, and its retention.

The log (facilitation.SensitiveAccessLog: who read, registered, changed or exported a household's or
a citizen's record, and when) is append-only for everyone else.

    peygir access_log export [--since 1403/01/01] [--until …] [--output FILE]   CSV, UTF-8 with BOM (Excel)
    peygir access_log purge [--dry-run]     deletes rows older than PEYGIR_ACCESS_LOG_RETENTION_DAYS

The export writes no personal data of its own: the record's id and kind, never the citizen's name.
"""

from __future__ import annotations

import csv
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from peygir.core.jalali import JalaliDateError, parse_jalali_date
from peygir.facilitation.models import SensitiveAccessLog

COLUMNS = ["id", "at", "user_id", "username", "kind", "household_id", "demand_id", "detail"]


def _day(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return parse_jalali_date(value)
    except JalaliDateError as exc:
        raise CommandError(str(exc)) from exc


class Command(BaseCommand):
    help = "Export the personal-data access log for auditors (CSV), or purge rows past the retention."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="what", required=True)
        export = sub.add_parser("export")
        export.add_argument("--since")
        export.add_argument("--until")
        export.add_argument("--output", type=Path)
        purge = sub.add_parser("purge")
        purge.add_argument("--dry-run", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["what"] == "export":
            self.export(_day(options.get("since")), _day(options.get("until")), options.get("output"))
        else:
            self.purge(options["dry_run"])

    def export(self, since: dt.date | None, until: dt.date | None, output: Path | None) -> None:
        rows = SensitiveAccessLog.objects.select_related("user").order_by("created_at", "id")
        if since:
            rows = rows.filter(created_at__date__gte=since)
        if until:
            rows = rows.filter(created_at__date__lte=until)
        handle = output.open("w", newline="", encoding="utf-8-sig") if output else sys.stdout
        try:
            writer = csv.writer(handle)
            writer.writerow(COLUMNS)
            for row in rows.iterator(chunk_size=2000):
                writer.writerow(
                    [
                        row.pk,
                        timezone.localtime(row.created_at).isoformat(),
                        row.user_id or "",
                        row.user.get_username() if row.user else "",
                        row.kind,
                        row.household_id or "",
                        row.demand_id or "",
                        row.detail,
                    ]
                )
        finally:
            if output:
                handle.close()

    def purge(self, dry_run: bool) -> None:
        days = int(getattr(settings, "PEYGIR_ACCESS_LOG_RETENTION_DAYS", 1825))
        cutoff = timezone.now() - dt.timedelta(days=days)
        old = SensitiveAccessLog.objects.filter(created_at__lt=cutoff)
        count = old.count()
        if not dry_run:
            old._raw_delete(old.db)  # bulk, by the retention's explicit choice (rows are append-only)
        self.stdout.write(f"{count} rows older than {days} days {'would be' if dry_run else ''} deleted")
