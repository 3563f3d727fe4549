"""The persona matrix for every read endpoint: anonymous 401, outsiders 404 or an empty list."""

from __future__ import annotations

import pytest

from tests.conftest import PERSONAS
from tests.personas import ACTION_READERS, COMMITTEE_READERS
from tests.personas import ACTION_STRANGERS as OUTSIDERS

pytestmark = pytest.mark.django_db


def _ids(response) -> set[int]:
    return {row["id"] for row in response.json()["results"]}


LISTS = {
    # name: (url, id of the record's object, who sees it)
    "actions": ("/api/v1/actions/", lambda r: r.action.pk, ACTION_READERS),
    "committees": ("/api/v1/committees/", lambda r: r.committee.pk, COMMITTEE_READERS),
    "meetings": ("/api/v1/meetings/", lambda r: r.meeting.pk, COMMITTEE_READERS),
    "resolutions": ("/api/v1/resolutions/", lambda r: r.resolution.pk, COMMITTEE_READERS),
}


@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize("persona", PERSONAS)
def test_scoped_lists(api, record, name, persona):
    url, pk, readers = LISTS[name]
    response = api(persona).get(url)
    assert response.status_code == 200
    if persona in readers:
        assert pk(record) in _ids(response)
    else:
        assert persona in OUTSIDERS
        assert _ids(response) == set()


@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize("persona", PERSONAS)
def test_scoped_details(api, record, name, persona):
    url, pk, readers = LISTS[name]
    response = api(persona).get(f"{url}{pk(record)}/")
    expected = 200 if persona in readers else 404
    assert response.status_code == expected
    if expected == 200:
        assert response.json()["id"] == pk(record)


@pytest.mark.parametrize("persona", PERSONAS)
def test_directory_is_open_to_every_signed_in_user(api, world, persona):
    client = api(persona)
    assert world.agency.pk in _ids(client.get("/api/v1/organizations/", {"page_size": 200}))
    assert client.get(f"/api/v1/organizations/{world.agency.pk}/").status_code == 200
    assert client.get(f"/api/v1/territories/{world.county.pk}/").status_code == 200
    assert client.get("/api/v1/territories/", {"kind": "province"}).json()["count"] == 2


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/territories/",
        "/api/v1/territories/{territory}/",
        "/api/v1/territories/{territory}/boundary/",
        "/api/v1/organizations/",
        "/api/v1/organizations/{agency}/",
        "/api/v1/committees/",
        "/api/v1/committees/{committee}/",
        "/api/v1/meetings/",
        "/api/v1/meetings/{meeting}/",
        "/api/v1/meetings/{meeting}/minutes.pdf",
        "/api/v1/meetings/{meeting}/minutes.docx",
        "/api/v1/resolutions/",
        "/api/v1/resolutions/{resolution}/",
        "/api/v1/actions/",
        "/api/v1/actions/{action}/",
    ],
)
def test_anonymous_gets_401(api, world, record, url):
    url = url.format(
        territory=world.province.pk,
        agency=world.agency.pk,
        committee=record.committee.pk,
        meeting=record.meeting.pk,
        resolution=record.resolution.pk,
        action=record.action.pk,
    )
    response = api(None).get(url)
    assert response.status_code == 401


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/actions/{action}/progress/",
        "/api/v1/actions/{action}/verify/",
        "/api/v1/meetings/",
        "/api/v1/meetings/{meeting}/agenda-items/",
        "/api/v1/meetings/{meeting}/approve/",
    ],
)
def test_anonymous_writes_get_401(api, record, url):
    url = url.format(action=record.action.pk, meeting=record.meeting.pk)
    assert api(None).post(url, {"text": "x"}, format="json").status_code == 401


def test_organization_record_only_for_those_who_may_read_it(api, world, record):
    url = f"/api/v1/organizations/{world.agency.pk}/"
    staff = api("office_staff").get(url).json()
    assert staff["action_counts"]["total"] == 2
    other = api("other_liaison").get(url).json()
    assert other["action_counts"] is None
    assert other["name"] == world.agency.name


def test_unknown_ids_are_404(api, record):
    client = api("office_staff")
    for url in [
        "/api/v1/actions/999999/",
        "/api/v1/meetings/999999/",
        "/api/v1/committees/999999/",
        "/api/v1/resolutions/999999/",
        "/api/v1/organizations/999999/",
        "/api/v1/territories/999999/",
        "/api/v1/territories/999999/boundary/",
    ]:
        assert client.get(url).status_code == 404, url
    assert client.post("/api/v1/actions/999999/verify/", {}, format="json").status_code == 404
