"""Helpers for the grants tests: a fresh call in the world's province, proposals written and
submitted by the world's NGO (or another), and a quick way to count what a refused write left."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.utils import timezone

from peygir.grants.models import (
    BudgetLine,
    Envelope,
    GuardDecision,
    Instalment,
    PlannedMilestone,
    Project,
    Proposal,
    ProposalEvent,
)
from peygir.grants.services import calls, proposals
from peygir.organizations.models import Membership, Organization
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

from .factories import NgoProfileFactory
from .world import CRITERIA, TOMAN, plan


def new_call(world: Any, *, tomans: int = 100_000_000, publish: bool = True, **extra: Any):
    today = timezone.localdate()
    call = calls.call_create(
        user=world.users["office_staff"],
        office=world.office,
        title="فراخوان طرح‌های ورزش محله",
        total_rials=tomans * TOMAN,
        opens_on=extra.pop("opens_on", today - dt.timedelta(days=3)),
        closes_on=extra.pop("closes_on", today + dt.timedelta(days=20)),
        themes=["sport", "addiction"],
        criteria=CRITERIA,
        **extra,
    )
    calls.call_envelopes_set(user=world.users["office_staff"], call=call, method="equal")
    if publish:
        call = calls.call_publish(user=world.users["office_staff"], call=call)
    return call


def new_ngo(world: Any, name: str = "انجمن حامیان کودکان کار اراک") -> tuple[Organization, Any]:
    ngo = OrganizationFactory(name=name, kind=Organization.Kind.NGO, territory=world.county)
    NgoProfileFactory(organization=ngo, activity_territory=world.county)
    user = MembershipFactory(user=UserFactory(), organization=ngo, role=Membership.Role.NGO_REP).user
    return ngo, user


def ngo_user(world: Any) -> Any:
    user = world.users["ngo"]
    if not hasattr(world.ngo, "ngo_profile"):
        NgoProfileFactory(organization=world.ngo, activity_territory=world.county)
    return user


def submitted(
    world: Any, call: Any, *, ngo=None, user=None, review: bool = True, **plan_kwargs: Any
) -> Proposal:
    ngo = ngo or world.ngo
    user = user or ngo_user(world)
    plan_kwargs.setdefault("title", "کلاس‌های ورزشی نوجوانان")
    plan_kwargs.setdefault("summary", "فوتسال رایگان")
    proposal = proposals.proposal_create(user=user, call=call, ngo=ngo, plan=plan(world, **plan_kwargs))
    proposal = proposals.proposal_submit(user=user, proposal=proposal)
    if review:
        proposal = proposals.proposal_start_review(user=world.users["office_staff"], proposal=proposal)
    return proposal


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            Proposal,
            BudgetLine,
            PlannedMilestone,
            ProposalEvent,
            Project,
            Instalment,
            Envelope,
            GuardDecision,
        )
    }


def sms_code(profile: Any) -> str:
    """The last code texted for an NGO's registration, read from the SMS as it was queued."""
    from peygir.notifications.models import OutboundMessage

    body = OutboundMessage.objects.filter(dedupe_key__startswith=f"ngo:{profile.pk}:code:").latest("id").body
    return re.search(r"(?<!\d)(\d{6})(?!\d)", body).group(1)


def sign_in(client: Any, user: Any) -> Any:
    """Sign a test client in; with the second factor where the project asks for it (tests/auth.py,
    issue 14), plainly before that arrives."""
    try:
        from tests.auth import sign_in as two_factor_sign_in
    except ImportError:
        client.force_login(user)
        return client
    return two_factor_sign_in(client, user)
