"""Who administers what (peygir/administration/access.py), persona by persona."""

import pytest

from peygir.administration import access, services
from peygir.core.errors import NotAllowed, ValidationError
from peygir.organizations.models import Membership
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
Role = Membership.Role

# persona → (office administrator of the world's province, manages the agency's people, enters at all)
MATRIX = {
    "office_staff": (True, True, True),
    "office_head": (True, True, True),
    "governor": (False, False, False),
    "county_deputy": (False, False, False),
    "liaison": (False, False, False),
    "agency_head": (False, True, True),
    "other_liaison": (False, False, False),
    "inspector": (False, False, False),
    "national": (False, False, False),
    "foreign_staff": (False, False, True),
    "nobody": (False, False, False),
}


@pytest.mark.parametrize("persona", list(MATRIX))
def test_rules_per_persona(world, persona):
    user = world.users[persona]
    admin, agency_people, enters = MATRIX[persona]
    assert access.administers_path(user, world.agency.territory.path) is admin
    assert access.can_administer_organization(user, world.agency) is admin
    assert access.can_manage_people_of(user, world.agency) is agency_people
    assert access.can_enter(user) is enters
    assert (world.users["liaison"] in access.people_visible_to(user)) is agency_people


def test_an_organizations_head_manages_only_its_own_people(world):
    head = world.users["agency_head"]
    assert world.users["liaison"] in access.people_visible_to(head)
    assert world.users["other_liaison"] not in access.people_visible_to(head)
    assert world.users["office_staff"] not in access.people_visible_to(head)
    # … and may not make another head, nor give a role that does not fit an agency.
    assert access.grantable_roles(head, world.agency) == [Role.LIAISON, Role.INSPECTOR]
    assert access.grantable_roles(head, world.other_agency) == []
    with pytest.raises(ValidationError):
        services.membership_add(
            user=head, person=world.users["liaison"], organization=world.agency, role=Role.HEAD
        )
    with pytest.raises(ValidationError):
        services.person_create(
            user=head, organization=world.other_agency, role=Role.LIAISON, username="x1", last_name="رضایی"
        )


def test_the_office_may_not_grant_national_roles(world):
    assert Role.NATIONAL not in access.grantable_roles(world.users["office_staff"], world.national_org)


def test_nobody_edits_a_person_who_also_belongs_elsewhere(world):
    liaison = world.users["liaison"]
    MembershipFactory(user=liaison, organization=world.other_agency, role=Role.LIAISON)
    assert not access.can_edit_person(world.users["agency_head"], liaison)
    assert access.can_edit_person(world.users["office_staff"], liaison)
    with pytest.raises(NotAllowed):
        services.person_update(user=world.users["agency_head"], person=liaison, first_name="تغییر")


def test_superusers_are_out_of_reach(world):
    root = UserFactory(username="root", is_superuser=True)
    MembershipFactory(user=root, organization=world.agency, role=Role.LIAISON)
    assert root not in access.people_visible_to(world.users["office_staff"])
    assert not access.can_edit_person(world.users["office_staff"], root)


def test_directives_are_for_those_who_manage_an_organization(world):
    assert access.can_issue_directives(world.users["governor"])
    assert list(access.issuer_organizations(world.users["office_staff"])) == [world.office]
    assert not access.can_issue_directives(world.users["liaison"])
    assert not access.can_issue_directives(world.users["agency_head"])
