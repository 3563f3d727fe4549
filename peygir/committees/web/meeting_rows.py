"""Editing and deleting one row of a meeting's record: agenda item, attendance, note or resolution.

The meeting page posts these as ops `<kind>-edit` / `<kind>-delete` with the row's id in `row`; the
committees services do the work (permission, row lock, version, amendment after approval). This
module only finds the row inside the meeting, builds its form and maps the form onto the service.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.forms import Form
from django.http import Http404
from django.utils.translation import gettext as _

from peygir.actions.models import Action
from peygir.committees import services
from peygir.committees.models import AgendaItem, Attendance, DiscussionNote, Meeting, Resolution
from peygir.organizations.models import Organization

from . import forms as mf

KINDS = ("agenda", "attendance", "note", "resolution")
ROW_OPS = {f"{kind}-{action}" for kind in KINDS for action in ("edit", "delete")}


@dataclass
class RowState:
    """The one row whose edit form (or failed delete) the page shows in place."""

    kind: str
    id: int
    action: str
    form: Form

    @property
    def op(self) -> str:
        return f"{self.kind}-{self.action}"


def parse_edit(value: str | None) -> tuple[str, int] | None:
    """`?edit=agenda:12` → ("agenda", 12); anything else → None (the page just opens normally)."""
    kind, _sep, pk = (value or "").partition(":")
    if kind not in KINDS or not pk.isdigit():
        return None
    return kind, int(pk)


def get_row(meeting: Meeting, kind: str, pk: Any) -> Model:
    """The row of this meeting; a row of another meeting (or none) is 404."""
    try:
        pk = int(pk)
    except (TypeError, ValueError) as exc:
        raise Http404 from exc
    querysets = {
        "agenda": AgendaItem.objects.filter(meeting=meeting).select_related("meeting"),
        "attendance": Attendance.objects.filter(meeting=meeting).select_related("organization", "meeting"),
        "note": DiscussionNote.objects.filter(agenda_item__meeting=meeting).select_related(
            "agenda_item__meeting"
        ),
        "resolution": Resolution.objects.filter(meeting=meeting).select_related("meeting"),
    }
    row = querysets[kind].filter(pk=pk).first()
    if row is None:
        raise Http404
    return row


def _live_responsible(resolution: Resolution) -> list[int]:
    if resolution.meeting.dispatched_at is None:  # a draft: who it will reach
        return list(resolution.responsible_organizations.values_list("pk", flat=True))
    return list(
        resolution.actions.exclude(status=Action.Status.CANCELLED).values_list(
            "responsible_organization_id", flat=True
        )
    )


def _initial(kind: str, row: Any) -> dict[str, Any]:
    if kind == "agenda":
        return {"title": row.title, "presenter": row.presenter_id, "description": row.description}
    if kind == "attendance":
        fields = ("person_name", "person_title", "status", "represented_by")
        return {name: getattr(row, name) for name in fields}
    if kind == "note":
        return {name: getattr(row, name) for name in ("speaker_name", "speaker_title", "summary")}
    return {
        "text": row.text,
        "responsible": _live_responsible(row),
        "deadline_text": row.deadline_text,
        "preamble": row.preamble,
        "responsible_text": row.responsible_text,
    }


def build_form(
    meeting: Meeting, kind: str, action: str, row: Any, organizations: list[Organization], data: Any = None
) -> Form:
    """The row's edit form (pre-filled) or its delete form; bound when `data` is given."""
    common = {
        "prefix": f"{kind}-{action}",
        "require_reason": meeting.status == Meeting.Status.APPROVED,
    }
    initial = {"version": meeting.version}
    if action == "delete":
        return mf.RowDeleteForm(data, initial=initial, **common)
    initial |= _initial(kind, row)
    if kind == "agenda":
        return mf.AgendaItemEditForm(data, initial=initial, organizations=organizations, **common)
    if kind == "attendance":
        return mf.AttendanceEditForm(data, initial=initial, **common)
    if kind == "note":
        return mf.DiscussionNoteEditForm(data, initial=initial, **common)
    return mf.ResolutionEditForm(data, initial=initial, organizations=organizations, **common)


def run(kind: str, action: str, row: Any, meeting: Meeting, user: Any, data: dict[str, Any]) -> str:
    """Call the service for this row; returns the success message. Services raise on refusal."""
    version = {"expected_version": data.get("version"), "reason": data.get("reason", "")}
    if action == "delete":
        if kind == "agenda":
            services.agenda_item_delete(user=user, item=row, **version)
        elif kind == "attendance":
            services.attendance_delete(user=user, attendance=row, **version)
        elif kind == "note":
            services.discussion_note_delete(user=user, note=row, **version)
        else:
            services.resolution_delete(user=user, resolution=row, **version)
        return _("ردیف حذف شد.")
    if kind == "agenda":
        presenter = Organization.objects.filter(pk=data["presenter"]).first() if data["presenter"] else None
        services.agenda_item_update(
            user=user,
            item=row,
            title=data["title"],
            description=data["description"],
            presenter=presenter,
            **version,
        )
    elif kind == "attendance":
        _edit_attendance(row, meeting, user, data, version)
    elif kind == "note":
        services.discussion_note_update(
            user=user,
            note=row,
            speaker_name=data["speaker_name"],
            speaker_title=data["speaker_title"],
            summary=data["summary"],
            **version,
        )
    else:
        _edit_resolution(row, user, data, version)
    return _("تغییرات ذخیره شد.")


def _edit_attendance(row: Attendance, meeting: Meeting, user: Any, data: dict, version: dict) -> None:
    """attendance_set keys a row by organization, or by name without one: a renamed person is a new row."""
    renamed = row.organization_id is None and data["person_name"] != row.person_name
    if renamed and (
        Attendance.objects.filter(meeting=meeting, organization__isnull=True, person_name=data["person_name"])
        .exclude(pk=row.pk)
        .exists()
    ):
        raise ValidationError({"person_name": _("این نام در فهرست حاضرین هست.")})
    with transaction.atomic():
        new = services.attendance_set(
            user=user,
            meeting=meeting,
            organization=row.organization,
            person_name=data["person_name"],
            person_title=data["person_title"],
            status=data["status"],
            represented_by=data["represented_by"],
            **version,
        )
        if new.pk != row.pk:
            # attendance_set handed the new version back to `meeting`.
            services.attendance_delete(
                user=user, attendance=row, expected_version=meeting.version, reason=version["reason"]
            )


def _edit_resolution(row: Resolution, user: Any, data: dict, version: dict) -> None:
    """Send only what changed: an unchanged responsible list must not cancel and re-create actions."""
    changes: dict[str, Any] = {}
    for name in ("text", "preamble", "deadline_text", "responsible_text"):
        if data[name] != getattr(row, name):
            changes[name] = data[name]
    if set(data["responsible"]) != set(_live_responsible(row)):
        changes["responsible"] = list(Organization.objects.filter(pk__in=data["responsible"]))
    services.resolution_update(user=user, resolution=row, **changes, **version)
