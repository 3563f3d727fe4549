"""Every main page passes the Content-Security-Policy in a real browser: no inline script, no
inline handler, nothing from elsewhere. A violation (the browser's `securitypolicyviolation` event
or its console report) fails the test; the map page, with names built into tooltips, is among them."""

import pytest
from django.urls import reverse

from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)

LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " line " + e.lineNumber);
});
"""


def watch(page) -> list[str]:
    seen: list[str] = []
    page.add_init_script(LISTEN)
    page.on(
        "console",
        lambda msg: (
            seen.append(msg.text)
            if "Content Security Policy" in msg.text or "Content-Security-Policy" in msg.text
            else None
        ),
    )
    return seen


def visit(page, seen: list[str], path: str) -> None:
    response = page.goto(f"{page.base_url}{path}")
    assert response is not None and response.status < 400, (path, response and response.status)
    assert "script-src 'self'" in response.headers.get("content-security-policy", "")
    page.wait_for_load_state("networkidle")
    found = page.evaluate("window.__cspViolations || []")
    assert not found and not seen, (path, found, seen)


def test_main_pages_pass_the_csp(page, world):
    w = world.populate()
    seen = watch(page)
    visit(page, seen, "/login/")
    login(page, "office_staff")
    for path in [
        reverse("web:home"),
        reverse("web:inbox"),
        reverse("web:action_detail", args=[w.action.pk]),
        reverse("web:committee_list"),
        reverse("web:committee_detail", args=[w.committee.pk]),
        reverse("web:meeting_detail", args=[w.approved_meeting.pk]),
        reverse("web:demand_list"),
        reverse("web:demand_detail", args=[w.demand.pk]),
        reverse("web:demand_new"),
        reverse("web:triage"),
        reverse("web:office_list"),
        reverse("web:office_detail", args=[w.facilitation_office.pk]),
        reverse("web:report_demands"),
        reverse("web:report_map"),
        reverse("web:report_activities"),
        reverse("web:organization_list"),
        reverse("web:notifications"),
        reverse("account:security"),
        reverse("account:password_change"),
        reverse("account:otp_enrol"),
        "/api/v1/docs/",
    ]:
        visit(page, seen, path)


def test_map_tooltips_show_names_as_text(page, world):
    """A county named with markup: its tooltip shows the markup as text and runs nothing."""
    from tests.factories import TerritoryBoundaryFactory

    w = world
    w.demand  # noqa: B018 - a demand in Arak county: the county is drawn
    w.county.name_fa = '<img src=x onerror="window.__pwned=1">اراک'
    w.county.save()
    TerritoryBoundaryFactory(territory=w.county)
    seen = watch(page)
    login(page, "office_staff")
    visit(page, seen, reverse("web:report_map"))
    county = page.locator("#pg-demand-map path.leaflet-interactive").first
    county.hover()
    tooltip = page.locator(".leaflet-tooltip").first
    tooltip.wait_for()
    assert '<img src=x onerror="window.__pwned=1">اراک' in tooltip.inner_text()
    assert tooltip.locator("img").count() == 0
    assert page.evaluate("window.__pwned") is None


def test_public_pages_pass_the_csp(page, world):
    seen = watch(page)
    for path in [reverse("web:demand_public_submit"), reverse("web:demand_public_status")]:
        visit(page, seen, path)


def test_a_violation_is_caught(browser, live_server, world):
    """The listeners work: an inline script added to a page is reported (so the tests above, and the
    `page` fixture's check of every browser test, can fail). Its own browser context: the `page`
    fixture would rightly fail on it."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.base_url = live_server.url
        seen = watch(page)
        page.goto(f"{page.base_url}/login/")
        page.evaluate(
            "() => { const s = document.createElement('script'); s.textContent = 'window.x = 1';"
            " document.body.appendChild(s); }"
        )
        page.wait_for_timeout(300)
        assert page.evaluate("window.__cspViolations.length") > 0 and seen
        assert page.evaluate("window.x") is None
    finally:
        context.close()
