"""Issue 11's amendment of a sealed schedule in a real browser: a manager of the plan gives one coming
visit to another inspector with a reason and sees the amendment recorded (facility, inspectors, reason
— no date); an amendment that changes nothing is refused with a Persian message and nothing is
written. Screenshots at 1366 and 390 pixels go to the test's tmp dir."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from peygir.core.jalali import format_jalali
from peygir.inspections.models import DrawAmendment, Visit
from tests.inspections.helpers import make_inspection_world

from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


def _date_forms(day) -> list[str]:
    return [format_jalali(day), format_jalali(day, persian=False), day.isoformat()]


def test_a_manager_amends_a_sealed_draw_and_bad_input_changes_nothing(page, world, tmp_path):
    iw = make_inspection_world(world, facilities_count=3)
    sealed = iw.approve(timezone.localdate())
    visit = sealed.visits.filter(inspector=iw.inspector).order_by("pk").first()
    other = sealed.visits.exclude(pk=visit.pk).order_by("pk").first()
    url = f"{page.base_url}/inspections/draws/{sealed.pk}/amend/"

    login(page, world.users["office_head"].username)
    # From the plan's page, as a manager finds it.
    page.goto(f"{page.base_url}/inspections/plans/{iw.plan.pk}/")
    with page.expect_navigation():
        page.click("a:has-text('بازدیدهای پیش رو و اصلاحیه')")
    assert page.url == url
    expect(page.locator("h1")).to_contain_text("بازدیدهای پیش رو و اصلاحیه‌ها")

    # Another inspector of the plan, with a reason.
    row = page.locator(f"#amend-{visit.pk}")
    row.locator("select[name=inspector]").select_option(str(iw.second_inspector.pk))
    row.locator("input[name=reason]").fill("بازرس نخست در مأموریت استانی است")
    with page.expect_navigation():
        row.locator("button").click()
    expect(page.locator(".alert-success")).to_contain_text(f"اصلاحیه بازدید «{visit.facility.name}» ثبت شد")
    recorded = page.locator("#pg-amendments")
    expect(recorded).to_contain_text("بازرس نخست در مأموریت استانی است")
    expect(recorded).to_contain_text(visit.facility.name)
    amendment = DrawAmendment.objects.get()
    assert (
        amendment.new_inspector == iw.second_inspector and amendment.amended_by == world.users["office_head"]
    )
    visit.refresh_from_db()
    body = page.content()
    for form in _date_forms(visit.scheduled_on) + _date_forms(amendment.old_date):
        assert form not in body, form

    # Nothing chosen (the same inspector, no new day): a Persian message, nothing written.
    before = (other.inspector_id, other.scheduled_on, other.version)
    row = page.locator(f"#amend-{other.pk}")
    row.locator("input[name=reason]").fill("بدون تغییر")
    with page.expect_navigation():
        row.locator("button").click()
    expect(page.locator(".alert-danger")).to_contain_text("بازرس تازه یا قرعه روز تازه را برگزینید")
    expect(page.locator(f"#amend-{other.pk}")).to_have_class(re.compile("table-danger"))
    other.refresh_from_db()
    assert (other.inspector_id, other.scheduled_on, other.version) == before
    assert DrawAmendment.objects.count() == 1
    page.screenshot(path=str(tmp_path / "amend-1366.png"), full_page=True)
    assert Visit.objects.get(pk=visit.pk).version == 2

    # The phone: the same page at 390 pixels, no side-scrolling of the page itself.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(url)
    expect(page.locator("#pg-amendments")).to_contain_text("بازرس نخست در مأموریت استانی است")
    page.screenshot(path=str(tmp_path / "amend-390.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.goto(f"{page.base_url}/inspections/plans/{iw.plan.pk}/")
    page.click("#pg-plan-close summary")
    expect(page.locator("#close-reason")).to_be_visible()
    page.screenshot(path=str(tmp_path / "plan-390.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    print(f"screenshots: {tmp_path}")
