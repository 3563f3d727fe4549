"""Pages: the panel while typing, the decisions after saving (a direct instruction, a program duty),
the office's review and undo, the coordination view and map; constant queries; hostile input."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from peygir.actions.models import Action
from peygir.coordination.models import CandidatePair, Decision
from peygir.core.jalali import format_jalali
from tests.auth import sign_in
from tests.factories import OrganizationFactory

from .conftest import OURS, THEIRS, work
from .factories import CandidatePairFactory, SearchEntryFactory

pytestmark = pytest.mark.django_db


def _client(client, world, persona):
    return sign_in(client, world.users[persona])


def _directive(world, title=OURS):
    deadline = dt.date.today() + dt.timedelta(days=60)
    return {
        "issuer": world.office.pk,
        "title": title,
        "description": "",
        "responsible": [world.other_agency.pk],
        "deadline": format_jalali(deadline),
    }


def test_the_panel_shows_another_bodys_similar_work_while_typing(client, place, sources):
    theirs = work(
        place, place.ngo, starts_on=dt.date.today(), ends_on=dt.date.today() + dt.timedelta(days=90)
    )
    _client(client, place.world, "office_staff")
    params = {"kind": "action", "f_title": "title", "f_organizations": "responsible", "title": OURS}
    params |= {"responsible": place.world.other_agency.pk, "territory": place.world.province.pk}
    response = client.get(reverse("web:coordination_check"), params, headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.content.decode()
    assert place.ngo.name in html and "pg-coordination-candidate" in html
    assert str(theirs.object_id) not in html or "/records/" not in html  # a project has no source here
    # the NGO itself typing the same words is not shown its own work
    params["responsible"] = place.ngo.pk
    assert (
        "pg-coordination-candidate"
        not in client.get(reverse("web:coordination_check"), params).content.decode()
    )


@pytest.mark.parametrize(
    "params",
    [
        {"f_title": "title", "title": "<script>alert(1)</script>" * 50},
        {"f_title": "../../etc", "title": OURS},
        {"f_title": "title", "title": OURS, "territory": "9" * 40, "org": "1,x,۲"},
        {
            "f_title": "title",
            "title": OURS,
            "f_starts": "s",
            "s": "۱۴۰۴/۱۳/۴۰",
            "f_amount": "a",
            "a": "۱" * 40,
        },
        {"kind": "<b>", "f_title": "title", "title": OURS, "f_county": "c", "c": "-1"},
    ],
)
def test_hostile_input_to_the_panel_answers_without_error(client, place, params):
    work(place, place.ngo)
    _client(client, place.world, "liaison")
    response = client.get(reverse("web:coordination_check"), params)
    assert response.status_code == 200
    assert b"<script>alert" not in response.content


def test_after_saving_a_directive_the_officer_links_it_to_the_other_bodys_work(client, place, sources):
    world = place.world
    theirs = work(
        place, place.ngo, starts_on=dt.date.today(), ends_on=dt.date.today() + dt.timedelta(days=90)
    )
    _client(client, world, "office_staff")
    response = client.post(reverse("web:admin_directive"), _directive(world))
    assert response.status_code == 302 and "/coordination/entry/" in response.url
    page = client.get(response.url)
    assert page.status_code == 200 and place.ngo.name in page.content.decode()
    action = Action.objects.get(title=OURS)
    token = response.url.rstrip("/").split("/")[-1]
    decide = reverse("web:coordination_entry_decide", args=[token])
    answer = client.post(decide, {"other": f"project:{theirs.object_id}", "choice": "same_theirs"})
    assert answer.status_code == 302
    decision = Decision.objects.get()
    assert decision.origin == "entry" and decision.outcome == "same_work"
    assert decision.lead_key() == ("project", theirs.object_id)
    assert decision.lead_organization_id() == place.ngo.pk
    assert decision.supporting_organization_id() == world.other_agency.pk  # the directive's body
    assert {decision.a_key, decision.b_key} == {("directive", action.pk), ("project", theirs.object_id)}
    # decided: the page sends the officer on, and the pair is never asked again
    assert client.get(response.url).status_code == 302
    assert (
        client.post(decide, {"other": f"project:{theirs.object_id}", "choice": "co_funded"}).status_code
        == 302
    )
    assert Decision.objects.count() == 1


def test_without_similar_work_the_directive_goes_straight_on(client, place, sources):
    _client(client, place.world, "office_staff")
    response = client.post(reverse("web:admin_directive"), _directive(place.world))
    assert response.status_code == 302 and response.url == reverse("web:inbox")


def test_the_entry_token_is_the_savers_own(client, place, sources):
    work(place, place.ngo, starts_on=dt.date.today(), ends_on=dt.date.today() + dt.timedelta(days=90))
    _client(client, place.world, "office_staff")
    url = client.post(reverse("web:admin_directive"), _directive(place.world)).url
    other = client.__class__()
    sign_in(other, place.world.users["office_head"])
    assert other.get(url).status_code == 404
    assert other.post(url + "decide/", {"other": "project:1", "choice": "co_funded"}).status_code == 404
    # a pair that was not shown cannot be decided through the token
    bad = client.post(url + "decide/", {"other": "project:999999", "choice": "co_funded"})
    assert bad.status_code == 400 and not Decision.objects.exists()
    bad = client.post(url + "decide/", {"other": "<script>", "choice": "justified"})
    assert bad.status_code == 400 and not Decision.objects.exists()


def test_a_differentiation_needs_its_note(client, place, sources):
    theirs = work(
        place, place.ngo, starts_on=dt.date.today(), ends_on=dt.date.today() + dt.timedelta(days=90)
    )
    _client(client, place.world, "office_staff")
    url = client.post(reverse("web:admin_directive"), _directive(place.world)).url
    client.post(url + "decide/", {"other": f"project:{theirs.object_id}", "choice": "differentiated"})
    assert not Decision.objects.exists()
    client.post(
        url + "decide/",
        {"other": f"project:{theirs.object_id}", "choice": "differentiated", "note": "ویژه دختران"},
    )
    assert Decision.objects.get().note == "ویژه دختران"


def test_the_office_reviews_candidate_pairs_and_undoes(client, place, django_assert_max_num_queries):
    pairs = [
        CandidatePairFactory(entries=(work(place, place.ngo), work(place, place.headquarters, title=OURS)))
        for _ in range(3)
    ]
    _client(client, place.world, "office_staff")
    client.get(reverse("web:coordination_review"))
    with django_assert_max_num_queries(20):
        page = client.get(reverse("web:coordination_review"))
    assert page.status_code == 200 and page.content.decode().count("pg-review-pair") == 3
    pair = pairs[0]
    url = reverse("web:coordination_review_decide", args=[pair.pk])
    assert client.post(url, {"choice": "not_parallel"}).status_code == 302  # no reason: refused
    assert not Decision.objects.exists()
    assert client.post(url, {"choice": "same_b", "note": ""}).status_code == 302
    decision = Decision.objects.get()
    assert decision.lead == "b" and decision.origin == "review"
    pair.refresh_from_db()
    assert pair.status == CandidatePair.Status.DECIDED
    listing = client.get(reverse("web:coordination_decisions"))
    assert listing.status_code == 200 and "pg-decision" in listing.content.decode()
    undo = reverse("web:coordination_undo", args=[decision.pk])
    assert client.post(undo, {"reason": "اشتباه", "version": "9"}).status_code == 302  # stale: refused
    decision.refresh_from_db()
    assert decision.undone_at is None
    assert client.post(undo, {"reason": "اشتباه", "version": "1"}).status_code == 302
    decision.refresh_from_db()
    pair.refresh_from_db()
    assert decision.undone_at is not None and pair.status == CandidatePair.Status.OPEN


def test_another_province_cannot_decide_or_undo(client, place):
    pair = CandidatePairFactory(entries=(work(place, place.ngo), work(place, place.headquarters, title=OURS)))
    _client(client, place.world, "foreign_staff")
    assert (
        client.post(
            reverse("web:coordination_review_decide", args=[pair.pk]), {"choice": "same_a"}
        ).status_code
        == 404
    )
    assert not Decision.objects.exists()


def test_the_coordination_view_in_constant_queries(client, place, django_assert_max_num_queries):
    def grow(n):
        for i in range(n):
            work(
                place,
                [place.ngo, place.headquarters][i % 2],
                amount_rials=2_300_000_000,
                title=f"{THEIRS} {i}",
            )
        SearchEntryFactory(organization=place.ngo, county=place.county, neighbourhood=place.hood)

    _client(client, place.world, "office_staff")
    grow(3)
    url = reverse("web:coordination_view")
    client.get(url)
    with django_assert_max_num_queries(25) as small:
        first = client.get(url)
    small_count = len(small)
    grow(20)
    client.get(url)  # the session and the menu are read again after a write (data version)
    with django_assert_max_num_queries(small_count):
        second = client.get(url)
    html = second.content.decode()
    assert first.status_code == second.status_code == 200
    assert place.ngo.name in html and place.county.name_fa in html
    assert "تومان" in html
    by_county = client.get(
        url, {"county": place.county.pk, "since": "۱۴۰۰/۰۱/۰۱", "until": "1500/01/01", "kind": "project"}
    )
    assert by_county.status_code == 200 and place.hood.name_fa in by_county.content.decode()
    bad = client.get(url, {"county": "<x>", "since": "۱۴۰۴/۱۴/۴۰", "kind": "nope", "page": "99999999999"})
    assert bad.status_code == 200
    data = client.get(reverse("web:coordination_map_data")).json()
    assert data["territory"]["id"] == place.world.province.pk and isinstance(data["rows"], list)


def test_the_view_is_for_who_reads_a_territory(client, place):
    _client(client, place.world, "liaison")
    assert client.get(reverse("web:coordination_view")).status_code == 404
    _client(client, place.world, "county_deputy")
    assert client.get(reverse("web:coordination_view")).status_code == 200
    # another province's territory: as if it did not exist
    other = SearchEntryFactory().county
    assert client.get(reverse("web:coordination_view"), {"territory": other.pk}).status_code == 404


def test_the_bodies_list_pages_by_the_totals_distinct_bodies(client, place):
    """The bodies' list is not counted by a query of its own: its pages follow the totals' bodies."""
    bodies = [OrganizationFactory(name=f"نهاد شماره {i}", territory=place.county) for i in range(27)]
    for body in bodies:
        work(place, body)
    _client(client, place.world, "office_staff")
    url = reverse("web:coordination_view")
    first = client.get(url)
    assert first.context["totals"]["bodies"] == 27
    assert first.context["bodies"].paginator.num_pages == 2
    second = client.get(url, {"bodies_page": 2})
    shown = [row["organization_id"] for row in second.context["bodies"]]
    assert len(shown) == 2 and set(shown) <= {b.pk for b in bodies}
