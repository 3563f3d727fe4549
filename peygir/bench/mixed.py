"""Load with writes: readers on the inbox and the start page while writers, in their own processes,
report progress on actions and register demands across the provinces at a national rate.

The writers go through the services a person's form would call (actions.services,
demands.intake), one transaction each, so every trigger, cache invalidation and index refresh of a
real write happens. Each writer process prints one line at the end: writes done, errors, seconds.
The soak mode repeats the mixed run for a bounded time and samples the server workers' memory.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

WRITERS = 2
MARK = "mixed-writer-result"
SOAK_LIMIT_SECONDS = 2 * 3600  # bounded: a soak run never outlives two hours


@dataclass
class WritePlan:
    """What the writers write to: pending actions with a liaison who may report, and facilitators
    with their office and a neighbourhood it serves, spread over the provinces (ids only)."""

    progress: list[tuple[int, int]]  # (action id, liaison user id)
    intake: list[tuple[int, int, int, int]]  # (facilitator user id, office id, neighbourhood id, category id)


def write_plan(per_province: int = 20) -> WritePlan:
    from peygir.actions.models import Action
    from peygir.demands.models import DemandCategory
    from peygir.facilitation.models import FacilitationOffice
    from peygir.organizations.models import Membership

    Role = Membership.Role
    from peygir.territory.models import Territory

    liaisons: dict[int, int] = {}
    for m in Membership.objects.filter(role=Role.LIAISON, is_active=True).order_by("id"):
        liaisons.setdefault(m.organization_id, m.user_id)
    progress: list[tuple[int, int]] = []
    for province in Territory.objects.filter(kind=Territory.Kind.PROVINCE).order_by("id"):
        pending = Action.objects.filter(
            territory_path__startswith=province.path,
            status__in=[*Action.OPEN_STATUSES],
            responsible_organization_id__in=list(liaisons),
        ).order_by("id")[:per_province]
        progress += [(a.pk, liaisons[a.responsible_organization_id]) for a in pending]
    category = (
        DemandCategory.objects.filter(is_active=True, children__isnull=True)
        .order_by("id")
        .values_list("id", flat=True)
        .first()
    )
    intake: list[tuple[int, int, int, int]] = []
    facilitators = Membership.objects.filter(role=Role.FACILITATOR, is_active=True).order_by("id")
    offices = {o.organization_id: o for o in FacilitationOffice.objects.prefetch_related("neighbourhoods")}
    for m in facilitators[: per_province * 31]:  # at most per_province facilitators a province
        office = offices.get(m.organization_id)
        hood = next(iter(office.neighbourhoods.all()), None) if office else None
        if hood is not None and category is not None:
            intake.append((m.user_id, office.pk, hood.pk, category))
    return WritePlan(progress, intake)


def write_loop(plan: WritePlan, *, rate: float, seconds: float, seed: int = 0) -> tuple[int, int]:
    """Write at `rate` per second for `seconds`, alternating a progress report and a demand; returns
    (writes, errors). A refused write (an action finished meanwhile) counts as an error."""
    from peygir.accounts.models import User
    from peygir.actions import services
    from peygir.actions.models import Action
    from peygir.demands import intake
    from peygir.demands.models import DemandCategory
    from peygir.facilitation.models import FacilitationOffice
    from peygir.territory.models import Territory

    rng = random.Random(seed)
    writes = errors = 0
    started = time.monotonic()
    while (elapsed := time.monotonic() - started) < seconds:
        due = writes + errors
        if due > elapsed * rate:
            time.sleep(min(0.05, due / rate - elapsed))
            continue
        try:
            if due % 2 == 0 and plan.progress:
                action_id, user_id = rng.choice(plan.progress)
                services.action_report_progress(
                    action=Action.objects.get(pk=action_id),
                    user=User.objects.get(pk=user_id),
                    text="گزارش پیشرفت آزمون بار",
                    progress=rng.randint(1, 90),
                )
            elif plan.intake:
                user_id, office_id, hood_id, category_id = rng.choice(plan.intake)
                intake.demand_intake(
                    user=User.objects.get(pk=user_id),
                    office=FacilitationOffice.objects.get(pk=office_id),
                    category=DemandCategory.objects.get(pk=category_id),
                    neighbourhood=Territory.objects.get(pk=hood_id),
                    title="درخواست آزمون بار",
                    description="درخواست ثبت‌شده در آزمون بار با نوشتن همزمان",
                    citizen_name="شهروند آزمون",
                    citizen_mobile=f"0912{rng.randint(1000000, 9999999)}",
                    consent=True,
                )
            writes += 1
        except Exception:  # noqa: BLE001 - counted and reported: the run's verdict needs zero
            errors += 1
    return writes, errors


class Writers:
    """`count` writer processes sharing `rate` writes per second, for `seconds`."""

    def __init__(self, *, rate: float, seconds: int, count: int = WRITERS) -> None:
        self.rate, self.seconds, self.count = rate, seconds, max(1, count)
        self.processes: list[subprocess.Popen] = []

    def __enter__(self) -> Writers:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "peygir.bench.settings"}
        share = self.rate / self.count
        for seed in range(self.count):
            command = [sys.executable, "-m", "peygir.bench.mixed", str(share), str(self.seconds), str(seed)]
            self.processes.append(
                subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True, cwd=_root())  # noqa: S603
            )
        return self

    def results(self) -> dict[str, Any]:
        writes = errors = 0
        for process in self.processes:
            out, _ = process.communicate(timeout=self.seconds + 120)
            # The services may print too (the console SMS backend): the result is the marked line.
            marked = [line for line in (out or "").splitlines() if line.startswith(MARK)]
            parts = marked[-1].split()[1:] if marked else []
            if len(parts) >= 2:
                writes, errors = writes + int(parts[0]), errors + int(parts[1])
            else:
                errors += 1  # a writer that died reports nothing: an error
        return {"writes": writes, "errors": errors, "rate_per_s": round(writes / max(self.seconds, 1), 1)}

    def __exit__(self, *exc: Any) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.kill()


def _root() -> str:
    return str(Path(__file__).resolve().parents[2])


def worker_rss_kib(master_pid: int) -> list[int]:
    """Resident memory (KiB) of a gunicorn master's worker processes, read from /proc (Linux)."""
    rss = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if fields.get("PPid", "").strip() == str(master_pid) and "VmRSS" in fields:
            rss.append(int(fields["VmRSS"].split()[0]))
    return sorted(rss)


def parse_duration(text: str) -> int:
    """'30m', '90s', '1h' or plain seconds → seconds, bounded by SOAK_LIMIT_SECONDS."""
    units = {"s": 1, "m": 60, "h": 3600}
    value = int(text[:-1]) * units[text[-1]] if text[-1:] in units else int(text)
    if value <= 0 or value > SOAK_LIMIT_SECONDS:
        raise ValueError(f"duration must be between 1 s and {SOAK_LIMIT_SECONDS} s")
    return value


if __name__ == "__main__":
    import django

    django.setup()
    share, seconds, seed = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
    began = time.monotonic()
    done, failed = write_loop(write_plan(), rate=share, seconds=seconds, seed=seed)
    print(MARK, done, failed, round(time.monotonic() - began, 1))
