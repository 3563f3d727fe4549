"""An inspection set-up on the shared world: Arak's county deputy inspects the county's slaughterhouses
under the province's food-security document (seed 003: «در راستای سند امنیت غذایی هر ماه به صورت
سرزده از کشتارگاهها و مراکز ارائه مواد غذایی در شهرستان خود بازدید کنند»)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from peygir.inspections import checklists, facilities, plans
from peygir.inspections.checklists import QuestionSpec, SectionSpec
from peygir.inspections.models import ChecklistTemplate, Facility, InspectionPlan, Visit
from peygir.organizations.models import Membership
from peygir.programs.models import PolicyDocument
from tests import factories as f

SEED_SENTENCE = "در راستای سند امنیت غذایی هر ماه به صورت سرزده از کشتارگاهها و مراکز ارائه مواد غذایی در شهرستان خود بازدید کنند"


def slaughterhouse_sections() -> list[SectionSpec]:
    return [
        SectionSpec(
            "بهداشت و ایمنی",
            [
                QuestionSpec("hygiene_cards", "کارت بهداشت کارکنان معتبر است", weight=2),
                QuestionSpec(
                    "vet_supervision",
                    "ذبح زیر نظر ناظر دامپزشکی انجام می‌شود",
                    weight=3,
                    is_critical=True,
                    allows_na=False,
                    requires_reinspection=True,
                    deadline_days=5,
                ),
                QuestionSpec(
                    "cold_storage", "دمای سردخانه (درجه سانتی‌گراد)", kind="number", pass_max=Decimal(4)
                ),
                QuestionSpec("cleanliness", "پاکیزگی سالن ذبح", kind="scale", weight=2, pass_min=Decimal(3)),
            ],
        ),
        SectionSpec(
            "مستندات",
            [
                QuestionSpec("licence_on_wall", "پروانه بهره‌برداری در معرض دید است", evidence_required=False),
                QuestionSpec("notes", "توضیحات بازرس", kind="text"),
                QuestionSpec("photo", "عکس سالن ذبح", kind="photo"),
            ],
        ),
    ]


@dataclass
class InspectionWorld:
    world: Any
    document: PolicyDocument
    template: ChecklistTemplate
    facilities: list[Facility]
    plan: InspectionPlan
    inspector: Any
    second_inspector: Any

    def approve(self, today: dt.date) -> Any:
        # The deputy drafted and submits the plan; another manager (the office) approves it.
        plans.plan_submit(user=self.world.users["county_deputy"], plan=self.plan)
        return plans.plan_approve(user=self.world.users["office_staff"], plan=self.plan, today=today)

    def question(self, code: str, visit: Visit) -> Any:
        return visit.checklist_version.questions.get(code=code)

    def answers(self, visit: Visit, **overrides: Any) -> dict[int, dict]:
        """All passing, unless overridden by code: {"vet_supervision": {"value": False}}."""
        base = {
            "hygiene_cards": {"value": True},
            "vet_supervision": {"value": True},
            "cold_storage": {"value": "۲"},
            "cleanliness": {"value": 4},
            "licence_on_wall": {"value": "بله"},
            "notes": {"value": "بازدید بدون مشکل"},
            "photo": {},
        }
        base.update(overrides)
        version = visit.checklist_version
        return {version.questions.get(code=code).pk: raw for code, raw in base.items()}


def make_inspection_world(world: Any, *, facilities_count: int = 3, second: bool = True) -> InspectionWorld:
    office = world.users["office_staff"]
    document = PolicyDocument.objects.create(
        title="سند امنیت غذایی استان",
        level="provincial",
        theme="food_security",
        territory=world.province,
        issuer=world.office,
        year=1405,
    )
    template = checklists.template_create(
        user=office,
        document=document,
        title="چک‌لیست بازدید سرزده از کشتارگاه",
        facility_kinds=["slaughterhouse"],
        sections=slaughterhouse_sections(),
    )
    made = [
        facilities.facility_create(
            user=office,
            name=f"کشتارگاه صنعتی اراک {n}",
            kind="slaughterhouse",
            territory=world.county,
            responsible_agency=world.agency,
            licence_number=f"۱۲۳۴{n}",
        )
        for n in range(1, facilities_count + 1)
    ]
    deputy = world.users["county_deputy"]
    inspectors = [deputy]
    second_inspector = None
    if second:
        second_inspector = f.UserFactory(username="second_deputy")
        f.MembershipFactory(
            user=second_inspector, organization=world.county_gov, role=Membership.Role.COUNTY_DEPUTY
        )
        inspectors.append(second_inspector)
    plan = plans.plan_create(
        user=deputy,
        title="بازدید سرزده ماهانه کشتارگاه‌های اراک",
        organization=world.county_gov,
        territory=world.county,
        document=document,
        inspectors=inspectors,
        rules=[plans.RuleSpec("slaughterhouse", template)],
    )
    return InspectionWorld(world, document, template, made, plan, deputy, second_inspector)


def new_submission() -> str:
    return str(uuid.uuid4())
