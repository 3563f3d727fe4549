"""What the responsible organization can say besides "progress" and "done": it asks for more time or
reports an obstacle; the issuer answers.

- `extension_request`: a reason and a proposed date, while the action is pending; one request awaits
  an answer at a time.
- `extension_accept`: the deadline becomes the proposed date and the escalation ladder restarts (its
  steps are unique per deadline, and the action's rung goes back to 0).
- `extension_refuse`: with a reason; the deadline stays.
- `obstacle_report`: what blocks and which other organization is needed; open obstacles show on the
  issuer's start page until the issuer (or the reporter) clears them.

Same shape as `services.py`: `check_*` authorizes by the spine's rules, `do_*` locks and writes, and
every change writes its ActionEvent and tells the people concerned and the source in one transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from peygir.core.errors import NotAllowed, ValidationError
from peygir.core.jalali import format_jalali
from peygir.core.jalali import today as local_today
from peygir.core.text import check_text
from peygir.core.versioning import lock_row, save_versioned
from peygir.organizations.access import get_scope
from peygir.organizations.models import Organization

from . import access as action_access
from . import events
from .models import Action, ExtensionRequest, Obstacle
from .services import MAX_TEXT, _lock, _tell, _user, check_can_report, check_can_verify

S = Action.Status
R = ExtensionRequest.Status


def _reporting_org(user: Any, action: Action) -> int | None:
    scope = get_scope(user)
    if action.responsible_organization_id in scope.org_ids:
        return action.responsible_organization_id
    return next(iter(sorted(scope.org_ids)), None)


def _pending(action: Action) -> None:
    if action.status not in Action.PENDING_STATUSES:
        raise ValidationError(
            {"status": _("برای اقدامی با وضعیت «%(s)s» این کار ممکن نیست.") % {"s": S(action.status).label}}
        )


# ---------------------------------------------------------------- extension


@transaction.atomic
def extension_request(
    *, action: Action, user: Any, reason: str, proposed: dt.date | None, expected_version: int | None = None
) -> ExtensionRequest:
    check_can_report(user, action)
    return do_extension_request(
        action=action, user=user, reason=reason, proposed=proposed, expected_version=expected_version
    )


@transaction.atomic
def do_extension_request(
    *, action: Action, user: Any, reason: str, proposed: dt.date | None, expected_version: int | None = None
) -> ExtensionRequest:
    action = _lock(action, expected_version)
    _pending(action)
    reason = check_text(reason, field="reason", required=True, limit=MAX_TEXT)
    if proposed is None:
        raise ValidationError({"proposed": _("مهلت پیشنهادی را وارد کنید.")})
    if proposed < local_today() or (action.deadline is not None and proposed <= action.deadline):
        raise ValidationError({"proposed": _("مهلت پیشنهادی باید پس از مهلت کنونی و امروز باشد.")})
    if action.extension_requests.filter(status=R.PENDING).exists():
        raise ValidationError(
            {"proposed": _("درخواست تمدید دیگری برای این اقدام در انتظار پاسخ صادرکننده است.")}
        )
    request = ExtensionRequest.objects.create(
        action=action,
        organization_id=_reporting_org(user, action),
        requested_by=_user(user),
        reason=reason,
        deadline_before=action.deadline,
        proposed_deadline=proposed,
    )
    events.extension_requested(action, user, request_id=request.pk, proposed=proposed, reason=reason)
    save_versioned(action)
    text = f"{reason}\n" + _("مهلت پیشنهادی: %(d)s") % {"d": format_jalali(proposed)}
    _tell(action, "extension_requested", user, text)
    return request


def _lock_request(request: ExtensionRequest, action: Action) -> ExtensionRequest:
    locked = lock_row(ExtensionRequest.objects.all(), request.pk)
    if locked.action_id != action.pk:
        raise NotAllowed
    if locked.status != R.PENDING:
        raise ValidationError({"request": _("به این درخواست تمدید پیش‌تر پاسخ داده شده است.")})
    return locked


@transaction.atomic
def extension_decide(
    *,
    request: ExtensionRequest,
    user: Any,
    accept: bool,
    reason: str = "",
    expected_version: int | None = None,
) -> ExtensionRequest:
    """The issuer's answer: accept (the deadline moves, the ladder restarts) or refuse with a reason."""
    check_can_verify(user, request.action)
    return do_extension_decide(
        request=request, user=user, accept=accept, reason=reason, expected_version=expected_version
    )


@transaction.atomic
def do_extension_decide(
    *,
    request: ExtensionRequest,
    user: Any,
    accept: bool,
    reason: str = "",
    expected_version: int | None = None,
) -> ExtensionRequest:
    action = _lock(request.action, expected_version)
    request = _lock_request(request, action)
    reason = check_text(reason, field="reason", required=not accept, limit=MAX_TEXT)
    if accept:
        _pending(action)
    request.status = R.ACCEPTED if accept else R.REFUSED
    request.decided_by = _user(user)
    request.decision_reason = reason
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "decided_by", "decision_reason", "decided_at"])
    if accept:
        before = action.deadline
        action.deadline = request.proposed_deadline
        action.deadline_text = ""
        action.escalation_level = 0
        events.extension_accepted(action, user, request_id=request.pk, before=before, reason=reason)
        save_versioned(action, "deadline", "deadline_text", "escalation_level")
        note = _("درخواست تمدید پذیرفته شد.") + (f" {reason}" if reason else "")
        _tell(action, "deadline_changed", user, note)
    else:
        events.extension_refused(
            action, user, request_id=request.pk, proposed=request.proposed_deadline, reason=reason
        )
        save_versioned(action)
        _tell(action, "extension_refused", user, reason)
    return request


# ---------------------------------------------------------------- obstacles


@transaction.atomic
def obstacle_report(
    *,
    action: Action,
    user: Any,
    text: str,
    needed: Organization | None = None,
    expected_version: int | None = None,
) -> Obstacle:
    check_can_report(user, action)
    return do_obstacle_report(
        action=action, user=user, text=text, needed=needed, expected_version=expected_version
    )


@transaction.atomic
def do_obstacle_report(
    *,
    action: Action,
    user: Any,
    text: str,
    needed: Organization | None = None,
    expected_version: int | None = None,
) -> Obstacle:
    action = _lock(action, expected_version)
    _pending(action)
    text = check_text(text, field="text", required=True, limit=MAX_TEXT)
    if needed is not None and (not needed.is_active or needed.pk == action.responsible_organization_id):
        raise ValidationError({"needed": _("دستگاه دیگری را که همکاری آن لازم است انتخاب کنید.")})
    obstacle = Obstacle.objects.create(
        action=action,
        organization_id=_reporting_org(user, action),
        reported_by=_user(user),
        text=text,
        needed_organization=needed,
    )
    events.obstacle_reported(
        action,
        user,
        obstacle_id=obstacle.pk,
        text=text,
        needed=needed.pk if needed else None,
        needed_name=needed.name if needed else "",
    )
    save_versioned(action)
    body = text + (("\n" + _("همکاری لازم: %(o)s") % {"o": needed.name}) if needed else "")
    _tell(action, "obstacle", user, body)
    return obstacle


def check_obstacle_clear(user: Any, obstacle: Obstacle) -> None:
    """The issuer, or the organization that reported it, says the obstacle is gone."""
    action = obstacle.action
    if not (
        action_access.can_verify_action(user, action) or action_access.can_report_on_action(user, action)
    ):
        raise NotAllowed


@transaction.atomic
def obstacle_clear(
    *, obstacle: Obstacle, user: Any, reason: str = "", expected_version: int | None = None
) -> Obstacle:
    check_obstacle_clear(user, obstacle)
    return do_obstacle_clear(obstacle=obstacle, user=user, reason=reason, expected_version=expected_version)


@transaction.atomic
def do_obstacle_clear(
    *, obstacle: Obstacle, user: Any, reason: str = "", expected_version: int | None = None
) -> Obstacle:
    action = _lock(obstacle.action, expected_version)
    obstacle = lock_row(Obstacle.objects.all(), obstacle.pk)
    if obstacle.action_id != action.pk:
        raise NotAllowed
    if obstacle.cleared_at is not None:
        raise ValidationError({"obstacle": _("این مانع پیش‌تر رفع شده است.")})
    reason = check_text(reason, field="reason", limit=MAX_TEXT)
    obstacle.cleared_at = timezone.now()
    obstacle.cleared_by = _user(user)
    obstacle.save(update_fields=["cleared_at", "cleared_by"])
    events.obstacle_cleared(action, user, obstacle_id=obstacle.pk, reason=reason)
    save_versioned(action)
    _tell(action, "obstacle_cleared", user, reason)
    return obstacle
