"""Findings: each failed check of a visit becomes an action of the facility's responsible agency, with
the checklist item's deadline in working days; closing it needs evidence and, when the item says so,
a passing re-inspection (drawn like every other visit: its day is secret)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from peygir.actions import services as action_services
from peygir.actions.models import Action, ActionUpdate
from peygir.core.text import to_persian_digits
from peygir.core.workdays import WorkingCalendar

from . import draw
from .models import Finding, Visit
from .scoring import Result

REINSPECTION_WINDOW = 10  # working days after the agency reports done


def finding_title(facility_name: str, question_text: str) -> str:
    return (_("رفع نقص «%(q)s» در %(f)s") % {"q": question_text, "f": facility_name})[:500]


def create_findings(
    *,
    visit: Visit,
    result: Result,
    user: Any,
    calendar: WorkingCalendar,
    skip_codes: set[str] | frozenset = frozenset(),
) -> list[Finding]:
    """One finding and one action per failed item (the re-inspected item itself excepted)."""
    facility = visit.facility
    done_on = timezone.localdate(visit.completed_at)
    findings = []
    for answer in result.failed:
        question = answer.question
        if question.code in skip_codes:
            continue
        finding = Finding.objects.create(
            visit=visit,
            facility=facility,
            question=question,
            title=finding_title(facility.name, question.text),
            is_critical=question.is_critical,
            evidence_required=question.evidence_required,
            requires_reinspection=question.requires_reinspection,
        )
        description = question.text
        if answer.note:
            description += "\n" + answer.note
        action_services.do_action_create(
            title=finding.title,
            description=description,
            responsible=facility.responsible_agency,
            issuer=visit.organization,
            deadline=calendar.add_working_days(done_on, question.deadline_days),
            deadline_text=_("%(n)s روز کاری") % {"n": to_persian_digits(question.deadline_days)},
            source=finding,
            created_by=user,
        )
        findings.append(finding)
    return findings


def schedule_reinspection(finding: Finding, *, today: dt.date | None = None) -> Visit | None:
    """A re-inspection by the finding's inspector on a working day drawn from the visit's seed (so it
    is as secret as the schedule, and auditable once the seed is published). One at a time."""
    if finding.reinspections.filter(status=Visit.Status.SCHEDULED).exists():
        return None
    original = finding.visit
    calendar = WorkingCalendar()
    start = today or timezone.localdate()
    days = [calendar.add_working_days(start, n) for n in range(1, REINSPECTION_WINDOW + 1)]
    seed = bytes.fromhex(original.draw.seed_hex)
    attempt = finding.reinspections.count()
    day = days[draw.derived_index(seed, f"reinspect:{finding.pk}:{attempt}", len(days))]
    return Visit.objects.create(
        draw=original.draw,
        kind=Visit.Kind.REINSPECTION,
        facility=finding.facility,
        territory_path=finding.facility.territory_path,
        inspector=original.inspector,
        organization=original.organization,
        checklist_version=original.checklist_version,
        scheduled_on=day,
        reinspection_of=finding,
    )


def has_evidence(action: Action) -> bool:
    last = action.updates.filter(kind=ActionUpdate.Kind.REPORT_DONE).order_by("-id").first()
    return last is not None and last.evidence.exists()


def close_by_reinspection(*, visit: Visit, result: Result, user: Any) -> None:
    """The re-inspected item passed: the finding is resolved and its action verified; failed: the
    action goes back to the agency with the reason."""
    finding = visit.reinspection_of
    target = next((a for a in result.answers if a.question.code == finding.question.code), None)
    action = finding.actions.order_by("-id").first()
    if target is None or action is None:
        return
    if target.passed is False:
        if action.status == Action.Status.REPORTED_DONE:
            action_services.do_action_reject(
                action=action, user=user, reason=_("بازدید مجدد نشان داد نقص هنوز برطرف نشده است.")
            )
        return
    finding.resolved_by = visit
    finding.save(update_fields=["resolved_by"])
    if action.status == Action.Status.REPORTED_DONE:
        action_services.do_action_verify(action=action, user=user, text=_("در بازدید مجدد رفع نقص تأیید شد."))
