"""Issue 13 §2 in a real browser, for a project: the office's expert approves an NGO's proposal (and so
enters its project). The double-funding guard shows one NGO's nearly identical project, which the
expert decides as co-funded on the decision page, as before; after the approval the coordination
check shows another NGO's similar project in the same county and months — told in other words, so
the guard did not — and the expert links the two as the same work with the new project leading. The
guard's pair is in the coordination graph already and is not asked a second time."""

import dataclasses
import datetime as dt
import os
import re
import tempfile
from pathlib import Path

import pytest

from peygir.actions.models import Action
from peygir.coordination.models import Decision
from peygir.grants import guard
from peygir.grants.models import Project
from peygir.grants.services import proposals
from tests.grants.helpers import new_call, new_ngo
from tests.grants.world import approve, plan

from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = Path(os.environ.get("PEYGIR_SHOTS_DIR", tempfile.gettempdir()))

OURS = ("کلاس‌های ورزشی رایگان نوجوانان محله", "فوتسال و والیبال رایگان برای نوجوانان محله در تابستان")
NEAR_COPY = ("فوتسال رایگان نوجوانان محله", "کلاس‌های ورزشی تابستان")
REWORDED = ("المپیاد ورزشی نوجوانان محله", "مسابقات فوتسال و والیبال تابستانی")


def _submitted(world, call, name, text, *, county_wide=False):
    ngo, user = new_ngo(world, name)
    title, summary = text
    written = plan(world, title=title, summary=summary)
    if county_wide:
        written = dataclasses.replace(written, neighbourhoods=[])
    proposal = proposals.proposal_create(user=user, call=call, ngo=ngo, plan=written)
    proposal = proposals.proposal_submit(user=user, proposal=proposal)
    return proposals.proposal_start_review(user=world.users["office_staff"], proposal=proposal)


def test_an_officer_approving_a_proposal_links_another_bodys_similar_project(page, world):
    office = world.users["office_staff"]
    call = new_call(world, tomans=300_000_000)
    # Two other NGOs' projects in Arak in the same months (indexed when their approval commits).
    copy = approve(office, _submitted(world, call, "انجمن فوتسال اراک", NEAR_COPY, county_wide=True)).project
    theirs = approve(
        office, _submitted(world, call, "انجمن ورزش همگانی اراک", REWORDED, county_wide=True)
    ).project
    proposal = _submitted(world, call, "خیریه نوجوانان شهید بهشتی", OURS)
    assert {m.key for m in guard.find_matches(proposal)} == {f"project:{copy.proposal_id}"}

    login(page, office.username)
    page.goto(f"{page.base_url}/grants/proposals/{proposal.pk}/")
    # The guard's question, as before: the near copy, decided as co-funded.
    card = page.locator("#guard")
    assert copy.title in card.inner_text() and theirs.title not in card.inner_text()
    card.locator("select[name=decision]").select_option("co_funded")
    card.locator("textarea[name=reason]").fill("هر دو سمن کلاس‌ها را با هم برگزار می‌کنند")
    with page.expect_navigation(wait_until="domcontentloaded"):
        card.locator("button[type=submit]").click()
    assert "تأمین مشترک" in page.locator("#guard").inner_text()
    page.click("button:has-text('تصویب')")

    # The approval entered the project: the other body's reworded project is shown, the copy is not.
    page.wait_for_url(re.compile(r"/coordination/entry/"), wait_until="domcontentloaded")
    ours = Project.objects.get(proposal=proposal)
    cards = page.locator(".pg-entry-candidate")
    assert cards.count() == 1
    candidate = cards.first
    text = candidate.inner_text()
    assert theirs.ngo.name in text and theirs.title in text and copy.ngo.name not in text
    assert re.search(r"[۰-۹]", text) and not re.search(r"[0-9]", text)  # the score in Persian digits
    candidate.locator("select[name=choice]").select_option("same_ours")
    page.screenshot(path=str(SHOTS / "coordination-project-entry.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(SHOTS / "coordination-project-entry-phone.png"), full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})
    candidate.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/grants/proposals/{proposal.pk}/$"), wait_until="domcontentloaded")

    linked = Decision.objects.get(outcome=Decision.Outcome.SAME_WORK)
    assert {linked.a_key, linked.b_key} == {("project", ours.pk), ("project", theirs.pk)}
    assert linked.lead_key() == ("project", ours.pk) and linked.origin == Decision.Origin.ENTRY
    assert linked.supporting_organization_id() == theirs.ngo_id
    steps = Action.objects.filter(milestone__project=ours)
    assert steps.exists() and all(theirs.ngo in a.supporting_organizations.all() for a in steps)
    guarded = Decision.objects.get(outcome=Decision.Outcome.CO_FUNDED)
    assert {guarded.a_key, guarded.b_key} == {("project", ours.pk), ("project", copy.pk)}
    assert Decision.objects.count() == 2
    assert dt.date.today() <= ours.ends_on
