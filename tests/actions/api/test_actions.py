"""Actions through the API: the flow, denied writes that change nothing, and bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from peygir.actions.models import Action, ActionEvent, ActionUpdate, Evidence
from tests.api_fixtures import PDF
from tests.personas import BASE_PERSONAS, REPORTERS, VERIFIERS

pytestmark = pytest.mark.django_db

S = Action.Status


def url(action: Action, step: str = "") -> str:
    return f"/api/v1/actions/{action.pk}/{step + '/' if step else ''}"


def v(action: Action) -> int:
    """The version stored now (every write must send it)."""
    return Action.objects.values_list("version", flat=True).get(pk=action.pk)


def snapshot(action: Action) -> tuple:
    """What a denied write must leave alone."""
    action.refresh_from_db()
    return (
        action.status,
        action.progress,
        action.deadline,
        action.version,
        action.cancel_reason,
        ActionUpdate.objects.filter(action=action).count(),
        ActionEvent.objects.filter(action=action).count(),
        Evidence.objects.filter(update__action=action).count(),
    )


def test_flow_progress_report_verify(api, record, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    action = record.action
    liaison = api("liaison")
    pdf = SimpleUploadedFile("gozaresh.pdf", PDF, content_type="application/pdf")
    response = liaison.post(
        url(action, "progress"),
        {"text": "بازدید از ۱۲ مدرسه انجام شد", "progress": "40", "files": [pdf], "version": action.version},
        format="multipart",
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == S.IN_PROGRESS and body["progress"] == 40
    evidence = body["updates"][-1]["evidence"]
    assert [e["original_name"] for e in evidence] == ["gozaresh.pdf"]
    assert [h["kind"] for h in body["history"]][-2:] == ["status", "progress"]

    # The evidence link downloads through the API, scoped like the action.
    link = evidence[0]["url"]
    assert liaison.get(link).status_code == 200
    assert b"".join(liaison.get(link).streaming_content) == PDF
    assert api("other_liaison").get(link).status_code == 404

    response = liaison.post(url(action, "report-done"), {"text": "نواقص رفع شد", "version": body["version"]})
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == S.REPORTED_DONE

    staff = api("office_staff")
    response = staff.post(url(action, "verify"), {"text": "تأیید شد", "version": v(action)}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == S.VERIFIED
    assert response.json()["closed_at"]

    again = staff.post(url(action, "verify"), {"version": v(action)}, format="json")
    assert again.status_code == 400
    assert again.json() == {"status": ["این اقدام پیش‌تر تأیید شده است."]}


def test_reject_needs_a_reason(api, record):
    action = record.action
    api("liaison").post(url(action, "report-done"), {"text": "انجام شد", "version": v(action)}, format="json")
    before = snapshot(action)
    response = api("office_staff").post(
        url(action, "reject"), {"reason": "  ", "version": v(action)}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"reason": ["این بخش را پر کنید."]}
    assert snapshot(action) == before
    response = api("office_staff").post(
        url(action, "reject"), {"reason": "مستندات ناقص است", "version": v(action)}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["status"] == S.IN_PROGRESS


def test_reject_with_the_progress_accepted(api, record):
    action = record.action
    api("liaison").post(url(action, "report-done"), {"text": "انجام شد", "version": v(action)}, format="json")
    staff = api("office_staff")
    before = snapshot(action)
    refused = staff.post(
        url(action, "reject"), {"reason": "ناقص", "progress": 100, "version": v(action)}, format="json"
    )
    assert refused.status_code == 400 and "progress" in refused.json()
    assert snapshot(action) == before
    response = staff.post(
        url(action, "reject"), {"reason": "ناقص", "progress": 25, "version": v(action)}, format="json"
    )
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["progress"]) == (S.IN_PROGRESS, 25)


@pytest.mark.parametrize("persona", VERIFIERS)
def test_cancel_by_managers(api, record, persona):
    response = api(persona).post(
        url(record.directive, "cancel"), {"reason": "تکراری", "version": v(record.directive)}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["status"] == S.CANCELLED
    assert response.json()["cancel_reason"] == "تکراری"


# ------------------------------------------------------------- denied writes change nothing

WRITES = {
    "progress": {"text": "گزارش", "progress": 10},
    "report-done": {"text": "انجام شد"},
    "verify": {"text": "ok"},
    "reject": {"reason": "ناقص"},
    "cancel": {"reason": "لغو"},
    "change-deadline": {"deadline": "1410/01/15", "reason": "تمدید"},
}
ALLOWED = {
    "progress": REPORTERS,
    "report-done": REPORTERS,
    "verify": VERIFIERS,
    "reject": VERIFIERS,
    "cancel": VERIFIERS,
    "change-deadline": VERIFIERS,
}
ALL = BASE_PERSONAS


@pytest.mark.parametrize("step", WRITES)
@pytest.mark.parametrize("persona", ALL)
def test_write_matrix(api, record, step, persona):
    action = record.directive
    if step in ("verify", "reject"):
        api("liaison").post(
            url(action, "report-done"), {"text": "انجام شد", "version": v(action)}, format="json"
        )
    before = snapshot(action)
    response = api(persona).post(url(action, step), {**WRITES[step], "version": v(action)}, format="json")
    if persona in ALLOWED[step]:
        assert response.status_code == 200, response.json()
        assert snapshot(action) != before
    else:
        assert response.status_code == 404
        assert snapshot(action) == before


def test_anonymous_write_changes_nothing(api, record):
    before = snapshot(record.action)
    assert api(None).post(url(record.action, "progress"), {"text": "x"}, format="json").status_code == 401
    assert snapshot(record.action) == before


def test_stale_version_is_409_and_changes_nothing(api, record):
    action = record.action
    before = snapshot(action)
    response = api("liaison").post(
        url(action, "progress"), {"text": "گزارش", "version": action.version + 5}, format="json"
    )
    assert response.status_code == 409
    assert "کاربر دیگری" in response.json()["detail"]
    assert snapshot(action) == before


# ------------------------------------------------------------- dates


def test_change_deadline_accepts_persian_digits(api, record):
    response = api("office_staff").post(
        url(record.directive, "change-deadline"),
        {"deadline": "۱۴۱۰/۰۸/۰۱", "reason": "تمدید", "version": v(record.directive)},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["deadline"] == "2031-10-23"


def test_change_deadline_accepts_iso(api, record):
    response = api("office_staff").post(
        url(record.directive, "change-deadline"),
        {"deadline": "2030-01-05", "reason": "تمدید", "version": v(record.directive)},
        format="json",
    )
    assert response.status_code == 200
    record.directive.refresh_from_db()
    assert record.directive.deadline == dt.date(2030, 1, 5)


@pytest.mark.parametrize("value", ["1402/12/30", "1402/13/01", "فردا", ""])
def test_malformed_jalali_deadline_is_400(api, record, value):
    before = snapshot(record.directive)
    response = api("office_staff").post(
        url(record.directive, "change-deadline"),
        {"deadline": value, "reason": "تمدید", "version": v(record.directive)},
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["deadline"]
    assert snapshot(record.directive) == before


def test_esfand_30_of_a_non_leap_year_says_why(api, record):
    response = api("office_staff").post(
        url(record.directive, "change-deadline"),
        {"deadline": "1402/12/30", "reason": "تمدید", "version": v(record.directive)},
        format="json",
    )
    assert response.json()["deadline"] == ["ماه اسفند سال ۱۴۰۲، ۲۹ روز دارد."]


# ------------------------------------------------------------- text and files


def test_hostile_html_is_stored_as_typed_and_returned_as_data(api, record):
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    response = api("liaison").post(
        url(record.action, "progress"), {"text": hostile, "version": v(record.action)}, format="json"
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["updates"][-1]["text"] == hostile
    assert ActionUpdate.objects.get(action=record.action, kind="progress").text == hostile


def test_wrong_type_file_is_400_on_files(api, record, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    before = snapshot(record.action)
    fake = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = api("liaison").post(
        url(record.action, "progress"), {"text": "گزارش", "files": [fake], "version": v(record.action)}
    )
    assert response.status_code == 400
    assert list(response.json()) == ["files"]
    assert "با پسوند آن نمی‌خواند" in response.json()["files"][0]
    exe = SimpleUploadedFile("tool.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    response = api("liaison").post(
        url(record.action, "progress"), {"text": "گزارش", "files": [exe], "version": v(record.action)}
    )
    assert response.status_code == 400 and list(response.json()) == ["files"]
    assert snapshot(record.action) == before


def test_oversized_file_is_400_on_files(api, record, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.PEYGIR_MAX_UPLOAD_BYTES = 1024
    before = snapshot(record.action)
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * 2048, content_type="application/pdf")
    response = api("liaison").post(
        url(record.action, "report-done"), {"text": "انجام شد", "files": [big], "version": v(record.action)}
    )
    assert response.status_code == 400
    assert list(response.json()) == ["files"]
    assert "مگابایت" in response.json()["files"][0]
    assert snapshot(record.action) == before
    assert not list(tmp_path.rglob("*.pdf"))


def test_progress_out_of_range_is_400(api, record):
    response = api("liaison").post(
        url(record.action, "progress"),
        {"text": "x", "progress": 150, "version": v(record.action)},
        format="json",
    )
    assert response.status_code == 400
    assert "progress" in response.json()


# ------------------------------------------------------------- list filters


def test_list_filters_and_ordering(api, record):
    client = api("office_staff")
    rows = client.get("/api/v1/actions/", {"source": "directive"}).json()["results"]
    assert [r["id"] for r in rows] == [record.directive.pk]
    rows = client.get("/api/v1/actions/", {"committee": record.committee.pk}).json()["results"]
    assert [r["id"] for r in rows] == [record.action.pk]
    assert rows[0]["committee"]["id"] == record.committee.pk
    rows = client.get("/api/v1/actions/", {"q": "مدارس كانكسي"}).json()["results"]  # Arabic ك/ي
    assert [r["id"] for r in rows] == [record.action.pk]
    rows = client.get("/api/v1/actions/", {"ordering": "-deadline"}).json()["results"]
    assert [r["id"] for r in rows] == [record.directive.pk, record.action.pk]
    assert client.get("/api/v1/actions/", {"state": "closed"}).json()["count"] == 0
    assert client.get("/api/v1/actions/", {"state": "open"}).json()["count"] == 2
    assert (
        client.get("/api/v1/actions/", {"responsible": record.action.responsible_organization_id}).json()[
            "count"
        ]
        == 2
    )


def test_overdue_state(api, record):
    Action.objects.filter(pk=record.directive.pk).update(deadline=dt.date(2020, 1, 1))
    rows = api("liaison").get("/api/v1/actions/", {"state": "overdue"}).json()["results"]
    assert [(r["id"], r["state"]) for r in rows] == [(record.directive.pk, "overdue")]


def test_bad_filter_value_is_400(api, record):
    response = api("office_staff").get("/api/v1/actions/", {"state": "sometime"})
    assert response.status_code == 400
    assert "state" in response.json()


# ------------------------------------------------------------- issue 14: version required, sane deadlines


def test_write_without_version_is_refused_clearly(api, record):
    before = snapshot(record.action)
    response = api("liaison").post(url(record.action, "progress"), {"text": "گزارش"}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["version"]
    assert "version" in response.json()["version"][0]
    assert snapshot(record.action) == before


def test_deadline_before_the_action_existed_is_refused(api, record):
    before = snapshot(record.directive)
    response = api("office_staff").post(
        url(record.directive, "change-deadline"),
        {"deadline": "2001-01-01", "reason": "تمدید", "version": v(record.directive)},
        format="json",
    )
    assert response.status_code == 400
    assert "پیش از تاریخ ایجاد" in response.json()["deadline"][0]
    assert snapshot(record.directive) == before


def test_a_stranger_with_a_malformed_body_gets_404_not_400(api, record):
    """Permission before the body: a persona who may not change the deadline learns nothing from it."""
    response = api("other_liaison").post(
        url(record.directive, "change-deadline"), {"deadline": "x"}, format="json"
    )
    assert response.status_code == 404


@pytest.mark.parametrize("state", ["all", "overdue", "open", "in_progress"])
def test_the_lists_count_by_visibility_parts_is_its_length(api, world, state):
    """The API's list counts its visibility parts apart, like the inbox: the count is the list's length."""
    from tests.actions.helpers import actions_in_and_out_of_province

    visible = actions_in_and_out_of_province(world)
    params = {"page_size": 200}
    if state != "all":
        params["status" if state == "in_progress" else "state"] = state
    body = api("office_staff").get("/api/v1/actions/", params).json()
    ids = [row["id"] for row in body["results"]]
    assert body["count"] == len(ids) == len(set(ids)) == visible[state]
