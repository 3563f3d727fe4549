"""The benchmark at a tiny scale: it measures every key page, counts queries and writes its reports.

Timing is not asserted here (that is `make bench`'s job on a real data set); correctness is.
"""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.test import Client

from peygir.bench.measure import percentile
from peygir.bench.report import verdicts

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
}


def test_bench_writes_json_and_markdown_with_every_key_page(generated, tmp_path) -> None:
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
    assert set(results["verdicts"]) >= KEY_PAGES | {"actions scan"}
    table = (tmp_path / "results.md").read_text(encoding="utf-8")
    assert "| minutes PDF |" in table and "p95" in table


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
    }
    checks = verdicts(results)
    assert checks["slow"]["ok"] is False and checks["pdf"]["ok"] is True
    assert checks["throughput inbox"]["ok"] is False and checks["actions scan"]["ok"] is True


def test_bare_view_only_in_the_bench_urlconf(settings) -> None:
    assert Client().get("/bench/bare/").status_code == 404
    settings.ROOT_URLCONF = "peygir.bench.urls"
    response = Client().get("/bench/bare/")
    assert response.status_code == 200 and response.content == b"ok"
