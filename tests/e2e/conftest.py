"""Browser tests: Playwright drives Debian's chromium against pytest-django's live server."""

import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

CHROMIUM = os.environ.get("PEYGIR_CHROMIUM", "/usr/bin/chromium")

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make for set-up
# and assertions are ordinary blocking calls, which Django allows once told so.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator:
    if not shutil.which(CHROMIUM):
        pytest.fail(f"chromium not found at {CHROMIUM}: `make test` installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server) -> Iterator:
    context = browser.new_context(
        locale="fa-IR", viewport={"width": 1366, "height": 900}, accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = live_server.url
    # Every page a browser test opens must pass the Content-Security-Policy (docs/security.md).
    violations: list[str] = []
    page.on(
        "console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None
    )
    yield page
    context.close()
    assert not violations, f"Content-Security-Policy violations: {violations}"


def login(page, username: str, password: str = "pass-1234-peygir", *, through_form: bool = False) -> None:
    """Signed in with the second factor given (issue 14). By default the session is made on the server
    and handed to the browser as its cookie: the sign-in pages themselves are tested once
    (`through_form=True`, test_demand_flow.py) and by tests/accounts, and typing them in every browser
    test cost each two page loads more."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    from tests.auth import sign_in

    user = get_user_model().objects.get(username=username)
    if not through_form:
        client = sign_in(Client(), user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": page.base_url}]
        )
        return
    _login_through_form(page, user, username, password)


def _login_through_form(page, user, username: str, password: str) -> None:
    """Password, then the second factor: every persona gets an authenticator device and types a fresh
    one-time recovery code (a TOTP code cannot be used twice within its 30 seconds, and a test may sign
    the same person in twice)."""
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    from tests.auth import device_for

    device_for(user)
    static, _created = StaticDevice.objects.get_or_create(user=user, name="recovery")
    code = StaticToken.random_token()
    StaticToken.objects.create(device=static, token=code)
    page.goto(f"{page.base_url}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    if "/account/two-factor/verify/" in page.url:
        page.fill("input[name=token]", code)
        page.click("main button[type=submit]")
        page.wait_for_load_state("networkidle")


@contextmanager
def htmx_swap(page, url_part: str) -> Iterator[None]:
    """Wait until htmx has put the answer to a request whose URL holds `url_part` into the page.

    The response alone arrives before the swap, and the page's network is already idle, so neither
    says the page shows the answer: a field filled in between is lost when the swap replaces it."""
    page.evaluate(
        """part => { window.__settled = new Promise(resolve => document.addEventListener(
            'htmx:afterSettle',
            function done(e) {
                if (e.detail.xhr && e.detail.xhr.responseURL.includes(part)) {
                    document.removeEventListener('htmx:afterSettle', done); resolve(true);
                }
            })); }""",
        url_part,
    )
    with page.expect_response(re.compile(re.escape(url_part))):
        yield
    page.evaluate("() => window.__settled")
