"""Factories for tests. Territories go through the service so their paths are right."""

import datetime as dt

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from peygir.actions.models import Action
from peygir.committees.models import Committee, CommitteeMember, Meeting, Resolution
from peygir.organizations.models import Membership, Organization
from peygir.territory.models import Territory
from peygir.territory.services import territory_create

_seq = iter(range(1, 10**9))


def make_territory(
    kind: str = "province", parent: Territory | None = None, name: str | None = None
) -> Territory:
    n = next(_seq)
    return territory_create(kind=kind, parent=parent, name_fa=name or f"قلمرو {n}", code=f"T-{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "کاربر"
    last_name = factory.Sequence(lambda n: f"آزمون {n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password("pass-1234-peygir")


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"دستگاه آزمون {n}")
    name_normalized = factory.LazyAttribute(lambda o: o.name)
    kind = Organization.Kind.AGENCY
    territory = factory.LazyFunction(lambda: make_territory())


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = Membership.Role.LIAISON


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee

    name = factory.Sequence(lambda n: f"کارگروه آزمون {n}")
    kind = Committee.Kind.WORKING_GROUP
    secretariat = factory.SubFactory(OrganizationFactory, kind=Organization.Kind.SOCIAL_OFFICE)
    territory = factory.LazyAttribute(lambda o: o.secretariat.territory)


class CommitteeMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitteeMember

    committee = factory.SubFactory(CommitteeFactory)
    organization = factory.SubFactory(OrganizationFactory)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    committee = factory.SubFactory(CommitteeFactory)
    number = factory.Sequence(lambda n: n + 1)
    starts_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=30))
    status = Meeting.Status.HELD


class ResolutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resolution

    meeting = factory.SubFactory(MeetingFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"مصوبه آزمون {n}")


class ActionFactory(factory.django.DjangoModelFactory):
    """A directive action; pass resolution=… and source_kind='resolution' for a resolution's action."""

    class Meta:
        model = Action

    title = factory.Sequence(lambda n: f"اقدام آزمون {n}")
    title_normalized = factory.LazyAttribute(lambda o: o.title)
    source_kind = "directive"
    responsible_organization = factory.SubFactory(OrganizationFactory)
    issuer_organization = factory.SubFactory(OrganizationFactory, kind=Organization.Kind.SOCIAL_OFFICE)
    territory = factory.LazyAttribute(lambda o: o.issuer_organization.territory)
    deadline = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=20))
