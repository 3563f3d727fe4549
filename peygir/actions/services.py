"""Writes to the spine. Every change writes its ActionEvent in the same transaction.

Status machine (DESIGN §4):
    open → in_progress → reported_done → verified
    reported_done → in_progress (rejected, with a reason)
    open / in_progress / reported_done → cancelled (with a reason)
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from peygir.core.errors import ConflictError, NotAllowed, ValidationError
from peygir.core.text import clean_input, normalize_text
from peygir.organizations import access
from peygir.organizations.models import Organization

from .evidence import validate_evidence_file
from .models import Action, ActionEvent, ActionUpdate, Evidence

S = Action.Status
TRANSITIONS: dict[str, set[str]] = {
    S.OPEN: {S.IN_PROGRESS, S.REPORTED_DONE, S.CANCELLED},
    S.IN_PROGRESS: {S.REPORTED_DONE, S.CANCELLED},
    S.REPORTED_DONE: {S.VERIFIED, S.IN_PROGRESS, S.CANCELLED},
    S.VERIFIED: set(),
    S.CANCELLED: set(),
}
MAX_TEXT = 5000


def action_territory(*, issuer: Organization, responsible: Organization):
    """The most specific territory that still lies inside the issuer's: county deputies see their county."""
    if responsible.territory.path.startswith(issuer.territory.path):
        return responsible.territory
    return issuer.territory


def _check_text(value: str, *, field: str, required: bool = False, limit: int = MAX_TEXT) -> str:
    text = clean_input(value)
    # Zero-width characters alone (a stray ZWNJ from a Persian keyboard) are not a text.
    if required and not "".join(ch for ch in text if unicodedata.category(ch) != "Cf").strip():
        raise ValidationError({field: _("این بخش را پر کنید.")})
    if len(text) > limit:
        raise ValidationError({field: _("متن بیش از %(limit)s نویسه است.") % {"limit": limit}})
    return text


def _check_version(action: Action, expected_version: int | None) -> None:
    if expected_version is not None and action.version != expected_version:
        raise ConflictError(
            _("این اقدام در این فاصله به‌دست کاربر دیگری تغییر کرده است؛ صفحه را دوباره باز کنید.")
        )


def _lock(action: Action) -> Action:
    """Re-read the action under a row lock so that two writers serialize."""
    return (
        Action.objects.select_for_update().select_related("issuer_organization__territory").get(pk=action.pk)
    )


def _begin(
    action: Action, user: Any, expected_version: int | None, *, allowed: Any, check_permission: bool = True
) -> Action:
    """Authorize, then lock the row and check the version the user saw: the start of every change.

    `check_permission=False` is for a source that authorized the user by its own rule first (a
    demand's office verifies and re-routes its demand's action; its agency answers "not ours").
    """
    if check_permission and not allowed(user, action):
        raise NotAllowed
    action = _lock(action)
    _check_version(action, expected_version)
    return action


def _event(action: Action, kind: str, actor: Any, *, from_status: str = "", to_status: str = "", **data: Any):
    return ActionEvent.objects.create(
        action=action, kind=kind, actor=actor, from_status=from_status, to_status=to_status, data=data
    )


def _move(action: Action, to_status: str, actor: Any, **data: Any) -> None:
    if to_status not in TRANSITIONS[action.status]:
        raise ValidationError(
            {
                "status": _("اقدامی با وضعیت «%(from)s» را نمی‌توان به «%(to)s» برد.")
                % {"from": S(action.status).label, "to": S(to_status).label}
            }
        )
    from_status = action.status
    action.status = to_status
    now = timezone.now()
    if to_status == S.REPORTED_DONE:
        action.reported_done_at = now
    if to_status in Action.CLOSED_STATUSES:
        action.closed_at = now
    _event(action, ActionEvent.Kind.STATUS, actor, from_status=from_status, to_status=to_status, **data)


def _save(action: Action, *fields: str) -> None:
    action.version = F("version") + 1
    action.save(update_fields=[*fields, "version", "updated_at"])
    action.refresh_from_db(fields=["version"])


def _notify(action: Action, event: str, actor: Any, text: str = "") -> None:
    """Tell people, and tell the source: a demand follows its action's status (explicit call, no signal)."""
    from peygir.notifications.services import notify_action_event

    notify_action_event(action=action, event=event, actor=actor, text=text)
    if action.demand_id is not None:
        from peygir.demands.sync import on_action_event

        on_action_event(action=action, event=event, actor=actor, text=text)


@transaction.atomic
def action_create(
    *,
    title: str,
    responsible: Organization,
    issuer: Organization,
    deadline: dt.date | None,
    deadline_text: str = "",
    description: str = "",
    resolution: Any = None,
    demand: Any = None,
    supervisor: Organization | None = None,
    supporting: list[Organization] | tuple[Organization, ...] = (),
    verifier: Any = None,
    created_by: Any = None,
    check_permission: bool = True,
) -> Action:
    """Create one action for one responsible organization.

    `resolution` set makes it a resolution's action, `demand` a citizen's demand's; otherwise it is a
    direct directive of the issuer. `supervisor` names the escalation's supervising level for this
    action when it is not the responsible organization's own supervisor.
    """
    if check_permission and created_by is not None and not access.can_issue_in(created_by, issuer):
        raise NotAllowed
    title = _check_text(title, field="title", required=True, limit=500)
    description = _check_text(description, field="description")
    if not responsible.is_active:
        raise ValidationError({"responsible": _("سازمان مسئول غیرفعال است.")})
    action = Action(
        title=title,
        title_normalized=normalize_text(title),
        description=description,
        source_kind=(
            Action.SourceKind.RESOLUTION
            if resolution is not None
            else Action.SourceKind.DEMAND
            if demand is not None
            else Action.SourceKind.DIRECTIVE
        ),
        resolution=resolution,
        demand=demand,
        supervisor_organization=supervisor,
        responsible_organization=responsible,
        issuer_organization=issuer,
        verifier=verifier,
        territory=action_territory(issuer=issuer, responsible=responsible),
        deadline=deadline,
        deadline_text=deadline_text[:100],
        created_by=created_by,
    )
    action.full_clean()
    action.save()
    supporting = [org for org in supporting if org.pk != responsible.pk]
    if supporting:
        action.supporting_organizations.set(supporting)
    _event(
        action,
        ActionEvent.Kind.CREATED,
        created_by,
        to_status=action.status,
        deadline=deadline.isoformat() if deadline else None,
        responsible=responsible.pk,
    )
    _notify(action, "created", created_by)
    return action


@transaction.atomic
def action_report_progress(
    *,
    action: Action,
    user: Any,
    text: str,
    progress: int | None = None,
    files: list[UploadedFile] | tuple[UploadedFile, ...] = (),
    expected_version: int | None = None,
) -> ActionUpdate:
    """The responsible organization reports progress, with optional evidence files."""
    action = _begin(action, user, expected_version, allowed=access.can_report_on_action)
    if action.status not in (S.OPEN, S.IN_PROGRESS):
        raise ValidationError(
            {
                "status": _("برای اقدامی با وضعیت «%(s)s» نمی‌توان پیشرفت ثبت کرد.")
                % {"s": S(action.status).label}
            }
        )
    text = _check_text(text, field="text", required=True)
    if progress is not None and not 0 <= progress <= 100:
        raise ValidationError({"progress": _("درصد پیشرفت باید بین ۰ و ۱۰۰ باشد.")})
    checked = [validate_evidence_file(f) for f in files]
    update = _write_update(action, ActionUpdate.Kind.PROGRESS, user, text, progress, checked)
    fields = []
    if progress is not None and progress != action.progress:
        action.progress = progress
        fields.append("progress")
    if action.status == S.OPEN:
        _move(action, S.IN_PROGRESS, user)
        fields.append("status")
    _event(
        action,
        ActionEvent.Kind.PROGRESS,
        user,
        progress=action.progress,
        update=update.pk,
        files=len(checked),
    )
    _save(action, *fields)
    _notify(action, "progress", user, text)
    return update


@transaction.atomic
def action_report_done(
    *,
    action: Action,
    user: Any,
    text: str,
    files: list[UploadedFile] | tuple[UploadedFile, ...] = (),
    expected_version: int | None = None,
    check_permission: bool = True,
) -> ActionUpdate:
    action = _begin(
        action, user, expected_version, allowed=access.can_report_on_action, check_permission=check_permission
    )
    text = _check_text(text, field="text", required=True)
    checked = [validate_evidence_file(f) for f in files]
    _move(action, S.REPORTED_DONE, user)
    update = _write_update(action, ActionUpdate.Kind.REPORT_DONE, user, text, 100, checked)
    action.progress = 100
    _save(action, "status", "progress", "reported_done_at")
    _notify(action, "reported_done", user, text)
    return update


@transaction.atomic
def action_verify(
    *,
    action: Action,
    user: Any,
    text: str = "",
    expected_version: int | None = None,
    check_permission: bool = True,
) -> Action:
    action = _begin(
        action, user, expected_version, allowed=access.can_verify_action, check_permission=check_permission
    )
    if action.status == S.VERIFIED:
        raise ValidationError({"status": _("این اقدام پیش‌تر تأیید شده است.")})
    if action.status != S.REPORTED_DONE:
        raise ValidationError({"status": _("تنها اقدامی را که انجام آن گزارش شده می‌توان تأیید کرد.")})
    text = _check_text(text, field="text")
    _move(action, S.VERIFIED, user)
    _write_update(action, ActionUpdate.Kind.VERIFY, user, text, None, [])
    if action.verifier_id is None:
        action.verifier = user
    _save(action, "status", "closed_at", "verifier")
    _notify(action, "verified", user, text)
    return action


@transaction.atomic
def action_reject(
    *,
    action: Action,
    user: Any,
    reason: str,
    expected_version: int | None = None,
    check_permission: bool = True,
) -> Action:
    """Send a reported-done action back to in-progress; the reason is required."""
    action = _begin(
        action, user, expected_version, allowed=access.can_verify_action, check_permission=check_permission
    )
    reason = _check_text(reason, field="reason", required=True)
    if action.status != S.REPORTED_DONE:
        raise ValidationError({"status": _("تنها اقدامی را که انجام آن گزارش شده می‌توان رد کرد.")})
    _move(action, S.IN_PROGRESS, user, reason=reason)
    _write_update(action, ActionUpdate.Kind.REJECT, user, reason, None, [])
    _save(action, "status")
    _notify(action, "rejected", user, reason)
    return action


@transaction.atomic
def action_cancel(
    *,
    action: Action,
    user: Any,
    reason: str,
    expected_version: int | None = None,
    check_permission: bool = True,
) -> Action:
    action = _begin(
        action, user, expected_version, allowed=access.can_verify_action, check_permission=check_permission
    )
    reason = _check_text(reason, field="reason", required=True)
    _move(action, S.CANCELLED, user, reason=reason)
    action.cancel_reason = reason
    _write_update(action, ActionUpdate.Kind.CANCEL, user, reason, None, [])
    _save(action, "status", "closed_at", "cancel_reason")
    _notify(action, "cancelled", user, reason)
    return action


@transaction.atomic
def action_change_deadline(
    *,
    action: Action,
    user: Any,
    deadline: dt.date,
    reason: str,
    deadline_text: str = "",
    expected_version: int | None = None,
    check_permission: bool = True,
) -> Action:
    """A new deadline restarts the escalation ladder (steps are unique per deadline)."""
    action = _begin(
        action, user, expected_version, allowed=access.can_verify_action, check_permission=check_permission
    )
    reason = _check_text(reason, field="reason", required=True)
    if action.is_closed:
        raise ValidationError({"deadline": _("مهلت اقدام بسته‌شده را نمی‌توان تغییر داد.")})
    old = action.deadline
    action.deadline = deadline
    action.deadline_text = deadline_text[:100]
    action.escalation_level = 0
    _event(
        action,
        ActionEvent.Kind.DEADLINE,
        user,
        before=old.isoformat() if old else None,
        after=deadline.isoformat(),
        reason=reason,
    )
    _save(action, "deadline", "deadline_text", "escalation_level")
    _notify(action, "deadline_changed", user, reason)
    return action


def _write_update(
    action: Action, kind: str, user: Any, text: str, progress: int | None, files: list
) -> ActionUpdate:
    scope = access.get_scope(user)
    org_id = (
        action.responsible_organization_id if action.responsible_organization_id in scope.org_ids else None
    )
    if org_id is None and scope.org_ids:
        org_id = next(iter(sorted(scope.org_ids)))
    update = ActionUpdate.objects.create(
        action=action, kind=kind, author=user, organization_id=org_id, text=text, progress=progress
    )
    for checked in files:
        checked.file.seek(0)
        Evidence.objects.create(
            update=update,
            file=checked.file,
            original_name=checked.name,
            content_type=checked.content_type,
            size=checked.size,
        )
    return update
