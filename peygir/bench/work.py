"""The work a deployment carries: citizens' demands, resolutions and the actions with their histories.

Histories follow the action services' state machine (open → in progress → reported done → verified,
rejected back, cancelled) and write the same ActionUpdate/ActionEvent rows the services write, dated
between the action's creation and today. Pending actions whose deadline has passed carry the
escalation rungs a daily scan would have recorded up to yesterday, so the benchmark's scan measures a
real day's work, not five years of catch-up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from peygir.actions.escalation import Ladder
from peygir.actions.models import Action, ActionEvent, ActionUpdate, EscalationStep
from peygir.committees.models import Resolution
from peygir.core.text import normalize_text
from peygir.core.workdays import WorkingCalendar

from . import vocab
from .context import Context, Org
from .meetings_gen import MeetingRow
from .plan import SHOWCASE_RESOLUTIONS

S = Action.Status
CHUNK = 20_000
DEADLINE_TEXTS = ((1, "یک ماه"), (2, "دو ماه"), (3, "سه ماه"), (6, "شش ماه"))
ACTION_FIELDS = [
    "id", "title", "description", "title_normalized", "source_kind", "resolution", "demand",
    "responsible_organization", "issuer_organization", "supervisor_organization", "verifier", "territory",
    "deadline", "deadline_text", "status", "progress", "cancel_reason", "escalation_level", "version",
    "created_by", "created_at", "updated_at", "reported_done_at", "closed_at", "territory_path",
]  # fmt: skip
UPDATE_FIELDS = ["id", "action", "kind", "author", "organization", "text", "progress", "created_at"]
EVENT_FIELDS = ["id", "action", "kind", "actor", "from_status", "to_status", "data", "created_at"]


@lru_cache(maxsize=200_000)
def _normalized(text: str) -> str:
    return normalize_text(text)


class History:
    """Collects an action's rows; ids come from the writer's allocations, in generation order."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.actions: list[tuple] = []
        self.updates: list[tuple] = []
        self.events: list[tuple] = []
        self.steps: list[tuple] = []
        self.update_id = ctx.writer.first_id(ActionUpdate)
        self.event_id = ctx.writer.first_id(ActionEvent)
        self.step_id = ctx.writer.first_id(EscalationStep)
        self.ladder = Ladder.for_day(ctx.today - dt.timedelta(days=1), WorkingCalendar())
        self._due: dict[dt.date, list[int]] = {}

    def event(self, action_id: int, kind: str, actor: Any, at: dt.datetime, frm="", to="", **data) -> None:
        self.events.append((self.event_id, action_id, kind, actor, frm, to, data, at))
        self.event_id += 1

    def update(self, action_id: int, kind: str, author: Any, org: int, text: str, progress, at) -> int:
        self.updates.append((self.update_id, action_id, kind, author, org, text, progress, at))
        self.update_id += 1
        return self.update_id - 1

    def build(
        self,
        *,
        action_id: int,
        status: str,
        created: dt.datetime,
        deadline: dt.date,
        responsible: Org,
        author: int | None,
        verifier: int | None,
        rejected: bool,
    ) -> dict[str, Any]:
        """Write the history that leads to `status`; returns the action's derived fields."""
        first_update = self.update_id
        out = self._build(action_id, status, created, deadline, responsible, author, verifier, rejected)
        out["version"] = 1 + self.update_id - first_update
        return out

    def _build(self, action_id, status, created, deadline, responsible, author, verifier, rejected) -> dict:
        rng, ctx = self.ctx.rng, self.ctx
        end = min(ctx.now, ctx.at(deadline) + dt.timedelta(days=rng.randrange(-20, 40)))
        if end <= created:
            end = created + dt.timedelta(hours=2)
        span = (end - created).total_seconds()

        def moment(fraction: float) -> dt.datetime:
            return created + dt.timedelta(seconds=int(span * fraction))

        self.event(action_id, "created", author, created, to=S.OPEN, deadline=deadline.isoformat())
        out = {"progress": 0, "reported": None, "closed": None, "cancel": "", "updated": created}
        if status == S.OPEN:
            return out
        liaison = ctx.liaison_of.get(responsible.id)
        if status == S.CANCELLED and rng.random() < 0.5:
            at = moment(0.5)
            reason = "موضوع با تصمیم جلسه بعد منتفی شد."
            self.update(action_id, "cancel", verifier, None, reason, None, at)
            self.event(action_id, "status", verifier, at, S.OPEN, S.CANCELLED, reason=reason)
            out.update(cancel=reason, closed=at, updated=at)
            return out
        progress = rng.choice((20, 30, 40, 50, 60, 70))
        at = moment(0.3)
        uid = self.update(
            action_id, "progress", liaison, responsible.id, "گزارش پیشرفت کار ارسال شد.", progress, at
        )
        self.event(action_id, "status", liaison, at, S.OPEN, S.IN_PROGRESS)
        self.event(action_id, "progress", liaison, at, progress=progress, update=uid, files=0)
        out.update(progress=progress, updated=at)
        if status == S.IN_PROGRESS and not rejected:
            return out
        current = S.IN_PROGRESS
        if rejected:
            at = moment(0.5)
            self.update(action_id, "report_done", liaison, responsible.id, "اقدام انجام شد.", 100, at)
            self.event(action_id, "status", liaison, at, S.IN_PROGRESS, S.REPORTED_DONE)
            at = moment(0.6)
            reason = "مستندات کافی نیست؛ گزارش تکمیلی ارسال شود."
            self.update(action_id, "reject", verifier, None, reason, None, at)
            self.event(action_id, "status", verifier, at, S.REPORTED_DONE, S.IN_PROGRESS, reason=reason)
            out.update(progress=100, updated=at)
            if status == S.IN_PROGRESS:
                return out
        if status == S.CANCELLED:
            at = moment(0.8)
            reason = "مسئولیت به دستگاه دیگری واگذار شد."
            self.update(action_id, "cancel", verifier, None, reason, None, at)
            self.event(action_id, "status", verifier, at, current, S.CANCELLED, reason=reason)
            out.update(cancel=reason, closed=at, updated=at)
            return out
        at = moment(0.85)
        self.update(action_id, "report_done", liaison, responsible.id, "اقدام با مستندات انجام شد.", 100, at)
        self.event(action_id, "status", liaison, at, current, S.REPORTED_DONE)
        out.update(progress=100, reported=at, updated=at)
        if status == S.REPORTED_DONE:
            return out
        at = moment(1.0) + dt.timedelta(days=rng.randrange(1, 10))
        at = min(at, ctx.now)
        self.update(action_id, "verify", verifier, None, "", None, at)
        self.event(action_id, "status", verifier, at, S.REPORTED_DONE, S.VERIFIED)
        out.update(closed=at, updated=at)
        return out

    def escalate(self, action_id: int, deadline: dt.date, status: str) -> int:
        """Rungs a daily scan would have recorded up to yesterday; returns the escalation level."""
        if status not in Action.PENDING_STATUSES:
            return 0
        if deadline not in self._due:
            self._due[deadline] = self.ladder.due_steps(deadline, 0)
        steps = self._due[deadline]
        for step in steps:
            self.steps.append((self.step_id, action_id, step, deadline, self.ladder.today, self.ctx.now))
            self.step_id += 1
            self.event(action_id, "escalated", None, self.ctx.now, step=step, deadline=deadline.isoformat())
        return max(steps, default=0)

    def flush(self) -> None:
        w = self.ctx.writer
        w.write(Action, ACTION_FIELDS, self.actions)
        w.write(ActionUpdate, UPDATE_FIELDS, self.updates)
        w.write(ActionEvent, EVENT_FIELDS, self.events)
        w.write(EscalationStep, ["id", "action", "step", "deadline", "as_of", "created_at"], self.steps)
        w.allocate(ActionUpdate, self.update_id - w.first_id(ActionUpdate))
        w.allocate(ActionEvent, self.event_id - w.first_id(ActionEvent))
        w.allocate(EscalationStep, self.step_id - w.first_id(EscalationStep))
        self.actions, self.updates, self.events, self.steps = [], [], [], []


def pick_status(rng: Any, deadline: dt.date, today: dt.date) -> str:
    """Old work is mostly verified; recent work mostly open or in progress; every status occurs."""
    old = (today - deadline).days > 90
    weights = (7, 10, 5, 72, 6) if old else (35, 35, 15, 12, 3)
    return rng.choices((S.OPEN, S.IN_PROGRESS, S.REPORTED_DONE, S.VERIFIED, S.CANCELLED), weights)[0]


def action_row(ctx: Context, action_id: int, fields: dict[str, Any], derived: dict[str, Any]) -> tuple:
    return (
        action_id, fields["title"], "", _normalized(fields["title"]), fields["source_kind"],
        fields.get("resolution"), fields.get("demand"), fields["responsible"], fields["issuer"],
        fields.get("supervisor"), fields["verifier"] if fields["status"] == S.VERIFIED else None,
        fields["territory"], fields["deadline"], fields["deadline_text"], fields["status"],
        derived["progress"], derived["cancel"], fields["escalation_level"], derived["version"],
        fields["author"], fields["created"], derived["updated"], derived["reported"], derived["closed"],
        fields["territory_path"],
    )  # fmt: skip


# ---------------------------------------------------------------- resolutions


def resolutions(ctx: Context, meetings: list[MeetingRow], demand_actions: int) -> None:
    """Resolutions spread over held meetings (one showcase meeting gets exactly 20) and their actions."""
    rng, writer, plan = ctx.rng, ctx.writer, ctx.plan
    total = plan.resolutions
    per_meeting = [0] * len(meetings)
    # The showcase: the latest approved meeting of the first committee (the minutes PDF target).
    showcase = max(i for i, m in enumerate(meetings) if m.committee is meetings[0].committee)
    showcase = max(0, showcase - 2)
    per_meeting[showcase] = SHOWCASE_RESOLUTIONS
    for _ in range(total - SHOWCASE_RESOLUTIONS):
        index = rng.randrange(len(meetings))
        while index == showcase:
            index = rng.randrange(len(meetings))
        per_meeting[index] += 1
    budget = max(total, plan.actions - demand_actions)
    per_resolution = [budget // total] * total
    for _ in range(budget - sum(per_resolution)):
        per_resolution[rng.randrange(total)] += 1
    for _ in range(total // 3):  # unevenness: some rows name one agency, some several
        a, b = rng.randrange(total), rng.randrange(total)
        if per_resolution[a] > 1 and per_resolution[b] < 8:
            per_resolution[a] -= 1
            per_resolution[b] += 1
    resolution_id = writer.allocate(Resolution, total)
    action_id = writer.allocate(Action, budget)
    history = History(ctx)
    rows: list[tuple] = []
    r = 0
    for meeting, count in zip(meetings, per_meeting, strict=True):
        province = ctx.provinces[meeting.committee.province]
        staff = province.staff_user_ids or [None]
        for number in range(1, count + 1):
            months, deadline_text = rng.choice(DEADLINE_TEXTS)
            deadline = meeting.day + dt.timedelta(days=30 * months)
            responsible = _responsible(rng, meeting, province, per_resolution[r])
            task = rng.choice(vocab.TASKS)
            text = f"{rng.choice(vocab.SUBJECTS)}، {rng.choice(vocab.VERBS)} {task}"
            responsible_text = "، ".join(o.name for o in responsible)[:500]
            created = ctx.at(meeting.day, 14)
            rows.append(
                (resolution_id, meeting.id, rng.choice(meeting.items), None, number, "", "", text)
                + (_normalized(text), deadline, deadline_text, responsible_text, created)
            )
            issuer = meeting.committee.secretariat
            for org in responsible:
                status = pick_status(rng, deadline, ctx.today)
                author, verifier = rng.choice(staff), rng.choice(staff)
                derived = history.build(
                    action_id=action_id,
                    status=status,
                    created=created,
                    deadline=deadline,
                    responsible=org,
                    author=author,
                    verifier=verifier,
                    rejected=status in (S.IN_PROGRESS, S.VERIFIED) and rng.random() < 0.1,
                )
                fields = {
                    "title": f"{org.name}: {task}"[:500],
                    "source_kind": "resolution",
                    "resolution": resolution_id,
                    "responsible": org.id,
                    "issuer": issuer.id,
                    "verifier": verifier,
                    "territory": org.territory_id
                    if org.path.startswith(issuer.path)
                    else issuer.territory_id,
                    "territory_path": org.path if org.path.startswith(issuer.path) else issuer.path,
                    "deadline": deadline,
                    "deadline_text": deadline_text,
                    "status": status,
                    "escalation_level": history.escalate(action_id, deadline, status),
                    "author": author,
                    "created": created,
                }
                history.actions.append(action_row(ctx, action_id, fields, derived))
                action_id += 1
            resolution_id += 1
            r += 1
            if len(history.actions) >= CHUNK:
                _flush(ctx, rows, history)
                rows = []
    _flush(ctx, rows, history)


def _flush(ctx: Context, rows: list[tuple], history: History) -> None:
    fields = ["id", "meeting", "agenda_item", "parent", "number", "label", "preamble", "text"]
    fields += ["text_normalized", "deadline", "deadline_text", "responsible_text", "created_at"]
    ctx.writer.write(Resolution, fields, rows)
    history.flush()


def _responsible(rng: Any, meeting: MeetingRow, province: Any, count: int) -> list[Org]:
    """`count` distinct organizations: the committee's members first, then the province's agencies."""
    pool = list(meeting.committee.members)
    rng.shuffle(pool)
    chosen = pool[:count]
    others = [a for a in province.agencies if a not in chosen]
    while len(chosen) < count and others:
        chosen.append(others.pop(rng.randrange(len(others))))
    return chosen


def iter_chunks(total: int, size: int = CHUNK) -> Iterator[tuple[int, int]]:
    for start in range(0, total, size):
        yield start, min(size, total - start)
