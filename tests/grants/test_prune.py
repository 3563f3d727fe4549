"""Self-registrations whose representative never typed back the SMS code are removed after
PEYGIR_NGO_UNCONFIRMED_DAYS (two days by default) — by `peygir grants prune-unconfirmed` and by the
escalation scan — with their inactive organization, documents and files, history, code row and the
account they made when nothing else uses it. Confirmed and recent registrations stay; a second run
removes nothing."""

import datetime as dt
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

from peygir.actions.escalation import scan
from peygir.grants.models import NgoDocument, NgoEvent, NgoPhoneConfirmation, NgoProfile
from peygir.grants.services import ngo_codes, ngos
from peygir.grants.services.ngo_prune import ngo_prune_unconfirmed
from peygir.notifications.models import OutboundMessage
from peygir.organizations.models import Membership, Organization
from tests.factories import MembershipFactory, RoutingRuleFactory, UserFactory

from .factories import PDF, national_id
from .helpers import sms_code

PASSWORD = "Sal-e-Now-1405!"


def _apply(world, n, *, user=None, mobile=None):
    mobile = mobile or f"0913555{n:04d}"
    return ngos.ngo_apply(
        user=user or AnonymousUser(),
        account=None
        if user
        else {
            "username": f"rep_prune_{n}",
            "password": PASSWORD,
            "password2": PASSWORD,
            "first_name": "زهره",
            "last_name": "نادری",
            "mobile": mobile,
        },
        mobile=mobile if user else "",
        name=f"انجمن همیاران محله {n}",
        county=world.county,
        national_id=national_id(7700 + n),
        licence_issuer="اداره کل بهزیستی",
        licence_expires_on=timezone.localdate() + dt.timedelta(days=200),
        documents=[("پروانه فعالیت", SimpleUploadedFile("parvaneh.pdf", PDF))],
        client_ip=f"10.9.0.{n}",
    )


def _age(profile, *, days, code_days=None):
    """Written `days` ago, its last code sent `code_days` ago (the same by default)."""
    now = timezone.now()
    NgoProfile.objects.filter(pk=profile.pk).update(created_at=now - dt.timedelta(days=days))
    NgoPhoneConfirmation.objects.filter(profile_id=profile.pk).update(
        sent_at=now - dt.timedelta(days=days if code_days is None else code_days)
    )


def _confirmed(profile):
    return ngo_codes.ngo_confirm_mobile(profile=profile, code=sms_code(profile), client_ip="10.9.1.1")


def _exists(profile):
    return NgoProfile.objects.filter(pk=profile.pk).exists()


def test_an_old_unconfirmed_registration_goes_with_what_it_made(world, django_capture_on_commit_callbacks):
    profile = _apply(world, 1)
    organization, applicant = profile.organization, profile.applicant
    files = list(NgoDocument.objects.filter(profile=profile).values_list("file", flat=True))
    assert files and all(default_storage.exists(name) for name in files)
    sms = OutboundMessage.objects.get(dedupe_key__startswith=f"ngo:{profile.pk}:code:")
    assert sms.to == "09135550001"
    _age(profile, days=3)
    with django_capture_on_commit_callbacks(execute=True):
        result = ngo_prune_unconfirmed()
    assert (result.removed, result.accounts, result.kept) == (1, 1, 0)
    assert not _exists(profile)
    assert not Organization.objects.filter(pk=organization.pk).exists()
    assert not get_user_model().objects.filter(pk=applicant.pk).exists()
    assert not Membership.objects.filter(organization_id=organization.pk).exists()
    for model in (NgoDocument, NgoEvent, NgoPhoneConfirmation):
        assert not model.objects.filter(profile_id=profile.pk).exists()
    assert not any(default_storage.exists(name) for name in files)
    # The SMS stays counted, without the number or the code.
    sms.refresh_from_db()
    assert (sms.to, sms.body) == ("", "")
    # The national ID and the username are free for a real registration.
    again = _apply(world, 1)
    assert again.national_id == profile.national_id and again.applicant.username == "rep_prune_1"


def test_confirmed_and_recent_registrations_stay(world):
    recent = _apply(world, 1)
    _age(recent, days=1)
    still_trying = _apply(world, 2)  # written long ago, but a new code was asked for yesterday
    _age(still_trying, days=10, code_days=1)
    pending = _confirmed(_apply(world, 3))
    verified = ngos.ngo_verify(user=world.users["office_staff"], profile=_confirmed(_apply(world, 4)))
    refused = ngos.ngo_refuse(
        user=world.users["office_staff"], profile=_confirmed(_apply(world, 5)), reason="مدرک ناخوانا"
    )
    for profile in (pending, verified, refused):
        _age(profile, days=30)
    old = _apply(world, 6)
    _age(old, days=3)
    counts = (Organization.objects.count(), get_user_model().objects.count())
    result = ngo_prune_unconfirmed()
    assert (result.removed, result.kept) == (1, 0)
    assert not _exists(old)
    for profile in (recent, still_trying, pending, verified, refused):
        assert _exists(profile), profile.status
    assert (Organization.objects.count(), get_user_model().objects.count()) == (counts[0] - 1, counts[1] - 1)
    # Idempotent: the second run finds nothing.
    again = ngo_prune_unconfirmed()
    assert (again.removed, again.accounts, again.kept) == (0, 0, 0)
    assert (Organization.objects.count(), get_user_model().objects.count()) == (counts[0] - 1, counts[1] - 1)


def test_an_account_with_another_use_stays(world):
    # A signed-in applicant's own account is never the registration's to remove, even one with no
    # membership anywhere (an account an administrator has just made).
    nobody = UserFactory()
    signed_in = _apply(world, 1, user=nobody, mobile="09120001122")
    # A visitor's account that has since been given a place in another organization.
    joined = _apply(world, 2)
    MembershipFactory(user=joined.applicant, organization=world.office, role=Membership.Role.OFFICE_STAFF)
    for profile in (signed_in, joined):
        _age(profile, days=3)
    result = ngo_prune_unconfirmed()
    assert (result.removed, result.accounts) == (2, 0)
    assert get_user_model().objects.filter(pk__in=[nobody.pk, joined.applicant_id]).count() == 2
    assert Membership.objects.filter(user=joined.applicant, organization=world.office).exists()
    assert not Membership.objects.filter(user=nobody, organization_id=signed_in.organization_id).exists()


def test_an_organization_in_use_is_kept(world):
    """Something refers to the inactive organization (someone routed demands to it): nothing is removed,
    and the others are not held back."""
    held = _apply(world, 1)
    RoutingRuleFactory(agency=held.organization, territory=world.county)
    free = _apply(world, 2)
    for profile in (held, free):
        _age(profile, days=3)
    result = ngo_prune_unconfirmed()
    assert (result.removed, result.kept) == (1, 1)
    assert _exists(held) and not _exists(free)
    assert get_user_model().objects.filter(pk=held.applicant_id).exists()
    assert NgoDocument.objects.filter(profile=held).exists()


def test_the_age_is_a_setting(world, settings):
    profile = _apply(world, 1)
    _age(profile, days=1)
    settings.PEYGIR_NGO_UNCONFIRMED_DAYS = 2
    assert ngo_prune_unconfirmed().removed == 0
    settings.PEYGIR_NGO_UNCONFIRMED_DAYS = 0.5
    assert ngo_prune_unconfirmed().removed == 1
    assert not _exists(profile)


def test_the_command_and_the_scan(world):
    first = _apply(world, 1)
    _age(first, days=3)
    out = io.StringIO()
    call_command("grants", "prune-unconfirmed", stdout=out)
    assert "۱ ثبت‌نام سمن" in out.getvalue() and "۲ روز" in out.getvalue()
    assert not _exists(first)
    # --older-than in Persian digits overrides the setting.
    second = _apply(world, 2)
    _age(second, days=1)
    call_command("grants", "prune-unconfirmed", "--older-than", "۳", stdout=io.StringIO())
    assert _exists(second)
    call_command("grants", "prune-unconfirmed", "--older-than", "0.5", stdout=io.StringIO())
    assert not _exists(second)
    with pytest.raises(CommandError):
        call_command("grants", "prune-unconfirmed", "--older-than", "-1", stdout=io.StringIO())
    # The escalation scan runs it too.
    third = _apply(world, 3)
    _age(third, days=3)
    scan(deliver=False)
    assert not _exists(third)


@override_settings(PEYGIR_NGO_CODE_RESEND_SECONDS=0)
def test_a_code_typed_after_the_removal_finds_nothing(world):
    profile = _apply(world, 1)
    code = sms_code(profile)
    _age(profile, days=3)
    ngo_prune_unconfirmed()
    assert not ngo_codes.ngo_resend_code(profile=profile)
    with pytest.raises(Exception, match="کد تأیید درست نیست"):
        ngo_codes.ngo_confirm_mobile(profile=profile, code=code, client_ip="10.9.1.1")
