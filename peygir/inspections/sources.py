"""Inspections as sources of actions.

- "finding": a failed check; the facility's responsible agency must remedy it by the item's deadline,
  with evidence; closing may require a passing re-inspection.
- "visit": a missed visit; an overdue action of the inspecting organization, created by the scan the
  day after the visit's date (so it reveals nothing that was still to come).
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from peygir.actions.models import Action
from peygir.actions.sources import ActionSource
from peygir.core.errors import ValidationError
from peygir.organizations.models import Organization
from peygir.territory.models import Territory

from . import access, findings
from .models import Finding, Visit


def _inside(territory: Territory, issuer: Organization) -> Territory:
    return territory if territory.path.startswith(issuer.territory.path) else issuer.territory


class FindingSource(ActionSource):
    label = gettext_lazy("یافته بازدید")
    list_related = ("finding__facility",)

    def can_issue(self, user: Any, source: Finding | None, issuer: Organization) -> bool:
        """The visit's inspector, or whoever manages its plan."""
        if source is None:
            return False
        visit = source.visit
        return getattr(user, "pk", None) == visit.inspector_id or access.can_manage_plan(
            user, visit.draw.plan
        )

    def territory(
        self, source: Finding | None, *, issuer: Organization, responsible: Organization
    ) -> Territory:
        if source is None:
            return issuer.territory
        return _inside(source.facility.territory, issuer)

    def url(self, action: Action) -> str:
        return (
            reverse("web:facility_detail", args=[action.finding.facility_id])
            + f"#finding-{action.finding_id}"
        )

    def describe(self, action: Action) -> str:
        return _("یافته بازدید از %(f)s") % {"f": action.finding.facility.name}

    def on_event(self, action: Action, event: str, actor: Any, text: str = "") -> None:
        finding = action.finding
        if event == "reported_done":
            if finding.evidence_required and not findings.has_evidence(action):
                raise ValidationError({"files": _("برای رفع این یافته، مدرک (عکس یا پرونده) پیوست کنید.")})
            if finding.requires_reinspection:
                findings.schedule_reinspection(finding)
        elif event == "verified":
            if finding.requires_reinspection and finding.resolved_by_id is None:
                raise ValidationError(
                    {"status": _("این یافته تنها پس از بازدید مجدد و تأیید رفع نقص بسته می‌شود.")}
                )
            Finding.objects.filter(pk=finding.pk).update(is_open=False)
        elif event == "cancelled":
            Finding.objects.filter(pk=finding.pk).update(is_open=False)
        elif event == "rejected":
            Finding.objects.filter(pk=finding.pk).update(is_open=True)


class VisitSource(ActionSource):
    label = gettext_lazy("بازدید انجام‌نشده")
    list_related = ("visit__facility",)

    def can_issue(self, user: Any, source: Visit | None, issuer: Organization) -> bool:
        return source is not None and access.can_manage_plan(user, source.draw.plan)

    def territory(
        self, source: Visit | None, *, issuer: Organization, responsible: Organization
    ) -> Territory:
        if source is None:
            return issuer.territory
        return _inside(source.facility.territory, issuer)

    def url(self, action: Action) -> str:
        return reverse("web:plan_detail", args=[action.visit.draw.plan_id]) + f"#visit-{action.visit_id}"

    def describe(self, action: Action) -> str:
        return _("بازدید انجام‌نشده از %(f)s") % {"f": action.visit.facility.name}
