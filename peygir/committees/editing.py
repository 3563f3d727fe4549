"""What every change to a meeting's record shares: permission, row lock, version and amendments.

A meeting's record (agenda, attendance, discussion, resolutions) is edited by the secretariat while
the meeting is planned or held. Once the minutes are approved the record is official: changes are
still possible, but each one is written down as a MinutesAmendment with the before and after, so the
approved minutes are never silently rewritten. Every change bumps `meeting.version`; a writer that
read an older version gets ConflictError instead of overwriting somebody else's edit.
"""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django.utils.translation import gettext as _

from peygir.core.errors import ConflictError, NotAllowed, ValidationError
from peygir.core.text import clean_input, to_persian_digits
from peygir.organizations import access

from .models import Committee, Meeting, MinutesAmendment

MAX_TEXT = 10000


def check_manage(user: Any, committee: Committee) -> None:
    if not access.can_manage_committee(user, committee):
        raise NotAllowed


def lock_meeting(user: Any, meeting: Meeting, expected_version: int | None) -> Meeting:
    """Check permission, then re-read the meeting under a row lock and check the version."""
    check_manage(user, meeting.committee)
    locked = (
        Meeting.objects.select_for_update()
        .select_related("committee__territory", "committee__secretariat__territory")
        .get(pk=meeting.pk)
    )
    if expected_version is not None and locked.version != expected_version:
        raise ConflictError(
            _("این جلسه در این فاصله به‌دست کاربر دیگری تغییر کرده است؛ صفحه را دوباره باز کنید.")
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
    meeting.version = F("version") + 1
    meeting.save(update_fields=["version", "updated_at"])
    meeting.refresh_from_db(fields=["version"])
    if isinstance(caller_meeting, Meeting) and caller_meeting is not meeting:
        caller_meeting.version = meeting.version
    return amendment


def check_text(value: Any, *, field: str, required: bool = False, limit: int = MAX_TEXT) -> str:
    text = clean_input(str(value) if value is not None else "")
    if required and not text:
        raise ValidationError({field: _("این بخش را پر کنید.")})
    if len(text) > limit:
        raise ValidationError(
            {field: _("متن بیش از %(limit)s نویسه است.") % {"limit": to_persian_digits(limit)}}
        )
    return text
