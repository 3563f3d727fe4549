"""Sessions and the signed-in user read from the cache in GET requests: never after they changed."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from peygir.core import dataversion
from peygir.organizations.models import Membership
from tests.auth import sign_in


def signed_in(world, persona: str = "liaison") -> Client:
    client = Client()
    sign_in(client, world.users[persona])
    client.get(reverse("web:home"))  # CSRF cookie
    client.get(reverse("web:inbox"))  # session and user now cached
    return client


def test_a_cached_page_costs_one_query_for_the_data_version(world):
    client = signed_in(world)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("web:inbox"))
    assert response["X-Peygir-Cache"] == "hit"
    # One read of the versions serves the session, the user and the page (peygir/core/dataversion.py).
    assert len(queries.captured_queries) == 1
    assert queries.captured_queries[0]["sql"].startswith("SELECT id, value FROM core_dataversion WHERE")


def test_after_logout_the_old_session_cookie_opens_nothing(world):
    client = signed_in(world)
    stolen = client.cookies["sessionid"].value
    assert client.post(reverse("logout")).status_code == 302
    replay = Client()
    replay.cookies["sessionid"] = stolen
    replay.cookies["csrftoken"] = client.cookies["csrftoken"].value
    response = replay.get(reverse("web:inbox"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_a_deactivated_person_is_signed_out_on_the_next_page(world):
    client = signed_in(world)
    user = world.users["liaison"]
    user.is_active = False
    user.save(update_fields=["is_active"])
    response = client.get(reverse("web:inbox"))
    assert response.status_code == 302


def test_a_password_change_elsewhere_ends_this_session(world):
    client = signed_in(world)
    user = world.users["liaison"]
    user.set_password("a-new-long-passphrase-1405")
    user.save(update_fields=["password"])
    response = client.get(reverse("web:inbox"))
    assert response.status_code == 302


def test_a_new_membership_shows_at_once(world):
    client = signed_in(world, "nobody")
    assert client.get(reverse("web:inbox"))["X-Peygir-Cache"] == "hit"
    before = dataversion.current()

    Membership.objects.create(
        user=world.users["nobody"], organization=world.agency, role=Membership.Role.LIAISON
    )
    assert dataversion.current() > before
    response = client.get(reverse("web:inbox"))
    assert response["X-Peygir-Cache"] == "miss"
    assert response.context["organization_id"] == world.agency.pk


def test_writes_read_the_session_from_the_database(world):
    client = signed_in(world)
    with CaptureQueriesContext(connection) as queries:
        client.post(reverse("web:notifications_mark_read"))
    assert any("django_session" in q["sql"] for q in queries.captured_queries)
