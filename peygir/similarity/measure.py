"""The labelled set and the figures measured on it: precision, recall and F1 of a threshold.

The set (labelled/pairs.jsonl, described in labelled/README.md) is split by id: even ids tune the
engine's weights and thresholds, odd ids test them. A figure on the tuning half alone would flatter
the engine; the docs report both.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace
from pathlib import Path

from . import engine
from .engine import WEIGHTS, Record, Weights, score

PAIRS_PATH = Path(__file__).parent / "labelled" / "pairs.jsonl"
TASKS = ("intake", "parallel")
SPLITS = ("tune", "test", "all")
SWEEP = tuple(round(0.2 + 0.05 * i, 2) for i in range(13))  # 0.20 … 0.80
TARGET = 0.9  # recall and precision the intake offer must reach


@dataclass
class Pair:
    id: int
    task: str
    a: Record
    b: Record
    same: bool
    hard: bool
    note: str

    @property
    def split(self) -> str:
        return "tune" if self.id % 2 == 0 else "test"


@dataclass
class Figures:
    threshold: float
    precision: float
    recall: float
    f1: float
    true_pos: int
    false_pos: int
    false_neg: int
    count: int


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _record(data: dict) -> Record:
    return Record(
        text=data["text"],
        county_id=data.get("county_id"),
        neighbourhood_id=data.get("neighbourhood_id"),
        organization_id=data.get("organization_id"),
        category=data.get("category") or "",
        amount_rials=data.get("amount_rials"),
        starts_on=_date(data.get("starts_on")),
        ends_on=_date(data.get("ends_on")),
    )


def load_pairs(path: Path = PAIRS_PATH) -> list[Pair]:
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        pairs.append(
            Pair(
                id=int(row["id"]),
                task=row["task"],
                a=_record(row["a"]),
                b=_record(row["b"]),
                same=bool(row["same"]),
                hard=bool(row.get("hard")),
                note=row.get("note", ""),
            )
        )
    return pairs


def select(pairs: list[Pair], *, task: str, split: str = "all") -> list[Pair]:
    return [p for p in pairs if p.task == task and (split == "all" or p.split == split)]


def scored(pairs: list[Pair]) -> list[tuple[Pair, float]]:
    return [(p, score(p.a, p.b).total) for p in pairs]


def figures(rows: list[tuple[Pair, float]], threshold: float) -> Figures:
    tp = sum(1 for p, s in rows if p.same and s >= threshold)
    fp = sum(1 for p, s in rows if not p.same and s >= threshold)
    fn = sum(1 for p, s in rows if p.same and s < threshold)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Figures(threshold, precision, recall, f1, tp, fp, fn, len(rows))


def sweep(rows: list[tuple[Pair, float]], thresholds: tuple[float, ...] = SWEEP) -> list[Figures]:
    return [figures(rows, t) for t in thresholds]


def best_threshold(rows: list[tuple[Pair, float]], *, target: float = TARGET) -> Figures | None:
    """The threshold, on a 0.01 grid, with the best F1 among those reaching `target` in both recall
    and precision; the middle of the widest run of such thresholds breaks ties, so the choice does not
    sit on the edge of what the tuning half allows. None when no threshold reaches the target."""
    grid = [round(0.01 * i, 2) for i in range(1, 100)]
    good = [f for f in (figures(rows, t) for t in grid) if f.recall >= target and f.precision >= target]
    if not good:
        return None
    top = max(f.f1 for f in good)
    best = [f for f in good if f.f1 >= top - 1e-9]
    return best[len(best) // 2]


def errors(rows: list[tuple[Pair, float]], threshold: float) -> list[tuple[Pair, float]]:
    """The pairs the threshold gets wrong, worst first (for reading, not for tuning pair by pair)."""
    wrong = [(p, s) for p, s in rows if (s >= threshold) != p.same]
    return sorted(wrong, key=lambda item: -abs(item[1] - threshold))


def _reweigh(pairs: list[Pair], light: float) -> None:
    for pair in pairs:
        for record in (pair.a, pair.b):
            record.weighted = record.weigh(light)
            record.grams = set(record.weighted)
            record.mass = sum(record.weighted.values())


def _objective(pairs: list[Pair], weights: Weights) -> float:
    """The sum over the tasks of the best F1 any threshold reaches on `pairs` (the tuning half)."""
    total = 0.0
    for task in TASKS:
        rows = [(p, score(p.a, p.b, weights).total) for p in pairs if p.task == task]
        total += max(figures(rows, t).f1 for t in (round(0.01 * i, 2) for i in range(10, 95)))
    return total


TEXT_GRID = {
    "light_word": (0.2, 0.35, 0.5, 1.0),
    "low_mix": (0.4, 0.6, 0.8, 1.0),
    "other_number": (0.4, 0.55, 0.7, 1.0),
    "other_substance": (0.6, 0.7, 0.8, 1.0),
}
CONTEXT_GRID = {
    "same_neighbourhood": (0.0, 0.05, 0.1),
    "other_neighbourhood": (0.4, 0.6, 0.8, 1.0),
    "other_period": (0.2, 0.4, 0.6),
    "other_county": (0.2, 0.4, 0.6),
    "same_category": (0.0, 0.05, 0.1),
    "other_category": (0.0, 0.05, 0.1),
}


def _grid(base: Weights, grid: dict[str, tuple[float, ...]]) -> list[Weights]:
    options = [base]
    for name, values in grid.items():
        options = [replace(w, **{name: v}) for w in options for v in values]
    return options


def tune(pairs: list[Pair], base: Weights = WEIGHTS) -> tuple[Weights, float]:
    """Weights chosen on the tuning half only: the text's first (with the context as it is), then
    the context's; a coarse grid, the same for every pair. Returns the weights and their objective."""
    tuning = [p for p in pairs if p.split == "tune"]
    best, best_value = base, -1.0
    for light in TEXT_GRID["light_word"]:
        _reweigh(tuning, light)
        for weights in _grid(
            replace(base, light_word=light), {k: v for k, v in TEXT_GRID.items() if k != "light_word"}
        ):
            value = _objective(tuning, weights)
            if value > best_value + 1e-9:
                best, best_value = weights, value
    _reweigh(tuning, best.light_word)
    for weights in _grid(best, CONTEXT_GRID):
        value = _objective(tuning, weights)
        if value > best_value + 1e-9:
            best, best_value = weights, value
    _reweigh(tuning, WEIGHTS.light_word)
    return best, best_value


def choose_threshold(rows: list[tuple[Pair, float]], *, min_recall: float = TARGET) -> Figures:
    """The rule the engine's thresholds follow, applied to the tuning half: the target first — where
    thresholds reach precision and recall ≥ `min_recall` together, `best_threshold`'s pick among them;
    otherwise the best F1 among the thresholds (0.01 grid) that keep recall ≥ `min_recall` — a missed
    duplicate costs more than a wrong offer, which the person entering dismisses with a glance. Ties:
    the highest threshold."""
    reaching = best_threshold(rows, target=min_recall)
    if reaching is not None:
        return reaching
    grid = [figures(rows, round(0.01 * i, 2)) for i in range(1, 100)]
    keeping = [f for f in grid if f.recall >= min_recall] or grid
    return max(keeping, key=lambda f: (round(f.f1, 9), f.threshold))


def default_threshold(task: str) -> float:
    return engine.INTAKE_THRESHOLD if task == "intake" else engine.PARALLEL_THRESHOLD
