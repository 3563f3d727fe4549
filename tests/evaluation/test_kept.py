"""The cells behind a territory's scorecard are kept between reads under the versions of what they
read (breakdown.inputs): a repeated read costs no aggregate, a write to what they count is seen on the
next read, and a write elsewhere — another province, a sign-in — keeps them."""

import datetime as dt

import pytest
from django.utils import timezone

from peygir.accounts.models import User
from peygir.actions.models import Action
from peygir.core import dataversion
from peygir.evaluation import breakdown
from peygir.evaluation.measures import year_q
from peygir.evaluation.scorecard import Subject, rank, scorecard
from peygir.evaluation.selectors import children_of, territory_view
from peygir.programs.values import Row, values_enter
from tests.factories import ActionFactory, EvidenceFactory, make_territory
from tests.programs.factories import indicator as make_indicator

from .fixtures import AS_OF, S, make_action, make_update

pytestmark = pytest.mark.django_db


class Computed(list):
    """The territories whose actions' cells were aggregated, in order; `kinds`: every (territory,
    kind of cells) aggregated."""

    def __init__(self):
        super().__init__()
        self.kinds = []


@pytest.fixture
def computed(monkeypatch):
    found = Computed()
    real = breakdown._computed

    def counting(parent, kind, *args):
        found.kinds.append((parent.pk, kind))
        if kind == "actions":
            found.append(parent.pk)
        return real(parent, kind, *args)

    monkeypatch.setattr(breakdown, "_computed", counting)
    return found


def _score(territory, **kwargs):
    with dataversion.reading():
        return territory_view(territory, year=1403, as_of=AS_OF, **kwargs)


def _on_time(view):
    measure = view.card.measure("on_time")
    return measure.numerator, measure.denominator


def test_a_province_is_aggregated_once_until_a_write_in_it(ledger, computed):
    world = ledger.world
    first = _score(world.province)
    assert computed == [world.province.pk] and _on_time(first) == (1, 3)
    again = _score(world.province)
    assert computed == [world.province.pk] and _on_time(again) == _on_time(first)
    # Another province's action, and a sign-in (a person's row): the province's cells stay.
    ActionFactory(
        responsible_organization=world.foreign_office,
        issuer_organization=world.foreign_office,
        territory=world.other_province,
        deadline=dt.date(2024, 6, 1),
    )
    User.objects.filter(pk=world.users["governor"].pk).update(last_login=timezone.now())
    _score(world.province)
    assert computed == [world.province.pk]
    # The province's own write is seen at once: a3 reported done on time now counts.
    a3 = ledger.actions["a3"]
    type(a3).objects.filter(pk=a3.pk).update(
        status=S.REPORTED_DONE, reported_done_at=timezone.make_aware(dt.datetime(2025, 1, 5, 10))
    )
    after = _score(world.province)
    assert computed == [world.province.pk] * 2 and _on_time(after) == (2, 3)


def test_an_evidence_file_added_later_refreshes_its_province(ledger, computed):
    world = ledger.world
    first = _score(world.province)
    evidence = next(m for m in first.card.quality if m.key == "evidence")
    assert (evidence.numerator, evidence.denominator) == (1, 2)
    update = ledger.actions["a2"].updates.get(kind="report_done")
    EvidenceFactory(update=update)
    second = _score(world.province)
    evidence = next(m for m in second.card.quality if m.key == "evidence")
    assert (evidence.numerator, evidence.denominator) == (2, 2) and len(computed) == 2


def test_an_indicator_value_refreshes_the_reports_alone(ledger, computed):
    world = ledger.world
    _score(world.province)
    indicator = make_indicator(kind="number", direction="higher", period_type="month")
    values_enter(user=None, indicator=indicator, period="1403-M01", rows=[Row(world.county, value=3)],
                 today=dt.date(2024, 5, 1))  # fmt: skip
    _score(world.province)
    province = world.province.pk
    assert computed.kinds == [(province, "actions"), (province, "ratings"), (province, "reports")] + [
        (province, "reports")
    ]


def test_outside_a_reading_request_nothing_is_kept(ledger, computed):
    world = ledger.world
    territory_view(world.province, year=1403, as_of=AS_OF)
    territory_view(world.province, year=1403, as_of=AS_OF)
    assert computed == [world.province.pk] * 2


def _numbers(card):
    return (
        card.subject.pk,
        card.score,
        card.quality_score,
        [(m.key, m.numerator, m.denominator) for m in card.measures + card.quality],
    )


def test_the_country_is_its_provinces_kept_apart_and_what_lies_in_none(ledger, computed):
    """The national view sums each province's kept cells, an inactive province's and the country's own
    records (an action at the country level): the same numbers as the country's own aggregate, and a
    write in one province aggregates that province alone again."""
    world = ledger.world
    retired = make_territory("province", world.country, "استان قدیم")
    type(retired).objects.filter(pk=retired.pk).update(is_active=False)
    make_action(world, retired, deadline=dt.date(2024, 8, 1))
    make_action(world, world.country, deadline=dt.date(2024, 9, 1), status=S.VERIFIED,
                done=dt.date(2024, 8, 20))  # fmt: skip
    view = _score(world.country, national=True)
    provinces = children_of(world.country)
    assert retired.pk not in [p.pk for p in provinces]
    country = Subject.for_territory(world.country)
    assert _numbers(view.card) == _numbers(scorecard(country, view.period, view.weights))
    own = rank([scorecard(Subject.for_territory(p), view.period, view.weights) for p in provinces])
    assert [_numbers(c) for c in view.children] == [_numbers(c) for c in own]
    # the country's agencies: each one's actions anywhere in the country
    for card in view.agencies:
        subject = Subject.for_agency_under(
            type(world.agency).objects.get(pk=card.subject.pk), world.country.path
        )
        assert _numbers(card)[1:] == _numbers(scorecard(subject, view.period, view.weights))[1:]
    assert view.card.measure("on_time").denominator > sum(c.measure("on_time").denominator or 0 for c in own)
    parts = len(computed)
    assert parts == len(provinces) + 2  # each province, the inactive one, the country's own
    make_update(ledger.actions["a3"], "progress", dt.date(2025, 1, 2))
    _score(world.country, national=True)
    assert computed[parts:] == [world.province.pk, world.country.pk]  # Markazi, and the country's own
    # Markazi's actions and ratings (its scope moved), the country's own actions; no indicator reports
    assert computed.kinds[-3:] == [
        (world.province.pk, "actions"),
        (world.province.pk, "ratings"),
        (world.country.pk, "actions"),
    ]


def test_the_years_actions_of_a_country_level_territory_are_counted_once(ledger):
    world = ledger.world
    make_action(world, world.country, deadline=dt.date(2024, 9, 1))
    view = territory_view(world.country, year=1403, as_of=AS_OF, national=True)
    expected = Action.objects.filter(Subject.for_territory(world.country).action_q() & year_q(view.period))
    assert view.card.measure("overdue").denominator == expected.filter(deadline__lt=AS_OF).count()


def test_the_map_writes_each_boundary_as_stored():
    """The boundaries' stored text is spliced into the answer unparsed; a name cannot forge a slot."""
    import json

    from peygir.evaluation.mapdata import Geometry, as_json

    stored = '{"type": "Polygon", "coordinates": [[[51.4, 35.7], [51.5, 35.7], [51.4, 35.8]]]}'
    forged = '\x00geometry:0\x00 "\\u0000'
    data = {
        "territory": {"name": forged},
        "features": {
            "type": "FeatureCollection",
            "features": [
                {"type": "Feature", "geometry": Geometry(stored), "properties": {"name": forged}},
                {"type": "Feature", "geometry": Geometry('{"type": "Point", "coordinates": [1, 2]}'),
                 "properties": {"name": "تهران"}},
            ],
        },
    }  # fmt: skip
    answer = json.loads(as_json(data))
    features = answer["features"]["features"]
    assert features[0]["geometry"] == json.loads(stored) and features[1]["geometry"]["type"] == "Point"
    assert answer["territory"]["name"] == forged and features[0]["properties"]["name"] == forged


def test_the_countrys_roadmap_duties_are_its_provinces_kept_apart(world, monkeypatch):
    from peygir.evaluation import roadmap as roadmap_module
    from tests.programs.factories import DutyFactory, ProgramFactory

    duty = DutyFactory(program=ProgramFactory(theme="addiction", territory=world.province))
    for place in (world.county, world.other_province, world.country):
        ActionFactory(source_kind="duty", duty=duty, territory=place, deadline=dt.date(2024, 6, 1),
                      responsible_organization=world.agency, issuer_organization=world.office)  # fmt: skip
    counted = []
    real = roadmap_module._duty_counts

    def counting(place, *args, **kwargs):
        counted.append(place.pk)
        return real(place, *args, **kwargs)

    monkeypatch.setattr(roadmap_module, "_duty_counts", counting)

    def addiction():
        with dataversion.reading():
            harms = roadmap_module.roadmap(world.country, year=1403)["harms"]
        return next(h for h in harms if h.key == "addiction").duties

    assert addiction()["total"] == 3 and world.country.pk in counted
    first = len(counted)
    assert addiction()["total"] == 3 and len(counted) == first  # kept
    ActionFactory(source_kind="duty", duty=duty, territory=world.other_province, deadline=dt.date(2024, 7, 1),
                  responsible_organization=world.foreign_office, issuer_organization=world.foreign_office)  # fmt: skip
    assert addiction()["total"] == 4
    assert sorted(counted[first:]) == sorted(
        [world.other_province.pk, world.country.pk]
    )  # Yazd, the country's own
