"""Issue 11's two timed targets, measured on the generated data and then rolled back.

1. The draw: next month (a period the data has not drawn) for every approved inspection plan of the
   country, sealed, through `plans.draw_due_plans` — what `peygir inspections draw` runs each month.
2. The sync: 50 offline visits of one inspector, each a photo and then the answers, posted to
   `web:visit_photo` and `web:visit_sync` by a signed-in client, as a phone back on the network does.

Both run in one transaction that is rolled back, so the benchmark database is the same afterwards and
the next run draws the same month again; the photos go to a temporary MEDIA_ROOT removed at the end.
Inside it, each step's `on_commit` callbacks (the search index's refresh) are run where a commit would
have run them, and timed with the step: in production they run before the response is sent. Messages
are left to the delivery workers, as `PRODUCTION` does (`PEYGIR_DELIVER_ON_COMMIT`).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import tempfile
import time
import uuid
from io import BytesIO
from typing import Any

from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.db.models import Count, QuerySet
from django.test import Client, TestCase
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone

from peygir.core.jalali import today as local_today
from peygir.inspections import plans
from peygir.inspections.models import (
    ChecklistQuestion,
    Draw,
    InspectionPlan,
    Visit,
    VisitPhoto,
    VisitSubmission,
)
from peygir.inspections.periods import MONTH, Period, period_containing

from .measure import Runner
from .report import SYNC_VISITS

PHOTO_SIZE = (1280, 960)  # a phone photo as the offline page sends it (no resizing on the phone)
MORE_MONTHS = 12  # at most this many later months drawn (untimed) when one month gives too few visits
Q = ChecklistQuestion.Kind


def measure_inspections(*, visits: int = SYNC_VISITS) -> dict[str, Any] | None:
    """{"draw": ..., "sync": ...}, or None when the data holds no approved inspection plan."""
    if not InspectionPlan.objects.filter(status=InspectionPlan.Status.APPROVED).exists():
        return None
    today = local_today()
    with (
        tempfile.TemporaryDirectory(prefix="peygir-bench-media-") as media,
        override_settings(MEDIA_ROOT=media, PEYGIR_DELIVER_ON_COMMIT=False),
        transaction.atomic(),
    ):
        period = _next_month(today)
        drawn = measure_draw(today, period)
        synced = measure_sync(today, first=period, count=visits)
        transaction.set_rollback(True)
    # Pages and sessions cached inside the transaction are keyed by data versions it moved and that
    # were rolled back: later writes reach those numbers again with other data.
    cache.clear()
    return {"draw": drawn, "sync": synced}


def _next_month(today: dt.date) -> Period:
    return period_containing(today, MONTH).next()


def _due(period: Period) -> int:
    """Approved plans with no draw over the period yet: what the draw should seal."""
    return (
        InspectionPlan.objects.filter(status=InspectionPlan.Status.APPROVED)
        .exclude(
            pk__in=Draw.objects.filter(period_start__lte=period.start, period_end__gte=period.start).values(
                "plan_id"
            )
        )
        .count()
    )


def commit_work() -> None:
    """Run now what a commit would run: the deferred foreign-key checks and data-version triggers.

    The measured work is rolled back, and a rollback skips them; timed without them, a draw or a sync
    would look cheaper than it is."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def measure_draw(today: dt.date, period: Period) -> dict[str, Any]:
    due = _due(period)
    started = time.perf_counter()
    with TestCase.captureOnCommitCallbacks(execute=True):
        made = plans.draw_due_plans(period_for=period.start, today=today)
    commit_work()
    seconds = round(time.perf_counter() - started, 2)
    # One seal checked again from its published seed: the timed draw sealed for real.
    verified = bool(made) and plans.verify_draw(made[0]).ok
    return {
        "period": f"{period.year}/{period.index:02d}",
        "plans": due,
        "drawn": len(made),
        "visits": sum(d.visits_count for d in made),
        "sealed": all(d.seal for d in made),
        "verified": verified,
        "seconds": seconds,
    }


def _drawn_visits(first: Period) -> QuerySet[Visit]:
    """Scheduled visits drawn for `first` or later (not yet revealed to anyone, none done)."""
    return Visit.objects.filter(
        draw__period_start__gte=first.start, status=Visit.Status.SCHEDULED, kind=Visit.Kind.SCHEDULED
    )


def _inspector_with_visits(first: Period, count: int, today: dt.date) -> tuple[int | None, int]:
    """The inspector with the most visits drawn from `first` on; later months are drawn (untimed, still
    inside the rolled-back transaction) while nobody has `count` — a small data set's month is short."""
    period = first
    for attempt in range(MORE_MONTHS + 1):
        top = (
            _drawn_visits(first)
            .values("inspector_id")
            .annotate(n=Count("id"))
            .order_by("-n", "inspector_id")
            .first()
        )
        if (top and top["n"] >= count) or attempt == MORE_MONTHS:
            break
        period = period.next()
        with TestCase.captureOnCommitCallbacks(execute=True):
            plans.draw_due_plans(period_for=period.start, today=today)
    return (top["inspector_id"], top["n"]) if top else (None, 0)


def passing_answer(question: ChecklistQuestion) -> dict[str, Any]:
    """What an inspector who found nothing wrong sends for one question."""
    if question.kind == Q.YES_NO:
        return {"question": question.pk, "value": True}
    if question.kind == Q.SCALE:
        return {"question": question.pk, "value": question.scale_max or 5}
    if question.kind == Q.NUMBER:
        value = question.pass_min if question.pass_min is not None else question.pass_max
        return {"question": question.pk, "value": str(value if value is not None else 0)}
    return {"question": question.pk, "value": ""}  # text and photo questions: nothing to score


def phone_photo() -> bytes:
    """A JPEG with the detail of a photo (not a flat colour, which compresses to nothing), the same on
    every run: the server decodes and re-encodes every upload, and that costs by the pixel."""
    from PIL import Image

    width, height = PHOTO_SIZE
    fractal = Image.effect_mandelbrot(PHOTO_SIZE, (-2.2, -1.2, 1.0, 1.2), 256)
    gradient = Image.linear_gradient("L").resize(PHOTO_SIZE)
    noise = Image.frombytes("L", PHOTO_SIZE, random.Random(1).randbytes(width * height))
    image = Image.merge("RGB", (fractal, gradient, Image.blend(gradient, noise, 0.15)))
    out = BytesIO()
    image.save(out, format="JPEG", quality=85)
    return out.getvalue()


def _post(client: Client, path: str, **kwargs: Any) -> int:
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(path, **kwargs).status_code


def measure_sync(today: dt.date, *, first: Period, count: int = SYNC_VISITS) -> dict[str, Any]:
    inspector, available = _inspector_with_visits(first, count, today)
    if inspector is None:
        return {"visits": 0, "requests": 0, "errors": 0, "seconds": None, "inspector": None}
    chosen = list(
        _drawn_visits(first)
        .filter(inspector_id=inspector)
        .select_related("checklist_version")
        .order_by("scheduled_on", "pk")[:count]
    )
    # The phone went offline with these visits due today: an inspector sees their own visits only up
    # to tomorrow, so drawn dates further on are moved (rolled back with the rest).
    Visit.objects.filter(pk__in=[v.pk for v in chosen]).update(scheduled_on=today)
    questions: dict[int, list[ChecklistQuestion]] = {}
    for visit in chosen:
        if visit.checklist_version_id not in questions:
            questions[visit.checklist_version_id] = list(visit.checklist_version.questions.order_by("pk"))
    # Everything the phone holds in its queue, built before the clock starts.
    queue = []
    for visit in chosen:
        submission = str(uuid.uuid4())
        body = {
            "submission_id": submission,
            "checklist_version": visit.checklist_version_id,
            "answers": [passing_answer(q) for q in questions[visit.checklist_version_id]],
            "device_submitted_at": timezone.now().isoformat(),
        }
        queue.append((visit.pk, f"{submission}:p", json.dumps(body)))
    photo = phone_photo()
    client = Runner().client(inspector, api=False)
    submissions, photos = VisitSubmission.objects.count(), VisitPhoto.objects.count()
    statuses = []
    started = time.perf_counter()
    for pk, client_id, body in queue:
        statuses.append(
            _post(
                client,
                reverse("web:visit_photo", args=[pk]),
                data={"client_id": client_id, "file": SimpleUploadedFile("photo.jpg", photo, "image/jpeg")},
            )
        )
        statuses.append(
            _post(client, reverse("web:visit_sync", args=[pk]), data=body, content_type="application/json")
        )
    commit_work()
    seconds = round(time.perf_counter() - started, 2)
    return {
        "inspector": inspector,
        "visits": len(queue),
        "available": available,
        "requests": len(statuses),
        "errors": sum(status != 200 for status in statuses),
        "submissions": VisitSubmission.objects.count() - submissions,
        "photos": VisitPhoto.objects.count() - photos,
        "photo_bytes": len(photo),
        "photo_pixels": f"{PHOTO_SIZE[0]}x{PHOTO_SIZE[1]}",
        "seconds": seconds,
    }
