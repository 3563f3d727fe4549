"""Server time and SQL queries of one page, measured in-process through Django's full request stack.

In-process (django.test.Client over the real middleware, URLconf and templates) isolates the
server's own time from the network and the load generator, and lets the same request count its SQL
queries. One warm-up request fills per-process caches first, as a running server's would be.
"""

from __future__ import annotations

import gc
import statistics
import time
from dataclasses import asdict, dataclass
from typing import Any

from django.core.cache import cache
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_otp import DEVICE_ID_SESSION_KEY

from peygir.accounts.models import User

from .load import bench_device
from .targets import Target


@dataclass
class Measurement:
    name: str
    group: str
    url: str
    status: int
    repeats: int
    p50_ms: float
    p95_ms: float
    max_ms: float
    queries: int
    bytes: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile (p95 of 20 samples is the 19th): no interpolation to flatter it."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), int(-(-fraction * len(ordered) // 1))))
    return ordered[rank - 1]


class Runner:
    """One logged-in client per user; API requests authenticate with the user's token."""

    def __init__(self) -> None:
        self._clients: dict[tuple[int, bool], Client] = {}
        # As a server's worker does after loading (peygir/wsgi.py): what exists now is never walked
        # by a full collection, which otherwise paused one request in seven by 50 ms.
        gc.collect()
        gc.freeze()

    def client(self, user_id: int, api: bool) -> Client:
        key = (user_id, api)
        if key not in self._clients:
            user = User.objects.get(pk=user_id)
            if api:
                from rest_framework.authtoken.models import Token

                token, _ = Token.objects.get_or_create(user=user)
                client = Client(HTTP_AUTHORIZATION=f"Token {token.key}", HTTP_ACCEPT="application/json")
            else:
                client = Client()
                client.force_login(user)
                # Signed in with the second factor given (issue 14), as the people measured are.
                session = client.session
                session[DEVICE_ID_SESSION_KEY] = bench_device(user).persistent_id
                session.save()
            self._clients[key] = client
        return self._clients[key]

    def measure(self, target: Target, repeats: int) -> Measurement:
        client = self.client(target.user_id, target.api)
        repeats = target.repeats or repeats
        response = client.get(target.url)  # warm-up
        if not target.cached:
            cache.clear()
        if target.before:
            target.before()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(target.url)
        query_count = len(queries.captured_queries)
        timings = []
        for _ in range(repeats):
            if not target.cached:
                cache.clear()
            if target.before:
                target.before()
            started = time.perf_counter()
            response = client.get(target.url)
            timings.append((time.perf_counter() - started) * 1000)
            reset_queries()
        body = getattr(response, "content", b"") if not getattr(response, "streaming", False) else b""
        return Measurement(
            name=target.name,
            group=target.group,
            url=target.url,
            status=response.status_code,
            repeats=repeats,
            p50_ms=round(statistics.median(timings), 1),
            p95_ms=round(percentile(timings, 0.95), 1),
            max_ms=round(max(timings), 1),
            queries=query_count,
            bytes=len(body),
        )


def query_count(runner: Runner, target: Target) -> tuple[int, int]:
    """(status, queries) of one request after a warm-up: what the constancy tests compare."""
    client = runner.client(target.user_id, target.api)
    client.get(target.url)
    if not target.cached:
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(target.url)
    return response.status_code, len(queries.captured_queries)
