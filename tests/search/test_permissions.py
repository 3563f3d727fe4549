"""Nothing outside one's scope ever appears: for every persona of the world, the index shows exactly
what each domain's own pages show (DESIGN §6), in the selector, on the page and in the API."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest
from rest_framework.authtoken.models import Token

from peygir.actions.access import actions_visible_to
from peygir.committees.access import committees_visible_to
from peygir.committees.models import Meeting, Resolution
from peygir.demands.selectors import visible_demands
from peygir.grants.access import projects_visible_to, proposals_visible_to
from peygir.inspections.access import facilities_visible_to
from peygir.inspections.models import Finding
from peygir.organizations.access import organizations_visible_to
from peygir.programs.access import programs_visible_to
from peygir.programs.models import Duty
from peygir.search import selectors
from peygir.search.models import SearchEntry
from tests.auth import sign_in
from tests.factories import UserFactory
from tests.personas import SIGNED_IN


def domain_visible(user: Any) -> set[tuple[str, int]]:
    """Each domain's visible records, read from the domains (not from the search sources)."""
    committees = committees_visible_to(user).values("pk")
    actions = actions_visible_to(user)
    sets = {
        "action": actions.exclude(source_kind="directive"),
        "directive": actions.filter(source_kind="directive"),
        "meeting": Meeting.objects.filter(committee__in=committees),
        "resolution": Resolution.objects.filter(meeting__committee__in=committees),
        "demand": visible_demands(user),
        "proposal": proposals_visible_to(user),
        "project": projects_visible_to(user),
        "finding": Finding.objects.filter(facility__in=facilities_visible_to(user).values("pk")),
        "duty": Duty.objects.filter(program__in=programs_visible_to(user).values("pk")),
        "organization": organizations_visible_to(user).filter(is_active=True),
    }
    return {(kind, pk) for kind, qs in sets.items() for pk in qs.values_list("pk", flat=True)}


@pytest.fixture
def indexed(world):
    return world.populate()  # populate() ends with the bulk reindex


def words_of_every_entry() -> list[str]:
    """Words of the entries' titles such that every entry has one of its first two among them: between
    them, every entry is a result of some search. Chosen greedily (the word that covers most entries
    not yet covered), so that a few dozen searches cover what one per word would."""
    uncovered = []
    for title in SearchEntry.objects.values_list("title", flat=True):
        words = frozenset(re.findall(r"[\u0600-\u06ff]{4,}", title)[:2])
        if words:
            uncovered.append(words)
    chosen: list[str] = []
    while uncovered:
        counts = Counter(w for words in uncovered for w in words)
        best = min(counts, key=lambda w: (-counts[w], w))
        chosen.append(best)
        uncovered = [words for words in uncovered if best not in words]
    return sorted(chosen)


def test_the_chosen_words_cover_every_entry(indexed):
    words = set(words_of_every_entry())
    for title in SearchEntry.objects.values_list("title", flat=True):
        first = re.findall(r"[\u0600-\u06ff]{4,}", title)[:2]
        assert not first or words & set(first), title


def test_every_record_of_the_world_is_indexed(indexed):
    """A superuser sees every record: the index holds exactly those, of every kind."""
    root = UserFactory(username="root", is_superuser=True)
    indexed_pairs = set(SearchEntry.objects.values_list("kind", "object_id"))
    assert indexed_pairs == domain_visible(root)
    assert {k for k, _ in indexed_pairs} == set(selectors.registry.sources())


@pytest.mark.parametrize("persona", SIGNED_IN)
def test_the_index_shows_exactly_the_domains_visible_records(indexed, persona):
    user = indexed.users[persona]
    indexed_pairs = set(SearchEntry.objects.values_list("kind", "object_id"))
    allowed = domain_visible(user) & indexed_pairs
    shown = set(selectors.visible_entries(user).values_list("kind", "object_id"))
    assert shown == allowed
    # and every search returns only allowed records
    for word in words_of_every_entry():
        found = set(
            selectors.search(user, selectors.SearchParams(text=word)).values_list("kind", "object_id")
        )
        assert found <= allowed, (word, found - allowed)


@pytest.mark.parametrize("persona", SIGNED_IN)
def test_a_search_finds_every_allowed_match(indexed, persona):
    """And the converse: narrowing the candidates by province, kind and organization before asking the
    domains (selectors.candidates_q) leaves out no record the user may see — what a superuser finds
    for a word, less what the domains hide from this user, is exactly what the user finds."""
    user = indexed.users[persona]
    root = UserFactory(username=f"root-{persona}", is_superuser=True)
    allowed = domain_visible(user)
    for word in words_of_every_entry():
        params = selectors.SearchParams(text=word)
        everything = set(selectors.search(root, params).values_list("kind", "object_id"))
        found = set(selectors.search(user, params).values_list("kind", "object_id"))
        assert found == everything & allowed, (word, (everything & allowed) - found, found - allowed)


def test_personas_see_different_things(indexed):
    """The comparison above is not vacuous: scopes differ, and some see demands others do not."""
    shown = {
        p: set(selectors.visible_entries(indexed.users[p]).values_list("kind", "object_id"))
        for p in SIGNED_IN
    }
    assert shown["nobody"] <= {p for p in shown["national"] if p[0] == "organization"}
    assert any(k == "demand" for k, _ in shown["facilitator"])
    assert not any(k == "demand" for k, _ in shown["foreign_staff"])
    assert not any(k == "demand" for k, _ in shown["other_liaison"])
    assert len({frozenset(s) for s in shown.values()}) > 4


@pytest.mark.parametrize("persona", ["foreign_staff", "other_liaison", "ngo", "facilitator", "office_staff"])
def test_the_page_and_the_api_link_only_to_allowed_records(indexed, client, persona):
    user = indexed.users[persona]
    allowed_urls = set(SearchEntry.objects.filter(selectors.visible_q(user)).values_list("url", flat=True))
    forbidden = set(SearchEntry.objects.values_list("url", flat=True)) - allowed_urls
    assert forbidden  # each of these personas is a stranger to something
    sign_in(client, user)
    token = Token.objects.create(user=user).key
    for word in words_of_every_entry():
        page = client.get("/search/", {"q": word})
        assert page.status_code == 200
        links = set(re.findall(r'<a href="([^"]+)" class="fw-semibold">', page.content.decode()))
        assert links <= allowed_urls, (word, links - allowed_urls)
        api = client.get(
            "/api/v1/search/", {"q": word, "page_size": 200}, HTTP_AUTHORIZATION=f"Token {token}"
        )
        assert api.status_code == 200
        assert {r["url"] for r in api.json()["results"]} <= allowed_urls


def test_anonymous_visitors_are_sent_to_sign_in(indexed, client):
    page = client.get("/search/", {"q": "مدارس"})
    assert page.status_code == 302 and "/login/" in page["Location"]
    assert client.get("/api/v1/search/", {"q": "مدارس"}).status_code == 401


def test_candidates_are_narrowed_to_the_reader_s_provinces_and_checked_one_by_one(world):
    """The search asks each domain about its candidates (EXISTS), never for its whole visible set
    (`object_id IN (…)`), after narrowing them by the entries' province; a national reader is not
    narrowed."""
    staff, national = world.users["office_staff"], world.users["national"]
    assert selectors.reader_provinces(staff) == [world.province.pk]
    assert selectors.reader_provinces(world.users["foreign_staff"]) == [world.other_province.pk]
    assert selectors.reader_provinces(national) is None
    sql = str(selectors.search(staff, selectors.SearchParams(text="کتابخانه")).query)
    assert "EXISTS" in sql and '"object_id" IN (SELECT' not in sql
    assert '"scopes"' in sql.split(" WHERE ", 1)[1]
    national_sql = str(selectors.search(national, selectors.SearchParams(text="کتابخانه")).query)
    assert '"scopes"' not in national_sql.split(" WHERE ", 1)[1]
