"""The API of extension requests and obstacles, and the escalated filter (issue 9, §2)."""

import datetime as dt

from django.utils import timezone

from peygir.actions.models import Action, ExtensionRequest, Obstacle
from peygir.core.jalali import format_jalali


def url(action: Action, step: str = "") -> str:
    return f"/api/v1/actions/{action.pk}/" + (f"{step}/" if step else "")


def post(client, action: Action, step: str, body: dict):
    """A write on the action with the `version` stored now (every API write requires it)."""
    version = Action.objects.values_list("version", flat=True).get(pk=action.pk)
    return client.post(url(action, step), {**body, "version": version}, format="json")


def test_extension_requested_and_refused_then_requested_and_accepted(api, world, record):
    action = record.directive
    liaison, staff = api("liaison"), api("office_staff")
    proposed = timezone.localdate() + dt.timedelta(days=90)
    body = {"reason": "اعتبار نرسیده است", "proposed_deadline": format_jalali(proposed)}
    response = post(liaison, action, "request-extension", body)
    assert response.status_code == 200, response.json()
    assert response.json()["extension_requests"][0]["status"] == "pending"
    refused = post(staff, action, "decide-extension", {"accept": False})
    assert refused.status_code == 400 and "reason" in refused.json()
    refused = post(staff, action, "decide-extension", {"accept": False, "reason": "نه"})
    assert refused.status_code == 200 and refused.json()["extension_requests"][0]["status"] == "refused"
    assert post(liaison, action, "request-extension", body).status_code == 200
    accepted = post(staff, action, "decide-extension", {"accept": True})
    assert accepted.status_code == 200
    assert accepted.json()["deadline"] == proposed.isoformat()
    kinds = [e["kind"] for e in accepted.json()["history"]]
    assert kinds[-1] == "extension_accepted" and "extension_refused" in kinds


def test_bad_requests_answer_persian_and_write_nothing(api, world, record):
    action = record.directive
    client = api("liaison")
    for body in (
        {},
        {"reason": "x", "proposed_deadline": "فردا"},
        {"reason": "x", "proposed_deadline": "1390/01/01"},
    ):
        response = post(client, action, "request-extension", body)
        assert response.status_code == 400, body
    good = {"reason": "x", "proposed_deadline": format_jalali(timezone.localdate() + dt.timedelta(days=90))}
    unversioned = client.post(url(action, "request-extension"), good, format="json")
    assert unversioned.status_code == 400 and "version" in unversioned.json()
    assert not ExtensionRequest.objects.exists()
    assert post(client, action, "report-obstacle", {}).status_code == 400
    unversioned = client.post(url(action, "report-obstacle"), {"text": "مانع"}, format="json")
    assert unversioned.status_code == 400 and "version" in unversioned.json()
    missing = post(client, action, "report-obstacle", {"text": "مانع", "needed_organization": 999999})
    assert missing.status_code == 400 and "needed_organization" in missing.json()
    assert not Obstacle.objects.exists()


def test_obstacle_reported_and_cleared(api, world, record):
    action = record.directive
    response = post(
        api("liaison"),
        action,
        "report-obstacle",
        {"text": "زمین تحویل نشده است", "needed_organization": world.other_agency.pk},
    )
    assert response.status_code == 200
    obstacle = response.json()["obstacles"][0]
    assert obstacle["needed_organization"]["id"] == world.other_agency.pk and obstacle["cleared_at"] is None
    # An outsider cannot clear it; the issuer can.
    assert (
        post(api("other_liaison"), action, "clear-obstacle", {"obstacle": obstacle["id"]}).status_code == 404
    )
    cleared = post(api("office_staff"), action, "clear-obstacle", {"obstacle": obstacle["id"]})
    assert cleared.status_code == 200 and cleared.json()["obstacles"][0]["cleared_at"] is not None


def test_escalated_mark_and_filter(api, world, record):
    Action.objects.filter(pk=record.directive.pk).update(escalation_level=3)
    body = api("office_staff").get("/api/v1/actions/", {"escalated": "true"}).json()
    assert [row["id"] for row in body["results"]] == [record.directive.pk]
    assert body["results"][0]["escalated"] is True
    everything = api("office_staff").get("/api/v1/actions/").json()["results"]
    assert {row["id"]: row["escalated"] for row in everything}[record.action.pk] is False
