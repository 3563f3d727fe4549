"""Supporting organizations joined to actions after they were issued.

An action names its supporting bodies when it is created (`services.create_action`). Later, a
decision that two bodies do the same work (coordination) makes the other body a supporter of the
lead's actions: it then sees them in its inbox, and the history says who added it and why. Removing
a supporter takes back only what was added this way; the caller says which actions.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from peygir.core.text import check_text
from peygir.organizations.models import Organization

from . import events
from .models import Action
from .services import _tell

REASON_LIMIT = 2000
Through = Action.supporting_organizations.through


def _open(action_ids: Iterable[int]) -> list[Action]:
    """The actions still in work (a closed action gains no supporter), locked in id order."""
    ids = sorted(set(action_ids))
    if not ids:
        return []
    return list(
        Action.objects.select_for_update()
        .filter(pk__in=ids)
        .exclude(status__in=[Action.Status.VERIFIED, Action.Status.CANCELLED])
        .order_by("pk")
    )


@transaction.atomic
def do_add_supporter(
    *, action_ids: Iterable[int], organization: Organization, user: Any, reason: str = ""
) -> list[int]:
    """`organization` becomes a supporter of each open action it is not already on (nor responsible
    for); each gets a history row and the organization's people are told. Returns the actions changed."""
    reason = check_text(reason, field="reason", limit=REASON_LIMIT)
    actions = _open(action_ids)
    present = set(
        Through.objects.filter(
            action_id__in=[a.pk for a in actions], organization_id=organization.pk
        ).values_list("action_id", flat=True)
    )
    changed = [a for a in actions if a.pk not in present and a.responsible_organization_id != organization.pk]
    Through.objects.bulk_create([Through(action_id=a.pk, organization_id=organization.pk) for a in changed])
    for action in changed:
        events.supporter_changed(action, user, organization=organization, added=True, reason=reason)
        _tell(action, "supporter_added", user, reason, organization_id=organization.pk)
    return [a.pk for a in changed]


@transaction.atomic
def do_remove_supporter(
    *, action_ids: Iterable[int], organization: Organization, user: Any, reason: str = ""
) -> list[int]:
    """Take `organization` off the given actions' supporters, with a history row on each it was on."""
    reason = check_text(reason, field="reason", limit=REASON_LIMIT)
    actions = _open(action_ids)
    rows = Through.objects.filter(action_id__in=[a.pk for a in actions], organization_id=organization.pk)
    on = set(rows.values_list("action_id", flat=True))
    rows.delete()
    changed = [a for a in actions if a.pk in on]
    for action in changed:
        events.supporter_changed(action, user, organization=organization, added=False, reason=reason)
        _tell(action, "supporter_removed", user, reason)  # silent: the source hears of it, nobody is told
    return [a.pk for a in changed]
