"""The forms do what they say, and bad input gives a Persian message with nothing written."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from peygir.core.jalali import format_jalali, today
from peygir.core.web.widgets import QuickSelectMultiple
from peygir.demands.models import Demand, DemandEvent
from peygir.demands.web.forms.demands import QuickSelect
from tests import images

from .conftest import intake

PNG = images.PNG  # a real image: uploads are re-encoded


def intake_data(offices, **overrides) -> dict:
    data = {
        "office": offices.office.pk,
        "category": offices.school.pk,
        "neighbourhood": offices.zone.pk,
        "title": "روشنایی کوچه",
        "description": "چراغ‌های کوچه شهید رجایی خاموش است.",
        "citizen_name": "علی رضایی",
        "citizen_mobile": "۰۹۱۲۳۴۵۶۷۸۹",
        "consent": "on",
    }
    data.update(overrides)
    return data


def test_facilitator_registers_a_demand_and_it_is_routed(world, login, offices):
    client = login("facilitator")
    photo = SimpleUploadedFile("سقف.png", PNG, content_type="image/png")
    response = client.post(reverse("web:demand_new"), intake_data(offices, files=photo))
    demand = Demand.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("web:demand_detail", args=[demand.pk])
    assert demand.citizen_mobile == "+989123456789"  # Persian digits folded
    assert demand.status == Demand.Status.ROUTED and demand.agency == world.agency
    assert demand.attachments.count() == 1
    page = client.get(response["Location"]).content.decode()
    assert demand.tracking_code in page
    assert world.agency.name in page


def test_intake_refuses_a_short_mobile(login, offices):
    response = login("facilitator").post(
        reverse("web:demand_new"), intake_data(offices, citizen_mobile="۰۹۱۲۱۲۳")
    )
    assert response.status_code == 400
    assert "شماره همراه درست نیست" in response.content.decode()
    assert not Demand.objects.exists()


def test_intake_requires_consent(login, offices):
    data = intake_data(offices)
    del data["consent"]
    response = login("facilitator").post(reverse("web:demand_new"), data)
    assert response.status_code == 400
    assert "رضایت" in response.content.decode()
    assert not Demand.objects.exists()


def test_hostile_html_is_rendered_escaped(login, offices):
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    client = login("facilitator")
    response = client.post(
        reverse("web:demand_new"), intake_data(offices, title="<b>عنوان</b>", description=hostile)
    )
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;b&gt;عنوان&lt;/b&gt;" in html


def test_wrong_type_file_is_refused_and_nothing_written(login, offices):
    exe = SimpleUploadedFile("setup.exe", b"MZ\x90\x00" + b"\x00" * 32)
    response = login("facilitator").post(reverse("web:demand_new"), intake_data(offices, files=exe))
    assert response.status_code == 400
    assert "مجاز نیست" in response.content.decode()
    assert not Demand.objects.exists()


def test_disguised_file_is_refused(login, offices):
    fake = SimpleUploadedFile("photo.png", b"MZ\x90\x00 not a png at all")
    response = login("facilitator").post(reverse("web:demand_new"), intake_data(offices, files=fake))
    assert response.status_code == 400
    assert "نمی‌خواند" in response.content.decode()
    assert not Demand.objects.exists()


def test_oversized_file_is_refused(settings, login, offices):
    settings.PEYGIR_MAX_UPLOAD_BYTES = 1024 * 1024
    big = SimpleUploadedFile("big.png", PNG + b"\x00" * (1024 * 1024 + 10))
    response = login("facilitator").post(reverse("web:demand_new"), intake_data(offices, files=big))
    assert response.status_code == 400
    assert "بیشتر است" in response.content.decode()
    assert not Demand.objects.exists()


def test_neighbourhood_of_another_office_is_refused(login, offices):
    response = login("facilitator").post(
        reverse("web:demand_new"), intake_data(offices, neighbourhood=offices.other_zone.pk)
    )
    assert response.status_code == 400
    assert "محله را از فهرست انتخاب کنید" in response.content.decode()
    assert not Demand.objects.exists()


def test_category_tree_is_an_indented_select(login, offices):
    html = login("facilitator").get(reverse("web:demand_new")).content.decode()
    assert f'<option value="{offices.education.pk}">آموزش و پرورش</option>' in html
    assert "› ساختمان مدرسه" in html


# ---------------------------------------------------------------- similar demands and supporters


def test_similar_demands_are_offered_and_the_citizen_joins_one(world, login, offices, demand):
    client = login("facilitator")
    response = client.get(
        reverse("web:demand_similar"),
        {
            "neighbourhood": offices.zone.pk,
            # the same words typed with Arabic letters and without the half-spaces
            "title": "تعمیر سقف مدرسه ابتدايي شهيد بهشتي",
            "description": "سقف کلاسهای مدرسه ابتدایی شهید بهشتی چکه میکند و در زمستان کلاسها تعطیل میشود.",
        },
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert demand.tracking_code in html
    assert "این درخواست را به آن اضافه کن" in html
    response = client.post(
        reverse("web:demand_add_supporter", args=[demand.pk]),
        {"citizen_name": "حسن محمدی", "citizen_mobile": "09351234567", "consent": "on"},
        HTTP_HX_REQUEST="true",
    )
    assert response["HX-Redirect"] == reverse("web:demand_detail", args=[demand.pk])
    demand.refresh_from_db()
    assert demand.supporters_count == 2
    assert Demand.objects.count() == 1


def test_similar_lookup_ignores_neighbourhoods_of_other_offices(login, offices, demand):
    response = login("other_facilitator").get(
        reverse("web:demand_similar"), {"neighbourhood": offices.zone.pk, "title": demand.title}
    )
    assert demand.tracking_code not in response.content.decode()


def test_supporter_with_bad_mobile_is_refused(login, demand):
    response = login("facilitator").post(
        reverse("web:demand_add_supporter", args=[demand.pk]),
        {"citizen_mobile": "۰۹۱۲۱۲۳"},
        HTTP_HX_REQUEST="true",
    )
    assert "شماره همراه درست نیست" in response.content.decode()
    demand.refresh_from_db()
    assert demand.supporters_count == 1


def test_other_office_cannot_add_a_supporter(login, demand):
    response = login("other_facilitator").post(reverse("web:demand_add_supporter", args=[demand.pk]), {})
    assert response.status_code == 404
    demand.refresh_from_db()
    assert demand.supporters_count == 1


# ---------------------------------------------------------------- agency and office answers


def op(client, demand, name, data, **extra):
    demand.refresh_from_db()
    return client.post(
        reverse("web:demand_op", args=[demand.pk, name]), {"version": demand.version, **data}, **extra
    )


def test_planned_date_that_does_not_exist_is_refused(login, demand):
    before = (demand.status, demand.version)
    response = op(login("liaison"), demand, "planned", {"date": "1402/12/30"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "invalid-feedback" in html
    demand.refresh_from_db()
    assert (demand.status, demand.version) == before


def test_agency_plans_then_office_accepts_the_date(login, demand):
    planned = today().replace(year=today().year + 1)
    response = op(
        login("liaison"), demand, "planned", {"date": format_jalali(planned), "note": "در برنامه سال بعد"}
    )
    assert response.status_code == 302
    demand.refresh_from_db()
    assert demand.proposed_date == planned
    assert demand.expected_on != planned  # only the office's acceptance makes it the deadline
    office = login("facilitator")
    assert (
        reverse("web:demand_op", args=[demand.pk, "accept_plan"])
        in office.get(reverse("web:demand_detail", args=[demand.pk])).content.decode()
    )
    assert op(office, demand, "accept_plan", {}).status_code == 302
    demand.refresh_from_db()
    assert demand.expected_on == planned and demand.status == Demand.Status.PLANNED


def test_not_ours_sends_it_back_to_triage_with_the_reason(login, demand):
    response = op(login("liaison"), demand, "not_ours", {"reason": "مدرسه در مالکیت شهرداری است"})
    assert response.status_code == 302
    demand.refresh_from_db()
    assert demand.status == Demand.Status.TRIAGE
    html = login("facilitator").get(reverse("web:triage")).content.decode()
    assert demand.title in html


def test_not_ours_requires_a_reason(login, demand):
    response = op(login("liaison"), demand, "not_ours", {"reason": "  "})
    assert response.status_code == 400
    demand.refresh_from_db()
    assert demand.status == Demand.Status.ROUTED


def test_done_with_evidence_then_verify(login, demand):
    evidence = SimpleUploadedFile("گزارش.pdf", b"%PDF-1.4 report", content_type="application/pdf")
    response = op(login("liaison"), demand, "done", {"text": "سقف ایزوگام شد", "files": evidence})
    assert response.status_code == 302
    demand.refresh_from_db()
    assert demand.status == Demand.Status.DONE
    response = op(login("office_staff"), demand, "verify", {"public_note": "سقف مدرسه تعمیر شد."})
    assert response.status_code == 302
    demand.refresh_from_db()
    assert demand.status == Demand.Status.RESOLVED


def test_done_with_a_wrong_file_writes_nothing(login, demand):
    bad = SimpleUploadedFile("x.exe", b"MZ\x90\x00")
    events = DemandEvent.objects.filter(demand=demand).count()
    response = op(login("liaison"), demand, "done", {"text": "انجام شد", "files": bad})
    assert response.status_code == 400
    demand.refresh_from_db()
    assert demand.status == Demand.Status.ROUTED
    assert DemandEvent.objects.filter(demand=demand).count() == events


def test_office_declines_a_proposed_date(login, demand):
    planned = today().replace(year=today().year + 1)
    op(login("liaison"), demand, "planned", {"date": format_jalali(planned)})
    response = op(login("facilitator"), demand, "decline_plan", {"reason": "مدرسه نمی‌تواند یک سال صبر کند"})
    assert response.status_code == 302
    demand.refresh_from_db()
    assert demand.proposed_date is None and demand.expected_on != planned


def test_office_closes_an_out_of_scope_demand(login, demand):
    response = op(login("facilitator"), demand, "close", {"reason": "درخواست شخصی است"})
    assert response.status_code == 302
    demand.refresh_from_db()
    assert demand.status == Demand.Status.REJECTED


def test_office_rejects_done(login, demand):
    op(login("liaison"), demand, "done", {"text": "انجام شد"})
    response = op(login("facilitator"), demand, "reject_done", {"reason": "سقف هنوز چکه می‌کند"})
    assert response.status_code == 302
    demand.refresh_from_db()
    assert demand.status == Demand.Status.ROUTED


def test_reroute_keeps_the_history_with_reason(world, login, demand):
    response = op(
        login("facilitator"),
        demand,
        "reroute",
        {"agency": world.other_agency.pk, "reason": "موضوع بهداشتی است"},
    )
    assert response.status_code == 302
    demand.refresh_from_db()
    assert demand.agency == world.other_agency
    html = login("office_staff").get(reverse("web:demand_detail", args=[demand.pk])).content.decode()
    assert world.agency.name in html and world.other_agency.name in html
    assert "موضوع بهداشتی است" in html


def test_reroute_without_reason_is_refused(world, login, demand):
    response = op(login("facilitator"), demand, "reroute", {"agency": world.other_agency.pk, "reason": ""})
    assert response.status_code == 400
    demand.refresh_from_db()
    assert demand.agency == world.agency


def test_stale_version_is_refused(world, login, demand):
    response = login("facilitator").post(
        reverse("web:demand_op", args=[demand.pk, "public_note"]),
        {"version": demand.version + 5, "text": "توضیح"},
    )
    assert response.status_code == 400
    demand.refresh_from_db()
    assert demand.public_note == ""


def test_assign_from_triage(world, login, triage_demand):
    response = op(
        login("facilitator"), triage_demand, "assign", {"agency": world.other_agency.pk, "next": "triage"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("web:triage")
    triage_demand.refresh_from_db()
    assert triage_demand.status == Demand.Status.ROUTED and triage_demand.agency == world.other_agency


def test_public_note_shows_on_the_page(login, demand):
    assert (
        op(login("facilitator"), demand, "public_note", {"text": "بازدید کارشناس انجام شد"}).status_code
        == 302
    )
    demand.refresh_from_db()
    assert demand.public_note == "بازدید کارشناس انجام شد"


def test_attachment_download_only_for_those_who_see_the_demand(world, login, offices):
    photo = SimpleUploadedFile("a.png", PNG)
    d = intake(world, offices, files=[photo])
    attachment = d.attachments.get()
    url = reverse("web:demand_attachment", args=[attachment.pk])
    assert login("liaison").get(url).status_code == 200
    assert login("other_liaison").get(url).status_code == 404


def test_quick_select_writes_what_django_select_writes():
    """The demand forms' selects are written in Python (speed); the markup is Django's own."""
    import re

    from django import forms

    choices = [("", "— انتخاب —"), (1, 'ادارهٔ <آب> & "برق"'), ("گروه", [(2, "دانشگاه")])]
    attrs = {"class": "form-select", "required": True, "data-off": False, "hx-get": "/x/?a=1&b=2"}

    def norm(html: str) -> str:
        return re.sub(r">\s+<", "><", html.strip())

    for value in (None, "", "1", 2, "9"):
        django_html = forms.Select(attrs=dict(attrs), choices=choices).render("agency", value, {"id": "id_a"})
        quick_html = QuickSelect(attrs=dict(attrs), choices=choices).render("agency", value, {"id": "id_a"})
        assert norm(quick_html) == norm(django_html)


def test_quick_select_multiple_writes_what_django_select_multiple_writes():
    """The meeting forms' responsible organizations: many chosen at once, same markup as Django's."""
    import re

    from django import forms

    choices = [(1, 'ادارهٔ <آب> & "برق"'), (2, "دانشگاه"), (3, "بهزیستی")]
    attrs = {"class": "form-select form-select-sm", "size": 6}

    def norm(html: str) -> str:
        return re.sub(r">\s+<", "><", html.strip())

    for value in (None, [], ["1"], [1, 3], ["9"]):
        django_html = forms.SelectMultiple(attrs=dict(attrs), choices=choices).render(
            "r", value, {"id": "id_r"}
        )
        quick_html = QuickSelectMultiple(attrs=dict(attrs), choices=choices).render(
            "r", value, {"id": "id_r"}
        )
        assert norm(quick_html) == norm(django_html)
        assert "multiple" in quick_html
