"""The limits of the representative's SMS code are settings read from the environment (as the
citizens' are): wrong tries per code, validity, the wait before another code, codes per number, tries
per address. A changed setting is obeyed by the service, the SMS and the page."""

import datetime as dt
import os
import re
import subprocess
import sys

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from peygir.core.errors import ValidationError
from peygir.grants.models import NgoPhoneConfirmation, NgoProfile
from peygir.grants.services import ngo_codes, ngos
from peygir.notifications.models import OutboundMessage
from peygir.notifications.ratelimit import RateLimited

from .factories import PDF, national_id
from .helpers import sms_code

PASSWORD = "Sal-e-Now-1405!"
SPENT = "تعداد تلاش‌ها بیش از حد مجاز شد؛ کد تازه درخواست کنید."


def _apply(world, n=1):
    return ngos.ngo_apply(
        user=AnonymousUser(),
        account={
            "username": f"rep_limits_{n}",
            "password": PASSWORD,
            "password2": PASSWORD,
            "first_name": "زهره",
            "last_name": "نادری",
            "mobile": f"0913666{n:04d}",
        },
        name=f"انجمن دوستداران محله {n}",
        county=world.county,
        national_id=national_id(6600 + n),
        licence_issuer="اداره کل بهزیستی",
        licence_expires_on=timezone.localdate() + dt.timedelta(days=200),
        documents=[("پروانه فعالیت", SimpleUploadedFile("parvaneh.pdf", PDF))],
        client_ip=f"10.6.0.{n}",
    )


def _confirm(profile, code):
    return ngo_codes.ngo_confirm_mobile(profile=profile, code=code, client_ip="10.6.1.1")


def _wrong(code):
    return "000000" if code != "000000" else "111111"


def _wrong_tries(profile, code, n):
    for _n in range(n):
        with pytest.raises(ValidationError) as err:
            _confirm(profile, _wrong(code))
        assert err.value.message_dict["code"] == ["کد تأیید درست نیست."]


@override_settings(PEYGIR_NGO_CODE_ATTEMPTS=2)
def test_fewer_wrong_tries_spend_the_code(world):
    profile = _apply(world)
    code = sms_code(profile)
    _wrong_tries(profile, code, 2)
    with pytest.raises(ValidationError) as err:
        _confirm(profile, code)
    assert err.value.message_dict["code"] == [SPENT]
    assert NgoProfile.objects.get(pk=profile.pk).status == "unconfirmed"


@override_settings(PEYGIR_NGO_CODE_ATTEMPTS=7)
def test_more_wrong_tries_are_allowed(world):
    """Beyond the citizens' five: the shared check obeys the NGOs' own setting."""
    profile = _apply(world)
    code = sms_code(profile)
    _wrong_tries(profile, code, 6)
    assert _confirm(profile, code).status == "pending"


@override_settings(PEYGIR_NGO_CODE_TTL_SECONDS=120)
def test_the_validity_is_a_setting(world):
    before = timezone.now()
    profile = _apply(world)
    confirmation = NgoPhoneConfirmation.objects.get(profile=profile)
    assert (
        before + dt.timedelta(seconds=119)
        <= confirmation.expires_at
        <= timezone.now() + dt.timedelta(seconds=121)
    )
    body = OutboundMessage.objects.get(dedupe_key__startswith=f"ngo:{profile.pk}:code:").body
    assert "۲ دقیقه اعتبار" in body
    # Past its two minutes the code is refused.
    NgoPhoneConfirmation.objects.filter(profile=profile).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    with pytest.raises(ValidationError, match="مهلت این کد گذشته است"):
        _confirm(profile, sms_code(profile))


def _sent_ago(profile, seconds):
    NgoPhoneConfirmation.objects.filter(profile=profile).update(
        sent_at=timezone.now() - dt.timedelta(seconds=seconds)
    )


def _codes_sent(profile):
    return OutboundMessage.objects.filter(dedupe_key__startswith=f"ngo:{profile.pk}:code:").count()


def test_another_code_waits_a_minute_by_default(world, client):
    profile = _apply(world)
    with pytest.raises(RateLimited, match="ثانیه دیگر") as err:
        ngo_codes.ngo_resend_code(profile=profile)
    assert 50 <= err.value.retry_after <= 60
    assert re.search(r"[۵۶][۰-۹]? ثانیه دیگر", err.value.message), err.value.message
    assert _codes_sent(profile) == 1
    # The page says so, with 429, and sends nothing.
    session = client.session
    session["peygir_pending_ngo"] = profile.pk
    session.save()
    page = client.post(reverse("web:grant_ngo_confirm"), {"resend": "1"})
    assert page.status_code == 429 and "ثانیه دیگر می‌توانید کد تازه بخواهید" in page.content.decode()
    assert _codes_sent(profile) == 1
    _sent_ago(profile, 61)
    assert ngo_codes.ngo_resend_code(profile=profile)
    assert _codes_sent(profile) == 2
    # The wait counts from the new code.
    with pytest.raises(RateLimited):
        ngo_codes.ngo_resend_code(profile=profile)


@override_settings(PEYGIR_NGO_CODE_RESEND_SECONDS=300)
def test_the_wait_is_a_setting(world):
    profile = _apply(world)
    _sent_ago(profile, 120)
    with pytest.raises(RateLimited) as err:
        ngo_codes.ngo_resend_code(profile=profile)
    assert 170 <= err.value.retry_after <= 180
    _sent_ago(profile, 301)
    assert ngo_codes.ngo_resend_code(profile=profile)


@override_settings(PEYGIR_NGO_CODE_RESEND_SECONDS=0, PEYGIR_NGO_CODES_PER_PHONE="2/hour")
def test_codes_per_number_by_the_hour(world):
    profile = _apply(world)
    assert ngo_codes.ngo_resend_code(profile=profile)
    with pytest.raises(RateLimited) as err:
        ngo_codes.ngo_resend_code(profile=profile)
    # Not "tomorrow" when the setting counts by the hour.
    assert "کمی بعد" in err.value.message and "فردا" not in err.value.message
    assert _codes_sent(profile) == 2


@override_settings(
    PEYGIR_NGO_CODE_TTL_SECONDS=300, PEYGIR_NGO_CODE_ATTEMPTS=3, PEYGIR_NGO_CODE_RESEND_SECONDS=90
)
def test_the_page_tells_the_limits(world, client, settings):
    settings.PEYGIR_NGO_UNCONFIRMED_DAYS = 3
    profile = _apply(world)
    session = client.session
    session["peygir_pending_ngo"] = profile.pk
    session.save()
    page = client.get(reverse("web:grant_ngo_confirm")).content.decode()
    assert "کد ۵ دقیقه اعتبار دارد و پس از ۳ بار ورود نادرست" in page
    assert "۹۰ ثانیه پس از کد پیشین" in page and "تا ۳ روز وارد نشود حذف می‌شود" in page


def test_the_settings_come_from_the_environment():
    env = dict(
        os.environ,
        PEYGIR_NGO_CODE_ATTEMPTS="4",
        PEYGIR_NGO_CODE_TTL_SECONDS="240",
        PEYGIR_NGO_CODE_RESEND_SECONDS="30",
        PEYGIR_NGO_CODES_PER_PHONE="7/day",
        PEYGIR_NGO_CONFIRM_PER_IP="9/hour",
        PEYGIR_NGO_REGISTRATIONS_PER_IP_PER_DAY="6",
        PEYGIR_NGO_UNCONFIRMED_DAYS="5",
    )
    code = (
        "from django.conf import settings as s; print(s.PEYGIR_NGO_CODE_ATTEMPTS, s.PEYGIR_NGO_CODE_TTL_SECONDS,"
        " s.PEYGIR_NGO_CODE_RESEND_SECONDS, s.PEYGIR_NGO_CODES_PER_PHONE, s.PEYGIR_NGO_CONFIRM_PER_IP,"
        " s.PEYGIR_NGO_REGISTRATIONS_PER_IP_PER_DAY, s.PEYGIR_NGO_UNCONFIRMED_DAYS)"
    )
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import django, os; os.environ['DJANGO_SETTINGS_MODULE']='peygir.settings'; {code}",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["4", "240", "30", "7/day", "9/hour", "6", "5.0"]
