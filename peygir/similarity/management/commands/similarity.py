"""`peygir similarity measure [--task intake|parallel] [--threshold X] [--tune] [--errors N]`.

Scores every pair of the labelled set (peygir/similarity/labelled) and prints, per task and per half
(even ids tune, odd ids test, and all): precision, recall and F1 at the engine's threshold (or the one
given), a threshold sweep, the best threshold reaching recall ≥ 0.9 at precision ≥ 0.9, and the
threshold the engine's rule picks on the tuning half. `--tune` searches the weights on the tuning half.
Thin: the work is in peygir.similarity.measure.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from peygir.similarity import embedding, engine, measure


def _number(value: str | None) -> float | None:
    if value is None:
        return None
    text = str(value).translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹٫", "0123456789."))
    try:
        number = float(text)
    except ValueError:
        number = -1.0
    if not 0.0 <= number <= 1.0:
        raise CommandError("--threshold: a number between 0 and 1 (آستانه باید عددی بین ۰ و ۱ باشد).")
    return number


class Command(BaseCommand):
    help = "Similarity engine: measure it on the labelled set (سنجش موتور شباهت روی مجموعه برچسب‌خورده)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        run = sub.add_parser("measure", help="precision, recall and F1 on the labelled set")
        run.add_argument("--task", choices=measure.TASKS, default=None, help="one task (default: both)")
        run.add_argument("--threshold", default=None, help="0..1 (default: the engine's threshold)")
        run.add_argument("--tune", action="store_true", help="search the weights on the tuning half")
        run.add_argument("--errors", type=int, default=0, help="list N misjudged pairs of the tuning half")

    def handle(self, *args, **options) -> None:
        threshold = _number(options["threshold"])
        tasks = [options["task"]] if options["task"] else list(measure.TASKS)
        pairs = measure.load_pairs()
        out = self.stdout.write
        out(f"labelled set: {measure.PAIRS_PATH.name}, {len(pairs)} pairs; text: {embedding.name()}")
        out(f"weights: {engine.WEIGHTS}")
        if options["tune"]:
            weights, value = measure.tune(pairs)
            out(f"tuned on the tuning half (sum of the tasks' best F1 = {value:.3f}): {weights}")
        for task in tasks:
            chosen = threshold if threshold is not None else measure.default_threshold(task)
            selected = measure.select(pairs, task=task)
            negatives = [p for p in selected if not p.same]
            out("")
            out(
                f"== {task}: {len(selected)} pairs, {len(selected) - len(negatives)} same, "
                f"{len(negatives)} different ({sum(p.hard for p in negatives)} hard); threshold {chosen:.2f}"
            )
            out(f"{'half':<5} {'pairs':>5} {'precision':>9} {'recall':>6} {'F1':>5}  tp fp fn")
            rows_by_split = {
                s: measure.scored(measure.select(pairs, task=task, split=s)) for s in measure.SPLITS
            }
            for split, rows in rows_by_split.items():
                f = measure.figures(rows, chosen)
                out(
                    f"{split:<5} {f.count:>5} {f.precision:>9.3f} {f.recall:>6.3f} {f.f1:>5.3f}  "
                    f"{f.true_pos} {f.false_pos} {f.false_neg}"
                )
            out("sweep (tune | test): threshold  precision recall F1 | precision recall F1")
            for a, b in zip(
                measure.sweep(rows_by_split["tune"]), measure.sweep(rows_by_split["test"]), strict=True
            ):
                out(
                    f"  {a.threshold:.2f}  {a.precision:.2f} {a.recall:.2f} {a.f1:.2f} | "
                    f"{b.precision:.2f} {b.recall:.2f} {b.f1:.2f}"
                )
            for split in measure.SPLITS:
                best = measure.best_threshold(rows_by_split[split])
                if best is None:
                    out(f"best threshold with recall ≥ 0.9 and precision ≥ 0.9 on {split}: none")
                else:
                    out(
                        f"best threshold with recall ≥ 0.9 and precision ≥ 0.9 on {split}: {best.threshold:.2f} "
                        f"(precision {best.precision:.3f}, recall {best.recall:.3f})"
                    )
            rule = measure.choose_threshold(rows_by_split["tune"])
            out(
                f"the rule (the target on the tuning half, else best F1 with recall ≥ 0.9) picks {rule.threshold:.2f}: "
                f"tune precision {rule.precision:.3f} recall {rule.recall:.3f}"
            )
            for pair, value in measure.errors(rows_by_split["tune"], chosen)[: options["errors"]]:
                out(
                    f"  #{pair.id} same={pair.same} score={value:.2f} ({pair.note}): {pair.a.text} | {pair.b.text}"
                )
