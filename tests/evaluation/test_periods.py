"""Scorecards of a Jalali season or month (not only a year), and the NGO projects of each harm on the
five-harms roadmap.

The ledger (fixtures.py) in 1403: a1 due 1403/03/12 (spring, Khordad), verified, done before its
deadline; a2 due 1403/04/11 (summer, Tir), done late; a3 and a4 due in winter. Read for spring, only
a1 counts: on time 1/1, verified 1/1, overdue 0 of 1 due — score 100. Read for Tir, only a2: on time
0/1, verified 0/1, overdue 0/1 — score (25 × 0 + 15 × 0 + 15 × 100) / 55 = 27.3.
"""

import datetime as dt

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from peygir.evaluation.measures import year_period
from peygir.evaluation.roadmap import PROJECTS_PER_HARM, roadmap
from peygir.evaluation.selectors import territory_view

pytestmark = pytest.mark.django_db
Q = {"year": "۱۴۰۳", "as_of": "۱۴۰۳/۱۱/۰۱"}


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_periods_are_jalali_seasons_and_months():
    spring = year_period(1403, dt.date(2025, 1, 20), "S1")
    assert (spring.start, spring.end) == (dt.date(2024, 3, 20), dt.date(2024, 6, 20))
    assert spring.as_of == spring.end  # read after the season: its last day
    assert (spring.key, spring.label) == ("1403-S1", "بهار ۱۴۰۳")
    esfand = year_period(1403, None, "M12")
    assert (esfand.start, esfand.end) == (dt.date(2025, 2, 19), dt.date(2025, 3, 20))  # 30 days: leap year
    with pytest.raises(ValueError):
        year_period(1403, None, "S5")


def test_a_season_counts_only_its_own_actions(ledger):
    world = ledger.world
    url = f"/api/v1/scorecards/territories/{world.province.pk}/"
    data = api(world.users["governor"]).get(url, {"year": 1403, "period": "S1", "as_of": "1403/11/01"}).json()
    card = data["card"]
    assert card["period"]["key"] == "1403-S1" and card["period"]["label"] == "بهار ۱۴۰۳"
    measures = {m["key"]: m for m in card["measures"]}
    assert (measures["on_time"]["numerator"], measures["on_time"]["denominator"]) == (1, 1)
    assert (measures["overdue"]["numerator"], measures["overdue"]["denominator"]) == (0, 1)
    assert measures["rating"]["score"] is None  # both ratings came later in the year
    assert card["score"] == 100.0
    month = (
        api(world.users["governor"]).get(url, {"year": 1403, "period": "M04", "as_of": "1403/11/01"}).json()
    )
    assert month["card"]["score"] == 27.3
    assert data["children"][0]["score"] == 100.0  # the county, the same period


def test_a_bad_period_is_a_400_on_the_api_and_a_message_on_the_page(ledger, login):
    world = ledger.world
    url = f"/api/v1/scorecards/territories/{world.province.pk}/"
    bad = api(world.users["governor"]).get(url, {"year": 1403, "period": "S9"})
    assert bad.status_code == 400 and "period" in bad.json()
    page = login("governor").get(
        reverse("web:scorecard_territory", args=[world.province.pk]), {"period": "Q1"}
    )
    assert page.status_code == 200 and "Q1" in page.content.decode()  # the form says the choice is not valid


def test_pages_and_exports_name_the_period(ledger, login):
    world = ledger.world
    client = login("office_staff")
    params = {**Q, "period": "S4"}
    page = client.get(reverse("web:scorecard_territory", args=[world.province.pk]), params).content.decode()
    assert "زمستان ۱۴۰۳" in page
    drill = client.get(
        reverse("web:scorecard_drill_territory", args=[world.province.pk, "overdue"]),
        {**params, "part": "num"},
    ).content.decode()
    assert ledger.actions["a3"].title in drill and ledger.actions["a1"].title not in drill
    excel = client.get(reverse("web:scorecard_xlsx", args=[world.province.pk]), params)
    assert excel.status_code == 200 and "1403-S4" in excel["Content-Disposition"]
    data = client.get(reverse("web:evaluation_map_data"), params).json()
    assert data["period"] == "1403-S4"


def test_yearly_targets_are_judged_on_whole_years_only(world):
    pytest.importorskip("peygir.programs.selectors")
    world.indicator_value  # noqa: B018 - the divorce rate, its 1403 target, Arak's spring value
    year = territory_view(world.province, year=1403, as_of=dt.date(2025, 3, 1))
    spring = territory_view(world.province, year=1403, part="S1", as_of=dt.date(2025, 3, 1))
    assert year.card.measure("targets").score == 100.0
    assert spring.card.measure("targets").score is None


def test_a_season_costs_the_same_queries_whatever_the_rows(world, login, django_assert_max_num_queries):
    from tests.factories import OrganizationFactory, make_territory

    from .fixtures import make_action

    client = login("office_staff")
    url = reverse("web:scorecard_territory", args=[world.province.pk])
    params = {**Q, "period": "S2"}
    for i in range(8):
        county = make_territory("county", world.province, f"شهرستان {i}")
        org = OrganizationFactory(kind="agency", territory=world.province)
        make_action(world, county, deadline=dt.date(2024, 7, 1), organization=org)
    with django_assert_max_num_queries(30):
        assert client.get(url, params).status_code == 200


# ---------------------------------------------------------------- NGO projects on the roadmap


def _project(world, county, theme, title, **extra):
    from tests.grants.factories import ProjectFactory, ProposalFactory

    proposal = ProposalFactory(
        county=county,
        theme=theme,
        title=title,
        status="approved",
        starts_on=dt.date(2024, 5, 1),
        ends_on=dt.date(2024, 12, 1),
    )
    return ProjectFactory(proposal=proposal, **extra)


def test_the_roadmap_lists_each_harms_ngo_projects(world, login):
    from tests.factories import make_territory

    addiction = _project(world, world.county, "addiction", "کارگاه پیشگیری از اعتیاد در مدارس اراک")
    _project(world, world.county, "sport", "لیگ فوتبال محلات")  # not a harm
    yazd = make_territory("county", world.other_province, "یزد")
    _project(world, yazd, "addiction", "طرح یزد")  # another province
    _project(world, world.county, "begging", "ساماندهی کودکان کار", status="terminated")
    data = roadmap(world.province, year=1403, user=world.users["office_staff"])
    harms = {h.key: h for h in data["harms"]}
    assert [p.pk for p in harms["addiction"].projects] == [addiction.pk]
    assert harms["addiction"].project_count == 1
    assert harms["begging"].projects == []
    assert roadmap(world.province, year=1402, user=world.users["office_staff"])["harms"][0].projects == []
    page = login("office_staff").get(reverse("web:evaluation_roadmap"), {"year": "1403"}).content.decode()
    assert addiction.title in page and "لیگ فوتبال" not in page and "طرح یزد" not in page
    assert reverse("web:grant_project_detail", args=[addiction.pk]) in page


def test_the_roadmap_shows_only_the_projects_the_reader_may_see(world):
    _project(world, world.county, "addiction", "کارگاه پیشگیری از اعتیاد")
    # The county deputy reads the county: the project is theirs to see; another province's office not.
    deputy = roadmap(world.county, year=1403, user=world.users["county_deputy"])
    assert deputy["harms"][0].project_count == 1
    foreign = roadmap(world.province, year=1403, user=world.users["foreign_staff"])
    assert all(not h.projects for h in foreign["harms"])


def test_the_roadmap_costs_the_same_whatever_the_number_of_projects(world, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login("office_staff")

    def count() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(reverse("web:evaluation_roadmap"), {"year": "1403"}).status_code == 200
        return len(context)

    _project(world, world.county, "addiction", "طرح ۱")
    count()  # the indicators' figures are then kept (an NGO project is not what they read)
    before = count()
    for i in range(PROJECTS_PER_HARM + 3):
        _project(world, world.county, "violence", f"طرح نزاع {i}")
    count()  # the factories write territories and organizations too: the figures are read again
    assert count() == before
    harms = {h.key: h for h in roadmap(world.province, year=1403, user=world.users["office_staff"])["harms"]}
    assert len(harms["violence"].projects) == PROJECTS_PER_HARM
    assert harms["violence"].project_count == PROJECTS_PER_HARM + 3
