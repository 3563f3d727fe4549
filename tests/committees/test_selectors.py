"""Reads: visibility through the one permission mechanism and a constant query count."""

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from peygir.committees import services
from peygir.committees.selectors import committee_detail, committee_list, meeting_detail, meeting_list
from tests.factories import OrganizationFactory


def count_queries(func) -> int:
    with CaptureQueriesContext(connection) as ctx:
        func()
    return len(ctx.captured_queries)


def grow(world, s3, n: int) -> None:
    """More agenda items, sub-items, notes, attendance, resolutions with sub-items and actions."""
    user = world.users["office_staff"]
    for i in range(n):
        item = services.agenda_item_add(
            user=user, meeting=s3.meeting, title=f"دستور {i}", presenter=world.agency
        )
        sub = services.agenda_item_add(user=user, meeting=s3.meeting, title=f"زیر دستور {i}", parent=item)
        services.discussion_note_add(user=user, item=item, speaker_name=f"گوینده {i}", summary="مطلب")
        services.discussion_note_add(user=user, item=sub, speaker_name=f"گوینده {i}", summary="مطلب")
        org = OrganizationFactory(territory=world.province)
        services.attendance_set(user=user, meeting=s3.meeting, organization=org)
        row = services.resolution_create(
            user=user,
            meeting=s3.meeting,
            agenda_item=item,
            text=f"مصوبه {i}",
            responsible=[org],
            deadline_text="یک ماه",
        )
        services.resolution_create(
            user=user,
            meeting=s3.meeting,
            parent=row,
            text="بند",
            responsible=[s3.group],
            deadline_text="1402",
        )


def test_meeting_detail_query_count_is_constant(world, s3, django_assert_num_queries):
    user = world.users["office_staff"]
    meeting_detail(user=user, pk=s3.meeting.pk)  # warm the user's scope
    small = count_queries(lambda: meeting_detail(user=user, pk=s3.meeting.pk))
    grow(world, s3, 6)
    with django_assert_num_queries(small):
        detail = meeting_detail(user=user, pk=s3.meeting.pk)
        # Everything the page reads is already loaded.
        for item in detail.agenda:
            [n.summary for n in item.notes_list]
            [c.title for c in item.children]
            [r.text for r in item.resolution_list]
        for row in detail.resolution_rows:
            [a.responsible_organization.name for a in row.action_list]
            [c.label for c in row.children]
        [a.organization for a in detail.present]
    assert len(detail.resolution_rows) == 2 + 6
    assert [c.label for c in detail.resolution_rows[1].children] == ["الف", "ب"]


def test_meeting_detail_shape(world, s3):
    detail = meeting_detail(user=world.users["office_staff"], pk=s3.meeting.pk)
    assert [i.ref for i in detail.agenda] == ["1", "2"]
    assert [n.speaker_name for n in detail.agenda[1].notes_list] == ["دکتر مخلص الائمه", "آقای جعفری"]
    assert {a.organization for a in detail.present} == {world.governorate, world.office, world.agency}
    assert [a.represented_by for a in detail.represented] == ["معاون بهداشتی"]
    assert [a.organization for a in detail.absent] == [world.county_gov]
    assert detail.agenda[0].resolution_list == [s3.rows["1"]]


@pytest.mark.parametrize(
    "persona", ["office_staff", "governor", "inspector", "liaison", "other_liaison", "national"]
)
def test_members_and_the_province_see_the_meeting(world, s3, persona):
    user = world.users[persona]
    assert meeting_detail(user=user, pk=s3.meeting.pk).pk == s3.meeting.pk
    assert committee_detail(user=user, pk=s3.committee.pk) == s3.committee
    assert list(meeting_list(user=user)) == [s3.meeting]
    assert s3.committee in committee_list(user=user)


@pytest.mark.parametrize("persona", ["foreign_staff", "nobody"])
def test_others_get_not_found(world, s3, persona):
    user = world.users[persona]
    with pytest.raises(Http404):
        meeting_detail(user=user, pk=s3.meeting.pk)
    with pytest.raises(Http404):
        committee_detail(user=user, pk=s3.committee.pk)
    assert not meeting_list(user=user).exists()
    assert not committee_list(user=user).exists()


def test_lists_have_constant_query_count(world, s3, django_assert_num_queries):
    user = world.users["office_staff"]
    list(committee_list(user=user))
    with django_assert_num_queries(1):
        rows = list(committee_list(user=user))
        [(c.secretariat.name, c.territory.name_fa, c.meeting_count) for c in rows]
    with django_assert_num_queries(1):
        meetings = list(meeting_list(user=user, committee=s3.committee))
        [(m.committee.name, m.resolution_count) for m in meetings]
    assert meetings[0].resolution_count == 2 and rows[0].member_count == 5
