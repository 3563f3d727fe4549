"""An NGO registers itself from the public page; the provincial office verifies or refuses it with the
reason; only a verified NGO writes proposals. Bad input leaves nothing behind."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from peygir.core.errors import NotAllowed, ValidationError
from peygir.grants.models import NgoDocument, NgoEvent, NgoPhoneConfirmation, NgoProfile
from peygir.grants.services import ngo_codes, ngos, proposals
from peygir.notifications.models import OutboundMessage
from peygir.organizations.access import forget_scope
from peygir.organizations.models import Membership, Organization

from .factories import PDF, national_id
from .helpers import new_call, sign_in, sms_code
from .world import plan

PASSWORD = "Sal-e-Now-1405!"


def _account(**extra):
    account = {
        "username": "sepideh_ngo",
        "password": PASSWORD,
        "password2": PASSWORD,
        "first_name": "سپیده",
        "last_name": "کاظمی",
        "mobile": "۰۹۱۳۱۲۳۴۵۶۷",
    }
    account.update(extra)
    return account


def _apply(world, *, user=None, account=None, documents=None, confirm=True, **extra):
    fields = {
        "name": "انجمن حمايت از كودكان كار اراک",
        "county": world.county,
        "national_id": national_id(9001),
        "registration_number": "۴۵۱۲",
        "licence_issuer": "اداره کل بهزیستی",
        "licence_expires_on": timezone.localdate() + dt.timedelta(days=200),
        "themes": ["begging"],
        "sheba": "IR820540102680020817909002",
        "phone": "08632221100",
        "client_ip": "10.1.2.3",
    }
    fields.update(extra)
    docs = (
        documents if documents is not None else [("پروانه فعالیت", SimpleUploadedFile("parvaneh.pdf", PDF))]
    )
    profile = ngos.ngo_apply(
        user=user or AnonymousUser(),
        account=account if account is not None else _account(),
        documents=docs,
        **fields,
    )
    if confirm:  # the representative types back the code texted to them
        profile = ngo_codes.ngo_confirm_mobile(profile=profile, code=sms_code(profile), client_ip="10.1.2.3")
    return profile


def _counts():
    return (
        get_user_model().objects.count(),
        Organization.objects.count(),
        NgoProfile.objects.count(),
        NgoDocument.objects.count(),
        Membership.objects.count(),
        NgoPhoneConfirmation.objects.count(),
        OutboundMessage.objects.count(),
    )


def test_registration_waits_for_the_office_then_proposes(world):
    profile = _apply(world)
    applicant = profile.applicant
    assert profile.status == "pending" and not profile.organization.is_active
    assert applicant.username == "sepideh_ngo" and applicant.check_password(PASSWORD)
    assert applicant.mobile == "09131234567" and profile.registration_number == "۴۵۱۲"
    assert list(profile.events.values_list("kind", flat=True)) == ["applied", "confirmed"]
    # Pending: no proposal, with the reason said.
    call = new_call(world)
    with pytest.raises(ValidationError, match="تأیید دفتر"):
        proposals.do_proposal_create(
            user=applicant, call=call, ngo=profile.organization, plan=plan(world, title="t", summary="s")
        )
    # The NGO cannot verify itself; a county deputy is not the provincial office; another province neither.
    for persona in ("county_deputy", "foreign_staff", "ngo"):
        with pytest.raises(NotAllowed):
            ngos.ngo_verify(user=world.users[persona], profile=profile)
    with pytest.raises(NotAllowed):
        ngos.ngo_verify(user=applicant, profile=profile)
    profile = ngos.ngo_verify(user=world.users["office_staff"], profile=profile, expected_version=2)
    assert profile.status == "verified" and profile.verified_by == world.users["office_staff"]
    assert Organization.objects.get(pk=profile.organization_id).is_active
    forget_scope(applicant)
    proposal = proposals.proposal_create(
        user=applicant, call=call, ngo=profile.organization, plan=plan(world, title="کلاس", summary="s")
    )
    assert proposal.ngo_id == profile.organization_id


def test_refused_with_reason_corrected_and_sent_again(world):
    profile = _apply(world)
    office = world.users["office_staff"]
    with pytest.raises(ValidationError, match="reason|دلیل|وارد"):
        ngos.ngo_refuse(user=office, profile=profile, reason="  ")
    profile = ngos.ngo_refuse(user=office, profile=profile, reason="تصویر پروانه خوانا نیست")
    assert profile.status == "refused" and profile.status_reason == "تصویر پروانه خوانا نیست"
    call = new_call(world)
    with pytest.raises(ValidationError, match="تصویر پروانه خوانا نیست"):
        proposals.do_proposal_create(
            user=profile.applicant,
            call=call,
            ngo=profile.organization,
            plan=plan(world, title="t", summary="s"),
        )
    # The applicant adds a clear scan and sends it back; a stale version is refused.
    profile = ngos.ngo_profile_update(
        user=profile.applicant,
        profile=profile,
        documents=[("پروانه (تصویر روشن)", SimpleUploadedFile("p2.pdf", PDF))],
        licence_issuer="اداره کل بهزیستی استان مرکزی",
    )
    with pytest.raises(ValidationError):
        ngos.ngo_resubmit(user=profile.applicant, profile=profile, expected_version=1)
    profile = ngos.ngo_resubmit(user=profile.applicant, profile=profile, expected_version=profile.version)
    assert profile.status == "pending" and profile.documents.count() == 2
    kinds = list(NgoEvent.objects.filter(profile=profile).values_list("kind", flat=True))
    assert kinds == ["applied", "confirmed", "refused", "resubmitted"]
    with pytest.raises(ValidationError):
        ngos.ngo_resubmit(user=profile.applicant, profile=profile)  # pending already


@pytest.mark.parametrize(
    ("extra", "account", "message"),
    [
        ({"national_id": "1234"}, None, "۱۱ رقم"),
        (
            {"national_id": national_id(9001)[:10] + str((int(national_id(9001)[10]) + 1) % 10)},
            None,
            "رقم کنترل",
        ),
        ({"sheba": "IR000540102680020817909002"}, None, "شبا"),
        ({"licence_expires_on": None}, None, "اعتبار مجوز"),
        ({}, {"password2": "other"}, "یکسان"),
        ({}, {"password": "123", "password2": "123"}, "گذرواژه"),
        ({}, {"mobile": "12345"}, "همراه"),
        ({}, {"username": ""}, "نام کاربری"),
    ],
)
def test_bad_input_leaves_nothing(world, extra, account, message):
    before = _counts()
    with pytest.raises(ValidationError, match=message):
        _apply(world, account=_account(**(account or {})), **extra)
    assert _counts() == before


def test_a_bad_document_leaves_no_account_and_no_organization(world):
    before = _counts()
    with pytest.raises(ValidationError, match="پرونده"):
        _apply(world, documents=[("پروانه", SimpleUploadedFile("x.exe", b"MZ..."))])
    with pytest.raises(ValidationError, match="پروانه فعالیت"):
        _apply(world, documents=[])
    assert _counts() == before


def test_one_ngo_per_national_id_and_a_known_username(world):
    _apply(world)
    before = _counts()
    with pytest.raises(ValidationError, match="با نام"):
        _apply(world, account=_account(username="another"))
    with pytest.raises(ValidationError, match="نام کاربری"):
        _apply(world, national_id=national_id(9002))
    assert _counts() == before


@override_settings(PEYGIR_NGO_REGISTRATIONS_PER_IP_PER_DAY=2)
def test_a_few_registrations_per_address_and_day(world):
    _apply(world)
    _apply(world, national_id=national_id(9003), account=_account(username="second"))
    with pytest.raises(ValidationError, match="فردا"):
        _apply(world, national_id=national_id(9004), account=_account(username="third"))
    _apply(world, national_id=national_id(9005), account=_account(username="elsewhere"), client_ip="10.9.9.9")


def test_a_signed_in_person_registers_without_a_new_account(world):
    nobody = world.users["nobody"]
    assert not nobody.mobile
    # No number on the account and none typed: the code has nowhere to go.
    with pytest.raises(ValidationError, match="همراه"):
        _apply(world, user=nobody, account={}, confirm=False)
    profile = _apply(world, user=nobody, account={}, mobile="۰۹۱۲۳۳۳۴۴۵۵")
    assert profile.applicant == nobody and profile.status == "pending"
    # The number the code confirmed is now the account's.
    nobody.refresh_from_db()
    assert nobody.mobile == "09123334455"


def _post_data(world, **extra):
    data = {
        "name": "کانون نیکوکاری مهر اراک",
        "national_id": national_id(9006),
        "registration_number": "۷۷۱",
        "licence_issuer": "وزارت کشور",
        "licence_expires_on": "۱۴۱۰/۰۱/۱۵",
        "county": str(world.county.pk),
        "themes": ["sport"],
        "phone": "",
        "email": "",
        "sheba": "",
        "board": "مریم احمدی | رئیس | ۰۹۱۲۱۱۱۲۲۳۳",
        "first_name": "مریم",
        "last_name": "احمدی",
        "mobile": "09121112233",
        "username": "maryam_ngo",
        "password": PASSWORD,
        "password2": PASSWORD,
        "licence_file": SimpleUploadedFile("parvaneh.pdf", PDF),
    }
    data.update(extra)
    return data


def test_the_page_flow(client, world):
    page = client.get(reverse("web:grant_ngo_register"))
    assert page.status_code == 200 and "ثبت‌نام سازمان مردم‌نهاد" in page.content.decode()
    bad = client.post(reverse("web:grant_ngo_register"), _post_data(world, licence_expires_on="۱۴۱۰/۱۳/۴۰"))
    assert bad.status_code == 400 and not NgoProfile.objects.filter(organization__name__contains="مهر اراک")
    response = client.post(reverse("web:grant_ngo_register"), _post_data(world))
    assert response.status_code == 302 and response["Location"] == reverse("web:grant_ngo_confirm")
    profile = NgoProfile.objects.get(national_id=national_id(9006))
    assert profile.board_contacts[0]["role"] == "رئیس" and profile.status == "unconfirmed"
    # The code texted to the representative sends the registration to the office.
    page = client.get(reverse("web:grant_ngo_confirm")).content.decode()
    assert "0912***2233" in page.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789"))
    response = client.post(reverse("web:grant_ngo_confirm"), {"code": sms_code(profile)})
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    profile.refresh_from_db()
    assert profile.status == "pending"
    # The applicant sees the application; the office sees it in its queue and verifies it there.
    applicant = get_user_model().objects.get(username="maryam_ngo")
    sign_in(client, applicant)
    page = client.get(reverse("web:grant_ngo_profile", args=[profile.pk])).content.decode()
    assert "در انتظار بررسی" in page and 'name="verify"' not in page
    portal = client.get(reverse("web:grant_ngo_portal"))
    assert portal.status_code == 200 and "کانون نیکوکاری مهر اراک" in portal.content.decode()
    assert client.post(reverse("web:grant_ngo_op", args=[profile.pk, "verify"])).status_code == 404
    office = world.users["office_staff"]
    sign_in(client, office)
    queue = client.get(reverse("web:grant_ngo_list")).content.decode()
    assert "کانون نیکوکاری مهر اراک" in queue
    document = profile.documents.get()
    assert client.get(reverse("web:grant_ngo_document", args=[document.pk])).status_code == 200
    refused = client.post(reverse("web:grant_ngo_op", args=[profile.pk, "refuse"]), {"reason": ""})
    assert refused.status_code == 400
    stale = client.post(reverse("web:grant_ngo_op", args=[profile.pk, "verify"]), {"version": "7"})
    assert stale.status_code == 400
    profile.refresh_from_db()
    assert profile.status == "pending"
    done = client.post(
        reverse("web:grant_ngo_op", args=[profile.pk, "verify"]), {"version": str(profile.version)}
    )
    assert done.status_code == 302
    profile.refresh_from_db()
    assert profile.status == "verified" and profile.organization.is_active


def test_documents_of_others_are_404(client, world):
    profile = _apply(world)
    document = profile.documents.get()
    sign_in(client, world.users["foreign_staff"])
    assert client.get(reverse("web:grant_ngo_document", args=[document.pk])).status_code == 404
    assert client.get(reverse("web:grant_ngo_document", args=[10**12])).status_code == 404
    assert client.get(reverse("web:grant_ngo_profile", args=[profile.pk])).status_code == 404


def test_the_queue_reads_in_a_constant_number_of_queries(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse("web:grant_ngo_list") + "?status=pending")
            assert response.status_code == 200
        return len(ctx.captured_queries)

    for i in range(2):
        _apply(
            world,
            national_id=national_id(9100 + i),
            account=_account(username=f"a{i}", mobile=f"0913123450{i}"),
            client_ip=None,
        )
    sign_in(client, world.users["office_staff"])
    before = count()
    for i in range(2, 6):
        _apply(
            world,
            national_id=national_id(9100 + i),
            account=_account(username=f"a{i}", mobile=f"0913123450{i}"),
            client_ip=None,
        )
    assert count() == before
