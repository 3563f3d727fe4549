"""The API writes an NGO's proposal (with answers to the call's questions), submits it with its version
and records reviews — the pages' rules, permission before the body, documented JSON errors, nothing
half-written."""

import datetime as dt

from django.utils import timezone
from rest_framework.test import APIClient

from peygir.grants.models import Call, Proposal, Review
from peygir.grants.services import calls

from .helpers import counts, new_call, ngo_user, submitted

QUESTIONS = [
    {
        "name": "girls",
        "label": "شمار دختران",
        "kind": "integer",
        "required": True,
        "min_value": 10,
        "max_value": 500,
    },
]


def _client(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def _body(world, the_call, **extra):
    start = timezone.localdate()
    body = {
        "call": the_call.pk,
        "title": "کلاس‌های ورزشی دختران محله",
        "summary": "والیبال رایگان",
        "county": world.county.pk,
        "theme": "sport",
        "neighbourhoods": [world.neighbourhood.pk],
        "beneficiaries_planned": 80,
        "starts_on": start.isoformat(),
        "ends_on": (start + dt.timedelta(days=60)).isoformat(),
        "requested_rials": 200_000_000,
        "budget_lines": [
            {"title": "مربی", "amount_rials": 120_000_000},
            {"title": "سالن", "amount_rials": 80_000_000},
        ],
        "milestones": [
            {
                "title": "آغاز",
                "due_on": (start + dt.timedelta(days=20)).isoformat(),
                "amount_rials": 100_000_000,
            },
            {
                "title": "پایان",
                "due_on": (start + dt.timedelta(days=60)).isoformat(),
                "amount_rials": 100_000_000,
            },
        ],
        "answers": {"girls": "۴۰"},
    }
    body.update(extra)
    return body


def test_the_call_publishes_its_questions(world):
    call = new_call(world, form_fields=QUESTIONS)
    data = _client(world.users["ngo"]).get(f"/api/v1/grant-calls/{call.pk}/").json()
    assert data["accepts_proposals"] is True and data["form_version"] == 1
    assert data["questions"][0]["name"] == "girls" and data["questions"][0]["max_value"] == 500


def test_create_and_submit_a_proposal(world):
    call = new_call(world, form_fields=QUESTIONS)
    ngo = _client(ngo_user(world))
    response = ngo.post("/api/v1/grant-proposals/", _body(world, call), format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["status"] == "draft" and data["answers"] == {"girls": 40} and data["version"] == 1
    pk = data["id"]
    # The version is required, a stale one is a 409; then submitted.
    missing = ngo.post(f"/api/v1/grant-proposals/{pk}/submit/", {}, format="json")
    assert missing.status_code == 400 and "version" in missing.json()
    stale = ngo.post(f"/api/v1/grant-proposals/{pk}/submit/", {"version": 9}, format="json")
    assert stale.status_code == 409 and stale.json()["code"] == "conflict"
    done = ngo.post(f"/api/v1/grant-proposals/{pk}/submit/", {"version": 1}, format="json")
    assert done.status_code == 200 and done.json()["status"] == "submitted"
    again = ngo.post(f"/api/v1/grant-proposals/{pk}/submit/", {"version": 2}, format="json")
    assert again.status_code == 400 and "status" in again.json()


def test_bad_proposals_write_nothing(world):
    call = new_call(world, form_fields=QUESTIONS)
    ngo = _client(ngo_user(world))
    before = counts()
    cases = [
        ({"answers": {"girls": "۵"}}, "girls"),
        ({"answers": {}}, "girls"),
        ({"requested_rials": 300_000_000}, "budget_lines"),
        ({"county": 10**12}, "county"),
        ({"neighbourhoods": [world.county.pk]}, "neighbourhoods"),
        ({"starts_on": "۱۴۰۳/۰۱/۰۱"}, "starts_on"),
        ({"call": 10**12}, "call"),
        ({"call": 999_999}, None),
    ]
    for extra, key in cases:
        response = ngo.post("/api/v1/grant-proposals/", _body(world, call, **extra), format="json")
        if key is None:
            assert response.status_code == 404, extra
        else:
            assert response.status_code == 400, (extra, response.status_code)
            assert key in response.json(), (extra, response.json())
    assert counts() == before


def test_after_the_deadline_and_for_strangers(world):
    draft = world.grants.draft  # the grants world first: it registers the world's NGO
    call = new_call(world)
    ngo = _client(ngo_user(world))
    Call.objects.filter(pk=call.pk).update(closes_on=timezone.localdate() - dt.timedelta(days=1))
    response = ngo.post("/api/v1/grant-proposals/", _body(world, call, answers={}), format="json")
    assert response.status_code == 400 and "مهلت ارسال طرح" in response.json()["call"][0]
    before = Proposal.objects.count()
    # Not an NGO's representative: 404 before the body is read (even a malformed one).
    office = _client(world.users["office_staff"])
    assert office.post("/api/v1/grant-proposals/", {"title": 5}, format="json").status_code == 404
    assert office.post(f"/api/v1/grant-proposals/{draft.pk}/submit/", {}, format="json").status_code == 404
    assert Proposal.objects.count() == before


def test_record_a_review(world):
    call = new_call(world)
    proposal = submitted(world, call)
    inspector = world.users["inspector"]
    reviewer = _client(inspector)
    url = f"/api/v1/grant-proposals/{proposal.pk}/review/"
    # Not on the panel yet: 404 before the body.
    assert reviewer.post(url, {"scores": "bad"}, format="json").status_code == 404
    calls.call_reviewer_add(user=world.users["office_staff"], call=call, reviewer=inspector)
    criteria = list(call.criteria.all())
    short = reviewer.post(url, {"scores": [{"criterion": criteria[0].pk, "score": 5}]}, format="json")
    assert short.status_code == 400 and "scores" in short.json()
    high = [{"criterion": c.pk, "score": 11} for c in criteria]
    assert reviewer.post(url, {"scores": high}, format="json").status_code == 400
    twice = [{"criterion": criteria[0].pk, "score": 5}] * 2
    assert reviewer.post(url, {"scores": twice}, format="json").status_code == 400
    assert not Review.objects.filter(proposal=proposal).exists()
    scores = [{"criterion": c.pk, "score": 8} for c in criteria]
    response = reviewer.post(url, {"scores": scores, "comment": "شدنی"}, format="json")
    assert response.status_code == 201 and response.json()["total"] == "80.00"
    assert reviewer.post(url, {"scores": scores}, format="json").status_code == 400
    # Another reviewer declares a conflict of interest and is recused.
    national = world.users["national"]
    calls.call_reviewer_add(user=world.users["office_staff"], call=call, reviewer=national)
    recused = _client(national).post(url, {"conflict": True, "conflict_reason": ""}, format="json")
    assert recused.status_code == 400
    recused = _client(national).post(
        url, {"conflict": True, "conflict_reason": "عضو هیئت مدیره"}, format="json"
    )
    assert recused.status_code == 201 and recused.json()["status"] == "recused"
    # The NGO never reviews its own proposal.
    assert _client(ngo_user(world)).post(url, {"scores": scores}, format="json").status_code == 404


def test_the_schema_lists_the_writes(world):
    schema = _client(world.users["office_staff"]).get("/api/v1/schema/?format=json")
    paths = schema.json()["paths"]
    assert "post" in paths["/api/v1/grant-proposals/"]
    assert "post" in paths["/api/v1/grant-proposals/{id}/submit/"]
    assert "post" in paths["/api/v1/grant-proposals/{id}/review/"]
