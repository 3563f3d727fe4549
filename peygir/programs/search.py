"""Program duties as a search source (peygir.search.registry): seen as the program's page shows them.
A duty is the work of its responsible organization over its period."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Exists, Model, OuterRef, Prefetch, QuerySet
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
        # One duty per (program, responsible organization): a program has thousands of duties of a few
        # dozen organizations, and each chunk's programs would otherwise load all of them (150,000
        # rows a chunk at S = 1: 640 records a second).
        earlier = Duty.objects.filter(
            program_id=OuterRef("program_id"),
            responsible_id=OuterRef("responsible_id"),
            pk__lt=OuterRef("pk"),
        )
        firsts = Duty.objects.filter(~Exists(earlier)).only("pk", "program_id", "responsible_id")
        return Duty.objects.select_related("program__territory").prefetch_related(
            Prefetch("program__duties", queryset=firsts, to_attr="organizations_duties")
        )

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
            # programs_visible_to: the owner's people, and those of every duty's responsible
            # organization, see all the program's duties; a national program every reader.
            audience=(program.owner_id, *(duty.responsible_id for duty in program.organizations_duties)),
            nationwide=program.level == Program.Level.NATIONAL,
            **place(program.territory),
        )

    def related_models(self) -> Iterable[type[Model]]:
        # A duty's responsible organization is in every duty's audience: its siblings are refreshed.
        return (Program, Duty)

    def owners(self, obj: Program | Duty) -> Iterable[Any]:
        program_id = obj.program_id if isinstance(obj, Duty) else obj.pk
        return Duty.objects.filter(program_id=program_id).values_list("pk", flat=True)
