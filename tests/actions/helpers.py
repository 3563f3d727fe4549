"""Helpers shared by the actions and notifications tests."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from peygir.actions.models import Action, ActionEvent, ActionUpdate, EscalationStep, Evidence
from peygir.actions.services import action_create
from peygir.notifications.models import Notification, OutboundMessage
from peygir.organizations.models import Membership, Organization
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

# A Wednesday (۱۴۰۲/۰۸/۲۴) in a stretch of autumn 2023 with no official holiday but Fridays.
DEADLINE = dt.date(2023, 11, 15)


def make_action(world, *, deadline: dt.date | None = DEADLINE, responsible=None, title="نوسازی مدارس کانکسی"):
    """An action of the provincial office (issued by its expert) for `responsible` (default: agency)."""
    return action_create(
        title=title,
        responsible=responsible or world.agency,
        issuer=world.office,
        deadline=deadline,
        created_by=world.users["office_staff"],
    )


def counts() -> dict[str, int]:
    """Row counts of everything a service or a scan may write (to prove nothing was written)."""
    return {
        model.__name__: model.objects.count()
        for model in (
            Action,
            ActionEvent,
            ActionUpdate,
            Evidence,
            EscalationStep,
            Notification,
            OutboundMessage,
        )
    }


def pdf(name: str = "report.pdf", body: bytes = b"%PDF-1.4\n%test\n") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def county_agency(world) -> tuple[Organization, dict[str, object]]:
    """An agency of the county supervised by the county governorate, with a liaison and a head."""
    agency = OrganizationFactory(
        name="اداره آموزش و پرورش اراک",
        kind=Organization.Kind.AGENCY,
        territory=world.county,
        supervisor=world.county_gov,
    )
    people = {
        "liaison": MembershipFactory(
            user=UserFactory(username="county_liaison", mobile="09120000001"),
            organization=agency,
            role=Membership.Role.LIAISON,
        ).user,
        "head": MembershipFactory(
            user=UserFactory(username="county_head", mobile="09120000002"),
            organization=agency,
            role=Membership.Role.HEAD,
        ).user,
    }
    return agency, people
