"""Programs, goals and duties: services (check, then do) and the recurring duties' occurrences.

Each occurrence of a duty is an action of the spine (source kind "duty"), issued by the program's owner
to the duty's responsible organization. A recurring duty's occurrence for the current Jalali period is
created by the escalation scan through `DutySource.on_scan`; `DutyOccurrence` is unique per (duty,
period), so two scans — one after the other or at the same moment — create one action: the second
insert hits the unique index and is skipped, with its whole savepoint (no stray action).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from peygir.actions.models import Action
from peygir.actions.services import do_action_create
from peygir.core.errors import NotAllowed, ValidationError
from peygir.core.jalali import today as local_today
from peygir.core.text import check_text
from peygir.organizations.models import Organization
from peygir.territory.models import Territory

from . import access
from .models import Duty, DutyOccurrence, Goal, PolicyDocument, Program
from .periods import Period, period_of

ONCE = Duty.Recurrence.ONCE
LEVEL_OF_KIND = {
    Territory.Kind.COUNTRY: Program.Level.NATIONAL,
    Territory.Kind.PROVINCE: Program.Level.PROVINCIAL,
    Territory.Kind.COUNTY: Program.Level.COUNTY,
}


# ---------------------------------------------------------------- programs and goals


def check_program_create(user: Any, *, territory: Territory, owner: Organization) -> None:
    if user is not None and not (access.can_create_program_in(user, territory)):
        raise NotAllowed
    if territory.kind not in LEVEL_OF_KIND:
        raise ValidationError({"territory": _("برنامه در سطح کشور، استان یا شهرستان تعریف می‌شود.")})
    if not owner.territory.path.startswith(territory.path) and not territory.path.startswith(
        owner.territory.path
    ):
        raise ValidationError({"owner": _("متولی برنامه باید در همان قلمرو باشد.")})


@transaction.atomic
def do_program_create(
    *,
    title: str,
    theme: str,
    territory: Territory,
    owner: Organization,
    start_year: int,
    end_year: int,
    summary: str = "",
    document: PolicyDocument | None = None,
    adopted_from: Program | None = None,
) -> Program:
    title = check_text(title, field="title", required=True, limit=300)
    summary = check_text(summary, field="summary", limit=5000)
    if end_year < start_year:
        raise ValidationError({"end_year": _("سال پایان پیش از سال آغاز است.")})
    if adopted_from is not None:
        if adopted_from.level != Program.Level.NATIONAL:
            raise ValidationError({"adopted_from": _("فقط برنامهٔ ملی را می‌توان اقتباس کرد.")})
        if Program.objects.filter(adopted_from=adopted_from, territory=territory).exists():
            raise ValidationError({"adopted_from": _("این برنامه پیش‌تر در این قلمرو اقتباس شده است.")})
    program = Program(
        title=title,
        theme=theme,
        level=LEVEL_OF_KIND[territory.kind],
        territory=territory,
        owner=owner,
        start_year=start_year,
        end_year=end_year,
        summary=summary,
        document=document,
        adopted_from=adopted_from,
    )
    program.full_clean()
    program.save()
    return program


def program_create(*, user: Any, territory: Territory, owner: Organization, **fields: Any) -> Program:
    check_program_create(user, territory=territory, owner=owner)
    return do_program_create(territory=territory, owner=owner, **fields)


@transaction.atomic
def program_adopt(*, user: Any, national: Program, territory: Territory, owner: Organization) -> Program:
    """A province adopts a national program: its own row, the national goals copied as its own."""
    check_program_create(user, territory=territory, owner=owner)
    program = do_program_create(
        title=national.title,
        theme=national.theme,
        territory=territory,
        owner=owner,
        start_year=national.start_year,
        end_year=national.end_year,
        summary=national.summary,
        document=national.document,
        adopted_from=national,
    )
    Goal.objects.bulk_create(
        [Goal(program=program, title=g.title, order=g.order) for g in national.goals.all()]
    )
    return program


def goal_add(*, user: Any, program: Program, title: str) -> Goal:
    if user is not None and not access.can_manage_program(user, program):
        raise NotAllowed
    title = check_text(title, field="title", required=True, limit=500)
    order = program.goals.count() + 1
    return Goal.objects.create(program=program, title=title, order=order)


# ---------------------------------------------------------------- duties


def check_duty_create(user: Any, program: Program, responsible: Organization) -> None:
    if user is not None and not access.can_manage_program(user, program):
        raise NotAllowed
    if not program.is_active:
        raise ValidationError({"program": _("برنامه فعال نیست.")})
    if not responsible.is_active:
        raise ValidationError({"responsible": _("سازمان مسئول غیرفعال است.")})


@transaction.atomic
def do_duty_create(
    *,
    program: Program,
    title: str,
    responsible: Organization,
    recurrence: str = ONCE,
    deadline: dt.date | None = None,
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    goal: Goal | None = None,
    description: str = "",
    user: Any = None,
    today: dt.date | None = None,
) -> Duty:
    """Write the duty and its first action (a one-off duty's only one; a recurring duty's current
    period's, when it has started)."""
    today = today or local_today()
    title = check_text(title, field="title", required=True, limit=500)
    description = check_text(description, field="description", limit=5000)
    if recurrence == ONCE and deadline is None:
        raise ValidationError({"deadline": _("وظیفهٔ یک‌باره مهلت می‌خواهد.")})
    if goal is not None and goal.program_id != program.pk:
        raise ValidationError({"goal": _("این هدف از این برنامه نیست.")})
    duty = Duty(
        program=program,
        goal=goal,
        title=title,
        description=description,
        responsible=responsible,
        recurrence=recurrence,
        deadline=deadline if recurrence == ONCE else None,
        starts_on=starts_on or today,
        ends_on=ends_on,
        created_by=user if getattr(user, "pk", None) else None,
    )
    duty.full_clean()
    duty.save()
    if recurrence == ONCE:
        occur(duty, None, user=user)
    else:
        period = period_of(today, recurrence)
        if _due(duty, period):
            occur(duty, period, user=user)
    return duty


def duty_create(*, user: Any, program: Program, responsible: Organization, **fields: Any) -> Duty:
    check_duty_create(user, program, responsible)
    return do_duty_create(program=program, responsible=responsible, user=user, **fields)


def _due(duty: Duty, period: Period) -> bool:
    return duty.starts_on <= period.end and (duty.ends_on is None or duty.ends_on >= period.start)


def occur(duty: Duty, period: Period | None, *, user: Any = None) -> Action | None:
    """The duty's action for `period` (None: the one-off duty), created once. None when this period
    already has its occurrence — the unique index said so, and the savepoint took back everything."""
    try:
        with transaction.atomic():
            occurrence = DutyOccurrence.objects.create(
                duty=duty,
                period_type=period.type if period else ONCE,
                year=period.year if period else 0,
                number=period.number if period else 0,
            )
            title = duty.title if period is None else f"{duty.title} — {period.label}"
            action = do_action_create(
                title=title[:500],
                description=duty.description,
                responsible=duty.responsible,
                issuer=duty.program.owner,
                deadline=duty.deadline if period is None else period.end,
                source=duty,
                created_by=user if getattr(user, "pk", None) else None,
            )
            occurrence.action = action
            occurrence.save(update_fields=["action"])
            return action
    except IntegrityError:
        return None


def due_duties(today: dt.date) -> list[tuple[Duty, Period]]:
    """Active recurring duties whose period containing `today` has no occurrence yet."""
    due: list[tuple[Duty, Period]] = []
    for recurrence in (Duty.Recurrence.MONTH, Duty.Recurrence.SEASON, Duty.Recurrence.YEAR):
        period = period_of(today, recurrence)
        done = DutyOccurrence.objects.filter(duty=OuterRef("pk"), year=period.year, number=period.number)
        duties = (
            Duty.objects.filter(
                recurrence=recurrence, is_active=True, program__is_active=True, starts_on__lte=period.end
            )
            .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=period.start))
            .filter(~Exists(done))
            .select_related("program__owner__territory", "responsible__territory")
            .order_by("pk")
        )
        due.extend((duty, period) for duty in duties.iterator(chunk_size=1000))
    return due


def create_due_occurrences(today: dt.date) -> int:
    """The scan's hook: the current period's action of every recurring duty that has none."""
    created = 0
    for duty, period in due_duties(today):
        if occur(duty, period) is not None:
            created += 1
    return created
