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
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(SHOTS / "inbox-liaison-fa-phone.png"), full_page=True)
