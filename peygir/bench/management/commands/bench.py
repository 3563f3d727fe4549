"""`peygir bench`: measure the key pages, the API, the minutes PDF, throughput, the escalation scan, the
inspections' draw of a month and sync of 50 offline visits, and coordination's recent pass after a minute
of new work (both rolled back: the data stays as generated).

Runs against the database in DATABASE_URL (filled by `peygir generate`); writes var/bench/results.json
and var/bench/results.md. `make bench` wraps it (see docs/performance.md).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
import time
from io import StringIO
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from peygir.actions.models import Action, ActionEvent, EscalationStep
from peygir.bench import report
from peygir.bench.coordination_measure import measure_recent_pass
from peygir.bench.inspections_measure import measure_inspections
from peygir.bench.load import Server, run_load, session_cookie
from peygir.bench.measure import Runner
from peygir.bench.mixed import Writers, parse_duration, worker_rss_kib
from peygir.bench.targets import key_targets, pick_subjects
from peygir.committees.models import Committee, Meeting, Resolution
from peygir.demands.models import Demand
from peygir.organizations.models import Organization
from peygir.territory.models import Territory


class Command(BaseCommand):
    help = "Benchmark the key pages and endpoints against a generated database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--repeats", type=int, default=20, help="requests per page for p50/p95")
        parser.add_argument("--pdf-repeats", type=int, default=5)
        parser.add_argument("--load-seconds", type=int, default=10, help="0 skips the throughput run")
        parser.add_argument("--connections", type=int, default=4)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--mixed-seconds", type=int, default=10, help="readers with writers; 0 skips")
        parser.add_argument("--write-rate", type=float, default=20.0, help="writes a second, whole country")
        parser.add_argument("--soak", default="", help="e.g. 30m: the mixed run repeated, memory sampled")
        parser.add_argument("--no-scan", action="store_true", help="skip timing `peygir actions scan`")
        parser.add_argument(
            "--no-inspections",
            action="store_true",
            help="skip timing the draw of next month and the sync of 50 offline visits",
        )
        parser.add_argument(
            "--no-coordination",
            action="store_true",
            help="skip timing coordination's recent pass after a minute of new work records",
        )
        parser.add_argument(
            "--only",
            default="",
            help="measure only the pages whose name or group matches this regular expression "
            "(e.g. 'evaluation|search'); the load and mixed runs are then skipped (the scan, the "
            "inspections' draw and sync and the coordination pass still run unless --no-scan, "
            "--no-inspections, --no-coordination)",
        )
        parser.add_argument("--out", default=str(settings.VAR_DIR / "bench"), help="directory for results")
        parser.add_argument("--command-line", default="", help="how this run was started (for the report)")

    def handle(self, *args: Any, **options: Any) -> None:
        out = Path(options["out"])
        out.mkdir(parents=True, exist_ok=True)
        started = dt.datetime.now(dt.UTC).replace(microsecond=0)
        subjects = pick_subjects()
        targets = key_targets(subjects, pdf_repeats=options["pdf_repeats"])
        if options["only"]:
            # Measuring one group while working on it: the whole-run parts are left out with the others.
            wanted = re.compile(options["only"])
            targets = [t for t in targets if wanted.search(t.name) or wanted.search(t.group)]
            options.update(load_seconds=0, mixed_seconds=0, soak="")
        runner = Runner()
        pages, skipped = [], []
        for target in targets:
            result = runner.measure(target, options["repeats"])
            if result.status == 405:  # a POST-only endpoint among the mounted demand URLs
                skipped.append(f"{result.name}: GET not allowed")
                continue
            pages.append(result.as_dict())
            self.stdout.write(
                f"  {result.name:45} {result.status} p50 {result.p50_ms:8.1f} ms  p95 {result.p95_ms:8.1f} ms"
                f"  {result.queries:3} queries"
            )
        if not any(t.group == "demands" for t in targets):
            skipped.append("demand pages: peygir/web/urls_demands.py mounts none yet")
        results: dict[str, Any] = {
            "command": options["command_line"] or " ".join(["peygir", *sys.argv[1:]]),
            "started_at": started.isoformat(),
            "machine": report.machine(),
            "data": self.data_summary(out),
            "subjects": subjects.notes,
            "pages": pages,
            "skipped": skipped,
        }
        if options["load_seconds"] > 0:
            results["load"] = self.load(subjects, options)
        if options["mixed_seconds"] > 0:
            results["mixed"] = self.mixed(subjects, options)
        if options["soak"]:
            results["soak"] = self.soak(subjects, options)
        if not options["no_scan"]:
            results["scan"] = self.scan()
        if not options["no_inspections"]:
            inspections = self.inspections()
            if inspections is None:
                skipped.append("inspections draw and sync: the data holds no approved inspection plan")
            else:
                results["inspections"] = inspections
        if not options["no_coordination"]:
            recent = self.coordination()
            if recent is None:
                skipped.append("coordination recent pass: no county with a facilitation office to write in")
            else:
                results["coordination"] = recent
        results["verdicts"] = report.verdicts(results)
        (out / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
        (out / "results.md").write_text(report.markdown(results), encoding="utf-8")
        missed = [name for name, check in results["verdicts"].items() if not check["ok"]]
        self.stdout.write(
            f"results: {out / 'results.json'}, {out / 'results.md'}; targets missed: {missed or 'none'}"
        )

    def data_summary(self, out: Path) -> dict[str, Any]:
        rows = {
            "neighbourhoods": Territory.objects.filter(kind=Territory.Kind.NEIGHBOURHOOD).count(),
            "agencies": Organization.objects.filter(kind=Organization.Kind.AGENCY).count(),
            "committees": Committee.objects.count(),
            "meetings": Meeting.objects.count(),
            "resolutions": Resolution.objects.count(),
            "actions": Action.objects.count(),
            "action events": ActionEvent.objects.count(),
            "demands": Demand.objects.count(),
        }
        summary: dict[str, Any] = {"rows": rows}
        generated = out / "generate.json"
        if generated.exists():
            info = json.loads(generated.read_text(encoding="utf-8"))
            summary.update(scale=info["plan"]["scale"], seed=info["seed"], generate_seconds=info["seconds"])
        return summary

    def load(self, subjects: Any, options: dict[str, Any]) -> dict[str, Any]:
        seconds, connections = options["load_seconds"], options["connections"]
        liaison, staff = session_cookie(subjects.liaison_id), session_cookie(subjects.staff_id)
        runs = []
        with Server(workers=options["workers"]) as server:
            plan = [
                ("bare view", "/bench/bare/", liaison),
                ("inbox (agency liaison)", "/inbox/", liaison),
                ("start page (province staff)", "/", staff),
                ("start page (agency liaison)", "/", liaison),
            ]
            for name, path, cookie in plan:
                result = run_load(
                    name, server.base + path, cookie=cookie, seconds=seconds, connections=connections
                )
                runs.append(result.as_dict())
                self.stdout.write(f"  load {name:40} {result.rps:8.1f} req/s  errors {result.errors}")
        bare = runs[0]["rps"] or 1
        return {
            "tool": runs[0]["tool"],
            "seconds": seconds,
            "connections": connections,
            "workers": options["workers"],
            "runs": runs,
            "ratios": {run["name"]: round(run["rps"] / bare, 3) for run in runs[1:]},
        }

    def mixed(self, subjects: Any, options: dict[str, Any], server: Any = None) -> dict[str, Any]:
        """The bare view alone, then the inbox and the start page while writers write across the
        provinces at --write-rate; read throughput as a ratio to the bare view of the same run."""
        seconds, connections = options["mixed_seconds"], options["connections"]
        liaison, staff = session_cookie(subjects.liaison_id), session_cookie(subjects.staff_id)
        runs = []
        with Server(workers=options["workers"]) if server is None else _Borrowed(server) as live:
            bare = run_load(
                "bare view",
                live.base + "/bench/bare/",
                cookie=liaison,
                seconds=seconds,
                connections=connections,
            )
            runs.append(bare.as_dict())
            with Writers(rate=options["write_rate"], seconds=seconds * 2 + 5) as writers:
                time.sleep(2)  # the writers' processes start (Django set-up) before the readers
                for name, path, cookie in [
                    ("inbox (agency liaison)", "/inbox/", liaison),
                    ("start page (province staff)", "/", staff),
                ]:
                    result = run_load(
                        f"{name} + writes",
                        live.base + path,
                        cookie=cookie,
                        seconds=seconds,
                        connections=connections,
                    )
                    runs.append(result.as_dict())
                written = writers.results()
        for run in runs:
            self.stdout.write(f"  mixed {run['name']:40} {run['rps']:8.1f} req/s  errors {run['errors']}")
        self.stdout.write(f"  mixed writes {written}")
        base = runs[0]["rps"] or 1
        return {
            "tool": runs[0]["tool"],
            "seconds": seconds,
            "connections": connections,
            "workers": options["workers"],
            "write_rate": options["write_rate"],
            "writers": written,
            "runs": runs,
            "ratios": {run["name"]: round(run["rps"] / base, 3) for run in runs[1:]},
        }

    def soak(self, subjects: Any, options: dict[str, Any]) -> dict[str, Any]:
        """The mixed run over and over for --soak (bounded), the workers' memory sampled each round."""
        total = parse_duration(options["soak"])
        rounds, errors, requests = [], 0, 0
        started = time.monotonic()
        with Server(workers=options["workers"]) as server:
            while time.monotonic() - started < total:
                result = self.mixed(subjects, {**options, "mixed_seconds": 30}, server=server)
                errors += sum(r["errors"] for r in result["runs"]) + result["writers"]["errors"]
                requests += sum(r["requests"] for r in result["runs"])
                rounds.append(
                    {
                        "at_s": round(time.monotonic() - started),
                        "worker_rss_kib": worker_rss_kib(server.process.pid),
                        "ratios": result["ratios"],
                        "writes": result["writers"]["writes"],
                    }
                )
                self.stdout.write(f"  soak {rounds[-1]}")
        first, last = sum(rounds[0]["worker_rss_kib"]), sum(rounds[-1]["worker_rss_kib"])
        return {
            "seconds": total,
            "rounds": rounds,
            "requests": requests,
            "errors": errors,
            "error_rate": round(errors / max(requests, 1), 6),
            "rss_growth": round((last - first) / max(first, 1), 3),
        }

    def scan(self) -> dict[str, Any]:
        """`peygir actions scan` (the command itself, in this process), twice: the second finds nothing."""
        from django.core.management import call_command

        runs = []
        for _ in range(2):
            before = EscalationStep.objects.count()
            started = time.perf_counter()
            call_command("actions", "scan", "--no-deliver", stdout=StringIO())
            seconds = round(time.perf_counter() - started, 2)
            runs.append({"seconds": seconds, "new_steps": EscalationStep.objects.count() - before})
            self.stdout.write(f"  actions scan: {seconds} s, {runs[-1]['new_steps']} new rungs")
        return {
            "actions": Action.objects.count(),
            "first": runs[0],
            "second": runs[1],
            "idempotent": runs[1]["new_steps"] == 0,
        }

    def inspections(self) -> dict[str, Any] | None:
        """Issue 11's draw of a country's month and sync of 50 offline visits, in one transaction rolled
        back afterwards (`peygir/bench/inspections_measure.py`)."""
        result = measure_inspections()
        if result is not None:
            d, s = result["draw"], result["sync"]
            self.stdout.write(
                f"  inspections draw {d['period']}: {d['seconds']} s, {d['drawn']} of {d['plans']} plans, "
                f"{d['visits']} visits"
            )
            self.stdout.write(
                f"  inspections sync: {s['seconds']} s, {s['visits']} visits with a photo, {s['errors']} errors"
            )
        return result

    def coordination(self) -> dict[str, Any] | None:
        """Issue 13's recent pass (`coordination scan --recent`) after a minute's worth of new work, in
        one transaction rolled back afterwards (`peygir/bench/coordination_measure.py`)."""
        result = measure_recent_pass()
        if result is not None:
            self.stdout.write(
                f"  coordination recent pass: {result['seconds']} s, {result['indexed']} of {result['written']} "
                f"new records in {result['counties']} counties ({result['county_records']:,} records), "
                f"{result['compared']:,} compared, {result['found']} pairs"
            )
        return result


class _Borrowed:
    """A running server used as a context without stopping it (the soak's rounds share one)."""

    def __init__(self, server: Any) -> None:
        self.server = server

    def __enter__(self) -> Any:
        return self.server

    def __exit__(self, *exc: Any) -> None:
        return None
