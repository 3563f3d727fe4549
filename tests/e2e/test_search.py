"""Issue 13 §1 in a real browser: the office's expert searches from the navbar box, the results follow
the typing (htmx), a compound typed apart finds the record written joined with the word highlighted,
and a misspelled word shows the nearest spellings with a notice; on a phone too."""

import os
import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.factories import ActionFactory

from .conftest import htmx_swap, login

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = Path(os.environ.get("PEYGIR_SHOTS_DIR", tempfile.gettempdir()))
TITLE = "راه‌اندازی کتابخانه محله زویه برای نوجوانان"


def test_an_officer_finds_a_record_however_typed(page, world):
    action = ActionFactory(
        title=TITLE, description="کلاس‌های کتابخوانی در دفتر تسهیلگری", issuer_organization=world.office
    )
    call_command("search", "reindex")
    login(page, "office_staff")
    page.goto(f"{page.base_url}/inbox/")
    box = page.locator("form.pg-nav-search input[name=q]")
    box.fill("کتاب خانه")
    box.press("Enter")
    page.wait_for_url("**/search/?q=*", wait_until="domcontentloaded")
    result = page.locator(f'#search-results a[href="/actions/{action.pk}/"]')
    result.wait_for()
    assert "کتابخانه" in page.locator("#search-results mark").first.inner_text()
    page.screenshot(path=str(SHOTS / "search-results.png"), full_page=True)

    # The results follow the typing on the page itself: a wrong last letter, then the notice.
    field = page.locator("main form[role=search] input[name=q]")
    field.fill("کتابخانه زوی")
    with htmx_swap(page, "/search/"):
        field.press_sequentially("ے")  # a key typed: the page asks again after a pause
    assert page.locator(f'#search-results a[href="/actions/{action.pk}/"]').count() == 1
    assert "نزدیک‌ترین نوشتارها" in page.locator("#search-results").inner_text()

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert page.locator(f'#search-results a[href="/actions/{action.pk}/"]').count() == 1
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the phone page scrolls sideways ({width} px)"
    page.screenshot(path=str(SHOTS / "search-results-phone.png"), full_page=True)
