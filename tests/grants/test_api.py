"""The grants API: the pages' rules, blind reviews, approve and release through the services."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from peygir.grants.models import Instalment, Proposal
from peygir.grants.services import allocation, calls, reviews

from .helpers import new_call, new_ngo, sign_in, submitted


def _client(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_lists_follow_the_scope(world):
    g = world.grants
    ngo = _client(world.users["ngo"])
    ids = {p["id"] for p in ngo.get("/api/v1/grant-proposals/").json()["results"]}
    assert g.draft.pk in ids and g.proposal.pk in ids
    foreign = _client(world.users["foreign_staff"])
    assert foreign.get("/api/v1/grant-proposals/").json()["results"] == []
    assert foreign.get(f"/api/v1/grant-projects/{g.project.pk}/").status_code == 404
    office = _client(world.users["office_staff"])
    assert g.draft.pk not in {p["id"] for p in office.get("/api/v1/grant-proposals/").json()["results"]}
    milestones = office.get("/api/v1/grant-milestones/").json()["results"]
    assert {m["action_status"] for m in milestones} == {"verified", "open"}


def test_reviews_are_blind(world):
    call = new_call(world)
    proposal = submitted(world, call)
    for persona in ("inspector", "national"):
        calls.call_reviewer_add(user=world.users["office_staff"], call=call, reviewer=world.users[persona])
    reviews.review_submit(
        user=world.users["inspector"], proposal=proposal, scores={c.pk: 7 for c in call.criteria.all()}
    )
    national = _client(world.users["national"])

    def seen():
        return {r["proposal"] for r in national.get("/api/v1/grant-reviews/?page_size=200").json()["results"]}

    assert proposal.pk not in seen()
    reviews.review_submit(
        user=world.users["national"], proposal=proposal, scores={c.pk: 5 for c in call.criteria.all()}
    )
    rows = [
        r
        for r in national.get("/api/v1/grant-reviews/?page_size=200").json()["results"]
        if r["proposal"] == proposal.pk
    ]
    assert len(rows) == 2


def test_approve_and_release(world):
    g = world.grants
    office = _client(world.users["office_staff"])
    url = f"/api/v1/grant-proposals/{g.proposal.pk}/approve/"
    version = g.proposal.version
    response = office.post(url, {"amount_rials": 10**15, "version": version}, format="json")
    assert response.status_code == 400 and "amount" in response.json()
    # The version is required (issue 14), and a stale one is a conflict.
    assert "version" in office.post(url, {}, format="json").json()
    assert office.post(url, {"version": version + 5}, format="json").status_code == 409
    response = office.post(url, {"version": version}, format="json")
    assert response.status_code == 200 and response.json()["status"] == Proposal.Status.APPROVED
    ngo = _client(world.users["ngo"])
    assert (
        ngo.post(f"/api/v1/grant-instalments/{g.instalment.pk}/release/", {}, format="json").status_code
        == 404
    )
    # The NGO's second project overlaps the first: the guard wants a decision before paying.
    release = f"/api/v1/grant-instalments/{g.instalment.pk}/release/"
    response = office.post(release, {"version": g.instalment.version}, format="json")
    assert response.status_code == 400 and "guard" in response.json()
    allocation.guard_decide(
        user=world.users["office_staff"],
        proposal=g.project.proposal,
        instalment=g.instalment,
        decision="different",
        reason="کارگاه والدین کار دیگری است",
    )
    response = office.post(release, {"reference": "۱۲", "version": g.instalment.version}, format="json")
    assert response.status_code == 200 and response.json()["status"] == Instalment.Status.RELEASED


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_pages_read_in_a_constant_number_of_queries(client, world):
    g = world.grants
    office = world.users["office_staff"]
    sign_in(client, office)
    urls = [
        reverse("web:grant_call_detail", args=[g.call.pk]),
        reverse("web:grant_review_board", args=[g.call.pk]),
        reverse("web:grant_allocation", args=[g.call.pk]) + f"?county={world.county.pk}",
        reverse("web:grant_project_list"),
        reverse("web:grant_county_ranking", args=[g.call.pk]),
    ]
    before = {url: _count(client, url) for url in urls}
    for i in range(4):
        ngo, user = new_ngo(world, f"انجمن آزمون شمار پرس‌وجو {i}")
        submitted(
            world,
            g.call,
            ngo=ngo,
            user=user,
            title=f"طرح آزمایشی شماره {i} کتابخانه",
            summary="کتاب",
            tomans=1_000_000,
        )
    after = {url: _count(client, url) for url in urls}
    assert after == before
    sign_in(client, world.users["ngo"])
    portal = reverse("web:grant_ngo_portal")
    assert _count(client, portal) <= 15  # session, user, scope, then one query per list
