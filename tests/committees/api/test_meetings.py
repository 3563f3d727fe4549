"""Meetings through the API: the secretariat's writes, denied writes that change nothing, minutes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from peygir.actions.models import Action
from peygir.committees.models import (
    AgendaItem,
    Attendance,
    DiscussionNote,
    Meeting,
    MinutesAmendment,
    Resolution,
)
from peygir.core.jalali import format_jalali
from tests.personas import BASE_PERSONAS, COMMITTEE_MANAGERS, COMMITTEE_READERS

pytestmark = pytest.mark.django_db

ALL = BASE_PERSONAS


def mv(meeting: Meeting | int) -> int:
    """The meeting's version stored now (every write must send it)."""
    return Meeting.objects.values_list("version", flat=True).get(pk=getattr(meeting, "pk", meeting))


def murl(meeting: Meeting, step: str = "") -> str:
    return f"/api/v1/meetings/{meeting.pk}/{step + '/' if step else ''}"


def state(meeting: Meeting) -> tuple:
    meeting.refresh_from_db()
    return (
        meeting.version,
        meeting.status,
        Meeting.objects.count(),
        AgendaItem.objects.count(),
        Attendance.objects.count(),
        DiscussionNote.objects.count(),
        Resolution.objects.count(),
        Action.objects.count(),
        MinutesAmendment.objects.count(),
    )


def test_secretariat_records_a_meeting(api, world, record):
    client = api("office_staff")
    # Yesterday, in Persian digits: after the earlier meeting, and held already (it is marked held below).
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    response = client.post(
        "/api/v1/meetings/",
        {
            "committee": record.committee.pk,
            "starts_at": f"{format_jalali(yesterday)} ۰۹:۳۰",
            "place": "سالن شهید رجایی",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    meeting = response.json()
    assert meeting["number"] == 2
    assert meeting["starts_at"].startswith(f"{yesterday.isoformat()}T09:30:00+03:30")
    assert meeting["agenda_items"][0]["kind"] == "follow_up"  # the earlier resolution is followed up
    mid, version = meeting["id"], meeting["version"]

    response = client.post(
        f"/api/v1/meetings/{mid}/agenda-items/",
        {"title": "برنامه تحول و تعالی", "presenter": world.office.pk, "version": version},
        format="json",
    )
    assert response.status_code == 201, response.json()
    item = response.json()["agenda_items"][-1]
    assert item["presenter"]["id"] == world.office.pk
    version = response.json()["version"]

    response = client.post(
        f"/api/v1/meetings/{mid}/agenda-items/",
        {"title": "بند فرعی", "parent": item["id"], "version": version},
        format="json",
    )
    assert response.status_code == 201
    assert [s["title"] for s in response.json()["agenda_items"][-1]["sub_items"]] == ["بند فرعی"]

    response = client.post(
        f"/api/v1/meetings/{mid}/attendance/",
        {
            "organization": world.agency.pk,
            "status": "represented",
            "represented_by": "معاون فنی",
            "version": mv(mid),
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["attendance"][0]["represented_by"] == "معاون فنی"

    response = client.post(
        f"/api/v1/meetings/{mid}/notes/",
        {
            "item": item["id"],
            "speaker_name": "مدیرکل",
            "summary": "<b>گزارش</b> ارائه شد",
            "version": mv(mid),
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["agenda_items"][-1]["notes"][0]["summary"] == "<b>گزارش</b> ارائه شد"

    response = client.post(
        f"/api/v1/meetings/{mid}/resolutions/",
        {"text": "تعیین تکالیف", "agenda_item": item["id"], "version": mv(mid)},
        format="json",
    )
    assert response.status_code == 201, response.json()
    row = response.json()["resolutions"][0]
    response = client.post(
        f"/api/v1/meetings/{mid}/resolutions/",
        {
            "text": "توجه ویژه به تکالیف",
            "parent": row["id"],
            "responsible": [world.agency.pk, world.other_agency.pk],
            "deadline": "۱۴۰۶/۱۲/۲۹",
            "version": mv(mid),
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    sub = response.json()["resolutions"][0]["sub_items"][0]
    assert sub["label"] == "الف"
    assert sub["deadline"] == "2028-03-19"
    # A draft until the minutes are approved: it names whom it will reach, but has no actions yet.
    assert sub["is_draft"] is True and sub["actions"] == []
    assert {o["id"] for o in sub["responsible_organizations"]} == {world.agency.pk, world.other_agency.pk}

    response = client.post(f"/api/v1/meetings/{mid}/mark-held/", {"version": mv(mid)}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "held"
    version = response.json()["version"]
    response = client.post(f"/api/v1/meetings/{mid}/approve/", {"version": version}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "approved"
    assert response.json()["dispatched_at"] is not None
    sub = response.json()["resolutions"][0]["sub_items"][0]
    assert sub["is_draft"] is False
    assert {a["responsible_organization"]["id"] for a in sub["actions"]} == {
        world.agency.pk,
        world.other_agency.pk,
    }
    again = client.post(f"/api/v1/meetings/{mid}/approve/", {"version": mv(mid)}, format="json")
    assert again.status_code == 400
    assert again.json() == {"status": ["صورتجلسه پیش‌تر تأیید شده است."]}


def test_meeting_detail_shape(api, record):
    body = api("liaison").get(murl(record.meeting)).json()
    assert body["committee"]["id"] == record.committee.pk
    assert body["agenda_items"][0]["title"] == "گزارش وضعیت بهداشتی مدارس کانکسی"
    row = body["resolutions"][0]
    assert row["text"] == "رفع نواقص مدارس کانکسی"
    assert row["actions"][0]["id"] == record.action.pk
    assert row["deadline"]  # «یک ماه» from the meeting, ISO 8601 out


def test_meeting_list_filters(api, record):
    client = api("office_staff")
    assert client.get("/api/v1/meetings/", {"committee": record.committee.pk}).json()["count"] == 1
    assert client.get("/api/v1/meetings/", {"committee": 999999}).json()["count"] == 0
    assert client.get("/api/v1/meetings/", {"status": "approved"}).json()["count"] == 0


WRITES = {
    "agenda-items": {"title": "دستور تازه"},
    "attendance": {"person_name": "مهمان"},
    "resolutions": {"text": "مصوبه تازه"},
    "mark-held": {},
    "approve": {},
}


@pytest.mark.parametrize("step", WRITES)
@pytest.mark.parametrize("persona", ALL)
def test_write_matrix(api, record, step, persona):
    meeting = record.meeting
    if step == "approve":
        Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
    before = state(meeting)
    response = api(persona).post(murl(meeting, step), {**WRITES[step], "version": mv(meeting)}, format="json")
    if persona in COMMITTEE_MANAGERS:
        assert response.status_code in (200, 201), response.json()
        assert state(meeting) != before
    else:
        assert response.status_code == 404
        assert state(meeting) == before


@pytest.mark.parametrize("persona", ALL)
def test_create_meeting_matrix(api, record, persona):
    before = state(record.meeting)
    response = api(persona).post(
        "/api/v1/meetings/",
        {"committee": record.committee.pk, "starts_at": "2024-01-10T09:00:00Z"},
        format="json",
    )
    if persona in COMMITTEE_MANAGERS:
        assert response.status_code == 201
    else:
        assert response.status_code == 404
        assert state(record.meeting) == before


def test_note_matrix_and_foreign_item(api, record):
    item = record.meeting.agenda_items.get(kind=AgendaItem.Kind.REGULAR)
    body = {"item": item.pk, "speaker_name": "رئیس", "summary": "خلاصه", "version": mv(record.meeting)}
    before = state(record.meeting)
    assert api("inspector").post(murl(record.meeting, "notes"), body, format="json").status_code == 404
    assert state(record.meeting) == before
    other = AgendaItem.objects.create(
        meeting=Meeting.objects.create(
            committee=record.committee, number=99, starts_at=record.meeting.starts_at
        ),
        title="دیگر",
    )
    response = api("office_staff").post(
        murl(record.meeting, "notes"), {**body, "item": other.pk}, format="json"
    )
    assert response.status_code == 400 and list(response.json()) == ["item"]
    assert api("office_staff").post(murl(record.meeting, "notes"), body, format="json").status_code == 201


def test_stale_version_is_409(api, record):
    before = state(record.meeting)
    response = api("office_staff").post(
        murl(record.meeting, "agenda-items"),
        {"title": "x", "version": record.meeting.version - 1},
        format="json",
    )
    assert response.status_code == 409
    assert state(record.meeting) == before


def test_bad_resolution_deadline_writes_nothing(api, record):
    before = state(record.meeting)
    response = api("office_staff").post(
        murl(record.meeting, "resolutions"),
        {
            "text": "مصوبه",
            "responsible": [record.action.responsible_organization_id],
            "deadline": "1402/12/30",
            "version": mv(record.meeting),
        },
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["deadline"]
    assert state(record.meeting) == before


def test_unknown_committee_is_404(api, record):
    response = api("office_staff").post(
        "/api/v1/meetings/", {"committee": 999999, "starts_at": "2024-01-10T09:00:00Z"}, format="json"
    )
    assert response.status_code == 404


def test_after_approval_changes_are_amendments(api, record):
    client = api("office_staff")
    held = client.post(murl(record.meeting, "mark-held"), {"version": mv(record.meeting)}, format="json")
    assert held.status_code == 200
    approved = client.post(murl(record.meeting, "approve"), {"version": mv(record.meeting)}, format="json")
    assert approved.status_code == 200
    assert MinutesAmendment.objects.filter(meeting=record.meeting).count() == 0
    response = client.post(
        murl(record.meeting, "attendance"),
        {"person_name": "دیرآمده", "version": mv(record.meeting)},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["amendments"]


@pytest.mark.parametrize("persona", ALL)
@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_minutes_downloads(api, record, persona, fmt):
    response = api(persona).get(f"{murl(record.meeting)}minutes.{fmt}")
    if persona in COMMITTEE_READERS:
        assert response.status_code == 200
        assert response.content[:4] == (b"%PDF" if fmt == "pdf" else b"PK\x03\x04")
        assert f".{fmt}" in response["Content-Disposition"]
    else:
        assert response.status_code == 404


def test_minutes_negotiates_accept_header(api, record):
    response = api("office_staff").get(f"{murl(record.meeting)}minutes.pdf", HTTP_ACCEPT="application/pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    missing = api("office_staff").get("/api/v1/meetings/999999/minutes.pdf", HTTP_ACCEPT="application/pdf")
    assert missing.status_code == 404


# ------------------------------------------------------------- issue 14


@pytest.mark.parametrize(
    "step", ["agenda-items", "attendance", "notes", "resolutions", "mark-held", "approve"]
)
def test_stranger_with_malformed_body_gets_404(api, record, step):
    """Permission before the body (a 400 would tell a stranger the meeting is there)."""
    response = api("inspector").post(murl(record.meeting, step), {"version": "x", "item": "y"}, format="json")
    assert response.status_code == 404


def test_stranger_creating_a_meeting_with_a_malformed_body_gets_404(api, record):
    assert api("liaison").post("/api/v1/meetings/", {"committee": "x"}, format="json").status_code == 404
