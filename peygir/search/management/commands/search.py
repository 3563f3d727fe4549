"""`peygir search reindex [--kind K] [--batch-size N] [--scopes]`: rebuild the search index in bulk.

Thin: the work is in peygir.search.indexing.reindex (streamed in chunks, one upsert per chunk), and
with `--scopes` in peygir.search.backfill (the entries' provinces only, after migration 0004).
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from peygir.search import backfill, indexing, registry


class Command(BaseCommand):
    help = "Search index: rebuild it in bulk (بازسازی نمایه جست‌وجو)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        reindex = sub.add_parser("reindex", help="rebuild every kind's entries, or one kind's")
        reindex.add_argument("--kind", action="append", default=None, help="a kind (repeatable)")
        reindex.add_argument("--batch-size", type=int, default=indexing.BATCH_SIZE)
        reindex.add_argument(
            "--scopes",
            action="store_true",
            help="fill only the entries' provinces, in batches (after migration search 0004)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        known = list(registry.sources())
        kinds = options["kind"] or known
        unknown = [k for k in kinds if k not in known]
        if unknown:
            raise CommandError(f"unknown kind {', '.join(unknown)}; known: {', '.join(known)}")
        if options["batch_size"] <= 0:
            raise CommandError("--batch-size must be positive")
        for kind in kinds:
            started = time.monotonic()
            if options["scopes"]:
                read = backfill.fill_scopes(kind, batch_size=options["batch_size"])
                elapsed = time.monotonic() - started
                self.stdout.write(f"search scopes {kind}: {read} records read ({elapsed:.1f} s)")
                continue
            result = indexing.reindex(kind, batch_size=options["batch_size"])
            self.stdout.write(
                f"search reindex {kind}: {result.written} written, {result.removed} removed "
                f"({time.monotonic() - started:.1f} s)"
            )
