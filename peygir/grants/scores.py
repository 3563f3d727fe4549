"""A score per project and per county, from verified results only, with how each was computed.

Per project (out of 100):
- 60 × the share of its milestones verified by the supervisor (a claim of "done" counts nothing);
- 20 × the share of its milestones verified that were reported done by their due date;
- 20 × the counted beneficiaries over the planned ones (at most 1), once the supervisor closed the
  project on its final report.
Per county: the mean of its projects' scores in the call; counties without a project are listed last
with no score. Next Farvardin's support (S4.2) reads this ranking.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Prefetch

from peygir.actions.models import Action

from .models import Call, Milestone, Project

W_VERIFIED, W_ON_TIME, W_BENEFICIARIES = 60, 20, 20


@dataclass
class ProjectScore:
    project: Project
    milestones: int
    verified: int
    on_time: int
    beneficiaries_share: Decimal
    total: Decimal
    lines: list[tuple[str, Decimal]] = field(default_factory=list)


def _q(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def project_score(project: Project, milestones: list[Milestone] | None = None) -> ProjectScore:
    """`milestones` with their `actions` prefetched (selectors do it); read here otherwise."""
    if milestones is None:
        milestones = list(project.milestones.prefetch_related("actions"))
    actions = [a for m in milestones for a in m.actions.all()]
    count = len(actions) or 1
    verified = [a for a in actions if a.status == Action.Status.VERIFIED]
    on_time = [
        a for a in verified if a.reported_done_at and a.deadline and a.reported_done_at.date() <= a.deadline
    ]
    share = Decimal(0)
    if project.status == Project.Status.COMPLETED and project.beneficiaries_counted is not None:
        planned = project.proposal.beneficiaries_planned or 0
        share = (
            Decimal(1) if not planned else min(Decimal(1), Decimal(project.beneficiaries_counted) / planned)
        )
    parts = [
        ("verified", Decimal(W_VERIFIED) * len(verified) / count),
        ("on_time", Decimal(W_ON_TIME) * len(on_time) / count),
        ("beneficiaries", Decimal(W_BENEFICIARIES) * share),
    ]
    total = _q(sum((v for _k, v in parts), Decimal(0)))
    return ProjectScore(
        project, len(actions), len(verified), len(on_time), share, total, [(k, _q(v)) for k, v in parts]
    )


@dataclass
class CountyScore:
    county_id: int
    county_name: str
    projects: list[ProjectScore]

    @property
    def score(self) -> Decimal | None:
        if not self.projects:
            return None
        return _q(sum((p.total for p in self.projects), Decimal(0)) / len(self.projects))


def county_ranking(call: Call) -> list[CountyScore]:
    """Every county with an envelope in the call, best verified results first (constant queries)."""
    projects = (
        Project.objects.filter(call=call)
        .select_related("proposal", "county")
        .prefetch_related(Prefetch("milestones", queryset=Milestone.objects.prefetch_related("actions")))
    )
    by_county: dict[int, list[ProjectScore]] = defaultdict(list)
    for project in projects:
        by_county[project.county_id].append(project_score(project, list(project.milestones.all())))
    counties = [
        CountyScore(e.county_id, e.county.name_fa, by_county.get(e.county_id, []))
        for e in call.envelopes.select_related("county")
    ]
    return sorted(counties, key=lambda c: (c.score is None, -(c.score or 0), c.county_name))
