"""`peygir token create USERNAME [--show]` and the token it prints opening the API."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("token", *args, stdout=out)
    return out.getvalue().strip()


def test_create_prints_a_working_token(world, record):
    key = run("create", "liaison")
    assert Token.objects.get(user=world.users["liaison"]).key == key
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = client.get("/api/v1/actions/")
    assert response.status_code == 200
    assert response.json()["count"] == 2


def test_create_again_rotates_and_show_keeps(world):
    first = run("create", "liaison")
    assert run("create", "liaison", "--show") == first
    second = run("create", "liaison")
    assert second != first
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {first}")
    assert client.get("/api/v1/territories/").status_code == 401


def test_show_creates_when_missing(world):
    key = run("create", "office_staff", "--show")
    assert Token.objects.filter(key=key, user=world.users["office_staff"]).exists()


def test_unknown_user_is_a_clear_error(world):
    with pytest.raises(CommandError, match="No user named 'ghost'"):
        run("create", "ghost")
    assert Token.objects.count() == 0


def test_unknown_user_exits_non_zero(world, capsys):
    from django.core.management import ManagementUtility

    with pytest.raises(SystemExit) as exc:
        ManagementUtility(["peygir", "token", "create", "ghost"]).execute()
    assert exc.value.code != 0
    assert "ghost" in capsys.readouterr().err
