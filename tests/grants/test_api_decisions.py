"""The API does what the pages do with a proposal: the office returns it for changes or rejects it
(reason and `version` required, 409 when stale) and the NGO edits its draft or returned proposal
(PATCH with `version`; refused once submitted with the service's Persian message) — the same services,
permission before the body, and a refused request changes nothing."""

import datetime as dt

from rest_framework.test import APIClient

from peygir.grants.models import BudgetLine, Proposal, ProposalEvent
from peygir.grants.services import proposals

from .helpers import counts, new_call, new_ngo, ngo_user, submitted
from .world import plan


def _client(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def _url(proposal, op=""):
    return f"/api/v1/grant-proposals/{proposal.pk}/" + (f"{op}/" if op else "")


def test_the_office_returns_then_rejects(world):
    call = new_call(world)
    proposal = submitted(world, call)  # under review
    office = _client(world.users["office_staff"])
    url = _url(proposal, "return")
    before = counts()
    missing = office.post(url, {"reason": "بودجه سالن را جدا کنید"}, format="json")
    assert missing.status_code == 400 and "version" in missing.json()
    blank = office.post(url, {"reason": " \u200c ", "version": proposal.version}, format="json")
    assert blank.status_code == 400 and blank.json()["reason"] == ["این بخش را پر کنید."]
    stale = office.post(url, {"reason": "بودجه", "version": proposal.version + 3}, format="json")
    assert stale.status_code == 409 and stale.json()["code"] == "conflict"
    assert counts() == before
    done = office.post(url, {"reason": "بودجه سالن را جدا کنید", "version": proposal.version}, format="json")
    assert done.status_code == 200, done.json()
    data = done.json()
    assert data["status"] == "returned" and data["decision_reason"] == "بودجه سالن را جدا کنید"
    assert data["version"] == proposal.version + 1
    # The same service as the page: its event with the reason.
    event = ProposalEvent.objects.filter(proposal=proposal).latest("id")
    assert (event.kind, event.reason, event.actor) == (
        "returned",
        "بودجه سالن را جدا کنید",
        world.users["office_staff"],
    )
    # Returned is not pending: neither returned again nor rejected.
    again = office.post(
        _url(proposal, "reject"), {"reason": "تکراری", "version": data["version"]}, format="json"
    )
    assert again.status_code == 400 and "status" in again.json()

    # The NGO corrects it through the API and sends it again; then the office rejects it.
    ngo = _client(ngo_user(world))
    edited = ngo.patch(_url(proposal), {"summary": "سالن جدا", "version": data["version"]}, format="json")
    assert edited.status_code == 200 and edited.json()["summary"] == "سالن جدا"
    sent = ngo.post(_url(proposal, "submit"), {"version": edited.json()["version"]}, format="json")
    assert sent.status_code == 200 and sent.json()["status"] == "submitted"
    rejected = office.post(
        _url(proposal, "reject"),
        {"reason": "خارج از حوزه فراخوان", "version": sent.json()["version"]},
        format="json",
    )
    assert rejected.status_code == 200 and rejected.json()["status"] == "rejected"
    proposal.refresh_from_db()
    assert proposal.decided_at is not None and proposal.decision_reason == "خارج از حوزه فراخوان"


QUESTIONS = [
    {"name": "partners", "label": "شریکان اجرا", "kind": "text", "required": False},
    {"name": "girls", "label": "شمار دختران", "kind": "integer", "required": True, "min_value": 10},
]


def test_the_ngo_edits_its_draft_field_by_field(world):
    call = new_call(world, form_fields=QUESTIONS)
    user = ngo_user(world)
    draft = proposals.proposal_create(
        user=user, call=call, ngo=world.ngo, plan=plan(world, title="کلاس ورزش", summary="فوتسال")
    )
    lines = list(draft.budget_lines.values_list("title", "amount_rials"))
    ngo = _client(user)
    url = _url(draft)
    assert ngo.patch(url, {"title": "بی‌نسخه"}, format="json").status_code == 400
    stale = ngo.patch(url, {"title": "کهنه", "version": draft.version + 1}, format="json")
    assert stale.status_code == 409
    before = counts()
    # A new request must still add up: the budget lines left as they were do not.
    bad = ngo.patch(url, {"requested_rials": 1, "version": draft.version}, format="json")
    assert bad.status_code == 400 and "budget_lines" in bad.json()
    bad = ngo.patch(url, {"answers": {"girls": "۵"}, "version": draft.version}, format="json")
    assert bad.status_code == 400 and "girls" in bad.json()
    assert counts() == before
    draft.refresh_from_db()
    assert draft.title == "کلاس ورزش" and draft.version == 1
    start = draft.starts_on
    response = ngo.patch(
        url,
        {
            "title": "کلاس والیبال دختران",
            "requested_rials": 30_000_000,
            "budget_lines": [{"title": "مربی", "amount_rials": 30_000_000}],
            "milestones": [
                {
                    "title": "پایان",
                    "due_on": (start + dt.timedelta(days=30)).isoformat(),
                    "amount_rials": 30_000_000,
                }
            ],
            "version": 1,
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["title"] == "کلاس والیبال دختران" and data["summary"] == "فوتسال"  # unsent: kept
    assert data["budget_lines"] == [{"title": "مربی", "amount_rials": 30_000_000}]
    assert data["answers"] == {"partners": "هیئت ورزش‌های همگانی", "girls": 60} and data["version"] == 2
    assert lines != list(BudgetLine.objects.filter(proposal=draft).values_list("title", "amount_rials"))


def test_a_submitted_proposal_is_not_edited(world):
    proposal = world.grants.proposal  # under review
    ngo = _client(world.users["ngo"])
    before = (counts(), Proposal.objects.get(pk=proposal.pk).title)
    response = ngo.patch(_url(proposal), {"title": "عوض‌شده", "version": proposal.version}, format="json")
    assert response.status_code == 400
    assert response.json()["status"] == [
        "طرحی با وضعیت «در حال داوری» را نمی‌توان ویرایش کرد؛ پس از ارسال، تنها اگر برای اصلاح بازگردانده شود."
    ]
    assert (counts(), Proposal.objects.get(pk=proposal.pk).title) == before


def test_others_may_not_and_change_nothing(world):
    g = world.grants
    other_ngo, other_rep = new_ngo(world)
    before = (counts(), g.draft.version, g.proposal.version, g.proposal.status)
    body = {"title": "x", "reason": "دلیل", "version": 1}
    # Another NGO's representative: neither edit nor decide (404, even with a malformed body).
    stranger = _client(other_rep)
    assert stranger.patch(_url(g.draft), body, format="json").status_code == 404
    assert stranger.patch(_url(g.draft), {"title": 5}, format="json").status_code == 404
    for op in ("return", "reject"):
        assert stranger.post(_url(g.proposal, op), body, format="json").status_code == 404
    # The NGO does not decide on its own proposal; the county supervisor reads it but does not decide;
    # another province's office does not see it.
    for persona in ("ngo", "county_deputy", "foreign_staff", "nobody"):
        client = _client(world.users[persona])
        for op in ("return", "reject"):
            response = client.post(_url(g.proposal, op), {"reason": 5}, format="json")
            assert response.status_code == 404, (persona, op)
    for persona in ("county_deputy", "office_staff", "foreign_staff"):
        assert _client(world.users[persona]).patch(_url(g.proposal), body, format="json").status_code == 404
    # Without an account: 401.
    assert APIClient().post(_url(g.proposal, "reject"), body, format="json").status_code == 401
    g.draft.refresh_from_db()
    g.proposal.refresh_from_db()
    assert (counts(), g.draft.version, g.proposal.version, g.proposal.status) == before
    assert other_ngo.pk != world.ngo.pk


def test_the_schema_lists_the_new_writes(world):
    paths = _client(world.users["office_staff"]).get("/api/v1/schema/?format=json").json()["paths"]
    assert (
        "patch" in paths["/api/v1/grant-proposals/{id}/"]
        and "put" not in paths["/api/v1/grant-proposals/{id}/"]
    )
    for op in ("return", "reject"):
        operation = paths[f"/api/v1/grant-proposals/{{id}}/{op}/"]["post"]
        assert {"200", "400", "404", "409"} <= set(operation["responses"])
    for op in ("verify", "refuse"):
        operation = paths[f"/api/v1/grant-ngos/{{id}}/{op}/"]["post"]
        assert {"200", "400", "404", "409"} <= set(operation["responses"])
    assert "get" in paths["/api/v1/grant-ngos/"] and "get" in paths["/api/v1/grant-ngos/{id}/"]
