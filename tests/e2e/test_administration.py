"""Issue 9 §3 in a real browser: the office's staff creates a committee, seats a member, creates a
person (who then chooses a password through the one-time link and signs in), and issues a direct
instruction to several organizations through the searchable multi-select."""

import os
import re
import tempfile
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from peygir.actions.models import Action
from peygir.committees.models import Committee, CommitteeMember
from peygir.core.models import AuditEntry

from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = Path(os.environ.get("PEYGIR_SHOTS_DIR", tempfile.gettempdir()))


def test_the_office_administers_itself_from_pages(page, browser, world, settings):
    settings.PEYGIR_SITE_URL = page.base_url  # the one-time link names the site as configured
    login(page, "office_staff")
    page.goto(f"{page.base_url}/")
    page.get_by_role("link", name="اداره دفتر").first.click()
    page.wait_for_url(re.compile(r"/manage/$"), wait_until="domcontentloaded")

    # A committee: name, kind, place, secretariat.
    page.goto(f"{page.base_url}/manage/committees/new/")
    page.fill("input[name=name]", "کارگروه اجتماعی، فرهنگی، سلامت، زنان و خانواده شهرستان اراک")
    page.select_option("select[name=kind]", "working_group")
    page.select_option("select[name=territory]", str(world.county.pk))
    page.select_option("select[name=secretariat]", str(world.office.pk))
    page.locator("main button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/manage/committees/\d+/$"), wait_until="domcontentloaded")
    committee = Committee.objects.get(name__endswith="شهرستان اراک")
    assert committee.territory == world.county

    # A member with a position; a bad second chair gets a Persian message and writes nothing.
    page.select_option("select[name=member-organization]", str(world.agency.pk))
    page.select_option("select[name=member-position]", "chair")
    page.fill("input[name=member-representative_title]", "مدیرکل آموزش و پرورش")
    page.locator("form[action$='/members/'] button[type=submit]").click()
    page.wait_for_url(re.compile(r"/manage/committees/\d+/$"), wait_until="domcontentloaded")
    assert "مدیرکل آموزش و پرورش" in page.locator("#committee-members").inner_text()
    page.select_option("select[name=member-organization]", str(world.other_agency.pk))
    page.select_option("select[name=member-position]", "chair")
    page.locator("form[action$='/members/'] button[type=submit]").click()
    assert "رئیس" in page.locator(".invalid-feedback").first.inner_text()
    assert CommitteeMember.objects.filter(committee=committee).count() == 1
    page.screenshot(path=str(SHOTS / "admin-committee.png"), full_page=True)

    # A person: the page gives a one-time link to choose a password.
    page.goto(f"{page.base_url}/manage/people/new/")
    page.fill("input[name=username]", "f.moradi")
    page.fill("input[name=first_name]", "فاطمه")
    page.fill("input[name=last_name]", "مرادی")
    page.fill("input[name=title]", "کارشناس مسئول امور بانوان")
    page.select_option("select[name=organization]", str(world.agency.pk))
    page.select_option("select[name=role]", "liaison")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/manage/people/\d+/$"), wait_until="domcontentloaded")
    link = page.locator("#password-link input").input_value()
    page.screenshot(path=str(SHOTS / "admin-person.png"), full_page=True)
    assert link.startswith(f"{page.base_url}/set-password/")
    person = get_user_model().objects.get(username="f.moradi")
    assert person.memberships.get().organization == world.agency

    # The history of the committee lists what was done, by whom.
    page.goto(f"{page.base_url}/manage/history/committees.committee/{committee.pk}/")
    entries = page.locator("#audit-entries").inner_text()
    assert "ایجاد" in entries and "افزودن عضو" in entries
    assert AuditEntry.objects.filter(actor=world.users["office_staff"]).count() >= 4

    # A direct instruction to two organizations, chosen by typing in the searchable multi-select.
    page.goto(f"{page.base_url}/manage/directive/")
    page.fill("textarea[name=title]", "گزارش اقدامات پیشگیری از آسیب‌های اجتماعی در مدارس را ارسال کنید.")
    control = page.locator(".ts-control input").first
    for name in (world.agency.name, world.other_agency.name):
        control.fill(name[:12])
        page.locator(".ts-dropdown .option", has_text=name).first.click()
    assert page.locator(".ts-control .item").count() == 2
    page.screenshot(path=str(SHOTS / "admin-directive.png"), full_page=True)
    page.fill("input[name=deadline]", "۱۴۱۰/۰۱/۱۵")
    page.locator("h1").click()  # closes the date picker
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/inbox/"), wait_until="domcontentloaded")
    assert Action.objects.filter(source_kind="directive").count() == 2

    # The new person sets a password with the link, and signs in.
    other = browser.new_context(locale="fa-IR")
    tab = other.new_page()
    tab.goto(link)
    tab.fill("input[name=new_password1]", "Sabz-Kooh-4821")
    tab.fill("input[name=new_password2]", "Sabz-Kooh-4821")
    tab.locator("main button[type=submit]").click()
    tab.wait_for_url(re.compile(r"/login/"), wait_until="domcontentloaded")
    tab.fill("input[name=username]", "f.moradi")
    tab.fill("input[name=password]", "Sabz-Kooh-4821")
    tab.click("button[type=submit]")
    tab.wait_for_load_state("networkidle")
    assert "فاطمه مرادی" in tab.content()
    tab.goto(link)
    assert "معتبر نیست" in tab.content()
    other.close()
