"""Issue 11's authoring in a real browser: the office's expert drafts a checklist question by question
and publishes it, creates a plan using it and sends it for approval; the plan is not theirs to approve,
so the office's head approves it — and the current period is drawn and sealed, no date shown."""

import pytest

from peygir.inspections import facilities
from peygir.inspections.models import ChecklistTemplate, Draw, InspectionPlan
from peygir.programs.models import PolicyDocument

from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


def _submit(page, selector: str) -> None:
    """Click a form's button and wait for the page the POST leads to."""
    with page.expect_navigation():
        page.click(selector)


def _add_question(page, code: str, text: str) -> None:
    page.fill("input[name=section]", "ایمنی سالن")
    page.fill("input[name=code]", code)
    page.fill("input[name=text]", text)
    _submit(page, "button:has-text('افزودن')")
    assert "پرسش به پیش‌نویس افزوده شد" in page.content()


def test_a_checklist_and_a_plan_are_authored_submitted_and_approved(page, world):
    office = world.users["office_staff"]
    document = PolicyDocument.objects.create(
        title="سند توسعه ورزش همگانی استان",
        level="provincial",
        theme="sport",
        territory=world.province,
        issuer=world.office,
        year=1405,
    )
    facilities.facility_create(
        user=office,
        name="سالن ورزشی شهید چمران اراک",
        kind="sports_venue",
        territory=world.county,
        responsible_agency=world.agency,
    )

    # The checklist: a draft, two questions, published.
    login(page, office.username)
    page.goto(f"{page.base_url}/inspections/checklists/new/")
    page.select_option("select[name=document]", str(document.pk))
    page.fill("input[name=title]", "چک‌لیست ایمنی اماکن ورزشی")
    page.check("input[name=facility_kinds][value=sports_venue]")
    _submit(page, "main form button[type=submit]")
    assert page.url.endswith("/draft/")
    _add_question(page, "exits", "درهای خروج اضطراری باز و نشانه‌گذاری شده است")
    _add_question(page, "first_aid", "جعبه کمک‌های اولیه در دسترس است")
    _submit(page, "button:has-text('انتشار این نسخه')")
    template = ChecklistTemplate.objects.get(title="چک‌لیست ایمنی اماکن ورزشی")
    version = template.latest_version()
    assert version is not None and version.questions.count() == 2

    # The plan, using it, sent for approval.
    page.goto(f"{page.base_url}/inspections/plans/new/")
    page.fill("input[name=title]", "بازدید سرزده ماهانه اماکن ورزشی استان")
    page.select_option("select[name=organization]", str(world.office.pk))
    page.select_option("select[name=territory]", str(world.province.pk))
    page.select_option("select[name=document]", str(document.pk))
    page.check("input[name='rule-sports_venue-on']")
    page.select_option("select[name='rule-sports_venue-template']", str(template.pk))
    # The inspectors are chosen by typing in the searchable multi-select.
    label = page.locator(f"select[name=inspectors] option[value='{office.pk}']").inner_text()
    page.locator("#id_inspectors-ts-control").fill(label[:8])
    page.locator(".ts-dropdown .option", has_text=label).first.click()
    chosen = page.locator("select[name=inspectors]").evaluate(
        "el => [...el.selectedOptions].map(o => o.value)"
    )
    assert chosen == [str(office.pk)]
    _submit(page, "main form button[type=submit]")
    plan = InspectionPlan.objects.get(title="بازدید سرزده ماهانه اماکن ورزشی استان")
    _submit(page, "button:has-text('فرستادن برای تصویب')")
    plan.refresh_from_db()
    assert plan.status == InspectionPlan.Status.SUBMITTED
    # Separation of duties: its author is offered no approval.
    assert page.locator("#pg-own-plan").count() == 1
    assert page.locator("button:has-text('تصویب برنامه')").count() == 0

    # Another manager approves: the period is drawn and sealed, and no date is shown.
    page.context.clear_cookies()
    login(page, world.users["office_head"].username)
    page.goto(f"{page.base_url}/inspections/plans/{plan.pk}/")
    _submit(page, "button:has-text('تصویب برنامه')")
    plan.refresh_from_db()
    assert plan.status == InspectionPlan.Status.APPROVED
    assert plan.approved_by == world.users["office_head"]
    sealed = Draw.objects.get(plan=plan)
    assert sealed.visits_count == 1
    body = page.content()
    assert "مهر شد" in body and sealed.seal[:16] in body
    assert sealed.visits.get().scheduled_on.isoformat() not in body
