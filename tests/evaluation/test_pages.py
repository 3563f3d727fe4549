"""The evaluation pages: what they show, who reaches them, and that bad input is a message."""

import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from peygir.evaluation.models import WeightSet
from tests.auth import sign_in

pytestmark = pytest.mark.django_db
Q = {"year": "۱۴۰۳", "as_of": "۱۴۰۳/۱۱/۰۱"}


def test_territory_scorecard_shows_the_scores_and_links_to_records(ledger, login):
    world = ledger.world
    response = login("governor").get(reverse("web:scorecard_territory", args=[world.province.pk]), Q)
    assert response.status_code == 200
    page = response.content.decode()
    assert "۵۶٫۲" in page  # the hand-computed score
    assert world.agency.name in page and world.county.name_fa in page
    drill = reverse("web:scorecard_drill_territory", args=[world.province.pk, "on_time"])
    assert drill in page
    assert "<script>" not in page  # data through json_script, code in static files


def test_drill_down_lists_the_counted_actions(ledger, login):
    world = ledger.world
    url = reverse("web:scorecard_drill_territory", args=[world.province.pk, "overdue"])
    response = login("office_staff").get(url, {**Q, "part": "num"})
    assert response.status_code == 200
    page = response.content.decode()
    assert ledger.actions["a3"].title in page
    assert ledger.actions["a1"].title not in page
    response = login("office_staff").get(url, {**Q, "part": "den"})
    for name in ("a1", "a2", "a3"):
        assert ledger.actions[name].title in response.content.decode()
    rating = reverse("web:scorecard_drill_territory", args=[world.province.pk, "rating"])
    assert login("office_staff").get(rating, Q).status_code == 200


def test_agency_scorecard_for_its_own_liaison_not_another(ledger, login):
    world = ledger.world
    url = reverse("web:scorecard_agency", args=[world.agency.pk])
    assert "۵۶٫۲" in login("liaison").get(url, Q).content.decode()
    assert login("other_liaison").get(url, Q).status_code == 404
    county_url = reverse("web:scorecard_territory", args=[world.county.pk])
    assert login("county_deputy").get(county_url, Q).status_code == 200
    assert (
        login("county_deputy").get(reverse("web:scorecard_territory", args=[world.province.pk])).status_code
        == 404
    )


def test_bad_year_is_a_message_not_an_error(world, login):
    url = reverse("web:scorecard_territory", args=[world.province.pk])
    response = login("office_staff").get(url, {"year": "abc", "as_of": "1403/13/40"})
    assert response.status_code == 200
    assert "invalid-feedback" in response.content.decode()
    assert (
        login("office_staff")
        .get(reverse("web:scorecard_drill_territory", args=[world.province.pk, "nope"]))
        .status_code
        == 404
    )


def test_weights_new_version_and_history(world, login):
    url = reverse("web:scorecard_weights", args=[world.province.pk])
    data = {
        "w_on_time": "۴۰",
        "w_verified": "10",
        "w_overdue": "10",
        "w_rating": "10",
        "w_findings": "10",
        "w_duties": "10",
        "w_targets": "10",
        "overdue_cap_days": "30",
    }
    response = login("office_staff").post(url, data)
    assert response.status_code == 302
    row = WeightSet.objects.get(territory=world.province)
    assert (row.version, row.w_on_time, row.overdue_cap_days) == (1, 40, 30)
    login("office_staff").post(url, {**data, "w_on_time": "20"})
    assert list(WeightSet.objects.filter(territory=world.province).values_list("version", "w_on_time")) == [
        (2, 20),
        (1, 40),
    ]
    # all zero, a weight out of range: messages, nothing written
    zero = dict.fromkeys(data, "0") | {"overdue_cap_days": "30"}
    assert login("office_staff").post(url, zero).status_code == 400
    assert login("office_staff").post(url, {**data, "w_on_time": "500"}).status_code == 400
    assert WeightSet.objects.count() == 2
    assert login("inspector").post(url, data).status_code == 404
    assert login("inspector").get(url).status_code == 200
    assert WeightSet.objects.count() == 2


def test_excel_exports(ledger, login):
    world = ledger.world
    client = login("governor")
    response = client.get(reverse("web:scorecard_xlsx", args=[world.province.pk]), Q)
    book = load_workbook(io.BytesIO(response.content))
    assert book.active.sheet_view.rightToLeft
    assert any(world.agency.name in str(c.value) for row in book["دستگاه‌ها"].iter_rows() for c in row)
    response = client.get(reverse("web:yearend_xlsx", args=[world.province.pk]), Q)
    book = load_workbook(io.BytesIO(response.content))
    cells = [c.value for row in book.active.iter_rows() for c in row]
    assert world.agency.name in cells and 56.2 in cells


def test_year_end_pdf(ledger, login):
    response = login("governor").get(reverse("web:yearend_pdf", args=[ledger.world.province.pk]), Q)
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_national_comparison_and_map(ledger, login):
    world = ledger.world
    client = login("national")
    page = client.get(reverse("web:evaluation_compare"), Q).content.decode()
    assert world.province.name_fa in page and world.other_province.name_fa in page
    assert login("governor").get(reverse("web:evaluation_compare")).status_code == 404
    assert client.get(reverse("web:evaluation_compare_xlsx"), Q).status_code == 200
    assert client.get(reverse("web:evaluation_map")).status_code == 200
    data = client.get(reverse("web:evaluation_map_data"), {**Q, "measure": "on_time"}).json()
    names = {row["name"]: row["value"] for row in data["rows"]}
    assert names[world.province.name_fa] == 33.3
    assert "OpenStreetMap" in data["attribution"]
    # the governor's map is their province's counties; another province is not theirs
    gov = login("governor").get(reverse("web:evaluation_map_data"), Q).json()
    assert gov["territory"]["id"] == world.province.pk
    other = login("governor").get(reverse("web:evaluation_map_data"), {"territory": world.other_province.pk})
    assert other.status_code == 404


def test_roadmap_page(world, login):
    page = login("national").get(reverse("web:evaluation_roadmap")).content.decode()
    assert "پیشگیری از اعتیاد" in page


def test_home_redirects_by_scope(world, login):
    assert (
        login("governor")
        .get(reverse("web:evaluation_home"))["Location"]
        .endswith(reverse("web:scorecard_territory", args=[world.province.pk]))
    )
    assert (
        login("liaison")
        .get(reverse("web:evaluation_home"))["Location"]
        .endswith(reverse("web:scorecard_agency", args=[world.agency.pk]))
    )
    assert login("nobody").get(reverse("web:evaluation_home")).status_code == 404


def _section(client) -> str:
    """The start page's evaluation block: loaded by the page itself the first time (the figures take
    seconds at national scale), then part of the page once they are cached."""
    page = client.get(reverse("web:home")).content.decode()
    if 'id="pg-evaluation-start"' not in page:
        return ""
    section = page.split('id="pg-evaluation-start"')[1].split("</section>")[0]
    assert f'hx-get="{reverse("web:evaluation_start")}"' in section  # not computed with the page
    block = client.get(reverse("web:evaluation_start"))
    assert block.status_code == 200
    cached = client.get(reverse("web:home"), {"again": 1}).content.decode()
    section = cached.split('id="pg-evaluation-start"')[1].split("</section>")[0]
    assert "hx-get" not in section and section in block.content.decode()
    return section


def test_start_pages_show_the_evaluation(world, login):
    """This year's figures: the governor's counties and agencies, the county deputy's agencies and
    overdue actions, the national user's provinces."""
    from django.utils import timezone

    from .fixtures import make_action

    make_action(world, world.county, deadline=timezone.localdate() - dt.timedelta(days=3))
    governor = _section(login("governor"))
    assert world.county.name_fa in governor and world.agency.name in governor
    deputy = _section(login("county_deputy"))
    assert world.agency.name in deputy and world.county.name_fa in deputy
    national = _section(login("national"))
    assert world.province.name_fa in national and world.other_province.name_fa in national
    assert _section(login("liaison")) == ""
    assert login("liaison").get(reverse("web:evaluation_start")).status_code == 404


def test_demo_year_end_evaluation_ranks_the_program_agencies(db):
    """S3.5: the demo's governor opens last year's year-end evaluation of the program's agencies.
    (The demo's evaluation part alone, on the demo's organizations and people.)"""
    from peygir.core.jalali import parse_jalali_date
    from peygir.demo import evaluation, kerman, khuzestan
    from peygir.demo.loader import create_cast
    from peygir.demo.organizations import build_directory
    from peygir.demo.timeline import Timeline
    from peygir.evaluation.yearend import year_end
    from peygir.territory.importer import find_sources, import_territories

    import_territories(find_sources())
    d = build_directory()
    khuzestan.extend_directory(d)
    kerman.extend_directory(d)
    cast = create_cast(d)
    assert evaluation.run_story(d, cast, Timeline.for_today(parse_jalali_date("1401/12/10"))) == 1400
    data = year_end(d.territories["markazi"], year=1400)
    ranking = [c.subject.name for c in data.agencies]
    assert ranking == [d[f"markazi.{k}"].name for k in ("education", "health", "welfare", "culture")]
    assert data.view.weights.version == 1 and data.agencies[0].measure("on_time").weight == 30
    best = data.agencies[0]
    assert (best.measure("on_time").numerator, best.measure("on_time").denominator) == (7, 8)
    client = sign_in(Client(), cast["governor"])
    url = reverse("web:yearend_pdf", args=[d.territories["markazi"].pk])
    assert client.get(url, {"year": "1400"}).content.startswith(b"%PDF")


def test_map_ignores_an_unknown_indicator(world, login):
    data = (
        login("office_staff").get(reverse("web:evaluation_map_data"), {"measure": "indicator:999999"}).json()
    )
    assert data["scale"] == "score"


def _queries(client, url, params) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        assert client.get(url, params).status_code == 200
    return len(context)


def test_pages_cost_the_same_whatever_the_number_of_rows(world, login):
    """The scorecard page, its drill-downs and the map data: the same number of queries for 2 and for
    8 agencies and counties with their actions and their indicator reports (late and missing)."""
    from peygir.evaluation.measures import current_year
    from peygir.programs.values import Row, values_enter
    from tests.factories import OrganizationFactory, make_territory
    from tests.programs.factories import IndicatorTargetFactory, indicator

    from .fixtures import make_action

    client = login("office_staff")
    pages = [
        (reverse("web:scorecard_territory", args=[world.province.pk]), Q),
        (reverse("web:scorecard_drill_territory", args=[world.province.pk, "on_time"]), {**Q, "part": "den"}),
        (
            reverse("web:scorecard_drill_territory", args=[world.province.pk, "timely_values"]),
            {**Q, "part": "gap"},
        ),
        (
            reverse("web:scorecard_drill_territory", args=[world.province.pk, "complete_values"]),
            {**Q, "part": "den"},
        ),
        (reverse("web:scorecard_agency", args=[world.agency.pk]), Q),
        (reverse("web:evaluation_map_data"), Q),
        (reverse("web:evaluation_start"), {}),
    ]
    visits = indicator(kind="number", direction="higher", period_type="month")
    visits.responsible = world.agency
    visits.save(update_fields=["responsible"])

    def grow(n: int) -> None:
        from peygir.programs.models import ExpectedValue, PeriodClosure

        for i in range(n):
            county = make_territory("county", world.province, f"شهرستان {n}-{i}")
            org = OrganizationFactory(kind="agency", territory=world.province)
            for month in (5, 6, 7):
                make_action(world, county, deadline=dt.date(2024, month, 1), organization=org)
            OrganizationFactory(kind="county_governorate", territory=county)
            # a target for each county: the start block ranks counties with their targets met
            for year in {1403, current_year()}:
                IndicatorTargetFactory(indicator=visits, territory=county, year=year, value=i)
            for month in (1, 2):  # one late, one on time
                values_enter(user=None, indicator=visits, period=f"1403-M0{month}", rows=[Row(county, value=i)],
                             today=dt.date(2024, 5, 10))  # fmt: skip
            closure = PeriodClosure.objects.create(territory=world.province, period_type="month", year=1403,
                                                   number=i + 3 + (0 if n == 2 else 2))  # fmt: skip
            ExpectedValue.objects.create(closure=closure, indicator=visits, territory=county,
                                         territory_path=county.path, period_type="month", year=1403,
                                         number=closure.number, reported=False, due_on=dt.date(2025, 1, 1),
                                         reporter=world.agency)  # fmt: skip

    grow(2)
    before = [_queries(client, url, params) for url, params in pages]
    grow(6)
    after = [_queries(client, url, params) for url, params in pages]
    assert before == after
