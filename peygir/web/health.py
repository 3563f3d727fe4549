"""Liveness and readiness probes for load balancers and orchestrators, and the administrators' page
of the background work (outbox backlog, failed and stuck sends, last escalation scan and delivery).

/readyz answers 503 only for what makes this process unable to serve (the database, migrations);
the workers' state is reported in its body (`work`) without taking the web server out of rotation —
a late scan or a gateway outage is for the administrators' page and its alerts, not the load balancer.
"""

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from peygir.core import heartbeat
from peygir.notifications.models import OutboundMessage

Status = OutboundMessage.Status


def work_status() -> dict[str, Any]:
    """The background work at a glance; `problems` lists what an administrator should look at."""
    now = timezone.now()
    stuck_after = dt.timedelta(minutes=getattr(settings, "PEYGIR_STUCK_SENDING_MINUTES", 15))
    late_scan = dt.timedelta(hours=getattr(settings, "PEYGIR_SCAN_LATE_HOURS", 26))
    messages = OutboundMessage.objects
    oldest = (
        messages.filter(status=Status.PENDING).order_by("created_at").values_list("created_at", flat=True)
    )
    oldest_pending = oldest.first()
    status = {
        "pending": messages.filter(status=Status.PENDING).count(),
        "oldest_pending_minutes": int((now - oldest_pending).total_seconds() // 60)
        if oldest_pending
        else None,
        "failed": messages.filter(status=Status.FAILED).count(),
        "stuck_sending": messages.filter(status=Status.SENDING, created_at__lt=now - stuck_after).count(),
        "last_scan": None,
        "last_delivery": None,
    }
    for key, name in (("last_scan", "escalation_scan"), ("last_delivery", "delivery")):
        row = heartbeat.last(name)
        status[key] = {"at": row.at.isoformat(), **row.detail} if row else None
    problems = []
    if status["failed"]:
        problems.append("failed_sends")
    if status["stuck_sending"]:
        problems.append("stuck_sending")
    if status["oldest_pending_minutes"] is not None and status["oldest_pending_minutes"] > 30:
        problems.append("outbox_backlog")
    scan = heartbeat.last("escalation_scan")
    if scan is None or now - scan.at > late_scan:
        problems.append("scan_late")
    status["problems"] = problems
    return status


@login_required
def admin_health(request: HttpRequest) -> HttpResponse:
    """Administrators only (superusers): the state of the background work, with what to do."""
    if not request.user.is_superuser:
        raise Http404
    status = work_status()
    failed = OutboundMessage.objects.filter(status=Status.FAILED).order_by("-created_at")[:20]
    return render(request, "web/health.html", {"status": status, "failed": failed})


def healthz(request: HttpRequest) -> JsonResponse:
    """The process is alive; touches nothing else."""
    return JsonResponse({"status": "ok"})


def readyz(request: HttpRequest) -> JsonResponse:
    """The database answers and every migration is applied."""
    try:
        connection = connections[DEFAULT_DB_ALIAS]
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception as exc:  # noqa: BLE001 - any failure means not ready
        return JsonResponse({"status": "unavailable", "error": exc.__class__.__name__}, status=503)
    if pending:
        return JsonResponse({"status": "migrations pending", "pending": len(pending)}, status=503)
    try:
        work = work_status()
    except DatabaseError as exc:  # the database went away between the two checks
        return JsonResponse({"status": "unavailable", "error": exc.__class__.__name__}, status=503)
    return JsonResponse({"status": "ready", "work": work})
