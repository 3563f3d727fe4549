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


def actions_in_and_out_of_province(world) -> dict[str, int]:
    """The office's actions in its province and, issued by it, in another province (visible through
    the office, not the territory), plus another province's own (hidden): what the office staff's lists
    count by visibility part. Returns the visible numbers per filter."""
    from django.utils import timezone

    from tests.factories import ActionFactory

    past = timezone.localdate() - dt.timedelta(days=3)
    yazd_agency = OrganizationFactory(kind="agency", territory=world.other_province)
    abroad = {"responsible_organization": yazd_agency, "territory": world.other_province}
    late = {"deadline": past, "status": Action.Status.IN_PROGRESS}
    for n, extra in (
        (3, {}),
        (2, late),
        (2, abroad),
        (1, {**abroad, **late}),
        (2, {**abroad, "issuer_organization": world.foreign_office}),  # not the office's: hidden
    ):
        for _ in range(n):
            ActionFactory(
                **{"responsible_organization": world.agency, "issuer_organization": world.office, **extra}
            )
    return {"all": 8, "overdue": 3, "open": 8, "in_progress": 3}
