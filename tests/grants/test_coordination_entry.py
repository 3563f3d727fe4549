"""Issue 13 §2 for projects: approving a proposal enters a project, and the coordination check runs for
it — other bodies' similar work in the county and period goes to the entry page, to be linked (same
work with a lead, co-funded), differentiated or justified; the pairs the double-funding guard already
answered are written into the graph, not asked; a pair decided is never asked again, also when an
amendment changes the project's period and the check runs again."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from django.urls import reverse

from peygir.actions.models import Action
from peygir.coordination.models import Decision
from peygir.core.jalali import format_jalali
from peygir.grants import coordination, guard
from peygir.grants.models import Amendment, GuardDecision, Project, Proposal
from peygir.grants.services import allocation, proposals
from peygir.search import indexing, registry
from peygir.search.models import SearchEntry

from .helpers import counts, new_call, new_ngo, sign_in
from .world import approve, plan

pytestmark = pytest.mark.django_db

OURS = ("کلاس‌های ورزشی رایگان نوجوانان محله", "فوتسال و والیبال رایگان برای نوجوانان محله در تابستان")
# The same work told in other words: too far apart in words for the guard's text test (a question of
# money: the same thing funded twice), near enough with the same theme, county and months for the
# coordination check (a question of work: two bodies doing the same thing).
REWORDED = ("المپیاد ورزشی نوجوانان محله", "مسابقات فوتسال و والیبال تابستانی")
# Nearly the same words: the guard matches it, and the office must decide about it before approving.
NEAR_COPY = ("فوتسال رایگان نوجوانان محله", "کلاس‌های ورزشی تابستان")
UNRELATED = ("کارگاه مهارت‌های زندگی برای مادران", "آموزش فرزندپروری و پیشگیری از اعتیاد")


@pytest.fixture(autouse=True)
def _sources():
    registry.sources.cache_clear()
    yield
    registry.sources.cache_clear()


def _submitted(world, call, ngo, user, text, *, county_wide=False):
    title, summary = text
    written = plan(world, title=title, summary=summary)
    if county_wide:  # the whole county, no neighbourhood named
        written = dataclasses.replace(written, neighbourhoods=[])
    proposal = proposals.proposal_create(user=user, call=call, ngo=ngo, plan=written)
    proposal = proposals.proposal_submit(user=user, proposal=proposal)
    return proposals.proposal_start_review(user=world.users["office_staff"], proposal=proposal)


def _their_project(world, call, text, *, name="انجمن ورزش همگانی اراک"):
    """Another NGO's approved project, county-wide, in the same county and months, in the index."""
    ngo, user = new_ngo(world, name)
    proposal = _submitted(world, call, ngo, user, text, county_wide=True)
    project = approve(world.users["office_staff"], proposal).project
    indexing.refresh("project", [project.pk])  # as the commit would (tests never commit)
    return project


def _ours(world, call, text=OURS):
    ngo, user = new_ngo(world, "خیریه نوجوانان شهید بهشتی")
    return _submitted(world, call, ngo, user, text)


def _approve(client, world, proposal, **data):
    sign_in(client, world.users["office_staff"])
    url = reverse("web:grant_proposal_op", args=[proposal.pk, "approve"])
    return client.post(url, {"amount": "۲۰٬۰۰۰٬۰۰۰", "override_reason": "رتبه‌بندی بررسی شد", **data})


def test_approving_a_proposal_shows_another_bodys_similar_project_and_links_them(client, world):
    call = new_call(world)
    theirs = _their_project(world, call, REWORDED)
    proposal = _ours(world, call)
    assert not guard.find_matches(proposal)  # the guard has nothing to say: only coordination sees it

    response = _approve(client, world, proposal)
    assert response.status_code == 302 and "/coordination/entry/" in response.url
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.APPROVED
    ours = proposal.project
    page = client.get(response.url)
    html = page.content.decode()
    assert page.status_code == 200 and theirs.ngo.name in html and theirs.title in html

    decide = response.url + "decide/"
    answer = client.post(decide, {"other": f"project:{theirs.pk}", "choice": "same_ours"})
    assert answer.status_code == 302
    decision = Decision.objects.get()
    assert decision.origin == Decision.Origin.ENTRY and decision.outcome == Decision.Outcome.SAME_WORK
    assert {decision.a_key, decision.b_key} == {("project", ours.pk), ("project", theirs.pk)}
    assert decision.lead_key() == ("project", ours.pk)
    assert decision.lead_organization_id() == ours.ngo_id
    assert decision.supporting_organization_id() == theirs.ngo_id
    assert decision.decided_by == world.users["office_staff"]
    # The other NGO supports the leading project's milestones (the coordination services' support).
    steps = Action.objects.filter(milestone__project=ours)
    assert steps.count() == 2
    assert all(theirs.ngo in a.supporting_organizations.all() for a in steps)
    assert sorted(decision.supported_actions) == sorted(steps.values_list("pk", flat=True))
    # Decided: the page sends the officer on to the proposal, and the pair is never asked again.
    done = client.get(response.url)
    assert done.status_code == 302 and done.url == reverse("web:grant_proposal_detail", args=[proposal.pk])


def test_without_similar_work_the_approval_goes_straight_on(client, world):
    call = new_call(world)
    _their_project(world, call, UNRELATED)
    proposal = _ours(world, call)
    response = _approve(client, world, proposal)
    assert response.status_code == 302
    assert response.url == reverse("web:grant_proposal_detail", args=[proposal.pk])
    assert Project.objects.filter(proposal=proposal).exists() and not Decision.objects.exists()


def test_the_guards_decision_is_recorded_in_the_graph_and_not_asked_again(client, world):
    call = new_call(world)
    copy = _their_project(world, call, NEAR_COPY, name="انجمن فوتسال اراک")
    reworded = _their_project(world, call, REWORDED)
    proposal = _ours(world, call)
    assert {m.key for m in guard.find_matches(proposal)} == {f"project:{copy.proposal_id}"}
    allocation.guard_decide(
        user=world.users["office_staff"],
        proposal=proposal,
        decision=GuardDecision.Decision.CO_FUNDED,
        reason="هر دو سمن با هم کلاس‌ها را برگزار می‌کنند",
    )

    response = _approve(client, world, proposal)
    ours = Project.objects.get(proposal=proposal)
    # The pair the guard decided is in the graph: co-funded, the guard's reason as its note.
    recorded = Decision.objects.get()
    assert {recorded.a_key, recorded.b_key} == {("project", ours.pk), ("project", copy.pk)}
    assert recorded.outcome == Decision.Outcome.CO_FUNDED and recorded.origin == Decision.Origin.ENTRY
    assert "هر دو سمن با هم" in recorded.note and recorded.decided_by == world.users["office_staff"]
    # Only the other pair is asked.
    assert "/coordination/entry/" in response.url
    html = client.get(response.url).content.decode()
    assert reworded.title in html and copy.title not in html


def test_a_different_work_answer_of_the_guard_differentiates_and_nothing_is_left_to_ask(client, world):
    call = new_call(world)
    copy = _their_project(world, call, NEAR_COPY, name="انجمن فوتسال اراک")
    proposal = _ours(world, call)
    allocation.guard_decide(
        user=world.users["office_staff"], proposal=proposal, decision="different", reason="ویژه دختران"
    )
    response = _approve(client, world, proposal)
    assert response.url == reverse("web:grant_proposal_detail", args=[proposal.pk])
    recorded = Decision.objects.get()
    assert recorded.outcome == Decision.Outcome.DIFFERENTIATED and "ویژه دختران" in recorded.note
    assert ("project", copy.pk) in (recorded.a_key, recorded.b_key)


def test_a_pair_decided_about_the_proposal_is_not_asked_for_its_project(client, world):
    call = new_call(world)
    theirs = _their_project(world, call, REWORDED)
    proposal = _ours(world, call)
    # The NGO decided about the pair when it entered its proposal (the proposal's own entry check).
    Decision.objects.create(
        a_kind="project",
        a_id=theirs.pk,
        b_kind="proposal",
        b_id=proposal.pk,
        outcome=Decision.Outcome.DIFFERENTIATED,
        note="ویژه دختران",
        origin=Decision.Origin.ENTRY,
    )
    response = _approve(client, world, proposal)
    assert response.url == reverse("web:grant_proposal_detail", args=[proposal.pk])
    assert Decision.objects.count() == 1


def test_an_amendment_of_the_period_runs_the_check_again_and_decided_pairs_stay_decided(client, world):
    call = new_call(world)
    proposal = _ours(world, call)
    response = _approve(client, world, proposal)
    ours = Project.objects.get(proposal=proposal)
    assert response.url == reverse("web:grant_proposal_detail", args=[proposal.pk])  # nothing similar yet
    # Later another NGO starts the same work in the months the project is now extended into.
    later = _their_project(world, call, REWORDED)
    later.starts_on = ours.ends_on + dt.timedelta(days=10)
    later.ends_on = ours.ends_on + dt.timedelta(days=60)
    later.save(update_fields=["starts_on", "ends_on"])
    indexing.refresh("project", [later.pk])
    amend = reverse("web:grant_project_op", args=[ours.pk, "amend"])
    page = reverse("web:grant_project_detail", args=[ours.pk])
    # A milestone's date is not what coordination compares: on as before.
    first = ours.milestones.get(number=1)
    data = {"reason": "تعطیلی سالن", "milestone": first.pk, "due_on": format_jalali(first.due_on)}
    data["due_on"] = format_jalali(first.due_on + dt.timedelta(days=3))
    assert client.post(amend, data).url == page
    # The end moved into the other project's months: checked again, the other body's project shown.
    new_end = format_jalali(ours.ends_on + dt.timedelta(days=30))
    response = client.post(amend, {"reason": "تمدید به درخواست سمن", "ends_on": new_end})
    assert response.status_code == 302 and "/coordination/entry/" in response.url
    assert Amendment.objects.filter(project=ours, field="ends_on").exists()
    client.post(
        response.url + "decide/",
        {"other": f"project:{later.pk}", "choice": "justified", "note": "دو گروه سنی"},
    )
    assert Decision.objects.get().outcome == Decision.Outcome.JUSTIFIED
    # Amended again: the decided pair is not asked again.
    newer_end = format_jalali(ours.ends_on + dt.timedelta(days=40))
    again = client.post(amend, {"reason": "تمدید دوباره", "ends_on": newer_end})
    assert again.url == page and Decision.objects.count() == 1


def test_the_project_draft_is_what_the_index_says_of_the_project(world):
    call = new_call(world)
    project = _their_project(world, call, REWORDED)
    draft = coordination.project_draft(project)
    entry = SearchEntry.objects.get(kind="project", object_id=project.pk)
    assert (draft.title, draft.county_id, draft.amount_rials) == (
        entry.title,
        entry.county_id,
        entry.amount_rials,
    )
    assert (draft.starts_on, draft.ends_on, draft.category) == (
        entry.starts_on,
        entry.ends_on,
        entry.category,
    )
    assert draft.organization_ids == {entry.organization_id} and draft.keys == [("project", project.pk)]


@pytest.mark.parametrize("persona", ["ngo", "county_deputy", "foreign_staff"])
def test_a_denied_user_changes_nothing(client, world, persona):
    call = new_call(world)
    _their_project(world, call, REWORDED)
    proposal = _ours(world, call)
    before, decisions = counts(), Decision.objects.count()
    sign_in(client, world.users[persona])
    response = client.post(
        reverse("web:grant_proposal_op", args=[proposal.pk, "approve"]), {"amount": "۲۰٬۰۰۰٬۰۰۰"}
    )
    assert response.status_code == 404
    assert counts() == before and Decision.objects.count() == decisions
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.UNDER_REVIEW


def test_the_entry_token_of_an_approval_is_the_approvers_own(client, world):
    call = new_call(world)
    theirs = _their_project(world, call, REWORDED)
    url = _approve(client, world, _ours(world, call)).url
    other = client.__class__()
    sign_in(other, world.users["office_head"])
    assert other.get(url).status_code == 404
    assert (
        other.post(url + "decide/", {"other": f"project:{theirs.pk}", "choice": "co_funded"}).status_code
        == 404
    )
    assert not Decision.objects.exists()
