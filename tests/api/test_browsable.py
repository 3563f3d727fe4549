"""The browsable API (HTML) renders for a signed-in person: a quick way to explore v1."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/actions/",
        "/api/v1/actions/{action}/",
        "/api/v1/meetings/",
        "/api/v1/meetings/{meeting}/",
        "/api/v1/organizations/",
        "/api/v1/committees/",
        "/api/v1/resolutions/",
        "/api/v1/territories/",
    ],
)
def test_html_renders(api, record, url):
    url = url.format(action=record.action.pk, meeting=record.meeting.pk)
    response = api("office_staff").get(url, HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
