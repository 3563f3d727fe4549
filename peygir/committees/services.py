"""Writes for committees and their meetings (the secretariat's work).

Every function is keyword-only, takes `user`, checks `committee_access.can_manage_committee` (NotAllowed) before
anything is read for writing, validates everything before it writes (ValidationError with a Persian
message keyed by field), and runs in one transaction. Meeting edits go through `editing.lock_meeting`
and `editing.touch`: optimistic concurrency on `meeting.version`, and after approval a recorded
amendment instead of a silent change. Resolutions live in `resolutions.py` and are re-exported here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from peygir.core.errors import ValidationError
from peygir.core.jalali import JalaliDateError, format_jalali, parse_jalali_date, parse_time
from peygir.core.jalali import today as local_today
from peygir.core.text import normalize_text
from peygir.organizations.models import Organization

from .dispatch import check_meeting_dispatch, do_meeting_dispatch, meeting_dispatch
from .editing import check_manage, check_text, lock_meeting, touch
from .followup import followup_report, followup_summary, freeze_rows
from .models import AgendaItem, Committee, CommitteeMember, Meeting
from .opinions import agenda_item_opinion
from .record import (
    agenda_item_add,
    agenda_item_delete,
    agenda_item_refer,
    agenda_item_update,
    attendance_all_present,
    attendance_delete,
    attendance_set,
    discussion_note_add,
    discussion_note_delete,
    discussion_note_update,
)
from .resolutions import resolution_create, resolution_delete, resolution_update

__all__ = [
    "committee_create",
    "committee_member_add",
    "committee_member_remove",
    "meeting_create",
    "meeting_update",
    "meeting_mark_held",
    "meeting_approve",
    "meeting_dispatch",
    "agenda_item_opinion",
    "agenda_item_add",
    "agenda_item_update",
    "agenda_item_delete",
    "agenda_item_refer",
    "attendance_set",
    "attendance_all_present",
    "attendance_delete",
    "discussion_note_add",
    "discussion_note_update",
    "discussion_note_delete",
    "resolution_create",
    "resolution_update",
    "resolution_delete",
]

UNSET: Any = object()
MStatus = Meeting.Status


# ---------------------------------------------------------------- committees


@transaction.atomic
def committee_create(
    *,
    user: Any,
    name: str,
    kind: str,
    territory: Any,
    secretariat: Organization,
    parent: Committee | None = None,
    description: str = "",
) -> Committee:
    """A standing body; a working group may sit under a council (`parent`) that refers items to it."""
    check_manage(user, Committee(territory=territory, secretariat=secretariat))
    name = check_text(name, field="name", required=True, limit=300)
    description = check_text(description, field="description")
    if kind not in Committee.Kind.values:
        raise ValidationError({"kind": _("نوع کمیته معتبر نیست.")})
    if parent is not None and parent.kind == Committee.Kind.WORKING_GROUP:
        raise ValidationError({"parent": _("کارگروه نمی‌تواند زیرمجموعه کارگروه دیگری باشد.")})
    committee = Committee(
        name=name,
        name_normalized=normalize_text(name)[:300],
        kind=kind,
        territory=territory,
        secretariat=secretariat,
        parent=parent,
        description=description,
    )
    committee.full_clean()
    committee.save()
    return committee


@transaction.atomic
def committee_member_add(
    *,
    user: Any,
    committee: Committee,
    organization: Organization,
    position: str = CommitteeMember.Position.MEMBER,
    representative_title: str = "",
) -> CommitteeMember:
    """Seat an organization; a committee has at most one chair and one secretary."""
    check_manage(user, committee)
    if position not in CommitteeMember.Position.values:
        raise ValidationError({"position": _("سمت معتبر نیست.")})
    representative_title = check_text(representative_title, field="representative_title", limit=200)
    seats = CommitteeMember.objects.select_for_update().filter(committee=committee)
    if seats.filter(organization=organization).exists():
        raise ValidationError({"organization": _("این سازمان پیش‌تر عضو این کمیته است.")})
    if position != CommitteeMember.Position.MEMBER and seats.filter(position=position).exists():
        raise ValidationError(
            {"position": _("این کمیته «%(p)s» دارد.") % {"p": CommitteeMember.Position(position).label}}
        )
    order = (seats.aggregate(m=Max("order"))["m"] or 0) + 1
    member = CommitteeMember(
        committee=committee,
        organization=organization,
        position=position,
        representative_title=representative_title,
        order=order,
    )
    member.full_clean()
    member.save()
    return member


@transaction.atomic
def committee_member_remove(*, user: Any, member: CommitteeMember) -> None:
    check_manage(user, member.committee)
    member.delete()


# ---------------------------------------------------------------- meetings


def _coerce_starts_at(value: Any) -> dt.datetime:
    """An aware datetime in Asia/Tehran from a datetime, a date (09:00), or «۱۴۰۲/۰۷/۱۸ ۱۰:۰۰»."""
    try:
        if isinstance(value, str):
            parts = value.split()
            day = parse_jalali_date(parts[0]) if parts else parse_jalali_date("")
            at = parse_time(parts[1]) if len(parts) > 1 else dt.time(9, 0)
            value = dt.datetime.combine(day, at)
        elif isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            value = dt.datetime.combine(value, dt.time(9, 0))
    except JalaliDateError as exc:
        raise ValidationError({"starts_at": str(exc)}) from exc
    if not isinstance(value, dt.datetime):
        raise ValidationError({"starts_at": _("زمان جلسه را وارد کنید.")})
    if timezone.is_naive(value):
        value = timezone.make_aware(value, timezone.get_default_timezone())
    return value


def _meeting_snapshot(meeting: Meeting) -> dict:
    return {
        "starts_at": format_jalali(meeting.starts_at, with_time=True, persian=False),
        "place": meeting.place,
        "title": meeting.title,
        "chair_name": meeting.chair_name,
        "chair_title": meeting.chair_title,
        "quorum_note": meeting.quorum_note,
    }


@transaction.atomic
def meeting_create(
    *,
    user: Any,
    committee: Committee,
    starts_at: Any,
    place: str = "",
    title: str = "",
    chair_name: str = "",
    chair_title: str = "",
    quorum_note: str = "",
) -> Meeting:
    """Number the meeting within its committee and open its agenda with the follow-up report.

    The FOLLOW_UP item is written only when earlier resolutions exist (a first meeting has nothing to
    follow up); its description is a summary, the rows themselves come live from `followup_report`.
    """
    check_manage(user, committee)
    starts = _coerce_starts_at(starts_at)
    place = check_text(place, field="place", limit=300)
    title = check_text(title, field="title", limit=300)
    chair_name = check_text(chair_name, field="chair_name", limit=200)
    chair_title = check_text(chair_title, field="chair_title", limit=200)
    quorum_note = check_text(quorum_note, field="quorum_note", limit=200)
    # Lock the committee so that two secretaries creating meetings at once get distinct numbers.
    committee = Committee.objects.select_for_update().get(pk=committee.pk)
    if not committee.is_active:
        raise ValidationError({"committee": _("این کمیته غیرفعال است.")})
    number = (Meeting.objects.filter(committee=committee).aggregate(m=Max("number"))["m"] or 0) + 1
    if not chair_title:
        chair = committee.members.filter(position=CommitteeMember.Position.CHAIR).first()
        if chair is not None:
            chair_title = chair.representative_title or chair.organization.name
    meeting = Meeting(
        committee=committee,
        number=number,
        title=title,
        starts_at=starts,
        place=place,
        chair_name=chair_name,
        chair_title=chair_title[:200],
        quorum_note=quorum_note,
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    meeting.full_clean()
    meeting.save()
    rows = followup_report(committee=committee, before=meeting)
    if rows:
        AgendaItem.objects.create(
            meeting=meeting,
            order=0,
            kind=AgendaItem.Kind.FOLLOW_UP,
            title=_("گزارش پیگیری مصوبات جلسات پیشین"),
            description=followup_summary(rows),
        )
    return meeting


@transaction.atomic
def meeting_update(
    *,
    user: Any,
    meeting: Meeting,
    starts_at: Any = UNSET,
    place: Any = UNSET,
    title: Any = UNSET,
    chair_name: Any = UNSET,
    chair_title: Any = UNSET,
    quorum_note: Any = UNSET,
    expected_version: int | None = None,
    reason: str = "",
) -> Meeting:
    """Change the header of the minutes; only the arguments given change."""
    locked = lock_meeting(user, meeting, expected_version)
    before = _meeting_snapshot(locked)
    if starts_at is not UNSET:
        locked.starts_at = _coerce_starts_at(starts_at)
    limits = {"place": 300, "title": 300, "chair_name": 200, "chair_title": 200, "quorum_note": 200}
    given = {"place": place, "title": title, "chair_name": chair_name}
    given |= {"chair_title": chair_title, "quorum_note": quorum_note}
    for name, value in given.items():
        if value is not UNSET:
            setattr(locked, name, check_text(value, field=name, limit=limits[name]))
    locked.save(update_fields=["starts_at", *limits])
    after = _meeting_snapshot(locked)
    if after != before:
        touch(
            locked,
            user,
            target="meeting",
            description=_("اصلاح مشخصات جلسه"),
            before=before,
            after=after,
            reason=reason,
            caller_meeting=meeting,
        )
    return locked


@transaction.atomic
def meeting_mark_held(*, user: Any, meeting: Meeting, expected_version: int | None = None) -> Meeting:
    """planned → held. The follow-up summary is refreshed: the minutes say how things stood that day."""
    locked = lock_meeting(user, meeting, expected_version)
    if locked.status != MStatus.PLANNED:
        raise ValidationError({"status": _("تنها جلسه برنامه‌ریزی‌شده را می‌توان برگزارشده اعلام کرد.")})
    # Minutes of a meeting that has not happened would dispatch decisions nobody took yet.
    day = timezone.localtime(locked.starts_at).date()
    if day > local_today():
        raise ValidationError(
            {
                "status": _(
                    "این جلسه برای %(date)s برنامه‌ریزی شده است؛ پیش از آن روز نمی‌توان آن را برگزارشده ثبت کرد. اگر زودتر برگزار شد، نخست تاریخ جلسه را اصلاح کنید."
                )
                % {"date": format_jalali(day)}
            }
        )
    locked.status = MStatus.HELD
    locked.save(update_fields=["status"])
    follow_up = locked.agenda_items.filter(kind=AgendaItem.Kind.FOLLOW_UP).first()
    if follow_up is not None:
        rows = followup_report(committee=locked.committee, before=locked)
        follow_up.description = followup_summary(rows)
        follow_up.report = freeze_rows(rows)
        follow_up.save(update_fields=["description", "report"])
    touch(locked, user, target="meeting", description=_("برگزاری جلسه"), caller_meeting=meeting)
    meeting.status = locked.status
    return locked


@transaction.atomic
def meeting_approve(*, user: Any, meeting: Meeting, expected_version: int | None = None) -> Meeting:
    """held → approved: from now on every change is an amendment. Approval dispatches the rows not
    dispatched yet: their actions reach the agencies now, with the approval as their start."""
    locked = lock_meeting(user, meeting, expected_version)
    if locked.status == MStatus.APPROVED:
        raise ValidationError({"status": _("صورتجلسه پیش‌تر تأیید شده است.")})
    if locked.status != MStatus.HELD:
        raise ValidationError({"status": _("پیش از تأیید صورتجلسه، برگزاری جلسه را ثبت کنید.")})
    locked.status = MStatus.APPROVED
    locked.approved_at = timezone.now()
    locked.approved_by = user if getattr(user, "is_authenticated", False) else None
    rows = None if locked.dispatched_at else check_meeting_dispatch(locked)
    locked.save(update_fields=["status", "approved_at", "approved_by"])
    if rows is not None:
        do_meeting_dispatch(user, locked, rows)
    touch(
        locked, user, target="meeting", description=_("تأیید صورتجلسه"), caller_meeting=meeting, amend=False
    )
    meeting.status, meeting.approved_at = locked.status, locked.approved_at
    meeting.dispatched_at = locked.dispatched_at
    return locked
