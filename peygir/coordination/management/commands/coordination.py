"""`peygir coordination scan [--county ID …] [--recent]`: the background pass for parallel work
(candidate pairs across organizations). Thin: the work is in peygir.coordination.scan. Idempotent; the
whole pass nightly, `--recent` (what was indexed since the last pass) every minute
(docs/coordination.md)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from peygir.coordination.scan import recent_since, scan
from peygir.core.text import to_latin_digits, to_persian_digits


def county_id(value: str) -> int:
    text = to_latin_digits(value.strip())
    if not text.isascii() or not text.isdigit() or len(text) > 18:
        raise CommandError(_("شناسه شهرستان باید عدد باشد."))
    return int(text)


class Command(BaseCommand):
    help = "Parallel work: find candidate pairs across organizations (بررسی موازی‌کاری)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        scan_parser = sub.add_parser("scan", help="find candidate pairs, county by county")
        scan_parser.add_argument("--county", dest="counties", action="append", default=None)
        scan_parser.add_argument(
            "--recent", action="store_true", help="only records indexed since the last pass (every minute)"
        )

    def handle(self, *args, **options) -> None:
        counties = [county_id(v) for v in options["counties"]] if options.get("counties") else None
        result = scan(county_ids=counties, since=recent_since() if options["recent"] else None)
        for persian, english, value in (
            (_("شهرستان‌ها"), "counties", result.counties),
            (_("سوابق کار"), "records", result.records),
            (_("مقایسه‌ها"), "compared", result.compared),
            (_("جفت‌های یافته"), "pairs found", result.found),
            (_("جفت‌های تازه"), "new pairs", result.created),
        ):
            self.stdout.write(f"{persian} ({english}): {to_persian_digits(value)}")
        self.stdout.write(f"{result.seconds:.2f} s")
