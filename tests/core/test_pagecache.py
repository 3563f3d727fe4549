"""The whole-page cache of the inbox and the start page, and the data version it keys on."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from peygir.actions import services
from peygir.actions.models import Action
from peygir.core import dataversion
from peygir.core.pagecache import HEADER
from peygir.demands.models import RateLimitHit
from tests.auth import sign_in
from tests.factories import ActionFactory


def signed_in(world, persona: str) -> Client:
    client = Client()
    sign_in(client, world.users[persona])
    client.get(reverse("web:home"))  # the first response sets the CSRF cookie the cache keys on
    return client


def agency_action(world, title: str = "تهیهٔ گزارش آسیب‌های اجتماعی") -> Action:
    return ActionFactory(responsible_organization=world.agency, issuer_organization=world.office, title=title)


@pytest.mark.parametrize("name", ["web:inbox", "web:home"])
def test_a_repeated_page_is_served_from_the_cache_without_querying_actions(world, name):
    agency_action(world)
    client = signed_in(world, "liaison")
    first = client.get(reverse(name))
    assert first.status_code == 200 and first[HEADER] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get(reverse(name))
    assert second[HEADER] == "hit"
    assert second.content == first.content
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert "actions_action" not in sql
    assert len(queries.captured_queries) <= 3  # session, user, data version


def test_a_committed_change_is_shown_on_the_next_visit(world):
    action = agency_action(world)
    client = signed_in(world, "liaison")
    before = client.get(reverse("web:inbox"))
    assert "در حال انجام" not in before.content.decode()
    services.action_report_progress(
        action=action, user=world.users["liaison"], text="نیمی انجام شد", progress=50
    )
    after = client.get(reverse("web:inbox"))
    assert after[HEADER] == "miss"
    assert "۵۰٪" in after.content.decode() or "در حال انجام" in after.content.decode()


def test_a_bulk_update_outside_the_services_also_invalidates(world):
    agency_action(world, title="عنوان پیش از تغییر")
    client = signed_in(world, "liaison")
    client.get(reverse("web:inbox"))
    Action.objects.update(title="عنوان پس از تغییر گروهی")
    body = client.get(reverse("web:inbox")).content.decode()
    assert "عنوان پس از تغییر گروهی" in body and "عنوان پیش از تغییر" not in body


def test_pages_are_not_shared_between_people(world):
    agency_action(world, title="اقدام دستگاه اول")
    ActionFactory(
        responsible_organization=world.other_agency,
        issuer_organization=world.office,
        title="اقدام دستگاه دوم",
    )
    mine = signed_in(world, "liaison").get(reverse("web:inbox")).content.decode()
    theirs = signed_in(world, "other_liaison").get(reverse("web:inbox"))
    assert theirs[HEADER] == "miss"
    assert "اقدام دستگاه اول" in mine and "اقدام دستگاه دوم" not in mine
    assert "اقدام دستگاه دوم" in theirs.content.decode()
    assert "اقدام دستگاه اول" not in theirs.content.decode()


def test_filters_are_part_of_the_key(world):
    agency_action(world)
    client = signed_in(world, "office_staff")
    client.get(reverse("web:inbox"))
    filtered = client.get(reverse("web:inbox"), {"state": "overdue"})
    assert filtered[HEADER] == "miss"


def test_a_flash_message_is_shown_once_not_swallowed_by_the_cache(world):
    action = agency_action(world)
    client = signed_in(world, "liaison")
    client.get(reverse("web:home"))
    client.get(reverse("web:home"))  # cached now
    response = client.post(
        reverse("web:action_op", args=[action.pk, "progress"]),
        {"text": "گزارش پیشرفت", "progress": "30", "version": action.version},
        follow=False,
    )
    assert response.status_code == 302
    # The message waits in the session: the start page renders it instead of serving the cache.
    home = client.get(reverse("web:home"))
    assert HEADER not in home
    assert "گزارش پیشرفت ثبت شد" in home.content.decode()
    again = client.get(reverse("web:home"))
    assert again[HEADER] == "miss" and "گزارش پیشرفت ثبت شد" not in again.content.decode()


def test_anonymous_and_first_requests_bypass_the_cache(world):
    response = Client().get(reverse("web:inbox"))
    assert response.status_code == 302 and HEADER not in response
    client = Client()
    sign_in(client, world.users["liaison"])
    first = client.get(reverse("web:inbox"))  # no CSRF cookie yet: this response must set one
    assert HEADER not in first and "csrftoken" in first.cookies


def test_writes_to_any_watched_table_move_the_version_and_logs_do_not(world):
    start = dataversion.current()
    agency_action(world)
    after_action = dataversion.current()
    assert after_action > start
    RateLimitHit.objects.create(key="submit:127.0.0.1", window_start=timezone.now())
    assert dataversion.current() == after_action


def test_every_table_but_the_logs_is_watched(db):
    tables = set(dataversion.watched_tables())
    assert "actions_action" in tables and "actions_action_supporting_organizations" in tables
    assert "notifications_notification" in tables and "core_calendaroverride" in tables
    assert "facilitation_sensitiveaccesslog" not in tables and "core_dataversion" not in tables
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT DISTINCT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE t.tgname LIKE %s AND NOT t.tgisinternal",
                [dataversion.TRIGGER + "%"],
            )
        else:
            cursor.execute(
                "SELECT DISTINCT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
                [dataversion.TRIGGER + "%"],
            )
        triggered = {row[0] for row in cursor.fetchall()}
    assert triggered == tables


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="commit-time triggers are PostgreSQL's")
def test_on_postgresql_the_version_moves_once_per_transaction_at_commit(world):
    from django.db import connections, transaction

    dataversion.install_triggers(at_commit=True)
    try:
        start = dataversion.current()
        with transaction.atomic():
            agency_action(world)
            agency_action(world)
            # Inside the transaction nothing has moved yet: a reader could not see these rows either.
            assert dataversion.current() == start
        assert dataversion.current() == start + 1
    finally:
        dataversion.install_triggers(at_commit=False)
        connections.close_all()
