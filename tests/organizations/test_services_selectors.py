"""Organization, membership and user set-up services; the directory selectors."""

import pytest
from django.http import Http404

from peygir.core.errors import ValidationError
from peygir.organizations import access
from peygir.organizations.models import Membership, Organization
from peygir.organizations.selectors import organization_detail, organization_list
from peygir.organizations.services import (
    membership_add,
    membership_end,
    organization_create,
    organization_group_set_members,
    organization_update,
    user_create,
    user_with_membership,
)
from tests.factories import OrganizationFactory, UserFactory

Kind = Organization.Kind
Role = Membership.Role
pytestmark = pytest.mark.django_db


def test_organization_create_normalizes_and_validates(world):
    org = organization_create(
        name="  اداره كل بهزيستي استان مرکزی ",
        kind=Kind.AGENCY,
        territory=world.province,
        supervisor=world.office,
        short_name="بهزیستی",
    )
    assert org.name == "اداره كل بهزيستي استان مرکزی"
    assert org.name_normalized == "اداره کل بهزیستی استان مرکزی"
    assert org.supervisor == world.office

    with pytest.raises(ValidationError) as err:
        organization_create(name=" ", kind=Kind.AGENCY, territory=world.province)
    assert "name" in err.value.message_dict
    # A county body may be supervised by the province, not the other way round.
    with pytest.raises(ValidationError) as err:
        organization_create(
            name="اداره استانی", kind=Kind.AGENCY, territory=world.province, supervisor=world.county_gov
        )
    assert "supervisor" in err.value.message_dict
    with pytest.raises(ValidationError):
        organization_create(name="نوع نادرست", kind="bogus", territory=world.province)
    assert not Organization.objects.filter(name__in=["اداره استانی", "نوع نادرست"]).exists()


def test_organization_update_keeps_normalized_name(world):
    organization_update(organization=world.agency, name="اداره کل نوسازي مدارس")
    world.agency.refresh_from_db()
    assert world.agency.name_normalized == "اداره کل نوسازی مدارس"
    with pytest.raises(ValueError):
        organization_update(organization=world.agency, kind=Kind.NGO)


def test_group_members(world):
    group = organization_create(name="دستگاه‌های عضو", kind=Kind.GROUP, territory=world.province)
    organization_group_set_members(group=group, members=[world.agency, world.other_agency])
    assert set(group.members_of_group.all()) == {world.agency, world.other_agency}
    organization_group_set_members(group=group, members=[world.agency])
    assert list(group.members_of_group.all()) == [world.agency]

    with pytest.raises(ValidationError):
        organization_group_set_members(group=world.agency, members=[world.other_agency])
    with pytest.raises(ValidationError):
        organization_group_set_members(group=group, members=[group])
    assert list(group.members_of_group.all()) == [world.agency]


def test_membership_add_is_idempotent_and_refreshes_scope(world):
    user = UserFactory()
    assert access.get_scope(user).org_ids == frozenset()
    m1 = membership_add(user=user, organization=world.agency, role=Role.LIAISON)
    m2 = membership_add(user=user, organization=world.agency, role=Role.LIAISON)
    assert m1.pk == m2.pk
    assert access.get_scope(user).reporting_org_ids == {world.agency.pk}

    membership_end(membership=m1)
    assert access.get_scope(user).org_ids == frozenset()
    membership_add(user=user, organization=world.agency, role=Role.LIAISON)
    assert Membership.objects.get(pk=m1.pk).is_active
    with pytest.raises(ValidationError):
        membership_add(user=user, organization=world.agency, role="king")


def test_user_create(world):
    user = user_create(username="liaison_x", password="a-long-demo-pass", first_name="مریم", title="رابط")
    assert user.check_password("a-long-demo-pass") and not user.is_superuser
    nopass = user_create(username="nopass")
    assert not nopass.has_usable_password()
    with pytest.raises(ValidationError):
        user_create(username="LIAISON_X")
    boss = user_create(username="root", password="x-long-pass-1", is_superuser=True)
    assert boss.is_staff and boss.is_superuser
    staff = user_with_membership(
        username="expert", password="p-long-pass-2", organization=world.office, role=Role.OFFICE_STAFF
    )
    assert access.get_scope(staff).manage_paths == (world.province.path,)


def test_organization_list_filters(world):
    assert organization_list(user=None).count() == 0
    user = world.users["liaison"]
    names = set(organization_list(user=user).values_list("name", flat=True))
    assert {"استانداری مرکزی", "دفتر امور اجتماعی و فرهنگی استانداری یزد"} <= names

    assert list(organization_list(user=user, q="نوسازي")) == [world.agency]
    assert set(organization_list(user=user, kind=Kind.SOCIAL_OFFICE)) == {world.office, world.foreign_office}
    in_county = list(organization_list(user=user, territory=world.county))
    assert in_county == [world.county_gov]
    in_province = set(organization_list(user=user, territory=world.province))
    assert world.county_gov in in_province and world.foreign_office not in in_province


def test_organization_list_constant_queries(world, django_assert_num_queries):
    user = world.users["office_staff"]
    for i in range(15):
        OrganizationFactory(name=f"دستگاه {i}", territory=world.province, supervisor=world.office)
    with django_assert_num_queries(2):  # the user's scope, then the page
        orgs = list(organization_list(user=user)[:25])
        assert all(o.territory.name_fa for o in orgs) and all(
            o.supervisor_id is None or o.supervisor for o in orgs
        )


def test_organization_detail_record_visibility(world):
    membership_add(user=world.users["liaison"], organization=world.agency, role=Role.LIAISON)
    # Office staff of the province read the agency's record (members).
    detail = organization_detail(user=world.users["office_staff"], pk=world.agency.pk)
    assert detail.can_view_record
    assert {m.user.username for m in detail.memberships} == {"liaison", "agency_head"}
    assert detail.member_counts == {Role.LIAISON: 1, Role.HEAD: 1}
    # Staff of another province see the directory entry but not the record.
    foreign = organization_detail(user=world.users["foreign_staff"], pk=world.agency.pk)
    assert foreign.organization == world.agency
    assert not foreign.can_view_record and foreign.memberships == []
    with pytest.raises(Http404):
        organization_detail(user=None, pk=world.agency.pk)
    with pytest.raises(Http404):
        organization_detail(user=world.users["office_staff"], pk=999999)
    with pytest.raises(Http404):
        organization_detail(user=world.users["office_staff"], pk="abc")
