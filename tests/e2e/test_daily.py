"""Issue 9 in a real browser: a draft row reaches nobody until the minutes are approved; an extension
is requested by the agency and accepted by the office."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from peygir.actions.models import Action, ExtensionRequest
from peygir.actions.services import action_create
from peygir.core.jalali import format_jalali
from peygir.notifications.models import Notification

from ..committees.s3 import TEXT_1, build_s3
from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


def second_page(browser, page):
    context = browser.new_context(locale="fa-IR", viewport={"width": 1366, "height": 900})
    other = context.new_page()
    other.set_default_timeout(15_000)
    other.base_url = page.base_url
    return context, other


def test_a_draft_row_reaches_nobody_until_approval(page, browser, world, tmp_path):
    s3 = build_s3(world, held=True, dispatch=False)
    # The agency's liaison: nothing in the inbox, no notification, the row marked as a draft.
    context, liaison = second_page(browser, page)
    login(liaison, "liaison")
    liaison.goto(f"{page.base_url}/inbox/")
    assert TEXT_1[:30] not in liaison.content()
    assert not Notification.objects.filter(recipient=world.users["liaison"]).exists()
    assert not Action.objects.filter(resolution__meeting=s3.meeting).exists()  # no agency has it yet
    liaison.goto(f"{page.base_url}/meetings/{s3.meeting.pk}/")
    assert liaison.locator("#draft-note").is_visible()
    assert liaison.get_by_text("پیش‌نویس — ابلاغ نشده").first.is_visible()

    # The secretary approves the minutes: every row is dispatched at once.
    login(page, "office_staff")
    page.goto(f"{page.base_url}/meetings/{s3.meeting.pk}/")
    page.get_by_role("button", name="تأیید صورتجلسه و ابلاغ مصوبات").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("#draft-note").count() == 0
    page.screenshot(path=str(tmp_path / "approved.png"), full_page=True)
    assert Action.objects.filter(resolution__meeting=s3.meeting).count() == 4

    liaison.goto(f"{page.base_url}/inbox/")
    assert liaison.get_by_text(TEXT_1[:30]).first.is_visible()
    assert Notification.objects.filter(recipient=world.users["liaison"], kind="action.created").exists()
    context.close()


def test_an_extension_requested_and_accepted(page, browser, world, tmp_path):
    deadline = timezone.localdate() + dt.timedelta(days=10)
    proposed = timezone.localdate() + dt.timedelta(days=45)
    action = action_create(
        title="تجهیز مدارس کانکسی به سامانه گرمایشی ایمن",
        responsible=world.agency,
        issuer=world.office,
        deadline=deadline,
        created_by=world.users["office_staff"],
    )
    url = f"{page.base_url}/actions/{action.pk}/"

    # The liaison asks for more time, with a reason and a date typed in Persian digits.
    context, liaison = second_page(browser, page)
    login(liaison, "liaison")
    liaison.goto(url)
    liaison.locator('button[data-bs-target="#op-extension"]').click()
    liaison.locator("#op-extension.show").wait_for()
    liaison.fill("#op-extension input[name=proposed]", format_jalali(proposed))
    liaison.fill("#op-extension textarea[name=reason]", "اعتبار خرید بخاری‌ها هنوز ابلاغ نشده است")
    liaison.locator("#op-extension button[type=submit]").click()
    liaison.wait_for_load_state("networkidle")
    assert "درخواست تمدید مهلت برای صادرکننده فرستاده شد" in liaison.content()
    assert ExtensionRequest.objects.filter(action=action, status="pending").exists()

    # The office sees the request and accepts it: the deadline moves.
    login(page, "office_staff")
    page.goto(url)
    assert page.get_by_text("اعتبار خرید بخاری‌ها هنوز ابلاغ نشده است").first.is_visible()
    page.locator('button[data-bs-target="#op-extension-decide"]').click()
    page.locator("#op-extension-decide.show").wait_for()
    page.select_option("#op-extension-decide select[name=decision]", "accept")
    page.locator("#op-extension-decide button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert "مهلت اقدام تمدید شد" in page.content()
    page.screenshot(path=str(tmp_path / "extended.png"), full_page=True)
    action.refresh_from_db()
    assert action.deadline == proposed

    # The liaison's page shows the new deadline and both events in the history.
    liaison.goto(url)
    body = liaison.content()
    assert format_jalali(proposed) in body
    assert re.search("پذیرش تمدید مهلت", body) and "درخواست تمدید مهلت" in body
    context.close()
