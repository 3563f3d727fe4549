"""Committees and their monthly meetings for the generator: members, agenda, attendance.

Each committee has a secretariat (the provincial office, or a county governorate for county
committees) and members drawn from the province's agencies, the big directorates more often; meetings
run monthly over five years, approved a week after they are held, the last one still planned.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peygir.committees.models import AgendaItem, Attendance, Committee, CommitteeMember, Meeting
from peygir.core.text import normalize_text

from . import vocab
from .context import Context, Org


def committees_and_meetings(ctx: Context) -> list[MeetingRow]:
    """Every committee and meeting; returns the meetings already held (they carry resolutions)."""
    return _meetings(ctx, _committees(ctx))


@dataclass
class CommitteeRow:
    id: int
    province: int
    territory_id: int
    secretariat: Org
    members: list[Org]


def _committees(ctx: Context) -> list[CommitteeRow]:
    rng, writer = ctx.rng, ctx.writer
    per = ctx.plan.committees_per_province
    first = writer.allocate(Committee, per * len(ctx.provinces))
    committee_rows, member_rows, result = [], [], []
    member_id = writer.first_id(CommitteeMember)
    created = ctx.at(ctx.today - dt.timedelta(days=5 * 365 + 10))
    for pi, p in enumerate(ctx.provinces):
        weights = [a.weight for a in p.agencies]
        for index in range(per):
            cid = first + pi * per + index
            kind, kind_name = vocab.COMMITTEE_KINDS[0 if index % 4 else rng.randrange(3)]
            topic = rng.choice(vocab.COMMITTEE_TOPICS)
            # A third sit at the province, the rest in a county, run by its governorate.
            if index % 3 == 0 or len(p.counties) == 1:
                territory, secretariat, place = p.territory, p.office, p.territory.name_fa
            else:
                ci = rng.randrange(len(p.counties))
                territory, secretariat = p.counties[ci], p.county_governorates[ci]
                place = p.counties[ci].name_fa
            name = f"{kind_name} {topic} {place}"
            committee_rows.append(
                (cid, name, normalize_text(name), kind, territory.pk, None, secretariat.id, "", True, created)
            )
            seats: list[Org] = [secretariat]
            for agency in rng.choices(p.agencies, weights, k=min(len(p.agencies), rng.randrange(5, 11))):
                if agency not in seats:
                    seats.append(agency)
            for order, seat in enumerate(seats):
                position = "secretary" if order == 0 else "member"
                member_rows.append((member_id, cid, seat.id, position, "", order))
                member_id += 1
            result.append(CommitteeRow(cid, pi, territory.pk, secretariat, seats[1:] or seats))
    fields = ["id", "name", "name_normalized", "kind", "territory", "parent", "secretariat", "description"]
    writer.write(Committee, [*fields, "is_active", "created_at"], committee_rows)
    writer.write(
        CommitteeMember,
        ["id", "committee", "organization", "position", "representative_title", "order"],
        member_rows,
    )
    writer.allocate(CommitteeMember, member_id - writer.first_id(CommitteeMember))
    return result


@dataclass
class MeetingRow:
    id: int
    committee: CommitteeRow
    day: dt.date
    items: list[int]  # regular agenda item ids


def _meetings(ctx: Context, committees: list[CommitteeRow]) -> list[MeetingRow]:
    """Monthly meetings over five years; the last of each committee is still ahead (planned)."""
    rng, writer = ctx.rng, ctx.writer
    count = ctx.plan.meetings_per_committee
    meeting_id = writer.allocate(Meeting, count * len(committees))
    item_id = writer.allocate(AgendaItem, 3 * count * len(committees))
    attendance_id = writer.first_id(Attendance)
    meetings, items, attendance, held = [], [], [], []
    span = 5 * 365
    for committee in committees:
        offset = rng.randrange(0, 30)
        for number in range(1, count + 1):
            day = ctx.today - dt.timedelta(days=span - offset - (number - 1) * span // count - 20)
            starts = ctx.at(day, rng.choice((9, 10, 11)))
            if day > ctx.today:
                status, approved = Meeting.Status.PLANNED, None
            elif (ctx.today - day).days < 14:
                status, approved = Meeting.Status.HELD, None
            else:
                status, approved = Meeting.Status.APPROVED, starts + dt.timedelta(days=7)
            staff = ctx.provinces[committee.province].staff_user_ids
            creator = staff[0] if staff else None
            title = f"جلسه {number}"
            meetings.append(
                (meeting_id, committee.id, number, title, starts, "سالن جلسات", ctx.person(), "", "")
                + (status, approved, creator if approved else None, 1, creator, starts, starts)
                # A held meeting's rows make actions below: its resolutions count as dispatched.
                + ((approved or starts) if status != Meeting.Status.PLANNED else None,)
            )
            regular = []
            for order in range(3):
                kind = AgendaItem.Kind.FOLLOW_UP if order == 0 else AgendaItem.Kind.REGULAR
                text = (
                    "گزارش پیگیری مصوبات جلسات قبل" if order == 0 else f"بررسی {rng.choice(vocab.SUBJECTS)}"
                )
                items.append((item_id, meeting_id, None, order, kind, text, "", None, None, None, []))
                if order:
                    regular.append(item_id)
                item_id += 1
            if status != Meeting.Status.PLANNED:
                for order, seat in enumerate([committee.secretariat, *committee.members]):
                    state = "present" if rng.random() < 0.85 else rng.choice(("absent", "represented"))
                    attendance.append(
                        (attendance_id, meeting_id, seat.id, ctx.person(), "", state, "", order)
                    )
                    attendance_id += 1
                held.append(MeetingRow(meeting_id, committee, day, regular))
            meeting_id += 1
    fields = ["id", "committee", "number", "title", "starts_at", "place", "chair_name", "chair_title"]
    fields += ["quorum_note", "status", "approved_at", "approved_by", "version", "created_by"]
    writer.write(Meeting, [*fields, "created_at", "updated_at", "dispatched_at"], meetings)
    fields = ["id", "meeting", "parent", "order", "kind", "title", "description", "presenter"]
    writer.write(AgendaItem, [*fields, "referred_to", "referred_from", "report"], items)
    fields = ["id", "meeting", "organization", "person_name", "person_title", "status", "represented_by"]
    writer.write(Attendance, [*fields, "order"], attendance)
    return held
