"""The search page and the API: guidance, filters, pagination, constant queries, hostile input."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

from peygir.search import selectors
from tests.auth import sign_in
from tests.factories import ActionFactory, OrganizationFactory, make_territory
from tests.search.factories import SearchEntryFactory

URL = "/search/"


@pytest.fixture
def staff(world, client):
    sign_in(client, world.users["office_staff"])
    return world.users["office_staff"]


def libraries(world, n: int, **extra) -> list:
    rows = [
        ActionFactory(title=f"راه‌اندازی کتابخانه محله {i}", issuer_organization=world.office, **extra)
        for i in range(n)
    ]
    call_command("search", "reindex", "--kind", "directive")
    return rows


def test_the_url_name_and_the_navbar_box(world, client, staff):
    assert reverse("web:search") == URL
    home = client.get(reverse("web:home")).content.decode()
    assert f'action="{URL}"' in home and 'name="q"' in home


def test_an_empty_query_shows_guidance(world, client, staff):
    page = client.get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="search-guidance"' in html and "search-result-list" not in html
    assert 'id="search-guidance"' in client.get(URL, {"q": "  و  از "}).content.decode()  # stop words only


def test_results_show_kind_highlighted_title_place_organization_date_and_link(world, client, staff):
    (action,) = libraries(world, 1, description="کلاس‌های کتابخوانی برای نوجوانان محله")
    html = client.get(URL, {"q": "کتاب خانه"}).content.decode()
    assert f'href="/actions/{action.pk}/"' in html
    assert "<mark>کتابخانه</mark>" in html
    assert "ابلاغ مستقیم" in html and action.responsible_organization.name in html
    assert action.territory.name_fa in html and "۱۴" in html  # a Jalali date in Persian digits


def test_hostile_text_is_escaped_in_titles_and_snippets(world, client, staff):
    libraries(world, 1, description='<script>alert("x")</script> کتابخانه <img src=x onerror=alert(1)>')
    ActionFactory(title='<b onmouseover="x">کتابخانه</b>', issuer_organization=world.office)
    call_command("search", "reindex", "--kind", "directive")
    html = client.get(URL, {"q": "کتابخانه"}).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html and "<b onmouseover" not in html
    assert "&lt;script&gt;" in html and "&lt;b onmouseover=" in html


@pytest.mark.parametrize(
    "query",
    [
        {"q": "<script>alert(1)</script>"},
        {"q": "\" OR 1=1 -- ' ; DROP TABLE search_searchentry; *"},
        {"q": "NEAR(a b) AND NOT ^x:y {col}"},  # FTS5 syntax
        {"q": "a & b | !c :* (d"},  # tsquery syntax
        {"q": "ك" * 5000},
        {"q": "\x00\u200c\u200f"},
        {"q": "کتابخانه", "date_from": "1402/13/45"},
        {"q": "کتابخانه", "date_from": "۱۴۰۲/۰۷/۳۰", "date_to": "1402/01/01"},
        {"q": "کتابخانه", "date_from": "not a date"},
        {"q": "کتابخانه", "territory": "99999999999999999999999"},
        {"q": "کتابخانه", "territory": "123456789"},
        {"q": "کتابخانه", "organization": "1e300"},
        {"q": "کتابخانه", "organization": "-5"},
        {"q": "کتابخانه", "kind": "<b>"},
        {"q": "کتابخانه", "page": "999999999999999999999"},
        {"q": "کتابخانه", "page": "-1"},
    ],
)
def test_no_input_gives_a_server_error(world, client, staff, query):
    libraries(world, 2)
    answer = client.get(URL, query)
    assert answer.status_code in (200, 400)
    assert "<script>alert(1)</script>" not in answer.content.decode()
    if answer.status_code == 400:
        assert 'class="text-danger small"' in answer.content.decode()  # a Persian message on the field


def test_bad_dates_are_form_errors_in_persian(world, client, staff):
    answer = client.get(URL, {"q": "کتابخانه", "date_from": "۱۴۰۲/۰۷/۳۰", "date_to": "۱۴۰۲/۰۱/۰۱"})
    assert answer.status_code == 400
    assert "«تا تاریخ» نمی‌تواند پیش از «از تاریخ» باشد." in answer.content.decode()


def test_filters_kind_territory_organization_and_dates(world, client, staff):
    (inside,) = libraries(world, 1)
    county_org = OrganizationFactory(territory=world.county, name="اداره فرهنگ و ارشاد اراک")
    in_county = ActionFactory(
        title="کتابخانه روستایی",
        issuer_organization=world.office,
        territory=world.county,
        responsible_organization=county_org,
    )
    call_command("search", "reindex")

    def found(**filters) -> set[str]:
        html = client.get(URL, {"q": "کتابخانه", **filters}).content.decode()
        return {
            url for url in (f"/actions/{inside.pk}/", f"/actions/{in_county.pk}/") if f'href="{url}"' in html
        }

    both = {f"/actions/{inside.pk}/", f"/actions/{in_county.pk}/"}
    assert found() == both
    assert found(territory=world.county.pk) == {f"/actions/{in_county.pk}/"}
    assert found(territory=world.province.pk) == both
    assert found(organization=county_org.pk) == {f"/actions/{in_county.pk}/"}
    assert found(kind="meeting") == set()
    assert found(kind="directive") == both
    # the entries are dated today (created now)
    assert found(date_from="1300/01/01", date_to="1500/12/29") == both
    assert found(date_to="1390/01/01") == set()


def test_pagination(world, client, staff):
    libraries(world, 30)
    first = client.get(URL, {"q": "کتابخانه"}).content.decode()
    second = client.get(URL, {"q": "کتابخانه", "page": 2}).content.decode()
    assert first.count("pg-search-result") == 25 and second.count("pg-search-result") == 5
    assert "۳۰ مورد" in first


def test_the_number_of_queries_does_not_grow_with_the_results(world, client, staff):
    def queries(n_new: int) -> int:
        libraries(world, n_new)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL, {"q": "کتابخانه محله"}).status_code == 200
        return len(captured)

    few, many = queries(2), queries(40)
    assert few == many, (few, many)
    assert many <= 12


def test_the_api_lists_paginated_results_and_answers_400_with_persian_messages(world, client):
    libraries(world, 3)
    token = Token.objects.create(user=world.users["office_staff"]).key
    auth = {"HTTP_AUTHORIZATION": f"Token {token}"}
    body = client.get("/api/v1/search/", {"q": "کتابخانه", "page_size": 2}, **auth).json()
    assert body["count"] == 3 and len(body["results"]) == 2 and body["next"]
    row = body["results"][0]
    assert row["kind"] == "directive" and row["url"].startswith("/actions/") and row["occurred_on"]
    assert row["organization"]["name"] and row["territory"]["name_fa"]
    assert client.get("/api/v1/search/", {"q": ""}, **auth).json()["count"] == 0
    bad = client.get("/api/v1/search/", {"q": "x", "from": "1402/13/01", "kind": "zz"}, **auth)
    assert bad.status_code == 400 and set(bad.json()) == {"from", "kind"}
    assert client.get("/api/v1/search/", {"q": "x", "territory": "9" * 30}, **auth).status_code == 400
    assert (
        client.get(
            "/api/v1/search/", {"q": "کتابخانه", "from": "2000-01-01", "to": "۱۵۰۰/۰۱/۰۱"}, **auth
        ).json()["count"]
        == 3
    )


def test_the_api_uses_constant_queries(world, client, django_assert_max_num_queries):
    token = Token.objects.create(user=world.users["office_staff"]).key
    libraries(world, 40)
    with django_assert_max_num_queries(10):
        answer = client.get(
            "/api/v1/search/", {"q": "کتابخانه", "page_size": 100}, HTTP_AUTHORIZATION=f"Token {token}"
        )
    assert answer.json()["count"] == 40


def test_a_territory_outside_the_tree_finds_nothing(world, client, staff):
    libraries(world, 2)
    elsewhere = make_territory("county", world.other_province, "شهرستان میبد")
    html = client.get(URL, {"q": "کتابخانه", "territory": elsewhere.pk}).content.decode()
    assert "سابقه‌ای با این واژه‌ها یافت نشد." in html


@pytest.fixture
def small_cap(monkeypatch):
    """The cap (search/paging.py, 1,000) brought down to what a test can exceed."""
    from peygir.search.paging import SearchPaginator

    monkeypatch.setattr(SearchPaginator, "cap", 5)


def test_past_the_cap_the_count_says_more_than_and_the_pages_stop(world, client, staff, small_cap):
    libraries(world, 8)
    html = client.get(URL, {"q": "کتابخانه"}).content.decode()
    assert "بیش از ۵ مورد" in html and "۸ مورد" not in html
    assert html.count("pg-search-result") == 5  # the best 5, on the one page the cap allows
    again = client.get(URL, {"q": "کتابخانه", "page": 2}).content.decode()
    assert again.count("pg-search-result") == 5  # past the last page: the last page
    token = Token.objects.create(user=world.users["office_staff"]).key
    api = client.get(
        "/api/v1/search/", {"q": "کتابخانه", "page_size": 2}, HTTP_AUTHORIZATION=f"Token {token}"
    ).json()
    assert api["count"] == 5 and api["capped"] is True and len(api["results"]) == 2
    assert client.get(
        "/api/v1/search/", {"q": "کتابخانه", "page": 3, "page_size": 2}, HTTP_AUTHORIZATION=f"Token {token}"
    ).json()["results"]  # the third page of two holds the fifth result


def test_up_to_the_cap_the_count_is_exact(world, client, staff, small_cap):
    libraries(world, 5)
    html = client.get(URL, {"q": "کتابخانه"}).content.decode()
    assert "۵ مورد" in html and "بیش از" not in html
    token = Token.objects.create(user=world.users["office_staff"]).key
    api = client.get("/api/v1/search/", {"q": "کتابخانه"}, HTTP_AUTHORIZATION=f"Token {token}").json()
    assert api["count"] == 5 and api["capped"] is False


# ---------------------------------------------------------------- the order: recency band, then relevance


def dated(title: str, days_ago: int) -> SearchEntryFactory:
    return SearchEntryFactory(
        title=title, body="", occurred_on=timezone.localdate() - dt.timedelta(days=days_ago)
    )


def test_results_come_newest_band_first_then_by_relevance(world, client, staff):
    """ranking.py: the last 30 days, the rest of the year, the two years before, then older (relevance
    orders each band). A better match two years old comes after a weaker one of last week."""
    strong_old = dated("کتابخانه کتابخانه کتابخانه", 800)
    weak_new = dated("کتابخانه و سالن مطالعه و کلاس‌های نقاشی و خوشنویسی نوجوانان", 7)
    strong_new = dated("کتابخانه کتابخانه کتابخانه", 20)
    this_year = dated("کتابخانه کتابخانه", 200)
    ancient = dated("کتابخانه کتابخانه کتابخانه", 3000)
    rows = selectors.search(staff, selectors.SearchParams(text="کتابخانه")).values_list("object_id", "band")
    found = [pk for pk, _band in rows]
    assert [band for _pk, band in rows] == [0, 0, 1, 2, 3]
    assert set(found[:2]) == {strong_new.object_id, weak_new.object_id}
    assert found[2:] == [this_year.object_id, strong_old.object_id, ancient.object_id]
    # the page (on PostgreSQL: ranking.page_ids, one statement) shows the same order
    html = client.get(URL, {"q": "کتابخانه"}).content.decode()
    urls = {e.object_id: e.url for e in (strong_old, weak_new, strong_new, this_year, ancient)}
    positions = [html.index(f'href="{urls[pk]}"') for pk in found]
    assert positions == sorted(positions)
    assert "۵ مورد" in html


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's page statement")
def test_a_band_the_page_does_not_reach_is_never_read(world, staff):
    from peygir.search import ranking

    for days in (1, 2, 3, 400, 4000):
        dated("کتابخانه", days)
    qs = selectors.search(staff, selectors.SearchParams(text="کتابخانه"))
    assert len(ranking.page_ids(qs, 3, 2)[0]) == 3 and len(ranking.page_ids(qs, 10, 9)[0]) == 5
    sql, params = ranking.statement(qs, 3)
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF) {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    # the newest band filled the three places: the older bands' scan never started
    rest = [line for line in plan.split("CTE b1", 1)[1].splitlines() if "->  Sort" in line][0]
    assert "(never executed)" in rest, plan
