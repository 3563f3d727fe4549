"""What every change to a meeting's record shares: permission, row lock, version and amendments.

A meeting's record (agenda, attendance, discussion, resolutions) is edited by the secretariat while
the meeting is planned or held. Once the minutes are approved the record is official: changes are
still possible, but each one is written down as a MinutesAmendment with the before and after, so the
approved minutes are never silently rewritten. Every change bumps `meeting.version`; a writer that
read an older version gets ConflictError instead of overwriting somebody else's edit.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from peygir.core.errors import NotAllowed
from peygir.core.text import check_text as core_check_text
from peygir.core.versioning import check_version, lock_row, save_versioned

from . import access as committee_access
from .models import Committee, Meeting, MinutesAmendment

MAX_TEXT = 10000


def check_manage(user: Any, committee: Committee) -> None:
    if not committee_access.can_manage_committee(user, committee):
        raise NotAllowed


def lock_meeting(user: Any, meeting: Meeting, expected_version: int | None) -> Meeting:
    """Check permission, then re-read the meeting under a row lock and check the version."""
    check_manage(user, meeting.committee)
    locked = lock_row(
        Meeting.objects.select_related("committee__territory", "committee__secretariat__territory"),
        meeting.pk,
    )
    check_version(
        locked,
        expected_version,
        message=_("این جلسه در این فاصله به‌دست کاربر دیگری تغییر کرده است؛ صفحه را دوباره باز کنید."),
    )
    locked._caller_meeting = meeting  # touch() hands the new version back to the caller's instance
    return locked


def touch(
    meeting: Meeting,
    user: Any,
    *,
    target: str,
    description: str,
    before: dict | None = None,
    after: dict | None = None,
    reason: str = "",
    caller_meeting: Any = None,
    amend: bool = True,
) -> MinutesAmendment | None:
    """Record one change: bump the version and, on approved minutes, write the amendment.

    `caller_meeting` (the instance the caller passed in) gets the new version too, so a caller can
    chain edits with `expected_version=meeting.version`.
    """
    caller_meeting = caller_meeting or getattr(meeting, "_caller_meeting", None)
    amendment = None
    if amend and meeting.status == Meeting.Status.APPROVED:
        text = description if not reason else f"{description} — {reason}"
        amendment = MinutesAmendment.objects.create(
            meeting=meeting,
            author=user if getattr(user, "is_authenticated", False) else None,
            description=text,
            target=target[:100],
            before=before or {},
            after=after or {},
        )
    save_versioned(meeting)
    if isinstance(caller_meeting, Meeting) and caller_meeting is not meeting:
        caller_meeting.version = meeting.version
    return amendment


def check_text(value: Any, *, field: str, required: bool = False, limit: int = MAX_TEXT) -> str:
    """The shared text check, with the longer limit a meeting's record needs."""
    return core_check_text(value, field=field, required=required, limit=limit)
