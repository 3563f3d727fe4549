"""Meetings and resolutions as search sources (peygir.search.registry): seen as the committee is."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Model, Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from peygir.core.text import to_persian_digits
from peygir.organizations.models import Organization
from peygir.search.indexing import place
from peygir.search.registry import EntryData, SearchSource, record_url

from .access import committees_visible_to
from .followup import resolution_ref
from .models import AgendaItem, Committee, CommitteeMember, Meeting, Resolution

TITLE_WORDS = 30


def _visible_committees(user: Any) -> QuerySet:
    return committees_visible_to(user).values("pk")


def _audience(committee: Committee) -> tuple[int, ...]:
    """committees_visible_to: the secretariat's and the members' people see the committee's meetings
    and resolutions wherever it sits (the members prefetched, `SEATS`)."""
    return (committee.secretariat_id, *(seat.organization_id for seat in committee.members.all()))


def _committee_of(obj: Any, through: str) -> dict[str, int]:
    """The records of a saved committee or seat's committee (`through`: the path to the committee)."""
    committee_id = obj.committee_id if isinstance(obj, CommitteeMember) else obj.pk
    return {f"{through}_id": committee_id}


SEATS = CommitteeMember.objects.only("pk", "committee_id", "organization_id")


def meeting_name(meeting: Meeting) -> str:
    return meeting.title or _("جلسه %(n)s %(committee)s") % {
        "n": to_persian_digits(meeting.number),
        "committee": meeting.committee.name,
    }


class MeetingSearch(SearchSource):
    kind = "meeting"
    model = Meeting
    label = gettext_lazy("جلسه")

    def visible(self, user: Any) -> QuerySet:
        return Meeting.objects.filter(committee__in=_visible_committees(user))

    def rows(self) -> QuerySet:
        return Meeting.objects.select_related("committee__territory").prefetch_related(
            Prefetch(
                "agenda_items", queryset=AgendaItem.objects.only("meeting_id", "title").order_by("order")
            ),
            Prefetch("committee__members", queryset=SEATS),
        )

    def entry(self, obj: Meeting) -> EntryData | None:
        committee = obj.committee
        agenda = "\n".join(item.title for item in obj.agenda_items.all())
        day = timezone.localdate(obj.starts_at)
        return EntryData(
            title=meeting_name(obj),
            body="\n".join(filter(None, [committee.name, obj.place, agenda])),
            occurred_on=day,
            url=record_url("web:meeting_detail", obj.pk),
            organization_id=committee.secretariat_id,
            starts_on=day,
            audience=_audience(committee),
            **place(committee.territory),
        )

    def related_models(self) -> Iterable[type[Model]]:
        return (AgendaItem, Committee, CommitteeMember)

    def owners(self, obj: Any) -> Iterable[Any]:
        if isinstance(obj, AgendaItem):
            return [obj.meeting_id]
        return Meeting.objects.filter(**_committee_of(obj, "committee")).values_list("pk", flat=True)


def _short(text: str) -> str:
    words = text.split()
    return " ".join(words[:TITLE_WORDS]) + ("…" if len(words) > TITLE_WORDS else "")


class ResolutionSearch(SearchSource):
    """A resolution row: the work of its responsible organizations (the first one is the entry's body
    doing the work; all are named in the text), from the meeting to its deadline."""

    kind = "resolution"
    model = Resolution
    label = gettext_lazy("مصوبه")

    def visible(self, user: Any) -> QuerySet:
        return Resolution.objects.filter(meeting__committee__in=_visible_committees(user))

    def rows(self) -> QuerySet:
        return Resolution.objects.select_related("meeting__committee__territory").prefetch_related(
            Prefetch(
                "responsible_organizations", queryset=Organization.objects.only("pk", "name").order_by("pk")
            ),
            Prefetch("meeting__committee__members", queryset=SEATS),
        )

    def entry(self, obj: Resolution) -> EntryData | None:
        meeting = obj.meeting
        committee = meeting.committee
        responsible = list(obj.responsible_organizations.all())
        day = timezone.localdate(meeting.starts_at)
        # The row's own words only: the committee's name in every row would make them all alike.
        title = _("مصوبه %(ref)s: %(text)s") % {"ref": resolution_ref(obj), "text": _short(obj.text)}
        body = "\n".join(
            filter(None, [obj.preamble, obj.text, obj.responsible_text, *(o.name for o in responsible)])
        )
        return EntryData(
            title=title,
            body=body,
            occurred_on=day,
            url=record_url("web:meeting_detail", meeting.pk) + f"#resolution-{obj.pk}",
            organization_id=responsible[0].pk if responsible else None,
            starts_on=day,
            ends_on=obj.deadline,
            is_work=True,
            audience=_audience(committee),
            **place(committee.territory),
        )

    def related_models(self) -> Iterable[type[Model]]:
        return (Meeting, Committee, CommitteeMember)

    def owners(self, obj: Any) -> Iterable[Any]:
        if isinstance(obj, Committee | CommitteeMember):
            committee = _committee_of(obj, "meeting__committee")
            return Resolution.objects.filter(**committee).values_list("pk", flat=True)
        return Resolution.objects.filter(meeting_id=obj.pk).values_list("pk", flat=True)
