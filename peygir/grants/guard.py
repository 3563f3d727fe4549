"""The double-funding guard: before an approval and before each instalment, the proposal's NGO and
text are matched against every proposal, project and action the system knows in the same county and
period, whoever runs them. Each match says why (same NGO, similar text, same neighbourhood,
overlapping dates, close amounts); the office's decision about them is a `GuardDecision`.

Similarity is the similarity engine's text similarity (peygir.similarity.engine.text_similarity:
character 3-grams of the folded Persian stems, forgiving Arabic letters, ZWNJ, colloquial spellings and
word order), on a 0–100 scale here. The county and the period are already the query's conditions, so
TEXT_MATCH is the engine's PARALLEL_THRESHOLD, measured on its labelled set (docs/coordination.md).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from peygir.actions.models import Action
from peygir.core.jalali import format_jalali
from peygir.core.money import format_toman
from peygir.core.text import normalize_text, to_persian_digits
from peygir.similarity import engine

from .models import GuardDecision, Proposal

TEXT_MATCH = round(engine.PARALLEL_THRESHOLD * 100)  # similar enough on its own (measured)
TEXT_NEAR = 30  # similar enough with another reason (same neighbourhood); a judgement, not measured
AMOUNT_CLOSE = 0.25  # amounts within a quarter of each other
ACTION_CANDIDATES = 2000  # the most recent actions of the county in the period
MAX_MATCHES = 20


@dataclass
class Match:
    kind: str  # "proposal", "project" or "action"
    pk: int
    title: str
    body: str  # who runs it
    similarity: int
    reasons: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.pk}"

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "key": self.key}


def similarity(a: str, b: str, *, a_record: engine.Record | None = None) -> int:
    """0–100: the engine's text similarity of two normalized texts; `a_record` is `a` prepared once."""
    if not a or not b:
        return 0
    return round(engine.text_similarity(a_record if a_record is not None else engine.Record(a), b) * 100)


def _close(a: int | None, b: int | None) -> bool:
    if not a or not b:
        return False
    return abs(a - b) <= AMOUNT_CLOSE * max(a, b)


def find_matches(proposal: Proposal) -> list[Match]:
    """Proposals, projects and actions in the proposal's county whose dates overlap its own, that
    share its NGO or say nearly the same thing; most similar first."""
    text = proposal.text_normalized or normalize_text(f"{proposal.title} {proposal.summary}")
    mine = engine.Record(text)
    hoods = set(proposal.neighbourhoods.values_list("pk", flat=True))
    period = _("هم‌زمان (%(a)s تا %(b)s)")
    matches: list[Match] = []

    others = (
        Proposal.objects.filter(
            county_id=proposal.county_id, starts_on__lte=proposal.ends_on, ends_on__gte=proposal.starts_on
        )
        .exclude(pk=proposal.pk)
        .exclude(status__in=[Proposal.Status.DRAFT, Proposal.Status.REJECTED])
        .select_related("ngo")
        .prefetch_related("neighbourhoods")
        .order_by("-pk")[:ACTION_CANDIDATES]
    )
    for other in others:
        score = similarity(text, other.text_normalized, a_record=mine)
        reasons = []
        same_ngo = other.ngo_id == proposal.ngo_id
        if same_ngo:
            reasons.append(_("همان سمن"))
        if score >= TEXT_NEAR:
            reasons.append(_("متن مشابه (%(n)s٪)") % {"n": to_persian_digits(score)})
        shared = hoods & {h.pk for h in other.neighbourhoods.all()}
        if shared:
            reasons.append(_("همان محله"))
        if not (same_ngo or score >= TEXT_MATCH or (shared and score >= TEXT_NEAR)):
            continue
        reasons.append(period % {"a": format_jalali(other.starts_on), "b": format_jalali(other.ends_on)})
        amount = other.approved_rials or other.requested_rials
        if _close(amount, proposal.requested_rials):
            reasons.append(_("مبلغ نزدیک (%(m)s)") % {"m": format_toman(amount)})
        kind = "project" if other.status == Proposal.Status.APPROVED else "proposal"
        matches.append(Match(kind, other.pk, other.title, other.ngo.name, score, reasons))

    # Actions of every body in the county (resolutions, demands, directives, program duties …),
    # alive during the proposal's period. Milestones of grants' own projects are compared above.
    actions = (
        Action.objects.filter(territory_path__startswith=proposal.county_path)
        .filter(Q(deadline__isnull=True) | Q(deadline__gte=proposal.starts_on))
        .filter(created_at__date__lte=proposal.ends_on)
        .exclude(status=Action.Status.CANCELLED)
        .exclude(source_kind="milestone")
        .order_by("-pk")
        .values(
            "pk", "title", "title_normalized", "territory_id", "deadline", "responsible_organization__name"
        )[:ACTION_CANDIDATES]
    )
    for row in actions:
        score = similarity(text, row["title_normalized"], a_record=mine)
        same_place = row["territory_id"] in hoods
        if not (score >= TEXT_MATCH or (same_place and score >= TEXT_NEAR)):
            continue
        reasons = [_("متن مشابه (%(n)s٪)") % {"n": to_persian_digits(score)}]
        if same_place:
            reasons.append(_("همان محله"))
        if row["deadline"]:
            reasons.append(_("مهلت در دوره طرح (%(d)s)") % {"d": format_jalali(row["deadline"])})
        matches.append(
            Match("action", row["pk"], row["title"], row["responsible_organization__name"], score, reasons)
        )
    matches.sort(key=lambda m: (-len(m.reasons), -m.similarity, m.key))
    return matches[:MAX_MATCHES]


def decided_keys(proposal: Proposal) -> set[str]:
    """Matches the office has already decided about (at approval or an earlier instalment), unless
    the decision was to refuse."""
    keys: set[str] = set()
    for decision in GuardDecision.objects.filter(proposal=proposal).exclude(
        decision=GuardDecision.Decision.REFUSE
    ):
        keys.update(m.get("key", "") for m in decision.matches)
    return keys


def undecided(proposal: Proposal, matches: list[Match]) -> list[Match]:
    known = decided_keys(proposal)
    return [m for m in matches if m.key not in known]
