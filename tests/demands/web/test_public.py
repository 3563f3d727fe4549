"""The citizen's pages: online submission with the SMS code, the status page (never personal data,
one neutral answer for any wrong key, 429 when rate limited) and the rating after closing."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from peygir.core.jalali import format_jalali
from peygir.demands import services
from peygir.demands.models import Demand
from peygir.demands.notify import status_page_url
from tests.factories import make_territory

from .conftest import MOBILE, NAME

User = get_user_model()


@pytest.fixture
def sms_code(monkeypatch):
    monkeypatch.setattr("peygir.demands.intake.generate_sms_code", lambda: "482913")
    return "482913"


def submit_data(offices, **overrides) -> dict:
    data = {
        "category": offices.school.pk,
        "neighbourhood": offices.zone.pk,
        "title": "نیمکت‌های شکسته مدرسه",
        "description": "نیمکت‌های کلاس سوم مدرسه دخترانه شکسته است.",
        "citizen_name": NAME,
        "citizen_mobile": "۰۹۱۲-۱۲۳-۴۵۶۷",
        "consent": "on",
    }
    data.update(overrides)
    return data


def resolved(world, demand) -> Demand:
    services.demand_answer_done(user=User.objects.get(username="liaison"), demand=demand, text="انجام شد")
    demand.refresh_from_db()
    services.demand_verify(
        user=User.objects.get(username="office_staff"), demand=demand, public_note="نیمکت‌ها عوض شد."
    )
    demand.refresh_from_db()
    assert demand.status == Demand.Status.RESOLVED
    return demand


def lookup(client, code, last4):
    return client.post(reverse("web:demand_public_status"), {"tracking_code": code, "mobile_last4": last4})


# ---------------------------------------------------------------- submission


def test_submit_page_is_public_and_lists_neighbourhoods(offices):
    response = Client().get(reverse("web:demand_public_submit"))
    html = response.content.decode()
    assert response.status_code == 200
    assert offices.zone.name_fa in html and offices.other_zone.name_fa in html
    assert 'dir="rtl"' in html and "pg-navbar" not in html  # the citizens' base, no staff navbar


def test_the_citizens_placeholders_are_hints_not_values(db):
    """Issue 9 §5: the hints say «for example» and take the forms' hint style (pale, italic), which
    the citizens' pages did not load, so «۰۹۱۲…» in the mobile box looked typed in."""
    for name in ("web:demand_public_submit", "web:demand_public_status"):
        html = Client().get(reverse(name)).content.decode()
        assert "core/forms.css" in html, name
        placeholders = re.findall(r'placeholder="([^"]+)"', html)
        assert placeholders and all(p.startswith("مثلاً") for p in placeholders), (name, placeholders)


def test_county_select_narrows_the_neighbourhoods(world, offices):
    county_b = make_territory("county", world.province, "شهرستان ساوه")
    far = make_territory("neighbourhood", county_b, "محله ساوه")
    response = Client().get(
        reverse("web:demand_public_submit"), {"county": county_b.pk}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert far.name_fa in html and offices.zone.name_fa not in html
    assert "<form" not in html  # only the select is swapped


@pytest.fixture
def national_scale(monkeypatch, world, offices):
    """More neighbourhoods than the form lists at once: the county comes first."""
    monkeypatch.setattr("peygir.demands.web.public.ALL_NEIGHBOURHOODS_UP_TO", 1)
    county_b = make_territory("county", world.province, "شهرستان ساوه")
    return make_territory("neighbourhood", make_territory("city", county_b, "ساوه"), "محله ساوه")


def test_at_scale_the_county_comes_first(world, offices, national_scale):
    html = Client().get(reverse("web:demand_public_submit")).content.decode()
    assert world.county.name_fa in html and national_scale.parent.parent.name_fa in html  # counties
    assert offices.zone.name_fa not in html and national_scale.name_fa not in html  # no neighbourhoods yet
    assert "اول شهرستان را انتخاب کنید" in html and 'hx-get="/request/"' in html
    assert 'name="choose_county"' in html  # the way without JavaScript, inside <noscript>
    response = Client().get(reverse("web:demand_public_submit"), {"county": world.county.pk})
    html = response.content.decode()  # a plain GET with the county: the whole form, narrowed
    assert offices.zone.name_fa in html and national_scale.name_fa not in html and "<form" in html


def test_without_javascript_the_button_narrows_and_keeps_what_was_typed(world, offices, national_scale):
    data = submit_data(offices, county=str(world.county.pk), neighbourhood="", choose_county="1")
    response = Client().post(reverse("web:demand_public_submit"), data)
    html = response.content.decode()
    assert response.status_code == 200 and not Demand.objects.exists()
    assert offices.zone.name_fa in html and offices.other_zone.name_fa in html
    assert national_scale.name_fa not in html
    assert data["title"] in html and data["description"] in html and NAME in html
    assert f'<option value="{world.county.pk}" selected>' in html
    assert "is-invalid" not in html and "invalid-feedback" not in html  # nothing checked yet


def test_at_scale_a_form_without_the_county_still_submits(world, offices, national_scale, sms_code):
    response = Client().post(reverse("web:demand_public_submit"), submit_data(offices))
    assert response.status_code == 302
    assert Demand.objects.get().neighbourhood == offices.zone
    mismatch = submit_data(offices, county=str(national_scale.parent.parent.pk), citizen_mobile="09351112233")
    response = Client().post(reverse("web:demand_public_submit"), mismatch)
    assert response.status_code == 400 and "محله را از فهرست انتخاب کنید." in response.content.decode()
    assert Demand.objects.count() == 1


def test_submit_page_queries_do_not_grow_with_neighbourhoods(world, offices, national_scale):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert Client().get(reverse("web:demand_public_submit")).status_code == 200
        return len(queries)

    before = count()
    for n in range(5):
        make_territory("neighbourhood", make_territory("county", world.province, f"شهرستان {n}"), f"محله {n}")
    assert count() == before


def test_online_submission_then_sms_code_routes_it(world, offices, sms_code):
    client = Client()
    response = client.post(reverse("web:demand_public_submit"), submit_data(offices))
    assert response.status_code == 302 and response["Location"] == reverse("web:demand_public_confirm")
    demand = Demand.objects.get()
    assert demand.status == Demand.Status.UNCONFIRMED
    page = client.get(response["Location"]).content.decode()
    assert demand.tracking_code in page  # prefilled from the session
    response = client.post(
        reverse("web:demand_public_confirm"), {"tracking_code": demand.tracking_code, "code": "۴۸۲۹۱۳"}
    )
    assert response.status_code == 200
    assert demand.tracking_code in response.content.decode()
    demand.refresh_from_db()
    assert demand.status == Demand.Status.ROUTED and demand.agency == world.agency


def test_wrong_sms_code_is_refused(offices, sms_code):
    client = Client()
    client.post(reverse("web:demand_public_submit"), submit_data(offices))
    demand = Demand.objects.get()
    response = client.post(
        reverse("web:demand_public_confirm"), {"tracking_code": demand.tracking_code, "code": "111111"}
    )
    assert response.status_code == 400
    assert "کد تأیید درست نیست" in response.content.decode()
    demand.refresh_from_db()
    assert demand.status == Demand.Status.UNCONFIRMED


def test_online_submission_refuses_a_bad_mobile(offices):
    response = Client().post(
        reverse("web:demand_public_submit"), submit_data(offices, citizen_mobile="۰۹۱۲۱۲۳")
    )
    assert response.status_code == 400
    assert "شماره همراه درست نیست" in response.content.decode()
    assert not Demand.objects.exists()


def test_online_submission_is_rate_limited_per_address(settings, offices, sms_code):
    settings.PEYGIR_DEMAND_SUBMIT_PER_IP = "1/hour"
    client = Client()
    assert client.post(reverse("web:demand_public_submit"), submit_data(offices)).status_code == 302
    response = client.post(
        reverse("web:demand_public_submit"), submit_data(offices, citizen_mobile="09351112233")
    )
    assert response.status_code == 429
    assert "تعداد درخواست‌ها از حد مجاز گذشته است" in response.content.decode()
    assert Demand.objects.count() == 1


def test_forms_need_csrf(offices, demand):
    client = Client(enforce_csrf_checks=True)
    assert client.post(reverse("web:demand_public_submit"), submit_data(offices)).status_code == 403
    assert lookup(client, demand.tracking_code, "4567").status_code == 403
    assert client.post(reverse("web:demand_public_rate"), {"rating": 5}).status_code == 403


# ---------------------------------------------------------------- status page


def test_status_page_shows_status_without_personal_data(world, demand):
    response = lookup(Client(), demand.tracking_code.lower().replace("-", " "), "۴۵۶۷")
    html = response.content.decode()
    assert response.status_code == 200
    assert demand.get_status_display() in html
    assert world.agency.name in html
    assert format_jalali(demand.expected_on) in html  # Jalali, Persian digits
    for secret in (NAME, MOBILE, "09121234567", "۰۹۱۲۱۲۳۴۵۶۷", "9121234567"):
        assert secret not in html


def test_wrong_code_and_wrong_digits_answer_the_same(demand):
    wrong_code = lookup(Client(), "ACDE-FGHJ", "4567")
    wrong_digits = lookup(Client(), demand.tracking_code, "1111")
    message = "کد رهگیری یا چهار رقم آخر شماره همراه درست نیست."
    for response in (wrong_code, wrong_digits):
        html = response.content.decode()
        assert response.status_code == 200
        assert message in html
        assert demand.get_status_display() not in html


def test_status_lookup_is_rate_limited(settings, demand):
    settings.PEYGIR_DEMAND_STATUS_PER_IP = "2/hour"
    client = Client()
    lookup(client, "ACDE-FGHJ", "4567")
    lookup(client, "ACDE-FGHJ", "4568")
    response = lookup(client, demand.tracking_code, "4567")  # even the right key, once limited
    assert response.status_code == 429
    html = response.content.decode()
    assert "تعداد درخواست‌ها از حد مجاز گذشته است" in html
    assert demand.get_status_display() not in html


def test_last_four_must_be_four_digits(demand):
    response = lookup(Client(), demand.tracking_code, "۴۵۶")
    assert response.status_code == 400
    assert "چهار رقم آخر" in response.content.decode()


# ---------------------------------------------------------------- rating


def test_rating_appears_only_after_closing_and_is_saved(world, demand):
    client = Client()
    assert "rate-form" not in lookup(client, demand.tracking_code, "4567").content.decode()
    resolved(world, demand)
    html = client.get(reverse("web:demand_public_status")).content.decode()  # the session remembers
    assert 'id="rate-form"' in html and 'type="radio"' in html
    response = client.post(reverse("web:demand_public_rate"), {"rating": "4"})
    assert response.status_code == 302
    demand.refresh_from_db()
    assert demand.rating == 4 and demand.status == Demand.Status.RESOLVED
    assert "rate-form" not in client.get(reverse("web:demand_public_status")).content.decode()


def test_not_resolved_reopens_the_follow_up(world, demand):
    resolved(world, demand)
    client = Client()
    lookup(client, demand.tracking_code, "4567")
    response = client.post(reverse("web:demand_public_rate"), {"rating": "1", "not_resolved": "on"})
    assert response.status_code == 302
    demand.refresh_from_db()
    assert demand.status == Demand.Status.TRIAGE and demand.reopened_count == 1


def test_rating_needs_a_star(world, demand):
    resolved(world, demand)
    client = Client()
    lookup(client, demand.tracking_code, "4567")
    response = client.post(reverse("web:demand_public_rate"), {"rating": ""})
    assert response.status_code == 400
    assert "ستاره" in response.content.decode()
    demand.refresh_from_db()
    assert demand.rating is None


def test_rating_without_a_lookup_changes_nothing(world, demand):
    resolved(world, demand)
    response = Client().post(reverse("web:demand_public_rate"), {"rating": "5"})
    assert response.status_code == 302 and response["Location"] == reverse("web:demand_public_status")
    demand.refresh_from_db()
    assert demand.rating is None


def test_the_sms_link_opens_the_status_page(demand):
    url = status_page_url()
    assert url.endswith(reverse("web:demand_track"))
    response = Client().get(reverse("web:demand_track"), {"code": demand.tracking_code})
    assert response.status_code == 200
    assert f'value="{demand.tracking_code}"' in response.content.decode()  # the code is prefilled


# ---------------------------------------------------------------- every province, photos

from tests.images import PNG  # noqa: E402 - a real image: uploads are re-encoded


def test_a_county_without_any_neighbourhood_takes_requests_itself(world, offices, sms_code):
    """Every province's counties are offered; where no neighbourhood is listed, the county itself is."""
    bare = make_territory("county", world.other_province, "شهرستان مهریز")
    page = Client().get(reverse("web:demand_public_submit"), {"county": bare.pk}).content.decode()
    assert "مهریز" in page and "جای دیگری در شهرستان مهریز" in page
    response = Client().post(
        reverse("web:demand_public_submit"), submit_data(offices, county=bare.pk, neighbourhood=bare.pk)
    )
    assert response.status_code == 302
    demand = Demand.objects.get()
    assert demand.neighbourhood == bare and demand.office is None


def test_photos_are_kept_with_the_request(offices, sms_code, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    photo = SimpleUploadedFile("کوچه.png", PNG, content_type="image/png")
    response = Client().post(reverse("web:demand_public_submit"), {**submit_data(offices), "photos": [photo]})
    assert response.status_code == 302
    (attachment,) = Demand.objects.get().attachments.all()
    assert attachment.content_type == "image/png" and attachment.original_name == "کوچه.png"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("نامه.pdf", b"%PDF-1.4\n" + b"0" * 32, "عکس نیست"),
        ("عکس.png", b"MZ\x90\x00not an image at all", "با پسوند آن نمی"),
    ],
)
def test_a_file_that_is_not_a_photo_is_refused_and_nothing_is_written(
    offices, name, content, message, tmp_path, settings
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile(name, content)
    response = Client().post(
        reverse("web:demand_public_submit"), {**submit_data(offices), "photos": [upload]}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Demand.objects.exists()
