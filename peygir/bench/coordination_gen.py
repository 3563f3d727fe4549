"""The coordination a national deployment would have: the background pass over the generated work and
the office's decisions on a share of the pairs it found.

Runs after the search index is built (the pass reads it). The pass is `coordination.scan.scan`
itself, which the generator times as its own step: at S = 1 that is the nightly whole pass's cost.
The decisions go through `coordination.services` (decide, undo) as the office's review page takes
them, so they write what production writes: the pair closed, for "same work" the other body added to
the lead's open actions with a history row and a notice, an undo's history. Decisions are a few
thousand even at S = 1 (a share of the pairs found), so the services' cost is seconds, not hours.
"""

from __future__ import annotations

from django.db import transaction
from django.test.utils import override_settings

from peygir.accounts.models import User
from peygir.coordination import services
from peygir.coordination.models import CandidatePair, Decision
from peygir.territory.selectors import province_path

from . import vocab
from .context import Context

DECIDED_SHARE = 0.4  # pairs the office has decided by the day the data is generated
# A realistic mix: most pairs the office looks at are different work or one body's duty, a quarter
# the same work under one lead, some co-funded.
OUTCOMES = (
    (Decision.Outcome.SAME_WORK, 0.25),
    (Decision.Outcome.CO_FUNDED, 0.10),
    (Decision.Outcome.DIFFERENTIATED, 0.20),
    (Decision.Outcome.JUSTIFIED, 0.15),
    (Decision.Outcome.NOT_PARALLEL, 0.30),
)
ENTRY_SHARE = 0.2  # decided by the person entering the record rather than in the office's review
UNDONE_SHARE = 0.08  # decisions taken back since (the pair open again)


def decide_share(ctx: Context) -> dict[str, int]:
    """The office's decisions on a share of the open pairs (the pass has run): how many, how many undone."""
    # Notices of "same work" wait in the outbox for the delivery workers, as in production.
    with override_settings(PEYGIR_DELIVER_ON_COMMIT=False), transaction.atomic():
        decided, undone = _decisions(ctx)
    return {"decisions": decided, "undone": undone}


def _staff_by_province(ctx: Context) -> dict[str, list[User]]:
    ids = [uid for p in ctx.provinces for uid in p.staff_user_ids]
    users = User.objects.in_bulk(ids)
    return {
        p.territory.path: [users[uid] for uid in p.staff_user_ids if uid in users]
        for p in ctx.provinces
        if p.staff_user_ids
    }


def _decisions(ctx: Context) -> tuple[int, int]:
    rng = ctx.rng
    staff = _staff_by_province(ctx)
    outcomes, weights = zip(*OUTCOMES, strict=True)
    decided = undone = 0
    pairs = CandidatePair.objects.filter(status=CandidatePair.Status.OPEN).order_by("pk")
    for pair in list(pairs.only("pk", "a_kind", "a_id", "b_kind", "b_id", "territory_path", "score")):
        if rng.random() >= DECIDED_SHARE:
            continue
        people = staff.get(province_path(pair.territory_path))
        if not people:
            continue
        user = rng.choice(people)
        outcome = rng.choices(outcomes, weights)[0]
        entry = rng.random() < ENTRY_SHARE
        decision = services.decide(
            user=user,
            first=pair.a_key,
            second=pair.b_key,
            outcome=outcome,
            lead=rng.choice((pair.a_key, pair.b_key)) if outcome == Decision.Outcome.SAME_WORK else None,
            note=rng.choice(vocab.COORDINATION_NOTES.get(outcome, ("",))),
            origin=Decision.Origin.ENTRY if entry else Decision.Origin.REVIEW,
            score=pair.score,
            entry_authorized=entry,
        )
        decided += 1
        if rng.random() < UNDONE_SHARE:
            services.undo(user=user, decision=decision, reason=rng.choice(vocab.COORDINATION_UNDO_REASONS))
            undone += 1
    return decided, undone
