"""Issue 9 §4: menus show only what the person may use — every link of a persona's main menu opens
(a page or a redirect to one), none answers «not found» or «forbidden»."""

import re

import pytest

from tests.auth import sign_in

PERSONAS = [
    "office_staff",
    "office_head",
    "governor",
    "county_deputy",
    "liaison",
    "agency_head",
    "inspector",
    "national",
    "national_admin",
    "facilitator",
    "ngo",
]


def menu_links(html: str) -> list[str]:
    nav = html[html.index("<nav") : html.index("</nav>")]
    return sorted(set(re.findall(r'class="(?:nav-link|dropdown-item)[^"]*" href="(/[^"#]*)"', nav)))


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_every_menu_link_opens_for_its_persona(client, world, persona):
    sign_in(client, world.users[persona])
    links = menu_links(client.get("/").content.decode())
    assert "/" in links or links, "no menu"
    refused = {}
    for link in links:
        status = client.get(link).status_code
        if status not in (200, 302):
            refused[link] = status
    assert not refused, refused


@pytest.mark.django_db
def test_the_ngo_desk_and_registering_demands_are_offered_only_to_those_they_answer(client, world):
    sign_in(client, world.users["ngo"])
    assert "/grants/portal/" in menu_links(client.get("/").content.decode())
    sign_in(client, world.users["liaison"])
    assert "/grants/portal/" not in menu_links(client.get("/").content.decode())
