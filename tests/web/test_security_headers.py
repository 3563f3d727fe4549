"""Headers of issue 14: `Cache-Control: no-store` on every authenticated page, API answer and
download; the Content-Security-Policy allows no inline script; no template has one."""

import pathlib
import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.auth import sign_in


def no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


@pytest.mark.parametrize("name", ["web:home", "web:inbox", "web:demand_list", "account:security"])
def test_authenticated_pages_are_not_stored(world, name):
    response = sign_in(Client(), world.users["office_staff"]).get(reverse(name))
    assert response.status_code == 200 and no_store(response)


def test_a_page_served_from_the_page_cache_is_not_stored_either(world):
    client = sign_in(Client(), world.users["liaison"])
    client.get(reverse("web:inbox"))
    again = client.get(reverse("web:inbox"))
    assert no_store(again)


def test_api_answers_and_downloads_are_not_stored(world):
    client = sign_in(Client(), world.users["liaison"])
    assert no_store(client.get("/api/v1/actions/"))
    assert no_store(client.get("/api/v1/actions/999999/"))  # a 404 too
    evidence = world.evidence
    download = client.get(reverse("web:evidence_download", args=[evidence.pk]))
    assert download.status_code == 200 and no_store(download)
    api_download = client.get(f"/api/v1/actions/{world.action.pk}/evidence/{evidence.pk}/")
    assert api_download.status_code == 200 and no_store(api_download)
    xlsx = client.get(reverse("web:report_demands_xlsx"))
    assert xlsx.status_code == 200 and no_store(xlsx)


def test_the_api_without_a_session_is_not_stored(db):
    assert no_store(Client().get("/api/v1/actions/"))


def test_the_csp_allows_no_inline_script(world):
    response = sign_in(Client(), world.users["office_staff"]).get(reverse("web:home"))
    policy = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in directives["script-src"] and "unsafe-eval" not in policy
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"


TEMPLATE_ROOT = pathlib.Path(__file__).resolve().parents[2] / "peygir"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I)
HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
JS_URL = re.compile(r"""(href|src|action)\s*=\s*["']\s*javascript:""", re.I)


def test_no_template_has_inline_script_or_event_handlers():
    """The rule every new page follows (docs/security.md): scripts are static files."""
    offenders = []
    for path in TEMPLATE_ROOT.rglob("templates/**/*.html"):
        text = path.read_text(encoding="utf-8")
        for pattern, what in (
            (INLINE_SCRIPT, "inline <script>"),
            (HANDLER, "on*= handler"),
            (JS_URL, "javascript: URL"),
        ):
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                offenders.append(f"{path.relative_to(TEMPLATE_ROOT)}:{line}: {what}")
    assert not offenders, "\n".join(offenders)


def test_the_scan_finds_what_it_looks_for():
    assert INLINE_SCRIPT.search("<script>alert(1)</script>")
    assert not INLINE_SCRIPT.search('<script src="/static/x.js"></script>')
    assert HANDLER.search('<button onclick="go()">')
    assert not HANDLER.search('<button data-confirm="x">')
    assert JS_URL.search('<a href="javascript:void(0)">')
