"""Error pages are Persian (or English), say what to do next, and are JSON for machine clients;
menus show only what the person may use."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from tests.auth import sign_in
from tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db


def test_unknown_page_is_a_persian_404_with_next_steps(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    text = response.content.decode()
    assert "این صفحه پیدا نشد" in text and "چه کنید" in text
    assert reverse("web:home") in text and 'dir="rtl"' in text


def test_a_forbidden_object_404_uses_the_same_page(login, action, world):
    response = login("other_liaison").get(reverse("web:action_detail", args=[action.pk]))
    assert response.status_code == 404
    assert "این صفحه پیدا نشد" in response.content.decode()


def test_the_404_page_speaks_english_when_chosen(client):
    client.cookies["django_language"] = "en"
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert 'dir="ltr"' in response.content.decode()


def test_api_and_open311_errors_are_json(client):
    response = client.get("/api/v1/no-such-resource/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "not_found"
    # Open311 clients get the GeoReport error list.
    response = client.get("/open311/v2/no-such/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()[0]["code"] == 404


@override_settings(ROOT_URLCONF="tests.web.error_urls", DEBUG=False)
def test_a_failure_is_a_persian_500_page_and_json_on_the_api():
    client = Client(raise_request_exception=False)
    response = client.get("/broken/")
    assert response.status_code == 500
    assert "سامانه نتوانست این درخواست را انجام دهد" in response.content.decode()
    response = client.get("/api/v1/broken/")
    assert response.status_code == 500 and response.json()["code"] == "server_error"


@override_settings(ROOT_URLCONF="tests.web.error_urls")
def test_a_refusal_is_a_persian_403_page_with_next_steps_and_json_on_the_api(world):
    client = sign_in(Client(), world.users["liaison"])
    response = client.get("/forbidden/")
    assert response.status_code == 403
    text = response.content.decode()
    assert "اجازه این کار را ندارید" in text and "چه کنید" in text and 'dir="rtl"' in text
    assert "کارتابل اقدامات" in text and reverse("web:home") in text  # where the person's work is
    assert 'class="navbar' in text  # the site's own page, styled, not Django's bare text
    client.cookies["django_language"] = "en"
    english = client.get("/forbidden/").content.decode()
    assert 'dir="ltr"' in english and "اجازه این کار را ندارید" not in english
    response = client.get("/api/v1/forbidden/")
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"


def test_a_refused_csrf_check_explains_and_writes_nothing(world):
    client = Client(enforce_csrf_checks=True)
    sign_in(client, world.users["office_staff"])
    note = NotificationFactory(recipient=world.users["office_staff"])
    response = client.post(reverse("web:notifications_mark_read"))
    assert response.status_code == 403
    assert "این فرم دیگر معتبر نیست" in response.content.decode()
    note.refresh_from_db()
    assert note.read_at is None
    # The same request with its token marks it read: the refusal above was the CSRF check's.
    client = Client()
    sign_in(client, world.users["office_staff"])
    client.post(reverse("web:notifications_mark_read"))
    note.refresh_from_db()
    assert note.read_at is not None


@pytest.mark.parametrize(
    ("persona", "shown", "hidden"),
    [
        ("nobody", [], ["web:inbox", "web:triage", "web:demand_new", "web:office_list"]),
        ("liaison", ["web:inbox", "web:demand_list"], ["web:triage", "web:demand_new", "web:office_list"]),
        ("facilitator", ["web:inbox", "web:triage", "web:demand_new", "web:office_list"], []),
        ("office_staff", ["web:inbox", "web:triage", "web:demand_new", "web:office_list"], []),
        ("national", ["web:inbox", "web:office_list"], ["web:triage", "web:demand_new"]),
    ],
)
def test_menus_show_only_what_the_person_may_use(login, world, persona, shown, hidden):
    world.facilitation_office  # noqa: B018 (an office to register demands for, in the office's province)
    text = login(persona).get(reverse("web:home")).content.decode()
    nav = text.split("</nav>")[0]
    for name in shown:
        assert f'href="{reverse(name)}"' in nav, name
    for name in hidden:
        assert f'href="{reverse(name)}"' not in nav, name


def test_registering_a_demand_is_not_offered_where_there_is_no_office(login):
    """The province of the test world has no facilitation office until one is made: the page would
    refuse the office's staff, so the menu does not offer it."""
    nav = login("office_staff").get(reverse("web:home")).content.decode().split("</nav>")[0]
    assert f'href="{reverse("web:demand_new")}"' not in nav
    assert f'href="{reverse("web:triage")}"' in nav
