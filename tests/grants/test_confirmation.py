"""The representative's mobile is confirmed by a code sent by SMS when an NGO registers itself (the
citizens' mechanism: notifications.phonecodes and ratelimit). Until the code comes back the
registration is out of the office's queue and cannot be verified; wrong, expired and spent codes are
refused in Persian; the code is in no log line."""

import datetime as dt
import logging

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
from peygir.notifications.sms import MemorySmsBackend

from .factories import PDF, national_id
from .helpers import sign_in, sms_code

PASSWORD = "Sal-e-Now-1405!"
MOBILE = "09135557788"


def _apply(world, n=1, *, mobile=MOBILE, user=None, **extra):
    account = {
        "username": f"rep{n}",
        "password": PASSWORD,
        "password2": PASSWORD,
        "first_name": "زهره",
        "last_name": "نادری",
        "mobile": mobile,
    }
    fields = {
        "name": f"انجمن یاوران محله {n}",
        "county": world.county,
        "national_id": national_id(8800 + n),
        "licence_issuer": "اداره کل بهزیستی",
        "licence_expires_on": timezone.localdate() + dt.timedelta(days=200),
        "documents": [("پروانه فعالیت", SimpleUploadedFile("parvaneh.pdf", PDF))],
        "client_ip": f"10.7.0.{n}",
        **extra,
    }
    return ngos.ngo_apply(
        user=user or AnonymousUser(),
        account=None if user else account,
        mobile=mobile if user else "",
        **fields,
    )


def _confirm(profile, code, ip="10.8.0.1"):
    return ngo_codes.ngo_confirm_mobile(profile=profile, code=code, client_ip=ip)


def _code_sent_ago(profile, seconds=61):
    """The last code went `seconds` ago (past the wait before another, one minute by default)."""
    NgoPhoneConfirmation.objects.filter(profile=profile).update(
        sent_at=timezone.now() - dt.timedelta(seconds=seconds)
    )


def _wrong(code):
    return "000000" if code != "000000" else "111111"


def test_the_registration_waits_for_its_code(world, client):
    profile = _apply(world)
    assert profile.status == "unconfirmed"
    code = sms_code(profile)
    confirmation = NgoPhoneConfirmation.objects.get(profile=profile)
    assert confirmation.mobile == MOBILE and code not in confirmation.code_hash
    message = OutboundMessage.objects.get(dedupe_key__startswith=f"ngo:{profile.pk}:code:")
    assert message.to == MOBILE and code in message.body
    # Not in the office's queue (page and API); the office cannot verify it, even from its page.
    office = world.users["office_staff"]
    sign_in(client, office)
    for status in ("pending", "all"):
        queue = client.get(reverse("web:grant_ngo_list") + f"?status={status}").content.decode()
        assert "انجمن یاوران محله" not in queue
    api = client.get("/api/v1/grant-ngos/?page_size=200").json()["results"]
    assert profile.pk not in {row["id"] for row in api}
    with pytest.raises(ValidationError, match="هنوز کد"):
        ngos.ngo_verify(user=office, profile=profile)
    page = client.post(reverse("web:grant_ngo_op", args=[profile.pk, "verify"]), {"version": "1"})
    assert page.status_code == 400 and "کد پیامک‌شده" in page.content.decode()
    assert NgoProfile.objects.get(pk=profile.pk).status == "unconfirmed"
    # The code in Persian digits is the code.
    profile = _confirm(profile, code.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")))
    assert profile.status == "pending" and profile.version == 2
    assert list(profile.events.values_list("kind", flat=True)) == ["applied", "confirmed"]
    assert NgoPhoneConfirmation.objects.get(profile=profile).confirmed_at is not None
    queue = client.get(reverse("web:grant_ngo_list")).content.decode()
    assert "انجمن یاوران محله" in queue
    # The office now sees the number the code confirmed, and verifies.
    page = client.get(reverse("web:grant_ngo_profile", args=[profile.pk])).content.decode()
    assert "۰۹۱۳۵۵۵۷۷۸۸" in page
    assert ngos.ngo_verify(user=office, profile=profile).status == "verified"
    # A confirmed registration takes no code any more.
    with pytest.raises(ValidationError, match="کد تأیید درست نیست"):
        _confirm(profile, code)


def test_wrong_codes_are_counted_then_the_code_is_spent(world):
    profile = _apply(world)
    code = sms_code(profile)
    for _n in range(5):
        with pytest.raises(ValidationError) as err:
            _confirm(profile, _wrong(code))
        assert err.value.message_dict["code"] == ["کد تأیید درست نیست."]
    assert NgoPhoneConfirmation.objects.get(profile=profile).attempts == 5
    with pytest.raises(ValidationError) as err:  # even the right code, now
        _confirm(profile, code)
    assert err.value.message_dict["code"] == ["تعداد تلاش‌ها بیش از حد مجاز شد؛ کد تازه درخواست کنید."]
    assert NgoProfile.objects.get(pk=profile.pk).status == "unconfirmed"
    # A new code to the same number opens it again; the old one is gone.
    _code_sent_ago(profile)
    assert ngo_codes.ngo_resend_code(profile=profile)
    fresh = sms_code(profile)
    assert OutboundMessage.objects.filter(dedupe_key__startswith=f"ngo:{profile.pk}:code:").count() == 2
    if fresh != code:
        with pytest.raises(ValidationError):
            _confirm(profile, code)
    assert _confirm(profile, fresh).status == "pending"


def test_an_expired_code_is_refused(world):
    profile = _apply(world)
    NgoPhoneConfirmation.objects.filter(profile=profile).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    with pytest.raises(ValidationError) as err:
        _confirm(profile, sms_code(profile))
    assert err.value.message_dict["code"] == ["مهلت این کد گذشته است؛ کد تازه درخواست کنید."]
    assert NgoProfile.objects.get(pk=profile.pk).status == "unconfirmed"


@override_settings(PEYGIR_NGO_CODES_PER_PHONE="2/day")
def test_codes_per_number_are_limited(world):
    profile = _apply(world)
    _code_sent_ago(profile)
    assert ngo_codes.ngo_resend_code(profile=profile)
    sent = OutboundMessage.objects.count()
    _code_sent_ago(profile)
    with pytest.raises(RateLimited, match="فردا"):
        ngo_codes.ngo_resend_code(profile=profile)
    # Registering again with the same number is counted too, and leaves nothing behind.
    before = (NgoProfile.objects.count(), NgoPhoneConfirmation.objects.count())
    with pytest.raises(RateLimited):
        _apply(world, 2)
    assert OutboundMessage.objects.count() == sent
    assert (NgoProfile.objects.count(), NgoPhoneConfirmation.objects.count()) == before
    # Bad input is refused before anything is counted: another number is not affected.
    with pytest.raises(ValidationError):
        _apply(world, 3, mobile="09135550000", licence_issuer="")
    _apply(world, 3, mobile="09135550000")


@override_settings(PEYGIR_NGO_CONFIRM_PER_IP="2/hour")
def test_tries_per_address_are_limited(world, client):
    profile = _apply(world)
    code = sms_code(profile)
    for _n in range(2):
        with pytest.raises(ValidationError):
            _confirm(profile, _wrong(code))
    with pytest.raises(RateLimited):
        _confirm(profile, code)
    # The page says so in Persian, with 429, from the same address.
    session = client.session
    session["peygir_pending_ngo"] = profile.pk
    session.save()
    response = client.post(reverse("web:grant_ngo_confirm"), {"code": code}, REMOTE_ADDR="10.8.0.1")
    assert response.status_code == 429 and "تعداد درخواست‌ها از حد مجاز گذشته است" in response.content.decode()
    assert NgoProfile.objects.get(pk=profile.pk).status == "unconfirmed"


def test_the_code_is_in_no_log_line(world, client, settings, caplog, django_capture_on_commit_callbacks):
    """From the registration page to the confirmation, with the SMS delivered: every record of every
    logger, at every level, is searched for the code."""
    settings.SMS_BACKEND = "peygir.notifications.sms.MemorySmsBackend"
    settings.PEYGIR_DELIVER_ON_COMMIT = True
    MemorySmsBackend.outbox = []
    caplog.set_level(logging.DEBUG)
    data = {
        "name": "کانون همیاری زنان اراک",
        "national_id": national_id(8850),
        "registration_number": "۱۲",
        "licence_issuer": "وزارت کشور",
        "licence_expires_on": "۱۴۱۰/۰۱/۱۵",
        "county": str(world.county.pk),
        "first_name": "لیلا",
        "last_name": "کریمی",
        "mobile": "۰۹۱۸۷۷۷۶۶۵۵",
        "username": "leila_ngo",
        "password": PASSWORD,
        "password2": PASSWORD,
        "licence_file": SimpleUploadedFile("parvaneh.pdf", PDF),
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("web:grant_ngo_register"), data)
    assert response.status_code == 302
    [(to, text)] = MemorySmsBackend.outbox
    profile = NgoProfile.objects.get(national_id=national_id(8850))
    code = sms_code(profile)
    assert to == "09187776655" and code in text and "کد تأیید" in text
    wrong = client.post(reverse("web:grant_ngo_confirm"), {"code": _wrong(code)})
    assert wrong.status_code == 400 and "کد تأیید درست نیست." in wrong.content.decode()
    done = client.post(reverse("web:grant_ngo_confirm"), {"code": code})
    assert done.status_code == 302
    assert caplog.records, "the loggers were not listening"
    for record in caplog.records:
        assert code not in record.getMessage(), record.name
    assert code not in caplog.text
    assert code not in wrong.content.decode()


def test_the_confirm_page(world, client):
    # Nothing waits for a code: back to the registration page.
    response = client.get(reverse("web:grant_ngo_confirm"))
    assert response.status_code == 302 and response["Location"] == reverse("web:grant_ngo_register")
    profile = _apply(world)
    # The signed-in applicant finds their own registration (no session of the registration).
    sign_in(client, profile.applicant)
    page = client.get(reverse("web:grant_ngo_confirm"))
    assert page.status_code == 200 and "انجمن یاوران محله 1" in page.content.decode()
    portal = client.get(reverse("web:grant_ngo_portal")).content.decode()
    assert reverse("web:grant_ngo_confirm") in portal
    assert client.post(reverse("web:grant_ngo_confirm"), {"code": "ab"}).status_code == 400
    _code_sent_ago(profile)
    resent = client.post(reverse("web:grant_ngo_confirm"), {"resend": "1"})
    assert resent.status_code == 302
    assert OutboundMessage.objects.filter(dedupe_key__startswith=f"ngo:{profile.pk}:code:").count() == 2
    done = client.post(reverse("web:grant_ngo_confirm"), {"code": sms_code(profile)})
    assert done.status_code == 302 and done["Location"] == reverse("web:grant_ngo_profile", args=[profile.pk])
    assert NgoProfile.objects.get(pk=profile.pk).status == "pending"
    # Another person (signed in, no registration of theirs) finds nothing to confirm.
    other = _apply(world, 2, mobile="09135550001")
    sign_in(client, world.users["office_staff"])
    response = client.post(reverse("web:grant_ngo_confirm"), {"code": sms_code(other)})
    assert response.status_code == 302 and response["Location"] == reverse("web:grant_ngo_register")
    assert NgoProfile.objects.get(pk=other.pk).status == "unconfirmed"


def test_a_signed_in_applicant_confirms_the_number_typed(world):
    nobody = world.users["nobody"]
    profile = _apply(world, 4, user=nobody, mobile="۰۹۱۲۰۰۰۱۱۲۲")
    assert NgoPhoneConfirmation.objects.get(profile=profile).mobile == "09120001122"
    _confirm(profile, sms_code(profile))
    nobody.refresh_from_db()
    assert nobody.mobile == "09120001122"
