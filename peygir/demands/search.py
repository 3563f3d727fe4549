"""Citizens' demands as a search source (peygir.search.registry), seen as the demand list sees them.

The entry carries the demand's subject only: never the citizen's name or mobile (those stay behind
`demands.selectors`' masking), so the index holds no personal data to leak or to retain.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy

from peygir.search.indexing import place
from peygir.search.registry import EntryData, SearchSource, record_url

from .access import demands_visible_to
from .models import Demand

Status = Demand.Status
# Not (or no longer) work of its own: merged into another demand, or refused as off-topic.
NOT_WORK = (Status.MERGED, Status.REJECTED)


class DemandSearch(SearchSource):
    kind = "demand"
    model = Demand
    label = gettext_lazy("مطالبه")

    def visible(self, user: Any) -> QuerySet:
        # As `selectors.visible_demands`: unconfirmed demands count nowhere.
        return demands_visible_to(user).exclude(status=Status.UNCONFIRMED)

    def rows(self) -> QuerySet:
        # Only what the entry reads: the personal columns are never loaded.
        return Demand.objects.select_related("neighbourhood", "category", "office").only(
            "pk",
            "title",
            "description",
            "public_note",
            "status",
            "agency_id",
            "office__organization_id",
            "expected_on",
            "created_at",
            "category__code",
            "neighbourhood__path",
            "neighbourhood__kind",
        )

    def entry(self, obj: Demand) -> EntryData | None:
        if obj.status == Status.UNCONFIRMED:
            return None
        day = timezone.localdate(obj.created_at)
        return EntryData(
            title=obj.title,
            body="\n".join(filter(None, [obj.description, obj.public_note])),
            occurred_on=day,
            url=record_url("web:demand_detail", obj.pk),
            organization_id=obj.agency_id,
            category=obj.category.code,
            starts_on=day,
            ends_on=obj.expected_on,
            is_work=obj.status not in NOT_WORK,
            # demands_visible_to: the agency it is routed to and the office that registered it.
            audience=(obj.agency_id, obj.office.organization_id if obj.office_id else None),
            **place(obj.neighbourhood),
        )
