"""The mixed run's machinery (no timing asserted): a plan across the generated provinces, a writer
loop that writes through the services without errors, the soak mode's helpers."""

import os

import pytest

from peygir.actions.models import ActionUpdate
from peygir.bench import mixed
from peygir.demands.models import Demand


def test_the_writers_report_progress_and_register_demands_without_errors(generated):
    plan = mixed.write_plan(per_province=5)
    assert plan.progress and plan.intake
    updates, demands = ActionUpdate.objects.count(), Demand.objects.count()
    writes, errors = mixed.write_loop(plan, rate=50, seconds=1.0, seed=1)
    assert writes >= 2 and errors == 0  # a progress report, then a demand
    assert ActionUpdate.objects.count() > updates and Demand.objects.count() > demands


def test_soak_helpers():
    assert mixed.parse_duration("30m") == 1800 and mixed.parse_duration("90s") == 90
    with pytest.raises(ValueError):
        mixed.parse_duration("3h")
    # The test process's own children: none is a gunicorn worker, the read still works.
    assert mixed.worker_rss_kib(os.getpid()) == [] or all(v > 0 for v in mixed.worker_rss_kib(os.getpid()))


def test_the_mixed_run_is_judged_on_its_ratio_and_its_errors():
    from peygir.bench import report

    run = {"name": "bare view", "rps": 100.0, "errors": 0, "requests": 1000}
    mixed_run = {
        "runs": [run, {**run, "name": "inbox + writes", "rps": 40.0}],
        "ratios": {"inbox + writes": 0.4},
        "writers": {"writes": 200, "errors": 0, "rate_per_s": 20.0},
        "tool": "wrk", "seconds": 10, "connections": 4, "workers": 2, "write_rate": 20.0,
    }  # fmt: skip
    assert report.verdicts({"pages": [], "mixed": mixed_run})["mixed inbox + writes"]["ok"]
    failing = {**mixed_run, "writers": {**mixed_run["writers"], "errors": 1}}
    assert not report.verdicts({"pages": [], "mixed": failing})["mixed inbox + writes"]["ok"]
    slow = {**mixed_run, "ratios": {"inbox + writes": 0.2}}
    assert not report.verdicts({"pages": [], "mixed": slow})["mixed inbox + writes"]["ok"]
