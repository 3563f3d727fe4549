"""The benchmark's results: the machine, the data, the measurements, the targets — as JSON and markdown."""

from __future__ import annotations

import os
import platform
import subprocess
from typing import Any

from django.db import connection

PAGE_P95_MS = 150
EVALUATION_P95_MS = 300
PDF_MS = 2000
EXPORT_MS = 10_000  # an Excel export of a whole list (20,000 rows at most)
RATIO = 0.25
SCAN_S = 10
INFO = "info"  # a page's group measured without a target of its own
SEARCH_P95_MS = 200  # issue 13 §1: one search over every kind of record
DRAW_S = 10  # issue 11 §5: next month drawn and sealed for every plan of the country
SYNC_S = 5  # issue 11 §5: 50 offline visits, each with a photo, synced by one inspector
SYNC_VISITS = 50
ENTRY_CHECK_P95_MS = 300  # issue 13 §3: the check shown while a record is entered
CHECK_GROUP = "coordination check"  # its pages' group (peygir/bench/coordination_targets.py)
RECENT_PASS_S = 60  # issue 13 §3: "new records are indexed and checked within a minute"
RECENT_CHECK = "coordination: recent pass after a minute of new work"
DRAW_CHECK = "inspections: draw a month (every plan)"
SYNC_CHECK = f"inspections: sync {SYNC_VISITS} offline visits with photos"


def machine() -> dict[str, Any]:
    cpu = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            cpu = next(
                (line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")), ""
            )
    except OSError:
        pass
    memory = ""
    try:
        memory = subprocess.run(
            ["free", "-h"], capture_output=True, text=True, timeout=5
        ).stdout.splitlines()[1]
        memory = " ".join(memory.split()[:2])
    except (OSError, IndexError, subprocess.SubprocessError):
        pass
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            database = f"PostgreSQL {cursor.fetchone()[0]}"
        else:
            database = connection.vendor
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory": memory,
        "python": platform.python_version(),
        "database": database,
        "platform": platform.platform(),
    }


def verdicts(results: dict[str, Any]) -> dict[str, Any]:
    """Each performance target (the limits above) with its measured value and whether it is met."""
    checks: dict[str, Any] = {}
    for page in results["pages"]:
        if page["group"] == INFO:
            continue  # measured to be read beside a target, not held to one
        if page["group"] == "pdf":
            checks[page["name"]] = {
                "target": f"< {PDF_MS} ms",
                "value": page["p95_ms"],
                "ok": page["p95_ms"] < PDF_MS,
            }
        else:
            # The evaluation's aggregates over a year of a province (or the country): 300 ms (issue 12);
            # the search over every kind of record: 200 ms (issue 13).
            # The entry-time check of parallel work: 300 ms (issue 13).
            limit = {
                "evaluation": EVALUATION_P95_MS,
                "search": SEARCH_P95_MS,
                "export": EXPORT_MS,
                CHECK_GROUP: ENTRY_CHECK_P95_MS,
            }.get(page["group"], PAGE_P95_MS)
            ok = page["p95_ms"] < limit and page["status"] == 200
            checks[page["name"]] = {"target": f"p95 < {limit} ms", "value": page["p95_ms"], "ok": ok}
    for name, ratio in (results.get("load") or {}).get("ratios", {}).items():
        checks[f"throughput {name}"] = {"target": f">= {RATIO}", "value": ratio, "ok": ratio >= RATIO}
    mixed = results.get("mixed")
    if mixed:
        errors = sum(run["errors"] for run in mixed["runs"]) + mixed["writers"]["errors"]
        for name, ratio in mixed["ratios"].items():
            checks[f"mixed {name}"] = {
                "target": f">= {RATIO}, errors 0",
                "value": ratio,
                "ok": ratio >= RATIO and errors == 0,
            }
    soak = results.get("soak")
    if soak:
        checks["soak"] = {"target": "errors 0", "value": soak["error_rate"], "ok": soak["errors"] == 0}
    scan = results.get("scan")
    if scan:
        checks["actions scan"] = {
            "target": f"< {SCAN_S} s, idempotent",
            "value": scan["first"]["seconds"],
            "ok": scan["first"]["seconds"] < SCAN_S and scan["idempotent"],
        }
    inspections = results.get("inspections")
    if inspections:
        d, s = inspections["draw"], inspections["sync"]
        checks[DRAW_CHECK] = {
            "target": f"< {DRAW_S} s, every due plan sealed",
            "value": d["seconds"],
            # An empty draw (no plan due) proves nothing, however fast.
            "ok": d["seconds"] < DRAW_S and 0 < d["drawn"] == d["plans"] and d["sealed"] and d["verified"],
        }
        checks[SYNC_CHECK] = {
            "target": f"< {SYNC_S} s, {SYNC_VISITS} visits, errors 0",
            "value": s["seconds"],
            "ok": s["seconds"] is not None
            and s["seconds"] < SYNC_S
            and s["visits"] == SYNC_VISITS
            and s["errors"] == 0,
        }
    recent = results.get("coordination")
    if recent:
        checks[RECENT_CHECK] = {
            "target": f"< {RECENT_PASS_S} s, every new record compared",
            "value": recent["seconds"],
            # A pass that read none of the new records proves nothing, however fast.
            "ok": recent["seconds"] < RECENT_PASS_S and 0 < recent["indexed"] <= recent["county_records"],
        }
    return checks


def markdown(results: dict[str, Any]) -> str:
    m, data = results["machine"], results["data"]
    lines = [
        f"Command: `{results['command']}`  ",
        f"Machine: {m['nproc']} cores, {m['cpu']}, {m['memory']} RAM, {m['database']}, Python {m['python']}  ",
        f"Run at: {results['started_at']}; data: scale {data.get('scale', '?')}, "
        + ", ".join(f"{k} {v:,}" for k, v in data["rows"].items()),
        "",
        "| page / endpoint | status | p50 ms | p95 ms | SQL queries | target | met |",
        "|---|---|---:|---:|---:|---|---|",
    ]
    checks = results["verdicts"]
    for page in results["pages"]:
        check = checks.get(page["name"], {})
        met = "yes" if check.get("ok") else "**no**"
        lines.append(
            f"| {page['name']} | {page['status']} | {page['p50_ms']} | {page['p95_ms']} | {page['queries']} "
            f"| {check.get('target', '')} | {met} |"
        )
    load = results.get("load")
    if load:
        lines += ["", f"Throughput ({load['tool']}, {load['seconds']} s each, {load['connections']} connections, "
                  f"gunicorn {load['workers']} workers):", "",
                  "| URL | requests/s | errors | ratio to bare view | target | met |", "|---|---:|---:|---:|---|---|"]  # fmt: skip
        for run in load["runs"]:
            ratio = load["ratios"].get(run["name"])
            check = checks.get(f"throughput {run['name']}", {})
            lines.append(
                f"| {run['name']} | {run['rps']} | {run['errors']} | {'' if ratio is None else ratio} "
                f"| {check.get('target', '')} | {'' if not check else ('yes' if check['ok'] else '**no**')} |"
            )
    mixed = results.get("mixed")
    if mixed:
        w = mixed["writers"]
        lines += ["", f"Reads with writes ({mixed['tool']}, {mixed['seconds']} s each, {mixed['connections']} connections, "
                  f"gunicorn {mixed['workers']} workers; writers: {w['writes']:,} writes at {w['rate_per_s']}/s "
                  f"(asked {mixed['write_rate']}/s), {w['errors']} errors):", "",
                  "| URL | requests/s | errors | ratio to bare view | target | met |", "|---|---:|---:|---:|---|---|"]  # fmt: skip
        for run in mixed["runs"]:
            ratio = mixed["ratios"].get(run["name"])
            check = checks.get(f"mixed {run['name']}", {})
            lines.append(
                f"| {run['name']} | {run['rps']} | {run['errors']} | {'' if ratio is None else ratio} "
                f"| {check.get('target', '')} | {'' if not check else ('yes' if check['ok'] else '**no**')} |"
            )
    soak = results.get("soak")
    if soak:
        rss = [sum(r["worker_rss_kib"]) // 1024 for r in soak["rounds"]]
        lines += ["", f"Soak {soak['seconds']} s: {soak['requests']:,} requests, {soak['errors']} errors; "
                  f"workers' RSS (MiB, summed) per round: {rss} (growth {soak['rss_growth']:.1%})."]  # fmt: skip
    scan = results.get("scan")
    if scan:
        first, second = scan["first"], scan["second"]
        lines += [
            "",
            f"`peygir actions scan` over {scan['actions']:,} actions: first run {first['seconds']} s "
            f"({first['new_steps']:,} new rungs), second run {second['seconds']} s "
            f"({second['new_steps']:,} new rungs; idempotent: {'yes' if scan['idempotent'] else 'NO'}).",
        ]
    inspections = results.get("inspections")
    if inspections:
        d, s = inspections["draw"], inspections["sync"]
        met = {name: ("yes" if checks[name]["ok"] else "**no**") for name in (DRAW_CHECK, SYNC_CHECK)}
        lines += [
            "",
            "Inspections (issue 11; in one transaction, rolled back):",
            "",
            "| measurement | seconds | target | met |",
            "|---|---:|---|---|",
            f"| draw of {d['period']} for every plan: {d['drawn']:,} of {d['plans']:,} plans sealed, "
            f"{d['visits']:,} visits | {d['seconds']} | < {DRAW_S} s "
            f"| {met[DRAW_CHECK]} |",
            f"| sync of {s['visits']} offline visits of one inspector, each a {s.get('photo_pixels', '')} "
            f"photo ({s.get('photo_bytes', 0):,} bytes) and its answers: {s['requests']} requests, "
            f"{s['errors']} errors | {s['seconds']} | < {SYNC_S} s "
            f"| {met[SYNC_CHECK]} |",
        ]
    recent = results.get("coordination")
    if recent:
        met = "yes" if checks[RECENT_CHECK]["ok"] else "**no**"
        lines += [
            "",
            "Coordination (issue 13; in one transaction, rolled back):",
            "",
            "| measurement | seconds | target | met |",
            "|---|---:|---|---|",
            f"| recent pass (`coordination scan --recent`) after {recent['written']} new demands in as many "
            f"counties ({recent['write_seconds']} s to register; {recent['indexed']} routed work in the index): "
            f"{recent['counties']} counties, {recent['county_records']:,} records read, "
            f"{recent['compared']:,} compared, {recent['found']} pairs | {recent['seconds']} "
            f"| < {RECENT_PASS_S} s | {met} |",
        ]
    if results.get("skipped"):
        lines += ["", "Skipped: " + "; ".join(results["skipped"])]
    return "\n".join(lines) + "\n"
