"""`peygir generate --scale S [--seed N]`: fill the database with a national-shaped deployment.

Thin: the work is in peygir.bench.generator. Prints what it wrote and how long it took.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from peygir.bench.generator import AlreadyGenerated, generate


class Command(BaseCommand):
    requires_system_checks: list = []  # data only: do not import URLconfs being written by others
    help = "Generate a deterministic national-scale data set (S = 1: 31 provinces, 1,000,000 actions)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", type=float, default=0.01, help="1 = national deployment")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--today", default=None, help="ISO date the data is generated around")
        parser.add_argument("--provinces", type=int, default=31, help="fewer provinces (tests)")
        parser.add_argument("--json", dest="json_path", default=None, help="write the report here")

    def handle(self, *args: Any, **options: Any) -> None:
        today = dt.date.fromisoformat(options["today"]) if options["today"] else None
        if options["scale"] <= 0:
            raise CommandError(_("مقیاس باید عددی مثبت باشد."))
        try:
            result = generate(
                scale=options["scale"], seed=options["seed"], today=today, provinces=options["provinces"]
            )
        except AlreadyGenerated as exc:
            raise CommandError(
                _("این پایگاه داده پیش‌تر داده ساختگی دارد؛ در پایگاه داده‌ای تازه اجرا کنید.")
            ) from exc
        total = sum(result.counts.values())
        for table, count in result.counts.items():
            self.stdout.write(f"  {table:40} {count:>12,}")
        for step, seconds in result.timings.items():
            self.stdout.write(f"  [{seconds:8.2f} s] {step}")
        if result.coordination:
            self.stdout.write(
                "  coordination: "
                + ", ".join(f"{name} {value:,}" for name, value in result.coordination.items())
            )
        self.stdout.write(
            f"generated scale {result.plan.scale} seed {result.seed}: {total:,} rows "
            f"in {result.seconds:.1f} s ({total / max(result.seconds, 0.001):,.0f} rows/s)"
        )
        if options["json_path"]:
            report = {
                "plan": result.plan.as_dict(),
                "seed": result.seed,
                "today": result.today.isoformat(),
                "seconds": round(result.seconds, 2),
                "counts": result.counts,
                "timings": result.timings,
                "coordination": result.coordination,
                "digests": result.digests,
            }
            with open(options["json_path"], "w", encoding="utf-8") as handle:
                json.dump(report, handle, ensure_ascii=False, indent=2)
