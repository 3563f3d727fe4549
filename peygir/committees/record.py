"""The record of a meeting as the secretary keeps it: agenda, attendance and what speakers said.

Each edit goes through `editing.lock_meeting` / `editing.touch` (permission, row lock, version, and an
amendment once the minutes are approved). Re-exported from `services`, which is the public entry.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from peygir.core.errors import ValidationError
from peygir.organizations.models import Organization

from .editing import check_text, lock_meeting, touch
from .models import AgendaItem, Attendance, Committee, DiscussionNote, Meeting

UNSET: Any = object()


# ---------------------------------------------------------------- agenda


def _item_snapshot(item: AgendaItem) -> dict:
    return {
        "title": item.title,
        "description": item.description,
        "presenter": item.presenter.name if item.presenter_id else "",
    }


@transaction.atomic
def agenda_item_add(
    *,
    user: Any,
    meeting: Meeting,
    title: str,
    presenter: Organization | None = None,
    parent: AgendaItem | None = None,
    description: str = "",
    referred_from: AgendaItem | None = None,
    expected_version: int | None = None,
    reason: str = "",
) -> AgendaItem:
    """Append an item (or a sub-item under `parent`). `referred_from` is the council's item it came from."""
    locked = lock_meeting(user, meeting, expected_version)
    title = check_text(title, field="title", required=True, limit=500)
    description = check_text(description, field="description")
    if parent is not None and (parent.meeting_id != locked.pk or parent.parent_id is not None):
        raise ValidationError({"parent": _("دستور بالادست باید از همین جلسه و در سطح اول باشد.")})
    kind = AgendaItem.Kind.REGULAR
    if referred_from is not None:
        referred_from = AgendaItem.objects.get(
            pk=referred_from.pk
        )  # the caller's copy may predate the referral
        if referred_from.referred_to_id != locked.committee_id:
            raise ValidationError({"referred_from": _("این دستور به این کمیته ارجاع نشده است.")})
        kind = AgendaItem.Kind.REFERRED
    siblings = AgendaItem.objects.filter(meeting=locked, parent=parent)
    order = (siblings.aggregate(m=Max("order"))["m"] or 0) + 1
    item = AgendaItem(
        meeting=locked,
        parent=parent,
        order=order,
        kind=kind,
        title=title,
        description=description,
        presenter=presenter,
        referred_from=referred_from,
    )
    item.full_clean()
    item.save()
    touch(
        locked,
        user,
        target=f"agenda:{item.pk}",
        description=_("افزودن دستور «%(t)s»") % {"t": title[:100]},
        after=_item_snapshot(item),
        reason=reason,
        caller_meeting=meeting,
    )
    return item


@transaction.atomic
def agenda_item_update(
    *,
    user: Any,
    item: AgendaItem,
    title: Any = UNSET,
    description: Any = UNSET,
    presenter: Any = UNSET,
    expected_version: int | None = None,
    reason: str = "",
) -> AgendaItem:
    locked = lock_meeting(user, item.meeting, expected_version)
    item = AgendaItem.objects.select_related("presenter").get(pk=item.pk)
    before = _item_snapshot(item)
    if title is not UNSET:
        item.title = check_text(title, field="title", required=True, limit=500)
    if description is not UNSET:
        item.description = check_text(description, field="description")
    if presenter is not UNSET:
        item.presenter = presenter
    item.save(update_fields=["title", "description", "presenter"])
    touch(
        locked,
        user,
        target=f"agenda:{item.pk}",
        description=_("اصلاح دستور «%(t)s»") % {"t": item.title[:100]},
        before=before,
        after=_item_snapshot(item),
        reason=reason,
    )
    return item


@transaction.atomic
def agenda_item_delete(
    *, user: Any, item: AgendaItem, expected_version: int | None = None, reason: str = ""
) -> None:
    """Remove an item with its sub-items and notes; not one that carries resolutions or referrals."""
    locked = lock_meeting(user, item.meeting, expected_version)
    item = AgendaItem.objects.select_related("presenter").get(pk=item.pk)
    tree = AgendaItem.objects.filter(pk=item.pk) | AgendaItem.objects.filter(parent=item)
    if tree.filter(resolutions__isnull=False).exists():
        raise ValidationError({"item": _("این دستور مصوبه دارد؛ ابتدا مصوبات آن را حذف یا جابه‌جا کنید.")})
    if tree.filter(referred_items__isnull=False).exists():
        raise ValidationError({"item": _("این دستور به کارگروه ارجاع شده و در آنجا بررسی شده است.")})
    before = _item_snapshot(item)
    item.delete()
    touch(
        locked,
        user,
        target=f"agenda:{before['title'][:80]}",
        description=_("حذف دستور «%(t)s»") % {"t": before["title"][:100]},
        before=before,
        reason=reason,
    )


@transaction.atomic
def agenda_item_refer(
    *, user: Any, item: AgendaItem, committee: Committee, expected_version: int | None = None
) -> AgendaItem:
    """A council refers its item to one of its working groups; the group's decision shows back here."""
    locked = lock_meeting(user, item.meeting, expected_version)
    if committee.parent_id != locked.committee_id:
        raise ValidationError({"committee": _("تنها به کارگروه‌های زیرمجموعه همین شورا می‌توان ارجاع داد.")})
    caller_item, item = item, AgendaItem.objects.get(pk=item.pk)
    previous = item.referred_to_id
    item.referred_to = caller_item.referred_to = committee
    item.save(update_fields=["referred_to"])
    touch(
        locked,
        user,
        target=f"agenda:{item.pk}",
        description=_("ارجاع دستور «%(t)s» به «%(c)s»") % {"t": item.title[:100], "c": committee.name},
        before={"referred_to": previous},
        after={"referred_to": committee.pk},
    )
    return item


# ---------------------------------------------------------------- attendance


def _attendance_snapshot(row: Attendance) -> dict:
    return {
        "organization": row.organization.name if row.organization_id else "",
        "person_name": row.person_name,
        "person_title": row.person_title,
        "status": row.status,
        "represented_by": row.represented_by,
    }


@transaction.atomic
def attendance_set(
    *,
    user: Any,
    meeting: Meeting,
    organization: Organization | None = None,
    person_name: str = "",
    person_title: str = "",
    status: str = Attendance.Status.PRESENT,
    represented_by: str = "",
    expected_version: int | None = None,
    reason: str = "",
) -> Attendance:
    """Record (or correct) who attended: one row per organization, or per named person without one."""
    locked = lock_meeting(user, meeting, expected_version)
    person_name = check_text(person_name, field="person_name", limit=200)
    person_title = check_text(person_title, field="person_title", limit=200)
    represented_by = check_text(represented_by, field="represented_by", limit=200)
    if organization is None and not person_name:
        raise ValidationError({"person_name": _("سازمان یا نام شخص را وارد کنید.")})
    if status not in Attendance.Status.values:
        raise ValidationError({"status": _("وضعیت حضور معتبر نیست.")})
    if status == Attendance.Status.REPRESENTED and not represented_by:
        raise ValidationError({"represented_by": _("نام نماینده را وارد کنید.")})
    rows = Attendance.objects.filter(meeting=locked).select_related("organization")
    row = (
        rows.filter(organization=organization).first()
        if organization is not None
        else rows.filter(organization__isnull=True, person_name=person_name).first()
    )
    before = _attendance_snapshot(row) if row else {}
    if row is None:
        row = Attendance(meeting=locked, organization=organization)
        row.order = (rows.aggregate(m=Max("order"))["m"] or 0) + 1
    row.person_name, row.person_title, row.status = person_name, person_title, status
    row.represented_by = represented_by if status == Attendance.Status.REPRESENTED else ""
    row.full_clean()
    row.save()
    after = _attendance_snapshot(row)
    if after != before:
        touch(
            locked,
            user,
            target=f"attendance:{row.pk}",
            description=_("ثبت حضور «%(w)s»") % {"w": after["organization"] or person_name},
            before=before,
            after=after,
            reason=reason,
            caller_meeting=meeting,
        )
    return row


@transaction.atomic
def attendance_all_present(
    *,
    user: Any,
    meeting: Meeting,
    absent: Iterable[Organization] = (),
    expected_version: int | None = None,
    reason: str = "",
) -> list[Attendance]:
    """ "All members present, then the exceptions": every organization seated on the committee is
    recorded present, except `absent` (recorded absent). Rows already written for other people or
    with a representative are left as they are; one transaction, one version check."""
    lock_meeting(user, meeting, expected_version)
    absent_ids = {org.pk for org in absent}
    seats = list(meeting.committee.members.select_related("organization").order_by("order", "id"))
    if not seats:
        raise ValidationError({"absent": _("این کمیته عضوی ندارد؛ نخست اعضای کمیته را ثبت کنید.")})
    strangers = absent_ids - {seat.organization_id for seat in seats}
    if strangers:
        raise ValidationError({"absent": _("غایبان باید از اعضای کمیته باشند.")})
    existing = {
        a.organization_id: a for a in Attendance.objects.filter(meeting=meeting, organization__isnull=False)
    }
    rows = []
    for seat in seats:
        status = Attendance.Status.ABSENT if seat.organization_id in absent_ids else Attendance.Status.PRESENT
        row = existing.get(seat.organization_id)
        if (
            row is not None
            and row.status == Attendance.Status.REPRESENTED
            and status == Attendance.Status.PRESENT
        ):
            rows.append(row)  # represented stays represented
            continue
        rows.append(
            attendance_set(
                user=user,
                meeting=meeting,
                organization=seat.organization,
                person_name=row.person_name if row else "",
                person_title=row.person_title if row else (seat.representative_title or ""),
                status=status,
                expected_version=meeting.version,
                reason=reason,
            )
        )
    return rows


@transaction.atomic
def attendance_delete(
    *, user: Any, attendance: Attendance, expected_version: int | None = None, reason: str = ""
) -> None:
    locked = lock_meeting(user, attendance.meeting, expected_version)
    row = Attendance.objects.select_related("organization").get(pk=attendance.pk)
    before = _attendance_snapshot(row)
    row.delete()
    touch(
        locked,
        user,
        target="attendance",
        description=_("حذف حضور «%(w)s»") % {"w": before["organization"] or before["person_name"]},
        before=before,
        reason=reason,
    )


# ---------------------------------------------------------------- discussion


def _note_snapshot(note: DiscussionNote) -> dict:
    return {"speaker_name": note.speaker_name, "speaker_title": note.speaker_title, "summary": note.summary}


@transaction.atomic
def discussion_note_add(
    *,
    user: Any,
    item: AgendaItem,
    speaker_name: str,
    summary: str,
    speaker_title: str = "",
    expected_version: int | None = None,
    reason: str = "",
) -> DiscussionNote:
    """What a speaker said on an item («مطالب مطروحه»), in the minutes under that item."""
    locked = lock_meeting(user, item.meeting, expected_version)
    speaker_name = check_text(speaker_name, field="speaker_name", required=True, limit=200)
    speaker_title = check_text(speaker_title, field="speaker_title", limit=200)
    summary = check_text(summary, field="summary", required=True)
    order = (DiscussionNote.objects.filter(agenda_item=item).aggregate(m=Max("order"))["m"] or 0) + 1
    note = DiscussionNote(
        agenda_item=item, speaker_name=speaker_name, speaker_title=speaker_title, summary=summary, order=order
    )
    note.full_clean()
    note.save()
    touch(
        locked,
        user,
        target=f"note:{note.pk}",
        description=_("افزودن مطالب «%(s)s»") % {"s": speaker_name},
        after=_note_snapshot(note),
        reason=reason,
        caller_meeting=item.meeting,
    )
    return note


@transaction.atomic
def discussion_note_update(
    *,
    user: Any,
    note: DiscussionNote,
    speaker_name: Any = UNSET,
    summary: Any = UNSET,
    speaker_title: Any = UNSET,
    expected_version: int | None = None,
    reason: str = "",
) -> DiscussionNote:
    locked = lock_meeting(user, note.agenda_item.meeting, expected_version)
    note = DiscussionNote.objects.get(pk=note.pk)
    before = _note_snapshot(note)
    if speaker_name is not UNSET:
        note.speaker_name = check_text(speaker_name, field="speaker_name", required=True, limit=200)
    if speaker_title is not UNSET:
        note.speaker_title = check_text(speaker_title, field="speaker_title", limit=200)
    if summary is not UNSET:
        note.summary = check_text(summary, field="summary", required=True)
    note.save(update_fields=["speaker_name", "speaker_title", "summary"])
    touch(
        locked,
        user,
        target=f"note:{note.pk}",
        description=_("اصلاح مطالب «%(s)s»") % {"s": note.speaker_name},
        before=before,
        after=_note_snapshot(note),
        reason=reason,
    )
    return note


@transaction.atomic
def discussion_note_delete(
    *, user: Any, note: DiscussionNote, expected_version: int | None = None, reason: str = ""
) -> None:
    locked = lock_meeting(user, note.agenda_item.meeting, expected_version)
    note = DiscussionNote.objects.get(pk=note.pk)
    before = _note_snapshot(note)
    note.delete()
    touch(
        locked,
        user,
        target="note",
        description=_("حذف مطالب «%(s)s»") % {"s": before["speaker_name"]},
        before=before,
        reason=reason,
    )
