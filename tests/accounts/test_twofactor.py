"""Two-factor sign-in: required of the roles that verify, administer or see personal data, optional
for the others; enrolment by QR code, sign-in by app code or a recovery code (each once)."""

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from peygir.organizations.access import requires_two_factor
from tests.auth import device_for, sign_in, totp_code, totp_now
from tests.factories import UserFactory

REQUIRED = ["office_staff", "office_head", "governor", "county_deputy", "national_admin", "foreign_staff"]
OPTIONAL = ["liaison", "agency_head", "other_liaison", "inspector", "national", "nobody"]


@pytest.mark.parametrize("persona", REQUIRED + OPTIONAL)
def test_who_must_use_two_factor(world, persona):
    assert requires_two_factor(world.users[persona]) is (persona in REQUIRED)


def test_facilitators_and_administrators_must(world):
    assert requires_two_factor(world.users["facilitator"])  # citizens' and households' personal data
    assert requires_two_factor(UserFactory(is_staff=True))  # the admin site


@pytest.mark.parametrize("persona", ["office_staff", "facilitator"])
def test_a_required_role_without_a_device_is_sent_to_enrol(world, persona):
    client = sign_in(Client(), world.users[persona], verified=False)
    response = client.get(reverse("web:inbox"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account:otp_enrol") + "?next=")
    # The API refuses such a session too (a token client is not a session).
    api = client.get("/api/v1/actions/")
    assert api.status_code == 403 and "ورود دومرحله‌ای" in api.json()["detail"]


def test_a_required_role_with_a_device_gives_a_code(world, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # a wrong code otherwise blocks the next one for a second
    user = world.users["office_staff"]
    device_for(user)
    client = sign_in(Client(), user, verified=False)
    response = client.get(reverse("web:inbox"))
    assert response["Location"].startswith(reverse("account:otp_verify"))
    wrong = client.post(reverse("account:otp_verify"), {"token": "000000", "next": reverse("web:inbox")})
    assert wrong.status_code == 400
    assert client.get(reverse("web:inbox")).status_code == 302
    right = client.post(
        reverse("account:otp_verify"), {"token": totp_now(user), "next": reverse("web:inbox")}
    )
    assert right.status_code == 302 and right["Location"] == reverse("web:inbox")
    assert client.get(reverse("web:inbox")).status_code == 200


def test_the_admin_requires_the_second_factor(world):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    unverified = sign_in(Client(), admin, verified=False)
    assert unverified.get("/admin/").status_code == 302
    assert sign_in(Client(), admin).get("/admin/").status_code == 200


def test_an_optional_role_goes_on_without_it(world):
    client = sign_in(Client(), world.users["liaison"], verified=False)
    assert client.get(reverse("web:inbox")).status_code == 200


def test_an_optional_role_that_enrolled_must_give_the_code(world):
    user = world.users["liaison"]
    device_for(user)
    client = sign_in(Client(), user, verified=False)
    assert client.get(reverse("web:inbox"))["Location"].startswith(reverse("account:otp_verify"))


def test_enrolment_with_the_apps_first_code_and_recovery_codes_that_work_once(world, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    user = world.users["office_head"]
    client = sign_in(Client(), user, verified=False)
    page = client.get(reverse("account:otp_enrol"))
    assert page.status_code == 200 and 'src="data:image/svg+xml;base64,' in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert client.post(reverse("account:otp_enrol"), {"token": "123456"}).status_code == 400
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    done = client.post(reverse("account:otp_enrol"), {"token": totp_code(device)})
    assert done.status_code == 200
    codes = list(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert len(codes) == 10 and all(code in done.content.decode() for code in codes)
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("web:inbox")).status_code == 200  # this session is verified
    # A new session signs in with a recovery code, which then stops working.
    other = sign_in(Client(), user, verified=False)
    assert other.post(reverse("account:otp_verify"), {"token": codes[0]}).status_code == 302
    assert other.get(reverse("web:inbox")).status_code == 200
    third = sign_in(Client(), user, verified=False)
    assert third.post(reverse("account:otp_verify"), {"token": codes[0]}).status_code == 400


def test_a_required_role_cannot_turn_it_off_an_optional_one_can(world):
    staff = sign_in(Client(), world.users["office_staff"])
    staff.post(reverse("account:otp_disable"))
    assert TOTPDevice.objects.filter(user=world.users["office_staff"]).exists()
    liaison = sign_in(Client(), world.users["liaison"])
    liaison.post(reverse("account:otp_disable"))
    assert not TOTPDevice.objects.filter(user=world.users["liaison"]).exists()


def test_the_demo_bypass_lets_the_password_alone_sign_in(world, settings):
    settings.PEYGIR_TWO_FACTOR_DEMO_BYPASS = True
    client = sign_in(Client(), world.users["office_staff"], verified=False)
    assert client.get(reverse("web:inbox")).status_code == 200


def test_production_refuses_the_demo_bypass():
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "PEYGIR_PRODUCTION": "1",
        "SECRET_KEY": "x" * 60,
        "PEYGIR_TWO_FACTOR_DEMO_BYPASS": "1",
    }
    result = subprocess.run(
        [sys.executable, "-c", "import peygir.settings"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0 and "PEYGIR_TWO_FACTOR_DEMO_BYPASS" in result.stderr


def test_wrong_codes_are_throttled(world):
    """After a wrong code the device refuses even the right one for a while (django-otp's throttle)."""
    user = world.users["office_staff"]
    device_for(user)
    client = sign_in(Client(), user, verified=False)
    assert client.post(reverse("account:otp_verify"), {"token": "000000"}).status_code == 400
    assert client.post(reverse("account:otp_verify"), {"token": totp_now(user)}).status_code == 400


def test_a_new_role_that_requires_it_applies_at_the_next_page(world):
    """The "needs no second factor" answer is remembered under the data version only."""
    from peygir.organizations.models import Membership
    from tests.factories import MembershipFactory

    user = world.users["liaison"]
    client = sign_in(Client(), user, verified=False)
    assert client.get(reverse("web:inbox")).status_code == 200
    assert client.get(reverse("web:inbox")).status_code == 200  # remembered
    MembershipFactory(user=user, organization=world.office, role=Membership.Role.OFFICE_STAFF)
    assert client.get(reverse("web:inbox"))["Location"].startswith(reverse("account:otp_enrol"))


def test_the_password_alone_cannot_enrol_a_new_device(world):
    """Someone who knows only the password cannot replace the person's device with their own."""
    user = world.users["office_staff"]
    device = device_for(user)
    client = sign_in(Client(), user, verified=False)
    response = client.get(reverse("account:otp_enrol"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account:otp_verify"))
    assert client.post(reverse("account:otp_enrol"), {"token": "123456"}).status_code == 302
    assert list(TOTPDevice.objects.filter(user=user)) == [device]
