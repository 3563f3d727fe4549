"""Issue 10 in a real browser: an NGO registers itself without an account and its representative types
back the code texted to their mobile (a wrong one first, refused in Persian), the provincial office
finds it in its queue and verifies it, and the NGO's representative writes a proposal answering the call's own
questions (a number out of its bounds is refused in Persian first) and submits it."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from peygir.core.jalali import format_jalali
from peygir.grants.models import NgoProfile, Proposal
from peygir.grants.services import calls
from peygir.notifications.sms import MemorySmsBackend
from tests.grants.factories import PDF, national_id
from tests.grants.world import CRITERIA

from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Sal-e-Now-1405!"
QUESTIONS = [
    {"name": "girls", "label": "شمار دختران بهره‌مند", "kind": "integer", "required": True, "min_value": 10},
    {"name": "place", "label": "محل اجرا", "kind": "choice", "required": True, "choices": ["مسجد", "مدرسه"]},
]


def test_registration_verification_and_a_proposal_with_answers(page, world, tmp_path, settings):
    # The test SMS backend keeps what it sends: the code is read from the message, as the person would.
    settings.SMS_BACKEND = "peygir.notifications.sms.MemorySmsBackend"
    settings.PEYGIR_DELIVER_ON_COMMIT = True
    MemorySmsBackend.outbox = []
    today = timezone.localdate()
    office = world.users["office_staff"]
    call = calls.call_create(
        user=office,
        office=world.office,
        title="فراخوان طرح‌های ورزش دختران",
        total_rials=100_000_000 * 10,
        opens_on=today - dt.timedelta(days=1),
        closes_on=today + dt.timedelta(days=20),
        themes=["sport"],
        criteria=CRITERIA,
        form_fields=QUESTIONS,
    )
    calls.call_envelopes_set(user=office, call=call, method="equal")
    calls.call_publish(user=office, call=call)

    # A visitor registers the NGO, reaching the page from the sign-in page.
    licence = tmp_path / "parvaneh.pdf"
    licence.write_bytes(PDF)
    page.goto(f"{page.base_url}/login/")
    page.click("text=ثبت‌نام سازمان مردم‌نهاد")
    page.fill("input[name=name]", "انجمن ورزش دختران اراک")
    page.fill("input[name=national_id]", national_id(7001))
    page.fill("input[name=registration_number]", "۸۸۱")
    page.fill("input[name=licence_issuer]", "اداره کل ورزش و جوانان")
    page.fill("input[name=licence_expires_on]", format_jalali(today + dt.timedelta(days=300)))
    page.select_option("select[name=county]", str(world.county.pk))
    page.set_input_files("input[name=licence_file]", str(licence))
    page.fill("input[name=first_name]", "نرگس")
    page.fill("input[name=last_name]", "صالحی")
    page.fill("input[name=mobile]", "۰۹۱۸۱۲۳۴۵۶۷")
    page.fill("input[name=username]", "narges_ngo")
    page.fill("input[name=password]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url(re.compile(r"/grants/ngos/register/confirm/$"))
    profile = NgoProfile.objects.get(national_id=national_id(7001))
    assert profile.status == "unconfirmed"
    # Not in the office's hands until the code comes back: a wrong one is refused in Persian.
    [(to, text)] = MemorySmsBackend.outbox
    code = re.search(r"(?<!\d)(\d{6})(?!\d)", text).group(1)
    assert to == "09181234567"
    # The page says the limits as set; "send again" at once waits for the minute, in Persian.
    expect(page.locator("#code-limits")).to_contain_text("۱۰ دقیقه اعتبار دارد")
    page.get_by_role("button", name="ارسال دوباره کد").click()
    expect(page.get_by_role("alert")).to_contain_text("ثانیه دیگر می‌توانید کد تازه بخواهید")
    assert len(MemorySmsBackend.outbox) == 1
    page.fill("input[name=code]", "000000" if code != "000000" else "111111")
    page.get_by_role("button", name="تأیید", exact=True).click()
    page.wait_for_load_state("networkidle")
    assert "کد تأیید درست نیست." in page.content()
    profile.refresh_from_db()
    assert profile.status == "unconfirmed"
    page.fill("input[name=code]", code.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")))
    page.get_by_role("button", name="تأیید", exact=True).click()
    page.wait_for_load_state("networkidle")
    profile.refresh_from_db()
    assert profile.status == "pending" and "/login/" in page.url

    # The office verifies it from its queue.
    login(page, office.username)
    page.goto(f"{page.base_url}/grants/ngos/")
    page.click("text=انجمن ورزش دختران اراک")
    page.click("button:has-text('تأیید سمن')")
    page.wait_for_load_state("networkidle")
    profile.refresh_from_db()
    assert profile.status == "verified"
    # The representative is told by SMS.
    to, text = MemorySmsBackend.outbox[-1]
    assert to == "09181234567" and "تأیید شد" in text

    # The representative writes the proposal; the call's questions are in the form.
    page.context.clear_cookies()
    login(page, "narges_ngo", PASSWORD)
    page.goto(f"{page.base_url}/grants/{call.pk}/")
    page.click("text=نوشتن طرح")
    page.fill("input[name=title]", "والیبال دختران محله")
    page.select_option("select[name=county]", str(world.county.pk))
    page.fill("input[name=starts_on]", format_jalali(today + dt.timedelta(days=1)))
    page.fill("input[name=ends_on]", format_jalali(today + dt.timedelta(days=60)))
    page.fill("input[name=requested]", "۱۰٬۰۰۰٬۰۰۰")
    page.fill("input[name=budget_title_1]", "مربی")
    page.fill("input[name=budget_amount_1]", "۱۰٬۰۰۰٬۰۰۰")
    page.fill("input[name=step_title_1]", "پایان دوره")
    page.fill("input[name=step_due_1]", format_jalali(today + dt.timedelta(days=60)))
    page.fill("input[name=step_amount_1]", "۱۰٬۰۰۰٬۰۰۰")
    page.fill("input[name=q_girls]", "۵")
    page.select_option("select[name=q_place]", "مدرسه")
    page.click("form button[type=submit]:has-text('ذخیره پیش‌نویس')")
    page.wait_for_load_state("networkidle")
    assert "نباید کمتر از ۱۰ باشد" in page.content()
    assert not Proposal.objects.filter(call=call).exists()
    page.fill("input[name=q_girls]", "۴۵")
    page.click("form button[type=submit]:has-text('ذخیره پیش‌نویس')")
    page.wait_for_load_state("networkidle")
    proposal = Proposal.objects.get(call=call)
    assert proposal.answers == {"girls": 45, "place": "مدرسه"}
    page.click("text=ارسال طرح")
    page.wait_for_load_state("networkidle")
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SUBMITTED
