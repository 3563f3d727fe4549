"""Imports from Excel: good rows, refused rows with their reasons, Persian digits and Jalali dates,
all-or-nothing for the accepted rows, and the template workbooks."""

import datetime as dt
import io

import jdatetime
import pytest
from django.contrib.auth import get_user_model
from openpyxl import Workbook, load_workbook

from peygir.actions.models import Action
from peygir.administration.imports import (
    ImportFileError,
    Preview,
    get_importer,
    read_workbook,
    template_workbook,
)
from peygir.core.jalali import last_day_of_year
from peygir.core.models import AuditEntry
from peygir.organizations.models import Organization
from tests.auth import sign_in
from tests.factories import make_territory

pytestmark = pytest.mark.django_db


def workbook(rows: list[list]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def preview(kind: str, user, rows: list[list], **options) -> Preview:
    importer = get_importer(kind)
    return Preview(importer.check(user, read_workbook(workbook(rows), importer.columns), **options))


ORG_HEADER = ["نام سازمان", "نوع", "قلمرو", "سازمان بالادست", "رایانامه"]


def test_organizations_good_and_bad_rows(world):
    make_territory("county", world.province, "خمین")
    user = world.users["office_staff"]
    result = preview(
        "organizations",
        user,
        [
            ORG_HEADER,
            ["اداره آموزش و پرورش شهرستان خمین", "دستگاه اجرایی", "خمین", world.agency.name, ""],
            ["اداره بهزیستی خمین", "agency", "خمين", "", ""],  # the code, and an Arabic ی
            ["", "دستگاه اجرایی", "خمین", "", ""],  # no name
            ["اداره ورزش", "وزارتخانه", "خمین", "", ""],  # unknown kind
            ["اداره ورزش", "دستگاه اجرایی", "تهران", "", ""],  # not in the province
            [world.agency.name, "دستگاه اجرایی", world.province.name_fa, "", ""],  # exists already
            ["اداره بهزیستی خمین", "دستگاه اجرایی", "خمین", "", ""],  # twice in the file
            ["اداره فرهنگ", "دستگاه اجرایی", "خمین", "", "not-an-email"],
        ],
    )
    assert [r.number for r in result.accepted] == [2, 3]
    reasons = {r.number: " ".join(r.errors) for r in result.refused}
    assert "نام سازمان" in reasons[4]
    assert "نوع" in reasons[5]
    assert "تهران" in reasons[6]
    assert "پیش‌تر ثبت شده" in reasons[7]
    assert "سطرهای بالاتر" in reasons[8]
    assert "رایانامه" in reasons[9]
    importer = get_importer("organizations")
    created = importer.apply(user, result.accepted)
    assert created[0].parent == world.agency and created[0].kind == Organization.Kind.AGENCY
    assert AuditEntry.objects.filter(verb="create", object_type="organizations.organization").count() == 2


def test_the_foreign_office_cannot_import_into_this_province(world):
    result = preview(
        "organizations",
        world.users["foreign_staff"],
        [ORG_HEADER, ["اداره تازه", "دستگاه اجرایی", "مرکزی", "", ""]],
    )
    assert not result.accepted


PEOPLE_HEADER = ["نام کاربری", "نام", "نام خانوادگی", "تلفن همراه", "سازمان", "نقش"]


def test_people_rows_with_persian_digits(world):
    user = world.users["agency_head"]
    result = preview(
        "people",
        user,
        [
            PEOPLE_HEADER,
            ["m.ahmadi", "مریم", "احمدی", "۰۹۱۲۱۲۳۴۵۶۷", world.agency.name, "رابط دستگاه"],
            ["LIAISON", "علی", "رضایی", "", world.agency.name, "رابط دستگاه"],  # taken (any case)
            [
                "r.karimi",
                "رضا",
                "کریمی",
                "",
                world.agency.name,
                "رئیس / مدیر کل",
            ],  # a head: not theirs to give
            ["s.noori", "سارا", "نوری", "", world.other_agency.name, "رابط دستگاه"],  # not their organization
            ["م.احمدی", "", "احمدی", "", world.agency.name, "رابط دستگاه"],  # not latin
            ["m.ahmadi", "مریم", "احمدی", "", world.agency.name, "liaison"],  # twice in the file
        ],
    )
    assert [r.number for r in result.accepted] == [2]
    assert len(result.refused) == 5
    people = get_importer("people").apply(user, result.accepted)
    assert people[0].mobile == "09121234567" and not people[0].has_usable_password()
    assert people[0].memberships.get().organization == world.agency


REGISTER_HEADER = ["ردیف", "متن مصوبه", "مسئول پیگیری", "مهلت اقدام", "تاریخ جلسه"]


def test_register_rows_become_actions(world):
    user = world.users["office_staff"]
    j = jdatetime.date.today() + jdatetime.timedelta(days=40)
    typed = f"{j.year}/{j.month:02d}/{j.day:02d}".translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    excel_date = dt.date.today() + dt.timedelta(days=20)
    result = preview(
        "register",
        user,
        [
            REGISTER_HEADER,
            [
                "۱",
                "شناسایی مدارس کانکسی و گزارش به دبیرخانه",
                f"{world.agency.name}، {world.other_agency.name}",
                typed,
                "",
            ],
            ["۲", "برگزاری جلسه هماهنگی", world.agency.name, "یک ماه", "۱۴۰۳/۰۱/۱۵"],
            ["۳", "تهیه گزارش", world.agency.name, excel_date, ""],
            ["۴", "ارسال گزارش", "سازمان ناشناخته", "۱۴۰۳/۰۷/۳۰", ""],
            ["۵", "ارسال گزارش", world.agency.name, "به زودی", ""],
            ["۶", "", world.agency.name, "یک ماه", ""],
            ["۷", "ارسال گزارش", world.agency.name, "۱۴۰۳/۱۳/۴۰", ""],
            [8, "گزارش سالانه", world.agency.name, 1410, ""],  # a year typed as a number
        ],
        issuer=world.office,
    )
    assert [r.number for r in result.accepted] == [2, 3, 4, 9]
    assert result.accepted[3].parsed["deadline"] == last_day_of_year(1410)
    assert result.accepted[0].parsed["deadline"] == j.togregorian()
    assert result.accepted[1].parsed["deadline"] == jdatetime.date(1403, 2, 15).togregorian()
    assert result.accepted[2].parsed["deadline"] == excel_date
    assert result.accepted[0].summary == "۲ اقدام"  # the preview's count in Persian digits
    reasons = {r.number: " ".join(r.errors) for r in result.refused}
    assert "سازمان ناشناخته" in reasons[5]
    assert "مهلت" in reasons[6] and "متن مصوبه" in reasons[7] and "مهلت" in reasons[8]
    actions = get_importer("register").apply(user, result.accepted, issuer=world.office)
    assert len(actions) == 5 and Action.objects.filter(source_kind="directive").count() == 5
    assert "ردیف ۱ دفتر مصوبات" in actions[0].description


def test_missing_columns_and_broken_files_are_refused():
    columns = get_importer("organizations").columns
    with pytest.raises(ImportFileError, match="نوع"):
        read_workbook(workbook([["نام سازمان", "قلمرو"], ["الف", "مرکزی"]]), columns)
    with pytest.raises(ImportFileError):
        read_workbook(b"PK\x03\x04 not really a zip", columns)
    with pytest.raises(ImportFileError, match="سطر داده"):
        read_workbook(workbook([ORG_HEADER]), columns)


@pytest.mark.parametrize("kind", ["organizations", "people", "register"])
def test_the_template_reads_back_as_its_own_example(kind):
    importer = get_importer(kind)
    data = template_workbook(str(importer.title), importer.columns)
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    assert sheet.sheet_view.rightToLeft
    rows = read_workbook(data, importer.columns)
    assert len(rows) == 1 and rows[0][0] == 2


def test_upload_preview_confirm_is_all_or_nothing(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    sign_in(client, world.users["office_staff"])
    data = workbook(
        [
            PEOPLE_HEADER,
            ["n.one", "نرگس", "یکم", "", world.agency.name, "رابط دستگاه"],
            ["bad user", "", "", "", "", ""],
        ]
    )
    upload = io.BytesIO(data)
    upload.name = "people.xlsx"
    response = client.post("/manage/imports/people/", {"file": upload})
    assert response.status_code == 200
    preview_ = response.context["preview"]
    assert len(preview_.accepted) == 1 and len(preview_.refused) == 1
    token = response.context["token"]
    # Meanwhile someone takes the username: the confirm checks again and writes none of the rows.
    get_user_model().objects.create_user(username="n.one")
    before = get_user_model().objects.count()
    response = client.post("/manage/imports/people/confirm/", {"token": token})
    assert response.status_code == 400
    assert get_user_model().objects.count() == before


def test_upload_then_confirm_creates_and_shows_links(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.PEYGIR_SITE_URL = "https://peygir.example.ir"
    sign_in(client, world.users["office_staff"])
    upload = io.BytesIO(
        workbook([PEOPLE_HEADER, ["n.two", "نرگس", "دوم", "", world.agency.name, "رابط دستگاه"]])
    )
    upload.name = "people.xlsx"
    token = client.post("/manage/imports/people/", {"file": upload}).context["token"]
    response = client.post("/manage/imports/people/confirm/", {"token": token})
    assert response.status_code == 200
    assert get_user_model().objects.filter(username="n.two").exists()
    # The one-time link names the site as people reach it, not the address this request came by.
    assert "https://peygir.example.ir/set-password/" in response.content.decode()
    assert "http://testserver" not in response.content.decode()
    # The token is spent with its file.
    assert client.post("/manage/imports/people/confirm/", {"token": token}).status_code == 400


def test_a_file_that_is_not_a_workbook_gets_a_persian_message(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    sign_in(client, world.users["office_staff"])
    upload = io.BytesIO(b"%PDF-1.4 not a sheet")
    upload.name = "people.xlsx"
    response = client.post("/manage/imports/people/", {"file": upload})
    assert response.status_code == 400
    assert "پسوند" in response.content.decode() or "اکسل" in response.content.decode()
