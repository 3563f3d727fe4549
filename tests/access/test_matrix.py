"""The persona matrix of the one permission mechanism (DESIGN §6)."""

import pytest
from django.http import Http404

from peygir.actions import access as action_access
from peygir.committees import access as committee_access
from peygir.organizations import access

from ..factories import ActionFactory, CommitteeFactory, CommitteeMemberFactory

# persona → (sees the action, reports on it, verifies it)
ACTION_MATRIX = {
    "office_staff": (True, False, True),
    "office_head": (True, False, True),
    "governor": (True, False, True),
    "county_deputy": (False, False, False),  # the action lies in the province, not in the county
    "liaison": (True, True, False),
    "agency_head": (True, True, False),
    "other_liaison": (False, False, False),
    "inspector": (True, False, False),
    "national": (True, False, False),
    "national_admin": (True, False, False),  # reads like national staff; manages only nationwide rules
    "foreign_staff": (False, False, False),
    "nobody": (False, False, False),
}


@pytest.fixture
def action(world):
    return ActionFactory(
        responsible_organization=world.agency, issuer_organization=world.office, territory=world.province
    )


@pytest.mark.parametrize("persona", list(ACTION_MATRIX))
def test_action_permissions_per_persona(world, action, persona):
    user = world.users[persona]
    sees, reports, verifies = ACTION_MATRIX[persona]
    assert action_access.can_view_action(user, action) is sees
    assert action_access.can_report_on_action(user, action) is reports
    assert action_access.can_verify_action(user, action) is verifies
    assert (action in action_access.actions_visible_to(user)) is sees


def test_county_deputy_sees_actions_in_the_county(world):
    county_action = ActionFactory(
        responsible_organization=world.agency, issuer_organization=world.county_gov, territory=world.county
    )
    deputy = world.users["county_deputy"]
    assert action_access.can_view_action(deputy, county_action)
    assert action_access.can_verify_action(deputy, county_action)


def test_supporting_organization_sees_but_cannot_report(world, action):
    action.supporting_organizations.add(world.other_agency)
    user = world.users["other_liaison"]
    assert action_access.can_view_action(user, action)
    assert not action_access.can_report_on_action(user, action)
    # listed once even though the visibility goes through a join
    assert list(action_access.actions_visible_to(user)).count(action) == 1


def test_nobody_verifies_their_own_organizations_work(world):
    own = ActionFactory(
        responsible_organization=world.office, issuer_organization=world.governorate, territory=world.province
    )
    assert not action_access.can_verify_action(world.users["office_staff"], own)
    assert action_access.can_verify_action(world.users["governor"], own)


def test_missing_and_forbidden_look_the_same(world, action):
    qs = action_access.actions_visible_to(world.users["other_liaison"])
    with pytest.raises(Http404):
        access.get_for_user(qs, action.pk)
    with pytest.raises(Http404):
        access.get_for_user(qs, 999_999)
    with pytest.raises(Http404):
        access.get_for_user(qs, "۱۲<script>")


@pytest.mark.parametrize(
    "persona, sees, manages",
    [
        ("office_staff", True, True),
        ("governor", True, True),
        ("liaison", True, False),  # its agency sits on the committee
        ("other_liaison", False, False),
        ("inspector", True, False),
        ("foreign_staff", False, False),
        ("nobody", False, False),
    ],
)
def test_committee_permissions(world, persona, sees, manages):
    committee = CommitteeFactory(secretariat=world.office, territory=world.province)
    CommitteeMemberFactory(committee=committee, organization=world.agency)
    user = world.users[persona]
    assert (committee in committee_access.committees_visible_to(user)) is sees
    assert committee_access.can_manage_committee(user, committee) is manages


def test_scope_is_computed_once_per_request(world, django_assert_num_queries):
    user = world.users["office_staff"]
    access.forget_scope(user)
    with django_assert_num_queries(1):
        access.get_scope(user)
        access.get_scope(user)
