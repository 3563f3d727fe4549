"""`peygir geo import [PATH ...] [--all]`: load or refresh provinces and counties.

Without PATH it reads the data shipped in the package (all provinces, the counties of the demo's five
provinces); `--all` reads the counties of all 31 provinces from ../shared/data/geo when present.
A user may point it at a newer extract (a directory or files): records are updated in place.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from peygir.territory.importer import ImportError_, find_sources, import_territories, shared_data_dir


class Command(BaseCommand):
    help = "Territories: import provinces and counties from OpenStreetMap GeoJSON extracts."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        imp = sub.add_parser("import", help="import or re-import provinces and counties")
        imp.add_argument("paths", nargs="*", help="directories or .geojson files (default: shipped data)")
        imp.add_argument("--all", action="store_true", help="all 31 provinces from ../shared/data/geo")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "import":
            self._import(options["paths"], use_all=options["all"])

    def _import(self, paths: list[str], *, use_all: bool) -> None:
        chosen: list[Path] = [Path(p) for p in paths]
        if use_all and not chosen:
            shared = shared_data_dir()
            if shared is None:
                raise CommandError("--all: ../shared/data/geo not found; pass the directory as PATH")
            chosen = [shared]
        try:
            sources = find_sources(chosen)
            report = import_territories(sources)
        except ImportError_ as exc:
            raise CommandError(str(exc)) from exc
        for warning in report.warnings:
            self.stderr.write(f"warning: {warning}")
        self.stdout.write(
            f"geo import: provinces file {sources.provinces or '-'}, "
            f"{len(sources.counties)} county files; {report.summary()}"
        )
