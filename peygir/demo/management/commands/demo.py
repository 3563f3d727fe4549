"""`peygir demo load [--if-empty] [--today DATE]` and `peygir demo logins [--port N]`.

Thin: the story is in peygir.demo.loader; the people in peygir.demo.personas.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from peygir.coordination.scan import scan as coordination_scan
from peygir.core.jalali import JalaliDateError, format_jalali, parse_jalali_date
from peygir.core.jalali import today as local_today
from peygir.demo.loader import SEASONS, is_empty, load_demo
from peygir.demo.personas import DEMO_PASSWORD, PERSONAS
from peygir.search import indexing as search_indexing


class Command(BaseCommand):
    help = "Demo data: load the seed scenarios, print the demo logins."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        load = sub.add_parser("load", help="load territories, organizations, people and the scenarios")
        load.add_argument("--if-empty", action="store_true", help="do nothing when data already exists")
        load.add_argument("--today", default=None, help="the demo's today (Jalali 1402/07/30 or ISO date)")
        load.add_argument(
            "--seasons",
            type=int,
            default=SEASONS,
            choices=range(2, SEASONS + 1),
            metavar=f"2..{SEASONS}",
            help=f"seasons of the five harms' indicator history (default {SEASONS}; fewer load faster)",
        )
        logins = sub.add_parser("logins", help="print persona → username → password → what to look at")
        logins.add_argument("--port", type=int, default=8000)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "load":
            self.load(if_empty=options["if_empty"], today_text=options["today"], seasons=options["seasons"])
        else:
            self.logins(port=options["port"])

    def load(self, *, if_empty: bool, today_text: str | None, seasons: int = SEASONS) -> None:
        if getattr(settings, "PRODUCTION", False):
            raise CommandError(
                "demo load refuses to run with PEYGIR_PRODUCTION=1 (it creates known passwords)"
            )
        if not is_empty():
            if if_empty:
                self.stdout.write("demo load: the database already has data; nothing to do.")
                return
            raise CommandError("demo load: the database is not empty; use a fresh database or --if-empty")
        try:
            today = parse_jalali_date(today_text) if today_text else local_today()
        except JalaliDateError as exc:
            raise CommandError(f"--today: {exc}") from exc
        # The story's rows are indexed for search once, in bulk, rather than one by one at its commit.
        with search_indexing.paused():
            result = load_demo(today=today, seasons=seasons)
        search_indexing.reindex_all()
        # The nightly parallel-work pass, once, so the coordination view and review have their pairs.
        coordination_scan()
        t = result.timeline
        self.stdout.write(
            f"demo load: territories ({result.territory_summary}); "
            f"{len(result.directory.orgs)} organizations, {len(result.cast)} logins.\n"
            f"  today {format_jalali(t.today, persian=False)}; meeting 1 on {format_jalali(t.first_meeting, persian=False)}, "
            f"S3 meeting on {format_jalali(t.s3_meeting, persian=False)}.\n"
            "  Run `peygir actions scan` to climb the escalation ladder, then `peygir demo logins`."
        )

    def logins(self, *, port: int) -> None:
        existing = set(
            get_user_model()
            .objects.filter(username__in=[p.username for p in PERSONAS])
            .values_list("username", flat=True)
        )
        url = f"http://127.0.0.1:{port}"
        rows = [("persona", "username", "password", "what to look at")]
        rows += [(p.label, p.username, DEMO_PASSWORD, p.look_at) for p in PERSONAS if p.primary]
        widths = [max(len(r[i]) for r in rows) for i in range(3)]
        lines = [f"Peygir demo — open {url}/ and sign in (admin site: {url}/admin/)", ""]
        for index, row in enumerate(rows):
            lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:3])) + "  " + row[3])
            if index == 0:
                lines.append("  ".join("-" * w for w in widths) + "  " + "-" * 15)
        others = ", ".join(p.username for p in PERSONAS if not p.primary)
        lines += ["", f"Other logins — agencies' liaisons, facilitators (same password): {others}"]
        if len(existing) < len(PERSONAS):
            lines += ["", "Note: the demo is not loaded in this database yet; run `peygir demo load`."]
        self.stdout.write("\n".join(lines))
