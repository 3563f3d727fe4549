"""The sealed draw: determinism, distribution, the seal, a second draw refused."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter

import pytest

from peygir.core.errors import ValidationError
from peygir.inspections import amendments, draw, plans
from peygir.inspections.models import Draw, Visit
from peygir.inspections.periods import make_period

from .helpers import make_inspection_world

DAYS = [dt.date(2026, 12, 1) + dt.timedelta(days=i) for i in range(20)]


def _candidates(n: int, **kw) -> list[draw.Candidate]:
    return [draw.Candidate(facility=i, weight=1.0, visits=1, rule=1, **kw) for i in range(1, n + 1)]


def test_the_same_seed_gives_the_same_schedule_and_another_seed_another():
    seed = bytes(range(32))
    a = draw.compute_schedule(seed, _candidates(30), [7, 9], DAYS)
    b = draw.compute_schedule(seed, _candidates(30), [7, 9], DAYS)
    c = draw.compute_schedule(bytes(32), _candidates(30), [7, 9], DAYS)
    assert a == b
    assert a != c
    assert len(a) == 30 and {v["facility"] for v in a} == set(range(1, 31))


def test_the_load_is_spread_over_inspectors_and_days():
    visits = draw.compute_schedule(draw.new_seed(), _candidates(40), [1, 2], DAYS)
    per_inspector = Counter(v["inspector"] for v in visits)
    assert per_inspector[1] == per_inspector[2] == 20
    per_day = Counter((v["inspector"], v["date"]) for v in visits)
    assert max(per_day.values()) == 1  # 20 visits over 20 days each: one a day


def test_days_are_uniform_over_many_draws():
    """Over many seeds each day gets about the same share of one facility's single visit."""
    counts = Counter()
    for i in range(2000):
        seed = i.to_bytes(32, "big")
        (visit,) = draw.compute_schedule(seed, _candidates(1), [1], DAYS[:10])
        counts[visit["date"]] += 1
    assert len(counts) == 10
    assert min(counts.values()) > 140 and max(counts.values()) < 260  # 200 expected each


def test_a_sample_prefers_high_risk_facilities():
    risky = [
        draw.Candidate(facility=i, weight=9.0, visits=1, rule=1, sample_percent=20) for i in range(1, 11)
    ]
    safe = [
        draw.Candidate(facility=i, weight=1.0, visits=1, rule=1, sample_percent=20) for i in range(11, 51)
    ]
    picked = Counter()
    for i in range(300):
        for v in draw.compute_schedule(i.to_bytes(32, "big"), risky + safe, [1], DAYS):
            picked["risky" if v["facility"] <= 10 else "safe"] += 1
    assert picked["risky"] + picked["safe"] == 300 * 10
    # 10 risky of weight 9 against 40 safe of weight 1: risky facilities take most of the sample.
    assert picked["risky"] > 1.5 * picked["safe"]


def test_risk_weight():
    assert draw.risk_weight(None, 0) == 2.0
    assert draw.risk_weight(100, 0) == 1.0
    assert draw.risk_weight(50, 0) == 3.0
    assert draw.risk_weight(100, 2) == 5.0


def test_stream_below_is_unbiased_and_in_range():
    stream = draw.Stream(b"x" * 32)
    values = [stream.below(3) for _ in range(3000)]
    assert set(values) == {0, 1, 2}
    assert all(800 < values.count(v) < 1200 for v in (0, 1, 2))
    with pytest.raises(ValueError):
        stream.below(0)


@pytest.mark.django_db
def test_approval_draws_seals_and_the_published_seed_reproduces_the_seal(world):
    iw = make_inspection_world(world)
    today = dt.date(2026, 11, 25)  # 4 Azar 1405
    sealed = iw.approve(today)
    assert isinstance(sealed, Draw)
    assert sealed.visits_count == 3 == Visit.objects.filter(draw=sealed).count()
    assert all(v.scheduled_on > today for v in sealed.visits.all())
    assert all(sealed.period_start <= v.scheduled_on <= sealed.period_end for v in sealed.visits.all())
    check = plans.verify_draw(sealed)
    assert check.ok and check.seal_matches and check.schedule_matches and check.commitment_matches
    # The stored visits are the sealed ones.
    doc = json.loads(sealed.schedule_json)
    stored = sorted((v.facility_id, v.inspector_id, v.scheduled_on.isoformat()) for v in sealed.visits.all())
    assert stored == sorted((v["facility"], v["inspector"], v["date"]) for v in doc["visits"])


@pytest.mark.django_db
def test_a_tampered_schedule_or_seed_fails_verification(world):
    iw = make_inspection_world(world)
    sealed = iw.approve(dt.date(2026, 11, 25))
    document = json.loads(sealed.schedule_json)
    first = document["visits"][0]
    first["date"] = next(d for d in document["days"] if d != first["date"])
    tampered = draw.canonical(document)
    assert not draw.verify(
        seed_hex=sealed.seed_hex,
        schedule_json=tampered,
        seal=sealed.seal,
        seed_commitment=sealed.seed_commitment,
    ).ok
    assert not draw.verify(
        seed_hex="11" * 32,
        schedule_json=sealed.schedule_json,
        seal=sealed.seal,
        seed_commitment=sealed.seed_commitment,
    ).ok


@pytest.mark.django_db
def test_a_second_draw_for_a_sealed_period_is_refused(world):
    iw = make_inspection_world(world)
    today = dt.date(2026, 11, 25)
    sealed = iw.approve(today)
    period = make_period("month", 1405, 9)
    assert sealed.period_start == period.start
    before = list(Visit.objects.values_list("pk", "scheduled_on"))
    with pytest.raises(ValidationError) as err:
        plans.draw_period(user=world.users["county_deputy"], plan=iw.plan, period=period, today=today)
    assert "قرعه‌کشی دوباره ممکن نیست" in " ".join(err.value.messages)
    assert list(Visit.objects.values_list("pk", "scheduled_on")) == before
    assert Draw.objects.count() == 1
    # The next month is drawn by the periodic command, once.
    made = plans.draw_due_plans(period_for=period.next().start, today=period.end)
    assert len(made) == 1
    assert plans.draw_due_plans(period_for=period.next().start, today=period.end) == []


@pytest.mark.django_db
def test_only_the_plans_managers_draw(world):
    iw = make_inspection_world(world)
    from peygir.core.errors import NotAllowed

    for persona in ("liaison", "inspector", "foreign_staff", "nobody"):
        with pytest.raises(NotAllowed):
            plans.plan_approve(user=world.users[persona], plan=iw.plan, today=dt.date(2026, 11, 25))
    assert not Draw.objects.exists()


@pytest.mark.django_db
def test_an_amendment_is_recorded_with_its_reason(world):
    iw = make_inspection_world(world)
    sealed = iw.approve(dt.date(2026, 11, 25))
    visit = sealed.visits.filter(inspector=iw.inspector).first()
    with pytest.raises(ValidationError):
        amendments.visit_amend(
            user=world.users["county_deputy"], visit=visit, reason="  ", inspector=iw.second_inspector
        )
    amendment = amendments.visit_amend(
        user=world.users["county_deputy"],
        visit=visit,
        reason="بازرس در مأموریت است",
        inspector=iw.second_inspector,
    )
    visit.refresh_from_db()
    assert visit.inspector == iw.second_inspector
    assert amendment.old_inspector == iw.inspector and amendment.reason == "بازرس در مأموریت است"
    # The seal still verifies the original draw; the amendment is published beside it.
    assert plans.verify_draw(sealed).ok


def test_many_county_plans_are_each_drawn_whole_and_sealed():
    """County plans of a few hundred facilities each, two inspectors over 22 working days: every
    facility drawn once, the load split evenly, each document sealed. How long a whole country's month
    takes is measured by `peygir bench` on the generated data (issue 11 §5: < 10 s; docs/performance.md)."""
    days = [dt.date(2026, 12, 1) + dt.timedelta(days=i) for i in range(22)]
    seals = set()
    for county in range(12):
        candidates = [
            draw.Candidate(facility=county * 1000 + i, weight=1.0 + i % 5, visits=1, rule=i % 3)
            for i in range(232)
        ]
        visits = draw.compute_schedule(draw.new_seed(), candidates, [1, 2], days)
        assert sorted(v["facility"] for v in visits) == [c.facility for c in candidates]
        assert Counter(v["inspector"] for v in visits) == {1: 116, 2: 116}
        assert {v["date"] for v in visits} <= {d.isoformat() for d in days}
        document = draw.canonical(
            draw.build_document(
                plan=county,
                period_start=days[0],
                period_end=days[-1],
                candidates=candidates,
                inspectors=[1, 2],
                days=days,
                visits=visits,
            )
        )
        seal = draw.seal_of(document, "00")
        assert seal == draw.seal_of(document, "00")
        seals.add(seal)
    assert len(seals) == 12
