"""The action page: extension requests and the issuer's answer, obstacles, the escalation ladder, and
the "escalated" mark and filter of the inbox (issue 9, §2)."""

import datetime as dt

import jdatetime
import pytest
from django.urls import reverse
from django.utils import timezone

from peygir.actions import requests
from peygir.actions.escalation import scan
from peygir.actions.models import Action, ActionEvent, ExtensionRequest, Obstacle
from peygir.actions.services import action_create
from peygir.core.jalali import format_jalali


def post(client, action, op, data):
    action.refresh_from_db()
    return client.post(reverse("web:action_op", args=[action.pk, op]), {"version": action.version, **data})


def page(client, action) -> str:
    return client.get(reverse("web:action_detail", args=[action.pk])).content.decode()


def jalali(day: dt.date) -> str:
    return format_jalali(day)


def state(action):
    action.refresh_from_db()
    return (
        action.deadline,
        action.version,
        ActionEvent.objects.filter(action=action).count(),
        ExtensionRequest.objects.count(),
        Obstacle.objects.count(),
    )


def test_extension_requested_on_the_page_and_accepted_by_the_issuer(login, world, action):
    proposed = timezone.localdate() + dt.timedelta(days=60)
    liaison = login("liaison")
    assert "درخواست تمدید مهلت" in page(liaison, action)
    response = post(
        liaison, action, "extension", {"proposed": jalali(proposed), "reason": "اعتبار نرسیده است"}
    )
    assert response.status_code == 302
    # The liaison cannot ask twice while the first awaits an answer.
    assert "extension" not in liaison.get(reverse("web:action_detail", args=[action.pk])).context["forms"]
    staff = login("office_staff")
    home = staff.get(reverse("web:home")).content.decode()
    assert 'id="extensions"' in home and "اعتبار نرسیده است" in home  # awaiting the issuer's answer
    body = page(staff, action)
    assert "اعتبار نرسیده است" in body and "پاسخ به درخواست تمدید" in body
    assert post(staff, action, "extension-decide", {"decision": "accept", "reason": ""}).status_code == 302
    action.refresh_from_db()
    assert action.deadline == proposed
    history = page(liaison, action)
    assert "درخواست تمدید مهلت" in history and "پذیرش تمدید مهلت" in history


def test_refusal_needs_a_reason_and_writes_nothing_without_one(login, world, action):
    requests.extension_request(
        action=action,
        user=world.users["liaison"],
        reason="دلیل",
        proposed=timezone.localdate() + dt.timedelta(days=60),
    )
    before = state(action)
    response = post(login("office_staff"), action, "extension-decide", {"decision": "refuse", "reason": ""})
    assert response.status_code == 400
    assert "دلیل" in response.content.decode()
    assert state(action) == before


def test_bad_extension_input_speaks_persian_and_writes_nothing(login, action):
    before = state(action)
    client = login("liaison")
    response = post(client, action, "extension", {"proposed": "فردا", "reason": "دلیل"})
    assert response.status_code == 400
    assert response.context["forms"]["extension"].errors["proposed"]
    past = jdatetime.date.fromgregorian(date=timezone.localdate() - dt.timedelta(days=3))
    response = post(client, action, "extension", {"proposed": past.strftime("%Y/%m/%d"), "reason": "دلیل"})
    assert response.status_code == 400
    assert "مهلت پیشنهادی باید پس از" in response.content.decode()
    assert state(action) == before


def test_obstacle_reported_on_the_page_shows_on_the_issuers_start_page(login, world, action):
    liaison = login("liaison")
    response = post(
        liaison, action, "obstacle", {"text": "زمین مدرسه تحویل نشده است", "needed": world.other_agency.pk}
    )
    assert response.status_code == 302
    home = login("office_staff").get(reverse("web:home")).content.decode()
    assert 'id="obstacles"' in home and "زمین مدرسه تحویل نشده است" in home
    # What waits on the office comes before the year's picture (a long read on a phone).
    if 'id="pg-evaluation-start"' in home:
        assert home.index('id="obstacles"') < home.index('id="pg-evaluation-start"')
        assert home.index("در انتظار تأیید شما") < home.index('id="pg-evaluation-start"')
    assert "زمین مدرسه تحویل نشده است" not in login("other_liaison").get(reverse("web:home")).content.decode()
    body = page(liaison, action)
    assert world.other_agency.name in body and "اعلام مانع" in body
    obstacle = Obstacle.objects.get()
    staff = login("office_staff")
    assert (
        post(staff, action, "obstacle-clear", {"obstacle": obstacle.pk, "reason": "تحویل شد"}).status_code
        == 302
    )
    obstacle.refresh_from_db()
    assert obstacle.cleared_at is not None
    assert 'id="obstacles"' not in staff.get(reverse("web:home")).content.decode()


def test_bad_obstacle_input_writes_nothing(login, world, action):
    before = state(action)
    response = post(login("liaison"), action, "obstacle", {"text": "", "needed": ""})
    assert response.status_code == 400
    assert response.context["forms"]["obstacle"].errors["text"]
    response = post(login("liaison"), action, "obstacle", {"text": "مانع", "needed": "999999"})
    assert response.status_code == 400
    assert state(action) == before


def test_others_cannot_ask_nor_answer(login, world, action):
    before = state(action)
    assert (
        post(
            login("other_liaison"), action, "extension", {"proposed": "۱۴۱۰/۰۱/۰۱", "reason": "x"}
        ).status_code
        == 404
    )
    assert post(login("inspector"), action, "obstacle", {"text": "مانع"}).status_code == 404
    assert post(login("liaison"), action, "extension-decide", {"decision": "accept"}).status_code == 404
    assert state(action) == before


def test_the_ladder_on_the_page_and_the_escalated_mark_in_the_inbox(login, world, action):
    scan(as_of=action.deadline - dt.timedelta(days=1))
    scan(as_of=action.deadline + dt.timedelta(days=10))
    action = Action.objects.get(pk=action.pk)
    body = page(login("office_staff"), action)
    assert 'id="ladder"' in body
    for label in ("یادآوری پیش از مهلت", "اعلام تأخیر به رئیس دستگاه", "ارجاع به سطح نظارتی"):
        assert label in body
    assert world.users["liaison"].display_name in body
    inbox = login("office_staff")
    listed = inbox.get(reverse("web:inbox"), {"escalated": "on"})
    rows = listed.context["rows"]
    assert [a.pk for a in rows] == [action.pk]
    assert "ارجاع به سطح بالاتر" in listed.content.decode()  # the mark, not the demands' "routed"


def test_the_escalated_filter_adds_no_query_per_row(login, world, django_assert_num_queries):
    """The mark and the filter read the action's own column: a page of 1 or of 16 costs the same
    (the pattern of tests/actions/web/test_inbox.py)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.actions.helpers import make_action

    client = login("office_staff")
    query = {"escalated": "on"}
    client.get(reverse("web:inbox"), query)  # the CSRF cookie: from now on the page cache is consulted
    make_action(world, deadline=timezone.localdate() - dt.timedelta(days=30))
    Action.objects.update(escalation_level=3)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("web:inbox"), query)
    baseline = len(small)  # read now: every request resets the connection's query log
    for n in range(15):
        make_action(world, deadline=timezone.localdate() - dt.timedelta(days=30), title=f"اقدام {n}")
    Action.objects.update(escalation_level=3)
    with django_assert_num_queries(baseline):
        response = client.get(reverse("web:inbox"), query)
    assert len(response.context["rows"]) == 16
    assert response.content.decode().count("ارجاع به سطح بالاتر") >= 16


PERSIAN_LETTERS = set("ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیآ")


def _errors_are_persian(response, op: str) -> None:
    errors = response.context["forms"][op].errors
    assert errors, "no error shown"
    for messages in errors.values():
        for message in messages:
            assert PERSIAN_LETTERS & set(message), message


@pytest.mark.parametrize(
    "data",
    [
        {"proposed": "۱۴۰۵/۱۳/۰۱", "reason": "دلیل"},  # no thirteenth month
        {"proposed": "١٤٠٥/٠٢/٣١", "reason": "دلیل"},  # Arabic digits, the 31st of Ordibehesht exists
        {"proposed": "۹۹۹۹۹/۰۱/۰۱", "reason": "دلیل"},
        {"proposed": "", "reason": ""},
        {"proposed": "۱۴۱۰/۰۱/۰۱", "reason": "ا" * 6000},
        {"proposed": "۱۴۱۰/۰۱/۰۱", "reason": "دلیل", "version": "۹۹۹"},  # read before someone else's change
    ],
    ids=["month-13", "arabic-digits-past", "huge-year", "empty", "too-long", "stale-version"],
)
def test_every_bad_extension_request_is_refused_in_persian(login, action, data):
    before = state(action)
    action.refresh_from_db()
    response = login("liaison").post(
        reverse("web:action_op", args=[action.pk, "extension"]), {"version": action.version, **data}
    )
    assert response.status_code in (400, 409)
    body = response.content.decode()
    if response.status_code == 400 and "version" not in data:
        _errors_are_persian(response, "extension")
    else:
        assert PERSIAN_LETTERS & set(body)
    assert state(action) == before


@pytest.mark.parametrize(
    "data",
    [{"decision": "maybe"}, {"decision": ""}, {"decision": "refuse", "reason": "   "}],
    ids=["unknown-decision", "no-decision", "blank-reason"],
)
def test_a_bad_answer_to_an_extension_writes_nothing(login, world, action, data):
    requests.extension_request(
        action=action,
        user=world.users["liaison"],
        reason="دلیل",
        proposed=timezone.localdate() + dt.timedelta(days=60),
    )
    before = state(action)
    response = post(login("office_staff"), action, "extension-decide", data)
    assert response.status_code == 400
    _errors_are_persian(response, "extension-decide")
    assert state(action) == before
    assert ExtensionRequest.objects.get().status == "pending"


def test_an_answer_with_no_request_waiting_is_refused(login, action):
    before = state(action)
    response = post(login("office_staff"), action, "extension-decide", {"decision": "accept"})
    assert response.status_code == 400
    assert "درخواست" in response.content.decode()
    assert state(action) == before


@pytest.mark.parametrize("obstacle", ["", "abc", "99999999999999999999", "other"], ids=str)
def test_clearing_an_unknown_or_foreign_obstacle_writes_nothing(login, world, action, obstacle):
    if obstacle == "other":  # an obstacle of another action, by its real id
        other = action_create(
            title="اقدام دیگر",
            responsible=world.agency,
            issuer=world.office,
            deadline=timezone.localdate() + dt.timedelta(days=20),
            created_by=world.users["office_staff"],
        )
        foreign = requests.obstacle_report(
            action=other, user=world.users["liaison"], text="مانع دیگر", needed=None
        )
        obstacle = str(foreign.pk)
    mine = requests.obstacle_report(action=action, user=world.users["liaison"], text="مانع", needed=None)
    before = state(action)
    response = post(
        login("office_staff"), action, "obstacle-clear", {"obstacle": obstacle, "reason": "رفع شد"}
    )
    assert response.status_code == 400
    _errors_are_persian(response, "obstacle-clear")
    assert state(action) == before
    mine.refresh_from_db()
    assert mine.cleared_at is None
