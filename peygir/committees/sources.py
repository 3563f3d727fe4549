"""A meeting's resolution as a source of actions: one action per responsible organization of a row."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from peygir.actions.models import Action
from peygir.actions.sources import ActionSource
from peygir.core.jalali import format_jalali
from peygir.core.text import to_persian_digits
from peygir.organizations.models import Organization

from . import access as committee_access
from .followup import resolution_ref
from .models import Resolution


class ResolutionSource(ActionSource):
    label = gettext_lazy("مصوبه جلسه")
    list_related = ("resolution__meeting__committee",)
    filter_name = "committee"
    filter_label = gettext_lazy("کمیته")
    deadline_words_label = gettext_lazy("به عبارت صورتجلسه:")

    def filter_choices(self, user: Any) -> list[tuple[int, str]]:
        """The active committees the user may see."""
        visible = committee_access.committees_visible_to(user).filter(is_active=True)
        return list(visible.order_by("name", "pk").values_list("pk", "name"))

    def filter_q(self, value: int) -> Q:
        return Q(resolution__meeting__committee_id=value)

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
        meeting = resolution.meeting
        return _("مصوبه %(ref)s — %(committee)s، جلسه %(n)s (%(date)s)") % {
            "ref": resolution_ref(resolution),
            "committee": meeting.committee.name,
            "n": to_persian_digits(meeting.number),
            "date": format_jalali(meeting.starts_at),
        }
