"""A meeting's resolution as a source of actions: one action per responsible organization of a row."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from peygir.actions.models import Action
from peygir.actions.sources import ActionSource
from peygir.core.text import to_persian_digits
from peygir.organizations.models import Organization

from . import access as committee_access
from .followup import resolution_ref
from .models import Resolution


class ResolutionSource(ActionSource):
    label = gettext_lazy("مصوبه جلسه")

    def can_issue(self, user: Any, source: Resolution | None, issuer: Organization) -> bool:
        """Managing the committee is the permission to issue its resolutions."""
        return source is not None and committee_access.can_manage_committee(user, source.meeting.committee)

    def url(self, action: Action) -> str:
        return (
            reverse("web:meeting_detail", args=[action.resolution.meeting_id])
            + f"#resolution-{action.resolution_id}"
        )

    def describe(self, action: Action) -> str:
        resolution = action.resolution
        return _("مصوبه ردیف %(ref)s جلسه شماره %(n)s") % {
            "ref": resolution_ref(resolution),
            "n": to_persian_digits(resolution.meeting.number),
        }
