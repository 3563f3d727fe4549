"""Grant proposals and projects as search sources (peygir.search.registry): seen as the grants pages
see them (a draft only by its NGO).

The NGO is the body doing the work. A proposal is work of its own while it waits for a decision; once
approved its project carries the work, so coordination does not count the same thing twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Model, Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy

from peygir.actions.models import Action
from peygir.search.indexing import place
from peygir.search.registry import EntryData, SearchSource, record_url
from peygir.territory.models import Territory

from .access import projects_visible_to, proposals_visible_to
from .models.projects import Project
from .models.proposals import Proposal
from .models.reviews import Reviewer

PENDING_WORK = (Proposal.Status.SUBMITTED, Proposal.Status.UNDER_REVIEW, Proposal.Status.RETURNED)
HOODS = Prefetch("neighbourhoods", queryset=Territory.objects.only("pk", "path", "kind").order_by("pk"))


def _where(county: Territory, hoods: list[Territory]) -> dict[str, Any]:
    """The county, and the neighbourhood when the work targets exactly one."""
    where = place(county)
    if len(hoods) == 1:
        where["neighbourhood_id"] = hoods[0].pk
    return where


class ProposalSearch(SearchSource):
    kind = "proposal"
    model = Proposal
    label = gettext_lazy("طرح پیشنهادی")

    def visible(self, user: Any) -> QuerySet:
        return proposals_visible_to(user)

    def reaches_beyond(self, user: Any) -> bool:
        """A call's reviewer reads its proposals wherever they lie: a person, not an organization the
        entry could name."""
        return Reviewer.objects.filter(user_id=getattr(user, "pk", None)).exists()

    def rows(self) -> QuerySet:
        return Proposal.objects.select_related("county").prefetch_related(HOODS)

    def entry(self, obj: Proposal) -> EntryData | None:
        return EntryData(
            title=obj.title,
            body=obj.summary,
            occurred_on=timezone.localdate(obj.submitted_at or obj.created_at),
            url=record_url("web:grant_proposal_detail", obj.pk),
            organization_id=obj.ngo_id,
            category=obj.theme,
            amount_rials=obj.approved_rials or obj.requested_rials or None,
            starts_on=obj.starts_on,
            ends_on=obj.ends_on,
            is_work=obj.status in PENDING_WORK,
            audience=(obj.ngo_id,),
            **_where(obj.county, list(obj.neighbourhoods.all())),
        )


class ProjectSearch(SearchSource):
    kind = "project"
    model = Project
    label = gettext_lazy("طرح در حال اجرا")

    def action_ids(self, object_id: int) -> list[int]:
        """A project is followed through its milestones' actions."""
        return list(Action.objects.filter(milestone__project_id=object_id).values_list("pk", flat=True))

    def visible(self, user: Any) -> QuerySet:
        return projects_visible_to(user)

    def rows(self) -> QuerySet:
        return Project.objects.select_related("county", "proposal").prefetch_related(
            Prefetch("proposal__neighbourhoods", queryset=HOODS.queryset)
        )

    def entry(self, obj: Project) -> EntryData | None:
        proposal = obj.proposal
        return EntryData(
            title=obj.title,
            body="\n".join(filter(None, [proposal.summary, obj.final_report])),
            occurred_on=obj.starts_on,
            url=record_url("web:grant_project_detail", obj.pk),
            organization_id=obj.ngo_id,
            category=proposal.theme,
            amount_rials=obj.amount_rials,
            starts_on=obj.starts_on,
            ends_on=obj.ends_on,
            is_work=obj.status != Project.Status.TERMINATED,
            audience=(obj.ngo_id,),
            **_where(obj.county, list(proposal.neighbourhoods.all())),
        )

    def related_models(self) -> Iterable[type[Model]]:
        return (Proposal,)

    def owners(self, obj: Proposal) -> Iterable[Any]:
        return Project.objects.filter(proposal_id=obj.pk).values_list("pk", flat=True)
