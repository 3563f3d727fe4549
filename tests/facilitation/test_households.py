"""Vulnerable households (S2.3): least data, visible only to the office and the provincial office's
authorized staff, every read and change logged; everyone else 404 and nothing logged for them."""

import pytest
from django.http import Http404

from peygir.core.errors import NotAllowed, ValidationError
from peygir.facilitation import selectors
from peygir.facilitation.models import SensitiveAccessLog, VulnerableHousehold
from peygir.facilitation.services import household_create, household_update

pytestmark = pytest.mark.django_db

ALLOWED = ["facilitator", "office_staff", "office_head"]
DENIED = [
    "governor",
    "inspector",
    "county_deputy",
    "liaison",
    "national",
    "other_facilitator",
    "foreign_staff",
    "nobody",
]


def _user(world, offices, persona):
    return offices.users.get(persona) or world.users[persona]


@pytest.fixture
def household(offices):
    return household_create(
        user=offices.users["facilitator"],
        office=offices.office,
        neighbourhood=offices.zovieh,
        needs=["food", "female_headed"],
        members_count="۴",
        programs="سبد غذایی کمیته امداد",
    )


def test_create_gives_a_reference_and_logs_the_change(offices, household):
    assert household.reference == "H-0001"
    assert household.members_count == 4
    log = SensitiveAccessLog.objects.get()
    assert (log.kind, log.household, log.user) == ("create", household, offices.users["facilitator"])


def test_create_validates(offices):
    with pytest.raises(ValidationError) as exc:
        household_create(
            user=offices.users["facilitator"],
            office=offices.office,
            neighbourhood=offices.other_hood,
            needs=["food"],
        )
    assert "neighbourhood" in exc.value.error_dict
    with pytest.raises(ValidationError) as exc:
        household_create(
            user=offices.users["facilitator"],
            office=offices.office,
            neighbourhood=offices.zovieh,
            needs=["x"],
        )
    assert "needs" in exc.value.error_dict
    assert not VulnerableHousehold.objects.exists() and not SensitiveAccessLog.objects.exists()


@pytest.mark.parametrize("persona", ALLOWED)
def test_allowed_reads_are_logged(world, offices, household, persona):
    user = _user(world, offices, persona)
    SensitiveAccessLog.objects.all().delete()
    assert selectors.household_detail(user=user, pk=household.pk) == household
    page = selectors.household_list(user=user, office=offices.office)
    assert list(page.object_list) == [household]
    logs = list(
        SensitiveAccessLog.objects.order_by("id").values_list("user_id", "kind", "household_id", "detail")
    )
    assert logs == [(user.pk, "read", household.pk, "detail"), (user.pk, "read", household.pk, "list page 1")]


@pytest.mark.parametrize("persona", DENIED)
def test_everyone_else_gets_404_and_nothing_is_logged(world, offices, household, persona):
    user = _user(world, offices, persona)
    SensitiveAccessLog.objects.all().delete()
    with pytest.raises(Http404):
        selectors.household_detail(user=user, pk=household.pk)
    with pytest.raises(Http404):
        selectors.household_list(user=user, office=offices.office)
    with pytest.raises(Http404):
        selectors.office_for_households(user=user, pk=offices.office.pk)
    with pytest.raises(NotAllowed):
        household_update(user=user, household=household, note="x")
    with pytest.raises(NotAllowed):
        household_create(user=user, office=offices.office, neighbourhood=offices.zovieh, needs=["food"])
    assert not SensitiveAccessLog.objects.exists()
    household.refresh_from_db()
    assert household.note == "" and VulnerableHousehold.objects.count() == 1


def test_update_logs_which_fields_changed_not_their_values(world, offices, household):
    household_update(user=world.users["office_staff"], household=household, needs=["health"], members_count=5)
    household.refresh_from_db()
    assert household.needs == ["health"] and household.members_count == 5
    log = SensitiveAccessLog.objects.filter(kind="update").get()
    assert log.user == world.users["office_staff"]
    assert set(log.detail.split(",")) == {"needs", "members_count"}


def test_access_log_is_for_provincial_staff_only(world, offices, household):
    assert list(selectors.sensitive_access_log(user=world.users["office_staff"]))
    for persona in ("facilitator", "governor", "inspector", "liaison"):
        with pytest.raises(Http404):
            selectors.sensitive_access_log(user=_user(world, offices, persona))
    # Another province's staff has an access log of its own, without our households in it.
    assert not selectors.sensitive_access_log(user=world.users["foreign_staff"]).exists()
