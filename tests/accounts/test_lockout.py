"""Failed sign-ins lock an account and an address (django-axes) on the site and the admin; the page
says in Persian when to try again; an administrator unlocks."""

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory

PASSWORD = "a-good-pass-1403"


@pytest.fixture(autouse=True)
def _axes(settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.PEYGIR_LOGIN_COOLOFF_MINUTES = 15


@pytest.fixture
def person(db):
    user = UserFactory(username="maryam")
    user.set_password(PASSWORD)
    user.save()
    return user


def attempt(username: str, password: str, ip: str = "10.0.0.1", url: str | None = None):
    return Client(REMOTE_ADDR=ip).post(url or reverse("login"), {"username": username, "password": password})


def test_the_account_is_locked_after_failures_even_with_the_right_password(person):
    assert attempt("maryam", "wrong-password").status_code == 200
    assert attempt("maryam", "wrong-password").status_code == 200
    assert attempt("maryam", "wrong-password").status_code == 429  # the third failure locks
    # From another address too: the lock is per account.
    response = attempt("maryam", PASSWORD, ip="10.9.9.9")
    assert response.status_code == 429
    body = response.content.decode()
    assert "ورود موقتاً بسته است" in body and "۱۵ دقیقه" in body and "از ساعت" in body
    assert 890 <= int(response["Retry-After"]) <= 900


def test_an_address_is_locked_whatever_account_it_tries(person):
    for name in ("ali", "reza", "sara"):
        attempt(name, "wrong-password", ip="10.0.0.7")
    assert attempt("maryam", PASSWORD, ip="10.0.0.7").status_code == 429
    assert attempt("maryam", PASSWORD, ip="10.0.0.8").status_code == 302  # another address signs in


def test_the_admin_login_is_locked_too(person):
    person.is_staff = True
    person.save()
    admin_login = reverse("admin:login")
    for _ in range(3):
        attempt("maryam", "wrong-password", url=admin_login)
    assert attempt("maryam", PASSWORD, ip="10.5.5.5", url=admin_login).status_code == 429


def test_below_the_limit_the_right_password_signs_in_and_resets_the_count(person):
    attempt("maryam", "wrong-password")
    attempt("maryam", "wrong-password")
    assert attempt("maryam", PASSWORD).status_code == 302
    attempt("maryam", "wrong-password")
    attempt("maryam", "wrong-password")
    assert attempt("maryam", PASSWORD).status_code == 302


def test_the_management_command_unlocks(person):
    for _ in range(3):
        attempt("maryam", "wrong-password")
    assert attempt("maryam", PASSWORD).status_code == 429
    call_command("unlock_sign_in", "--username", "maryam", "--ip", "10.0.0.1")
    assert attempt("maryam", PASSWORD).status_code == 302


def test_the_admin_action_unlocks(person):
    from tests.auth import sign_in

    for _ in range(3):
        attempt("maryam", "wrong-password", ip="10.0.0.3")
    assert AccessAttempt.objects.filter(username="maryam").exists()
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    client = sign_in(Client(), admin)
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "unlock_sign_in", "_selected_action": [person.pk]},
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="maryam").exists()
    assert attempt("maryam", PASSWORD, ip="10.0.0.4").status_code == 302


def test_the_lock_lifts_after_the_cool_off_and_tries_while_locked_do_not_extend_it(person):
    import datetime as dt

    from django.utils import timezone

    for _ in range(3):
        attempt("maryam", "wrong-password")
    before = sorted(AccessAttempt.objects.values_list("attempt_time", "failures_since_start"))
    for _ in range(3):  # hammering the locked account…
        assert attempt("maryam", "wrong-password").status_code == 429
    # … is not counted: the time the lock lifts does not move.
    assert sorted(AccessAttempt.objects.values_list("attempt_time", "failures_since_start")) == before
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=16))
    assert attempt("maryam", PASSWORD).status_code == 302


def test_the_page_names_the_time_the_lock_lifts(person):
    import datetime as dt

    from django.utils import timezone

    from peygir.core.text import to_persian_digits

    for _ in range(3):
        attempt("maryam", "wrong-password")
    failed_at = timezone.now() - dt.timedelta(minutes=10)
    AccessAttempt.objects.update(attempt_time=failed_at)
    response = attempt("maryam", PASSWORD)
    lifts = timezone.localtime(failed_at + dt.timedelta(minutes=15)).strftime("%H:%M")
    body = response.content.decode()
    assert response.status_code == 429 and to_persian_digits(lifts) in body and "۵ دقیقه" in body
