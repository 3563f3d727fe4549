"""A call's own questions: defined by the office on a page (each save a new form version), answered in
the proposal form with Persian messages (required, choices, number bounds), shown to reviewers. And
calls close at their deadline: the service refuses, the page says closed, the daily scan closes the
call once with an event."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from peygir.actions.escalation import scan
from peygir.core.errors import ConflictError, NotAllowed, ValidationError
from peygir.grants.models import Call, CallEvent, CallFormVersion
from peygir.grants.services import calls, proposals

from .helpers import counts, new_call, ngo_user, sign_in
from .world import plan

QUESTIONS = [
    {"name": "partners", "label": "شریکان اجرا", "kind": "text", "required": False},
    {
        "name": "girls",
        "label": "شمار دختران",
        "kind": "integer",
        "required": True,
        "min_value": 10,
        "max_value": 500,
    },
    {"name": "place", "label": "محل اجرا", "kind": "choice", "required": True, "choices": ["مسجد", "مدرسه"]},
]


def _plan(world, **answers):
    p = plan(world, title="کلاس‌های ورزشی", summary="فوتسال")
    p.answers = {"partners": "هیئت ورزش", "girls": "۶۰", "place": "مسجد", **answers}
    return p


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"girls": ""}, "به «شمار دختران» پاسخ دهید"),
        ({"girls": "شصت"}, "باید عدد صحیح باشد"),
        ({"girls": "۵"}, "نباید کمتر از ۱۰ باشد"),
        ({"girls": "۱٬۰۰۰"}, "نباید بیشتر از ۵۰۰ باشد"),
        ({"girls": "9" * 40}, "باید عدد صحیح باشد"),
        ({"place": "پارک"}, "گزینه «محل اجرا» نادرست است"),
        ({"place": ""}, "به «محل اجرا» پاسخ دهید"),
        ({"partners": ["x"]}, "نادرست است"),
    ],
)
def test_answers_are_checked_with_persian_messages(world, answers, message):
    call = new_call(world, form_fields=QUESTIONS)
    before = counts()
    with pytest.raises(ValidationError, match=message):
        proposals.proposal_create(
            user=ngo_user(world), call=call, ngo=world.ngo, plan=_plan(world, **answers)
        )
    assert counts() == before


def test_answers_are_kept_as_numbers_and_shown_to_reviewers(client, world):
    call = new_call(world, form_fields=QUESTIONS)
    proposal = proposals.proposal_create(
        user=ngo_user(world), call=call, ngo=world.ngo, plan=_plan(world, girls="٧٥", unknown="dropped")
    )
    assert proposal.answers == {"partners": "هیئت ورزش", "girls": 75, "place": "مسجد"}
    proposal = proposals.proposal_submit(user=ngo_user(world), proposal=proposal)
    proposal = proposals.proposal_start_review(user=world.users["office_staff"], proposal=proposal)
    calls.call_reviewer_add(user=world.users["office_staff"], call=call, reviewer=world.users["inspector"])
    sign_in(client, world.users["inspector"])
    page = client.get(reverse("web:grant_proposal_detail", args=[proposal.pk])).content.decode()
    assert "شمار دختران" in page and "۷۵" in page and "مسجد" in page


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ([{"name": "a", "label": "", "kind": "text"}], "این بخش را پر کنید"),
        ([{"name": "a b", "label": "x", "kind": "text"}], "لاتین"),
        ([{"name": "a", "label": "x", "kind": "date"}], "ناشناخته"),
        ([{"name": "a", "label": "x", "kind": "choice", "choices": ["تنها"]}], "دو گزینه"),
        ([{"name": "a", "label": "x", "kind": "integer", "min_value": "۱۰", "max_value": "۵"}], "کمینه"),
        ([{"name": "a", "label": "x", "kind": "integer", "min_value": "ده"}], "عدد صحیح"),
        ([{"name": "a", "label": "x"}, {"name": "a", "label": "y"}], "یکتا"),
    ],
)
def test_bad_questions_are_refused(world, fields, message):
    call = new_call(world, form_fields=QUESTIONS)
    with pytest.raises(ValidationError, match=message):
        calls.call_form_update(user=world.users["office_staff"], call=call, fields=fields)
    assert call.form_versions.count() == 1


def test_the_questions_page(client, world):
    call = new_call(world, form_fields=QUESTIONS)
    office = world.users["office_staff"]
    sign_in(client, office)
    url = reverse("web:grant_call_questions", args=[call.pk])
    page = client.get(url).content.decode()
    assert "شمار دختران" in page and 'value="girls"' in page
    call.refresh_from_db()
    data = {
        "version": str(call.version),
        "name_1": "partners",
        "label_1": "شریکان اجرا",
        "kind_1": "text",
        "name_2": "girls",
        "label_2": "شمار دختران و زنان",
        "kind_2": "integer",
        "required_2": "on",
        "min_2": "۰",
        "max_2": "۱۰۰۰",
        "label_3": "سابقه سمن",
        "kind_3": "choice",
        "choices_3": "ندارد\nیک بار\nبیشتر",
        "required_3": "on",
    }
    for i in range(4, 11):
        data[f"kind_{i}"] = "text"
    assert client.post(url, data).status_code == 302
    form = call.current_form()
    assert form.number == 2
    assert [q["name"] for q in form.fields] == ["partners", "girls", "q1"]
    assert form.fields[1]["max_value"] == 1000 and form.fields[2]["choices"] == ["ندارد", "یک بار", "بیشتر"]
    assert CallEvent.objects.filter(call=call, kind="questions").count() == 1
    # The same page sent again with the old version: refused, nothing written.
    stale = client.post(url, data)
    assert stale.status_code == 400 and call.form_versions.count() == 2
    # Bounds out of order: a Persian message, nothing written.
    call.refresh_from_db()
    bad = {**data, "version": str(call.version), "min_2": "۵۰", "max_2": "۱۰", "label_1": "شریکان"}
    response = client.post(url, bad)
    assert response.status_code == 400 and "کمینه" in response.content.decode()
    assert call.form_versions.count() == 2
    # Not the call's manager: 404 and nothing changes.
    sign_in(client, world.users["county_deputy"])
    assert client.post(url, {**data, "version": str(call.version), "label_1": "x"}).status_code == 404
    assert call.form_versions.count() == 2


def test_a_stale_version_is_a_conflict_and_a_stranger_is_refused(world):
    call = new_call(world, form_fields=QUESTIONS)
    with pytest.raises(ConflictError):
        calls.call_form_update(
            user=world.users["office_staff"], call=call, fields=QUESTIONS[:1], expected_version=1
        )
    with pytest.raises(NotAllowed):
        calls.call_form_update(user=world.users["county_deputy"], call=call, fields=QUESTIONS[:1])
    with pytest.raises(ValidationError, match="تغییری نکرده"):
        calls.call_form_update(user=world.users["office_staff"], call=call, fields=QUESTIONS)
    assert CallFormVersion.objects.filter(call=call).count() == 1


def test_the_proposal_form_page_offers_the_questions(client, world):
    call = new_call(world, form_fields=QUESTIONS)
    sign_in(client, ngo_user(world))
    page = client.get(reverse("web:grant_proposal_create", args=[call.pk])).content.decode()
    assert "شمار دختران *" in page and '<option value="مدرسه">' in page and "کمینه ۱۰" in page


# ---------------------------------------------------------------- closing at the deadline


def test_calls_close_at_their_deadline_once(client, world):
    open_call = world.grants.call  # the grants world first: it registers the world's NGO
    call = new_call(world)
    draft = proposals.proposal_create(
        user=ngo_user(world), call=call, ngo=world.ngo, plan=plan(world, title="الف", summary="ب")
    )
    closes = timezone.localdate() + dt.timedelta(days=20)
    assert call.closes_on == closes
    # The closing day itself still accepts; the day after nothing is submitted, scan or not.
    assert call.accepts_on(closes) and not call.accepts_on(closes + dt.timedelta(days=1))
    Call.objects.filter(pk=call.pk).update(closes_on=timezone.localdate() - dt.timedelta(days=1))
    draft.refresh_from_db()
    with pytest.raises(ValidationError, match="مهلت ارسال طرح"):
        proposals.proposal_submit(user=ngo_user(world), proposal=draft)
    sign_in(client, ngo_user(world))
    page = client.get(reverse("web:grant_call_detail", args=[call.pk])).content.decode()
    assert "بسته شده" in page and reverse("web:grant_proposal_create", args=[call.pk]) not in page
    # The daily scan closes it, once, with an event; a second scan changes nothing.
    scan(deliver=False)
    scan(deliver=False)
    call.refresh_from_db()
    assert call.status == Call.Status.CLOSED
    events = CallEvent.objects.filter(call=call, kind="closed")
    assert events.count() == 1 and events.get().actor is None
    assert calls.close_due_calls() == 0
    # A closed call's questions no longer change; an open call elsewhere is untouched.
    with pytest.raises(ValidationError, match="مهلت"):
        calls.call_form_update(user=world.users["office_staff"], call=call, fields=QUESTIONS)
    open_call.refresh_from_db()
    assert open_call.status == Call.Status.PUBLISHED


def test_a_bad_answer_on_the_page_is_said_under_its_question(client, world):
    from peygir.core.jalali import format_jalali
    from peygir.grants.models import Proposal

    call = new_call(world, form_fields=QUESTIONS)
    today = timezone.localdate()
    sign_in(client, ngo_user(world))
    data = {
        "title": "والیبال دختران",
        "county": str(world.county.pk),
        "beneficiaries_planned": "۴۰",
        "starts_on": format_jalali(today + dt.timedelta(days=1)),
        "ends_on": format_jalali(today + dt.timedelta(days=60)),
        "requested": "۱۰٬۰۰۰٬۰۰۰",
        "budget_title_1": "مربی",
        "budget_amount_1": "۱۰٬۰۰۰٬۰۰۰",
        "step_title_1": "پایان دوره",
        "step_due_1": format_jalali(today + dt.timedelta(days=60)),
        "step_amount_1": "۱۰٬۰۰۰٬۰۰۰",
        "q_girls": "۵",
        "q_place": "مسجد",
    }
    url = reverse("web:grant_proposal_create", args=[call.pk])
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 400 and not Proposal.objects.filter(call=call).exists()
    after_input = html[html.index('name="q_girls"') :]
    assert after_input.index("نباید کمتر از ۱۰ باشد") < after_input.index('name="q_place"')
    response = client.post(url, {**data, "q_girls": "۴۵"})
    assert response.status_code == 302
    assert Proposal.objects.get(call=call).answers == {"partners": "", "girls": 45, "place": "مسجد"}
