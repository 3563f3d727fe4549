"""S3 in a real browser: a secretary records the Markazi working-group meeting from a blank form to
the downloaded minutes, and the agency finds its action in its inbox."""

import re
import shutil
import subprocess

import pytest
from playwright.sync_api import expect

from peygir.actions.models import Action
from peygir.committees.models import Committee, CommitteeMember, Meeting
from peygir.core.jalali import add_months, parse_jalali_date
from peygir.organizations.models import Organization

from ..committees.s3 import COMMITTEE_NAME, TEXT_1, TEXT_2A, TEXT_2B, s3_group
from .conftest import htmx_swap, login

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def committee(world) -> Committee:
    committee = Committee.objects.create(
        name=COMMITTEE_NAME,
        kind=Committee.Kind.WORKING_GROUP,
        territory=world.province,
        secretariat=world.office,
    )
    for org, position in [
        (world.governorate, "chair"),
        (world.office, "secretary"),
        (world.agency, "member"),
        (world.other_agency, "member"),
    ]:
        CommitteeMember.objects.create(committee=committee, organization=org, position=position)
    s3_group(world)
    return committee


OPS = {
    "افزودن دستور جلسه": "agenda",
    "ثبت حضور": "attendance",
    "ثبت مطالب مطرح‌شده": "note",
    "افزودن مصوبه": "resolution",
}


def open_form(page, label: str) -> None:
    """Open the recording form by its accordion header (it stays open after an htmx save)."""
    header = page.locator(f'button.accordion-button[data-bs-target="#mf-{OPS[label]}"]')
    assert header.inner_text().strip() == label
    if header.get_attribute("aria-expanded") != "true":
        header.click()
        page.locator(f"#mf-{OPS[label]}.show").wait_for()
        page.wait_for_timeout(400)  # the collapse animation


def submit_open_form(page, op: str) -> None:
    """Submit and wait until htmx has put the answer in the page."""
    with htmx_swap(page, f"/{op}/"):
        page.locator(f"#mf-{op} button[type=submit]").click()


def press_status(page, name: str) -> None:
    """The status buttons post a plain form: wait for the page that answers it."""
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()


def test_secretary_records_s3_from_blank_form_to_pdf(page, browser, world, committee, tmp_path):
    login(page, "office_staff")
    page.goto(f"{page.base_url}/committees/{committee.pk}/")
    assert page.locator("html").get_attribute("dir") == "rtl"

    # a new meeting, typed the way people type: Persian digits
    page.fill("input[name=time]", "۱۰:۰۰")
    page.fill("input[name=place]", "سالن جلسات استانداری مرکزی")
    page.fill("input[name=chair_name]", "دکتر مخلص الائمه")
    page.fill("input[name=quorum_note]", "با حضور اکثریت اعضاء")
    # typed rather than picked (the Jalali picker opens over the form), then Enter submits
    page.fill("input[name=date]", "۱۴۰۲/۰۷/۱۸")
    page.press("input[name=date]", "Enter")
    page.wait_for_url(re.compile(r"/meetings/\d+/$"))
    meeting = Meeting.objects.get(committee=committee)
    assert "۱۴۰۲/۰۷/۱۸" in page.content()

    # agenda
    for title, presenter in [
        ("ارائه گزارش از وضعیت بهداشتی مدارس کانکسی توسط دانشگاه علوم پزشکی استان", world.other_agency),
        ("ارائه برنامه تحول و تعالی حوزه اجتماعی و فرهنگی استان", world.office),
    ]:
        open_form(page, "افزودن دستور جلسه")
        page.fill("#mf-agenda input[name=agenda-title]", title)
        page.select_option("#mf-agenda select[name=agenda-presenter]", str(presenter.pk))
        submit_open_form(page, "agenda")
        assert page.get_by_text(title).first.is_visible()

    # attendance: present, represented, absent
    for org, status, by in [
        (world.governorate, "present", ""),
        (world.other_agency, "represented", "معاون بهداشتی"),
        (world.county_gov, "absent", ""),
    ]:
        open_form(page, "ثبت حضور")
        page.select_option("#mf-attendance select[name=att-organization]", str(org.pk))
        page.select_option("#mf-attendance select[name=att-status]", status)
        if by:
            page.fill("#mf-attendance input[name=att-represented_by]", by)
        submit_open_form(page, "attendance")

    # the governor's words on item 2
    items = list(meeting.agenda_items.order_by("order", "id"))
    open_form(page, "ثبت مطالب مطرح‌شده")
    page.select_option("#mf-note select[name=note-item]", str(items[1].pk))
    page.fill("#mf-note input[name=note-speaker_name]", "دکتر مخلص الائمه")
    page.fill(
        "#mf-note textarea[name=note-summary]",
        "دستگاه‌های اجرایی درقبال انجام وظایف خود نباید منتظر ابلاغ از مرکز باشند.",
    )
    submit_open_form(page, "note")

    # resolutions: row 1; row 2 as a heading with sub-items الف and ب
    group = Organization.objects.get(kind=Organization.Kind.GROUP)
    rows = [
        (TEXT_1, [world.agency], "یک ماه", ""),
        ("برنامه تحول و تعالی حوزه اجتماعی و فرهنگی استان مطرح و مقرر گردید:", [], "سال ۱۴۰۲", ""),
        (TEXT_2A, [group], "۱۴۰۲", "2"),
        (TEXT_2B, [world.office], "۱۴۰۲", "2"),
    ]
    for text, responsible, deadline, parent in rows:
        open_form(page, "افزودن مصوبه")
        page.fill("#mf-resolution textarea[name=res-text]", text)
        if responsible:
            page.select_option(
                "#mf-resolution select[name=res-responsible]", [str(o.pk) for o in responsible]
            )
        page.fill("#mf-resolution input[name=res-deadline_text]", deadline)
        if parent:
            page.select_option("#mf-resolution select[name=res-parent]", label=parent)
        submit_open_form(page, "resolution")
        assert not page.locator("#mf-resolution .invalid-feedback:visible").count(), page.content()

    # a bad deadline is refused in Persian and writes nothing
    before = Action.objects.count()
    open_form(page, "افزودن مصوبه")
    page.fill("#mf-resolution textarea[name=res-text]", "مصوبه آزمایشی")
    page.select_option("#mf-resolution select[name=res-responsible]", [str(world.agency.pk)])
    page.fill("#mf-resolution input[name=res-deadline_text]", "۱۴۰۲/۱۲/۳۰")
    submit_open_form(page, "resolution")
    expect(page.locator("#mf-resolution")).to_contain_text("۲۹ روز دارد")
    assert Action.objects.count() == before

    # held, approved
    press_status(page, "برگزار شد")
    press_status(page, "تأیید صورتجلسه")
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.APPROVED

    # every responsibility became an action with the minutes' deadline
    day = parse_jalali_date("1402/07/18")
    school = Action.objects.get(
        resolution__meeting=meeting, responsible_organization=world.agency, resolution__label=""
    )
    assert school.deadline == add_months(day, 1)
    assert Action.objects.filter(resolution__meeting=meeting).count() == 4  # 1 + group of 2 + office
    assert Action.objects.get(responsible_organization=world.office).deadline == parse_jalali_date(
        "1402/12/29"
    )

    # the official minutes, downloaded as a person would
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("PDF")).first.click()
    pdf_path = tmp_path / "minutes.pdf"
    download_info.value.save_as(pdf_path)
    assert pdf_path.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf_path), "-"], capture_output=True, text=True
        ).stdout
        text = text.translate({0x202A: None, 0x202B: None, 0x202C: None})
        assert "مسئول پیگیری" in text and "نسبت به رفع نقایص" in text
    page.screenshot(path=str(tmp_path / "meeting.png"), full_page=True)

    # the agency's liaison finds the action in its inbox
    context = browser.new_context(locale="fa-IR")
    agency_page = context.new_page()
    agency_page.base_url = page.base_url
    login(agency_page, "liaison")
    agency_page.goto(f"{page.base_url}/inbox/")
    assert agency_page.get_by_text(TEXT_1[:30]).first.is_visible()
    assert TEXT_2B[:20] not in agency_page.content()  # the office's duty is not the agency's
    context.close()
