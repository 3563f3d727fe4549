"""Resolutions (مصوبات) and the actions they create.

Rows typed into a meeting whose resolutions are not dispatched yet are drafts: they name their
responsible organizations (`responsible_organizations`) but make no actions and tell nobody. Approving
the minutes, or the secretariat's explicit «ابلاغ» (`dispatch.py`), dispatches every row at once. After
dispatch a change to a row is an amendment that its actions follow, as below.

A row of the minutes' table (ردیف، مصوبات، مهلت اقدام، مسئول پیگیری) is one Resolution; sub-items
(الف، ب) hang under a heading row and share its number. Each responsible organization — a group such
as «دستگاه‌های اجرایی عضو برنامه» expanded to its members — becomes one Action, issued by the
committee's secretariat, with the deadline parsed from what the minutes say relative to the meeting
date. Everything is validated before the first write, and the whole row with its actions is one
transaction: a bad deadline leaves neither a resolution nor an action behind.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from peygir.actions import services as action_services
from peygir.actions.deadlines import Deadline, parse_deadline
from peygir.actions.models import Action
from peygir.core.errors import ValidationError
from peygir.core.jalali import JalaliDateError
from peygir.core.text import clean_input, normalize_text, to_persian_digits
from peygir.organizations.models import Organization

from .editing import check_text, lock_meeting, touch
from .followup import ABJAD, resolution_ref
from .models import AgendaItem, Meeting, Resolution

UNSET: Any = object()
S = Action.Status


def expand_responsible(responsible: list[Organization] | tuple[Organization, ...]) -> list[Organization]:
    """Groups become their active members; duplicates collapse; the order given is kept."""
    result: dict[int, Organization] = {}
    for org in responsible or ():
        if not isinstance(org, Organization):
            raise ValidationError({"responsible": _("مسئول پیگیری باید یک سازمان باشد.")})
        if org.kind == Organization.Kind.GROUP:
            members = list(org.members_of_group.filter(is_active=True).order_by("name", "id"))
            if not members:
                raise ValidationError({"responsible": _("گروه «%(g)s» عضو فعالی ندارد.") % {"g": org.name}})
            for member in members:
                result.setdefault(member.pk, member)
        elif not org.is_active:
            raise ValidationError({"responsible": _("سازمان «%(o)s» غیرفعال است.") % {"o": org.name}})
        else:
            result.setdefault(org.pk, org)
    return list(result.values())


def meeting_day(meeting: Meeting):
    return timezone.localtime(meeting.starts_at).date()


def _parse(deadline_text: str, meeting: Meeting) -> Deadline:
    try:
        deadline = parse_deadline(deadline_text, start=meeting_day(meeting))
    except JalaliDateError as exc:
        raise ValidationError({"deadline_text": str(exc)}) from exc
    return deadline


def _snapshot(resolution: Resolution, orgs: list[Organization] | None = None) -> dict:
    data = {
        "ref": resolution_ref(resolution),
        "preamble": resolution.preamble,
        "text": resolution.text,
        "deadline_text": resolution.deadline_text,
        "deadline": resolution.deadline.isoformat() if resolution.deadline else None,
        "responsible_text": resolution.responsible_text,
    }
    if orgs is not None:
        data["responsible"] = [org.name for org in orgs]
    return data


def _action_title(resolution: Resolution) -> str:
    return resolution.text[:500]


def _action_description(resolution: Resolution, meeting: Meeting) -> str:
    source = _("مصوبه ردیف %(ref)s جلسه شماره %(n)s %(c)s") % {
        "ref": resolution_ref(resolution),
        "n": to_persian_digits(meeting.number),
        "c": meeting.committee.name,
    }
    parent = resolution.parent
    preamble = resolution.preamble or (parent.preamble or parent.text if parent is not None else "")
    return f"{source}\n{preamble}".strip()


def is_dispatched(meeting: Meeting) -> bool:
    return meeting.dispatched_at is not None


def create_actions(resolution: Resolution, meeting: Meeting, orgs: list[Organization], user: Any) -> None:
    for org in orgs:
        # The caller locked the meeting, which checks that the user manages the committee: the
        # permission to issue its resolutions.
        action_services.do_action_create(
            title=_action_title(resolution),
            description=_action_description(resolution, meeting),
            responsible=org,
            issuer=meeting.committee.secretariat,
            deadline=resolution.deadline,
            deadline_text=resolution.deadline_text,
            source=resolution,
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )


@transaction.atomic
def resolution_create(
    *,
    user: Any,
    meeting: Meeting,
    text: str,
    responsible: list[Organization],
    deadline_text: str,
    agenda_item: AgendaItem | None = None,
    parent: Resolution | None = None,
    label: str = "",
    preamble: str = "",
    responsible_text: str = "",
    expected_version: int | None = None,
    reason: str = "",
) -> Resolution:
    """Record one row (or a sub-item under `parent`); once the meeting's resolutions are dispatched,
    create one action per responsible organization at once (before, the row is a draft).

    A heading row may name nobody (its sub-items carry the duties); then no deadline is required.
    A sub-item without its own deadline takes its heading row's.
    """
    locked = lock_meeting(user, meeting, expected_version)
    text = check_text(text, field="text", required=True)
    preamble = check_text(preamble, field="preamble")
    responsible_text = check_text(responsible_text, field="responsible_text", limit=500)
    label = clean_input(label)[:10]
    if agenda_item is not None and agenda_item.meeting_id != locked.pk:
        raise ValidationError({"agenda_item": _("دستور جلسه باید از همین جلسه باشد.")})
    if parent is not None and (parent.meeting_id != locked.pk or parent.parent_id is not None):
        raise ValidationError({"parent": _("ردیف بالادست باید از همین جلسه و در سطح اول باشد.")})
    orgs = expand_responsible(responsible)
    deadline_text = clean_input(deadline_text)
    if not deadline_text and parent is not None:
        deadline_text = parent.deadline_text
    deadline = _parse(deadline_text, locked) if deadline_text or orgs else None
    if parent is not None:
        number = parent.number
        used = set(Resolution.objects.filter(parent=parent).values_list("label", flat=True))
        if label and label in used:
            raise ValidationError({"label": _("بند «%(l)s» در این ردیف وجود دارد.") % {"l": label}})
        label = label or next((x for x in ABJAD if x not in used), str(len(used) + 1))
        agenda_item = agenda_item or parent.agenda_item
    else:
        number = (Resolution.objects.filter(meeting=locked).aggregate(m=Max("number"))["m"] or 0) + 1
    if not responsible_text:
        responsible_text = "، ".join(org.name for org in responsible or ())[:500]
    resolution = Resolution(
        meeting=locked,
        agenda_item=agenda_item,
        parent=parent,
        number=number,
        label=label,
        preamble=preamble,
        text=text,
        text_normalized=normalize_text(text),
        deadline=deadline.date if deadline else None,
        deadline_text=deadline.text if deadline else "",
        responsible_text=responsible_text,
    )
    resolution.full_clean()
    resolution.save()
    resolution.responsible_organizations.set(orgs)
    if is_dispatched(locked):
        create_actions(resolution, locked, orgs, user)
    touch(
        locked,
        user,
        target=f"resolution:{resolution.pk}",
        description=_("افزودن مصوبه ردیف %(ref)s") % {"ref": resolution_ref(resolution)},
        after=_snapshot(resolution, orgs),
        reason=reason,
        caller_meeting=meeting,
    )
    return resolution


@transaction.atomic
def resolution_update(
    *,
    user: Any,
    resolution: Resolution,
    text: Any = UNSET,
    preamble: Any = UNSET,
    deadline_text: Any = UNSET,
    responsible: Any = UNSET,
    responsible_text: Any = UNSET,
    expected_version: int | None = None,
    reason: str = "",
) -> Resolution:
    """Correct a row. Its actions follow: new wording, new deadline, new or withdrawn organizations.

    Closed actions (verified or cancelled) are history and stay as they are.
    """
    locked = lock_meeting(user, resolution.meeting, expected_version)
    resolution = Resolution.objects.select_related("parent", "meeting__committee__secretariat").get(
        pk=resolution.pk
    )
    if not is_dispatched(locked):
        return _update_draft(
            user,
            locked,
            resolution,
            text=text,
            preamble=preamble,
            deadline_text=deadline_text,
            responsible=responsible,
            responsible_text=responsible_text,
            reason=reason,
        )
    actions = list(resolution.actions.select_related("responsible_organization", "issuer_organization"))
    before = _snapshot(resolution, [a.responsible_organization for a in actions if a.status != S.CANCELLED])
    if text is not UNSET:
        resolution.text = check_text(text, field="text", required=True)
        resolution.text_normalized = normalize_text(resolution.text)
    if preamble is not UNSET:
        resolution.preamble = check_text(preamble, field="preamble")
    if responsible_text is not UNSET:
        resolution.responsible_text = check_text(responsible_text, field="responsible_text", limit=500)
    orgs = expand_responsible(responsible) if responsible is not UNSET else None
    new_deadline = None
    if deadline_text is not UNSET:
        new_deadline = _parse(clean_input(deadline_text), locked)
        resolution.deadline, resolution.deadline_text = new_deadline.date, new_deadline.text
    resolution.full_clean()
    resolution.save()

    pending = [a for a in actions if not a.is_closed]
    note = reason or _("اصلاح مصوبه ردیف %(ref)s") % {"ref": resolution_ref(resolution)}
    if text is not UNSET:
        for action in pending:
            action_services.do_action_retitle(
                action=action, user=user, title=_action_title(resolution), reason=note
            )
    if new_deadline is not None:
        for action in pending:
            if action.deadline != new_deadline.date:
                action_services.do_action_change_deadline(
                    action=action,
                    user=user,
                    deadline=new_deadline.date,
                    reason=note,
                    deadline_text=new_deadline.text,
                )
    if orgs is not None:
        wanted = {org.pk for org in orgs}
        held = {a.responsible_organization_id for a in actions if a.status != S.CANCELLED}
        for action in pending:
            if action.responsible_organization_id not in wanted:
                action_services.do_action_cancel(action=action, user=user, reason=note)
        resolution.responsible_organizations.set(orgs)
        create_actions(resolution, locked, [org for org in orgs if org.pk not in held], user)
        if responsible_text is UNSET:
            resolution.responsible_text = "، ".join(org.name for org in responsible)[:500]
            resolution.save(update_fields=["responsible_text"])
    live = resolution.actions.exclude(status=S.CANCELLED).select_related("responsible_organization")
    touch(
        locked,
        user,
        target=f"resolution:{resolution.pk}",
        description=_("اصلاح مصوبه ردیف %(ref)s") % {"ref": resolution_ref(resolution)},
        before=before,
        after=_snapshot(resolution, [a.responsible_organization for a in live]),
        reason=reason,
        caller_meeting=resolution.meeting,
    )
    return resolution


def _update_draft(
    user: Any,
    meeting: Meeting,
    resolution: Resolution,
    *,
    text: Any,
    preamble: Any,
    deadline_text: Any,
    responsible: Any,
    responsible_text: Any,
    reason: str,
) -> Resolution:
    """A draft row changes alone: it has no actions yet."""
    before = _snapshot(resolution, list(resolution.responsible_organizations.all()))
    if text is not UNSET:
        resolution.text = check_text(text, field="text", required=True)
        resolution.text_normalized = normalize_text(resolution.text)
    if preamble is not UNSET:
        resolution.preamble = check_text(preamble, field="preamble")
    if responsible_text is not UNSET:
        resolution.responsible_text = check_text(responsible_text, field="responsible_text", limit=500)
    orgs = expand_responsible(responsible) if responsible is not UNSET else None
    if deadline_text is not UNSET:
        new_deadline = _parse(clean_input(deadline_text), meeting)
        resolution.deadline, resolution.deadline_text = new_deadline.date, new_deadline.text
    if orgs is not None and responsible_text is UNSET:
        resolution.responsible_text = "، ".join(org.name for org in responsible)[:500]
    resolution.full_clean()
    resolution.save()
    if orgs is not None:
        resolution.responsible_organizations.set(orgs)
    touch(
        meeting,
        user,
        target=f"resolution:{resolution.pk}",
        description=_("اصلاح مصوبه ردیف %(ref)s") % {"ref": resolution_ref(resolution)},
        before=before,
        after=_snapshot(resolution, list(resolution.responsible_organizations.all())),
        reason=reason,
        caller_meeting=resolution.meeting,
    )
    return resolution


@transaction.atomic
def resolution_delete(
    *, user: Any, resolution: Resolution, expected_version: int | None = None, reason: str = ""
) -> None:
    """Remove a mistyped row with its sub-items and their untouched actions.

    Once an organization has acted on it (any progress report, any status change), the row is part of
    the record: correct it or cancel its actions instead. Before approval later rows close the gap;
    after approval numbers stay as published and the deletion is an amendment.
    """
    locked = lock_meeting(user, resolution.meeting, expected_version)
    resolution = Resolution.objects.get(pk=resolution.pk)
    rows = [resolution, *Resolution.objects.filter(parent=resolution)]
    actions = list(Action.objects.filter(resolution__in=rows).select_related("responsible_organization"))
    named = [a.responsible_organization for a in actions] or list(resolution.responsible_organizations.all())
    before = _snapshot(resolution, named)
    number, label, parent_id = resolution.number, resolution.label, resolution.parent_id
    # The spine refuses actions somebody acted on; the row's own words say what to do instead.
    try:
        action_services.do_actions_discard(actions)
    except ValidationError as exc:
        raise ValidationError(
            {
                "resolution": _(
                    "برای این مصوبه اقدامی گزارش شده است؛ به‌جای حذف، آن را اصلاح یا اقدامات را لغو کنید."
                )
            }
        ) from exc
    for row in reversed(rows):
        row.delete()
    if locked.status != Meeting.Status.APPROVED:
        _close_gap(locked, number, label, parent_id)
    touch(
        locked,
        user,
        target="resolution",
        description=_("حذف مصوبه ردیف %(ref)s") % {"ref": before["ref"]},
        before=before,
        reason=reason,
        caller_meeting=resolution.meeting,
    )


def _close_gap(meeting: Meeting, number: int, label: str, parent_id: int | None) -> None:
    """Renumber later rows (or relabel later sub-items) so the table stays 1, 2, 3 / الف، ب، ج."""
    if parent_id is not None:
        siblings = sorted(
            Resolution.objects.filter(parent_id=parent_id),
            key=lambda r: (ABJAD.index(r.label) if r.label in ABJAD else 99, r.pk),
        )
        for index, row in enumerate(siblings):
            if row.label in ABJAD and row.label != ABJAD[index]:
                row.label = ABJAD[index]
                row.save(update_fields=["label"])
        return
    for row in Resolution.objects.filter(meeting=meeting, number__gt=number).order_by("number", "id"):
        row.number -= 1
        row.save(update_fields=["number"])
