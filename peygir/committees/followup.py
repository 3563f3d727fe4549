"""The follow-up report a meeting opens with: where the committee's earlier resolutions stand.

Real working groups start each session with «گزارش پیگیری مصوبات جلسات قبل». Here it is generated
from the actions the resolutions created, never typed: each row shows the resolution, who is
responsible, the deadline, the status, the progress and whether it is overdue.

Which rows: every earlier resolution that still has an action not closed (verified or cancelled),
plus every resolution of the immediately preceding meeting (so that work closed since then is reported
once). Resolutions without actions (a heading row whose sub-items carry the duties) are left out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from peygir.actions.models import Action
from peygir.core.jalali import today as local_today
from peygir.core.text import to_persian_digits

from .models import Committee, Meeting, Resolution

S = Action.Status
# Sub-item labels in abjad order, as Persian minutes write them.
ABJAD = [
    "الف",
    "ب",
    "ج",
    "د",
    "ه",
    "و",
    "ز",
    "ح",
    "ط",
    "ی",
    "ک",
    "ل",
    "م",
    "ن",
    "س",
    "ع",
    "ف",
    "ص",
    "ق",
    "ر",
    "ش",
    "ت",
    "ث",
    "خ",
    "ذ",
    "ض",
    "ظ",
    "غ",
]
# The least advanced status of a row's actions is the row's status (cancelled ones do not count).
_STATUS_RANK = [S.OPEN, S.IN_PROGRESS, S.REPORTED_DONE, S.VERIFIED]


def label_rank(label: str) -> int:
    return ABJAD.index(label) if label in ABJAD else len(ABJAD)


def resolution_sort_key(resolution: Resolution) -> tuple:
    """Rows by number; a heading row before its sub-items; sub-items in abjad order."""
    return (resolution.number, resolution.parent_id is not None, label_rank(resolution.label), resolution.pk)


def resolution_ref(resolution: Resolution) -> str:
    """«۲-الف» or «۱»: how people cite a row."""
    number = to_persian_digits(resolution.number)
    return f"{number}-{resolution.label}" if resolution.label else number


def is_overdue(action: Action, today: dt.date) -> bool:
    """Same rule as actions.selectors.Horizon: a pending action past its deadline."""
    return (
        action.status in Action.PENDING_STATUSES and action.deadline is not None and action.deadline < today
    )


@dataclass(frozen=True)
class _MeetingRef:
    number: int


@dataclass
class FollowUpRow:
    resolution: Resolution | None  # None in a row thawed from a held meeting's record
    meeting: Meeting | _MeetingRef
    ref: str
    text: str
    responsible: list[str]
    deadline: dt.date | None
    deadline_text: str
    status: str
    status_label: str
    progress: int
    overdue: bool
    actions: list[Action] = field(default_factory=list)

    @property
    def is_closed(self) -> bool:
        return self.status in Action.CLOSED_STATUSES


def freeze_rows(rows: list[FollowUpRow]) -> list[dict[str, Any]]:
    """The rows as JSON, to keep on the follow-up agenda item."""
    return [
        {
            "resolution": row.resolution.pk,
            "ref": row.ref,
            "meeting_number": row.meeting.number,
            "text": row.text,
            "responsible": row.responsible,
            "deadline": row.deadline.isoformat() if row.deadline else None,
            "deadline_text": row.deadline_text,
            "status": row.status,
            "status_label": row.status_label,
            "progress": row.progress,
            "overdue": row.overdue,
        }
        for row in rows
    ]


def thaw_rows(data: list[dict[str, Any]]) -> list[FollowUpRow]:
    """Rows as recorded when the meeting was held; they carry no live resolution or actions."""
    return [
        FollowUpRow(
            resolution=None,
            ref=row["ref"],
            meeting=_MeetingRef(row["meeting_number"]),
            text=row["text"],
            responsible=list(row["responsible"]),
            deadline=dt.date.fromisoformat(row["deadline"]) if row["deadline"] else None,
            deadline_text=row["deadline_text"],
            status=row["status"],
            status_label=row["status_label"],
            progress=row["progress"],
            overdue=row["overdue"],
        )
        for row in data
    ]


def row_status(actions: list[Action]) -> str:
    live = [a for a in actions if a.status != S.CANCELLED]
    if not live:
        return S.CANCELLED
    return min((a.status for a in live), key=_STATUS_RANK.index)


def build_row(resolution: Resolution, actions: list[Action], today: dt.date) -> FollowUpRow:
    live = [a for a in actions if a.status != S.CANCELLED]
    status = row_status(actions)
    deadlines = [a.deadline for a in live if a.deadline] or [resolution.deadline]
    return FollowUpRow(
        resolution=resolution,
        meeting=resolution.meeting,
        ref=resolution_ref(resolution),
        text=resolution.text,
        responsible=[a.responsible_organization.name for a in actions],
        deadline=min((d for d in deadlines if d), default=None),
        deadline_text=resolution.deadline_text,
        status=status,
        status_label=str(S(status).label),
        progress=round(sum(a.progress for a in live) / len(live)) if live else 0,
        overdue=any(is_overdue(a, today) for a in actions),
        actions=actions,
    )


def followup_report(
    *, committee: Committee, before: Meeting | None = None, today: Any = None
) -> list[FollowUpRow]:
    """Rows for the committee's resolutions from meetings before `before` (all meetings if None).

    Overdue is judged on the day of `before` when that day has passed (the report as presented at that
    meeting), otherwise today. Two queries whatever the number of rows: resolutions, then actions.
    """
    if today is None:
        today = local_today()
        if before is not None:
            today = min(today, timezone.localtime(before.starts_at).date())
    meetings = Meeting.objects.filter(committee=committee)
    if before is not None:
        meetings = meetings.filter(
            Q(starts_at__lt=before.starts_at) | Q(starts_at=before.starts_at, number__lt=before.number)
        ).exclude(pk=before.pk)
    previous = meetings.order_by("-starts_at", "-number").values("pk")[:1]
    resolutions = (
        Resolution.objects.filter(meeting__in=meetings.values("pk"), actions__isnull=False)
        .filter(Q(actions__status__in=[S.OPEN, S.IN_PROGRESS, S.REPORTED_DONE]) | Q(meeting_id__in=previous))
        .distinct()
        .select_related("meeting")
        .prefetch_related(
            Prefetch(
                "actions",
                queryset=Action.objects.select_related("responsible_organization").order_by("id"),
                to_attr="followed_actions",
            )
        )
    )
    rows = [build_row(r, r.followed_actions, today) for r in resolutions]
    rows.sort(
        key=lambda row: (row.meeting.starts_at, row.meeting.number, resolution_sort_key(row.resolution))
    )
    return rows


def followup_summary(rows: list[FollowUpRow]) -> str:
    """One sentence for the FOLLOW_UP agenda item: how many rows, done, in progress, overdue."""
    if not rows:
        return _("مصوبه‌ای از جلسات پیشین برای پیگیری باقی نمانده است.")
    done = sum(1 for r in rows if r.status == S.VERIFIED)
    reported = sum(1 for r in rows if r.status == S.REPORTED_DONE)
    cancelled = sum(1 for r in rows if r.status == S.CANCELLED)
    overdue = sum(1 for r in rows if r.overdue)
    pending = len(rows) - done - reported - cancelled
    text = _(
        "پیگیری %(total)s مصوبه از جلسات پیشین: %(done)s انجام و تأیید شده، %(reported)s گزارش انجام "
        "در انتظار تأیید، %(pending)s در حال اقدام (%(overdue)s مورد معوق)."
    ) % {
        "total": to_persian_digits(len(rows)),
        "done": to_persian_digits(done),
        "reported": to_persian_digits(reported),
        "pending": to_persian_digits(pending),
        "overdue": to_persian_digits(overdue),
    }
    if cancelled:
        text += " " + _("%(n)s مورد لغو شده است.") % {"n": to_persian_digits(cancelled)}
    return text
