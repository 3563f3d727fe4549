"""Reads: decided pairs, the coordination graph's groups, the office's review lists."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from . import access
from .models import CandidatePair, Decision
from .pairs import Key, touching_q

MAX_GROUP = 200  # a group larger than this is cut (a runaway chain of links is a data problem)


def current_decisions() -> QuerySet[Decision]:
    return Decision.objects.filter(undone_at__isnull=True)


def decided_partners(keys: Iterable[Key]) -> set[Key]:
    """The records already decided with any of `keys` (current decisions): never asked again."""
    keys = list(keys)
    if not keys:
        return set()
    rows = current_decisions().filter(touching_q(keys)).values_list("a_kind", "a_id", "b_kind", "b_id")
    mine = set(keys)
    partners: set[Key] = set()
    for a_kind, a_id, b_kind, b_id in rows:
        a, b = (a_kind, a_id), (b_kind, b_id)
        partners.add(b if a in mine else a)
    return partners


def current_decision(first: Key, second: Key) -> Decision | None:
    from .pairs import pair_q

    return current_decisions().filter(pair_q(first, second)).first()


@dataclass
class Group:
    """A connected group of the coordination graph: records linked as the same or co-funded work."""

    keys: set[Key] = field(default_factory=set)
    edges: list[Decision] = field(default_factory=list)

    @property
    def lead(self) -> Key | None:
        """The record that leads (chosen in a same-work decision and never supporting in another)."""
        leads = [d.lead_key() for d in self.edges if d.outcome == Decision.Outcome.SAME_WORK]
        supporting = {
            (d.b_key if d.lead == "a" else d.a_key)
            for d in self.edges
            if d.outcome == Decision.Outcome.SAME_WORK
        }
        for key in leads:
            if key is not None and key not in supporting:
                return key
        return None

    @property
    def supporting_organization_ids(self) -> set[int]:
        """The bodies that support the lead (the non-lead sides of same-work decisions)."""
        found = {
            d.supporting_organization_id() for d in self.edges if d.outcome == Decision.Outcome.SAME_WORK
        }
        return {pk for pk in found if pk is not None}


def group_of(key: Key) -> Group:
    """The record's connected group over the current linking decisions (one query per step)."""
    group = Group(keys={key})
    frontier = {key}
    seen_edges: set[int] = set()
    while frontier and len(group.keys) < MAX_GROUP:
        rows = list(
            current_decisions()
            .filter(touching_q(frontier), outcome__in=Decision.LINKING)
            .exclude(pk__in=seen_edges)
            .select_related("a_organization", "b_organization")
        )
        frontier = set()
        for decision in rows:
            seen_edges.add(decision.pk)
            group.edges.append(decision)
            for side in (decision.a_key, decision.b_key):
                if side not in group.keys:
                    group.keys.add(side)
                    frontier.add(side)
    return group


# ---------------------------------------------------------------- the office's lists


def candidates_for_review(
    user: Any, *, status: str = CandidatePair.Status.OPEN, county_id: int | None = None
):
    """Candidate pairs of the office's provinces, strongest first."""
    qs = CandidatePair.objects.filter(
        access.path_q(user, paths=access.office_paths(user)), status=status
    ).select_related("a_organization", "b_organization", "county")
    if county_id:
        qs = qs.filter(county_id=county_id)
    return qs.order_by("-score", "-pk")


def decisions_visible_to(user: Any) -> QuerySet[Decision]:
    """Decisions in the territories the user reads, and those the user took."""
    scope_q = access.path_q(user) | Q(decided_by_id=getattr(user, "pk", None))
    if not getattr(user, "is_authenticated", False):
        return Decision.objects.none()
    return Decision.objects.filter(scope_q)


def candidates_visible_to(user: Any) -> QuerySet[CandidatePair]:
    if not getattr(user, "is_authenticated", False):
        return CandidatePair.objects.none()
    return CandidatePair.objects.filter(access.path_q(user))


def titles(user: Any, keys: Iterable[Key]) -> dict[Key, dict[str, Any]]:
    """Title and link of each record the user may see (others: kind and body only; one query)."""
    from peygir.search.models import SearchEntry

    keys = set(keys)
    if not keys:
        return {}
    seen = access.visible_keys(user, keys)
    q = Q(pk__in=[])
    for kind, object_id in seen:
        q |= Q(kind=kind, object_id=object_id)
    rows = (
        SearchEntry.objects.filter(q).values("kind", "object_id", "title", "url", "amount_rials")
        if seen
        else []
    )
    return {(r["kind"], r["object_id"]): r for r in rows}
