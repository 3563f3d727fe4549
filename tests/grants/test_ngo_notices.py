"""What an office and an NGO meet on the way (issue 10 walked through as a new user): a proposal's
attachments open for those who read it; themes read in Persian; an NGO is told of an expired or
ending licence before it writes a proposal; a self-registered NGO's representative gets an SMS when
the office verifies or refuses it."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from peygir.core.errors import ValidationError
from peygir.grants.models import NgoProfile
from peygir.grants.services import ngo_codes, ngos, proposals
from peygir.notifications.models import OutboundMessage

from .factories import PDF, ProposalAttachmentFactory, national_id
from .helpers import sign_in, sms_code
from .world import plan

PASSWORD = "Sal-e-Now-1405!"


def test_a_proposal_attachment_opens_for_its_readers(client, world):
    g = world.grants
    attachment = g.project.proposal.attachments.get()
    url = reverse("web:grant_proposal_attachment", args=[attachment.pk])
    for user in (world.users["ngo"], world.users["office_staff"], g.reviewer, world.users["county_deputy"]):
        sign_in(client, user)
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
        assert "no-store" in response["Cache-Control"]
    # The decision page links it.
    sign_in(client, world.users["office_staff"])
    page = client.get(reverse("web:grant_proposal_detail", args=[g.project.proposal.pk])).content.decode()
    assert url in page
    # Another province's staff: not found.
    sign_in(client, world.users["foreign_staff"])
    assert client.get(url).status_code == 404
    # A draft's file is the NGO's alone.
    draft_file = ProposalAttachmentFactory(proposal=g.draft)
    draft_url = reverse("web:grant_proposal_attachment", args=[draft_file.pk])
    sign_in(client, world.users["office_staff"])
    assert client.get(draft_url).status_code == 404
    sign_in(client, world.users["ngo"])
    assert client.get(draft_url).status_code == 200


def test_themes_read_in_persian(client, world):
    g = world.grants
    sign_in(client, world.users["ngo"])
    page = client.get(reverse("web:grant_call_detail", args=[g.call.pk])).content.decode()
    assert "پیشگیری از اعتیاد" in page and "ساماندهی متکدیان" in page
    assert ">sport<" not in page and ">addiction<" not in page
    proposal = g.project.proposal
    assert proposal.theme and proposal.theme_label() != proposal.theme
    page = client.get(reverse("web:grant_proposal_detail", args=[proposal.pk])).content.decode()
    assert proposal.theme_label() in page


def _licence(world, days):
    NgoProfile.objects.filter(organization=world.ngo).update(
        licence_expires_on=timezone.localdate() + dt.timedelta(days=days)
    )


@pytest.mark.parametrize(
    ("days", "shown"),
    [(-1, "به پایان رسیده است"), (10, "به پایان می‌رسد"), (120, None)],
)
def test_the_portal_tells_the_licence_ahead(client, world, days, shown):
    g = world.grants
    _licence(world, days)
    sign_in(client, world.users["ngo"])
    page = client.get(reverse("web:grant_ngo_portal")).content.decode()
    if shown:
        assert f'id="licence-{g.profile.pk}"' in page and shown in page
    else:
        assert f'id="licence-{g.profile.pk}"' not in page


def test_the_proposal_form_tells_why_before_it_is_filled(client, world):
    g = world.grants
    sign_in(client, world.users["ngo"])
    page = client.get(reverse("web:grant_proposal_create", args=[g.call.pk])).content.decode()
    assert 'id="licence-problem"' not in page
    _licence(world, -1)
    for url in (
        reverse("web:grant_proposal_create", args=[g.call.pk]),
        reverse("web:grant_proposal_edit", args=[g.draft.pk]),
    ):
        page = client.get(url).content.decode()
        assert 'id="licence-problem"' in page and "مجوز فعالیت این سمن در" in page


def test_an_unconfirmed_ngo_is_told_why_it_cannot_propose(world):
    g = world.grants
    NgoProfile.objects.filter(organization=world.ngo).update(status=NgoProfile.Status.UNCONFIRMED)
    with pytest.raises(ValidationError, match="هنوز با کد پیامکی تأیید نشده"):
        proposals.proposal_create(
            user=world.users["ngo"],
            call=g.call,
            ngo=world.ngo,
            plan=plan(world, title="کلاس شنا", summary="آموزش شنا"),
        )


def _registration(world, n):
    profile = ngos.ngo_apply(
        user=AnonymousUser(),
        account={
            "username": f"rep_notice_{n}",
            "password": PASSWORD,
            "password2": PASSWORD,
            "first_name": "زهره",
            "last_name": "نادری",
            "mobile": f"0913777{n:04d}",
        },
        name=f"انجمن یاریگران محله {n}",
        county=world.county,
        national_id=national_id(5500 + n),
        licence_issuer="اداره کل بهزیستی",
        licence_expires_on=timezone.localdate() + dt.timedelta(days=200),
        documents=[("پروانه فعالیت", SimpleUploadedFile("parvaneh.pdf", PDF))],
        client_ip=f"10.5.0.{n}",
    )
    return ngo_codes.ngo_confirm_mobile(profile=profile, code=sms_code(profile), client_ip="10.5.1.1")


def _sms(profile, what):
    return list(OutboundMessage.objects.filter(dedupe_key__startswith=f"ngo:{profile.pk}:{what}:"))


def test_the_representative_is_told_the_office_decided(world):
    office = world.users["office_staff"]
    refused = ngos.ngo_refuse(user=office, profile=_registration(world, 1), reason="تصویر پروانه ناخوانا است")
    [sms] = _sms(refused, "refused")
    assert sms.to == "09137770001" and "تصویر پروانه ناخوانا است" in sms.body
    assert reverse("web:grant_ngo_profile", args=[refused.pk]) in sms.body
    # Corrected and sent again, then verified: one more message, of its own.
    again = ngos.ngo_resubmit(user=refused.applicant, profile=refused)
    verified = ngos.ngo_verify(user=office, profile=again)
    [sms] = _sms(verified, "verified")
    assert sms.to == "09137770001" and "تأیید شد" in sms.body
    # An NGO the office registered itself has no confirmed number: nothing is sent.
    before = OutboundMessage.objects.count()
    ngos.ngo_register(
        user=office,
        name="کانون فرهنگی محله",
        territory=world.county,
        national_id=national_id(5590),
        licence_issuer="وزارت کشور",
        licence_expires_on=timezone.localdate() + dt.timedelta(days=200),
    )
    assert OutboundMessage.objects.count() == before
