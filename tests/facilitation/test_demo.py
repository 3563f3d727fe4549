"""The demo's S2 (Khuzestan) and S4.1 (Kerman) data: offices, demands in every state, households,
activities, logins — and a second `demo load --if-empty` changes nothing."""

from io import StringIO

import pytest
from django.core.management import call_command

from peygir.actions.escalation import scan
from peygir.actions.models import Action
from peygir.core.jalali import format_jalali, format_jalali_long, parse_jalali_date
from peygir.demands.models import Demand
from peygir.demands.offices import office_list
from peygir.demo.loader import load_demo
from peygir.demo.personas import PERSONA_BY_USERNAME
from peygir.facilitation.models import EmpowermentActivity, FacilitationOffice, VulnerableHousehold
from peygir.facilitation.selectors import household_list
from tests.auth import sign_in
from tests.demo_db import load_once

# One worker runs the module: its demo is loaded once, not once per worker.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo-facilitation")]
S = Demand.Status


@pytest.fixture(scope="module")
def _demo_loaded(django_db_setup, django_db_blocker):
    yield from load_once(
        django_db_blocker, lambda: load_demo(today=parse_jalali_date("1403/09/03"), seasons=2)
    )


@pytest.fixture
def demo(_demo_loaded, db):
    """Loaded once for the module (tests/demo_db.py); each test runs in its own savepoint."""
    return _demo_loaded


def test_khuzestan_pilot_offices(demo):
    offices = FacilitationOffice.objects.filter(
        organization__territory__path__startswith=demo.directory.territories["khuzestan"].path
    )
    assert offices.count() == 7 and all(o.is_pilot for o in offices)
    ahvaz = demo.directory.territories["khuzestan.ahvaz"]
    in_ahvaz = [o for o in offices if o.organization.territory.path.startswith(ahvaz.path)]
    assert len(in_ahvaz) == 5
    zovieh = demo.khuzestan.offices["zovieh"]
    assert format_jalali_long(zovieh.opened_on) == "۲۴ تیر ۱۳۹۷"
    assert format_jalali_long(demo.khuzestan.offices["molashieh"].opened_on) == "۲۴ تیر ۱۳۹۷"
    hood = zovieh.neighbourhoods.get()
    assert hood.parent == ahvaz and hood.is_underprivileged and hood.is_informal_settlement
    assert zovieh.organization.memberships.filter(
        user__username="facilitator_zovieh", role="facilitator"
    ).exists()


def test_khuzestan_demands_in_every_state(demo):
    d = {k: Demand.objects.get(pk=v.pk) for k, v in demo.khuzestan.demands.items()}
    assert len(d) >= 12
    assert d["classrooms"].status == S.RESOLVED and d["classrooms"].rating == 5
    assert d["rubble"].status == S.TRIAGE and d["rubble"].agency is None
    assert d["female_headed"].supporters_count == 3
    assert d["health_house"].status == S.PLANNED
    assert d["school_bus"].status == S.DONE
    # Wrong agency first: the municipality said «not ours», the office sent it to the power company.
    routes = [r.agency.name if r.agency else None for r in d["street_lights"].routes.all()]
    assert routes == ["شهرداری اهواز", None, "شرکت توزیع نیروی برق اهواز"]
    assert d["classrooms"].agency.name == "اداره کل آموزش و پرورش استان خوزستان"
    assert d["vaccination"].agency.name == "دانشگاه علوم پزشکی جندی‌شاپور اهواز"
    sewage = d["sewage"]
    assert sewage.agency.name == "شهرداری اهواز" and sewage.status == S.ROUTED
    assert sewage.current_action.deadline < demo.timeline.today  # overdue…
    scan(as_of=demo.timeline.today, deliver=False)
    assert Action.objects.get(pk=sewage.current_action_id).escalation_level >= 2  # …and escalated


def test_households_and_activities(demo):
    zovieh = demo.khuzestan.offices["zovieh"]
    assert VulnerableHousehold.objects.filter(office=zovieh).count() == 4
    assert (
        EmpowermentActivity.objects.filter(
            office__organization__territory__path__startswith=demo.directory.territories["khuzestan"].path
        ).count()
        == 4
    )
    # The Zovieh facilitator and the Khuzestan office see them; the deputy governor does not.
    assert len(household_list(user=demo.cast["facilitator_zovieh"], office=zovieh).object_list) == 4
    assert len(household_list(user=demo.cast["office_khuzestan"], office=zovieh).object_list) == 4
    from django.http import Http404

    with pytest.raises(Http404):
        household_list(user=demo.cast["deputy_khuzestan"], office=zovieh)


def test_kerman_ten_offices_with_two_billion_tomans(demo):
    kerman = list(office_list(user=demo.cast["office_kerman"]))
    assert len(kerman) == 10
    assert sum(o.budget_rials for o in kerman) == 20_000_000_000


def test_new_logins_are_personas():
    for username in ("facilitator_zovieh", "office_khuzestan", "deputy_khuzestan", "office_kerman"):
        assert PERSONA_BY_USERNAME[username].primary
    out = StringIO()
    call_command("demo", "logins", stdout=out)
    assert "facilitator_zovieh" in out.getvalue() and "facilitator_molashieh" in out.getvalue()


def test_demo_load_if_empty_stays_idempotent(demo):
    counts = (FacilitationOffice.objects.count(), Demand.objects.count(), VulnerableHousehold.objects.count())
    assert counts[0] == 17 and counts[1] >= 12
    out = StringIO()
    call_command("demo", "load", "--if-empty", stdout=out)
    assert "nothing to do" in out.getvalue()
    assert (
        FacilitationOffice.objects.count(),
        Demand.objects.count(),
        VulnerableHousehold.objects.count(),
    ) == counts


def test_demo_pages_render_for_the_new_personas(demo):
    from django.test import Client
    from django.urls import reverse

    zovieh = demo.khuzestan.offices["zovieh"]
    pages = {
        "facilitator_zovieh": [
            reverse("web:office_detail", args=[zovieh.pk]),
            reverse("web:household_list", args=[zovieh.pk]),
            reverse("web:activity_list", args=[zovieh.pk]),
        ],
        "deputy_khuzestan": [
            reverse("web:office_list"),
            reverse("web:office_review", args=[zovieh.pk]),
            reverse("web:report_demands") + "?group_by=agency",
        ],
        "office_khuzestan": [
            reverse("web:report_map"),
            reverse("web:sensitive_access_log"),
            reverse("web:report_activities"),
            reverse("web:report_demands_xlsx"),
        ],
        "office_kerman": [reverse("web:office_list")],
    }
    for username, urls in pages.items():
        client = Client()
        sign_in(client, demo.cast[username])
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (username, url)
    client = Client()
    sign_in(client, demo.cast["deputy_khuzestan"])
    import datetime as dt

    # The demo was loaded at a fixed "today"; review the six months before it.
    start = format_jalali(demo.timeline.today - dt.timedelta(days=150))
    body = client.get(reverse("web:office_review", args=[zovieh.pk]), {"start": start}).content.decode()
    assert "شهرداری اهواز" in body and "دوره آموزش خیاطی" in body
    sign_in(client, demo.cast["office_kerman"])
    assert "۲۰۰ میلیون تومان" in client.get(reverse("web:office_list")).content.decode()
