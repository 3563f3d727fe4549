"""The offices list shows each province's totals: offices, budget in tomans, opening dates (S4.1)."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from peygir.facilitation.selectors import office_totals_by_province
from tests.factories import FacilitationOfficeFactory, OrganizationFactory, make_territory

pytestmark = pytest.mark.django_db


def _office(territory, budget, opened):
    org = OrganizationFactory(
        kind="facilitation_office", territory=territory, name=f"دفتر {territory.name_fa}"
    )
    return FacilitationOfficeFactory(organization=org, budget_rials=budget, opened_on=opened)


def test_totals_fold_offices_into_their_province(world):
    hood_a = make_territory("neighbourhood", world.county, "محله الف")
    other_county = make_territory("county", world.province, "شهرستان ساوه")
    hood_b = make_territory("neighbourhood", other_county, "محله ب")
    _office(hood_a, 1_000_000_000, dt.date(2024, 9, 22))
    _office(hood_b, 1_000_000_000, dt.date(2025, 1, 20))
    _office(make_territory("neighbourhood", world.other_province, "محله یزد"), 5, None)
    totals = {t.province.name_fa: t for t in office_totals_by_province(user=world.users["office_staff"])}
    assert set(totals) == {"مرکزی"}  # the other province is not the office staff's to see
    row = totals["مرکزی"]
    assert row.offices >= 2 and row.budget_rials >= 2_000_000_000
    assert row.first_opened == dt.date(2024, 9, 22) and row.last_opened == dt.date(2025, 1, 20)


def test_the_list_page_shows_the_province_line_in_tomans(world):
    hood = make_territory("neighbourhood", world.county, "محله ج")
    _office(hood, 20_000_000_000, dt.date(2024, 9, 22))
    client = Client()
    client.force_login(world.users["national"])
    text = client.get(reverse("web:office_list")).content.decode()
    assert "دفاتر هر استان" in text and "مرکزی" in text
    assert "۲ میلیارد تومان" in text
