"""The inspections part of the shared `world` (tests/world.py `world.inspections`): one plan of Arak's
county deputy, sealed for the current period, with a visit revealed today, a secret coming visit, a
visit done with a finding (an action of `world.agency`), a missed visit (an action of the county
governorate) and an amendment."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from peygir.actions.models import Action
from peygir.inspections import amendments, drafts, draw, plans, visits
from peygir.inspections.checklists import QuestionSpec
from peygir.inspections.models import (
    ChecklistQuestion,
    ChecklistTemplate,
    Draw,
    DrawAmendment,
    Facility,
    Finding,
    InspectionPlan,
    Visit,
)
from peygir.inspections.periods import period_containing

from .factories import PNG
from .helpers import InspectionWorld, make_inspection_world, new_submission


@dataclass
class InspectionsPart:
    base: InspectionWorld
    facility: Facility
    plan: InspectionPlan
    draw: Draw
    visit_today: Visit  # revealed to its inspector (the county deputy) only
    visit_secret: Visit  # five days ahead: nobody may see it
    visit_done: Visit
    finding: Finding
    finding_action: Action
    visit_missed: Visit
    missed_action: Action
    published_draw: Draw  # last period's: its schedule and seed are published
    draft_template: ChecklistTemplate  # a checklist still in draft (one question), never drawn
    draft_question: ChecklistQuestion

    @property
    def template(self) -> Any:
        return self.base.template


def _last_period_draw(iw: InspectionWorld, current: Draw) -> Draw:
    """Last period's draw, sealed as the service seals one (its visits are not kept in the world)."""
    period = period_containing(current.period_start - dt.timedelta(days=1), iw.plan.period)
    seed = draw.new_seed()
    candidates = [
        draw.Candidate(facility=f.pk, weight=2.0, visits=1, rule=iw.plan.rules.get().pk)
        for f in iw.facilities
    ]
    days = [d for d in period.days() if d.weekday() != 4]
    inspectors = [iw.inspector.pk]
    document = draw.build_document(
        plan=iw.plan.pk,
        period_start=period.start,
        period_end=period.end,
        candidates=candidates,
        inspectors=inspectors,
        days=days,
        visits=draw.compute_schedule(seed, candidates, inspectors, days),
    )
    canonical = draw.canonical(document)
    commitment = draw.commitment(seed)
    return Draw.objects.create(
        plan=iw.plan,
        period_start=period.start,
        period_end=period.end,
        period_label=period.label,
        seed_hex=seed.hex(),
        seed_commitment=commitment,
        schedule_json=canonical,
        seal=draw.seal_of(canonical, commitment),
        visits_count=len(document["visits"]),
    )


def build(world: Any) -> InspectionsPart:
    today = timezone.localdate()
    iw = make_inspection_world(world, facilities_count=2, second=False)
    plans.plan_submit(user=world.users["county_deputy"], plan=iw.plan)
    # Separation of duties: the deputy drafted and submitted the plan; the office approves it.
    sealed = plans.plan_approve(user=world.users["office_staff"], plan=iw.plan, today=today)
    deputy = world.users["county_deputy"]
    first, second = list(sealed.visits.order_by("pk"))
    Visit.objects.filter(pk=first.pk).update(scheduled_on=today)
    Visit.objects.filter(pk=second.pk).update(scheduled_on=today + dt.timedelta(days=5))

    def extra(day: dt.date) -> Visit:
        return Visit.objects.create(
            draw=sealed,
            facility=iw.facilities[0],
            inspector=deputy,
            organization=world.county_gov,
            checklist_version=first.checklist_version,
            scheduled_on=day,
        )

    done = extra(today - dt.timedelta(days=1))
    visits.visit_photo_add(
        user=deputy, visit=done, client_id="photo-1", upload=SimpleUploadedFile("hall.png", PNG)
    )
    visits.visit_submit(
        user=deputy,
        visit=done,
        submission_id=new_submission(),
        answers=iw.answers(done, hygiene_cards={"value": False, "note": "دو کارگر کارت بهداشت ندارند"}),
        device_submitted_at=timezone.now(),
        today=today,
    )
    missed = extra(today - dt.timedelta(days=2))
    visits.visits_mark_missed(as_of=today, by=world.users["office_staff"])
    # An amendment (a day drawn afresh); the secret visit is then pinned back five days ahead, where
    # the hiding tests look for its date, and the amendment says so too.
    amendment = amendments.visit_amend(
        user=deputy, visit=Visit.objects.get(pk=second.pk), reason="جابه‌جایی روز بازدید", redraw_date=True
    )
    Visit.objects.filter(pk=second.pk).update(scheduled_on=today + dt.timedelta(days=5))
    DrawAmendment.objects.filter(pk=amendment.pk).update(new_date=today + dt.timedelta(days=5))
    finding = Finding.objects.get(visit=done)
    office = world.users["office_staff"]
    draft_template = drafts.template_create_draft(
        user=office,
        document=iw.document,
        title="چک‌لیست مراکز تهیه غذا (پیش‌نویس)",
        facility_kinds=["food_centre"],
    )
    draft_question = drafts.draft_question_add(
        user=office,
        version=draft_template.draft_version(),
        section_title="بهداشت مواد غذایی",
        spec=QuestionSpec("food_cold_chain", "زنجیره سرد مواد غذایی رعایت می‌شود", weight=2, is_critical=True),
    )
    return InspectionsPart(
        draft_template=draft_template,
        draft_question=draft_question,
        published_draw=_last_period_draw(iw, sealed),
        base=iw,
        facility=iw.facilities[0],
        plan=iw.plan,
        draw=sealed,
        visit_today=Visit.objects.get(pk=first.pk),
        visit_secret=Visit.objects.get(pk=second.pk),
        visit_done=Visit.objects.get(pk=done.pk),
        finding=finding,
        finding_action=finding.actions.get(),
        visit_missed=Visit.objects.get(pk=missed.pk),
        missed_action=Action.objects.get(visit=missed),
    )
