"""The action page's forms: allowed changes go through, denied ones change nothing, bad input speaks Persian."""

import jdatetime
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from peygir.actions import services
from peygir.actions.models import Action, ActionEvent, ActionUpdate, Evidence
from peygir.core.jalali import format_jalali, format_jalali_long
from tests import images

PDF = b"%PDF-1.4\n% test\n"
PNG = images.PNG  # a real image: uploads are re-encoded


def post(client, action, op, data, files=None):
    payload = {"version": action.version, **data}
    if files:
        payload["files"] = files
    return client.post(reverse("web:action_op", args=[action.pk, op]), payload)


def snapshot(action):
    action.refresh_from_db()
    return (
        action.status,
        action.progress,
        action.deadline,
        action.version,
        ActionEvent.objects.filter(action=action).count(),
        ActionUpdate.objects.filter(action=action).count(),
    )


def test_liaison_reports_progress_with_two_files(login, action, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    files = [SimpleUploadedFile("گزارش.pdf", PDF), SimpleUploadedFile("عکس.png", PNG)]
    response = post(
        login("liaison"), action, "progress", {"text": "بازدید انجام شد", "progress": "۴۰"}, files
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == Action.Status.IN_PROGRESS
    assert action.progress == 40
    assert Evidence.objects.filter(update__action=action).count() == 2
    page = login("liaison").get(reverse("web:action_detail", args=[action.pk])).content.decode()
    assert "گزارش.pdf" in page and "/media/" not in page
    assert "۴۰٪" in page
    evidence = Evidence.objects.get(original_name="گزارش.pdf")
    url = reverse("web:evidence_download", args=[evidence.pk])
    download = login("office_staff").get(url)
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert "attachment" in download["Content-Disposition"]
    assert login("other_liaison").get(url).status_code == 404
    assert login("foreign_staff").get(url).status_code == 404
    # never reachable by its storage path, signed in or not
    from django.test import Client

    assert Client().get(f"/media/{evidence.file.name}").status_code == 404
    assert Client().get(url).status_code == 302  # to the login page


def test_full_cycle_report_done_reject_then_verify(login, action):
    liaison, staff = login("liaison"), login("office_staff")
    assert post(liaison, action, "done", {"text": "انجام شد"}).status_code == 302
    action.refresh_from_db()
    assert action.status == Action.Status.REPORTED_DONE
    assert set(staff.get(reverse("web:action_detail", args=[action.pk])).context["forms"]) == {
        "verify",
        "reject",
        "cancel",
        "deadline",
    }
    assert post(staff, action, "reject", {"reason": "مستندات کافی نیست"}).status_code == 302
    action.refresh_from_db()
    assert action.status == Action.Status.IN_PROGRESS
    assert post(liaison, action, "done", {"text": "مستندات افزوده شد"}).status_code == 302
    action.refresh_from_db()
    assert post(staff, action, "verify", {"text": ""}).status_code == 302
    action.refresh_from_db()
    assert action.status == Action.Status.VERIFIED
    history = staff.get(reverse("web:action_detail", args=[action.pk])).content.decode()
    assert "مستندات کافی نیست" in history
    assert "تأیید شده" in history


def test_reject_sets_the_progress_the_issuer_accepts_in_persian_digits(login, action):
    liaison, staff = login("liaison"), login("office_staff")
    post(liaison, action, "done", {"text": "انجام شد"})
    assert post(staff, action, "reject", {"reason": "نیمه‌کاره", "progress": "۱۰۰"}).status_code == 400
    action.refresh_from_db()
    assert (action.status, action.progress) == (Action.Status.REPORTED_DONE, 100)
    assert post(staff, action, "reject", {"reason": "نیمه‌کاره", "progress": "۳۰"}).status_code == 302
    action.refresh_from_db()
    assert (action.status, action.progress) == (Action.Status.IN_PROGRESS, 30)


def test_change_deadline_with_persian_digits(login, action):
    response = post(
        login("office_staff"), action, "deadline", {"deadline": "۱۴۰۴/۱۲/۲۹", "reason": "درخواست دستگاه"}
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.deadline == jdatetime.date(1404, 12, 29).togregorian()


@pytest.mark.parametrize(
    "persona,op,data",
    [
        ("other_liaison", "progress", {"text": "x", "progress": "10"}),
        ("other_liaison", "done", {"text": "x"}),
        ("inspector", "progress", {"text": "x"}),
        ("inspector", "cancel", {"reason": "x"}),
        ("liaison", "cancel", {"reason": "x"}),
        ("liaison", "deadline", {"deadline": "1404/01/10", "reason": "x"}),
        ("agency_head", "verify", {"text": ""}),
        ("county_deputy", "cancel", {"reason": "x"}),
        ("foreign_staff", "cancel", {"reason": "x"}),
        ("nobody", "progress", {"text": "x"}),
        ("national", "cancel", {"reason": "x"}),
    ],
)
def test_denied_posts_are_404_and_change_nothing(login, action, persona, op, data):
    before = snapshot(action)
    response = post(login(persona), action, op, data)
    assert response.status_code == 404
    assert snapshot(action) == before


def test_denied_post_with_invalid_form_is_still_404(login, action):
    before = snapshot(action)
    assert post(login("other_liaison"), action, "deadline", {"deadline": "abc"}).status_code == 404
    assert snapshot(action) == before


def test_unknown_op_is_404(login, action):
    assert post(login("office_staff"), action, "explode", {}).status_code == 404


def test_get_on_op_is_not_allowed(login, action):
    assert login("liaison").get(reverse("web:action_op", args=[action.pk, "progress"])).status_code == 405


@pytest.mark.parametrize(
    "value,message",
    [
        ("1402/12/30", "اسفند"),  # 1402 is not a leap year: Esfand has 29 days
        ("فردا", "۱۴۰۲/۰۷/۳۰"),
        ("1402/13/01", "ماه باید"),
    ],
)
def test_bad_jalali_date_shows_persian_error(login, action, value, message):
    before = snapshot(action)
    response = post(login("office_staff"), action, "deadline", {"deadline": value, "reason": "r"})
    assert response.status_code == 400
    form = response.context["forms"]["deadline"]
    assert any(message in e for e in form.errors["deadline"])
    assert message in response.content.decode()
    assert snapshot(action) == before


def test_percent_out_of_range_and_text_in_number(login, action):
    before = snapshot(action)
    response = post(login("liaison"), action, "progress", {"text": "x", "progress": "۱۵۰"})
    assert response.status_code == 400
    assert "progress" in response.context["forms"]["progress"].errors
    response = post(login("liaison"), action, "progress", {"text": "x", "progress": "نیمه"})
    assert "progress" in response.context["forms"]["progress"].errors
    assert snapshot(action) == before


def test_oversized_file_is_refused(login, action, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.PEYGIR_MAX_UPLOAD_BYTES = 100
    before = snapshot(action)
    big = SimpleUploadedFile("بزرگ.pdf", PDF + b"0" * 200)
    response = post(login("liaison"), action, "progress", {"text": "x", "progress": "10"}, [big])
    assert response.status_code == 400
    assert "حجم پرونده" in " ".join(response.context["forms"]["progress"].errors["files"])
    assert snapshot(action) == before
    assert Evidence.objects.count() == 0


def test_wrong_file_type_is_refused(login, action, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    before = snapshot(action)
    exe = SimpleUploadedFile("برنامه.exe", b"MZ\x90\x00")
    response = post(login("liaison"), action, "done", {"text": "x"}, [exe])
    assert response.status_code == 400
    assert "مجاز نیست" in response.content.decode()
    fake = SimpleUploadedFile("نامه.pdf", b"not a pdf at all")
    response = post(login("liaison"), action, "done", {"text": "x"}, [fake])
    assert "نمی‌خواند" in response.content.decode()
    assert snapshot(action) == before


def test_stale_version_gives_a_clear_message(login, action):
    services.action_report_progress(action=action, user=action_user(action, "liaison"), text="اول")
    stale = {"version": 1, "text": "دوم", "progress": "20"}
    before = snapshot(action)
    response = login("liaison").post(reverse("web:action_op", args=[action.pk, "progress"]), stale)
    assert response.status_code == 400
    assert "کاربر دیگری تغییر کرده" in response.content.decode()
    assert snapshot(action) == before


def action_user(action, persona):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=persona)


def test_hostile_text_is_stored_as_typed_and_escaped(login, action):
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    assert post(login("liaison"), action, "progress", {"text": hostile, "progress": "5"}).status_code == 302
    assert ActionUpdate.objects.get(action=action, kind="progress").text == hostile
    page = login("office_staff").get(reverse("web:action_detail", args=[action.pk])).content.decode()
    assert hostile not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_overlong_text_is_refused(login, action):
    before = snapshot(action)
    response = post(login("liaison"), action, "progress", {"text": "الف" * 5001})
    assert response.status_code == 400
    assert "text" in response.context["forms"]["progress"].errors
    assert snapshot(action) == before


def test_deadline_shown_in_jalali_with_text_as_written(login, action):
    page = login("liaison").get(reverse("web:action_detail", args=[action.pk])).content.decode()

    assert format_jalali(action.deadline) in page  # ۱۴۰۵/۰۱/۲۰, Persian digits
    assert format_jalali_long(action.deadline) in page
    assert format_jalali(action.deadline, persian=False) not in page
    assert "«یک ماه»" in page
