"""The escalation ladder: reminder → responsible head → supervising level → province.

`scan(as_of=...)` walks the actions whose next rung is due and, for each, records the rung
(EscalationStep, unique per action, step and deadline), an ActionEvent of kind ESCALATED, the
notifications and the outbound emails/SMS, then tells each action's source (its adapter's
`on_escalation`) — all of one batch in one transaction. A scan that dies
half-way leaves whole batches behind it and nothing of the batch it was in; running it again (or twice
on the same day) finds the recorded rungs and `Action.escalation_level` and sends nothing twice.

Set-based: the candidates are chosen in SQL on (status, deadline, escalation_level) ranges computed
once from the working calendar, so actions with nothing due are never read; each batch costs a fixed
number of queries whatever its size (members of organizations are cached for the whole scan).

Rungs, in working days of the WorkingCalendar:
- REMINDER: the deadline is today or within settings.PEYGIR_REMINDER_DAYS working days → the
  responsible organization's liaisons (its head when it has no liaison);
- OVERDUE_HEAD: the deadline has passed and the action is still open / in progress → the responsible
  organization's heads and liaisons;
- SUPERVISOR: settings.PEYGIR_SUPERVISOR_DELAY_DAYS working days late → the members (heads, office
  staff, county deputies) of the action's own supervising organization when it names one (a citizen's
  demand names the county governorate), else of the responsible organization's supervisor, else of
  the issuer — and the issuer's when the supervising organization has none of those members;
- PROVINCE: settings.PEYGIR_PROVINCE_DELAY_DAYS working days late → the staff and head of the
  provincial social office of the action's province.
A reminder is never sent for an action already overdue; several overdue rungs that fall due on the same
scan (a scan after a long pause) are all recorded, each to its own people.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from peygir.core import heartbeat
from peygir.core.jalali import today as local_today
from peygir.core.workdays import WorkingCalendar
from peygir.notifications.delivery import DeliveryResult, deliver_all
from peygir.notifications.outbox import Outbox
from peygir.notifications.recipients import (
    HEAD_ROLES,
    LIAISON_ROLES,
    PROVINCE_ROLES,
    SUPERVISOR_ROLES,
    Directory,
    Recipient,
    merge,
)

from . import events, sources
from .models import Action, EscalationStep
from .notify import action_path, escalation_message

logger = logging.getLogger("peygir.escalation")
Step = EscalationStep.Step
BATCH_SIZE = 500
ROW_FIELDS = (
    "id",
    "title",
    "deadline",
    "escalation_level",
    "responsible_organization_id",
    "responsible_organization__name",
    "responsible_organization__supervisor_id",
    "supervisor_organization_id",
    "issuer_organization_id",
    "territory__path",
    "source_kind",
    *(f"{field}_id" for field in sources.source_fields()),
)


@dataclass(frozen=True)
class Ladder:
    """The dates that decide which rung is due, for one day of one calendar."""

    today: dt.date
    reminder_until: dt.date
    supervisor_cutoff: dt.date  # deadlines on or before it are late enough for the supervisor
    province_cutoff: dt.date

    @classmethod
    def for_day(cls, day: dt.date, calendar: WorkingCalendar) -> Ladder:
        yesterday = day - dt.timedelta(days=1)
        supervisor = min(calendar.add_working_days(day, -settings.PEYGIR_SUPERVISOR_DELAY_DAYS), yesterday)
        province = min(calendar.add_working_days(day, -settings.PEYGIR_PROVINCE_DELAY_DAYS), supervisor)
        return cls(
            today=day,
            reminder_until=calendar.add_working_days(day, settings.PEYGIR_REMINDER_DAYS),
            supervisor_cutoff=supervisor,
            province_cutoff=province,
        )

    def candidates_q(self) -> Q:
        """Pending actions whose next rung is due: one indexed range per rung."""
        return Q(status__in=Action.PENDING_STATUSES, deadline__isnull=False) & (
            Q(deadline__gte=self.today, deadline__lte=self.reminder_until, escalation_level__lt=Step.REMINDER)
            | Q(
                deadline__lt=self.today,
                deadline__gt=self.supervisor_cutoff,
                escalation_level__lt=Step.OVERDUE_HEAD,
            )
            | Q(
                deadline__lte=self.supervisor_cutoff,
                deadline__gt=self.province_cutoff,
                escalation_level__lt=Step.SUPERVISOR,
            )
            | Q(deadline__lte=self.province_cutoff, escalation_level__lt=Step.PROVINCE)
        )

    def due_steps(self, deadline: dt.date, level: int) -> list[int]:
        """The rungs above `level` that are due for this deadline, lowest first."""
        if deadline >= self.today:
            steps = [Step.REMINDER] if deadline <= self.reminder_until else []
        else:
            steps = [Step.OVERDUE_HEAD]
            if deadline <= self.supervisor_cutoff:
                steps.append(Step.SUPERVISOR)
            if deadline <= self.province_cutoff:
                steps.append(Step.PROVINCE)
        return [int(step) for step in steps if step > level]


@dataclass
class ScanResult:
    as_of: dt.date
    actions: int = 0
    batches: int = 0
    steps: Counter = field(default_factory=Counter)
    # Actions the sources created in their periodic work (`ActionSource.on_scan`), per kind.
    created: Counter = field(default_factory=Counter)
    notifications: int = 0
    messages: int = 0
    delivered: DeliveryResult | None = None

    @property
    def total_steps(self) -> int:
        return sum(self.steps.values())


@dataclass
class _Plan:
    """What one action gets in this scan."""

    action_id: int
    target_level: int
    steps: list[tuple[int, list[Recipient]]]


class _Scanner:
    def __init__(self, ladder: Ladder, calendar: WorkingCalendar) -> None:
        self.ladder = ladder
        self.calendar = calendar
        self.directory = Directory()
        self._days: dict[dt.date, int] = {}

    def working_days(self, deadline: dt.date) -> int:
        """Working days to (or past) the deadline, memoized: a scan sees few distinct deadlines."""
        if deadline not in self._days:
            today = self.ladder.today
            if deadline >= today:
                self._days[deadline] = self.calendar.working_days_between(today, deadline)
            else:
                self._days[deadline] = self.calendar.working_days_between(deadline, today)
        return self._days[deadline]

    def recipients(self, row: Any, step: int) -> list[Recipient]:
        d = self.directory
        responsible = row.responsible_organization_id
        if step == Step.REMINDER:
            return merge(d.members(responsible, LIAISON_ROLES) or d.members(responsible, HEAD_ROLES))
        if step == Step.OVERDUE_HEAD:
            return merge(d.members(responsible, HEAD_ROLES), d.members(responsible, LIAISON_ROLES))
        if step == Step.SUPERVISOR:
            supervisor = (
                row.supervisor_organization_id
                or row.responsible_organization__supervisor_id
                or row.issuer_organization_id
            )
            if supervisor == responsible:
                supervisor = row.issuer_organization_id
            # A supervising organization nobody of which uses Peygir yet (a county governorate without
            # its deputy) would take the rung in silence: the issuer's people hear of it instead.
            return merge(d.members(supervisor, SUPERVISOR_ROLES)) or merge(
                d.members(row.issuer_organization_id, SUPERVISOR_ROLES)
            )
        offices = d.province_offices(_province_id(row.territory__path))
        return merge(*(d.members(office, PROVINCE_ROLES) for office in offices))

    def preload(self, rows: list[Any]) -> None:
        """Members of every organization the batch will ask about, in a few queries."""
        self.directory.load(
            pk
            for row in rows
            for pk in (
                row.responsible_organization_id,
                row.responsible_organization__supervisor_id,
                row.supervisor_organization_id,
                row.issuer_organization_id,
            )
        )
        self.directory.load_province_offices(_province_id(row.territory__path) for row in rows)

    def process(self, rows: list[Any], result: ScanResult) -> None:
        """One batch, inside the caller's transaction."""
        self.preload(rows)
        ids = [row.id for row in rows]
        done = set(
            EscalationStep.objects.filter(action_id__in=ids).values_list("action_id", "step", "deadline")
        )
        plans = [_plan_action(row, self, done) for row in rows]
        steps, history, outbox = [], [], Outbox()
        rungs: dict[str, list[sources.EscalatedAction]] = defaultdict(list)
        as_of = self.ladder.today
        for row, plan in zip(rows, plans, strict=True):
            for step, recipients in plan.steps:
                steps.append(EscalationStep(action_id=row.id, step=step, deadline=row.deadline, as_of=as_of))
                history.append(
                    events.escalated(
                        action_id=row.id,
                        step=step,
                        step_name=Step(step).name.lower(),
                        deadline=row.deadline,
                        as_of=as_of,
                        recipients=[r.user_id for r in recipients],
                    )
                )
                rungs[row.source_kind].append(
                    sources.EscalatedAction(
                        action_id=row.id,
                        source_id=_source_id(row),
                        step=step,
                        deadline=row.deadline,
                        as_of=as_of,
                    )
                )
                title, body = escalation_message(
                    step=step,
                    title=row.title,
                    organization=row.responsible_organization__name,
                    deadline=row.deadline,
                    working_days=self.working_days(row.deadline),
                )
                for recipient in recipients:
                    outbox.add(
                        recipient=recipient,
                        url=action_path(row.id),
                        subject=f"action:{row.id}",
                        kind=f"escalation.{Step(step).name.lower()}",
                        title=title,
                        body=body,
                        dedupe=f"esc:{row.id}:{step}:{row.deadline.isoformat()}",
                        sms=step >= Step.OVERDUE_HEAD,
                    )
                result.steps[step] += 1
        # The unique constraint stays the last guard: rows are locked and checked above, so a
        # conflict here means a bug, and it rolls the whole batch back rather than notify twice.
        EscalationStep.objects.bulk_create(steps, batch_size=BATCH_SIZE)
        events.write_batch(history, batch_size=BATCH_SIZE)
        notifications, messages = outbox.flush()
        # Then each source hears of the rungs its actions reached, in the same transaction.
        for kind, reached in rungs.items():
            sources.get(kind).on_escalation(reached)
        result.notifications += notifications
        result.messages += messages
        by_level: dict[int, list[int]] = defaultdict(list)
        for row, plan in zip(rows, plans, strict=True):
            if plan.target_level != row.escalation_level:
                by_level[plan.target_level].append(row.id)
        for level, level_ids in by_level.items():
            Action.objects.filter(pk__in=level_ids).update(escalation_level=level)
        result.actions += len(rows)


def _source_id(row: Any) -> int | None:
    field = sources.get(row.source_kind).field
    return getattr(row, f"{field}_id") if field else None


def _province_id(path: str | None) -> int | None:
    parts = [part for part in (path or "").split("/") if part]
    return int(parts[1]) if len(parts) > 1 else None


def _plan_action(row: Any, scanner: _Scanner, done: set[tuple[int, int, dt.date]]) -> _Plan:
    """The rungs this action reaches now that are not recorded yet, and who hears of each."""
    due = scanner.ladder.due_steps(row.deadline, row.escalation_level)
    target = max([row.escalation_level, *due])
    steps = [
        (step, scanner.recipients(row, step)) for step in due if (row.id, step, row.deadline) not in done
    ]
    return _Plan(action_id=row.id, target_level=target, steps=steps)


def scan(
    *,
    as_of: dt.date | None = None,
    batch_size: int = BATCH_SIZE,
    deliver: bool = True,
    calendar: WorkingCalendar | None = None,
) -> ScanResult:
    """Climb the ladder for every action whose next rung is due on `as_of` (default: today)."""
    as_of = as_of or local_today()
    calendar = calendar or WorkingCalendar()
    ladder = Ladder.for_day(as_of, calendar)
    scanner = _Scanner(ladder, calendar)
    result = ScanResult(as_of=as_of)
    # Sources' periodic work first (a recurring duty's new action then meets the ladder today).
    for adapter in sources.all_sources():
        created = adapter.on_scan(as_of)
        if created:
            result.created[adapter.kind] += created
    # The candidates' ids first, from the partial escalation index alone (an ordered walk of the primary
    # key, which the planner preferred, read the whole table at a million actions), then batches.
    candidates = Action.objects.filter(ladder.candidates_q())
    ids = sorted(candidates.order_by().values_list("pk", flat=True))
    for start in range(0, len(ids), batch_size):
        with transaction.atomic():
            # Locked so a concurrent deadline change waits for the batch (and a second scanner
            # skips it); re-read inside the transaction so the step check below sees the truth.
            rows = list(
                candidates.filter(pk__in=ids[start : start + batch_size])
                .order_by("pk")
                .select_for_update(skip_locked=True, of=("self",))
                .values_list(*ROW_FIELDS, named=True)
            )
            if rows:
                scanner.process(rows, result)
        result.batches += 1
    logger.debug(
        "escalation scan %s: %d actions, steps %s", as_of.isoformat(), result.actions, dict(result.steps)
    )
    if deliver:
        result.delivered = deliver_all()
    # The health page and /readyz show when the scan last finished (a scan that died does not beat).
    heartbeat.beat("escalation_scan", as_of=as_of.isoformat(), actions=result.actions, batches=result.batches)
    return result
