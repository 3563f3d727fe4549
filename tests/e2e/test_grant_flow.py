"""Issue 10 in a real browser: the NGO writes and submits a proposal to the office's call, the office
starts the review and approves it on the decision page, the NGO reports the first milestone done and
the county governorate verifies it (the spine), and the office releases its instalment."""

import datetime as dt

import pytest
from django.utils import timezone

from peygir.actions import services as action_services
from peygir.core.jalali import format_jalali
from peygir.grants.models import Instalment, Proposal
from peygir.grants.services import calls
from tests.grants.factories import NgoProfileFactory
from tests.grants.world import CRITERIA

from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


def _jalali(day: dt.date) -> str:
    return format_jalali(day)


def test_from_call_to_released_instalment(page, world):
    today = timezone.localdate()
    office = world.users["office_staff"]
    NgoProfileFactory(organization=world.ngo, activity_territory=world.county)
    ngo_user = world.users["ngo"]
    call = calls.call_create(
        user=office,
        office=world.office,
        title="فراخوان طرح‌های ورزش محله",
        total_rials=100_000_000 * 10,
        opens_on=today - dt.timedelta(days=1),
        closes_on=today + dt.timedelta(days=20),
        themes=["sport"],
        criteria=CRITERIA,
    )
    calls.call_envelopes_set(user=office, call=call, method="equal")
    calls.call_publish(user=office, call=call)

    # The NGO writes its proposal: amounts in tomans with Persian digits and separators.
    login(page, ngo_user.username)
    page.goto(f"{page.base_url}/grants/{call.pk}/apply/")
    page.fill("input[name=title]", "کلاس‌های ورزشی نوجوانان محله")
    page.select_option("select[name=county]", str(world.county.pk))
    page.fill("input[name=starts_on]", _jalali(today + dt.timedelta(days=1)))
    page.fill("input[name=ends_on]", _jalali(today + dt.timedelta(days=80)))
    page.fill("input[name=requested]", "۲۰٬۰۰۰٬۰۰۰")
    page.fill("input[name=budget_title_1]", "حق‌الزحمه مربیان")
    page.fill("input[name=budget_amount_1]", "۲۰٬۰۰۰٬۰۰۰")
    page.fill("input[name=step_title_1]", "ثبت‌نام و آغاز کلاس‌ها")
    page.fill("input[name=step_due_1]", _jalali(today + dt.timedelta(days=30)))
    page.fill("input[name=step_amount_1]", "۱۰٬۰۰۰٬۰۰۰")
    page.fill("input[name=step_title_2]", "مسابقه پایانی")
    page.fill("input[name=step_due_2]", _jalali(today + dt.timedelta(days=80)))
    page.fill("input[name=step_amount_2]", "۱۰٬۰۰۰٬۰۰۰")
    page.click("form button[type=submit]")
    page.wait_for_load_state("networkidle")
    proposal = Proposal.objects.get(call=call)
    assert proposal.requested_rials == 200_000_000
    page.click("text=ارسال طرح")
    page.wait_for_load_state("networkidle")
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SUBMITTED

    # The office starts the review and approves on the decision page.
    page.context.clear_cookies()
    login(page, office.username)
    page.goto(f"{page.base_url}/grants/proposals/{proposal.pk}/")
    page.click("text=ارسال به داوری")
    page.wait_for_load_state("networkidle")
    page.click("button:has-text('تصویب')")
    page.wait_for_load_state("networkidle")
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.APPROVED
    project = proposal.project

    # The NGO reports the first milestone done; the county governorate verifies it.
    first = project.milestones.get(number=1)
    action = first.actions.get()
    action_services.action_report_done(action=action, user=ngo_user, text="۱۲۰ نوجوان ثبت‌نام کردند")
    action_services.action_verify(action=action, user=world.users["county_deputy"], text="بازدید شد")

    # The office releases the instalment on the project page.
    page.goto(f"{page.base_url}/grants/projects/{project.pk}/")
    page.fill("input[name=reference]", "۱۴۰۵-۱")
    page.click("button:has-text('پرداخت قسط')")
    page.wait_for_load_state("networkidle")
    instalment = Instalment.objects.get(milestone=first)
    assert instalment.status == Instalment.Status.RELEASED and instalment.reference == "۱۴۰۵-۱"
    assert "پرداخت شده" in page.content()
