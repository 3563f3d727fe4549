"""The administration's writes: committees and seats, people with a one-time set-password link,
direct instructions — and a refusal writes nothing."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from peygir.actions.models import Action
from peygir.administration import directives, services
from peygir.committees.models import Committee, CommitteeMember
from peygir.core.errors import NotAllowed, ValidationError
from peygir.core.models import AuditEntry
from peygir.organizations.models import Membership, Organization
from tests.auth import sign_in
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db
Role = Membership.Role


def test_committee_with_members_and_parent_council(world):
    user = world.users["office_staff"]
    council = services.committee_create(
        user=user,
        name="شورای فرهنگ عمومی استان",
        kind=Committee.Kind.COUNCIL,
        territory=world.province,
        secretariat=world.office,
    )
    group = services.committee_create(
        user=user,
        name="کارگروه اجتماعی",
        kind=Committee.Kind.WORKING_GROUP,
        territory=world.province,
        secretariat=world.office,
        parent=council,
    )
    services.committee_member_add(
        user=user, committee=group, organization=world.governorate, position="chair"
    )
    services.committee_member_add(user=user, committee=group, organization=world.agency)
    with pytest.raises(ValidationError):  # a second chair
        services.committee_member_add(
            user=user, committee=group, organization=world.other_agency, position="chair"
        )
    assert group.parent == council
    assert CommitteeMember.objects.filter(committee=group).count() == 2
    assert AuditEntry.objects.filter(object_type="committees.committee", object_pk=str(group.pk)).count() == 3


def test_a_working_group_cannot_be_a_parent(world):
    user = world.users["office_staff"]
    with pytest.raises(ValidationError):
        services.committee_update(
            user=user,
            committee=world.committee,
            name=world.committee.name,
            kind=world.committee.kind,
            secretariat=world.office,
            parent=world.committee,
        )


def test_the_governor_manages_committees_on_their_pages_not_here(world):
    with pytest.raises(NotAllowed):
        services.committee_create(
            user=world.users["governor"],
            name="کارگروه",
            kind=Committee.Kind.WORKING_GROUP,
            territory=world.province,
            secretariat=world.office,
        )


def test_a_new_person_sets_a_password_with_a_one_time_link(client, world):
    person = services.person_create(
        user=world.users["office_staff"],
        organization=world.agency,
        role=Role.LIAISON,
        username="z.karimi",
        first_name="زهرا",
        last_name="کریمی",
    )
    assert not person.has_usable_password()
    assert person.memberships.get().role == Role.LIAISON
    uid, token = services.set_password_path(person)
    url = reverse("web:admin_set_password", kwargs={"uidb64": uid, "token": token})
    response = client.get(url, follow=True)
    assert response.status_code == 200 and response.context["validlink"]
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "Sabz-Kooh-4821", "new_password2": "Sabz-Kooh-4821"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.check_password("Sabz-Kooh-4821")
    # Spent: the same link no longer works.
    assert not client.get(url, follow=True).context["validlink"]
    assert client.login(
        username="z.karimi", password="Sabz-Kooh-4821", request=RequestFactory().post("/login/")
    )


def test_a_duplicate_username_writes_nothing(world):
    before = get_user_model().objects.count()
    with pytest.raises(ValidationError):
        services.person_create(
            user=world.users["office_staff"],
            organization=world.agency,
            role=Role.LIAISON,
            username="LIAISON",
            last_name="تکراری",
        )
    assert get_user_model().objects.count() == before
    assert not AuditEntry.objects.exists()


def test_ending_a_membership_keeps_the_row(world):
    membership = world.users["liaison"].memberships.get()
    services.membership_end(user=world.users["agency_head"], membership=membership)
    membership.refresh_from_db()
    assert not membership.is_active
    # The head of the agency may not end the membership of a head.
    head_membership = world.users["agency_head"].memberships.get()
    with pytest.raises(ValidationError):
        services.membership_end(user=world.users["agency_head"], membership=head_membership)


def test_a_directive_makes_one_action_per_organization(world):
    group = OrganizationFactory(
        name="دستگاه‌های عضو برنامه", kind=Organization.Kind.GROUP, territory=world.province
    )
    third = OrganizationFactory(name="اداره کل بهزیستی", territory=world.province)
    group.members_of_group.set([world.agency, third])
    deadline = timezone.localdate() + dt.timedelta(days=30)
    actions = directives.directive_issue(
        user=world.users["office_staff"],
        issuer=world.office,
        responsible=[group, world.agency, world.other_agency],
        deadline=deadline,
        title="گزارش اقدامات پیشگیری از آسیب‌های اجتماعی را ارسال کنید.",
    )
    assert {a.responsible_organization for a in actions} == {world.agency, third, world.other_agency}
    assert all(a.source_kind == "directive" and a.deadline == deadline for a in actions)
    assert AuditEntry.objects.filter(object_type="actions.action").count() == 3


@pytest.mark.parametrize(
    "persona, deadline_days, responsible, error",
    [
        ("office_staff", -1, True, ValidationError),  # a deadline in the past
        ("office_staff", 10, False, ValidationError),  # nobody responsible
        ("liaison", 10, True, NotAllowed),  # may not issue for the office
    ],
)
def test_a_refused_directive_writes_nothing(world, persona, deadline_days, responsible, error):
    with pytest.raises(error):
        directives.directive_issue(
            user=world.users[persona],
            issuer=world.office,
            responsible=[world.agency] if responsible else [],
            deadline=timezone.localdate() + dt.timedelta(days=deadline_days),
            title="ابلاغ",
        )
    assert not Action.objects.exists() and not AuditEntry.objects.exists()


def test_a_directive_stays_in_the_issuers_territory(world):
    with pytest.raises(ValidationError, match="بیرون از قلمرو"):
        directives.directive_issue(
            user=world.users["office_staff"],
            issuer=world.office,
            responsible=[world.agency, world.foreign_office],
            deadline=timezone.localdate() + dt.timedelta(days=5),
            title="ابلاغ",
        )
    assert not Action.objects.exists()


def test_the_api_issues_a_directive(client, world):
    sign_in(client, world.users["office_staff"])
    body = {
        "issuer": world.office.pk,
        "title": "گزارش عملکرد سه‌ماهه را بفرستید.",
        "responsible": [world.agency.pk, world.other_agency.pk],
        "deadline": "۱۴۱۰/۰۱/۱۵",
    }
    response = client.post("/api/v1/directives/", body, content_type="application/json")
    assert response.status_code == 201, response.content
    assert len(response.json()["actions"]) == 2
    body["responsible"] = [999_999]
    response = client.post("/api/v1/directives/", body, content_type="application/json")
    assert response.status_code == 400 and "سازمان ناشناخته" in response.content.decode()
    assert Action.objects.count() == 2
    sign_in(client, world.users["governor"])  # manages the governorate, not the office
    body["responsible"] = [world.agency.pk]
    assert client.post("/api/v1/directives/", body, content_type="application/json").status_code == 404
