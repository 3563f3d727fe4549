"""Reviews: a panel member declares a conflict of interest (and is recused) or scores the proposal
against the call's weighted criteria. Others' scores stay hidden until one's own is in (selectors)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from peygir.core.errors import NotAllowed, ValidationError
from peygir.core.text import check_text, to_persian_digits
from peygir.core.versioning import lock_row

from .. import access
from ..models import Criterion, Proposal, Review, ReviewScore


def _check(user: Any, proposal: Proposal) -> Proposal:
    if not access.can_review_proposal(user, proposal):
        raise NotAllowed
    proposal = lock_row(Proposal.objects, proposal.pk)
    if proposal.status != Proposal.Status.UNDER_REVIEW:
        raise ValidationError({"status": _("این طرح در مرحله داوری نیست.")})
    if Review.objects.filter(proposal=proposal, reviewer=user).exists():
        raise ValidationError({"status": _("نظر شما درباره این طرح پیش‌تر ثبت شده است.")})
    return proposal


def weighted_total(criteria: list[Criterion], scores: dict[int, int]) -> Decimal:
    """Out of 100: each criterion's score as a share of its maximum, weighted."""
    weights = sum(c.weight for c in criteria)
    if not weights:
        return Decimal(0)
    total = sum(Decimal(scores[c.pk]) / Decimal(c.max_score) * c.weight for c in criteria)
    return (total * 100 / weights).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@transaction.atomic
def review_declare_conflict(*, user: Any, proposal: Proposal, reason: str) -> Review:
    """The reviewer knows the NGO (a board member, a relative …): recused from this proposal."""
    proposal = _check(user, proposal)
    reason = check_text(reason, field="reason", required=True, limit=2000)
    return Review.objects.create(
        proposal=proposal, reviewer=user, status=Review.Status.RECUSED, conflict_reason=reason
    )


@transaction.atomic
def review_submit(*, user: Any, proposal: Proposal, scores: dict[int, Any], comment: str = "") -> Review:
    proposal = _check(user, proposal)
    criteria = list(proposal.call.criteria.all())
    if not criteria:
        raise ValidationError({"scores": _("این فراخوان معیار داوری ندارد.")})
    clean: dict[int, int] = {}
    for criterion in criteria:
        raw = scores.get(criterion.pk)
        try:
            value = int(str(raw))
        except (TypeError, ValueError):
            raise ValidationError(
                {"scores": _("امتیاز «%(c)s» را وارد کنید.") % {"c": criterion.title}}
            ) from None
        if not 0 <= value <= criterion.max_score:
            raise ValidationError(
                {
                    "scores": _("امتیاز «%(c)s» باید بین ۰ و %(m)s باشد.")
                    % {"c": criterion.title, "m": to_persian_digits(criterion.max_score)}
                }
            )
        clean[criterion.pk] = value
    review = Review.objects.create(
        proposal=proposal,
        reviewer=user,
        status=Review.Status.SUBMITTED,
        comment=check_text(comment, field="comment", limit=5000),
        total=weighted_total(criteria, clean),
    )
    ReviewScore.objects.bulk_create(
        [ReviewScore(review=review, criterion_id=pk, score=value) for pk, value in clean.items()]
    )
    return review
