"""Throughput under concurrent load: gunicorn (2 workers) on 127.0.0.1, wrk from a second process.

The figure that matters is a ratio measured in one run on one server: requests per second of the inbox
and the start page over those of the bare view. Absolute numbers depend on the machine; the ratio says
how much of the server's capacity the application's own work takes.
When `wrk` is not installed a small threaded HTTP client (this module run as a script) stands in,
and the report says so.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from django.conf import settings


@dataclass
class LoadResult:
    name: str
    url: str
    tool: str
    seconds: int
    connections: int
    requests: int
    rps: float
    errors: int
    latency_p50_ms: float | None = None
    latency_p99_ms: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def session_cookie(user_id: int) -> str:
    """A signed-in session for `user_id`, created directly (no password round trip), and the CSRF
    cookie a browser holds after its first page (the whole-page cache is consulted only then)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
    from django.utils.crypto import get_random_string

    # Late: this module also runs as a script (the load client, `python -m peygir.bench.load`) where
    # Django is not set up, so it may not import models at the top.
    from django_otp import DEVICE_ID_SESSION_KEY

    from peygir.accounts.models import User
    from peygir.core.sessions import SessionStore
    from peygir.web.security import SEEN_KEY

    user = User.objects.get(pk=user_id)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    # The model backend (the first one is django-axes's, which only guards sign-in).
    session[BACKEND_SESSION_KEY] = "peygir.accounts.backends.CachedModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[SEEN_KEY] = int(time.time())
    # A benchmark session has given its second factor, as a real one has (peygir/web/security.py).
    session[DEVICE_ID_SESSION_KEY] = bench_device(user).persistent_id
    session.create()
    csrf = get_random_string(CSRF_SECRET_LENGTH, allowed_chars=CSRF_ALLOWED_CHARS)
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}; {settings.CSRF_COOKIE_NAME}={csrf}"


def bench_device(user: Any) -> Any:
    """The authenticator device a measured person signed in with (made once, benchmark data only)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="bench", confirmed=True)


class Server:
    """gunicorn serving the bench URLconf; started and stopped by the benchmark itself."""

    def __init__(self, workers: int = 2, port: int | None = None) -> None:
        self.workers = workers
        self.port = port or free_port()
        self.process: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Server:
        gunicorn = Path(sys.executable).with_name("gunicorn")
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "peygir.bench.settings", "LOG_LEVEL": "WARNING"}
        command = [str(gunicorn), "peygir.wsgi:application", "-w", str(self.workers)]
        command += ["-b", f"127.0.0.1:{self.port}", "--log-level", "warning", "--access-logfile", "/dev/null"]
        self.process = subprocess.Popen(command, env=env, start_new_session=True)  # noqa: S603
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.base}/healthz", timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
        self.__exit__(None, None, None)
        raise RuntimeError("gunicorn did not become ready in 60 s")

    def __exit__(self, *exc: Any) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


def run_load(name: str, url: str, *, cookie: str = "", seconds: int = 10, connections: int = 4) -> LoadResult:
    """Drive `url` for `seconds` from a second process; wrk if present, else the Python client."""
    wrk = shutil.which("wrk")
    if wrk:
        command = [wrk, "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url]
        if cookie:
            command[1:1] = ["-H", f"Cookie: {cookie}"]
        out = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60).stdout  # noqa: S603
        return _parse_wrk(name, url, seconds, connections, out)
    command = [sys.executable, "-m", "peygir.bench.load", url, str(seconds), str(connections), cookie]
    out = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60).stdout  # noqa: S603
    requests, errors = (int(x) for x in out.split()[:2])
    return LoadResult(
        name, url, "python-threads", seconds, connections, requests, round(requests / seconds, 1), errors
    )


def _parse_wrk(name: str, url: str, seconds: int, connections: int, out: str) -> LoadResult:
    def ms(label: str) -> float | None:
        match = re.search(rf"^\s*{label}\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        if not match:
            return None
        value, unit = float(match.group(1)), match.group(2)
        return round(value / 1000 if unit == "us" else value * 1000 if unit == "s" else value, 2)

    requests = int(re.search(r"(\d+) requests in", out).group(1))
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    return LoadResult(name, url, "wrk", seconds, connections, requests, rps, errors, ms("50%"), ms("99%"))


def _python_client(url: str, seconds: int, connections: int, cookie: str) -> tuple[int, int]:
    """Keep-alive clients in threads, counting 200 responses and everything else."""
    parsed = urllib.request.urlparse(url)
    path = parsed.path + (f"?{parsed.query}" if parsed.query else "")
    stop = time.monotonic() + seconds
    counts = [0, 0]
    lock = threading.Lock()

    def worker() -> None:
        conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
        ok = bad = 0
        while time.monotonic() < stop:
            try:
                conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
                response = conn.getresponse()
                response.read()
                ok, bad = (ok + 1, bad) if response.status == 200 else (ok, bad + 1)
            except OSError:
                bad += 1
                conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
        with lock:
            counts[0] += ok
            counts[1] += bad

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return counts[0], counts[1]


if __name__ == "__main__":
    ok, bad = _python_client(
        sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] if len(sys.argv) > 4 else ""
    )
    print(ok, bad)
