"""Plans and their sealed draws: create, approve (which draws and seals the current period), draw
later periods, amend a sealed schedule with a reason, publish after the period.

Nobody sees the schedule while it is drawn: the draw runs inside the approval (or the periodic
command) and writes the visits and the seal in one transaction; no page shows the dates it made.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
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

from . import access, draw
from .models import ChecklistTemplate, Draw, DrawAmendment, Facility, Finding, InspectionPlan, PlanRule, Visit
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
    teams = {organization.pk, *(p.pk for p in partners)}
    members = set(
        Membership.objects.filter(organization_id__in=teams, is_active=True).values_list("user_id", flat=True)
    )
    if not inspectors:
        raise ValidationError({"inspectors": _("دست‌کم یک بازرس تعیین کنید.")})
    strangers = [u for u in inspectors if u.pk not in members]
    if strangers:
        raise ValidationError({"inspectors": _("بازرس باید عضو سازمان بازرس یا سازمان‌های همکار تیم باشد.")})
    plan = InspectionPlan(
        title=title,
        organization=organization,
        territory=territory,
        document=document,
        period=period,
        back_check_percent=back_check_percent,
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    plan.full_clean()
    plan.save()
    plan.inspectors.set(inspectors)
    if partners:
        plan.partner_organizations.set(partners)
    for spec in rules:
        if not 1 <= spec.visits_per_period <= 10 or not 1 <= spec.sample_percent <= 100:
            raise ValidationError(
                {"rules": _("شمار بازدید در دوره (۱ تا ۱۰) یا درصد مراکز (۱ تا ۱۰۰) درست نیست.")}
            )
        if spec.template.latest_version() is None:
            raise ValidationError(
                {"rules": _("چک‌لیست «%(t)s» هنوز نسخه‌ای ندارد.") % {"t": spec.template.title}}
            )
        PlanRule.objects.create(
            plan=plan,
            facility_kind=spec.facility_kind,
            template=spec.template,
            visits_per_period=spec.visits_per_period,
            sample_percent=spec.sample_percent,
        )
    return plan


# ---------------------------------------------------------------- approve and draw


def check_plan_manage(user: Any, plan: InspectionPlan) -> None:
    if user is not None and not access.can_manage_plan(user, plan):
        raise NotAllowed


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
    if plan.status != P.DRAFT:
        raise ValidationError({"status": _("این برنامه پیش‌تر تصویب شده است.")})
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


def _draw_days(period: Period, today: dt.date, calendar: WorkingCalendar) -> list[dt.date]:
    """Working days of the period from tomorrow on: a visit is never drawn for a day already begun."""
    first = max(period.start, today + dt.timedelta(days=1))
    return [d for d in period.days() if d >= first and calendar.is_working_day(d)]


def plan_period(plan: InspectionPlan, year: int, index: int) -> Period:
    return make_period(plan.period, year, index)


@transaction.atomic
def draw_period(*, user: Any, plan: InspectionPlan, period: Period, today: dt.date | None = None) -> Draw:
    check_plan_manage(user, plan)
    return do_draw_period(user=user, plan=plan, period=period, today=today)


def _risk(facility_ids: list[int]) -> dict[int, int]:
    rows = (
        Finding.objects.filter(facility_id__in=facility_ids, is_open=True)
        .values("facility_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {r["facility_id"]: r["n"] for r in rows}


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
    days = _draw_days(period, day, calendar)
    rules = list(plan.rules.select_related("template"))
    versions = {r.pk: r.template.latest_version() for r in rules}
    by_kind = {r.facility_kind: r for r in rules}
    facilities = list(
        Facility.objects.filter(
            territory_path__startswith=plan.territory_path, kind__in=list(by_kind), is_active=True
        ).values("pk", "kind", "last_score")
    )
    open_findings = _risk([f["pk"] for f in facilities])
    candidates = [
        draw.Candidate(
            facility=f["pk"],
            weight=draw.risk_weight(f["last_score"], open_findings.get(f["pk"], 0)),
            visits=by_kind[f["kind"]].visits_per_period,
            rule=by_kind[f["kind"]].pk,
            sample_percent=by_kind[f["kind"]].sample_percent,
        )
        for f in facilities
    ]
    inspectors = sorted(plan.inspectors.values_list("pk", flat=True))
    seed = draw.new_seed()
    visits = draw.compute_schedule(seed, candidates, inspectors, days)
    document = draw.build_document(
        plan=plan.pk,
        period_start=period.start,
        period_end=period.end,
        candidates=candidates,
        inspectors=inspectors,
        days=days,
        visits=visits,
    )
    canonical = draw.canonical(document)
    commitment = draw.commitment(seed)
    try:
        with transaction.atomic():
            sealed = Draw.objects.create(
                plan=plan,
                period_start=period.start,
                period_end=period.end,
                period_label=period.label,
                seed_hex=seed.hex(),
                seed_commitment=commitment,
                schedule_json=canonical,
                seal=draw.seal_of(canonical, commitment),
                visits_count=len(visits),
                drawn_by=user if getattr(user, "is_authenticated", False) else None,
            )
    except IntegrityError as exc:  # a concurrent draw of the same period won
        raise ValidationError({"period": _("این دوره هم‌زمان قرعه‌کشی شد؛ قرعه‌کشی دوباره ممکن نیست.")}) from exc
    paths = dict(
        Facility.objects.filter(pk__in={v["facility"] for v in visits}).values_list("pk", "territory_path")
    )
    # Rows in a random order: ids must not follow the dates (a list ordered by id would tell them).
    rows = [
        Visit(
            draw=sealed,
            facility_id=v["facility"],
            territory_path=paths[v["facility"]],
            inspector_id=v["inspector"],
            organization=plan.organization,
            checklist_version=versions[v["rule"]],
            scheduled_on=dt.date.fromisoformat(v["date"]),
        )
        for v in visits
    ]
    secrets.SystemRandom().shuffle(rows)
    Visit.objects.bulk_create(rows, batch_size=2000)
    return sealed


# ---------------------------------------------------------------- amendments


@transaction.atomic
def visit_amend(
    *, user: Any, visit: Visit, reason: str, inspector: Any = None, redraw_date: bool = False
) -> DrawAmendment:
    """Another inspector, or another day drawn afresh, for one coming visit — without showing its date
    to the one who amends. The amendment and its reason are published with the schedule."""
    plan = visit.draw.plan
    check_plan_manage(user, plan)
    visit = lock_row(Visit.objects.all(), visit.pk)
    reason = check_text(reason, field="reason", required=True, limit=2000)
    if visit.status != Visit.Status.SCHEDULED:
        raise ValidationError({"reason": _("تنها بازدیدی را که هنوز انجام نشده می‌توان اصلاح کرد.")})
    if inspector is None and not redraw_date:
        raise ValidationError({"reason": _("بازرس تازه یا قرعه روز تازه را برگزینید.")})
    if inspector is not None and not plan.inspectors.filter(pk=inspector.pk).exists():
        raise ValidationError({"inspector": _("بازرس تازه باید از بازرسان همین برنامه باشد.")})
    old_inspector_id, old_date = visit.inspector_id, visit.scheduled_on
    if inspector is not None:
        visit.inspector = inspector
    if redraw_date:
        calendar = WorkingCalendar()
        today = local_today()
        period = make_period_from_draw(visit.draw)
        days = _draw_days(period, today, calendar)
        if not days:
            raise ValidationError({"reason": _("در این دوره روز کاری دیگری نمانده است.")})
        visit.scheduled_on = days[secrets.randbelow(len(days))]
    visit.version += 1
    visit.save(update_fields=["inspector", "scheduled_on", "version"])
    return DrawAmendment.objects.create(
        draw=visit.draw,
        visit=visit,
        reason=reason,
        old_inspector_id=old_inspector_id,
        new_inspector_id=visit.inspector_id,
        old_date=old_date,
        new_date=visit.scheduled_on,
        amended_by=user if getattr(user, "is_authenticated", False) else None,
    )


def make_period_from_draw(sealed: Draw) -> Period:
    return period_containing(sealed.period_start, sealed.plan.period)


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
    none yet (a plan whose period is sealed is skipped, never drawn again)."""
    made = []
    plans = InspectionPlan.objects.filter(status=P.APPROVED).exclude(
        Q(draws__period_start__lte=period_for) & Q(draws__period_end__gte=period_for)
    )
    for plan in plans.distinct():
        period = period_containing(period_for, plan.period)
        try:
            made.append(do_draw_period(user=None, plan=plan, period=period, today=today))
        except ValidationError:
            continue
    return made
