"""A project as the coordination check sees it (issue 13 §2: parallel work caught when it is entered).

A project is entered when the office approves its proposal, and entered again, in effect, when an
amendment changes what the check compares. This module says what the check reads of a project (its
draft), which records are the same work under another key (the proposal it was approved from), and
what the office already answered about the pairs found: the double-funding guard's decisions.

Why the guard's decisions are written into the coordination graph rather than only skipped: before
approving, the office must decide about every match of the guard (`allocation.check_guard`), so a
record the guard matched has been answered in the same act of approval; asking about it again on the
entry page would ask the officer twice about one pair. Recording the answer as an entry `Decision`
(rather than leaving it out of this one page) makes the graph the single memory of what was decided:
the background pass, the office's review queue, the coordination view's counts and `group_of` all
read decisions, and would otherwise offer the pair again or show it as undecided. The guard's
"co-funded" is the graph's co-funded (a linking edge); its "different work" is "differentiated", with
the guard's reason as the note. "Refuse" is never an answer here: at approval it rejects the proposal
(no project), and at an instalment it withholds one payment, which says nothing about which work leads.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from peygir.coordination.checks import Candidate, Draft
from peygir.coordination.models import Decision
from peygir.search import registry

from .models import Amendment, GuardDecision, Project

Key = tuple[str, int]

# Amended fields that change what the check compares: the place, the period, the text, the money. A
# milestone's date ("milestone:<n>") does not: the project's own period is what is compared.
COMPARED_FIELDS = frozenset(
    {"title", "summary", "county", "neighbourhoods", "starts_on", "ends_on", "amount_rials"}
)

GUARD_OUTCOMES = {
    GuardDecision.Decision.CO_FUNDED: Decision.Outcome.CO_FUNDED,
    GuardDecision.Decision.DIFFERENT: Decision.Outcome.DIFFERENTIATED,
}


def project_draft(project: Project) -> Draft:
    """The project as the check compares it: the NGO's work in its county (its neighbourhood when it
    targets exactly one), its period, its approved amount, its proposal's summary and theme."""
    proposal = project.proposal
    hoods = list(proposal.neighbourhoods.values_list("pk", flat=True)[:2])
    return Draft(
        title=project.title,
        body=proposal.summary,
        organization_ids=frozenset([project.ngo_id]),
        county_id=project.county_id,
        neighbourhood_id=hoods[0] if len(hoods) == 1 else None,
        territory_path=project.county_path,
        category=proposal.theme,
        amount_rials=project.amount_rials,
        starts_on=project.starts_on,
        ends_on=project.ends_on,
        kind="project",
        object_ids=(project.pk,),
    )


def same_as(project: Project) -> list[Key]:
    """The proposal the project was approved from is the same work: what was decided about it (by
    the NGO when it entered the proposal, or by the office in review) stands for the project."""
    return [("proposal", project.proposal_id)]


def needs_check(amendments: Iterable[Amendment]) -> bool:
    return any(row.field in COMPARED_FIELDS for row in amendments)


def _guard_keys(candidates: list[Candidate]) -> dict[Key, set[str]]:
    """Each candidate's names in the guard's matches (`guard.Match.key`): a proposal by its id, a
    project by its proposal's id, any other record by the actions its work is followed through."""
    project_ids = [c.object_id for c in candidates if c.kind == "project"]
    proposal_of = dict(Project.objects.filter(pk__in=project_ids).values_list("pk", "proposal_id"))
    sources = registry.sources()
    names: dict[Key, set[str]] = {}
    for c in candidates:
        if c.kind == "proposal":
            names[c.key] = {f"proposal:{c.object_id}"}
        elif c.kind == "project":
            names[c.key] = {f"project:{proposal_of[c.object_id]}"} if c.object_id in proposal_of else set()
        elif c.kind in sources:
            names[c.key] = {f"action:{pk}" for pk in sources[c.kind].action_ids(c.object_id)}
    return names


def guard_answers(project: Project, candidates: list[Candidate]) -> dict[Key, tuple[str, str]]:
    """What the office decided about these candidates through the double-funding guard (the latest
    decision naming each), as coordination outcomes with the guard's reason as the note."""
    names = _guard_keys(candidates)
    if not any(names.values()):
        return {}
    decisions = GuardDecision.objects.filter(
        proposal_id=project.proposal_id, decision__in=list(GUARD_OUTCOMES)
    ).order_by("-created_at", "-pk")
    latest: dict[str, GuardDecision] = {}
    for decision in decisions:
        for match in decision.matches or []:
            latest.setdefault(str(match.get("key", "")), decision)
    answers: dict[Key, tuple[str, str]] = {}
    for key, guard_keys in names.items():
        found = [latest[k] for k in guard_keys if k in latest]
        if not found:
            continue
        decision = max(found, key=lambda d: (d.created_at, d.pk))
        note = _("در بررسی تأمین تکراری: %(d)s — %(r)s") % {
            "d": decision.get_decision_display(),
            "r": decision.reason,
        }
        answers[key] = (GUARD_OUTCOMES[decision.decision], note)
    return answers
