"""Issue 13 §2 in a real browser: the office's expert types a direct instruction; while typing, the
panel shows the NGO's similar project in Arak (another body, same province and period); after
saving, the expert links them as the same work with the NGO's project leading."""

import datetime as dt
import os
import re
import tempfile
from pathlib import Path

import pytest

from peygir.coordination.models import Decision
from peygir.organizations.models import Organization
from tests.coordination.factories import SearchEntryFactory
from tests.factories import OrganizationFactory

from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = Path(os.environ.get("PEYGIR_SHOTS_DIR", tempfile.gettempdir()))
THEIRS = "ساماندهی و توانمندسازی کودکان کار و خیابان در محله‌های حاشیه‌نشین شهر اراک"
OURS = "توانمند سازی و ساماندهي كودكان كار و خيابان محلات حاشيه نشين اراک"


def test_an_officer_entering_a_directive_links_another_bodys_similar_project(page, world):
    ngo = OrganizationFactory(
        name="انجمن حامیان کودکان کار اراک", kind=Organization.Kind.NGO, territory=world.county
    )
    today = dt.date.today()
    theirs = SearchEntryFactory(
        kind="project",
        organization=ngo,
        county=world.county,
        title=THEIRS,
        amount_rials=2_300_000_000,
        starts_on=today,
        ends_on=today + dt.timedelta(days=90),
    )
    login(page, "office_staff")
    page.goto(f"{page.base_url}/manage/directive/")
    page.fill("textarea[name=title]", OURS)
    control = page.locator(".ts-control input").first
    control.fill(world.other_agency.name[:12])
    page.locator(".ts-dropdown .option", has_text=world.other_agency.name).first.click()
    panel = page.locator("#pg-coordination-panel")
    panel.wait_for()
    assert ngo.name in panel.inner_text()
    page.screenshot(path=str(SHOTS / "coordination-entry-panel.png"), full_page=True)
    page.fill("input[name=deadline]", "۱۴۱۰/۰۱/۱۵")
    page.locator("h1").click()  # closes the date picker
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/coordination/entry/"), wait_until="domcontentloaded")
    card = page.locator(".pg-entry-candidate").first
    assert ngo.name in card.inner_text()
    card.locator("select[name=choice]").select_option("same_theirs")
    page.screenshot(path=str(SHOTS / "coordination-entry-decide.png"), full_page=True)
    card.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/inbox/"), wait_until="domcontentloaded")
    decision = Decision.objects.get()
    assert decision.outcome == "same_work" and decision.origin == "entry"
    assert decision.lead_key() == ("project", theirs.object_id)
    assert decision.supporting_organization_id() == world.other_agency.pk

    # The decision is on the list, and the office can undo it.
    page.goto(f"{page.base_url}/coordination/decisions/")
    assert ngo.name in page.locator("table").inner_text()
    page.locator("form[action$='/undo/'] button[type=submit]").click()
    page.wait_for_url(re.compile(r"/coordination/decisions/"), wait_until="domcontentloaded")
    decision.refresh_from_db()
    assert decision.undone_at is not None
