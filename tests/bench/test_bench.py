"""The benchmark at a tiny scale: it measures every key page, counts queries and writes its reports.

Timing is not asserted here (that is `make bench`'s job on a real data set); correctness is.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from peygir.bench.measure import percentile
from peygir.bench.report import DRAW_CHECK, RECENT_CHECK, SYNC_CHECK, SYNC_VISITS, verdicts

pytestmark = pytest.mark.django_db

KEY_PAGES = {
    "inbox (agency liaison)",
    "inbox ?state=overdue",
    "inbox ?q= (search)",
    "inbox (province staff, agency filter)",
    "start page (province staff)",
    "committee page",
    "meeting page",
    "organization record",
    "API actions list (liaison)",
    "minutes PDF",
    # Issue 10's pages, the portal as the generated NGO representative and the guard's decision page.
    "grants: call page",
    "grants: NGO portal",
    "grants: decision page (guard)",
}


def _inspections_rows() -> dict[str, int]:
    """Rows of every inspections table (the M2M tables too), and the actions findings would make (not
    their events: the escalation scan the bench also runs adds events, and is not rolled back)."""
    models = [*apps.get_app_config("inspections").get_models(include_auto_created=True)]
    models.append(apps.get_model("actions", "Action"))
    return {model._meta.db_table: model.objects.count() for model in models}


def _media_files() -> set[str]:
    return {str(path) for path in Path(settings.MEDIA_ROOT).rglob("*")}


def test_bench_writes_json_and_markdown_with_every_key_page(generated, tmp_path) -> None:
    rows, media = _inspections_rows(), _media_files()
    call_command(
        "bench",
        "--repeats",
        "2",
        "--pdf-repeats",
        "1",
        "--load-seconds",
        "0",
        "--mixed-seconds",
        "0",
        "--out",
        str(tmp_path),
        stdout=None,
    )
    results = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    pages = {page["name"]: page for page in results["pages"]}
    assert KEY_PAGES <= set(pages)
    for name in KEY_PAGES:
        assert pages[name]["status"] == 200, name
        assert pages[name]["queries"] > 0 and pages[name]["p95_ms"] >= pages[name]["p50_ms"] > 0
    assert results["subjects"]["meeting_resolutions"] == 20
    assert results["data"]["rows"]["actions"] > 0
    # The scan ran twice and the second found nothing new (idempotent).
    assert results["scan"]["idempotent"] is True
    assert set(results["verdicts"]) >= KEY_PAGES | {"actions scan", DRAW_CHECK, SYNC_CHECK, RECENT_CHECK}
    # Coordination's recent pass read the minute of new work it wrote (rolled back: test_coordination_bench).
    assert results["coordination"]["indexed"] == results["coordination"]["written"] > 0
    # Next month drawn and sealed for every plan, then 50 visits synced with a photo each, all posted
    # through the phone's endpoints without an error...
    drawn, synced = results["inspections"]["draw"], results["inspections"]["sync"]
    assert drawn["plans"] == drawn["drawn"] > 0 and drawn["visits"] > 0
    assert drawn["sealed"] is True and drawn["verified"] is True and drawn["seconds"] > 0
    assert synced["visits"] == synced["submissions"] == synced["photos"] == SYNC_VISITS
    assert synced["requests"] == 2 * SYNC_VISITS and synced["errors"] == 0 and synced["seconds"] > 0
    for name in (DRAW_CHECK, SYNC_CHECK):
        assert results["verdicts"][name]["value"] > 0 and "ok" in results["verdicts"][name]
    # ... and all of it rolled back: the inspections tables hold what they held, no photo is left.
    assert _inspections_rows() == rows
    assert _media_files() == media
    table = (tmp_path / "results.md").read_text(encoding="utf-8")
    assert "| minutes PDF |" in table and "p95" in table
    assert "Inspections (issue 11" in table and f"sync of {SYNC_VISITS} offline visits" in table
    assert "Coordination (issue 13" in table and "| coordination check: directive (province) |" in table


def test_percentile_is_nearest_rank() -> None:
    samples = [float(n) for n in range(1, 21)]
    assert percentile(samples, 0.95) == 19.0
    assert percentile(samples, 0.5) == 10.0
    assert percentile([5.0], 0.95) == 5.0


def test_verdicts_flag_misses() -> None:
    results = {
        "pages": [
            {"name": "slow", "group": "page", "p95_ms": 400.0, "status": 200},
            {"name": "pdf", "group": "pdf", "p95_ms": 900.0, "status": 200},
        ],
        "load": {"ratios": {"inbox": 0.1}},
        "scan": {"first": {"seconds": 2.0}, "idempotent": True},
        "inspections": {
            "draw": {"seconds": 3.0, "plans": 430, "drawn": 430, "sealed": True, "verified": True},
            "sync": {"seconds": 6.5, "visits": 50, "errors": 0},
        },
    }
    checks = verdicts(results)
    assert checks["slow"]["ok"] is False and checks["pdf"]["ok"] is True
    assert checks["throughput inbox"]["ok"] is False and checks["actions scan"]["ok"] is True
    assert checks[DRAW_CHECK]["ok"] is True and checks[SYNC_CHECK]["ok"] is False
    # A draw that left a due plan undrawn, or a sync short of 50 visits, misses however fast.
    results["inspections"]["draw"]["drawn"] = 429
    results["inspections"]["sync"].update(seconds=1.0, visits=49)
    checks = verdicts(results)
    assert checks[DRAW_CHECK]["ok"] is False and checks[SYNC_CHECK]["ok"] is False


def test_bare_view_only_in_the_bench_urlconf(settings) -> None:
    assert Client().get("/bench/bare/").status_code == 404
    settings.ROOT_URLCONF = "peygir.bench.urls"
    response = Client().get("/bench/bare/")
    assert response.status_code == 200 and response.content == b"ok"
