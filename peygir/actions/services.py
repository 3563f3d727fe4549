"""Writes to the spine. Every change writes its ActionEvent in the same transaction.

Status machine:
    open → in_progress → reported_done → verified
    reported_done → in_progress (rejected, with a reason)
    open / in_progress / reported_done → cancelled (with a reason)

Each change comes in two parts: `check_*` authorizes the user by the spine's rules, `do_*` locks the
row, checks the version the user saw and writes. The public functions (`action_verify`, ...) are the
two together. A domain service that already authorized the user by its own rule (the office that
handles a demand verifies the demand's action) calls the `do_*` function directly.

After every event the spine tells, in this order and in the same transaction: the people concerned
(`notify.py`), then the action's source through its adapter (`sources.py`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from peygir.core.errors import NotAllowed, ValidationError
from peygir.core.files import CheckedFile, validate_upload
from peygir.core.text import check_text, normalize_text
from peygir.core.versioning import check_version, lock_row, save_versioned
from peygir.organizations.access import get_scope
from peygir.organizations.models import Organization

from . import access as action_access
from . import events, sources
from .models import Action, ActionUpdate, Evidence
from .notify import notify_action_event

S = Action.Status
TRANSITIONS: dict[str, set[str]] = {
    S.OPEN: {S.IN_PROGRESS, S.REPORTED_DONE, S.CANCELLED},
    S.IN_PROGRESS: {S.REPORTED_DONE, S.CANCELLED},
    S.REPORTED_DONE: {S.VERIFIED, S.IN_PROGRESS, S.CANCELLED},
    S.VERIFIED: set(),
    S.CANCELLED: set(),
}
MAX_TEXT = 5000
Files = list[UploadedFile] | tuple[UploadedFile, ...]


def _lock(action: Action, expected_version: int | None) -> Action:
    """Re-read the action under a row lock so that two writers serialize, and check the version."""
    locked = lock_row(Action.objects.select_related("issuer_organization__territory"), action.pk)
    check_version(
        locked,
        expected_version,
        message=_("این اقدام در این فاصله به‌دست کاربر دیگری تغییر کرده است؛ صفحه را دوباره باز کنید."),
    )
    return locked


def _move(action: Action, to_status: str, actor: Any, reason: str = "") -> None:
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
    events.status_changed(action, actor, from_status=from_status, reason=reason)


def _tell(
    action: Action, event: str, actor: Any, text: str = "", *, organization_id: int | None = None
) -> None:
    """The people concerned first, then the source: both inside the caller's transaction.
    `organization_id`: the organization the event is about (a supporter added)."""
    notify_action_event(action=action, event=event, actor=actor, text=text, organization_id=organization_id)
    sources.for_action(action).on_event(action, event, actor, text)


def _user(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


# ---------------------------------------------------------------- create


def check_action_create(user: Any, *, source: Model | None, issuer: Organization) -> None:
    """The source's adapter decides who may create its actions (a committee's managers, a demand's
    office, an issuer's managers for a direct instruction)."""
    if user is not None and not sources.for_source(source).can_issue(user, source, issuer):
        raise NotAllowed


@transaction.atomic
def action_create(
    *,
    title: str,
    responsible: Organization,
    issuer: Organization,
    deadline: dt.date | None,
    source: Model | None = None,
    deadline_text: str = "",
    description: str = "",
    supervisor: Organization | None = None,
    supporting: list[Organization] | tuple[Organization, ...] = (),
    verifier: Any = None,
    created_by: Any = None,
) -> Action:
    """Create one action for one responsible organization, from `source` (a registered source's row;
    None for a direct instruction of the issuer). `created_by` is checked against the source's rule."""
    check_action_create(created_by, source=source, issuer=issuer)
    return do_action_create(
        title=title,
        responsible=responsible,
        issuer=issuer,
        deadline=deadline,
        source=source,
        deadline_text=deadline_text,
        description=description,
        supervisor=supervisor,
        supporting=supporting,
        verifier=verifier,
        created_by=created_by,
    )


@transaction.atomic
def do_action_create(
    *,
    title: str,
    responsible: Organization,
    issuer: Organization,
    deadline: dt.date | None,
    source: Model | None = None,
    deadline_text: str = "",
    description: str = "",
    supervisor: Organization | None = None,
    supporting: list[Organization] | tuple[Organization, ...] = (),
    verifier: Any = None,
    created_by: Any = None,
) -> Action:
    """Write the action (the caller authorized). `supervisor` names the escalation's supervising level
    for this action when it is not the responsible organization's own supervisor."""
    adapter = sources.for_source(source)
    title = check_text(title, field="title", required=True, limit=500)
    description = check_text(description, field="description", limit=MAX_TEXT)
    if not responsible.is_active:
        raise ValidationError({"responsible": _("سازمان مسئول غیرفعال است.")})
    action = Action(
        title=title,
        title_normalized=normalize_text(title),
        description=description,
        source_kind=adapter.kind,
        supervisor_organization=supervisor,
        responsible_organization=responsible,
        issuer_organization=issuer,
        verifier=verifier,
        territory=adapter.territory(source, issuer=issuer, responsible=responsible),
        deadline=deadline,
        deadline_text=deadline_text[:100],
        created_by=_user(created_by),
    )
    if adapter.field:
        setattr(action, adapter.field, source)
    action.full_clean()
    action.save()
    supporting = [org for org in supporting if org.pk != responsible.pk]
    if supporting:
        action.supporting_organizations.set(supporting)
    events.created(action, created_by)
    _tell(action, "created", created_by)
    return action


# ---------------------------------------------------------------- checks


def check_can_report(user: Any, action: Action) -> None:
    if not action_access.can_report_on_action(user, action):
        raise NotAllowed


def check_deadline_span(action: Action, deadline: Any) -> None:
    """A negative span — a new deadline before the action even existed — is refused (issue 14). Asked
    by the API before the change; the services themselves accept any date (imports, corrections)."""
    if deadline < timezone.localtime(action.created_at).date():
        raise ValidationError({"deadline": _("مهلت جدید پیش از تاریخ ایجاد اقدام است؛ تاریخ را بررسی کنید.")})


def check_can_verify(user: Any, action: Action) -> None:
    """Verify, reject, cancel and re-date: the issuer's side."""
    if not action_access.can_verify_action(user, action):
        raise NotAllowed


# ---------------------------------------------------------------- progress and report done


@transaction.atomic
def action_report_progress(
    *,
    action: Action,
    user: Any,
    text: str,
    progress: int | None = None,
    files: Files = (),
    expected_version: int | None = None,
) -> ActionUpdate:
    """The responsible organization reports progress, with optional evidence files."""
    check_can_report(user, action)
    return do_action_report_progress(
        action=action, user=user, text=text, progress=progress, files=files, expected_version=expected_version
    )


@transaction.atomic
def do_action_report_progress(
    *,
    action: Action,
    user: Any,
    text: str,
    progress: int | None = None,
    files: Files = (),
    expected_version: int | None = None,
) -> ActionUpdate:
    action = _lock(action, expected_version)
    if action.status not in (S.OPEN, S.IN_PROGRESS):
        raise ValidationError(
            {
                "status": _("برای اقدامی با وضعیت «%(s)s» نمی‌توان پیشرفت ثبت کرد.")
                % {"s": S(action.status).label}
            }
        )
    text = check_text(text, field="text", required=True, limit=MAX_TEXT)
    if progress is not None and not 0 <= progress <= 100:
        raise ValidationError({"progress": _("درصد پیشرفت باید بین ۰ و ۱۰۰ باشد.")})
    checked = [validate_upload(f) for f in files]
    update = _write_update(action, ActionUpdate.Kind.PROGRESS, user, text, progress, checked)
    fields = []
    if progress is not None and progress != action.progress:
        action.progress = progress
        fields.append("progress")
    if action.status == S.OPEN:
        _move(action, S.IN_PROGRESS, user)
        fields.append("status")
    events.progress_reported(action, user, update_id=update.pk, files=len(checked))
    save_versioned(action, *fields)
    _tell(action, "progress", user, text)
    return update


@transaction.atomic
def action_report_done(
    *, action: Action, user: Any, text: str, files: Files = (), expected_version: int | None = None
) -> ActionUpdate:
    check_can_report(user, action)
    return do_action_report_done(
        action=action, user=user, text=text, files=files, expected_version=expected_version
    )


@transaction.atomic
def do_action_report_done(
    *, action: Action, user: Any, text: str, files: Files = (), expected_version: int | None = None
) -> ActionUpdate:
    action = _lock(action, expected_version)
    text = check_text(text, field="text", required=True, limit=MAX_TEXT)
    checked = [validate_upload(f) for f in files]
    _move(action, S.REPORTED_DONE, user)
    update = _write_update(action, ActionUpdate.Kind.REPORT_DONE, user, text, 100, checked)
    action.progress = 100
    save_versioned(action, "status", "progress", "reported_done_at")
    _tell(action, "reported_done", user, text)
    return update


# ---------------------------------------------------------------- the issuer's side


@transaction.atomic
def action_verify(
    *, action: Action, user: Any, text: str = "", expected_version: int | None = None
) -> Action:
    check_can_verify(user, action)
    return do_action_verify(action=action, user=user, text=text, expected_version=expected_version)


@transaction.atomic
def do_action_verify(
    *, action: Action, user: Any, text: str = "", expected_version: int | None = None
) -> Action:
    action = _lock(action, expected_version)
    if action.status == S.VERIFIED:
        raise ValidationError({"status": _("این اقدام پیش‌تر تأیید شده است.")})
    if action.status != S.REPORTED_DONE:
        raise ValidationError({"status": _("تنها اقدامی را که انجام آن گزارش شده می‌توان تأیید کرد.")})
    text = check_text(text, field="text", limit=MAX_TEXT)
    _move(action, S.VERIFIED, user)
    _write_update(action, ActionUpdate.Kind.VERIFY, user, text, None, [])
    if action.verifier_id is None:
        action.verifier = _user(user)
    save_versioned(action, "status", "closed_at", "verifier")
    _tell(action, "verified", user, text)
    return action


@transaction.atomic
def action_reject(
    *,
    action: Action,
    user: Any,
    reason: str,
    progress: int | None = None,
    expected_version: int | None = None,
) -> Action:
    """Send a reported-done action back to in-progress; the reason is required."""
    check_can_verify(user, action)
    return do_action_reject(
        action=action, user=user, reason=reason, progress=progress, expected_version=expected_version
    )


@transaction.atomic
def do_action_reject(
    *,
    action: Action,
    user: Any,
    reason: str,
    progress: int | None = None,
    expected_version: int | None = None,
) -> Action:
    """The work is not done: the action goes back to in-progress at `progress` (what the issuer judges
    done, below 100), by default at the progress last reported before the report of completion."""
    action = _lock(action, expected_version)
    reason = check_text(reason, field="reason", required=True, limit=MAX_TEXT)
    if action.status != S.REPORTED_DONE:
        raise ValidationError({"status": _("تنها اقدامی را که انجام آن گزارش شده می‌توان رد کرد.")})
    if progress is None:
        progress = _progress_before_done(action)
    elif not 0 <= progress <= 99:
        raise ValidationError(
            {"progress": _("پیشرفت اقدامی که انجام آن تأیید نشد باید بین ۰ و ۹۹ درصد باشد.")}
        )
    _move(action, S.IN_PROGRESS, user, reason=reason)
    action.progress = progress
    _write_update(action, ActionUpdate.Kind.REJECT, user, reason, progress, [])
    save_versioned(action, "status", "progress")
    _tell(action, "rejected", user, reason)
    return action


@transaction.atomic
def action_cancel(*, action: Action, user: Any, reason: str, expected_version: int | None = None) -> Action:
    check_can_verify(user, action)
    return do_action_cancel(action=action, user=user, reason=reason, expected_version=expected_version)


@transaction.atomic
def do_action_cancel(
    *, action: Action, user: Any, reason: str, expected_version: int | None = None
) -> Action:
    action = _lock(action, expected_version)
    reason = check_text(reason, field="reason", required=True, limit=MAX_TEXT)
    _move(action, S.CANCELLED, user, reason=reason)
    action.cancel_reason = reason
    _write_update(action, ActionUpdate.Kind.CANCEL, user, reason, None, [])
    save_versioned(action, "status", "closed_at", "cancel_reason")
    _tell(action, "cancelled", user, reason)
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
) -> Action:
    """A new deadline restarts the escalation ladder (steps are unique per deadline)."""
    check_can_verify(user, action)
    return do_action_change_deadline(
        action=action,
        user=user,
        deadline=deadline,
        reason=reason,
        deadline_text=deadline_text,
        expected_version=expected_version,
    )


@transaction.atomic
def do_action_change_deadline(
    *,
    action: Action,
    user: Any,
    deadline: dt.date,
    reason: str,
    deadline_text: str = "",
    expected_version: int | None = None,
) -> Action:
    action = _lock(action, expected_version)
    reason = check_text(reason, field="reason", required=True, limit=MAX_TEXT)
    if action.is_closed:
        raise ValidationError({"deadline": _("مهلت اقدام بسته‌شده را نمی‌توان تغییر داد.")})
    old = action.deadline
    action.deadline = deadline
    action.deadline_text = deadline_text[:100]
    action.escalation_level = 0
    events.deadline_changed(action, user, before=old, reason=reason)
    save_versioned(action, "deadline", "deadline_text", "escalation_level")
    _tell(action, "deadline_changed", user, reason)
    return action


# ---------------------------------------------------------------- the source's own corrections


@transaction.atomic
def do_action_retitle(*, action: Action, user: Any, title: str, reason: str = "") -> Action:
    """The source's wording changed (an amended resolution row): an open action follows, with a trace
    in its history and a new version, so an open form on the old wording gets a conflict."""
    action = _lock(action, None)
    title = check_text(title, field="title", required=True, limit=500)
    if action.title == title or action.is_closed:
        return action
    before = action.title
    action.title, action.title_normalized = title, normalize_text(title)
    events.retitled(action, user, before=before, reason=reason)
    save_versioned(action, "title", "title_normalized")
    _tell(action, "retitled", user, reason)
    return action


@transaction.atomic
def do_actions_discard(actions: list[Action]) -> int:
    """Delete actions nobody has acted on (a mistyped source row removed before anybody reported):
    their history goes with them. Refuses any action with a report or a status change."""
    ids = [action.pk for action in actions]
    if not ids:
        return 0
    touched = (
        Action.objects.filter(pk__in=ids).exclude(status=S.OPEN).exists()
        or ActionUpdate.objects.filter(action_id__in=ids).exists()
    )
    if touched:
        raise ValidationError({"actions": _("برای این اقدامات گزارشی ثبت شده است و حذف‌شدنی نیستند.")})
    # The history rows are append-only one by one; the queryset delete of their actions removes them.
    deleted, _by_model = Action.objects.filter(pk__in=ids).delete()
    return deleted


def _progress_before_done(action: Action) -> int:
    """The progress last reported before the latest report of completion (0 when none was)."""
    last_done = (
        action.updates.filter(kind=ActionUpdate.Kind.REPORT_DONE).order_by("-created_at", "-id").first()
    )
    reports = action.updates.filter(kind=ActionUpdate.Kind.PROGRESS, progress__isnull=False)
    if last_done is not None:
        reports = reports.filter(id__lt=last_done.id)
    last = reports.order_by("-id").values_list("progress", flat=True).first()
    return min(last if last is not None else 0, 99)


def _write_update(
    action: Action, kind: str, user: Any, text: str, progress: int | None, files: list[CheckedFile]
) -> ActionUpdate:
    scope = get_scope(user)
    org_id = (
        action.responsible_organization_id if action.responsible_organization_id in scope.org_ids else None
    )
    if org_id is None and scope.org_ids:
        org_id = next(iter(sorted(scope.org_ids)))
    update = ActionUpdate.objects.create(
        action=action, kind=kind, author=_user(user), organization_id=org_id, text=text, progress=progress
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
