"""The labelled set and its measurement: the regression guard of the engine's thresholds."""

from __future__ import annotations

import io
from collections import Counter

import pytest
from django.core.management import CommandError, call_command

from peygir.similarity import engine, measure


@pytest.fixture(scope="module")
def pairs():
    return measure.load_pairs()


def test_the_set_is_large_varied_and_mostly_hard(pairs):
    assert len(pairs) >= 200
    assert len({p.id for p in pairs}) == len(pairs)
    negatives = [p for p in pairs if not p.same]
    assert len(negatives) >= 0.4 * len(pairs)
    assert sum(p.hard for p in negatives) >= 0.3 * len(pairs)
    tasks = Counter(p.task for p in pairs)
    assert set(tasks) == {"intake", "parallel"} and min(tasks.values()) >= 90
    # no sentence repeated across pairs as a template would: most texts are distinct
    texts = [r.text for p in pairs for r in (p.a, p.b)]
    assert len(set(texts)) >= 0.7 * len(texts)
    for pair in pairs:
        assert pair.a.text and pair.b.text and pair.note
        if pair.task == "parallel":
            # the work of two different bodies, with its period
            assert pair.a.organization_id != pair.b.organization_id
            assert pair.a.starts_on and pair.b.starts_on
        else:
            assert pair.a.neighbourhood_id == pair.b.neighbourhood_id


def test_both_halves_have_both_labels(pairs):
    for task in measure.TASKS:
        for split in ("tune", "test"):
            chosen = measure.select(pairs, task=task, split=split)
            assert len(chosen) >= 40
            assert 0.3 <= sum(p.same for p in chosen) / len(chosen) <= 0.7


def _figures(pairs, task, split, threshold):
    return measure.figures(measure.scored(measure.select(pairs, task=task, split=split)), threshold)


def test_the_thresholds_are_the_rule_s_choice_on_the_tuning_half(pairs):
    for task, threshold in (("intake", engine.INTAKE_THRESHOLD), ("parallel", engine.PARALLEL_THRESHOLD)):
        rows = measure.scored(measure.select(pairs, task=task, split="tune"))
        assert measure.choose_threshold(rows).threshold == pytest.approx(threshold), task


def test_intake_offer_recall_and_precision_hold(pairs):
    """The target (docs/coordination.md): recall ≥ 0.9 at precision ≥ 0.9, on both halves."""
    t = engine.INTAKE_THRESHOLD
    tune, test, whole = (_figures(pairs, "intake", s, t) for s in ("tune", "test", "all"))
    for figures in (tune, test, whole):
        assert figures.recall >= 0.9 and figures.precision >= 0.9, figures


def test_the_rule_takes_the_target_first_then_recall():
    a, b = engine.Record("x"), engine.Record("y")

    def pair(i, same):
        return measure.Pair(i, "intake", a, b, same, False, "")

    # 10 same pairs at 0.6..0.95; one different pair high (0.9), one at 0.5: above 0.5 the target is
    # reached (precision 10/11 ≥ 0.9, recall 1.0), so the rule sits in that range and not below it.
    rows = [(pair(i, True), 0.6 + 0.035 * i) for i in range(10)] + [
        (pair(20, False), 0.9),
        (pair(21, False), 0.5),
    ]
    chosen = measure.choose_threshold(rows)
    assert 0.5 < chosen.threshold <= 0.6 and chosen.precision >= 0.9 and chosen.recall == 1.0
    # No threshold reaches the target: recall first (every same pair kept), the best F1 among those.
    rows = [(pair(i, True), 0.6 + 0.035 * i) for i in range(10)] + [
        (pair(20 + i, False), 0.7) for i in range(5)
    ]
    chosen = measure.choose_threshold(rows)
    assert chosen.recall >= 0.9 and chosen.precision < 0.9


def test_parallel_detector_recall_and_precision_hold(pairs):
    t = engine.PARALLEL_THRESHOLD
    tune, test, whole = (_figures(pairs, "parallel", s, t) for s in ("tune", "test", "all"))
    assert tune.recall >= 0.9 and test.recall >= 0.9
    assert whole.precision >= 0.86 and whole.f1 >= 0.9


def test_figures_count_what_they_say():
    a, b = engine.Record("x"), engine.Record("y")
    rows = [
        (measure.Pair(1, "intake", a, b, True, False, ""), 0.9),
        (measure.Pair(2, "intake", a, b, True, False, ""), 0.3),
        (measure.Pair(3, "intake", a, b, False, True, ""), 0.8),
        (measure.Pair(4, "intake", a, b, False, True, ""), 0.1),
    ]
    f = measure.figures(rows, 0.5)
    assert (f.true_pos, f.false_pos, f.false_neg) == (1, 1, 1)
    assert f.precision == f.recall == 0.5
    assert measure.best_threshold(rows) is None
    assert measure.figures(rows, 0.05).recall == 1.0


def test_the_measure_command_prints_the_figures():
    out = io.StringIO()
    call_command("similarity", "measure", stdout=out)
    text = out.getvalue()
    for expected in ("== intake", "== parallel", "precision", "recall", "sweep", "tune", "test", "the rule"):
        assert expected in text
    assert f"threshold {engine.INTAKE_THRESHOLD:.2f}" in text


def test_the_measure_command_takes_a_task_and_a_persian_threshold():
    out = io.StringIO()
    call_command(
        "similarity", "measure", "--task", "intake", "--threshold", "۰٫۶", "--errors", "2", stdout=out
    )
    text = out.getvalue()
    assert "threshold 0.60" in text and "== parallel" not in text
    assert text.count("  #") == 2
    for bad in ("abc", "1.5", "-0.1"):
        with pytest.raises(CommandError):
            call_command("similarity", "measure", "--threshold", bad, stdout=io.StringIO())


def test_tuning_reads_only_the_tuning_half(pairs, monkeypatch):
    seen: list[int] = []
    real = measure._objective

    def spy(chosen, weights):
        seen.extend(p.id for p in chosen)
        return real(chosen, weights)

    monkeypatch.setattr(
        measure, "TEXT_GRID", {"light_word": (0.2,), "low_mix": (1.0,), "other_number": (0.4,)}
    )
    monkeypatch.setattr(measure, "CONTEXT_GRID", {"same_category": (0.1,)})
    monkeypatch.setattr(measure, "_objective", spy)
    weights, value = measure.tune(pairs)
    assert seen and all(i % 2 == 0 for i in seen)
    assert value > 1.5 and weights.light_word == 0.2
