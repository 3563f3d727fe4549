"""Reads for committees and meetings, scoped by the one permission mechanism.

`meeting_detail` loads everything the meeting page and the official minutes need in a fixed number of
queries, however long the agenda or the resolutions table grows (Decidim's meeting pages slowed to
seconds from N+1 queries; this one must not).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from peygir.actions.models import Action
from peygir.core.jalali import today as local_today
from peygir.organizations import access
from peygir.organizations.models import Organization

from . import access as committee_access
from .followup import FollowUpRow, followup_report, is_overdue, resolution_sort_key, thaw_rows
from .models import (
    AgendaItem,
    AgendaItemOpinion,
    Attendance,
    Committee,
    CommitteeMember,
    Meeting,
    MinutesAmendment,
    Resolution,
)

__all__ = [
    "committee_list",
    "committee_detail",
    "meeting_list",
    "meeting_detail",
    "meeting_for_minutes",
    "followup_report",
    "referral_decisions",
    "FollowUpRow",
]


def committee_list(*, user: Any) -> QuerySet[Committee]:
    """Committees the user may see, with what a list shows, in one query (paginate in the view)."""
    qs = Committee.objects.select_related("territory", "secretariat", "parent").annotate(
        meeting_count=Count("meetings", distinct=True),
        member_count=Count("members", distinct=True),
    )
    return committee_access.committees_visible_to(user, qs).order_by("name", "id")


def committee_detail(*, user: Any, pk: Any) -> Committee:
    """One committee with its members and working groups; Http404 for missing and forbidden alike."""
    qs = Committee.objects.select_related("territory", "secretariat", "parent").prefetch_related(
        Prefetch("members", queryset=CommitteeMember.objects.select_related("organization")),
        Prefetch("working_groups", queryset=Committee.objects.order_by("name")),
    )
    return access.get_for_user(committee_access.committees_visible_to(user, qs), pk)


def meeting_list(*, user: Any, committee: Committee | None = None) -> QuerySet[Meeting]:
    """Meetings of the committees the user may see, newest first, with resolution counts."""
    qs = Meeting.objects.select_related("committee").annotate(
        resolution_count=Count("resolutions", filter=Q(resolutions__parent__isnull=True), distinct=True),
        agenda_count=Count("agenda_items", filter=Q(agenda_items__parent__isnull=True), distinct=True),
    )
    qs = qs.filter(committee__in=committee_access.committees_visible_to(user).values("pk"))
    if committee is not None:
        qs = qs.filter(committee=committee)
    return qs.order_by("-starts_at", "-id")


def _detail_queryset() -> QuerySet[Meeting]:
    actions = Action.objects.select_related("responsible_organization").order_by("id")
    referral_resolutions = Resolution.objects.select_related("meeting__committee").prefetch_related(
        Prefetch("actions", queryset=actions)
    )
    return Meeting.objects.select_related(
        "committee__territory", "committee__secretariat", "committee__parent", "approved_by", "created_by"
    ).prefetch_related(
        Prefetch(
            "agenda_items",
            queryset=AgendaItem.objects.select_related(
                "presenter", "referred_to", "referred_from__meeting__committee"
            ).order_by("order", "id"),
        ),
        "agenda_items__notes",
        Prefetch(
            "agenda_items__referred_items",
            queryset=AgendaItem.objects.select_related("meeting__committee").order_by("id"),
        ),
        Prefetch("agenda_items__referred_items__resolutions", queryset=referral_resolutions),
        Prefetch("attendance", queryset=Attendance.objects.select_related("organization")),
        Prefetch("resolutions", queryset=Resolution.objects.select_related("agenda_item")),
        Prefetch(
            "resolutions__responsible_organizations",
            queryset=Organization.objects.order_by("name", "id"),
        ),
        Prefetch("agenda_items__opinions", queryset=AgendaItemOpinion.objects.select_related("organization")),
        Prefetch("resolutions__actions", queryset=actions),
        Prefetch("amendments", queryset=MinutesAmendment.objects.select_related("author")),
    )


def _assemble(meeting: Meeting) -> Meeting:
    """Arrange the prefetched rows into the shapes the page and the minutes read.

    Attributes set on the meeting:
    - `agenda`: top-level items in order; each has `children` (sub-items), `notes_list`,
      `resolution_list`, `referral_resolutions` (decisions of the working group it was referred to),
      and `number` (1, 2, … in the agenda) / `ref` («۲-۱» for sub-items).
    - `resolution_rows`: top-level resolutions in order; each has `children` (sub-items in abjad order),
      `action_list`, `responsible_names`, `is_draft` and `draft_organizations` (whom a draft row will
      reach); `is_draft` and `draft_count` on the meeting.
    - `present`, `absent`, `represented`: attendance rows by status.
    - `followup_rows`: the follow-up report of earlier resolutions (FollowUpRow list).
    - `amendment_list`: recorded changes after approval.
    """
    today = local_today()
    items = list(meeting.agenda_items.all())
    by_parent: dict[int | None, list[AgendaItem]] = {}
    for item in items:
        by_parent.setdefault(item.parent_id, []).append(item)
    for item in items:
        item.children = by_parent.get(item.pk, [])
        item.notes_list = list(item.notes.all())
        item.opinion_list = list(item.opinions.all())
        item.resolution_list = []
        item.referral_resolutions = sorted(
            (r for ref in item.referred_items.all() for r in ref.resolutions.all()),
            key=lambda r: (r.meeting.starts_at, resolution_sort_key(r)),
        )
        for resolution in item.referral_resolutions:
            resolution.action_list = list(resolution.actions.all())
    meeting.agenda = by_parent.get(None, [])
    # The follow-up report opens the agenda "before the agenda" (پیش از دستور), as real minutes put
    # it, so the items the committee actually set keep the numbers 1, 2, … of the minutes.
    number = 0
    for item in meeting.agenda:
        if item.kind == AgendaItem.Kind.FOLLOW_UP:
            item.number = item.ref = _("پیش از دستور")
        else:
            number += 1
            item.number = number
            item.ref = str(number)
        for sub_number, child in enumerate(item.children, start=1):
            child.number = sub_number
            child.ref = f"{item.ref}-{sub_number}"

    items_by_pk = {item.pk: item for item in items}
    resolutions = sorted(meeting.resolutions.all(), key=resolution_sort_key)
    children: dict[int, list[Resolution]] = {}
    meeting.is_draft = meeting.dispatched_at is None
    meeting.draft_count = 0
    for resolution in resolutions:
        resolution.action_list = list(resolution.actions.all())
        resolution.is_draft = meeting.is_draft
        if resolution.is_draft:
            # Who the row will reach once dispatched; it has no actions yet.
            resolution.draft_organizations = list(resolution.responsible_organizations.all())
            resolution.responsible_names = [org.name for org in resolution.draft_organizations]
            meeting.draft_count += 1
        else:
            resolution.draft_organizations = []
            resolution.responsible_names = [a.responsible_organization.name for a in resolution.action_list]
        resolution.overdue = any(is_overdue(a, today) for a in resolution.action_list)
        if resolution.parent_id:
            children.setdefault(resolution.parent_id, []).append(resolution)
        if resolution.agenda_item_id in items_by_pk:
            items_by_pk[resolution.agenda_item_id].resolution_list.append(resolution)
    meeting.resolution_rows = [r for r in resolutions if r.parent_id is None]
    for resolution in resolutions:
        resolution.children = children.get(resolution.pk, [])

    attendance = list(meeting.attendance.all())
    meeting.present = [a for a in attendance if a.status == Attendance.Status.PRESENT]
    meeting.absent = [a for a in attendance if a.status == Attendance.Status.ABSENT]
    meeting.represented = [a for a in attendance if a.status == Attendance.Status.REPRESENTED]
    meeting.amendment_list = list(meeting.amendments.all())
    frozen = next(
        (i.report for i in meeting.agenda if i.kind == AgendaItem.Kind.FOLLOW_UP and i.report), None
    )
    if meeting.status != Meeting.Status.PLANNED and frozen:
        meeting.followup_rows = thaw_rows(frozen)  # as presented that day
    else:
        meeting.followup_rows = followup_report(committee=meeting.committee, before=meeting)
    return meeting


def meeting_detail(*, user: Any, pk: Any) -> Meeting:
    """One meeting with its whole record, for the page; Http404 for missing and forbidden alike."""
    visible = _detail_queryset().filter(
        committee__in=committee_access.committees_visible_to(user).values("pk")
    )
    return _assemble(access.get_for_user(visible, pk))


def meeting_for_minutes(meeting: Meeting | int) -> Meeting:
    """The same record for the exports, whose callers have already checked access."""
    pk = meeting.pk if isinstance(meeting, Meeting) else meeting
    return _assemble(_detail_queryset().get(pk=pk))


def referral_decisions(item: AgendaItem) -> list[Resolution]:
    """The working group's resolutions on a council's item it was referred, oldest first."""
    resolutions = (
        Resolution.objects.filter(agenda_item__referred_from=item)
        .select_related("meeting__committee")
        .prefetch_related(
            Prefetch("actions", queryset=Action.objects.select_related("responsible_organization"))
        )
    )
    return sorted(resolutions, key=lambda r: (r.meeting.starts_at, resolution_sort_key(r)))
