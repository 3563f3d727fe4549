"""The scorecard's arithmetic on the hand-computed ledger (fixtures.py), and its reproducibility."""

import datetime as dt

import pytest

from peygir.actions.models import Action
from peygir.evaluation import measures
from peygir.evaluation.breakdown import territory_cards
from peygir.evaluation.models import WeightSet
from peygir.evaluation.scorecard import Subject, rank, scorecard
from peygir.evaluation.selectors import children_of, drill_records, territory_view
from peygir.evaluation.weights import Weights, weights_for
from peygir.organizations.models import Organization

from .fixtures import AS_OF, PERIOD, build_ledger, make_action

pytestmark = pytest.mark.django_db


def card_of(world, weights=None):
    return scorecard(Subject.for_agency(world.agency), PERIOD, weights or Weights())


def test_each_measure_by_hand(ledger):
    card = card_of(ledger.world)
    got = {m.key: (m.numerator, m.denominator, m.score) for m in card.measures}
    assert got["on_time"] == (1, 3, 33.3)
    assert got["verified"] == (1, 2, 50.0)
    assert got["overdue"] == (1, 3, 94.4)
    assert card.measure("overdue").extra["days"] == 10
    assert got["rating"] == (5, 8, 62.5)
    assert got["findings"] == (0, 0, None)
    assert got["duties"] == (0, 0, None)
    assert got["targets"][2] is None
    assert card.score == 56.2
    quality = {m.key: (m.numerator, m.denominator, m.score) for m in card.quality}
    # No indicator values: their reporting measures have nothing to count (test_reporting.py).
    assert quality == {
        "timely_reports": (1, 3, 33.3),
        "evidence": (1, 2, 50.0),
        "timely_values": (0, 0, None),
        "complete_values": (0, 0, None),
    }
    assert card.quality_score == pytest.approx(41.65, abs=0.051)


def test_weights_change_the_score_and_are_named(ledger):
    weights = Weights(
        values={**Weights().values, "on_time": 100, "verified": 0, "overdue": 0, "rating": 0}, version=3
    )
    card = card_of(ledger.world, weights)
    assert card.score == 33.3
    assert card.weights.version == 3
    assert card.measure("verified").weight == 0


def test_same_inputs_same_score(ledger):
    first = card_of(ledger.world)
    again = card_of(ledger.world)
    assert [(m.numerator, m.denominator, m.score) for m in first.measures] == [
        (m.numerator, m.denominator, m.score) for m in again.measures
    ]
    assert first.score == again.score == 56.2


def test_order_of_writing_does_not_matter(world):
    build_ledger(world, reverse=True)
    assert card_of(world).score == 56.2


def test_a_write_shows_at_once(ledger):
    """Nothing is precomputed: verifying the late action moves the score on the next read."""
    before = card_of(ledger.world)
    a2 = ledger.actions["a2"]
    a2.status = measures.S.VERIFIED
    a2.save()
    after = card_of(ledger.world)
    assert after.measure("verified").numerator == 2
    assert after.score != before.score


def test_findings_and_duties_read_their_kind(ledger, monkeypatch):
    """The measures read actions by kind; with the kind of the ledger's actions they count them."""
    monkeypatch.setattr(measures, "FINDING_KIND", "directive")
    card = card_of(ledger.world)
    # verified 1 among due or done (a1, a2, a3) = 33.3
    assert (card.measure("findings").numerator, card.measure("findings").denominator) == (1, 3)


def test_territory_groups_and_drill_down_agree(ledger):
    world = ledger.world
    view = territory_view(world.province, year=1403, as_of=AS_OF)
    assert view.card.score == 56.2  # the province has only the agency's actions
    [agency] = [c for c in view.agencies if c.subject.pk == world.agency.pk]
    assert agency.score == 56.2 and agency.rank == 1
    [county] = view.children
    assert county.subject.pk == world.county.pk and county.score == 56.2
    for measure in view.card.measures + view.card.quality:
        if not measure.drillable or measure.key == "rating":
            continue
        subject = Subject.for_territory(world.province)
        assert drill_records(subject, view.period, measure.key, "num").count() == measure.numerator
        assert drill_records(subject, view.period, measure.key, "den").count() == measure.denominator
    rated = drill_records(Subject.for_territory(world.province), view.period, "rating", "den")
    assert sorted(rated.values_list("rating", flat=True)) == [2, 5]


def test_weights_in_force_are_the_provinces_latest(world):
    assert weights_for(world.province).is_default
    WeightSet.objects.create(territory=world.country, version=1, w_on_time=50)
    assert weights_for(world.county).values["on_time"] == 50
    WeightSet.objects.create(territory=world.province, version=1, w_on_time=10)
    WeightSet.objects.create(territory=world.province, version=2, w_on_time=20)
    assert weights_for(world.county).values["on_time"] == 20
    assert weights_for(world.county, national=True).values["on_time"] == 50
    old = WeightSet.objects.get(territory=world.province, version=1)
    assert weights_for(world.county, weights_id=old.pk).values["on_time"] == 10


def _many_counties(world) -> None:
    """Six counties, each with an agency's action and its governorate's late monthly report, and the
    month closed in the province: every kind of record the scorecards count, spread over cells."""
    from django.utils import timezone

    from peygir.programs import closures
    from peygir.programs.models import IndicatorVersion
    from peygir.programs.periods import Period
    from peygir.programs.values import Row, values_enter
    from tests.factories import OrganizationFactory, make_territory
    from tests.programs.factories import indicator

    visits = indicator(kind="number", direction="higher", period_type="month")
    # Defined before the year: its open months past their due date expect reports too (report_status).
    IndicatorVersion.objects.filter(indicator=visits).update(
        created_at=timezone.make_aware(dt.datetime(2024, 3, 1, 9))
    )
    for n in range(6):
        county = make_territory("county", world.province, f"شهرستان {n}")
        org = OrganizationFactory(kind="agency", territory=world.province)
        make_action(world, county, deadline=dt.date(2024, 6, 1), organization=org)
        # …and its county governorate reports a month's value late (indicator reporting).
        OrganizationFactory(kind="county_governorate", territory=county)
        values_enter(user=None, indicator=visits, period="1403-M01", rows=[Row(county, value=n)],
                     today=dt.date(2024, 6, 1))  # fmt: skip
    closures.period_close(user=None, province=world.province, period=Period("month", 1403, 1),
                          today=dt.date(2024, 6, 2))  # fmt: skip


def test_queries_do_not_grow_with_agencies_and_counties(world, django_assert_max_num_queries):
    _many_counties(world)
    # weights 1; the counties 1; one grouped aggregate each for the actions, the ratings and the
    # reports of indicator values (with their definitions: 2); the agencies' names 1; the targets of the
    # territory and its counties (3, the programs domain's).
    with django_assert_max_num_queries(11):
        view = territory_view(world.province, year=1403, as_of=AS_OF)
    # 6 agencies, the 6 governorates that report and Arak's (its month missing at the closing)
    assert len(view.agencies) == 13 and len(view.children) == 7
    # M01: 6 late, Arak's missing at the closing; M02–M09 (due by 2025-01-04), open: 8 × 7 missing
    assert view.card.measure("timely_values").extra["gap"] == 6 + 1 + 56
    assert view.card.measure("complete_values").extra["gap"] == 1 + 56


def _numbers(card):
    return (
        card.subject.pk,
        card.score,
        card.quality_score,
        [(m.key, m.numerator, m.denominator, m.score, m.extra) for m in card.measures + card.quality],
    )


def _each_own(subjects, period, weights):
    """Each subject's scorecard from its own aggregates (`scorecard`), ranked as a view ranks them."""
    return [_numbers(c) for c in rank([scorecard(s, period, weights) for s in subjects])]


def test_one_grouped_read_equals_each_subjects_own(ledger):
    """The view sums cells of one grouped aggregate per kind of record: the territory's, each agency's
    and each county's numbers are those of their own aggregates (`scorecard`)."""
    world = ledger.world
    _many_counties(world)
    view = territory_view(world.province, year=1403, as_of=AS_OF)
    province = Subject.for_territory(world.province)
    counties = [Subject.for_territory(c) for c in children_of(world.province)]
    assert len(counties) == 7 and len(view.agencies) == 14  # the ledger's agency too
    responsible = set(
        Action.objects.filter(province.action_q() & measures.year_q(view.period)).values_list(
            "responsible_organization_id", flat=True
        )
    )
    assert responsible <= {c.subject.pk for c in view.agencies}
    assert _numbers(view.card) == _numbers(scorecard(province, view.period, view.weights))
    found = Organization.objects.filter(pk__in=[c.subject.pk for c in view.agencies])
    agencies = [Subject.for_agency_under(org, province.path) for org in found]
    assert [_numbers(c) for c in view.agencies] == _each_own(agencies, view.period, view.weights)
    assert [_numbers(c) for c in view.children] == _each_own(counties, view.period, view.weights)
    # The national comparison (no agencies' cards): the cells are the provinces alone.
    national = territory_view(world.country, year=1403, as_of=AS_OF, national=True, with_agencies=False)
    provinces = [Subject.for_territory(p) for p in children_of(world.country)]
    country = Subject.for_territory(world.country)
    assert national.agencies == [] and world.province.pk in [p.pk for p in provinces]
    assert _numbers(national.card) == _numbers(scorecard(country, national.period, national.weights))
    assert [_numbers(c) for c in national.children] == _each_own(provinces, national.period, national.weights)
    # Not vacuous: actions, ratings and reports all counted, in more than one county.
    assert view.card.measure("rating").extra["rated"] and view.card.measure("timely_values").denominator
    assert sum(1 for c in view.children if c.measure("overdue").denominator) > 1


def test_no_children_no_child_cards(world):
    card, _agencies, children = territory_cards(Subject.for_territory(world.province), [], PERIOD, Weights())
    assert children == [] and card.subject.pk == world.province.pk


def test_targets_answer_shapes():
    from types import SimpleNamespace

    from peygir.evaluation.targets import as_pair

    assert as_pair(None) is None
    assert as_pair((2, 5)) == (2, 5)
    assert as_pair({"met": 1, "total": 4}) == (1, 4)
    rows = [SimpleNamespace(met=True), SimpleNamespace(met=False), SimpleNamespace(met=None)]
    assert as_pair(rows) == (1, 2)
    assert as_pair([SimpleNamespace(met=None)]) is None
    assert as_pair([]) is None


def test_targets_measure_once_the_programs_selector_answers(ledger, monkeypatch):
    """The measure is wired to programs.targets.targets_met_many; a territory's scorecard uses it."""
    from peygir.evaluation import targets

    monkeypatch.setattr(
        targets.programs_targets, "targets_met_many", lambda ids, year: {pk: (3, 4) for pk in ids}
    )
    view = territory_view(ledger.world.province, year=1403, as_of=AS_OF)
    measure = view.card.measure("targets")
    assert (measure.numerator, measure.denominator, measure.score) == (3, 4, 75.0)
    # (25×33.3 + 15×50 + 15×94.4 + 15×62.5 + 10×75) / 80 = 4686 / 80 = 58.6
    assert view.card.score == 58.6
    assert view.children[0].measure("targets").score == 75.0
