"""Drawing a month for many plans: a constant number of queries per plan, whatever the number of
facilities, and the periodic command's reads done once per batch of plans (issue 11 §5)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from peygir.inspections import plans
from peygir.inspections.models import Draw, Facility, Finding, InspectionPlan, PlanRule
from peygir.inspections.periods import make_period
from peygir.organizations.models import Membership, Organization
from tests import factories as f

from .factories import ChecklistQuestionFactory, ChecklistTemplateFactory, VisitFactory

TODAY = dt.date(2026, 11, 25)  # 4 Azar 1405
NEXT_MONTH = make_period("month", 1405, 10)


def _county_plans(counties: int, facilities: int) -> list[InspectionPlan]:
    """`counties` county plans, each over `facilities` slaughterhouses and food centres, with two
    inspectors and a published checklist per kind; a few facilities carry open findings."""
    province = f.make_territory("province")
    agency = f.OrganizationFactory(territory=province)
    slaughter = ChecklistTemplateFactory(facility_kinds=["slaughterhouse"])
    food = ChecklistTemplateFactory(facility_kinds=["food_centre"], document=slaughter.document)
    for template in (slaughter, food):
        ChecklistQuestionFactory(section__version__template=template, section__version__number=1)
    made = []
    for c in range(counties):
        county = f.make_territory("county", province)
        governorate = f.OrganizationFactory(kind=Organization.Kind.COUNTY_GOVERNORATE, territory=county)
        inspectors = [f.UserFactory() for _ in range(2)]
        for user in inspectors:
            f.MembershipFactory(user=user, organization=governorate, role=Membership.Role.COUNTY_DEPUTY)
        plan = InspectionPlan.objects.create(
            title=f"برنامه {c}",
            organization=governorate,
            territory=county,
            document=slaughter.document,
            status=InspectionPlan.Status.APPROVED,
        )
        plan.inspectors.set(inspectors)
        PlanRule.objects.create(plan=plan, facility_kind="slaughterhouse", template=slaughter)
        PlanRule.objects.create(plan=plan, facility_kind="food_centre", template=food, sample_percent=50)
        Facility.objects.bulk_create(
            Facility(
                name=f"مرکز {c}-{i}",
                kind="slaughterhouse" if i % 2 else "food_centre",
                territory=county,
                territory_path=county.path,
                responsible_agency=agency,
                last_score=50 + i % 50 if i % 3 else None,
            )
            for i in range(facilities)
        )
        made.append(plan)
    # Open findings raise a facility's risk: they are read in the batch too.
    first = Facility.objects.filter(territory_path=made[0].territory_path).first()
    visit = VisitFactory(facility=first, draw__plan=made[0], status="completed")
    Finding.objects.create(
        visit=visit, facility=first, question=ChecklistQuestionFactory(), title="یافته باز"
    )
    return made


def _draw(period_for: dt.date) -> tuple[list[Draw], int]:
    with CaptureQueriesContext(connection) as ctx:
        made = plans.draw_due_plans(period_for=period_for, today=TODAY)
    return made, len(ctx.captured_queries)


def _more_facilities(made: list[InspectionPlan], count: int) -> None:
    agency = Facility.objects.first().responsible_agency
    for plan in made:
        Facility.objects.bulk_create(
            Facility(
                name=f"مرکز تازه {plan.pk}-{i}",
                kind="slaughterhouse",
                territory=plan.territory,
                territory_path=plan.territory_path,
                responsible_agency=agency,
            )
            for i in range(count)
        )


@pytest.mark.django_db
def test_the_draws_queries_do_not_grow_with_facilities_and_are_constant_per_plan():
    made = _county_plans(3, 20)
    first, small = _draw(NEXT_MONTH.start)
    assert len(first) == 3
    # Ten times the facilities, the next month: the same number of queries.
    _more_facilities(made, 180)
    second, large = _draw(NEXT_MONTH.next().start)
    assert len(second) == 3 and large == small
    assert sum(d.visits_count for d in second) > 5 * sum(d.visits_count for d in first)
    # Three more plans: a few queries each (lock, seal, visits), never one per facility or rule.
    made += _county_plans(3, 200)
    third, six = _draw(NEXT_MONTH.next().next().start)
    assert len(third) == 6
    per_plan = (six - large) / 3
    assert per_plan <= 6, (small, large, six)
    # The bulk-written visits are whole rows, as the model writes them, and the seals verify.
    for sealed in third:
        assert plans.verify_draw(sealed).ok
        rows = list(sealed.visits.values_list("status", "kind", "version", "note", "created_at"))
        assert len(rows) == sealed.visits_count
        assert all(r[:4] == ("scheduled", "scheduled", 1, "") and r[4] is not None for r in rows)
        doc = json.loads(sealed.schedule_json)
        stored = sorted(sealed.visits.values_list("facility_id", "inspector_id", "scheduled_on"))
        assert stored == sorted(
            (v["facility"], v["inspector"], dt.date.fromisoformat(v["date"])) for v in doc["visits"]
        )


@pytest.mark.django_db
def test_a_plan_whose_checklist_has_no_published_version_is_skipped_and_the_others_drawn():
    made = _county_plans(2, 10)
    draft = ChecklistTemplateFactory(facility_kinds=["food_centre"])
    ChecklistQuestionFactory(section__version__template=draft, section__version__published_at=None)
    made[0].rules.filter(facility_kind="food_centre").update(template=draft)
    drawn, _queries = _draw(NEXT_MONTH.start)
    assert [d.plan_id for d in drawn] == [made[1].pk]
    assert not Draw.objects.filter(plan=made[0], period_start=NEXT_MONTH.start).exists()


@pytest.mark.django_db
def test_twenty_county_plans_are_drawn_in_a_bounded_number_of_queries():
    """Twenty plans drawn in one batch: at most six queries per plan (its time at national scale is
    measured by `peygir bench`, docs/performance.md)."""
    _county_plans(20, 30)
    made, queries = _draw(NEXT_MONTH.start)
    assert len(made) == 20 and sum(d.visits_count for d in made) > 20 * 20
    assert queries <= 20 * 6 + 10
