"""S3 replayed end to end from the demo: the Markazi working group's meeting (seed 002), its three
resolution rows, the actions in the right inboxes, the overdue row escalating, the minutes as PDF."""

import pytest
from django.core.management import call_command

from peygir.actions.escalation import Step
from peygir.actions.models import Action, ActionUpdate, EscalationStep
from peygir.actions.selectors import Horizon, action_list
from peygir.committees.followup import followup_report
from peygir.committees.models import AgendaItem, Attendance, Meeting
from peygir.core.text import to_latin_digits
from peygir.demo import markazi
from peygir.exports.minutes import minutes_docx, minutes_pdf

# One worker runs the package: its demo is loaded once (conftest), not once per worker.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo-scenarios")]
S = Action.Status


def _scan(as_of: str) -> None:
    from io import StringIO

    call_command("actions", "scan", "--as-of", as_of, stdout=StringIO())


def test_s3_meeting_is_recorded_as_in_the_minutes(demo):
    meeting = demo.markazi.s3_meeting
    assert meeting.committee.name == markazi.WORKING_GROUP_NAME
    assert meeting.committee.parent.name == markazi.COUNCIL_NAME
    assert meeting.committee.secretariat == demo.directory["markazi.office"]
    assert meeting.number == 2 and meeting.status == Meeting.Status.APPROVED
    assert meeting.chair_name == markazi.CHAIR_NAME and meeting.quorum_note == "با حضور اکثریت اعضا"

    items = list(meeting.agenda_items.order_by("order"))
    # The agenda opens with the follow-up report of meeting 1's resolutions, then the two items.
    assert [i.kind for i in items] == [
        AgendaItem.Kind.FOLLOW_UP,
        AgendaItem.Kind.REGULAR,
        AgendaItem.Kind.REGULAR,
    ]
    assert items[1].presenter == demo.directory["markazi.health"]
    assert "مدارس کانکسی" in items[1].title
    assert items[2].presenter == demo.directory["markazi.office"]
    assert "برنامه تحول و تعالی" in items[2].title
    notes = list(items[2].notes.order_by("order"))
    assert [n.speaker_name for n in notes] == [markazi.CHAIR_NAME, markazi.DG_NAME]
    assert "حذف موازی‌کاری‌ها" in notes[0].summary and "چشم‌انداز بلندمدت" in notes[1].summary
    assert meeting.attendance.filter(status=Attendance.Status.PRESENT).count() >= 8

    rows = {str(r): r for r in meeting.resolutions.all()}
    assert set(rows) == {"1", "2", "2-الف", "2-ب"}
    assert rows["1"].text == markazi.ROW1_TEXT and rows["1"].deadline_text == "یک ماه"
    assert rows["1"].responsible_text == "اداره کل نوسازی مدارس استان"
    for key in ("2-الف", "2-ب"):
        assert rows[key].parent == rows["2"]
        assert to_latin_digits(rows[key].deadline_text) == "سال 1402"
        assert rows[key].deadline.isoformat() == "2024-03-19"  # 29 Esfand 1402
    assert not rows["2"].actions.exists()  # the heading row's duties are on its sub-items


def test_s3_actions_land_in_the_right_inboxes(demo, demo_today):
    d, cast, story = demo.directory, demo.cast, demo.markazi
    row1 = story.action("1")
    assert row1.responsible_organization == d["markazi.schools"]
    assert row1.issuer_organization == d["markazi.office"]
    group_members = set(d["markazi.program_group"].members_of_group.all())
    assert {a.responsible_organization for a in story.rows["2-الف"].actions.all()} == group_members
    assert story.action("2-ب").responsible_organization == d["markazi.office"]
    s3_actions = Action.objects.filter(resolution__meeting=story.s3_meeting)
    assert s3_actions.count() == 1 + len(group_members) + 1 >= 4

    horizon = Horizon.for_day(demo_today)
    schools_inbox = set(action_list(user=cast["liaison_schools"], horizon=horizon))
    assert schools_inbox == {row1}
    health_inbox = set(action_list(user=cast["liaison_health"], horizon=horizon))
    assert story.action("2-الف", d["markazi.health"].name) in health_inbox and row1 not in health_inbox
    office_inbox = action_list(user=cast["office"], horizon=horizon)
    assert set(s3_actions) <= set(office_inbox)
    # The Arak county deputy sees the Arak municipality's duty, not the provincial agencies'.
    deputy = set(action_list(user=cast["deputy_arak"], horizon=horizon))
    assert story.action("2-الف", "شهرداری اراک") in deputy and row1 not in deputy
    # Another province's office sees none of Markazi's actions.
    assert not action_list(user=cast["office_yazd"], horizon=horizon).filter(pk=row1.pk).exists()

    overdue = list(action_list(user=cast["office"], filters={"state": "overdue"}, horizon=horizon))
    assert overdue == [row1]
    due_soon = list(action_list(user=cast["office"], filters={"state": "due_soon"}, horizon=horizon))
    assert due_soon == [story.action("m1.2")]
    verified = story.action("m1.1")
    assert verified.status == S.VERIFIED and verified.progress == 100
    kinds = list(verified.updates.values_list("kind", flat=True))
    assert kinds == ["progress", "progress", "report_done", "verify"]
    assert "مستندات" in verified.updates.get(kind=ActionUpdate.Kind.REPORT_DONE).text
    assert story.action("m1.3").status == S.REPORTED_DONE  # awaiting the director's verification
    # The story happened over time: the school renovation report came two weeks after the meeting.
    report = row1.updates.get()
    assert report.created_at.date() > story.s3_meeting.starts_at.date()


def test_school_renovation_is_overdue_a_month_later_and_escalates_once(demo):
    row1 = demo.markazi.action("1")
    meeting_day = demo.markazi.s3_meeting.starts_at.date()
    assert row1.deadline_text == "یک ماه"
    assert 28 <= (row1.deadline - meeting_day).days <= 31
    assert row1.status == S.IN_PROGRESS
    assert not EscalationStep.objects.filter(action=row1).exists()

    _scan("1401/12/10")

    steps = set(EscalationStep.objects.filter(action=row1).values_list("step", flat=True))
    assert {Step.OVERDUE_HEAD, Step.SUPERVISOR} <= steps
    assert Action.objects.get(pk=row1.pk).escalation_level >= Step.SUPERVISOR
    # Nothing escalates for work that is verified or reported done.
    assert not EscalationStep.objects.filter(action__status__in=[S.VERIFIED, S.REPORTED_DONE]).exists()
    count = EscalationStep.objects.count()
    _scan("1401/12/10")
    assert EscalationStep.objects.count() == count


def test_follow_up_report_opens_the_s3_agenda(demo):
    story = demo.markazi
    rows = followup_report(committee=story.working_group, before=story.s3_meeting)
    assert [r.resolution.meeting for r in rows] == [story.first_meeting] * 3
    by_org = {r.responsible[0]: r for r in rows}
    assert by_org["دانشگاه علوم پزشکی استان مرکزی"].status == S.VERIFIED
    assert by_org["اداره کل آموزش و پرورش استان مرکزی"].status == S.IN_PROGRESS
    follow_up = story.s3_meeting.agenda_items.get(kind=AgendaItem.Kind.FOLLOW_UP)
    assert "۳" in follow_up.description


def test_minutes_pdf_and_docx(demo):
    meeting = demo.markazi.s3_meeting
    assert minutes_pdf(meeting).startswith(b"%PDF")
    assert minutes_docx(meeting).startswith(b"PK")


def test_yazd_council_item_referred_to_its_cultural_working_group(demo):
    story = demo.yazd
    item = story.council_item
    assert item.referred_to == story.working_group and story.working_group.parent == story.council
    reviewed = item.referred_items.get()
    assert reviewed.meeting == story.working_group_meeting and reviewed.kind == AgendaItem.Kind.REFERRED
    decision = reviewed.resolutions.get()
    assert decision.actions.get().responsible_organization == demo.directory["yazd.municipality"]
