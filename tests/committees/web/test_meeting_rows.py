"""Editing and deleting the rows of a meeting's record on the meeting page."""

import pytest
from django.urls import reverse

from peygir.actions.models import Action
from peygir.actions.services import action_report_progress
from peygir.committees import services
from peygir.committees.models import (
    AgendaItem,
    Attendance,
    DiscussionNote,
    Meeting,
    MinutesAmendment,
    Resolution,
)


@pytest.fixture
def record(world, meeting):
    """One row of each kind, written through the services as the secretary would."""
    user = world.users["office_staff"]
    item = services.agenda_item_add(user=user, meeting=meeting, title="گزارش آموزش و پرورش")
    attendance = services.attendance_set(user=user, meeting=meeting, organization=world.agency)
    note = services.discussion_note_add(user=user, item=item, speaker_name="مدیرکل", summary="مدارس کانکسی")
    resolution = services.resolution_create(
        user=user, meeting=meeting, text="رفع نواقص", responsible=[world.agency], deadline_text="یک ماه"
    )
    return {"agenda": item, "attendance": attendance, "note": note, "resolution": resolution}


EDITS = {
    "agenda": {"title": "گزارش اصلاح‌شده", "description": "", "presenter": ""},
    "attendance": {"status": "absent", "person_name": "", "person_title": "", "represented_by": ""},
    "note": {"speaker_name": "معاون", "speaker_title": "", "summary": "متن اصلاح‌شده"},
    "resolution": {
        "text": "رفع کامل نواقص",
        "deadline_text": "یک ماه",
        "preamble": "",
        "responsible_text": "",
    },
}


def edited(kind, row):
    row.refresh_from_db()
    return {
        "agenda": lambda: row.title == "گزارش اصلاح‌شده",
        "attendance": lambda: row.status == Attendance.Status.ABSENT,
        "note": lambda: row.summary == "متن اصلاح‌شده" and row.speaker_name == "معاون",
        "resolution": lambda: row.text == "رفع کامل نواقص",
    }[kind]()


def post(client, meeting, kind, action, row, data, version=None, **extra):
    meeting.refresh_from_db()
    prefix = f"{kind}-{action}"
    payload = {f"{prefix}-{k}": v for k, v in {"version": version or meeting.version, **data}.items()}
    if kind == "resolution" and action == "edit":
        # Whom the row reaches now: its actions' organizations, or a draft's named organizations.
        payload[f"{prefix}-responsible"] = data.get("responsible") or (
            [a.responsible_organization_id for a in row.actions.all()]
            or list(row.responsible_organizations.values_list("pk", flat=True))
        )
    payload["row"] = row.pk
    return client.post(reverse("web:meeting_op", args=[meeting.pk, prefix]), payload, **extra)


def snapshot(meeting):
    meeting.refresh_from_db()
    return (
        meeting.version,
        list(AgendaItem.objects.filter(meeting=meeting).values_list("id", "title")),
        list(Attendance.objects.filter(meeting=meeting).values_list("id", "status")),
        list(DiscussionNote.objects.filter(agenda_item__meeting=meeting).values_list("id", "summary")),
        list(Resolution.objects.filter(meeting=meeting).values_list("id", "text")),
        Action.objects.count(),
    )


MODELS = {"agenda": AgendaItem, "attendance": Attendance, "note": DiscussionNote, "resolution": Resolution}


@pytest.mark.parametrize("kind", list(EDITS))
def test_secretary_edits_each_kind(login, meeting, record, kind):
    response = post(login("office_staff"), meeting, kind, "edit", record[kind], EDITS[kind])
    assert response.status_code == 302, response.content.decode()[:1500]
    assert edited(kind, record[kind])


@pytest.mark.parametrize("kind", list(EDITS))
def test_secretary_deletes_each_kind(login, meeting, record, kind):
    row = record[kind]
    response = post(login("office_staff"), meeting, kind, "delete", row, {})
    assert response.status_code == 302, response.content.decode()[:1500]
    assert not MODELS[kind].objects.filter(pk=row.pk).exists()


def test_edit_link_opens_the_row_form_prefilled(login, meeting, record):
    client = login("office_staff")
    url = reverse("web:meeting_detail", args=[meeting.pk])
    response = client.get(url, {"edit": f"note:{record['note'].pk}"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert 'name="note-edit-summary"' in body and "مدارس کانکسی" in body
    assert f'name="row" value="{record["note"].pk}"' in body and 'name="note-edit-version"' in body
    assert "ویرایش" in body and "حذف" in body
    assert "ویرایش" not in login("liaison").get(url).content.decode().replace("ویرایش‌", "")


@pytest.mark.parametrize("persona", ["liaison", "foreign_staff"])
@pytest.mark.parametrize("action", ["edit", "delete"])
def test_others_get_404_and_change_nothing(login, meeting, record, persona, action):
    client = login(persona)
    before = snapshot(meeting)
    for kind in EDITS:
        assert post(client, meeting, kind, action, record[kind], EDITS[kind]).status_code == 404
    assert snapshot(meeting) == before


def test_row_of_another_meeting_is_404(login, world, meeting, record, committee):
    from tests.factories import MeetingFactory

    other = MeetingFactory(committee=committee, number=2, starts_at=meeting.starts_at)
    before = snapshot(meeting)
    response = post(login("office_staff"), other, "agenda", "delete", record["agenda"], {})
    assert response.status_code == 404
    assert snapshot(meeting) == before


def approve(user, meeting):
    services.meeting_mark_held(user=user, meeting=meeting)
    services.meeting_approve(user=user, meeting=meeting)


@pytest.mark.parametrize("kind", list(EDITS))
def test_after_approval_a_reason_is_required(login, world, meeting, record, kind):
    approve(world.users["office_staff"], meeting)
    client = login("office_staff")
    before = snapshot(meeting)
    response = post(client, meeting, kind, "edit", record[kind], EDITS[kind])
    assert response.status_code == 400
    assert "دلیل اصلاح را بنویسید" in response.content.decode()
    assert snapshot(meeting) == before
    assert not MinutesAmendment.objects.filter(meeting=meeting).exists()

    response = post(client, meeting, kind, "edit", record[kind], {**EDITS[kind], "reason": "غلط تایپی"})
    assert response.status_code == 302
    assert edited(kind, record[kind])
    amendment = MinutesAmendment.objects.get(meeting=meeting)
    assert "غلط تایپی" in amendment.description


def test_after_approval_delete_needs_reason_and_is_an_amendment(login, world, meeting, record):
    approve(world.users["office_staff"], meeting)
    client = login("office_staff")
    note = record["note"]
    assert post(client, meeting, "note", "delete", note, {}).status_code == 400
    assert DiscussionNote.objects.filter(pk=note.pk).exists()
    assert post(client, meeting, "note", "delete", note, {"reason": "تکراری"}).status_code == 302
    assert not DiscussionNote.objects.filter(pk=note.pk).exists()
    assert "تکراری" in MinutesAmendment.objects.get(meeting=meeting).description


@pytest.mark.parametrize("action", ["edit", "delete"])
def test_stale_version_is_a_conflict(login, meeting, record, action):
    before = snapshot(meeting)
    stale = meeting.version - 1
    response = post(
        login("office_staff"), meeting, "agenda", action, record["agenda"], EDITS["agenda"], stale
    )
    assert response.status_code == 400
    assert "کاربر دیگری" in response.content.decode()
    assert snapshot(meeting) == before


def dispatch(world, meeting):
    """Hold the meeting and dispatch its rows (until then they make no actions)."""
    services.meeting_mark_held(user=world.users["office_staff"], meeting=meeting)
    services.meeting_dispatch(user=world.users["office_staff"], meeting=meeting)


def test_touched_resolution_cannot_be_deleted(login, world, meeting, record):
    resolution = record["resolution"]
    dispatch(world, meeting)
    action = Action.objects.get(resolution=resolution)
    action_report_progress(action=action, user=world.users["liaison"], text="در حال انجام", progress=30)
    before = snapshot(meeting)
    response = post(
        login("office_staff"), meeting, "resolution", "delete", resolution, {}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "به‌جای حذف" in response.content.decode()
    assert snapshot(meeting) == before


def test_unchanged_responsible_keeps_the_actions(login, world, meeting, record):
    resolution = record["resolution"]
    dispatch(world, meeting)
    actions = list(Action.objects.filter(resolution=resolution).values_list("id", "status"))
    assert (
        post(
            login("office_staff"), meeting, "resolution", "edit", resolution, EDITS["resolution"]
        ).status_code
        == 302
    )
    assert list(Action.objects.filter(resolution=resolution).values_list("id", "status")) == actions
    assert Action.objects.get(resolution=resolution).title.startswith("رفع کامل نواقص")


def test_renaming_a_person_keeps_one_row(login, meeting, world):
    row = services.attendance_set(user=world.users["office_staff"], meeting=meeting, person_name="آقای الف")
    data = {"person_name": "آقای ب", "person_title": "", "status": "present", "represented_by": ""}
    assert post(login("office_staff"), meeting, "attendance", "edit", row, data).status_code == 302
    assert list(Attendance.objects.filter(meeting=meeting).values_list("person_name", flat=True)) == [
        "آقای ب"
    ]
    assert Meeting.objects.get(pk=meeting.pk).version > 1


def test_a_draft_row_changes_and_goes_without_actions(login, world, meeting, record):
    """Before dispatch a row is a draft: editing or deleting it touches no action (there are none)."""
    resolution = record["resolution"]
    client = login("office_staff")
    data = {**EDITS["resolution"], "responsible": [world.other_agency.pk]}
    assert post(client, meeting, "resolution", "edit", resolution, data).status_code == 302
    resolution.refresh_from_db()
    assert list(resolution.responsible_organizations.values_list("pk", flat=True)) == [world.other_agency.pk]
    assert not Action.objects.exists()
    meeting.refresh_from_db()
    assert post(client, meeting, "resolution", "delete", resolution, {}).status_code == 302
    assert not Resolution.objects.filter(pk=resolution.pk).exists()
    assert not Action.objects.exists()
