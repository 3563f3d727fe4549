"""Proposals: the NGO writes a draft, submits it before the deadline; the office starts the review,
returns it for changes or rejects it, always with a reason. Approval is in `allocation`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from peygir.core.errors import NotAllowed, ValidationError
from peygir.core.files import validate_upload
from peygir.core.jalali import format_jalali
from peygir.core.jalali import today as local_today
from peygir.core.money import format_toman
from peygir.core.text import check_text, normalize_text, to_persian_digits
from peygir.core.versioning import check_version, lock_row, save_versioned
from peygir.organizations.models import Organization
from peygir.programs.models import Theme
from peygir.territory.models import Territory

from .. import access, notify
from ..checks import check_rials
from ..models import BudgetLine, Call, PlannedMilestone, Proposal, ProposalAttachment, ProposalEvent
from .calls import check_answers
from .ngos import check_licence

S = Proposal.Status


@dataclass
class Plan:
    """What the NGO types: the proposal's content (the same for create and update)."""

    title: str
    county: Territory
    starts_on: dt.date
    ends_on: dt.date
    requested_rials: int
    budget_lines: Sequence[tuple[str, int]]
    milestones: Sequence[tuple[str, dt.date, int]]
    summary: str = ""
    theme: str = ""
    neighbourhoods: Sequence[Territory] = ()
    beneficiaries_planned: int = 0
    answers: dict[str, Any] | None = None


def event(proposal: Proposal, kind: str, actor: Any, reason: str = "") -> ProposalEvent:
    return ProposalEvent.objects.create(
        proposal=proposal,
        kind=kind,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        reason=reason,
    )


def check_plan(call: Call, plan: Plan) -> Plan:
    """Every rule of a proposal's content, with a Persian message under the field at fault."""
    plan.title = check_text(plan.title, field="title", required=True, limit=300)
    plan.summary = check_text(plan.summary, field="summary", limit=20000)
    if plan.county.kind != Territory.Kind.COUNTY or not plan.county.path.startswith(call.territory_path):
        raise ValidationError({"county": _("شهرستان باید یکی از شهرستان‌های قلمرو فراخوان باشد.")})
    if plan.theme and (plan.theme not in Theme.values or (call.themes and plan.theme not in call.themes)):
        raise ValidationError({"theme": _("حوزه طرح باید یکی از حوزه‌های فراخوان باشد.")})
    for hood in plan.neighbourhoods:
        if not hood.path.startswith(plan.county.path):
            raise ValidationError(
                {"neighbourhoods": _("محله «%(n)s» در این شهرستان نیست.") % {"n": hood.name_fa}}
            )
    if plan.ends_on < plan.starts_on:
        raise ValidationError({"ends_on": _("پایان اجرا پیش از آغاز آن است.")})
    if (plan.ends_on - plan.starts_on).days > call.window_days:
        raise ValidationError(
            {
                "ends_on": _("مدت اجرا از %(n)s روزِ فراخوان بیشتر است.")
                % {"n": to_persian_digits(call.window_days)}
            }
        )
    plan.requested_rials = check_rials(plan.requested_rials, field="requested_rials")
    lines = [
        (check_text(t, field="budget_lines", required=True, limit=200), check_rials(a, field="budget_lines"))
        for t, a in plan.budget_lines
    ]
    if not lines:
        raise ValidationError({"budget_lines": _("دست‌کم یک ردیف هزینه وارد کنید.")})
    lines_total = sum(a for _t, a in lines)
    if lines_total != plan.requested_rials:
        raise ValidationError(
            {
                "budget_lines": _("جمع ردیف‌های هزینه (%(sum)s) با مبلغ درخواستی (%(req)s) برابر نیست.")
                % {"sum": format_toman(lines_total), "req": format_toman(plan.requested_rials)}
            }
        )
    steps = []
    for title, due_on, amount in plan.milestones:
        title = check_text(title, field="milestones", required=True, limit=300)
        if not isinstance(due_on, dt.date) or not plan.starts_on <= due_on <= plan.ends_on:
            raise ValidationError(
                {"milestones": _("موعد مرحله «%(t)s» باید در بازه اجرای طرح باشد.") % {"t": title}}
            )
        steps.append((title, due_on, check_rials(amount, field="milestones", allow_zero=True)))
    if not steps:
        raise ValidationError({"milestones": _("دست‌کم یک مرحله اجرا با موعد آن وارد کنید.")})
    if sum(a for _t, _d, a in steps) != plan.requested_rials:
        raise ValidationError({"milestones": _("جمع اقساط مراحل با مبلغ درخواستی برابر نیست.")})
    plan.budget_lines, plan.milestones = lines, sorted(steps, key=lambda s: s[1])
    plan.beneficiaries_planned = max(0, int(plan.beneficiaries_planned or 0))
    return plan


def _write_plan(proposal: Proposal, plan: Plan) -> None:
    proposal.title = plan.title
    proposal.summary = plan.summary
    proposal.text_normalized = normalize_text(f"{plan.title} {plan.summary}")
    proposal.county = plan.county
    proposal.county_path = plan.county.path
    proposal.theme = plan.theme
    proposal.starts_on, proposal.ends_on = plan.starts_on, plan.ends_on
    proposal.requested_rials = plan.requested_rials
    proposal.beneficiaries_planned = plan.beneficiaries_planned


def _write_children(proposal: Proposal, plan: Plan) -> None:
    proposal.budget_lines.all().delete()
    proposal.planned_milestones.all().delete()
    BudgetLine.objects.bulk_create(
        [BudgetLine(proposal=proposal, title=t, amount_rials=a) for t, a in plan.budget_lines]
    )
    PlannedMilestone.objects.bulk_create(
        [
            PlannedMilestone(proposal=proposal, title=t, due_on=d, amount_rials=a)
            for t, d, a in plan.milestones
        ]
    )
    proposal.neighbourhoods.set(list(plan.neighbourhoods))


def check_call_open(call: Call, *, on: dt.date | None = None) -> None:
    day = on or local_today()
    if call.status != Call.Status.PUBLISHED:
        raise ValidationError({"call": _("این فراخوان برای پذیرش طرح باز نیست.")})
    if day < call.opens_on:
        raise ValidationError(
            {"call": _("پذیرش طرح از %(d)s آغاز می‌شود.") % {"d": format_jalali(call.opens_on)}}
        )
    if day > call.closes_on:
        raise ValidationError(
            {"call": _("مهلت ارسال طرح در %(d)s به پایان رسیده است.") % {"d": format_jalali(call.closes_on)}}
        )


def check_proposal_create(user: Any, *, ngo: Organization) -> None:
    if ngo.kind != Organization.Kind.NGO or ngo.pk not in access.ngo_ids(user):
        raise NotAllowed


@transaction.atomic
def do_proposal_create(
    *, user: Any, call: Call, ngo: Organization, plan: Plan, files: Iterable = ()
) -> Proposal:
    check_call_open(call)
    check_licence(ngo)
    plan = check_plan(call, plan)
    form = call.current_form()
    proposal = Proposal(
        call=call,
        ngo=ngo,
        form_version=form,
        answers=check_answers(form, plan.answers or {}),
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    _write_plan(proposal, plan)
    proposal.full_clean()
    proposal.save()
    _write_children(proposal, plan)
    _attach(proposal, files)
    event(proposal, ProposalEvent.Kind.CREATED, user)
    return proposal


def proposal_create(
    *, user: Any, call: Call, ngo: Organization, plan: Plan, files: Iterable = ()
) -> Proposal:
    check_proposal_create(user, ngo=ngo)
    return do_proposal_create(user=user, call=call, ngo=ngo, plan=plan, files=files)


def _attach(proposal: Proposal, files: Iterable) -> None:
    for upload in files:
        checked = validate_upload(upload)
        attachment = ProposalAttachment(
            proposal=proposal,
            file=checked.file,
            name=checked.name,
            content_type=checked.content_type,
            size=checked.size,
        )
        attachment.save()


def _lock_editable(user: Any, proposal: Proposal, expected_version: int | None) -> Proposal:
    if not access.can_edit_proposal(user, proposal):
        raise NotAllowed
    proposal = lock_row(Proposal.objects, proposal.pk)
    check_version(proposal, expected_version)
    if proposal.status not in Proposal.EDITABLE:
        raise ValidationError(
            {
                "status": _(
                    "طرحی با وضعیت «%(s)s» را نمی‌توان ویرایش کرد؛ پس از ارسال، تنها اگر برای اصلاح بازگردانده شود."
                )
                % {"s": S(proposal.status).label}
            }
        )
    return proposal


@transaction.atomic
def proposal_update(
    *, user: Any, proposal: Proposal, plan: Plan, files: Iterable = (), expected_version: int | None = None
) -> Proposal:
    """The NGO edits its draft, or the proposal returned to it; nothing once submitted."""
    proposal = _lock_editable(user, proposal, expected_version)
    plan = check_plan(proposal.call, plan)
    # The answers follow the form the proposal was written on, not a newer one.
    proposal.answers = check_answers(proposal.form_version, plan.answers or {})
    _write_plan(proposal, plan)
    proposal.full_clean()
    save_versioned(
        proposal,
        "title",
        "summary",
        "text_normalized",
        "county",
        "county_path",
        "theme",
        "starts_on",
        "ends_on",
        "requested_rials",
        "beneficiaries_planned",
        "answers",
    )
    _write_children(proposal, plan)
    _attach(proposal, files)
    proposal.refresh_from_db()
    return proposal


@transaction.atomic
def proposal_submit(*, user: Any, proposal: Proposal, expected_version: int | None = None) -> Proposal:
    proposal = _lock_editable(user, proposal, expected_version)
    check_call_open(proposal.call)
    check_licence(proposal.ngo)
    proposal.status = S.SUBMITTED
    proposal.submitted_at = timezone.now()
    save_versioned(proposal, "status", "submitted_at")
    event(proposal, ProposalEvent.Kind.SUBMITTED, user)
    proposal.refresh_from_db()
    return proposal


def _lock_for_decision(user: Any, proposal: Proposal, expected_version: int | None) -> Proposal:
    if not access.can_decide_proposal(user, proposal):
        raise NotAllowed
    proposal = lock_row(Proposal.objects, proposal.pk)
    check_version(proposal, expected_version)
    return proposal


@transaction.atomic
def proposal_start_review(*, user: Any, proposal: Proposal, expected_version: int | None = None) -> Proposal:
    proposal = _lock_for_decision(user, proposal, expected_version)
    if proposal.status != S.SUBMITTED:
        raise ValidationError({"status": _("تنها طرح ارسال‌شده به داوری می‌رود.")})
    proposal.status = S.UNDER_REVIEW
    save_versioned(proposal, "status")
    event(proposal, ProposalEvent.Kind.REVIEW_STARTED, user)
    proposal.refresh_from_db()
    return proposal


@transaction.atomic
def proposal_return(
    *, user: Any, proposal: Proposal, reason: str, expected_version: int | None = None
) -> Proposal:
    """Back to the NGO for changes, with what to change."""
    proposal = _lock_for_decision(user, proposal, expected_version)
    reason = check_text(reason, field="reason", required=True)
    if proposal.status not in Proposal.PENDING:
        raise ValidationError({"status": _("تنها طرح ارسال‌شده یا در حال داوری را می‌توان بازگرداند.")})
    proposal.status, proposal.decision_reason = S.RETURNED, reason
    save_versioned(proposal, "status", "decision_reason")
    event(proposal, ProposalEvent.Kind.RETURNED, user, reason)
    proposal.refresh_from_db()
    notify.proposal_decided(proposal)
    return proposal


@transaction.atomic
def proposal_reject(
    *, user: Any, proposal: Proposal, reason: str, expected_version: int | None = None
) -> Proposal:
    proposal = _lock_for_decision(user, proposal, expected_version)
    reason = check_text(reason, field="reason", required=True)
    if proposal.status not in Proposal.PENDING:
        raise ValidationError({"status": _("تنها طرح ارسال‌شده یا در حال داوری را می‌توان رد کرد.")})
    proposal.status, proposal.decision_reason = S.REJECTED, reason
    proposal.decided_at = timezone.now()
    save_versioned(proposal, "status", "decision_reason", "decided_at")
    event(proposal, ProposalEvent.Kind.REJECTED, user, reason)
    proposal.refresh_from_db()
    notify.proposal_decided(proposal)
    return proposal
