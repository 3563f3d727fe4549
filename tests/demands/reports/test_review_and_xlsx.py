"""The six-month review (S2.4) and the Excel exports: right to left, numbers as numbers, no personal data."""

import datetime as dt
from io import BytesIO

import pytest
from openpyxl import load_workbook

from peygir.core.errors import NotAllowed
from peygir.demands.reports import demand_report_with_total, office_review, review_period
from peygir.demands.reports_xlsx import report_xlsx, review_xlsx
from peygir.facilitation.models import EmpowermentActivity
from peygir.facilitation.services import activity_create, household_create

from .dataset import PERIOD, build

pytestmark = pytest.mark.django_db


def _activities(offices):
    for day, n, women in [
        (dt.date(2024, 6, 10), 20, 15),
        (dt.date(2024, 9, 1), 10, 4),
        (dt.date(2025, 3, 1), 7, 7),
    ]:
        activity_create(
            user=offices.users["facilitator"],
            office=offices.office,
            kind=EmpowermentActivity.Kind.SKILLS,
            title="دوره آموزش خیاطی",
            held_on=day,
            participants=n,
            women_participants=women,
        )


def test_review_period_rules():
    opened = dt.date(2018, 7, 15)  # 1397/04/24
    # Given a start: six Jalali months from it.
    # 1397/04/24 → 1397/10/23 (the day before 1397/10/24).
    assert review_period(opened_on=opened, months=6, start=opened) == (opened, dt.date(2019, 1, 13))
    # A young office: from its opening to today.
    assert review_period(opened_on=opened, months=6, until=dt.date(2018, 10, 1)) == (
        opened,
        dt.date(2018, 10, 1),
    )
    # An older one: the last six months.
    assert review_period(opened_on=opened, months=6, until=dt.date(2024, 12, 21)) == (
        dt.date(2024, 6, 22),  # 1403/04/02: the day after 1403/10/01 minus six months
        dt.date(2024, 12, 21),
    )


def test_six_month_review_of_an_office(world, offices):
    data = build(world, offices)  # d9 (received in Tir) is inside this review's six months
    _activities(offices)
    review = office_review(
        user=world.users["governor"],
        office=offices.office,
        start=PERIOD[0],
        horizon=data.horizon,
        calendar=data.calendar,
    )
    assert review.period_to == dt.date(2024, 12, 1)  # 1403/09/11: six Jalali months from 1403/03/12
    assert (review.total.received, review.total.verified, review.total.overdue) == (8, 3, 1)
    by_agency = {r.key: (r.received, r.verified, r.overdue) for r in review.by_agency}
    assert by_agency == {world.agency.pk: (4, 2, 1), world.other_agency.pk: (2, 1, 0), None: (2, 0, 0)}
    assert review.activity_total.activities == 2 and review.activity_total.participants == 30
    assert review.activity_total.women_participants == 19
    assert review.households is None  # the governor may not see households, not even their count

    staff_review = office_review(user=world.users["office_staff"], office=offices.office, start=PERIOD[0])
    assert staff_review.households == 0


def test_review_refused_for_who_cannot_see_the_office(world, offices):
    for user in (offices.users["other_facilitator"], world.users["liaison"], world.users["foreign_staff"]):
        with pytest.raises(NotAllowed):
            office_review(user=user, office=offices.office)


def _all_cells(book):
    return [
        cell.value for sheet in book.worksheets for row in sheet.iter_rows() for cell in row if cell.value
    ]


def test_report_xlsx_is_rtl_persian_with_numbers_and_no_personal_data(world, offices):
    data = build(world, offices)
    household_create(
        user=offices.users["facilitator"],
        office=offices.office,
        neighbourhood=offices.zovieh,
        needs=["food"],
        reference="ZV-77",
    )
    rows, total = demand_report_with_total(
        user=world.users["office_staff"],
        group_by="office",
        period_from=PERIOD[0],
        period_to=PERIOD[1],
        horizon=data.horizon,
        calendar=data.calendar,
    )
    content = report_xlsx(rows, group_by="office", period_from=PERIOD[0], period_to=PERIOD[1], total=total)
    book = load_workbook(BytesIO(content))
    sheet = book.active
    assert sheet.sheet_view.rightToLeft is True
    header = [c.value for c in sheet[4]]
    assert header[:3] == ["دفتر تسهیلگری", "دریافتی", "ارجاع‌شده"]
    assert sheet["A2"].value == "دوره: از ۱۴۰۳/۰۳/۱۲ تا ۱۴۰۳/۰۴/۱۰"
    office_row = next(
        r for r in sheet.iter_rows(min_row=5, values_only=True) if r[0] == offices.office.organization.name
    )
    assert office_row[1:6] == (7, 6, 4, 3, 1) and isinstance(office_row[1], int)
    assert office_row[6] == 2.0 and office_row[7] == 3.0
    assert sheet["B5"].font.name == "Tahoma"
    cells = " ".join(str(v) for v in _all_cells(book))
    for secret in ("زهرا محمدی", "09121234567", "+989121234567", "4567", "ZV-77", "مطالبه d1"):
        assert secret not in cells


def test_review_xlsx_has_three_rtl_sheets(world, offices):
    build(world, offices)
    _activities(offices)
    review = office_review(user=world.users["office_staff"], office=offices.office, start=PERIOD[0])
    book = load_workbook(BytesIO(review_xlsx(review)))
    assert len(book.worksheets) == 3
    assert all(s.sheet_view.rightToLeft for s in book.worksheets)
    activities = book.worksheets[2]
    values = list(activities.iter_rows(min_row=5, values_only=True))
    assert values[-1][0] == "جمع" and values[-1][3] == 30 and values[-1][4] == 19
    assert "زهرا محمدی" not in " ".join(str(v) for v in _all_cells(book))
