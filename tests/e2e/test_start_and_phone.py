"""Issue 9's proof in a real browser: the facilitator's start page shows the office's work of the day,
and a liaison's inbox on a phone (390 px) is a list of cards with nothing wider than the screen."""

import os
import tempfile
from pathlib import Path

import pytest

from peygir.demands.models import Demand

from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = Path(os.environ.get("PEYGIR_SHOTS_DIR", tempfile.gettempdir()))


def test_the_facilitator_starts_from_the_office_work_of_today(page, world):
    demand = world.demand
    Demand.objects.filter(pk=demand.pk).update(status=Demand.Status.DONE)  # the agency reported it done
    login(page, "facilitator")
    page.goto(f"{page.base_url}/")
    panel = page.locator(".pg-office-start")
    assert "کار امروز دفتر" in panel.inner_text()
    assert "انجام‌شده؛ بررسی کنید" in panel.inner_text()
    page.screenshot(path=str(SHOTS / "start-facilitator-fa-desk.png"), full_page=True)
    panel.get_by_role("link", name=demand.title).click()
    page.wait_for_load_state("networkidle")
    assert f"/demands/{demand.pk}/" in page.url


def test_the_inbox_on_a_phone_is_cards(page, world):
    action = world.action  # the office's directive to the agency
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, "liaison")
    page.goto(f"{page.base_url}/inbox/")
    page.wait_for_load_state("networkidle")
    assert not page.locator("table.pg-cards thead").is_visible()
    row = page.locator("table.pg-cards tbody tr").first
    assert row.evaluate("el => getComputedStyle(el).display") == "block"
    assert action.title[:20] in row.inner_text()
    label = row.locator("td[data-label]").first.evaluate("el => getComputedStyle(el, '::before').content")
    assert "مسئول پیگیری" in label
    assert row.bounding_box()["y"] < 844, "the first card is below the first screen (the filters fold away)"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(SHOTS / "inbox-liaison-fa-phone.png"), full_page=True)


def test_the_inbox_on_a_phone_in_english_keeps_persian_titles_in_their_direction(page, world):
    """The English interface lays out left to right; a Persian title inside it reads right to left
    (its full stop and «…» at its end), and a card's badges stay together at the end of their row."""
    action = world.action
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, "liaison")
    page.goto(f"{page.base_url}/inbox/")
    with page.expect_navigation():  # the footer's language switch: a form post, then the page again
        page.locator(".pg-lang button").click()
    assert page.evaluate("document.documentElement.dir") == "ltr"
    row = page.locator("table.pg-cards tbody tr").first
    title = row.locator("td.pg-card-title")
    assert action.title[:20] in title.inner_text()
    assert title.evaluate("el => getComputedStyle(el).unicodeBidi") == "plaintext"
    status = row.locator("td[data-label]").nth(2)
    badges = status.locator(".badge")
    if badges.count() > 1:
        first, second = badges.nth(0).bounding_box(), badges.nth(1).bounding_box()
        gap = abs((second["x"]) - (first["x"] + first["width"]))
        assert gap < 20, f"the badges are {gap}px apart"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(SHOTS / "inbox-liaison-en-phone.png"), full_page=True)


START_PERSONAS = [
    "office_staff",
    "governor",
    "county_deputy",
    "liaison",
    "national",
    "facilitator",
    "inspector",
]


@pytest.mark.parametrize("persona", START_PERSONAS)
def test_every_personas_start_page_in_both_languages_and_widths(page, world, persona):
    """Each persona's start page, Persian and English, desktop (1366 px) and phone (390 px): it opens,
    nothing is wider than the screen, and a screenshot is kept to look at (issue 9's proof)."""
    world.users[persona]  # the facilitation office's people are built on first use
    login(page, persona)
    for language in ("fa", "en"):
        page.goto(f"{page.base_url}/")
        if page.evaluate("document.documentElement.lang") != language:
            with page.expect_navigation():
                page.locator(".pg-lang button").click()
        for name, width in (("desk", 1366), ("phone", 390)):
            page.set_viewport_size({"width": width, "height": 900 if width > 400 else 844})
            response = page.goto(f"{page.base_url}/")
            assert response.status == 200
            assert page.evaluate("document.documentElement.lang") == language
            assert page.evaluate("document.documentElement.dir") == ("rtl" if language == "fa" else "ltr")
            assert page.locator("h1").first.is_visible()
            width_used = page.evaluate("document.documentElement.scrollWidth")
            assert width_used <= width, f"{persona} {language} {name}: {width_used}px on a {width}px screen"
            # Nor does a table scroll sideways inside its card (the agencies' scorecard on a phone
            # hid its last column so).
            hidden = page.evaluate(
                "[...document.querySelectorAll('.table-responsive')]"
                ".filter(el => el.scrollWidth > el.clientWidth + 1).map(el => el.closest('.card')?.innerText.slice(0, 40))"
            )
            assert hidden == [], f"{persona} {language} {name}: a table scrolls sideways in {hidden}"
            page.screenshot(path=str(SHOTS / f"start-{persona}-{language}-{name}.png"), full_page=True)
