"""NGO registrations through the API: the provincial office verifies (a document needed) or refuses
(a reason needed) with the profile's `version`, as on the page; a registration waiting for its SMS
code cannot be verified; everybody else gets 404 and changes nothing; the list reads in a constant
number of queries."""

import datetime as dt

from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from peygir.grants.models import NgoEvent, NgoProfile
from peygir.grants.services import ngo_codes, ngos
from peygir.organizations.models import Organization

from .factories import PDF, NgoProfileFactory, national_id
from .helpers import new_ngo, sms_code

PASSWORD = "Sal-e-Now-1405!"


def _client(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def _register(world, n=1, *, confirm=True):
    profile = ngos.ngo_apply(
        user=AnonymousUser(),
        account={
            "username": f"api_rep{n}",
            "password": PASSWORD,
            "password2": PASSWORD,
            "first_name": "رضا",
            "last_name": "امینی",
            "mobile": f"0916000{n:04d}",
        },
        name=f"کانون جوانان اراک {n}",
        county=world.county,
        national_id=national_id(8700 + n),
        licence_issuer="وزارت کشور",
        licence_expires_on=timezone.localdate() + dt.timedelta(days=300),
        documents=[("پروانه فعالیت", SimpleUploadedFile("parvaneh.pdf", PDF))],
        client_ip=None,
    )
    if confirm:
        profile = ngo_codes.ngo_confirm_mobile(profile=profile, code=sms_code(profile), client_ip="10.9.0.1")
    return profile


def _url(profile, op=""):
    return f"/api/v1/grant-ngos/{profile.pk}/" + (f"{op}/" if op else "")


def _state(profile):
    row = NgoProfile.objects.get(pk=profile.pk)
    return (row.status, row.version, row.status_reason, NgoEvent.objects.filter(profile=row).count())


def test_the_office_verifies_through_the_api(world):
    office = _client(world.users["office_staff"])
    waiting = _register(world, confirm=False)
    # Not in the list while its code is awaited; its own address says why it cannot be verified.
    assert waiting.pk not in {r["id"] for r in office.get("/api/v1/grant-ngos/").json()["results"]}
    assert office.get(_url(waiting)).json()["status"] == "unconfirmed"
    refused = office.post(_url(waiting, "verify"), {"version": waiting.version}, format="json")
    assert refused.status_code == 400 and "هنوز کد" in refused.json()["status"][0]
    profile = ngo_codes.ngo_confirm_mobile(profile=waiting, code=sms_code(waiting), client_ip="10.9.0.1")
    listed = office.get("/api/v1/grant-ngos/?status=pending").json()["results"]
    row = next(r for r in listed if r["id"] == profile.pk)
    assert (
        row["status"] == "pending"
        and row["document_count"] == 1
        and row["documents"][0]["title"] == "پروانه فعالیت"
    )
    assert "sheba" not in row and "board_contacts" not in row
    missing = office.post(_url(profile, "verify"), {}, format="json")
    assert missing.status_code == 400 and "version" in missing.json()
    stale = office.post(_url(profile, "verify"), {"version": profile.version + 4}, format="json")
    assert stale.status_code == 409 and stale.json()["code"] == "conflict"
    assert _state(profile) == ("pending", profile.version, "", 2)
    done = office.post(_url(profile, "verify"), {"version": profile.version}, format="json")
    assert done.status_code == 200, done.json()
    assert done.json()["status"] == "verified" and done.json()["verified_at"]
    assert Organization.objects.get(pk=profile.organization_id).is_active
    again = office.post(_url(profile, "verify"), {"version": done.json()["version"]}, format="json")
    assert again.status_code == 400 and "status" in again.json()


def test_no_document_no_verification(world):
    bare = NgoProfileFactory(
        status="pending", activity_territory=world.county, organization__territory=world.county
    )
    office = _client(world.users["office_staff"])
    response = office.post(_url(bare, "verify"), {"version": bare.version}, format="json")
    assert response.status_code == 400 and "مدرکی پیوست نکرده" in response.json()["status"][0]
    assert NgoProfile.objects.get(pk=bare.pk).status == "pending"


def test_the_office_refuses_with_the_reason(world):
    profile = _register(world)
    office = _client(world.users["office_staff"])
    url = _url(profile, "refuse")
    blank = office.post(url, {"reason": "", "version": profile.version}, format="json")
    assert blank.status_code == 400 and blank.json()["reason"] == ["این بخش را پر کنید."]
    assert office.post(url, {"reason": "ناخوانا"}, format="json").status_code == 400
    assert office.post(url, {"reason": "ناخوانا", "version": 99}, format="json").status_code == 409
    assert _state(profile)[0] == "pending"
    done = office.post(url, {"reason": "تصویر پروانه خوانا نیست", "version": profile.version}, format="json")
    assert done.status_code == 200
    assert done.json()["status"] == "refused" and done.json()["status_reason"] == "تصویر پروانه خوانا نیست"
    event = NgoEvent.objects.filter(profile=profile).latest("id")
    assert (event.kind, event.reason) == ("refused", "تصویر پروانه خوانا نیست")
    # Refused already: not refused again.
    again = office.post(url, {"reason": "باز هم", "version": done.json()["version"]}, format="json")
    assert again.status_code == 400 and "status" in again.json()


def test_only_the_provincial_office_decides(world):
    profile = _register(world)
    _other_ngo, other_rep = new_ngo(world)
    before = _state(profile)
    applicant = _client(profile.applicant)
    # The applicant reads their registration, never decides on it.
    assert applicant.get(_url(profile)).status_code == 200
    deciders = [applicant, _client(other_rep)] + [
        _client(world.users[p]) for p in ("ngo", "county_deputy", "foreign_staff", "nobody", "liaison")
    ]
    for client in deciders:
        for op in ("verify", "refuse"):
            assert client.post(_url(profile, op), {"reason": 5}, format="json").status_code == 404
            assert (
                client.post(_url(profile, op), {"reason": "x", "version": 2}, format="json").status_code
                == 404
            )
    # The county supervisor reads it (404 above is about deciding); another province does not.
    assert _client(world.users["county_deputy"]).get(_url(profile)).status_code == 200
    assert _client(world.users["foreign_staff"]).get(_url(profile)).status_code == 404
    assert APIClient().post(_url(profile, "verify"), {"version": 2}, format="json").status_code == 401
    assert _state(profile) == before


def test_the_list_reads_in_a_constant_number_of_queries(world):
    office = _client(world.users["office_staff"])

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert office.get("/api/v1/grant-ngos/").status_code == 200
        return len(ctx.captured_queries)

    _register(world, 1)
    count()  # the first request reads the user's scope; the next ones find it cached
    before = count()
    for n in range(2, 6):
        _register(world, n)
    _register(world, 6, confirm=False)
    assert count() == before
    assert len(office.get("/api/v1/grant-ngos/").json()["results"]) == 5
