"""Every list people work from exports to Excel: right-to-left, the rows the reader may see, filtered
as on the page, and no citizen's name or number."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from peygir.demands.models import Demand

pytestmark = pytest.mark.django_db


def _sheet(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.sheet_view.rightToLeft
    return [[c.value for c in row] for row in sheet.iter_rows()]


def test_inbox_export_follows_visibility_and_filters(login, action, foreign_action):
    rows = _sheet(login("office_staff").get(reverse("web:inbox_xlsx")))
    titles = [r[0] for r in rows[1:]]
    assert action.title in titles and foreign_action.title not in titles
    filtered = _sheet(login("office_staff").get(reverse("web:inbox_xlsx"), {"q": "چیزی که نیست"}))
    assert len(filtered) == 1  # the header only
    assert _sheet(login("other_liaison").get(reverse("web:inbox_xlsx")))[1:] == []


def test_demand_exports_carry_no_personal_data(login, world):
    demand = world.demand
    for name in ("web:demand_list_xlsx", "web:triage_xlsx"):
        text = repr(_sheet(login("facilitator").get(reverse(name))))
        assert demand.citizen_name not in text and demand.citizen_mobile[-7:] not in text
    rows = _sheet(login("facilitator").get(reverse("web:demand_list_xlsx")))
    assert [r[0] for r in rows[1:]] == [demand.tracking_code]
    assert _sheet(login("other_facilitator").get(reverse("web:demand_list_xlsx")))[1:] == []


def test_a_formula_typed_as_a_title_stays_text(login, world):
    demand = world.demand
    Demand.objects.filter(pk=demand.pk).update(title='=HYPERLINK("http://evil.example","x")')
    response = login("facilitator").get(reverse("web:demand_list_xlsx"))
    cell = load_workbook(io.BytesIO(response.content)).active["B2"]
    assert cell.data_type == "s" and cell.quotePrefix


def test_organizations_export(login, world):
    rows = _sheet(login("office_staff").get(reverse("web:organization_list_xlsx"), {"q": world.agency.name}))
    assert [r[0] for r in rows[1:]] == [world.agency.name]
