"""The action's history: one named writer per kind of event, the only code that writes ActionEvent.

Each writer appends one row in the caller's transaction. The kinds are `ActionEvent.Kind`, beside
the model; the data each kind carries is fixed here, so the timeline and the API read one shape.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .models import Action, ActionEvent

Kind = ActionEvent.Kind


def _actor(user: Any) -> Any:
    return user if getattr(user, "pk", None) else None


def _write(action: Action, kind: str, actor: Any, *, from_status: str = "", to_status: str = "", **data: Any):
    return ActionEvent.objects.create(
        action=action, kind=kind, actor=_actor(actor), from_status=from_status, to_status=to_status, data=data
    )


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def created(action: Action, actor: Any) -> ActionEvent:
    return _write(
        action,
        Kind.CREATED,
        actor,
        to_status=action.status,
        deadline=_iso(action.deadline),
        responsible=action.responsible_organization_id,
    )


def status_changed(action: Action, actor: Any, *, from_status: str, reason: str = "") -> ActionEvent:
    data = {"reason": reason} if reason else {}
    return _write(action, Kind.STATUS, actor, from_status=from_status, to_status=action.status, **data)


def progress_reported(action: Action, actor: Any, *, update_id: int, files: int) -> ActionEvent:
    return _write(action, Kind.PROGRESS, actor, progress=action.progress, update=update_id, files=files)


def deadline_changed(action: Action, actor: Any, *, before: dt.date | None, reason: str) -> ActionEvent:
    return _write(
        action, Kind.DEADLINE, actor, before=_iso(before), after=_iso(action.deadline), reason=reason
    )


def retitled(action: Action, actor: Any, *, before: str, reason: str = "") -> ActionEvent:
    return _write(action, Kind.RETITLED, actor, title_before=before, title_after=action.title, reason=reason)


def extension_requested(action: Action, actor: Any, *, request_id: int, proposed: dt.date, reason: str):
    return _write(
        action,
        Kind.EXTENSION_REQUESTED,
        actor,
        request=request_id,
        before=_iso(action.deadline),
        proposed=_iso(proposed),
        reason=reason,
    )


def extension_accepted(
    action: Action, actor: Any, *, request_id: int, before: dt.date | None, reason: str
) -> ActionEvent:
    """The deadline moved to the request's date (the ladder restarts: steps are unique per deadline)."""
    return _write(
        action,
        Kind.EXTENSION_ACCEPTED,
        actor,
        request=request_id,
        before=_iso(before),
        after=_iso(action.deadline),
        reason=reason,
    )


def extension_refused(action: Action, actor: Any, *, request_id: int, proposed: dt.date, reason: str):
    return _write(
        action, Kind.EXTENSION_REFUSED, actor, request=request_id, proposed=_iso(proposed), reason=reason
    )


def obstacle_reported(
    action: Action, actor: Any, *, obstacle_id: int, text: str, needed: int | None, needed_name: str
) -> ActionEvent:
    return _write(
        action,
        Kind.OBSTACLE,
        actor,
        obstacle=obstacle_id,
        text=text,
        needed=needed,
        needed_name=needed_name,
    )


def obstacle_cleared(action: Action, actor: Any, *, obstacle_id: int, reason: str) -> ActionEvent:
    return _write(action, Kind.OBSTACLE_CLEARED, actor, obstacle=obstacle_id, reason=reason)


def supporter_changed(
    action: Action, actor: Any, *, organization: Any, added: bool, reason: str
) -> ActionEvent:
    kind = Kind.SUPPORTER_ADDED if added else Kind.SUPPORTER_REMOVED
    return _write(action, kind, actor, organization=organization.pk, name=organization.name, reason=reason)


def escalated(
    *, action_id: int, step: int, step_name: str, deadline: dt.date, as_of: dt.date, recipients: list[int]
) -> ActionEvent:
    """An unsaved row: the escalation scan writes a whole batch of them with one bulk insert."""
    return ActionEvent(
        action_id=action_id,
        kind=Kind.ESCALATED,
        actor=None,
        data={
            "step": step,
            "step_name": step_name,
            "deadline": deadline.isoformat(),
            "as_of": as_of.isoformat(),
            "recipients": recipients,
        },
    )


def write_batch(events: list[ActionEvent], *, batch_size: int = 500) -> None:
    ActionEvent.objects.bulk_create(events, batch_size=batch_size)
