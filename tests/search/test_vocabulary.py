"""A misspelled query is corrected through the index's vocabulary (search/vocabulary.py): the words
the records are written with, kept as entries are written, and searched for in the typed word's
place through the same permissions and ranking as an exact query."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from peygir.core import persian
from peygir.search import backends, ranking, selectors, vocabulary
from peygir.search.models import SearchTerm
from tests.auth import sign_in
from tests.factories import ActionFactory

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="the vocabulary is PostgreSQL's")

URL = "/search/"
TITLE = "ساماندهی کودکان کار در محله‌های حاشیه‌نشین"
TYPED = "سامادهی کودکان"  # a letter left out in the middle: no prefix of it is a word of the record


@pytest.fixture
def record(world):
    action = ActionFactory(
        title=TITLE, description="گزارش ۱۲ جلسه با 3 نهاد", issuer_organization=world.office
    )
    call_command("search", "reindex")
    return action


def test_the_vocabulary_holds_the_written_words_not_digits(record):
    words = set(SearchTerm.objects.values_list("term", flat=True))
    assert {"ساماندهی", "کودکان", "حاشیه"} <= words
    assert not any(any(c.isdigit() for c in w) for w in words)


def test_a_record_saved_later_adds_its_words_at_commit(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ActionFactory(title="بازسازی زورخانه قدیمی", issuer_organization=world.office)
    assert SearchTerm.objects.filter(term="زورخانه").exists()


def test_corrections_widen_each_group_with_its_neighbours_stems(record):
    groups = backends.query_terms(TYPED)
    widened = vocabulary.corrections(TYPED, groups)
    assert [t.text for t in widened[0][: len(groups[0])]] == [t.text for t in groups[0]]
    assert persian.stem("ساماندهی") in {t.text for t in widened[0]}  # the neighbour, stemmed
    assert len(widened) == len(groups)


def test_a_letter_missing_in_the_middle_is_found_loosely(record, find):
    assert ("directive", record.pk) not in find(TYPED)
    assert ("directive", record.pk) in find(TYPED, loose=True)


def test_the_page_says_loose_and_marks_the_corrected_word(record, world, client):
    sign_in(client, world.users["office_staff"])
    html = client.get(URL, {"q": TYPED}).content.decode()
    assert f'href="/actions/{record.pk}/"' in html
    assert "نزدیک‌ترین نوشتارها" in html
    assert "<mark>ساماندهی</mark>" in html


def test_a_corrected_search_shows_nothing_outside_the_reader_s_scope(record, world, find):
    assert ("directive", record.pk) not in find(TYPED, world.users["foreign_staff"], loose=True)


def test_a_word_near_no_written_word_finds_nothing(record, world, client):
    sign_in(client, world.users["office_staff"])
    page = client.get(URL, {"q": "ژژژژژژ کودکان"})
    assert page.status_code == 200
    assert f'href="/actions/{record.pk}/"' not in page.content.decode()


def test_the_loose_search_costs_the_exact_one_s_queries_and_one_more(record, world, client):
    sign_in(client, world.users["office_staff"])
    client.get(URL, {"q": "ساماندهی کودکان"})  # warm the session and menus
    with CaptureQueriesContext(connection) as exact:
        client.get(URL, {"q": "ساماندهی کودکان"})
    with CaptureQueriesContext(connection) as loose:
        client.get(URL, {"q": TYPED})
    # the exact statement that found nothing, the neighbours, the loose statement (no page read twice,
    # the reader's provinces and the typed word's completions asked once)
    assert len(loose) <= len(exact) + 2
    vocabulary_reads = [q["sql"] for q in loose.captured_queries if "search_searchterm" in q["sql"]]
    assert len(vocabulary_reads) == 2 and sum(" LIKE " in sql for sql in vocabulary_reads) == 1


def test_the_word_being_typed_is_completed_from_the_vocabulary(record, find):
    groups = vocabulary.completed(backends.query_terms("کودکان ساماند"))
    assert not any(t.prefix for t in groups[-1])  # no prefix left for the index to expand
    assert persian.stem("ساماندهی") in {t.text for t in groups[-1]}
    assert ("directive", record.pk) in find("کودکان ساماند")


def test_a_prefix_with_no_word_or_too_many_stays_a_prefix(record, monkeypatch):
    assert vocabulary.completed(backends.query_terms("ژژژ"))[-1][-1].prefix
    monkeypatch.setattr(vocabulary, "MAX_COMPLETIONS", 0)
    assert vocabulary.completed(backends.query_terms("ساماند"))[-1][-1].prefix


def test_the_count_goes_past_the_newest_band_without_ranking_the_older(world):
    from tests.search.test_page import dated

    for days in (1, 2, 3, 400, 500, 4000):
        dated("کتابخانه", days)
    staff = world.users["office_staff"]
    qs = selectors.search(staff, selectors.SearchParams(text="کتابخانه"))
    assert ranking.page_ids(qs, 2, 10) == (ranking.page_ids(qs, 6, 5)[0][:2], 6)
    ids, total = ranking.page_ids(qs, 2, 4)
    assert len(ids) == 2 and total == 5  # counted no further than cap + 1
    sql, params = ranking.statement(qs, 2, 10)
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF) {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    # the newest band filled the page: the older matches were counted, never ranked
    rest = [line for line in plan.split("CTE b1", 1)[1].splitlines() if "->  Sort" in line][0]
    assert "(never executed)" in rest, plan
