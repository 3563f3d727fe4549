"""The meeting page: a secretary records a meeting in one flow; others read; strangers get 404."""

import pytest
from django.urls import reverse

import peygir.exports.minutes as minutes
from peygir.actions.models import Action
from peygir.committees.models import (
    AgendaItem,
    Attendance,
    DiscussionNote,
    Meeting,
    MinutesAmendment,
    Resolution,
)
from peygir.core.jalali import format_jalali
from peygir.organizations.models import Organization
from tests.factories import CommitteeFactory, OrganizationFactory


def op(client, meeting, name, data, **extra):
    meeting.refresh_from_db()
    prefix = {"agenda": "agenda", "attendance": "att", "note": "note", "resolution": "res", "refer": "refer"}
    prefix |= {"held": "held", "approve": "approve", "header": "header"}
    payload = {f"{prefix[name]}-{k}": v for k, v in {"version": meeting.version, **data}.items()}
    return client.post(reverse("web:meeting_op", args=[meeting.pk, name]), payload, **extra)


def counts(meeting):
    meeting.refresh_from_db()
    return (
        meeting.version,
        meeting.status,
        AgendaItem.objects.filter(meeting=meeting).count(),
        Attendance.objects.filter(meeting=meeting).count(),
        Resolution.objects.filter(meeting=meeting).count(),
        Action.objects.count(),
    )


def test_secretary_records_the_whole_meeting(login, world, meeting):
    client = login("office_staff")
    group = OrganizationFactory(
        name="دستگاه‌های اجرایی عضو برنامه", kind=Organization.Kind.GROUP, territory=world.province
    )
    group.members_of_group.set([world.agency, world.other_agency])

    assert (
        op(
            client,
            meeting,
            "agenda",
            {"title": "گزارش دانشگاه علوم پزشکی", "presenter": world.other_agency.pk},
        ).status_code
        == 302
    )
    item = AgendaItem.objects.get(meeting=meeting, title__startswith="گزارش دانشگاه")
    assert op(client, meeting, "agenda", {"title": "زیربند", "parent": item.pk}).status_code == 302
    assert (
        op(
            client,
            meeting,
            "attendance",
            {"organization": world.agency.pk, "status": "represented", "represented_by": "معاون فنی"},
        ).status_code
        == 302
    )
    assert (
        op(
            client,
            meeting,
            "attendance",
            {"person_name": "آقای محمدی", "person_title": "استاندار", "status": "present"},
        ).status_code
        == 302
    )
    assert (
        op(
            client,
            meeting,
            "note",
            {"item": item.pk, "speaker_name": "رئیس دانشگاه", "summary": "وضعیت بهداشتی نامناسب است"},
        ).status_code
        == 302
    )
    response = op(
        client,
        meeting,
        "resolution",
        {
            "text": "رفع نواقص مدارس کانکسی",
            "responsible": [world.agency.pk],
            "deadline_text": "یک ماه",
            "agenda_item": item.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    row1 = Resolution.objects.get(meeting=meeting, number=1)
    assert not Action.objects.filter(resolution=row1).exists()  # a draft until the minutes are approved
    response = op(
        client,
        meeting,
        "resolution",
        {"text": "توجه به وظایف محوله", "responsible": [group.pk], "deadline_text": "۱۴۰۲", "label": "الف"},
    )
    assert response.status_code == 302
    row2 = Resolution.objects.get(meeting=meeting, number=2)
    draft_page = client.get(reverse("web:meeting_detail", args=[meeting.pk])).content.decode()
    assert 'id="draft-note"' in draft_page and "پیش‌نویس — ابلاغ نشده" in draft_page
    assert op(client, meeting, "held", {}).status_code == 302
    assert op(client, meeting, "approve", {}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.APPROVED
    assert meeting.dispatched_at is not None
    assert Action.objects.get(resolution=row1).responsible_organization == world.agency
    assert set(Action.objects.filter(resolution=row2).values_list("responsible_organization", flat=True)) == {
        world.agency.pk,
        world.other_agency.pk,
    }
    # on approved minutes an addition is an amendment and must say why; without a reason nothing is written
    refused = op(client, meeting, "agenda", {"title": "دستور بی‌دلیل"})
    assert refused.status_code != 302 and "دلیل اصلاح را بنویسید" in refused.content.decode()
    assert not meeting.agenda_items.filter(title="دستور بی‌دلیل").exists()
    assert not MinutesAmendment.objects.filter(meeting=meeting).exists()
    assert (
        op(client, meeting, "agenda", {"title": "دستور افزوده", "reason": "از قلم افتاده بود"}).status_code
        == 302
    )
    assert MinutesAmendment.objects.filter(meeting=meeting).exists()

    page = client.get(reverse("web:meeting_detail", args=[meeting.pk])).content.decode()
    for text in (
        "رفع نواقص مدارس کانکسی",
        "یک ماه",
        "معاون فنی",
        "وضعیت بهداشتی نامناسب است",
        "از قلم افتاده بود",
    ):
        assert text in page
    assert "اصلاحیه‌های پس از تأیید" in page
    assert "صورتجلسه تأیید شده" in page


def test_htmx_add_returns_the_body_only(login, world, meeting):
    response = op(
        login("office_staff"), meeting, "agenda", {"title": "دستور با htmx"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body and 'id="meeting-body"' in body and "دستور با htmx" in body


def test_htmx_invalid_form_comes_back_with_errors(login, meeting):
    before = counts(meeting)
    response = op(
        login("office_staff"),
        meeting,
        "resolution",
        {"text": "x", "responsible": [], "deadline_text": "فردا صبح"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "<html" not in response.content.decode()
    assert response.context["forms"]["resolution"].errors
    assert counts(meeting) == before


def test_bad_deadline_text_gives_persian_error(login, world, meeting):
    before = counts(meeting)
    response = op(
        login("office_staff"),
        meeting,
        "resolution",
        {"text": "x", "responsible": [world.agency.pk], "deadline_text": "بعدا"},
    )
    assert response.status_code == 400
    assert "قابل فهم نیست" in response.content.decode()
    assert counts(meeting) == before


def test_stale_version_is_a_conflict(login, meeting):
    client = login("office_staff")
    assert op(client, meeting, "agenda", {"title": "اول"}).status_code == 302
    before = counts(meeting)
    response = client.post(
        reverse("web:meeting_op", args=[meeting.pk, "agenda"]), {"agenda-version": 1, "agenda-title": "دوم"}
    )
    assert response.status_code == 400
    assert "کاربر دیگری" in response.content.decode()
    assert counts(meeting) == before


@pytest.mark.parametrize(
    "persona", ["liaison", "agency_head", "inspector", "national", "other_liaison", "foreign_staff", "nobody"]
)
def test_non_secretaries_cannot_change_the_meeting(login, meeting, persona):
    before = counts(meeting)
    for name, data in [
        ("agenda", {"title": "x"}),
        ("held", {}),
        ("attendance", {"person_name": "x", "status": "present"}),
    ]:
        assert op(login(persona), meeting, name, data).status_code == 404
    assert counts(meeting) == before


def test_members_read_without_forms(login, meeting):
    response = login("liaison").get(reverse("web:meeting_detail", args=[meeting.pk]))
    assert response.context["can_manage"] is False
    assert "ثبت صورتجلسه" not in response.content.decode()


def test_hostile_text_in_minutes_is_escaped(login, meeting):
    hostile = "<script>alert('x')</script>"
    client = login("office_staff")
    assert op(client, meeting, "agenda", {"title": hostile}).status_code == 302
    assert AgendaItem.objects.get(meeting=meeting, title=hostile)
    page = client.get(reverse("web:meeting_detail", args=[meeting.pk])).content.decode()
    assert hostile not in page and "&lt;script&gt;" in page


def test_new_meeting_from_committee_page(login, committee):
    client = login("office_staff")
    response = client.post(
        reverse("web:meeting_create", args=[committee.pk]),
        {"date": "۱۴۰۲/۰۷/۱۸", "time": "۱۰:۰۰", "place": "سالن شهید رجایی", "chair_name": "", "title": ""},
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(committee=committee)
    assert meeting.place == "سالن شهید رجایی"

    assert format_jalali(meeting.starts_at, with_time=True, persian=False) == "1402/07/18 10:00"


def test_new_meeting_bad_date_and_denied(login, committee):
    response = login("office_staff").post(
        reverse("web:meeting_create", args=[committee.pk]), {"date": "1402/12/30", "time": "10:00"}
    )
    assert response.status_code == 400 and "اسفند" in response.content.decode()
    assert (
        login("liaison")
        .post(reverse("web:meeting_create", args=[committee.pk]), {"date": "1402/07/18", "time": "10:00"})
        .status_code
        == 404
    )
    assert not Meeting.objects.filter(committee=committee).exists()


def test_refer_to_working_group(login, world, committee):
    council = CommitteeFactory(
        name="شورای برنامه‌ریزی و توسعه استان",
        kind="council",
        secretariat=world.office,
        territory=world.province,
    )
    committee.parent = council
    committee.save()
    from tests.factories import MeetingFactory

    council_meeting = MeetingFactory(committee=council, number=1, status=Meeting.Status.PLANNED)
    client = login("office_staff")
    assert op(client, council_meeting, "agenda", {"title": "طرح فرهنگی"}).status_code == 302
    item = AgendaItem.objects.get(meeting=council_meeting, title="طرح فرهنگی")
    assert (
        op(client, council_meeting, "refer", {"item": item.pk, "committee": committee.pk}).status_code == 302
    )
    item.refresh_from_db()
    assert item.referred_to == committee
    page = client.get(reverse("web:committee_detail", args=[committee.pk])).content.decode()
    assert "طرح فرهنگی" in page and council.name in page


def test_minutes_downloads(login, meeting, monkeypatch):
    monkeypatch.setattr(minutes, "minutes_pdf", lambda m: b"%PDF-1.4 fake")
    monkeypatch.setattr(minutes, "minutes_docx", lambda m: b"PK\x03\x04 fake")
    client = login("liaison")
    pdf = client.get(reverse("web:meeting_minutes_pdf", args=[meeting.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content == b"%PDF-1.4 fake"
    assert "attachment" in pdf["Content-Disposition"] and "filename*=utf-8''" in pdf["Content-Disposition"]
    docx = client.get(reverse("web:meeting_minutes_docx", args=[meeting.pk]))
    assert docx.status_code == 200 and docx["Content-Disposition"].endswith(".docx")


def test_meeting_page_query_count_is_constant(login, world, meeting, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login("office_staff")
    url = reverse("web:meeting_detail", args=[meeting.pk])
    for n in range(2):
        op(client, meeting, "agenda", {"title": f"دستور {n}"})
        op(
            client,
            meeting,
            "resolution",
            {"text": f"مصوبه {n}", "responsible": [world.agency.pk], "deadline_text": "یک ماه"},
        )
    with CaptureQueriesContext(connection) as small:
        first = client.get(url)
    baseline = len(small)  # read now: every request resets the connection's query log
    assert first.status_code == 200
    for n in range(2, 6):
        op(client, meeting, "agenda", {"title": f"دستور {n}"})
        op(client, meeting, "attendance", {"person_name": f"شخص {n}", "status": "present"})
        op(
            client,
            meeting,
            "resolution",
            {
                "text": f"مصوبه {n}",
                "responsible": [world.agency.pk, world.other_agency.pk],
                "deadline_text": "یک ماه",
            },
        )
    with django_assert_num_queries(baseline):
        client.get(url)
    assert DiscussionNote.objects.count() == 0
