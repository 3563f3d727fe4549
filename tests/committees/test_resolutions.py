"""Resolutions: numbering, one action per responsibility, deadlines, groups, bad input, permissions."""

import pytest

from peygir.actions.models import Action, ActionEvent
from peygir.actions.services import action_report_progress
from peygir.committees import services
from peygir.committees.models import Meeting, Resolution
from peygir.core.errors import ConflictError, NotAllowed, ValidationError
from peygir.core.jalali import add_months, last_day_of_year
from peygir.organizations.models import Organization
from tests.factories import OrganizationFactory

from .s3 import GROUP_NAME, TEXT_1, TEXT_2A, TEXT_2B, build_s3


def is_persian(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


def test_s3_rows_are_numbered_with_abjad_sub_items(world, s3):
    rows = s3.rows
    assert [(r.number, r.label) for r in rows.values()] == [(1, ""), (2, ""), (2, "الف"), (2, "ب")]
    assert rows["2-الف"].parent == rows["2"] and rows["2-ب"].parent == rows["2"]
    assert rows["1"].text == TEXT_1 and rows["2-الف"].text == TEXT_2A and rows["2-ب"].text == TEXT_2B
    # The next top-level row is 3; a third sub-item of row 2 gets «ج» without being told.
    user = world.users["office_staff"]
    third = services.resolution_create(
        user=user,
        meeting=s3.meeting,
        text="ردیف سوم",
        responsible=[s3.items[0].presenter],
        deadline_text="۱۰ روز",
    )
    sub = services.resolution_create(
        user=user, meeting=s3.meeting, parent=s3.rows["2"], text="بند سوم", responsible=[], deadline_text=""
    )
    assert (third.number, third.label) == (3, "")
    assert (sub.number, sub.label) == (2, "ج")
    assert sub.deadline == s3.rows["2"].deadline  # a sub-item without its own deadline takes its row's


def test_each_responsibility_becomes_one_action_with_the_minutes_deadline(world, s3):
    row1 = Action.objects.filter(resolution=s3.rows["1"])
    assert [(a.responsible_organization, a.deadline) for a in row1] == [(world.agency, add_months(s3.day, 1))]
    end_1402 = last_day_of_year(1402)
    assert s3.rows["2-الف"].deadline == end_1402
    row2b = Action.objects.get(resolution=s3.rows["2-ب"])
    assert (row2b.responsible_organization, row2b.deadline) == (world.office, end_1402)
    assert not Action.objects.filter(resolution=s3.rows["2"]).exists()  # the heading row carries no duty
    every = Action.objects.filter(resolution__meeting=s3.meeting)
    assert {a.issuer_organization_id for a in every} == {world.office.pk}  # issued by the secretariat
    assert {a.source_kind for a in every} == {"resolution"}
    assert ActionEvent.objects.filter(action__in=every, kind=ActionEvent.Kind.CREATED).count() == 4
    assert row2b.deadline_text == "1402" and row1.get().title == TEXT_1


def test_a_group_expands_to_its_members(world, s3):
    actions = Action.objects.filter(resolution=s3.rows["2-الف"]).select_related("responsible_organization")
    assert {a.responsible_organization for a in actions} == {world.agency, world.other_agency}
    assert all(a.deadline == last_day_of_year(1402) for a in actions)
    assert s3.group.kind == Organization.Kind.GROUP
    assert not Action.objects.filter(responsible_organization=s3.group).exists()
    # The minutes keep the words they were written with, not the expansion.
    assert s3.rows["2-الف"].responsible_text == GROUP_NAME


def test_group_and_member_named_together_make_one_action_each(world, s3):
    row = services.resolution_create(
        user=world.users["office_staff"],
        meeting=s3.meeting,
        text="هماهنگی",
        responsible=[s3.group, world.agency],
        deadline_text="1402/12/01",
    )
    assert Action.objects.filter(resolution=row).count() == 2


def test_empty_group_is_refused(world, s3):
    empty = OrganizationFactory(name="گروه خالی", kind=Organization.Kind.GROUP, territory=world.province)
    with pytest.raises(ValidationError) as err:
        services.resolution_create(
            user=world.users["office_staff"],
            meeting=s3.meeting,
            text="x",
            responsible=[empty],
            deadline_text="یک ماه",
        )
    assert "responsible" in err.value.message_dict and is_persian(err.value.message_dict["responsible"][0])


@pytest.mark.parametrize(
    ("text", "deadline", "field"),
    [
        ("", "یک ماه", "text"),
        ("   ", "یک ماه", "text"),
        (TEXT_1, "هر وقت", "deadline_text"),
        (TEXT_1, "", "deadline_text"),
    ],
)
def test_bad_input_writes_nothing(world, s3, text, deadline, field):
    meeting = Meeting.objects.get(pk=s3.meeting.pk)
    before = (Resolution.objects.count(), Action.objects.count(), meeting.version)
    with pytest.raises(ValidationError) as err:
        services.resolution_create(
            user=world.users["office_staff"],
            meeting=meeting,
            text=text,
            responsible=[world.agency],
            deadline_text=deadline,
        )
    assert field in err.value.message_dict
    assert is_persian(err.value.message_dict[field][0])
    meeting.refresh_from_db()
    assert (Resolution.objects.count(), Action.objects.count(), meeting.version) == before


def test_unparseable_deadline_message_names_the_input(world, s3):
    with pytest.raises(ValidationError) as err:
        services.resolution_create(
            user=world.users["office_staff"],
            meeting=s3.meeting,
            text=TEXT_1,
            responsible=[world.agency],
            deadline_text="هر وقت",
        )
    assert "هر وقت" in err.value.message_dict["deadline_text"][0]


@pytest.mark.parametrize(
    "persona",
    [
        "liaison",
        "agency_head",
        "other_liaison",
        "foreign_staff",
        "inspector",
        "national",
        "county_deputy",
        "nobody",
    ],
)
def test_who_may_not_record_meetings_or_resolutions(world, s3, persona):
    user = world.users[persona]
    counts = (Meeting.objects.count(), Resolution.objects.count(), Action.objects.count())
    with pytest.raises(NotAllowed):
        services.meeting_create(user=user, committee=s3.committee, starts_at="1402/09/01 10:00")
    with pytest.raises(NotAllowed):
        services.resolution_create(
            user=user, meeting=s3.meeting, text="مصوبه", responsible=[world.agency], deadline_text="یک ماه"
        )
    with pytest.raises(NotAllowed):
        services.agenda_item_add(user=user, meeting=s3.meeting, title="دستور")
    with pytest.raises(NotAllowed):
        services.committee_create(
            user=user,
            name="کارگروه",
            kind="working_group",
            territory=world.province,
            secretariat=world.office,
        )
    assert (Meeting.objects.count(), Resolution.objects.count(), Action.objects.count()) == counts


@pytest.mark.parametrize("persona", ["office_staff", "office_head", "governor"])
def test_office_and_governor_may_record(world, persona):
    s3 = build_s3(world, user=world.users[persona])
    assert Resolution.objects.filter(meeting=s3.meeting).count() == 4
    assert Action.objects.filter(resolution__meeting=s3.meeting).count() == 4


def test_stale_version_is_a_conflict_and_changes_nothing(world, s3):
    meeting = Meeting.objects.get(pk=s3.meeting.pk)
    stale = meeting.version - 1
    counts = (Resolution.objects.count(), Action.objects.count())
    with pytest.raises(ConflictError):
        services.resolution_create(
            user=world.users["office_staff"],
            meeting=meeting,
            text="مصوبه",
            responsible=[world.agency],
            deadline_text="یک ماه",
            expected_version=stale,
        )
    with pytest.raises(ConflictError):
        services.resolution_update(
            user=world.users["office_staff"], resolution=s3.rows["1"], text="متن تازه", expected_version=stale
        )
    assert (Resolution.objects.count(), Action.objects.count()) == counts
    assert Resolution.objects.get(pk=s3.rows["1"].pk).text == TEXT_1
    assert Meeting.objects.get(pk=meeting.pk).version == meeting.version
    # With the current version the same call goes through and bumps it.
    row = services.resolution_create(
        user=world.users["office_staff"],
        meeting=meeting,
        text="مصوبه",
        responsible=[world.agency],
        deadline_text="یک ماه",
        expected_version=meeting.version,
    )
    assert row.number == 3
    assert Meeting.objects.get(pk=meeting.pk).version == meeting.version


def test_update_moves_deadline_and_responsibility_of_the_actions(world, s3):
    user = world.users["office_staff"]
    row = services.resolution_update(
        user=user,
        resolution=s3.rows["1"],
        deadline_text="دو ماه",
        responsible=[world.agency, world.other_agency],
    )
    actions = Action.objects.filter(resolution=row).order_by("id")
    assert [(a.responsible_organization, a.deadline) for a in actions] == [
        (world.agency, add_months(s3.day, 2)),
        (world.other_agency, add_months(s3.day, 2)),
    ]
    services.resolution_update(
        user=user, resolution=row, responsible=[world.other_agency], text="متن اصلاح‌شده"
    )
    agency_action = actions.get(responsible_organization=world.agency)
    assert agency_action.status == Action.Status.CANCELLED
    assert actions.get(responsible_organization=world.other_agency).title == "متن اصلاح‌شده"


def test_delete_renumbers_before_approval_and_refuses_rows_someone_acted_on(world, s3):
    user = world.users["office_staff"]

    services.resolution_delete(user=user, resolution=s3.rows["2-الف"])
    assert Resolution.objects.get(pk=s3.rows["2-ب"].pk).label == "الف"
    action = Action.objects.get(resolution=s3.rows["1"])
    action_report_progress(action=action, user=world.users["liaison"], text="در حال بررسی", progress=10)
    with pytest.raises(ValidationError):
        services.resolution_delete(user=user, resolution=s3.rows["1"])
    assert Resolution.objects.filter(pk=s3.rows["1"].pk).exists()
    services.resolution_delete(user=user, resolution=s3.rows["2"])
    assert list(Resolution.objects.filter(meeting=s3.meeting).values_list("number", "label")) == [(1, "")]
