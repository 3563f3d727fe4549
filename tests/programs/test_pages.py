"""The programs and indicators pages: list, detail, duty creation, the entry grid, approval, import."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from peygir.programs import duties
from peygir.programs.models import Duty, IndicatorValue
from peygir.programs.periods import SEASON, Period
from peygir.programs.values import Row, values_enter
from tests.auth import sign_in

S1 = Period(SEASON, 1403, 1)


@pytest.fixture
def program(world):
    return duties.program_create(
        user=None,
        title="برنامه تحول و تعالی حوزه اجتماعی و فرهنگی استان",
        theme="culture",
        territory=world.province,
        owner=world.office,
        start_year=1402,
        end_year=1405,
    )


def login(client, world, persona):
    sign_in(client, world.users[persona])
    return client


def test_program_list_and_detail(client, world, program):
    login(client, world, "office_staff")
    response = client.get(reverse("web:program_list"))
    assert response.status_code == 200 and program.title in response.content.decode()
    response = client.get(reverse("web:program_detail", args=[program.pk]))
    assert response.status_code == 200 and "وظیفهٔ جدید" in response.content.decode()
    login(client, world, "foreign_staff")
    assert client.get(reverse("web:program_detail", args=[program.pk])).status_code == 404


def test_program_list_query_count_is_constant(client, world, django_assert_max_num_queries):
    from tests.programs.factories import ProgramFactory

    for _ in range(15):
        ProgramFactory(territory=world.province, owner=world.office)
    login(client, world, "office_staff")
    with django_assert_max_num_queries(12):
        assert client.get(reverse("web:program_list")).status_code == 200


def test_duty_form_creates_the_action(client, world, program):
    login(client, world, "office_staff")
    response = client.post(
        reverse("web:duty_create", args=[program.pk]),
        {
            "title": "ارائه گزارش عملکرد فصلی",
            "responsible": world.agency.pk,
            "recurrence": "once",
            "deadline": "۱۴۰۶/۰۱/۳۱",
        },
    )
    assert response.status_code == 302
    duty = Duty.objects.get()
    assert duty.actions.get().responsible_organization == world.agency
    bad = client.post(
        reverse("web:duty_create", args=[program.pk]),
        {"title": "بی‌مهلت", "responsible": world.agency.pk, "recurrence": "once"},
    )
    assert bad.status_code == 400 and "مهلت" in bad.content.decode()
    login(client, world, "liaison")
    refused = client.post(
        reverse("web:duty_create", args=[program.pk]),
        {"title": "x", "responsible": world.agency.pk, "recurrence": "once", "deadline": "1406/01/01"},
    )
    assert refused.status_code == 404 and Duty.objects.count() == 1


def test_entry_grid_saves_all_or_nothing(client, world, small, divorce_rate, addiction_camps):
    login(client, world, "county_deputy")
    url = reverse("web:indicator_entry", args=[small.arak.pk]) + "?period=1403-S1"
    page = client.get(url)
    assert page.status_code == 200 and divorce_rate.name in page.content.decode()
    bad = client.post(url, {f"i{divorce_rate.pk}_numerator": "۱۲۰", f"i{addiction_camps.pk}_value": "-۳"})
    assert bad.status_code == 400 and "کمینه" in bad.content.decode()
    assert not IndicatorValue.objects.exists()
    good = client.post(url, {f"i{divorce_rate.pk}_numerator": "۱۲۰", f"i{addiction_camps.pk}_value": "۱٬۲۰۰"})
    assert good.status_code == 302
    assert IndicatorValue.objects.get(indicator=divorce_rate).value == Decimal("1.2")
    assert IndicatorValue.objects.get(indicator=addiction_camps).value == 1200
    login(client, world, "foreign_staff")
    assert client.get(url).status_code == 404


def test_approval_page_locks_and_reopen(client, world, small, addiction_camps):
    values_enter(user=None, indicator=addiction_camps, period=S1, rows=[Row(small.arak, value=5)])
    login(client, world, "county_deputy")
    url = reverse("web:indicator_approval", args=[small.arak.pk]) + "?period=1403-S1"
    assert client.get(url).status_code == 200
    assert client.post(url, {"level": "county", "period": "1403-S1"}).status_code == 302
    value = IndicatorValue.objects.get()
    assert value.status == "county"
    history = client.get(reverse("web:value_history", args=[value.pk]))
    assert "قفل است" in history.content.decode()
    client.post(reverse("web:value_reopen", args=[value.pk]), {"reason": "اشتباه در شمارش"})
    value.refresh_from_db()
    assert value.status == "draft"
    login(client, world, "liaison")
    assert client.post(url, {"level": "county", "period": "1403-S1"}).status_code == 404


def xlsx(rows):
    book = Workbook()
    sheet = book.active
    sheet.append(["کد قلمرو", "قلمرو", "دوره", "تفکیک", "مقدار", "صورت", "مخرج", "توضیح"])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("values.xlsx", out.getvalue())


def test_excel_import_reports_each_bad_row_and_writes_nothing(client, world, small, addiction_camps):
    login(client, world, "office_staff")
    url = reverse("web:indicator_import", args=[addiction_camps.pk])
    upload = xlsx(
        [
            [small.arak.code, "", "۱۴۰۳-S1", "", "۱۲۰", None, None, ""],
            ["", "ساوه", "1403-S1", "", "abc", None, None, ""],
            [small.khomein.code, "", "1403-S9", "", "3", None, None, ""],
        ]
    )
    response = client.post(url, {"file": upload})
    body = response.content.decode()
    assert response.status_code == 400 and "عدد نیست" in body and "۳" in body
    assert not IndicatorValue.objects.exists()
    response = client.post(
        url,
        {
            "file": xlsx(
                [
                    [small.arak.code, "", "۱۴۰۳-S1", "", "۱۲۰", None, None, ""],
                    ["", "ساوه", "1403-S2", "", 7, None, None, ""],
                ]
            )
        },
    )
    assert response.status_code == 200 and IndicatorValue.objects.count() == 2
    template = client.get(reverse("web:indicator_template", args=[addiction_camps.pk]))
    assert template.status_code == 200 and template["Content-Type"].startswith("application/vnd.openxml")
    not_excel = client.post(url, {"file": SimpleUploadedFile("v.xlsx", b"hello")})
    assert not_excel.status_code == 400


def test_indicator_pages(client, world, small, divorce_rate):
    values_enter(user=None, indicator=divorce_rate, period=S1, rows=[Row(small.arak, numerator=120)])
    login(client, world, "office_staff")
    assert client.get(reverse("web:indicator_list")).status_code == 200
    response = client.get(reverse("web:indicator_detail", args=[divorce_rate.pk]) + "?period=1403-S1")
    assert response.status_code == 200 and "۱٫۲" in response.content.decode()


def test_entry_grid_and_approval_query_counts_are_constant(
    client, world, small, django_assert_max_num_queries
):
    from tests.programs.factories import indicator

    for n in range(12):
        ind = indicator(kind="number", period_type="season", indicator__responsible=world.agency)
        values_enter(user=None, indicator=ind, period=S1, rows=[Row(small.arak, value=n)])
    login(client, world, "county_deputy")
    with django_assert_max_num_queries(12):
        assert (
            client.get(reverse("web:indicator_entry", args=[small.arak.pk]) + "?period=1403-S1").status_code
            == 200
        )
    with django_assert_max_num_queries(12):
        assert (
            client.get(
                reverse("web:indicator_approval", args=[small.arak.pk]) + "?period=1403-S1"
            ).status_code
            == 200
        )


def test_program_create_page(client, world):
    from peygir.programs.models import Program

    login(client, world, "office_staff")
    assert client.get(reverse("web:program_create")).status_code == 200
    bad = client.post(reverse("web:program_create"), {"owner": world.office.pk, "theme": "sport"})
    assert bad.status_code == 400 and not Program.objects.exists()
    response = client.post(
        reverse("web:program_create"),
        {"owner": world.office.pk, "title": "راهبرد ورزش استان", "theme": "sport", "start_year": "۱۴۰۴",
         "end_year": "۱۴۰۵"},
    )  # fmt: skip
    assert response.status_code == 302
    program = Program.objects.get()
    assert program.territory == world.province and program.level == "provincial"
    # Someone else's organization is not a choice.
    other = client.post(
        reverse("web:program_create"),
        {
            "owner": world.foreign_office.pk,
            "title": "x",
            "theme": "sport",
            "start_year": 1404,
            "end_year": 1405,
        },
    )
    assert other.status_code == 400 and Program.objects.count() == 1
    login(client, world, "liaison")
    assert client.get(reverse("web:program_create")).status_code == 404
