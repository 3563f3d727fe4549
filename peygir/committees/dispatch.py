"""Dispatching a meeting's resolutions («ابلاغ مصوبات»): the moment drafts become decisions.

Until then rows are drafts: they make no actions and send nothing. Approving the minutes dispatches
them, or the secretariat does it explicitly once the meeting is held. Every row is dispatched at once,
in one transaction: the actions appear in the agencies' inboxes (created now, the approval's date as
their start) and the notifications are queued with them and delivered after commit. A row whose
organization has since been deactivated stops the whole dispatch with a clear message: nothing is
half sent.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from peygir.core.errors import ValidationError
from peygir.core.text import to_persian_digits

from .editing import lock_meeting, touch
from .followup import resolution_ref, resolution_sort_key
from .models import Meeting, Resolution
from .resolutions import create_actions, is_dispatched


def check_meeting_dispatch(meeting: Meeting) -> list[Resolution]:
    """The rows to dispatch (validated), or a clear error. `meeting` is the locked row."""
    if is_dispatched(meeting):
        raise ValidationError({"status": _("مصوبات این جلسه پیش‌تر ابلاغ شده است.")})
    if meeting.status == Meeting.Status.PLANNED:
        raise ValidationError({"status": _("پیش از ابلاغ مصوبات، برگزاری جلسه را ثبت کنید.")})
    rows = sorted(
        Resolution.objects.filter(meeting=meeting).prefetch_related("responsible_organizations"),
        key=resolution_sort_key,
    )
    for row in rows:
        inactive = [org.name for org in row.responsible_organizations.all() if not org.is_active]
        if inactive:
            raise ValidationError(
                {
                    "status": _(
                        "مسئول پیگیری ردیف %(ref)s («%(orgs)s») غیرفعال شده است؛ پیش از ابلاغ، ردیف را اصلاح کنید."
                    )
                    % {"ref": resolution_ref(row), "orgs": "، ".join(inactive)}
                }
            )
    return rows


def do_meeting_dispatch(user: Any, meeting: Meeting, rows: list[Resolution]) -> int:
    """Create every row's actions and mark the meeting dispatched; returns the actions created."""
    count = 0
    for row in rows:
        orgs = list(row.responsible_organizations.all())
        create_actions(row, meeting, orgs, user)
        count += len(orgs)
    meeting.dispatched_at = timezone.now()
    meeting.dispatched_by = user if getattr(user, "is_authenticated", False) else None
    meeting.save(update_fields=["dispatched_at", "dispatched_by"])
    return count


@transaction.atomic
def meeting_dispatch(*, user: Any, meeting: Meeting, expected_version: int | None = None) -> int:
    """The secretariat's explicit «ابلاغ» of a held meeting's resolutions (approval does the same)."""
    locked = lock_meeting(user, meeting, expected_version)
    rows = check_meeting_dispatch(locked)
    if not any(row.responsible_organizations.all() for row in rows):
        raise ValidationError({"status": _("مصوبه‌ای با مسئول پیگیری برای ابلاغ ثبت نشده است.")})
    count = do_meeting_dispatch(user, locked, rows)
    touch(
        locked,
        user,
        target="meeting",
        description=_("ابلاغ مصوبات (%(n)s اقدام)") % {"n": to_persian_digits(count)},
        caller_meeting=meeting,
        amend=False,
    )
    meeting.dispatched_at = locked.dispatched_at
    return count
