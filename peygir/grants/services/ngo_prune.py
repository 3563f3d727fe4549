"""Abandoned self-registrations: an NGO whose representative never typed back the SMS code is removed
once its last code is older than the configured age (PEYGIR_NGO_UNCONFIRMED_DAYS, two days), so that
its national ID is free for a real registration and no inactive organization or unused account stays
behind.

Removed with it: its organization (inactive since it was written — nobody else could pick it), the
profile, documents (their files once the removal commits), history, code row and the representative's
membership; the representative's account when the registration made it and nothing else uses it (no
other membership or registration, not staff); the number and the code in the outbox rows of its SMS.
Run by `peygir grants prune-unconfirmed` and by the escalation scan (`MilestoneSource.on_scan`).
Idempotent, and safe beside a representative typing the code at the same moment: each registration
is re-read under its row lock and left alone unless it is still unconfirmed and still old.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Exists, OuterRef, ProtectedError, Q, QuerySet, RestrictedError
from django.utils import timezone

from peygir.notifications.models import OutboundMessage
from peygir.organizations import access as org_access
from peygir.organizations.models import Membership

from ..models import NgoPhoneConfirmation, NgoProfile

log = logging.getLogger(__name__)

UNCONFIRMED_DAYS = 2.0


@dataclass
class PruneResult:
    removed: int = 0
    accounts: int = 0
    # Registrations something else refers to (an action, a committee seat…): kept, told in the log.
    kept: int = 0


def unconfirmed_age() -> dt.timedelta:
    return dt.timedelta(days=float(getattr(settings, "PEYGIR_NGO_UNCONFIRMED_DAYS", UNCONFIRMED_DAYS)))


def abandoned(*, older_than: dt.timedelta, now: dt.datetime | None = None) -> QuerySet[NgoProfile]:
    """Unconfirmed registrations written before the cutoff whose latest code (a resent one included)
    also went before it: a representative who asked for a new code yesterday is still trying."""
    cutoff = (now or timezone.now()) - older_than
    recent_code = NgoPhoneConfirmation.objects.filter(profile=OuterRef("pk")).filter(
        Q(sent_at__gt=cutoff) | Q(sent_at__isnull=True, created_at__gt=cutoff)
    )
    return NgoProfile.objects.filter(status=NgoProfile.Status.UNCONFIRMED, created_at__lt=cutoff).exclude(
        Exists(recent_code)
    )


def ngo_prune_unconfirmed(
    *, older_than: dt.timedelta | None = None, now: dt.datetime | None = None
) -> PruneResult:
    """Remove every abandoned registration, each in a transaction of its own (one that cannot be
    removed does not hold the others back)."""
    age = unconfirmed_age() if older_than is None else older_than
    now = now or timezone.now()
    result = PruneResult()
    for pk in list(abandoned(older_than=age, now=now).order_by("pk").values_list("pk", flat=True)):
        outcome = _remove(pk, older_than=age, now=now)
        result.removed += int(outcome in (REMOVED, WITH_ACCOUNT))
        result.accounts += int(outcome == WITH_ACCOUNT)
        result.kept += int(outcome == KEPT)
    return result


REMOVED, WITH_ACCOUNT, KEPT, CHANGED = "removed", "with-account", "kept", "changed"


def _remove(pk: int, *, older_than: dt.timedelta, now: dt.datetime) -> str:
    """REMOVED (WITH_ACCOUNT: its account too); CHANGED when it moved meanwhile (confirmed, a code just
    resent); KEPT when something else holds its organization."""
    with transaction.atomic():
        profile = (
            abandoned(older_than=older_than, now=now)
            .select_for_update(of=("self",))
            .select_related("organization", "applicant")
            .filter(pk=pk)
            .first()
        )
        if profile is None:
            return CHANGED
        organization, applicant = profile.organization, profile.applicant
        files = [(d.file.storage, d.file.name) for d in profile.documents.all() if d.file.name]
        try:
            with transaction.atomic():
                # cascades to the profile, its documents, events and code row, and the memberships
                organization.delete()
        except (ProtectedError, RestrictedError) as exc:
            log.warning("unconfirmed NGO registration %s kept: its organization is in use (%s)", pk, exc)
            return KEPT
        OutboundMessage.objects.filter(
            channel=OutboundMessage.Channel.SMS, dedupe_key__startswith=f"ngo:{pk}:code:"
        ).update(to="", body="")
        with_account = (
            profile.applicant_created and applicant is not None and _remove_unused_account(applicant)
        )
        if applicant is not None and not with_account:
            org_access.forget_scope(applicant)
        transaction.on_commit(lambda: _delete_files(files))
    log.info("unconfirmed NGO registration %s removed (its account too: %s)", pk, with_account)
    return WITH_ACCOUNT if with_account else REMOVED


def _remove_unused_account(user: Any) -> bool:
    """The account the registration made, unless it has since found another use."""
    User = get_user_model()
    unused = (
        User.objects.filter(pk=user.pk, is_staff=False, is_superuser=False)
        .exclude(Exists(Membership.objects.filter(user=OuterRef("pk"))))
        .exclude(Exists(NgoProfile.objects.filter(applicant=OuterRef("pk"))))
        .exists()
    )
    if not unused:
        return False
    try:
        with transaction.atomic():
            User.objects.filter(pk=user.pk).delete()
    except (ProtectedError, RestrictedError):
        return False
    return True


def _delete_files(files: list[tuple[Any, str]]) -> None:
    for storage, name in files:
        try:
            storage.delete(name)
        except OSError:  # a file already gone is what we wanted
            log.warning("could not delete %s", name)
