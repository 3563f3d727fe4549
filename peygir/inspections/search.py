"""Inspection findings as a search source (peygir.search.registry): seen as the facility's page shows
them. A finding exists only once its visit is done, so searching it never reveals a coming visit."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy

from peygir.search.indexing import place
from peygir.search.registry import EntryData, SearchSource, record_url

from .access import facilities_visible_to
from .models import Facility, Finding


class FindingSearch(SearchSource):
    kind = "finding"
    model = Finding
    label = gettext_lazy("یافته بازدید")

    def visible(self, user: Any) -> QuerySet:
        return Finding.objects.filter(facility__in=facilities_visible_to(user).values("pk"))

    def rows(self) -> QuerySet:
        return Finding.objects.select_related("facility__territory")

    def entry(self, obj: Finding) -> EntryData | None:
        facility = obj.facility
        return EntryData(
            title=obj.title,
            body=facility.name,
            occurred_on=timezone.localdate(obj.created_at),
            url=record_url("web:facility_detail", facility.pk) + f"#finding-{obj.pk}",
            organization_id=facility.responsible_agency_id,
            category=facility.kind,
            audience=(facility.responsible_agency_id,),  # facilities_visible_to
            **place(facility.territory),
        )

    def related_models(self) -> Iterable[type[Model]]:
        return (Facility,)

    def owners(self, obj: Facility) -> Iterable[Any]:
        return Finding.objects.filter(facility_id=obj.pk).values_list("pk", flat=True)
