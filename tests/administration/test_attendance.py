"""«All members present, then the exceptions» on the meeting page (committees.record)."""

import pytest

from peygir.committees import services
from peygir.committees.models import Attendance
from peygir.core.errors import ValidationError
from tests.auth import sign_in

pytestmark = pytest.mark.django_db
Status = Attendance.Status


def test_all_present_but_the_absent_ones(client, world):
    meeting = world.meeting  # members: the governorate (chair) and the agency; the agency attended
    sign_in(client, world.users["office_staff"])
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "همه اعضا حاضر، جز غایبان" in page and 'name="attall-absent"' in page
    response = client.post(
        f"/meetings/{meeting.pk}/attendance_all/",
        {"attall-version": meeting.version, "attall-absent": [world.agency.pk]},
    )
    assert response.status_code == 302
    rows = {a.organization_id: a for a in Attendance.objects.filter(meeting=meeting)}
    assert rows[world.governorate.pk].status == Status.PRESENT
    assert rows[world.agency.pk].status == Status.ABSENT
    assert rows[world.agency.pk].person_name == "علی رضایی"  # the name typed earlier is kept


def test_a_represented_member_stays_represented(world):
    meeting = world.meeting
    user = world.users["office_staff"]
    services.attendance_set(
        user=user,
        meeting=meeting,
        organization=world.governorate,
        status=Status.REPRESENTED,
        represented_by="معاون",
    )
    services.attendance_all_present(user=user, meeting=meeting)
    assert (
        Attendance.objects.get(meeting=meeting, organization=world.governorate).status == Status.REPRESENTED
    )


def test_an_absent_stranger_is_refused_and_nothing_changes(world):
    meeting = world.meeting
    before = list(Attendance.objects.filter(meeting=meeting).values_list("organization_id", "status"))
    with pytest.raises(ValidationError):
        services.attendance_all_present(
            user=world.users["office_staff"], meeting=meeting, absent=[world.other_agency]
        )
    assert list(Attendance.objects.filter(meeting=meeting).values_list("organization_id", "status")) == before


def test_a_stale_version_writes_nothing(client, world):
    meeting = world.meeting
    sign_in(client, world.users["office_staff"])
    response = client.post(
        f"/meetings/{meeting.pk}/attendance_all/", {"attall-version": meeting.version - 1 or 99}
    )
    assert response.status_code == 400
    assert "تغییر کرده" in response.content.decode()
    assert Attendance.objects.filter(meeting=meeting).count() == 1
