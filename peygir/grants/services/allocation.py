"""Allocation: the ranking inside a county's envelope, and approvals that can never exceed it.

The ranking never silently skips a higher-ranked proposal (CONSUL's greedy allocation does): each
row says what the envelope can give it — all, part (with the amount), or nothing and why — and
approving a proposal below an undecided higher-ranked one needs a reason, recorded as an override.

Envelope arithmetic: the approval locks the envelope's row (SELECT … FOR UPDATE) and re-sums what is
approved in the county *after* the lock, inside the transaction, so two approvals at the same moment
queue on the row and the second sees the first's amount (tests/grants/test_concurrency.py, on
PostgreSQL).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Avg, Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from peygir.core.errors import ValidationError
from peygir.core.money import format_toman
from peygir.core.text import check_text, to_persian_digits
from peygir.core.versioning import save_versioned

from .. import guard, notify
from ..models import Call, Envelope, GuardDecision, Instalment, Proposal, ProposalEvent
from .proposals import _lock_for_decision, event
from .sums import committed_in

S = Proposal.Status


@dataclass
class RankRow:
    proposal: Proposal
    score: Decimal | None
    reviews: int
    suggestion: str  # "full", "partial", "none", "decided"
    suggested_rials: int
    why: str


def ranked(call: Call, county_id: int) -> list[Proposal]:
    """Proposals of a county in the order of their mean review score (unscored last, then oldest)."""
    rows = (
        Proposal.objects.filter(call=call, county_id=county_id)
        .exclude(status__in=[S.DRAFT, S.RETURNED])
        .select_related("ngo")
        .annotate(
            score=Avg("reviews__total", filter=Q(reviews__status="submitted")),
            reviews_count=Count("reviews", filter=Q(reviews__status="submitted")),
        )
    )
    return sorted(
        rows, key=lambda p: (p.score is None, -(p.score or 0), p.submitted_at or p.created_at, p.pk)
    )


def ranking(call: Call, county_id: int) -> tuple[Envelope | None, int, list[RankRow]]:
    """The envelope, what it has left, and a suggestion for every proposal, in rank order."""
    envelope = Envelope.objects.filter(call=call, county_id=county_id).first()
    left = (envelope.amount_rials if envelope else 0) - committed_in(call.pk, county_id)
    rows = []
    for proposal in ranked(call, county_id):
        score, count = proposal.score, proposal.reviews_count
        if proposal.status not in Proposal.PENDING:
            rows.append(RankRow(proposal, score, count, "decided", 0, S(proposal.status).label))
        elif proposal.requested_rials <= left:
            rows.append(
                RankRow(proposal, score, count, "full", proposal.requested_rials, _("در سهم می‌گنجد."))
            )
            left -= proposal.requested_rials
        elif left > 0:
            why = _("کل مبلغ (%(req)s) در مانده سهم (%(left)s) نمی‌گنجد؛ تأمین بخشی پیشنهاد می‌شود.") % {
                "req": format_toman(proposal.requested_rials),
                "left": format_toman(left),
            }
            rows.append(RankRow(proposal, score, count, "partial", left, why))
            left = 0
        else:
            why = _(
                "سهم شهرستان با طرح‌های بالاتر تمام می‌شود؛ اگر آن‌ها کمتر بگیرند یا رد شوند، این طرح پیشنهاد می‌شود."
            )
            rows.append(RankRow(proposal, score, count, "none", 0, why))
    return envelope, left, rows


def higher_undecided(proposal: Proposal) -> list[Proposal]:
    order = ranked(proposal.call, proposal.county_id)
    above = []
    for other in order:
        if other.pk == proposal.pk:
            break
        if other.status in Proposal.PENDING:
            above.append(other)
    return above


@transaction.atomic
def proposal_approve(
    *,
    user: Any,
    proposal: Proposal,
    amount_rials: int | None = None,
    override_reason: str = "",
    expected_version: int | None = None,
) -> Proposal:
    """Approve inside the county's envelope; the project, its milestones (actions of the NGO) and
    instalments follow in the same transaction."""
    proposal = _lock_for_decision(user, proposal, expected_version)
    if proposal.status not in Proposal.PENDING:
        raise ValidationError({"status": _("تنها طرح ارسال‌شده یا در حال داوری را می‌توان تصویب کرد.")})
    amount = proposal.requested_rials if amount_rials is None else int(amount_rials)
    if not 0 < amount <= proposal.requested_rials:
        raise ValidationError({"amount": _("مبلغ مصوب باید بیشتر از صفر و حداکثر برابر مبلغ درخواستی باشد.")})
    override_reason = check_text(override_reason, field="override_reason", limit=2000)

    check_guard(proposal, stage=GuardDecision.Stage.APPROVAL)

    above = higher_undecided(proposal)
    if above and not override_reason:
        raise ValidationError(
            {
                "override_reason": _(
                    "طرح‌های بالاتر در رتبه‌بندی هنوز تعیین تکلیف نشده‌اند (%(t)s)؛ دلیل عدول از رتبه‌بندی را بنویسید."
                )
                % {"t": "، ".join(p.title for p in above[:3])}
            }
        )

    # Only the envelope's own row (no join: the call and the county stay free for other counties).
    envelope = (
        Envelope.objects.select_for_update(of=("self",))
        .filter(call_id=proposal.call_id, county_id=proposal.county_id)
        .order_by("pk")
        .first()
    )
    if envelope is None:
        raise ValidationError({"amount": _("برای این شهرستان سهمی از اعتبار فراخوان تعیین نشده است.")})
    # Re-summed after the lock: a concurrent approval in this county has committed or waits for us.
    committed = committed_in(proposal.call_id, proposal.county_id)
    if committed + amount > envelope.amount_rials:
        raise ValidationError(
            {
                "amount": _("سهم شهرستان کافی نیست: از %(env)s، %(used)s تصویب شده و %(left)s مانده است.")
                % {
                    "env": format_toman(envelope.amount_rials),
                    "used": format_toman(committed),
                    "left": format_toman(envelope.amount_rials - committed),
                }
            }
        )

    proposal.status = S.APPROVED
    proposal.approved_rials = amount
    proposal.decided_at = timezone.now()
    save_versioned(proposal, "status", "approved_rials", "decided_at")
    if above:
        event(proposal, ProposalEvent.Kind.OVERRIDE, user, override_reason)
    if amount < proposal.requested_rials:
        event(
            proposal,
            ProposalEvent.Kind.PARTIAL,
            user,
            override_reason
            or _("تأمین %(a)s از %(r)s")
            % {"a": format_toman(amount), "r": format_toman(proposal.requested_rials)},
        )
    event(proposal, ProposalEvent.Kind.APPROVED, user)
    proposal.refresh_from_db()
    from .projects import do_project_create  # projects import this module's guard check

    do_project_create(user=user, proposal=proposal)
    notify.proposal_decided(proposal)
    return proposal


def check_guard(proposal: Proposal, *, stage: str, instalment: Any = None) -> list[guard.Match]:
    """Refuse while matches wait for a decision, or when the office decided to refuse."""
    refused = GuardDecision.objects.filter(proposal=proposal, decision=GuardDecision.Decision.REFUSE)
    if stage == GuardDecision.Stage.INSTALMENT:
        refused = refused.filter(Q(instalment=instalment) | Q(stage=GuardDecision.Stage.APPROVAL))
    if refused.exists():
        raise ValidationError({"guard": _("به دلیل تأمین تکراری همین کار، تصمیم به رد گرفته شده است.")})
    pending = guard.undecided(proposal, guard.find_matches(proposal))
    if pending:
        raise ValidationError(
            {
                "guard": _(
                    "%(n)s مورد مشابه (طرح، پروژه یا اقدام دیگری در همین شهرستان و دوره) یافت شد؛ ابتدا درباره آن‌ها تصمیم بگیرید."
                )
                % {"n": to_persian_digits(len(pending))}
            }
        )
    return pending


@transaction.atomic
def guard_decide(
    *, user: Any, proposal: Proposal, decision: str, reason: str, instalment: Any = None
) -> GuardDecision:
    """Record the decision about the current matches (with a snapshot of them); "refuse" at approval
    rejects the proposal, at an instalment withholds it."""
    proposal = _lock_for_decision(user, proposal, None)
    if decision not in GuardDecision.Decision.values:
        raise ValidationError({"decision": _("تصمیم را انتخاب کنید.")})
    reason = check_text(reason, field="reason", required=True, limit=2000)
    stage = GuardDecision.Stage.INSTALMENT if instalment is not None else GuardDecision.Stage.APPROVAL
    if stage == GuardDecision.Stage.APPROVAL and proposal.status not in Proposal.PENDING:
        raise ValidationError({"decision": _("این طرح دیگر در انتظار تصمیم نیست.")})
    matches = guard.find_matches(proposal)
    if not matches:
        raise ValidationError({"decision": _("مورد مشابهی برای تصمیم‌گیری نیست.")})
    row = GuardDecision.objects.create(
        proposal=proposal,
        instalment=instalment,
        stage=stage,
        decision=decision,
        reason=reason,
        matches=[m.as_dict() for m in matches],
        actor=user,
    )
    if decision == GuardDecision.Decision.REFUSE and stage == GuardDecision.Stage.APPROVAL:
        proposal.status, proposal.decision_reason = S.REJECTED, reason
        proposal.decided_at = timezone.now()
        save_versioned(proposal, "status", "decision_reason", "decided_at")
        event(proposal, ProposalEvent.Kind.REJECTED, user, reason)
    if decision == GuardDecision.Decision.REFUSE and instalment is not None:
        Instalment.objects.filter(pk=instalment.pk).exclude(status=Instalment.Status.RELEASED).update(
            status=Instalment.Status.WITHHELD, reason=reason
        )
    return row
