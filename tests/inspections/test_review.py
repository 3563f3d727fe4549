"""Review rules of authoring (issue 11): who drafted or submitted a plan does not approve it (another
manager does), and a checklist still in draft is seen by its authors only — others read published
versions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from peygir.core.errors import ValidationError
from peygir.inspections import plans
from peygir.inspections.models import Draw, InspectionPlan
from tests.auth import sign_in

from .helpers import make_inspection_world

DAY = dt.date(2026, 11, 25)
OWN_PLAN = "نمی‌توانید خودتان آن را تصویب کنید"


@pytest.fixture
def iw(world):
    return make_inspection_world(world, facilities_count=2)


def _client(user) -> Client:
    client = Client()
    sign_in(client, user)
    return client


def _api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


# ---------------------------------------------------------------- separation of duties


def test_who_drafted_and_submitted_a_plan_does_not_approve_it(world, iw):
    deputy = world.users["county_deputy"]  # created the plan
    plans.plan_submit(user=deputy, plan=iw.plan)
    with pytest.raises(ValidationError) as err:
        plans.plan_approve(user=deputy, plan=iw.plan, today=DAY)
    assert OWN_PLAN in " ".join(err.value.messages)
    iw.plan.refresh_from_db()
    assert iw.plan.status == InspectionPlan.Status.SUBMITTED and not Draw.objects.exists()
    sealed = plans.plan_approve(user=world.users["office_staff"], plan=iw.plan, today=DAY)
    assert sealed is not None
    iw.plan.refresh_from_db()
    assert iw.plan.approved_by == world.users["office_staff"]


def test_neither_the_creator_nor_the_submitter_approves(world, iw):
    """The deputy created it, the office's expert sent it (after a return): the DG approves."""
    plans.plan_submit(user=world.users["office_staff"], plan=iw.plan)
    for persona in ("county_deputy", "office_staff"):
        with pytest.raises(ValidationError):
            plans.plan_approve(user=world.users[persona], plan=iw.plan, today=DAY)
    assert not Draw.objects.exists()
    assert plans.plan_approve(user=world.users["office_head"], plan=iw.plan, today=DAY) is not None


def test_the_system_approves_without_a_person(world, iw):
    """The demo and commands pass no user: no person to separate from."""
    plans.plan_submit(user=world.users["county_deputy"], plan=iw.plan)
    assert plans.plan_approve(user=None, plan=iw.plan, today=DAY) is not None


def test_the_page_refuses_ones_own_plan_with_a_message(world, iw):
    deputy = world.users["county_deputy"]
    plans.plan_submit(user=deputy, plan=iw.plan)
    client = _client(deputy)
    detail = reverse("web:plan_detail", args=[iw.plan.pk])
    page = client.get(detail).content.decode()
    assert "مدیر دیگری باید آن را تصویب کند" in page
    assert reverse("web:plan_approve", args=[iw.plan.pk]) not in page
    iw.plan.refresh_from_db()
    response = client.post(
        reverse("web:plan_approve", args=[iw.plan.pk]), {"version": iw.plan.version}, follow=True
    )
    assert OWN_PLAN in response.content.decode()
    iw.plan.refresh_from_db()
    assert iw.plan.status == InspectionPlan.Status.SUBMITTED and not Draw.objects.exists()
    # Another manager sees the button and approves.
    office = _client(world.users["office_staff"])
    assert reverse("web:plan_approve", args=[iw.plan.pk]) in office.get(detail).content.decode()
    office.post(reverse("web:plan_approve", args=[iw.plan.pk]), {"version": iw.plan.version})
    iw.plan.refresh_from_db()
    assert iw.plan.status == InspectionPlan.Status.APPROVED


# ---------------------------------------------------------------- draft checklists


def test_a_draft_checklist_is_listed_to_its_authors_only(world):
    part = world.inspections
    draft, published = part.draft_template, part.template
    for persona in ("county_deputy", "inspector", "liaison", "foreign_staff", "nobody"):
        response = _api(world.users[persona]).get("/api/v1/inspection-checklists/")
        rows = {r["id"]: r for r in response.json()["results"]}
        assert draft.pk not in rows, persona
        assert rows[published.pk]["latest_version"] == 1 and not rows[published.pk]["is_draft"]
        assert rows[published.pk]["draft_version"] is None, persona
        assert all(r["latest_version"] is not None for r in rows.values()), persona
        url = f"/api/v1/inspection-checklists/{draft.pk}/"
        assert _api(world.users[persona]).get(url).status_code == 404, persona
        page = _client(world.users[persona]).get(reverse("web:checklist_list")).content.decode()
        assert draft.title not in page, persona
    rows = {
        r["id"]: r
        for r in _api(world.users["office_staff"]).get("/api/v1/inspection-checklists/").json()["results"]
    }
    assert rows[draft.pk]["is_draft"] and rows[draft.pk]["latest_version"] is None
    assert rows[draft.pk]["draft_version"] == 1
    assert rows[published.pk]["draft_version"] is None  # nothing pending on the published one
    page = _client(world.users["office_staff"]).get(reverse("web:checklist_list")).content.decode()
    assert draft.title in page and "پیش‌نویس" in page
