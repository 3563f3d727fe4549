"""The NGO registry: national ID as the key, Sheba by its checksum, the licence that blocks proposals."""

import datetime as dt

import pytest
from django.utils import timezone

from peygir.core.errors import NotAllowed, ValidationError
from peygir.grants.checks import check_national_id, check_sheba, parse_tomans, sheba_with_check_digits
from peygir.grants.models import NgoProfile
from peygir.grants.services import ngos, proposals
from peygir.organizations.models import Organization

from .factories import PDF, NgoProfileFactory
from .helpers import new_call
from .world import plan

SHEBA = "IR820540102680020817909002"


def _register(world, **extra):
    fields = {
        "name": "جمعیت امداد دانشجویی مهر",
        "territory": world.county,
        "national_id": "10320894878",
        "licence_issuer": "اداره کل ورزش و جوانان",
        "licence_expires_on": timezone.localdate() + dt.timedelta(days=300),
        "sheba": SHEBA,
        "themes": ["sport"],
        "board_contacts": [{"name": "زهرا موسی‌پور", "role": "مدیرعامل", "phone": "۰۹۱۳۱۲۳۴۵۶۷"}],
    }
    fields.update(extra)
    return ngos.ngo_register(user=world.users["county_deputy"], **fields)


def test_checks_speak_persian_digits():
    assert check_national_id("۱۰۳۲۰۸۹۴۸۷۸") == "10320894878"
    assert check_sheba("IR82 0540 1026 8002 0817 9090 02") == SHEBA
    assert check_sheba("۸۲۰۵۴۰۱۰۲۶۸۰۰۲۰۸۱۷۹۰۹۰۰۲") == SHEBA
    assert parse_tomans("۲۳۰٬۰۰۰٬۰۰۰") == 2_300_000_000
    assert parse_tomans("230,000,000") == 2_300_000_000
    assert sheba_with_check_digits("0540102680020817909002") == SHEBA


@pytest.mark.parametrize(
    "bad", ["1032089487", "10320894879", "abc", "IR820540102680020817909003", "IR82054010268002081790900"]
)
def test_bad_numbers_give_persian_messages(bad):
    with pytest.raises(ValidationError):
        check_national_id(bad) if not bad.startswith("IR") else check_sheba(bad)
    with pytest.raises(ValidationError, match="مبلغ"):
        parse_tomans("دویست")


def test_register_and_one_ngo_per_national_id(world):
    profile = _register(world)
    assert profile.organization.kind == Organization.Kind.NGO
    assert profile.board_contacts[0]["name"] == "زهرا موسی‌پور"
    with pytest.raises(ValidationError, match="جمعیت امداد دانشجویی مهر"):
        _register(world, name="همان سمن با مجوز بهزیستی", licence_issuer="بهزیستی")
    assert NgoProfile.objects.count() == 1
    assert Organization.objects.filter(kind=Organization.Kind.NGO).count() == 1


def test_invalid_sheba_writes_nothing(world):
    before = Organization.objects.count()
    with pytest.raises(ValidationError, match="شبا"):
        _register(world, sheba="IR820540102680020817909003")
    assert Organization.objects.count() == before and not NgoProfile.objects.exists()


def test_only_managers_register(world):
    with pytest.raises(NotAllowed):
        ngos.ngo_register(
            user=world.users["foreign_staff"], name="x", territory=world.county, national_id="10320894878"
        )


def test_the_ngo_keeps_its_own_profile(world):
    profile = NgoProfileFactory(organization=world.ngo, activity_territory=world.county)
    updated = ngos.ngo_profile_update(
        user=world.users["ngo"], profile=profile, expected_version=profile.version, registration_number="۴۵۶۷"
    )
    assert updated.registration_number == "۴۵۶۷" and updated.version == profile.version + 1
    with pytest.raises(NotAllowed):
        ngos.ngo_profile_update(user=world.users["liaison"], profile=profile, registration_number="1")
    with pytest.raises(ValidationError, match="شبا"):
        ngos.ngo_profile_update(user=world.users["ngo"], profile=profile, sheba="IR00")


def test_an_expired_licence_blocks_new_proposals(world):
    NgoProfileFactory(
        organization=world.ngo,
        activity_territory=world.county,
        licence_expires_on=timezone.localdate() - dt.timedelta(days=1),
    )
    call = new_call(world)
    with pytest.raises(ValidationError, match="مجوز فعالیت این سمن"):
        proposals.proposal_create(
            user=world.users["ngo"], call=call, ngo=world.ngo, plan=plan(world, title="الف", summary="ب")
        )


def test_a_verified_ngo_cannot_extend_its_licence_by_typing_a_date(world):
    """A new expiry (or issuer) needs the new licence attached and the office's check again; until
    then no new proposal; the office itself may correct the date and the NGO stays verified."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from peygir.grants.models import NgoEvent

    expired = timezone.localdate() - dt.timedelta(days=2)
    profile = NgoProfileFactory(
        organization=world.ngo, activity_territory=world.county, licence_expires_on=expired
    )
    later = timezone.localdate() + dt.timedelta(days=700)
    with pytest.raises(ValidationError, match="تصویر مجوز تازه"):
        ngos.ngo_profile_update(user=world.users["ngo"], profile=profile, licence_expires_on=later)
    profile.refresh_from_db()
    assert profile.licence_expires_on == expired and profile.version == 1 and profile.status == "verified"

    pdf = SimpleUploadedFile("licence.pdf", PDF)
    profile = ngos.ngo_profile_update(
        user=world.users["ngo"],
        profile=profile,
        licence_expires_on=later,
        documents=[("مجوز تمدیدشده", pdf)],
    )
    assert profile.status == "pending" and profile.licence_expires_on == later
    assert NgoEvent.objects.filter(profile=profile, kind="relicensed").count() == 1
    with pytest.raises(ValidationError, match="تأیید دفتر"):
        ngos.check_licence(world.ngo)
    # Other fields stay the NGO's to keep, with no new check.
    profile = ngos.ngo_verify(user=world.users["office_staff"], profile=profile)
    profile = ngos.ngo_profile_update(user=world.users["ngo"], profile=profile, sheba=SHEBA)
    assert profile.status == "verified"
    # The office corrects a mistyped date itself: still verified.
    profile = ngos.ngo_profile_update(
        user=world.users["office_staff"], profile=profile, licence_expires_on=later + dt.timedelta(days=1)
    )
    assert profile.status == "verified" and ngos.check_licence(world.ngo) == profile
