"""Authoring from pages: a checklist drafted question by question and published (then immutable; the
next version a copy), a plan created, edited, sent for approval, sent back and approved. Bad input:
Persian messages, nothing half-written, never a 500."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from peygir.core.errors import ValidationError
from peygir.core.text import to_persian_digits
from peygir.inspections import drafts
from peygir.inspections.checklists import QuestionSpec
from peygir.inspections.models import ChecklistQuestion, ChecklistVersion, InspectionPlan, PlanRule, Visit
from tests.auth import sign_in

from .helpers import make_inspection_world


def _client(user) -> Client:
    client = Client()
    sign_in(client, user)
    return client


@pytest.fixture
def iw(world):
    return make_inspection_world(world, facilities_count=2)


def _question(**over) -> dict:
    data = {
        "section": "ایمنی",
        "code": "fire",
        "text": "کپسول آتش‌نشانی شارژ شده است",
        "kind": "yes_no",
        "weight": "۳",
        "scale_max": "۵",
        "deadline_days": "۱۰",
        "allows_na": "on",
        "evidence_required": "on",
    }
    data.update(over)
    return data


def test_a_checklist_is_drafted_on_pages_and_published(world, iw):
    client = _client(world.users["office_staff"])
    response = client.post(
        reverse("web:checklist_create"),
        {
            "document": iw.document.pk,
            "title": "چک‌لیست اماکن ورزشی",
            "facility_kinds": ["sports_venue"],
            "pass_score": "۷۵",
        },
    )
    assert response.status_code == 302
    template = iw.document.checklist_templates.get(title="چک‌لیست اماکن ورزشی")
    draft = template.draft_version()
    assert template.latest_version() is None and draft.pass_score == 75
    url = reverse("web:checklist_draft", args=[template.pk])
    # Publishing an empty draft is refused; nothing changes.
    client.post(reverse("web:checklist_publish", args=[template.pk]), {"revision": draft.revision})
    assert template.latest_version() is None
    assert client.post(url, _question(revision=draft.revision)).status_code == 302
    number = _question(code="temp", kind="number", text="دمای آب استخر", pass_min="۲۶", pass_max="۲۸٫۵")
    assert client.post(url, number).status_code == 302
    q = ChecklistQuestion.objects.get(version=draft, code="temp")
    assert (q.pass_min, str(q.pass_max), q.weight) == (26, "28.50", 3)
    response = client.post(
        reverse("web:checklist_publish", args=[template.pk]), {"note": "نخست"}, follow=True
    )
    assert response.redirect_chain[-1][1] == 302
    assert "نسخه ۱ منتشر شد" in response.content.decode()  # Persian digits in the confirmation
    published = template.latest_version()
    assert published.pk == draft.pk and not published.is_draft
    # Published: no question can be added or removed any more.
    with pytest.raises(ValidationError):
        drafts.draft_question_add(
            user=world.users["office_staff"],
            version=published,
            section_title="x",
            spec=QuestionSpec("a", "b"),
        )
    assert published.questions.count() == 2


@pytest.mark.parametrize(
    "over, message",
    [
        ({"weight": "abc"}, "عدد"),
        ({"weight": "۲۰۰"}, "حداکثر"),
        ({"code": ""}, ""),
        ({"kind": "number"}, "کمینه یا بیشینه"),
        ({"kind": "number", "pass_min": "۱۰", "pass_max": "۵"}, "کمتر"),
        ({"pass_min": "1e999"}, "عدد"),
        ({"kind": "scale", "pass_min": "۹"}, "درون طیف"),
        ({"deadline_days": "۰"}, "دست‌کم"),
        ({"kind": "telepathy"}, ""),
    ],
)
def test_bad_questions_are_refused_in_persian_and_nothing_is_written(world, iw, over, message):
    office = world.users["office_staff"]
    template = drafts.template_create_draft(
        user=office, document=iw.document, title="پیش‌نویس", facility_kinds=["hospital"]
    )
    response = _client(office).post(reverse("web:checklist_draft", args=[template.pk]), _question(**over))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ChecklistQuestion.objects.filter(version__template=template).exists()


def test_a_stale_draft_revision_is_a_conflict(world, iw):
    office = world.users["office_staff"]
    template = drafts.template_create_draft(
        user=office, document=iw.document, title="پیش‌نویس", facility_kinds=["hospital"]
    )
    client = _client(office)
    url = reverse("web:checklist_draft", args=[template.pk])
    assert client.post(url, _question(revision="1")).status_code == 302
    response = client.post(url, _question(code="other", revision="1"))
    assert response.status_code == 400 and "دوباره باز کنید" in response.content.decode()


def test_the_next_version_is_a_copy_and_old_visits_keep_theirs(world, iw):
    office = world.users["office_staff"]
    sealed = iw.approve(dt.date(2026, 11, 25))
    v1 = iw.template.latest_version()
    client = _client(office)
    assert client.post(reverse("web:checklist_draft_start", args=[iw.template.pk])).status_code == 302
    draft = iw.template.draft_version()
    assert draft.number == 2
    assert sorted(draft.questions.values_list("code", flat=True)) == sorted(
        v1.questions.values_list("code", flat=True)
    )
    # A draft is never drawn: the latest version is still 1 until published.
    assert iw.template.latest_version() == v1
    drafts.draft_question_remove(
        user=office, version=draft, question_id=draft.questions.get(code="licence_on_wall").pk
    )
    drafts.draft_publish(user=office, version=draft)
    assert iw.template.latest_version().number == 2
    assert set(Visit.objects.filter(draw=sealed).values_list("checklist_version_id", flat=True)) == {v1.pk}
    assert v1.questions.filter(code="licence_on_wall").exists()


def _plan_post(iw, world, **over) -> dict:
    data = {
        "title": "بازدید سرزده ماهانه مراکز تهیه غذای اراک",
        "organization": world.county_gov.pk,
        "territory": world.county.pk,
        "document": iw.document.pk,
        "period": "month",
        "back_check_percent": "۱۰",
        "inspectors": [world.users["county_deputy"].pk],
        "rule-slaughterhouse-on": "on",
        "rule-slaughterhouse-template": str(iw.template.pk),
        "rule-slaughterhouse-visits": "۲",
        "rule-slaughterhouse-sample": "۵۰",
    }
    data.update(over)
    return data


def test_a_plan_is_created_submitted_returned_and_approved_on_pages(world, iw):
    deputy = world.users["county_deputy"]
    client = _client(deputy)
    response = client.post(reverse("web:plan_create"), _plan_post(iw, world))
    assert response.status_code == 302, response.content.decode()[:2000]
    plan = InspectionPlan.objects.get(title="بازدید سرزده ماهانه مراکز تهیه غذای اراک")
    assert plan.status == "draft" and plan.back_check_percent == 10
    rule = plan.rules.get()
    assert (rule.visits_per_period, rule.sample_percent) == (2, 50)
    # Edited with a stale version: refused, nothing changed.
    edit = reverse("web:plan_edit", args=[plan.pk])
    stale = client.post(edit, _plan_post(iw, world, title="عنوان تازه", version=str(plan.version + 5)))
    assert stale.status_code == 400
    plan.refresh_from_db()
    assert plan.title.startswith("بازدید سرزده")
    assert (
        client.post(edit, _plan_post(iw, world, title="عنوان تازه", version=str(plan.version))).status_code
        == 302
    )
    plan.refresh_from_db()
    assert plan.title == "عنوان تازه"
    client.post(reverse("web:plan_submit", args=[plan.pk]), {"version": plan.version})
    plan.refresh_from_db()
    assert plan.status == "submitted"
    # Submitted: no more edits; sent back with a reason, then submitted again and approved.
    assert client.post(edit, _plan_post(iw, world, version=str(plan.version))).status_code == 400
    office = _client(world.users["office_staff"])
    office.post(reverse("web:plan_return", args=[plan.pk]), {"reason": "", "version": plan.version})
    plan.refresh_from_db()
    assert plan.status == "submitted"
    office.post(
        reverse("web:plan_return", args=[plan.pk]), {"reason": "نمونه ۵۰٪ کم است", "version": plan.version}
    )
    plan.refresh_from_db()
    assert plan.status == "draft" and plan.return_reason == "نمونه ۵۰٪ کم است"
    assert "نمونه ۵۰٪ کم است" in client.get(reverse("web:plan_detail", args=[plan.pk])).content.decode()
    client.post(reverse("web:plan_submit", args=[plan.pk]), {"version": plan.version})
    response = office.post(
        reverse("web:plan_approve", args=[plan.pk]),
        {"version": InspectionPlan.objects.get(pk=plan.pk).version},
        follow=True,
    )
    plan.refresh_from_db()
    assert plan.status == "approved" and plan.draws.count() == 1
    count = plan.draws.get().visits_count
    assert f"برنامه تصویب شد و {to_persian_digits(count)} بازدید" in response.content.decode()


@pytest.mark.parametrize(
    "over",
    [
        {"title": ""},
        {"back_check_percent": "۹۹"},
        {"back_check_percent": "ده"},
        {"territory": "99999999999999999999"},
        {"inspectors": ["99999999"]},
        {"rule-slaughterhouse-template": ""},
        {"rule-slaughterhouse-visits": "۱۱"},
        {"rule-slaughterhouse-on": "", "rule-slaughterhouse-template": ""},
        {"inspectors": []},
    ],
)
def test_bad_plans_are_refused_and_nothing_is_written(world, iw, over):
    before = (InspectionPlan.objects.count(), PlanRule.objects.count())
    response = _client(world.users["county_deputy"]).post(
        reverse("web:plan_create"), _plan_post(iw, world, **over)
    )
    assert response.status_code == 400
    assert "alert-danger" in response.content.decode() or "invalid-feedback" in response.content.decode()
    assert (InspectionPlan.objects.count(), PlanRule.objects.count()) == before


def test_an_inspector_of_another_organization_is_refused(world, iw):
    """The office's expert may be offered on the office's form, but is no member of Arak's governorate."""
    office = world.users["office_staff"]
    response = _client(office).post(reverse("web:plan_create"), _plan_post(iw, world, inspectors=[office.pk]))
    assert response.status_code == 400
    assert "عضو سازمان بازرس" in response.content.decode()
    assert not InspectionPlan.objects.filter(title__startswith="بازدید سرزده ماهانه مراکز").exists()


def test_a_draft_checklist_is_not_offered_to_a_plan(world, iw):
    office = world.users["office_staff"]
    template = drafts.template_create_draft(
        user=office, document=iw.document, title="پیش‌نویس کشتارگاه", facility_kinds=["slaughterhouse"]
    )
    response = _client(world.users["county_deputy"]).post(
        reverse("web:plan_create"),
        _plan_post(iw, world, **{"rule-slaughterhouse-template": str(template.pk)}),
    )
    assert response.status_code == 400
    assert not ChecklistVersion.objects.filter(template=template, published_at__isnull=False).exists()
