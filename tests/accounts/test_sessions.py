"""Sessions end after inactivity, and a person can end all of theirs ("sign out everywhere")."""

import time

from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from peygir.web.security import SEEN_KEY
from tests.auth import sign_in


def test_an_idle_session_ends(world, settings):
    settings.PEYGIR_SESSION_IDLE_SECONDS = 600
    client = sign_in(Client(), world.users["liaison"])
    assert client.get(reverse("web:inbox")).status_code == 200
    session = client.session
    session[SEEN_KEY] = int(time.time()) - 601
    session.save()
    response = client.get(reverse("web:inbox"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert client.get(reverse("web:inbox")).status_code == 302  # signed out, not just redirected once


def test_an_active_session_goes_on_and_its_expiry_moves(world, settings):
    settings.PEYGIR_SESSION_IDLE_SECONDS = 600
    client = sign_in(Client(), world.users["liaison"])
    session = client.session
    session[SEEN_KEY] = int(time.time()) - 599
    session.save()
    assert client.get(reverse("web:inbox")).status_code == 200
    assert int(time.time()) - client.session[SEEN_KEY] < 5
    assert client.session.get_expiry_age() <= 600


def test_the_first_page_after_sign_in_writes_no_session(world):
    """The idle clock is started at sign-in: a page read writes nothing (the page cache relies on it)."""
    from peygir.core import dataversion

    client = sign_in(Client(), world.users["liaison"])
    client.get(reverse("web:home"))
    before = dataversion.current()
    client.get(reverse("web:inbox"))
    assert dataversion.current() == before


def test_sign_out_everywhere_ends_every_session_and_token(world):
    user = world.users["office_staff"]
    here, laptop, phone = (sign_in(Client(), user) for _ in range(3))
    other = sign_in(Client(), world.users["liaison"])
    Token.objects.create(user=user)
    for client in (here, laptop, phone):
        assert client.get(reverse("web:inbox")).status_code == 200
    response = here.post(reverse("account:sign_out_everywhere"))
    assert response.status_code == 302 and response["Location"] == reverse("login")
    for client in (here, laptop, phone):
        assert client.get(reverse("web:inbox")).status_code == 302
    assert not Token.objects.filter(user=user).exists()
    assert other.get(reverse("web:inbox")).status_code == 200  # nobody else's


def test_sign_out_everywhere_is_a_post(world):
    client = sign_in(Client(), world.users["office_staff"])
    assert client.get(reverse("account:sign_out_everywhere")).status_code == 405
    assert client.get(reverse("web:inbox")).status_code == 200
