"""Report pages: the report with Jalali inputs, its Excel file, the review, the map."""

from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from peygir.territory.models import TerritoryBoundary

from .dataset import build

pytestmark = pytest.mark.django_db
PERIOD_QUERY = {"period_from": "۱۴۰۳/۰۳/۱۲", "period_to": "1403/04/10"}


def test_report_page_takes_jalali_dates_and_groups(world, offices, login):
    build(world, offices)
    client = login("office_staff")
    body = client.get(reverse("web:report_demands"), {**PERIOD_QUERY, "group_by": "agency"}).content.decode()
    assert world.agency.name in body and "در صف تعیین مسئول" in body
    assert "۱۴۰۳/۰۳/۱۲" in body
    # A reversed period gives a message, not an error page.
    response = client.get(
        reverse("web:report_demands"), {"period_from": "1403/04/10", "period_to": "1403/03/12"}
    )
    assert response.status_code == 200 and "پایان دوره پیش از آغاز آن است" in response.content.decode()


def test_report_xlsx_download(world, offices, login):
    build(world, offices)
    response = login("office_staff").get(reverse("web:report_demands_xlsx"), PERIOD_QUERY)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet.sheet_view.rightToLeft
    assert "زهرا محمدی" not in str([c.value for row in sheet.iter_rows() for c in row])


def test_review_page_and_xlsx(world, offices, login):
    build(world, offices)
    client = login("governor")
    url = reverse("web:office_review", args=[offices.office.pk])
    response = client.get(url, {"start": "1403/03/12"})
    assert response.status_code == 200
    body = response.content.decode()
    assert world.agency.name in body and "۱۲ خرداد ۱۴۰۳" in body
    response = client.get(
        reverse("web:office_review_xlsx", args=[offices.office.pk]), {"start": "1403/03/12"}
    )
    assert load_workbook(BytesIO(response.content)).worksheets[0]["A1"].value.startswith("بازبینی عملکرد")
    assert login("other_facilitator").get(url).status_code == 404


def test_map_page_renders_with_leaflet_counties_and_points(world, offices, login):
    build(world, offices)
    square = {"type": "Polygon", "coordinates": [[[48, 31], [49, 31], [49, 32], [48, 32], [48, 31]]]}
    TerritoryBoundary.objects.create(territory=world.county, geojson=square)
    client = login("office_staff")
    response = client.get(reverse("web:report_map"), PERIOD_QUERY)
    body = response.content.decode()
    assert response.status_code == 200
    assert "leaflet/leaflet.js" in body and "pg-demand-map" in body and "OpenStreetMap" in body
    assert "منطقه زویه" in body and "کم‌برخوردار" in body
    data = client.get(reverse("web:report_map_data"), PERIOD_QUERY).json()
    (county,) = data["counties"]["features"]
    assert county["properties"] == {"id": world.county.pk, "name": world.county.name_fa, "count": 8}
    assert data["points"] == [{"lat": 31.3, "lng": 48.65, "category": "آموزش", "status": "رسیدگی‌شده"}]
    assert "زهرا" not in str(data) and "0912" not in str(data)
    # Another province's staff sees no demands on the map.
    assert login("foreign_staff").get(reverse("web:report_map_data")).json()["counties"]["features"] == []


def test_report_pages_have_constant_query_counts(world, offices, login):
    client = login("office_staff")
    urls = [
        (reverse("web:report_demands"), PERIOD_QUERY),
        (reverse("web:report_map"), PERIOD_QUERY),
        (reverse("web:office_review", args=[offices.office.pk]), {"start": "1403/03/12"}),
        (reverse("web:report_activities"), PERIOD_QUERY),
    ]
    build(world, offices)

    def counts():
        result = []
        for url, query in urls:
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url, query).status_code == 200
            result.append(len(ctx))
        return result

    before = counts()
    build(world, offices)
    build(world, offices)
    assert counts() == before
