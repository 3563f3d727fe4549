"""Projects: created locked from an approved proposal, with one action per milestone (the NGO
responsible, the county governorate verifying, the provincial office above it); changed only by a
recorded amendment; instalments released only against verified milestones; closed by a final report."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from peygir.actions import services as action_services
from peygir.actions.models import Action
from peygir.core.errors import NotAllowed, ValidationError
from peygir.core.jalali import format_jalali
from peygir.core.text import check_text, clean_input, to_persian_digits
from peygir.core.versioning import check_version, lock_row, save_versioned
from peygir.organizations.models import Organization

from .. import access, notify
from ..models import (
    Amendment,
    GuardDecision,
    Instalment,
    Milestone,
    MilestoneOverrule,
    Project,
    Proposal,
)
from .allocation import check_guard
from .calls import spread

A = Action.Status
I = Instalment.Status  # noqa: E741 - the instalment's statuses, as `S` is the proposal's elsewhere


def county_governorate(county_id: int) -> Organization:
    org = (
        Organization.objects.filter(
            kind=Organization.Kind.COUNTY_GOVERNORATE, territory_id=county_id, is_active=True
        )
        .order_by("pk")
        .first()
    )
    if org is None:
        raise ValidationError({"county": _("فرمانداری این شهرستان (ناظر طرح) در سامانه ثبت نشده است.")})
    return org


def milestone_title(project: Project, milestone: Milestone) -> str:
    return _("%(p)s — مرحله %(n)s: %(t)s") % {
        "p": project.title,
        "n": to_persian_digits(milestone.number),
        "t": milestone.title,
    }


@transaction.atomic
def do_project_create(*, user: Any, proposal: Proposal) -> Project:
    """The caller approved the proposal (allocation.proposal_approve)."""
    supervisor = county_governorate(proposal.county_id)
    call = proposal.call
    project = Project.objects.create(
        proposal=proposal,
        call=call,
        ngo=proposal.ngo,
        county_id=proposal.county_id,
        county_path=proposal.county_path,
        supervisor=supervisor,
        high_supervisor=call.office,
        title=proposal.title,
        amount_rials=proposal.approved_rials,
        starts_on=proposal.starts_on,
        ends_on=proposal.ends_on,
    )
    planned = list(proposal.planned_milestones.order_by("due_on", "pk"))
    # Partial funding: each instalment shrinks in proportion, adding up exactly to the approved sum.
    amounts = spread(project.amount_rials, [max(1, p.amount_rials) for p in planned])
    for number, (step, amount) in enumerate(zip(planned, amounts, strict=True), start=1):
        milestone = Milestone.objects.create(
            project=project, number=number, title=step.title, due_on=step.due_on
        )
        Instalment.objects.create(project=project, milestone=milestone, amount_rials=amount)
        action_services.do_action_create(
            title=milestone_title(project, milestone),
            responsible=project.ngo,
            issuer=supervisor,
            supervisor=call.office,
            deadline=step.due_on,
            source=milestone,
            description=proposal.summary[:2000],
            created_by=user,
        )
    return project


# ---------------------------------------------------------------- amendments


@transaction.atomic
def project_amend(
    *,
    user: Any,
    project: Project,
    reason: str,
    ends_on: dt.date | None = None,
    milestone: Milestone | None = None,
    due_on: dt.date | None = None,
    expected_version: int | None = None,
) -> list[Amendment]:
    """The only way to change a locked project: the high supervisor records what changes and why.
    A milestone's new date moves its action's deadline too (restarting its escalation)."""
    if not access.can_high_supervise(user, project):
        raise NotAllowed
    project = lock_row(Project.objects, project.pk)
    check_version(project, expected_version)
    reason = check_text(reason, field="reason", required=True, limit=2000)
    rows = []
    if ends_on is not None and ends_on != project.ends_on:
        if ends_on < project.starts_on:
            raise ValidationError({"ends_on": _("پایان طرح پیش از آغاز آن است.")})
        rows.append(_amendment(project, user, "ends_on", project.ends_on, ends_on, reason))
        project.ends_on = ends_on
        save_versioned(project, "ends_on")
    if milestone is not None and due_on is not None:
        if milestone.project_id != project.pk:
            raise ValidationError({"milestone": _("این مرحله از این طرح نیست.")})
        if due_on > project.ends_on or due_on < project.starts_on:
            raise ValidationError(
                {"due_on": _("موعد مرحله باید در بازه طرح باشد؛ نخست پایان طرح را اصلاح کنید.")}
            )
        action = milestone.actions.get()
        if action.status in Action.CLOSED_STATUSES:
            raise ValidationError({"due_on": _("موعد مرحله‌ای را که بسته شده نمی‌توان تغییر داد.")})
        rows.append(
            _amendment(project, user, f"milestone:{milestone.number}", milestone.due_on, due_on, reason)
        )
        milestone.due_on = due_on
        milestone.save(update_fields=["due_on"])
        action_services.do_action_change_deadline(action=action, user=user, deadline=due_on, reason=reason)
    if not rows:
        raise ValidationError({"reason": _("چیزی برای اصلاح تغییر نکرده است.")})
    return rows


def _amendment(project: Project, user: Any, field: str, before: Any, after: Any, reason: str) -> Amendment:
    show = lambda v: format_jalali(v) if isinstance(v, dt.date) else str(v)  # noqa: E731
    return Amendment.objects.create(
        project=project, field=field, before=show(before), after=show(after), reason=reason, actor=user
    )


# ---------------------------------------------------------------- the high supervisor


@transaction.atomic
def milestone_overrule(*, user: Any, milestone: Milestone, decision: str, reason: str) -> MilestoneOverrule:
    """The provincial office overrules the county governorate: verifies a milestone the county left
    waiting, withholds the instalment of one it verified, or lifts its own hold."""
    project = milestone.project
    if not access.can_high_supervise(user, project):
        raise NotAllowed
    reason = check_text(reason, field="reason", required=True, limit=2000)
    action = milestone.actions.get()
    instalment = lock_row(Instalment.objects, milestone.instalment.pk)
    D = MilestoneOverrule.Decision
    if decision == D.VERIFY:
        if action.status != A.REPORTED_DONE:
            raise ValidationError({"decision": _("تنها مرحله‌ای را که انجام آن گزارش شده می‌توان تأیید کرد.")})
        action_services.do_action_verify(action=action, user=user, text=reason)
    elif decision == D.WITHHOLD:
        if instalment.status == I.RELEASED:
            raise ValidationError({"decision": _("این قسط پرداخت شده است.")})
        instalment.status, instalment.reason = I.WITHHELD, reason
        save_versioned(instalment, "status", "reason")
    elif decision == D.RELEASE_HOLD:
        if instalment.status != I.WITHHELD:
            raise ValidationError({"decision": _("این قسط متوقف نیست.")})
        action.refresh_from_db()
        instalment.status = I.RELEASABLE if action.status == A.VERIFIED else I.PENDING
        instalment.reason = reason
        save_versioned(instalment, "status", "reason")
    else:
        raise ValidationError({"decision": _("تصمیم را انتخاب کنید.")})
    return MilestoneOverrule.objects.create(milestone=milestone, decision=decision, reason=reason, actor=user)


def on_milestone_event(milestone: Milestone, event: str) -> None:
    """From the milestone's action (sources.MilestoneSource): verified → its instalment may be paid;
    sent back or cancelled → not any more (unless already paid or held by the high supervisor)."""
    instalment = Instalment.objects.select_for_update().filter(milestone=milestone).first()
    if instalment is None or instalment.status in (I.RELEASED, I.WITHHELD):
        return
    if event == "verified":
        instalment.status = I.RELEASABLE
    elif event in ("rejected", "cancelled"):
        instalment.status = I.PENDING
    else:
        return
    save_versioned(instalment, "status")


@transaction.atomic
def instalment_release(
    *, user: Any, instalment: Instalment, reference: str = "", expected_version: int | None = None
) -> Instalment:
    """The provincial office pays an instalment: only a verified milestone's, and only once the
    double-funding guard's matches (if any) are decided."""
    if not access.can_high_supervise(user, instalment.project):
        raise NotAllowed
    instalment = lock_row(Instalment.objects, instalment.pk)
    check_version(instalment, expected_version)
    if instalment.status == I.RELEASED:
        raise ValidationError({"status": _("این قسط پیش‌تر پرداخت شده است.")})
    if instalment.status == I.WITHHELD:
        raise ValidationError(
            {"status": _("ناظر عالی این قسط را متوقف کرده است: %(r)s") % {"r": instalment.reason}}
        )
    if instalment.status != I.RELEASABLE:
        raise ValidationError({"status": _("قسط تنها پس از تأیید مرحله آن پرداخت می‌شود.")})
    check_guard(instalment.project.proposal, stage=GuardDecision.Stage.INSTALMENT, instalment=instalment)
    instalment.status = I.RELEASED
    instalment.released_at = timezone.now()
    instalment.released_by = user
    instalment.reference = clean_input(reference)[:60]
    save_versioned(instalment, "status", "released_at", "released_by", "reference")
    instalment.refresh_from_db()
    notify.instalment_released(instalment)
    return instalment


# ---------------------------------------------------------------- closing


@transaction.atomic
def project_final_report(
    *, user: Any, project: Project, text: str, beneficiaries_counted: Any, expected_version: int | None = None
) -> Project:
    """The NGO's final report with the beneficiaries it counted, once every milestone is reported."""
    if not access.can_report_project(user, project):
        raise NotAllowed
    project = lock_row(Project.objects, project.pk)
    check_version(project, expected_version)
    if project.status != Project.Status.ACTIVE:
        raise ValidationError({"status": _("گزارش پایانی این طرح پیش‌تر ارسال شده است.")})
    text = check_text(text, field="text", required=True, limit=20000)
    try:
        counted = int(str(beneficiaries_counted))
    except (TypeError, ValueError):
        raise ValidationError({"beneficiaries_counted": _("شمار بهره‌مندان را با رقم وارد کنید.")}) from None
    if counted < 0:
        raise ValidationError({"beneficiaries_counted": _("شمار بهره‌مندان نمی‌تواند منفی باشد.")})
    open_steps = Action.objects.filter(milestone__project=project, status__in=Action.PENDING_STATUSES)
    if open_steps.exists():
        raise ValidationError({"text": _("پیش از گزارش پایانی، انجام همه مراحل را گزارش کنید.")})
    project.final_report, project.beneficiaries_counted = text, counted
    project.status, project.final_reported_at = Project.Status.FINAL_REPORTED, timezone.now()
    save_versioned(project, "final_report", "beneficiaries_counted", "status", "final_reported_at")
    project.refresh_from_db()
    return project


@transaction.atomic
def project_close(*, user: Any, project: Project, expected_version: int | None = None) -> Project:
    """The supervisor accepts the final report once every milestone is verified: the project ends."""
    if not access.can_supervise(user, project):
        raise NotAllowed
    project = lock_row(Project.objects, project.pk)
    check_version(project, expected_version)
    if project.status != Project.Status.FINAL_REPORTED:
        raise ValidationError({"status": _("طرح هنوز گزارش پایانی ندارد.")})
    if Action.objects.filter(milestone__project=project).exclude(status=A.VERIFIED).exists():
        raise ValidationError({"status": _("همه مراحل طرح باید پیش از پایان آن تأیید شوند.")})
    project.status, project.closed_at = Project.Status.COMPLETED, timezone.now()
    save_versioned(project, "status", "closed_at")
    project.refresh_from_db()
    return project
