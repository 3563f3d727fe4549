"""Plans and their sealed draws: create, approve (which draws and seals the current period), draw
later periods, close, publish after the period (amending a sealed schedule: amendments.py).

Nobody sees the schedule while it is drawn: the draw runs inside the approval (or the periodic
command) and writes the visits and the seal in one transaction; no page shows the dates it made.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from peygir.core.errors import NotAllowed, ValidationError
from peygir.core.jalali import today as local_today
from peygir.core.text import check_text
from peygir.core.versioning import check_version, lock_row, save_versioned
from peygir.core.workdays import WorkingCalendar
from peygir.organizations.models import Membership, Organization
from peygir.programs.models import PolicyDocument
from peygir.territory.models import Territory

from . import access, draw, sealing
from .models import ChecklistTemplate, Draw, FacilityKind, InspectionPlan, PlanRule
from .periods import Period, make_period, period_containing

P = InspectionPlan.Status


@dataclass(frozen=True)
class RuleSpec:
    facility_kind: str
    template: ChecklistTemplate
    visits_per_period: int = 1
    sample_percent: int = 100


# ---------------------------------------------------------------- create


def check_plan_create(user: Any, *, organization: Organization, territory: Territory) -> None:
    if user is not None and not (
        access.can_manage_plans_in(user, territory)
        or access.can_manage_plans_in(user, organization.territory)
    ):
        raise NotAllowed
    if not territory.path.startswith(organization.territory.path):
        raise ValidationError({"territory": _("قلمرو برنامه باید درون قلمرو سازمان بازرس باشد.")})


@transaction.atomic
def plan_create(
    *,
    user: Any,
    title: str,
    organization: Organization,
    territory: Territory,
    document: PolicyDocument,
    inspectors: list[Any],
    rules: list[RuleSpec],
    period: str = InspectionPlan.Period.MONTH,
    partners: list[Organization] | tuple[Organization, ...] = (),
    back_check_percent: int = 7,
) -> InspectionPlan:
    check_plan_create(user, organization=organization, territory=territory)
    return do_plan_create(
        user=user,
        title=title,
        organization=organization,
        territory=territory,
        document=document,
        inspectors=inspectors,
        rules=rules,
        period=period,
        partners=partners,
        back_check_percent=back_check_percent,
    )


@transaction.atomic
def do_plan_create(
    *,
    user: Any,
    title: str,
    organization: Organization,
    territory: Territory,
    document: PolicyDocument,
    inspectors: list[Any],
    rules: list[RuleSpec],
    period: str = InspectionPlan.Period.MONTH,
    partners: list[Organization] | tuple[Organization, ...] = (),
    back_check_percent: int = 7,
) -> InspectionPlan:
    values = _check_plan_values(
        title=title,
        organization=organization,
        period=period,
        back_check_percent=back_check_percent,
        rules=rules,
        inspectors=inspectors,
        partners=partners,
    )
    plan = InspectionPlan(
        organization=organization,
        territory=territory,
        document=document,
        created_by=user if getattr(user, "is_authenticated", False) else None,
        **values,
    )
    plan.full_clean()
    plan.save()
    _write_team_and_rules(plan, inspectors=inspectors, partners=partners, rules=rules)
    return plan


def _check_plan_values(
    *,
    title: str,
    organization: Organization,
    period: str,
    back_check_percent: int,
    rules: list[RuleSpec],
    inspectors: list[Any],
    partners: list[Organization] | tuple[Organization, ...],
) -> dict[str, Any]:
    """Everything about a plan checked before anything is written (a refused plan leaves no row)."""
    title = check_text(title, field="title", required=True, limit=300)
    if period not in InspectionPlan.Period.values:
        raise ValidationError({"period": _("دوره برنامه ماهانه یا فصلی است.")})
    if not 0 <= back_check_percent <= 50:
        raise ValidationError({"back_check_percent": _("درصد بازدید کنترلی باید بین ۰ و ۵۰ باشد.")})
    if not rules:
        raise ValidationError({"rules": _("دست‌کم یک نوع مرکز و چک‌لیست آن را تعیین کنید.")})
    kinds = [r.facility_kind for r in rules]
    if len(set(kinds)) != len(kinds):
        raise ValidationError({"rules": _("هر نوع مرکز یک بار در برنامه می‌آید.")})
    for spec in rules:
        if spec.facility_kind not in FacilityKind.values:
            raise ValidationError({"rules": _("نوع مرکز ناشناخته است.")})
        if not 1 <= spec.visits_per_period <= 10 or not 1 <= spec.sample_percent <= 100:
            raise ValidationError(
                {"rules": _("شمار بازدید در دوره (۱ تا ۱۰) یا درصد مراکز (۱ تا ۱۰۰) درست نیست.")}
            )
        if spec.template.latest_version() is None:
            raise ValidationError(
                {"rules": _("چک‌لیست «%(t)s» هنوز نسخه منتشرشده‌ای ندارد.") % {"t": spec.template.title}}
            )
    if any(p.pk == organization.pk for p in partners):
        raise ValidationError({"partners": _("سازمان بازرس خود همکار خودش نیست.")})
    teams = {organization.pk, *(p.pk for p in partners)}
    members = set(
        Membership.objects.filter(organization_id__in=teams, is_active=True).values_list("user_id", flat=True)
    )
    if not inspectors:
        raise ValidationError({"inspectors": _("دست‌کم یک بازرس تعیین کنید.")})
    strangers = [u for u in inspectors if u.pk not in members]
    if strangers:
        raise ValidationError({"inspectors": _("بازرس باید عضو سازمان بازرس یا سازمان‌های همکار تیم باشد.")})
    return {"title": title, "period": period, "back_check_percent": back_check_percent}


def _write_team_and_rules(
    plan: InspectionPlan,
    *,
    inspectors: list[Any],
    partners: list[Organization] | tuple[Organization, ...],
    rules: list[RuleSpec],
) -> None:
    plan.inspectors.set(inspectors)
    plan.partner_organizations.set(partners)
    plan.rules.all().delete()
    PlanRule.objects.bulk_create(
        PlanRule(
            plan=plan,
            facility_kind=spec.facility_kind,
            template=spec.template,
            visits_per_period=spec.visits_per_period,
            sample_percent=spec.sample_percent,
        )
        for spec in rules
    )


# ---------------------------------------------------------------- edit, submit, return


@transaction.atomic
def plan_update(
    *,
    user: Any,
    plan: InspectionPlan,
    expected_version: int | None,
    title: str,
    territory: Territory,
    document: PolicyDocument,
    inspectors: list[Any],
    rules: list[RuleSpec],
    period: str = InspectionPlan.Period.MONTH,
    partners: list[Organization] | tuple[Organization, ...] = (),
    back_check_percent: int = 7,
) -> InspectionPlan:
    """Edit a draft (or a plan sent back): nothing of an approved plan changes — its draws are sealed."""
    check_plan_manage(user, plan)
    check_plan_create(user, organization=plan.organization, territory=territory)
    plan = lock_row(InspectionPlan.objects.all(), plan.pk)
    check_version(plan, expected_version)
    if plan.status != P.DRAFT:
        raise ValidationError({"status": _("تنها برنامه پیش‌نویس ویرایش می‌شود.")})
    values = _check_plan_values(
        title=title,
        organization=plan.organization,
        period=period,
        back_check_percent=back_check_percent,
        rules=rules,
        inspectors=inspectors,
        partners=partners,
    )
    for name, value in values.items():
        setattr(plan, name, value)
    plan.territory, plan.territory_path, plan.document = territory, territory.path, document
    save_versioned(plan, "title", "period", "back_check_percent", "territory", "territory_path", "document")
    _write_team_and_rules(plan, inspectors=inspectors, partners=partners, rules=rules)
    return plan


@transaction.atomic
def plan_submit(*, user: Any, plan: InspectionPlan, expected_version: int | None = None) -> InspectionPlan:
    """Send a draft for approval: it no longer changes unless the approver sends it back."""
    check_plan_manage(user, plan)
    plan = lock_row(InspectionPlan.objects.all(), plan.pk)
    check_version(plan, expected_version)
    if plan.status != P.DRAFT:
        raise ValidationError({"status": _("تنها برنامه پیش‌نویس برای تصویب فرستاده می‌شود.")})
    if not plan.rules.exists() or not plan.inspectors.exists():
        raise ValidationError({"rules": _("برنامه بی‌قاعده یا بی‌بازرس فرستاده نمی‌شود.")})
    plan.status = P.SUBMITTED
    plan.submitted_at = timezone.now()
    plan.submitted_by = user if getattr(user, "is_authenticated", False) else None
    plan.return_reason = ""
    save_versioned(plan, "status", "submitted_at", "submitted_by", "return_reason")
    return plan


@transaction.atomic
def plan_return(
    *, user: Any, plan: InspectionPlan, reason: str, expected_version: int | None = None
) -> InspectionPlan:
    """Send a submitted plan back to draft, with the reason its drafters read on the plan."""
    check_plan_manage(user, plan)
    reason = check_text(reason, field="reason", required=True, limit=2000)
    plan = lock_row(InspectionPlan.objects.all(), plan.pk)
    check_version(plan, expected_version)
    if plan.status != P.SUBMITTED:
        raise ValidationError({"status": _("تنها برنامه در انتظار تصویب بازگردانده می‌شود.")})
    plan.status = P.DRAFT
    plan.return_reason = reason
    save_versioned(plan, "status", "return_reason")
    return plan


@transaction.atomic
def plan_close(
    *, user: Any, plan: InspectionPlan, reason: str, expected_version: int | None = None
) -> InspectionPlan:
    """End an approved plan, with a reason read on its page: no later period is drawn (the periodic
    command and `do_draw_period` draw approved plans only). The periods already sealed keep their
    visits and are published as always: a sealed schedule is changed only by amendments."""
    check_plan_manage(user, plan)
    reason = check_text(reason, field="reason", required=True, limit=2000)
    plan = lock_row(InspectionPlan.objects.all(), plan.pk)
    check_version(plan, expected_version)
    if plan.status == P.CLOSED:
        raise ValidationError({"status": _("این برنامه پیش‌تر پایان یافته است.")})
    if plan.status != P.APPROVED:
        raise ValidationError(
            {
                "status": _(
                    "تنها برنامه تصویب‌شده پایان می‌یابد؛ برنامه تصویب‌نشده قرعه‌ای ندارد و کنار گذاشتن آن کافی است."
                )
            }
        )
    plan.status = P.CLOSED
    plan.closed_at = timezone.now()
    plan.closed_by = user if getattr(user, "is_authenticated", False) else None
    plan.close_reason = reason
    save_versioned(plan, "status", "closed_at", "closed_by", "close_reason")
    return plan


# ---------------------------------------------------------------- approve and draw


def check_plan_manage(user: Any, plan: InspectionPlan) -> None:
    if user is not None and not access.can_manage_plan(user, plan):
        raise NotAllowed


def check_not_own_plan(user: Any, plan: InspectionPlan) -> None:
    """Separation of duties: who drafted the plan or sent it for approval does not approve it; another
    manager of the plan does (the system itself — the demo, a command — passes no user)."""
    user_id = getattr(user, "pk", None) if getattr(user, "is_authenticated", False) else None
    if user_id is not None and user_id in (plan.created_by_id, plan.submitted_by_id):
        raise ValidationError(
            {
                "status": _(
                    "شما این برنامه را ساخته یا برای تصویب فرستاده‌اید و نمی‌توانید خودتان آن را تصویب کنید؛ "
                    "مدیر دیگری از همین قلمرو باید آن را تصویب کند."
                )
            }
        )


@transaction.atomic
def plan_approve(
    *, user: Any, plan: InspectionPlan, expected_version: int | None = None, today: dt.date | None = None
) -> Draw | None:
    """Approve the plan and draw and seal its current period at once (its next one when fewer than two
    working days of the current are left)."""
    check_plan_manage(user, plan)
    return do_plan_approve(user=user, plan=plan, expected_version=expected_version, today=today)


@transaction.atomic
def do_plan_approve(
    *, user: Any, plan: InspectionPlan, expected_version: int | None = None, today: dt.date | None = None
) -> Draw | None:
    plan = lock_row(InspectionPlan.objects.all(), plan.pk)
    check_version(plan, expected_version)
    if plan.status == P.DRAFT:
        raise ValidationError({"status": _("برنامه هنوز برای تصویب فرستاده نشده است.")})
    if plan.status != P.SUBMITTED:
        raise ValidationError({"status": _("این برنامه پیش‌تر تصویب شده است.")})
    check_not_own_plan(user, plan)
    plan.status = P.APPROVED
    plan.approved_at = timezone.now()
    plan.approved_by = user if getattr(user, "is_authenticated", False) else None
    save_versioned(plan, "status", "approved_at", "approved_by")
    day = today or local_today()
    period = period_containing(day, plan.period)
    calendar = WorkingCalendar()
    if len(_draw_days(period, day, calendar)) < 2:
        period = period.next()
    return do_draw_period(user=user, plan=plan, period=period, today=day, calendar=calendar)


_draw_days = sealing.draw_days


def plan_period(plan: InspectionPlan, year: int, index: int) -> Period:
    return make_period(plan.period, year, index)


@transaction.atomic
def draw_period(*, user: Any, plan: InspectionPlan, period: Period, today: dt.date | None = None) -> Draw:
    check_plan_manage(user, plan)
    return do_draw_period(user=user, plan=plan, period=period, today=today)


def _unready(inputs: sealing.PlanInputs) -> str | None:
    """Why a plan cannot be drawn (a checklist without a published version), or None."""
    for rule in inputs.rules:
        if inputs.versions.get(rule.pk) is None:
            return _("چک‌لیست «%(t)s» هنوز نسخه منتشرشده‌ای ندارد.") % {"t": rule.template.title}
    return None


@transaction.atomic
def do_draw_period(
    *,
    user: Any,
    plan: InspectionPlan,
    period: Period,
    today: dt.date | None = None,
    calendar: WorkingCalendar | None = None,
) -> Draw:
    """Draw and seal one period of an approved plan. A second draw of a sealed period is refused."""
    plan = lock_row(InspectionPlan.objects.all(), plan.pk)
    if plan.status != P.APPROVED:
        raise ValidationError({"status": _("تنها برنامه تصویب‌شده قرعه‌کشی می‌شود.")})
    if Draw.objects.filter(plan=plan, period_start=period.start).exists():
        raise ValidationError(
            {
                "period": _(
                    "بازدیدهای %(p)s این برنامه پیش‌تر قرعه‌کشی و مهر شده است؛ قرعه‌کشی دوباره ممکن نیست و "
                    "هر تغییری باید به صورت اصلاحیه با ذکر دلیل ثبت شود."
                )
                % {"p": period.label}
            }
        )
    day = today or local_today()
    if period.end <= day:
        raise ValidationError({"period": _("دوره %(p)s گذشته است.") % {"p": period.label}})
    calendar = calendar or WorkingCalendar()
    inputs = sealing.load_inputs([plan])[plan.pk]
    problem = _unready(inputs)
    if problem:
        raise ValidationError({"rules": problem})
    try:
        with transaction.atomic():
            return sealing.seal_period(
                plan=plan, period=period, days=_draw_days(period, day, calendar), inputs=inputs, user=user
            )
    except IntegrityError as exc:  # a concurrent draw of the same period won
        raise ValidationError({"period": _("این دوره هم‌زمان قرعه‌کشی شد؛ قرعه‌کشی دوباره ممکن نیست.")}) from exc


# ---------------------------------------------------------------- publication


def is_published(sealed: Draw, today: dt.date | None = None) -> bool:
    """The schedule and its seed are published to the office the day after the period ends."""
    return (today or local_today()) > sealed.period_end


def verify_draw(sealed: Draw) -> draw.Verification:
    return draw.verify(
        seed_hex=sealed.seed_hex,
        schedule_json=sealed.schedule_json,
        seal=sealed.seal,
        seed_commitment=sealed.seed_commitment,
    )


def draw_due_plans(*, period_for: dt.date, today: dt.date | None = None) -> list[Draw]:
    """The periodic command: draw the period containing `period_for` for every approved plan that has
    none yet (a plan whose period is sealed is skipped, never drawn again).

    The plans are read in batches (`sealing.load_inputs`: a fixed number of queries per batch); each
    plan is then locked, sealed and written in a transaction of its own, so one plan that cannot be
    drawn (no published checklist, a concurrent draw) leaves the others drawn."""
    day = today or local_today()
    calendar = WorkingCalendar()
    plans = list(
        InspectionPlan.objects.filter(status=P.APPROVED)
        .exclude(
            pk__in=Draw.objects.filter(period_start__lte=period_for, period_end__gte=period_for).values(
                "plan_id"
            )
        )
        .select_related("organization")
        .order_by("pk")
    )
    days: dict[tuple[str, dt.date], list[dt.date]] = {}
    made = []
    for batch in sealing.batches(plans):
        inputs = sealing.load_inputs(batch)
        for plan in batch:
            period = period_containing(period_for, plan.period)
            if period.end <= day or _unready(inputs[plan.pk]):
                continue
            key = (plan.period, period.start)
            if key not in days:
                days[key] = _draw_days(period, day, calendar)
            try:
                with transaction.atomic():
                    if sealing.lock_approved(plan.pk) is None:
                        continue
                    made.append(
                        sealing.seal_period(plan=plan, period=period, days=days[key], inputs=inputs[plan.pk])
                    )
            except IntegrityError:  # drawn meanwhile by another process: never drawn twice
                continue
    return made
