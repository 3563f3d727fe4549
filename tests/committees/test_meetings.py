"""Meetings: numbering, statuses, follow-up report, referral, amendments after approval, edits."""

import datetime as dt

import pytest
from django.utils import timezone

from peygir.actions import services as action_services
from peygir.actions.models import Action
from peygir.committees import services
from peygir.committees.followup import followup_report
from peygir.committees.models import AgendaItem, Attendance, Committee, Meeting, MinutesAmendment
from peygir.committees.selectors import meeting_detail, referral_decisions
from peygir.core.errors import ConflictError, ValidationError
from peygir.core.jalali import add_months, parse_jalali_date

from .s3 import TEXT_1, TEXT_2A, TEXT_2B, build_s3


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def test_meetings_are_numbered_per_committee_and_stored_in_tehran_time(world, s3):
    user = world.users["office_staff"]
    second = services.meeting_create(user=user, committee=s3.committee, starts_at="۱۴۰۲/۰۹/۰۵ ۰۹:۳۰")
    other = services.committee_create(
        user=user, name="قرارگاه", kind="headquarters", territory=world.province, secretariat=world.office
    )
    first_of_other = services.meeting_create(
        user=user, committee=other, starts_at=parse_jalali_date("1402/09/06")
    )
    assert (s3.meeting.number, second.number, first_of_other.number) == (1, 2, 1)
    local = timezone.localtime(second.starts_at)
    assert (local.date(), local.hour, local.minute) == (parse_jalali_date("1402/09/05"), 9, 30)
    assert str(local.tzinfo) == "Asia/Tehran"
    assert not first_of_other.agenda_items.exists()  # a first meeting has nothing to follow up


def test_bad_meeting_date_is_a_persian_error(world, s3):
    with pytest.raises(ValidationError) as err:
        services.meeting_create(
            user=world.users["office_staff"], committee=s3.committee, starts_at="1402/13/40"
        )
    assert "starts_at" in err.value.message_dict
    assert Meeting.objects.count() == 1


def test_a_meeting_is_not_held_before_its_day(world, s3):
    """Its minutes would dispatch decisions not taken yet: refused, nothing changed, until its date is
    corrected to the day it was held."""
    user = world.users["office_staff"]
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    meeting = services.meeting_create(user=user, committee=s3.committee, starts_at=at(tomorrow))
    with pytest.raises(ValidationError, match="پیش از آن روز"):
        services.meeting_mark_held(user=user, meeting=meeting)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PLANNED
    services.meeting_update(
        user=user, meeting=meeting, starts_at=at(timezone.localdate(), 8), reason="زودتر برگزار شد"
    )
    services.meeting_mark_held(user=user, meeting=meeting)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD


def test_status_goes_planned_held_approved_only(world):
    s3 = build_s3(world, held=False)
    user = world.users["office_staff"]
    assert s3.meeting.status == Meeting.Status.PLANNED
    with pytest.raises(ValidationError):
        services.meeting_approve(user=user, meeting=s3.meeting)
    services.meeting_mark_held(user=user, meeting=s3.meeting)
    with pytest.raises(ValidationError):
        services.meeting_mark_held(user=user, meeting=s3.meeting)
    services.meeting_approve(user=user, meeting=s3.meeting)
    s3.meeting.refresh_from_db()
    assert s3.meeting.status == Meeting.Status.APPROVED and s3.meeting.approved_by == user
    with pytest.raises(ValidationError):
        services.meeting_approve(user=user, meeting=s3.meeting)


def test_next_meeting_opens_with_the_follow_up_report(world, s3):
    user = world.users["office_staff"]
    row1_action = Action.objects.get(resolution=s3.rows["1"])
    action_services.action_report_progress(
        action=row1_action, user=world.users["liaison"], text="برآورد هزینه انجام شد", progress=40
    )
    second = services.meeting_create(user=user, committee=s3.committee, starts_at=at(add_months(s3.day, 2)))
    first_item = second.agenda_items.order_by("order", "id").first()
    assert first_item.kind == AgendaItem.Kind.FOLLOW_UP
    assert "۳ مصوبه" in first_item.description and "۱ مورد معوق" in first_item.description

    later = add_months(s3.day, 2)
    rows = followup_report(committee=s3.committee, before=second, today=later)
    assert [(r.ref, r.text) for r in rows] == [("۱", TEXT_1), ("۲-الف", TEXT_2A), ("۲-ب", TEXT_2B)]
    row1, row2a, row2b = rows
    assert (row1.status, row1.progress, row1.overdue) == (Action.Status.IN_PROGRESS, 40, True)
    assert row1.deadline == add_months(s3.day, 1) and row1.deadline_text == "یک ماه"
    assert set(row2a.responsible) == {world.agency.name, world.other_agency.name}
    assert (row2a.status, row2a.overdue, row2b.overdue) == (Action.Status.OPEN, False, False)
    assert row2b.responsible == [world.office.name]

    detail = meeting_detail(user=user, pk=second.pk)
    assert [r.ref for r in detail.followup_rows] == ["۱", "۲-الف", "۲-ب"]


def test_follow_up_drops_closed_rows_of_older_meetings(world, s3):
    user = world.users["office_staff"]
    action = Action.objects.get(resolution=s3.rows["1"])
    action_services.action_report_done(action=action, user=world.users["liaison"], text="انجام شد")
    action_services.action_verify(action=Action.objects.get(pk=action.pk), user=user)
    second = services.meeting_create(user=user, committee=s3.committee, starts_at=at(add_months(s3.day, 2)))
    rows = followup_report(committee=s3.committee, before=second)
    assert rows[0].status == Action.Status.VERIFIED  # reported once, at the next meeting
    third = services.meeting_create(user=user, committee=s3.committee, starts_at=at(add_months(s3.day, 4)))
    assert [r.ref for r in followup_report(committee=s3.committee, before=third)] == ["۲-الف", "۲-ب"]


def test_council_item_referred_to_working_group_shows_its_decision(world):
    user = world.users["office_staff"]
    council = services.committee_create(
        user=user,
        name="شورای برنامه‌ریزی و توسعه استان",
        kind=Committee.Kind.COUNCIL,
        territory=world.province,
        secretariat=world.governorate,
    )
    group = services.committee_create(
        user=user,
        name="کارگروه فرهنگی",
        kind=Committee.Kind.WORKING_GROUP,
        territory=world.province,
        secretariat=world.office,
        parent=council,
    )
    stranger = services.committee_create(
        user=user,
        name="کارگروه دیگر",
        kind="working_group",
        territory=world.province,
        secretariat=world.office,
    )
    council_meeting = services.meeting_create(user=user, committee=council, starts_at="1402/08/01 10:00")
    item = services.agenda_item_add(user=user, meeting=council_meeting, title="طرح توسعه فضاهای فرهنگی")
    with pytest.raises(ValidationError):
        services.agenda_item_refer(user=user, item=item, committee=stranger)
    services.agenda_item_refer(user=user, item=item, committee=group)
    assert AgendaItem.objects.get(pk=item.pk).referred_to == group

    group_meeting = services.meeting_create(user=user, committee=group, starts_at="1402/08/10 10:00")
    stranger_meeting = services.meeting_create(user=user, committee=stranger, starts_at="1402/08/10 11:00")
    with pytest.raises(ValidationError):
        services.agenda_item_add(user=user, meeting=stranger_meeting, title="x", referred_from=item)
    group_item = services.agenda_item_add(
        user=user, meeting=group_meeting, title="بررسی طرح ارجاعی شورا", referred_from=item
    )
    assert group_item.kind == AgendaItem.Kind.REFERRED
    decision = services.resolution_create(
        user=user,
        meeting=group_meeting,
        agenda_item=group_item,
        text="طرح با اصلاحات تأیید و به شورا پیشنهاد می‌شود.",
        responsible=[world.office],
        deadline_text="دو هفته",
    )
    assert referral_decisions(item) == [decision]
    detail = meeting_detail(user=user, pk=council_meeting.pk)
    assert detail.agenda[0].referral_resolutions == [decision]
    assert detail.agenda[0].referred_to == group


def test_changes_after_approval_are_recorded_amendments(world):
    s3 = build_s3(world, approve=True)
    user = world.users["office_staff"]
    assert not MinutesAmendment.objects.exists()
    meeting = Meeting.objects.get(pk=s3.meeting.pk)
    version = meeting.version
    services.resolution_update(
        user=user, resolution=s3.rows["1"], deadline_text="دو ماه", reason="درخواست دستگاه"
    )
    amendment = MinutesAmendment.objects.get()
    assert amendment.before["deadline_text"] == "یک ماه" and amendment.after["deadline_text"] == "دو ماه"
    assert "درخواست دستگاه" in amendment.description and amendment.author == user
    assert Action.objects.get(resolution=s3.rows["1"]).deadline == add_months(s3.day, 2)

    services.attendance_set(user=user, meeting=meeting, organization=world.county_gov, status="present")
    services.agenda_item_add(user=user, meeting=meeting, title="دستور الحاقی")
    services.discussion_note_add(
        user=user, item=s3.items[0], speaker_name="آقای جعفری", summary="توضیح تکمیلی"
    )
    services.resolution_create(
        user=user, meeting=meeting, text="مصوبه الحاقی", responsible=[world.agency], deadline_text="یک ماه"
    )
    assert MinutesAmendment.objects.count() == 5
    assert Meeting.objects.get(pk=meeting.pk).version == version + 5
    detail = meeting_detail(user=user, pk=meeting.pk)
    assert len(detail.amendment_list) == 5


def test_before_approval_edits_write_no_amendment(world, s3):
    services.agenda_item_update(user=world.users["office_staff"], item=s3.items[0], title="عنوان اصلاح‌شده")
    assert not MinutesAmendment.objects.exists()
    assert AgendaItem.objects.get(pk=s3.items[0].pk).title == "عنوان اصلاح‌شده"


def test_stale_version_on_agenda_and_attendance_changes_nothing(world, s3):
    user = world.users["office_staff"]
    meeting = Meeting.objects.get(pk=s3.meeting.pk)
    stale = meeting.version - 1
    items, rows = AgendaItem.objects.count(), Attendance.objects.count()
    with pytest.raises(ConflictError):
        services.agenda_item_add(user=user, meeting=meeting, title="دستور", expected_version=stale)
    with pytest.raises(ConflictError):
        services.attendance_set(user=user, meeting=meeting, person_name="مهمان", expected_version=stale)
    with pytest.raises(ConflictError):
        services.discussion_note_add(
            user=user, item=s3.items[0], speaker_name="الف", summary="ب", expected_version=stale
        )
    with pytest.raises(ConflictError):
        services.meeting_approve(user=user, meeting=meeting, expected_version=stale)
    assert (AgendaItem.objects.count(), Attendance.objects.count()) == (items, rows)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD


def test_attendance_is_set_once_per_organization(world, s3):
    user = world.users["office_staff"]
    services.attendance_set(
        user=user,
        meeting=s3.meeting,
        organization=world.county_gov,
        status="represented",
        represented_by="بخشدار",
    )
    rows = Attendance.objects.filter(meeting=s3.meeting, organization=world.county_gov)
    assert rows.count() == 1 and rows.get().represented_by == "بخشدار"
    with pytest.raises(ValidationError) as err:
        services.attendance_set(
            user=user, meeting=s3.meeting, organization=world.county_gov, status="represented"
        )
    assert "represented_by" in err.value.message_dict
    services.attendance_delete(user=user, attendance=rows.get())
    assert not rows.exists()


def test_agenda_item_with_resolutions_cannot_be_deleted(world, s3):
    user = world.users["office_staff"]
    with pytest.raises(ValidationError):
        services.agenda_item_delete(user=user, item=s3.items[0])
    extra = services.agenda_item_add(user=user, meeting=s3.meeting, title="موارد دیگر")
    sub = services.agenda_item_add(user=user, meeting=s3.meeting, title="زیر دستور", parent=extra)
    services.discussion_note_add(user=user, item=sub, speaker_name="دبیر", summary="یادداشت")
    services.agenda_item_delete(user=user, item=extra)
    assert not AgendaItem.objects.filter(pk__in=[extra.pk, sub.pk]).exists()
    assert AgendaItem.objects.filter(pk=s3.items[0].pk).exists()


def test_held_meetings_keep_the_follow_up_report_as_presented(world, s3):
    """Official minutes must not change when the work moves on after the meeting."""
    user = world.users["office_staff"]
    second = services.meeting_create(user=user, committee=s3.committee, starts_at=at(add_months(s3.day, 2)))
    services.meeting_mark_held(user=user, meeting=second)
    action = Action.objects.get(resolution=s3.rows["1"])
    action_services.action_report_done(action=action, user=world.users["liaison"], text="انجام شد")
    action_services.action_verify(action=Action.objects.get(pk=action.pk), user=user)

    detail = meeting_detail(user=user, pk=second.pk)
    row1 = detail.followup_rows[0]
    assert row1.ref == "۱" and row1.status == Action.Status.OPEN and row1.overdue
    assert row1.meeting.number == s3.meeting.number
    live = followup_report(committee=s3.committee, before=second)
    assert live[0].status == Action.Status.VERIFIED  # the live report has moved on; the minutes have not
