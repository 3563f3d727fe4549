"""The spine's records as search sources: actions (directives apart) and organizations.

They live here, not in their packages, because the index sits above actions and organizations in the
layers; the other domains' sources live in their own `search.py`.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from peygir.actions.access import actions_visible_to
from peygir.actions.models import Action
from peygir.organizations.access import organizations_visible_to
from peygir.organizations.models import Organization

from .indexing import place
from .registry import EntryData, SearchSource, record_url

DIRECTIVE = "directive"


def local_date(value: Any) -> Any:
    return timezone.localdate(value) if value is not None else timezone.localdate()


class ActionSearch(SearchSource):
    """Every action but direct instructions (their own kind). Not `is_work`: an action of a
    resolution, a duty or a demand repeats its source, which carries the work for coordination."""

    kind = "action"
    model = Action
    label = _("اقدام")

    def wanted(self, action: Action) -> bool:
        return action.source_kind != DIRECTIVE

    def action_ids(self, object_id: int) -> list[int]:
        return [object_id]

    def visible(self, user: Any) -> QuerySet:
        return actions_visible_to(user)

    def rows(self) -> QuerySet:
        supporting = Prefetch("supporting_organizations", queryset=Organization.objects.only("pk"))
        return Action.objects.select_related("territory").prefetch_related(supporting)

    def entry(self, obj: Action) -> EntryData | None:
        if not self.wanted(obj):
            return None
        return EntryData(
            title=obj.title,
            body=obj.description,
            occurred_on=local_date(obj.created_at),
            url=record_url("web:action_detail", obj.pk),
            organization_id=obj.responsible_organization_id,
            starts_on=local_date(obj.created_at),
            ends_on=obj.deadline,
            is_work=self.is_work(obj),
            # actions_visible_to: the members of these see the action wherever it lies.
            audience=(
                obj.responsible_organization_id,
                obj.issuer_organization_id,
                *(o.pk for o in obj.supporting_organizations.all()),
            ),
            **place(obj.territory),
        )

    def is_work(self, obj: Action) -> bool:
        return False


class DirectiveSearch(ActionSearch):
    """A direct instruction (ابلاغ مستقیم) is an action with source kind "directive"
    (administration/directives.py): one per responsible organization, each the work of that body."""

    kind = DIRECTIVE
    label = _("ابلاغ مستقیم")

    def wanted(self, action: Action) -> bool:
        return action.source_kind == DIRECTIVE

    def rows(self) -> QuerySet:
        return super().rows().filter(source_kind=DIRECTIVE)

    def is_work(self, obj: Action) -> bool:
        return obj.status != Action.Status.CANCELLED


class OrganizationSearch(SearchSource):
    kind = "organization"
    model = Organization
    label = _("سازمان")
    everywhere = True  # organizations_visible_to: the directory is open to every signed-in user

    def visible(self, user: Any) -> QuerySet:
        return organizations_visible_to(user)

    def rows(self) -> QuerySet:
        return Organization.objects.select_related("territory")

    def entry(self, obj: Organization) -> EntryData | None:
        if not obj.is_active:
            return None
        return EntryData(
            title=obj.name,
            body=" ".join(filter(None, [obj.short_name, str(obj.get_kind_display())])),
            occurred_on=local_date(obj.created_at),
            url=record_url("web:organization_detail", obj.pk),
            organization_id=obj.pk,
            **place(obj.territory),
        )
