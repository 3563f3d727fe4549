"""S2.2 in a real browser: a facilitator registers a citizen's demand, the routing rule sends it to
the agency, the agency's liaison answers done, the office verifies, and the citizen follows it with
the tracking code and the last four digits of the mobile and rates it."""

import os
import re
import tempfile
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from peygir.demands.models import Demand, DemandCategory, RoutingRule
from peygir.demands.services import demand_intake
from peygir.facilitation.models import FacilitationOffice
from peygir.organizations.models import Membership, Organization
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory, make_territory

from .conftest import htmx_swap, login

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = Path(os.environ.get("PEYGIR_SHOTS_DIR", tempfile.gettempdir()))
TITLE = "تعمیر سرویس بهداشتی مدرسه ابتدایی شهید بهشتی"
DESCRIPTION = "سرویس بهداشتی مدرسه ابتدایی شهید بهشتی خراب است و دانش‌آموزان در زمستان مشکل دارند."


@pytest.fixture
def office(world):
    """An Arak neighbourhood office with its facilitator, and the rule: school buildings → agency."""
    city = make_territory("city", world.county, "اراک")
    zone = make_territory("neighbourhood", city, "محله شهرک قدس")
    org = OrganizationFactory(
        name="دفتر تسهیلگری محله شهرک قدس", kind=Organization.Kind.FACILITATION_OFFICE, territory=city
    )
    office = FacilitationOffice.objects.create(organization=org, is_pilot=True)
    office.neighbourhoods.set([zone])
    education = DemandCategory.objects.create(name="آموزش و پرورش", code="education", service_level_days=20)
    DemandCategory.objects.create(name="ساختمان مدرسه", code="school-building", parent=education)
    DemandCategory.objects.create(name="بهداشت و درمان", code="health")
    RoutingRule.objects.create(category=education, territory=world.province, agency=world.agency)
    MembershipFactory(
        user=UserFactory(username="facilitator"), organization=org, role=Membership.Role.FACILITATOR
    )
    # an open demand already registered at this school: offered as similar while typing
    demand_intake(
        user=get_user_model().objects.get(username="facilitator"),
        office=office,
        category=education,
        neighbourhood=zone,
        title="تعمیر سرویس بهداشتی مدرسه شهید بهشتی",
        description="سرویس بهداشتی مدرسه شهید بهشتی خراب است.",
        citizen_name="مریم احمدی",
        citizen_mobile="09351112233",
        consent=True,
    )
    return office


def as_user(browser, base_url: str, username: str):
    context = browser.new_context(locale="fa-IR", viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = base_url
    login(page, username)
    return context, page


def open_op(page, label: str) -> None:
    page.get_by_role("tab", name=label, exact=True).click()
    page.wait_for_timeout(300)  # the pill's fade


def test_facilitator_registers_agency_answers_office_verifies_citizen_rates(page, browser, world, office):
    zone = office.neighbourhoods.get()
    school = DemandCategory.objects.get(code="school-building")

    # 1. the facilitator signs in through the sign-in pages (password, then the second factor) and
    # registers the demand through the form, typing Persian digits
    login(page, "facilitator", through_form=True)
    assert page.url.rstrip("/") == page.base_url.rstrip("/")  # signed in: the start page
    page.goto(f"{page.base_url}/demands/new/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.select_option("select[name=category]", str(school.pk))
    page.select_option("select[name=neighbourhood]", str(zone.pk))
    page.fill("input[name=title]", TITLE)
    page.fill("textarea[name=description]", DESCRIPTION)
    page.fill("input[name=citizen_name]", "زهرا کاظمی")
    page.fill("input[name=citizen_mobile]", "۰۹۱۲ ۱۲۳ ۴۵۶۷")
    page.check("input[name=consent]")
    # the similar open demand is offered before saving
    page.locator("#similar .pg-similar").first.wait_for()
    assert "این درخواست را به آن اضافه کن" in page.locator("#similar").inner_text()
    page.screenshot(path=str(SHOTS / "demand_intake.png"), full_page=True)
    page.get_by_role("button", name="ثبت درخواست").click()
    page.wait_for_url(re.compile(r"/demands/\d+/$"))
    demand = Demand.objects.get(title=TITLE)
    assert demand.citizen_mobile == "+989121234567"

    # 2. the rule routed it to the agency, with an action in its inbox
    assert demand.status == Demand.Status.ROUTED and demand.agency_id == world.agency.pk
    assert demand.current_action.responsible_organization_id == world.agency.pk
    assert demand.tracking_code in page.content()
    assert world.agency.name in page.locator("main").inner_text()

    # 3. the agency's liaison answers "done" with a note
    context, agency = as_user(browser, page.base_url, "liaison")
    agency.goto(f"{page.base_url}/demands/{demand.pk}/")
    assert "زهرا کاظمی" not in agency.content()  # no personal data for the agency
    open_op(agency, "اعلام انجام")
    agency.fill("#op-done textarea[name=text]", "سرویس بهداشتی مدرسه بازسازی و لوله‌کشی تعویض شد.")
    agency.locator("#op-done button[type=submit]").click()
    agency.wait_for_load_state("networkidle")
    context.close()
    demand.refresh_from_db()
    assert demand.status == Demand.Status.DONE

    # 4. the facilitator verifies, with a note for the citizen
    page.goto(f"{page.base_url}/demands/{demand.pk}/")
    open_op(page, "تأیید انجام")
    page.fill("#op-verify textarea[name=public_note]", "بازسازی سرویس بهداشتی مدرسه با بازدید دفتر تأیید شد.")
    page.locator("#op-verify button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    demand.refresh_from_db()
    assert demand.status == Demand.Status.RESOLVED
    assert "زهرا کاظمی" in page.content()  # the office sees its citizen
    page.screenshot(path=str(SHOTS / "demand_page.png"), full_page=True)

    # 5. the citizen, without an account, opens the status page and rates the result
    citizen_context = browser.new_context(locale="fa-IR", viewport={"width": 800, "height": 900})
    citizen = citizen_context.new_page()
    citizen.goto(f"{page.base_url}/track/")
    citizen.fill("input[name=tracking_code]", demand.tracking_code.lower())
    citizen.fill("input[name=mobile_last4]", "۴۵۶۷")
    citizen.get_by_role("button", name="نمایش وضعیت").click()
    citizen.wait_for_load_state("networkidle")
    text = citizen.locator("#public-status").inner_text()
    assert demand.get_status_display() in text
    assert world.agency.name in text
    assert "بازسازی سرویس بهداشتی مدرسه با بازدید دفتر تأیید شد." in text
    html = citizen.content()
    for personal in ("زهرا کاظمی", "09121234567", "۰۹۱۲۱۲۳۴۵۶۷", "4567", "۴۵۶۷"):
        assert personal not in html
    citizen.screenshot(path=str(SHOTS / "demand_status.png"), full_page=True)
    citizen.locator("label[for=id_rating_0]").click()  # five stars (listed first)
    citizen.get_by_role("button", name="ثبت نظر").click()
    citizen.wait_for_load_state("networkidle")
    assert "از نظر شما سپاسگزاریم." in citizen.content()
    citizen_context.close()
    demand.refresh_from_db()
    assert demand.rating == 5 and demand.status == Demand.Status.RESOLVED


def test_citizen_submits_online_and_office_assigns_from_triage(page, browser, world, office, monkeypatch):
    """No rule for health: the confirmed online demand waits in the office's triage queue."""
    monkeypatch.setattr("peygir.demands.intake.generate_sms_code", lambda: "482913")
    zone = office.neighbourhoods.get()
    health = DemandCategory.objects.get(code="health")
    page.set_viewport_size({"width": 800, "height": 900})
    page.goto(f"{page.base_url}/request/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.select_option("select[name=category]", str(health.pk))
    with htmx_swap(page, "/request/?county="):
        page.select_option("select[name=county]", str(world.county.pk))
    page.select_option("select[name=neighbourhood]", str(zone.pk))
    page.fill("input[name=title]", "نبود پزشک در خانه بهداشت محله")
    page.fill("textarea[name=description]", "خانه بهداشت محله شهرک قدس از ماه گذشته پزشک ندارد.")
    page.fill("input[name=citizen_name]", "رضا مرادی")
    page.fill("input[name=citizen_mobile]", "+98 936 555 1234")
    page.check("input[name=consent]")
    page.screenshot(path=str(SHOTS / "demand_public_submit.png"), full_page=True)
    page.get_by_role("button", name="ثبت و دریافت کد تأیید").click()
    page.wait_for_url(re.compile(r"/request/confirm/$"))
    demand = Demand.objects.get(title="نبود پزشک در خانه بهداشت محله")
    assert page.input_value("input[name=tracking_code]") == demand.tracking_code
    page.fill("input[name=code]", "۴۸۲۹۱۳")
    page.get_by_role("button", name="تأیید", exact=True).click()
    page.wait_for_load_state("networkidle")
    assert demand.tracking_code in page.locator(".pg-code").inner_text()
    demand.refresh_from_db()
    assert demand.status == Demand.Status.TRIAGE and demand.office_id == office.pk

    context, staff = as_user(browser, page.base_url, "facilitator")
    staff.goto(f"{page.base_url}/demands/triage/")
    row = staff.locator("li.list-group-item", has_text="نبود پزشک در خانه بهداشت محله")
    row.locator("select[name=agency]").select_option(str(world.other_agency.pk))
    staff.screenshot(path=str(SHOTS / "demand_triage.png"), full_page=True)
    row.get_by_role("button", name="ارجاع").click()
    staff.wait_for_load_state("networkidle")
    assert "صف خالی است." in staff.content()
    staff.goto(f"{page.base_url}/demands/")
    staff.screenshot(path=str(SHOTS / "demand_list.png"), full_page=True)
    context.close()
    demand.refresh_from_db()
    assert demand.status == Demand.Status.ROUTED and demand.agency_id == world.other_agency.pk
