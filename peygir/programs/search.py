"""Program duties as a search source (peygir.search.registry): seen as the program's page shows them.
A duty is the work of its responsible organization over its period."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy

from peygir.search.indexing import place
from peygir.search.registry import EntryData, SearchSource, record_url

from .access import programs_visible_to
from .models import Duty, Program


class DutySearch(SearchSource):
    kind = "duty"
    model = Duty
    label = gettext_lazy("وظیفه برنامه")

    def visible(self, user: Any) -> QuerySet:
        return Duty.objects.filter(program__in=programs_visible_to(user).values("pk"))

    def rows(self) -> QuerySet:
        return Duty.objects.select_related("program__territory")

    def entry(self, obj: Duty) -> EntryData | None:
        program = obj.program
        return EntryData(
            title=obj.title,
            body="\n".join(filter(None, [obj.description, program.title])),
            occurred_on=obj.starts_on,
            url=record_url("web:program_detail", program.pk) + f"#duty-{obj.pk}",
            organization_id=obj.responsible_id,
            category=program.theme,
            starts_on=obj.starts_on,
            ends_on=obj.ends_on or obj.deadline,
            is_work=obj.is_active,
            **place(program.territory),
        )

    def related_models(self) -> Iterable[type[Model]]:
        return (Program,)

    def owners(self, obj: Program) -> Iterable[Any]:
        return Duty.objects.filter(program_id=obj.pk).values_list("pk", flat=True)
