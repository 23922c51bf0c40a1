"""How much more does the learned reader learn from more mail sets? A learning curve.

    pip install .[bench]    # scikit-learn, as for promises_classifier.py
    python bench/promises_curve.py [--test mail_blind50 mail_blind51 ...] [--shares 0.25 0.5 1]
                                   [--seeds 1 2]

For each share of the development mail sets other than the --test sets (drawn at random, once
per seed; every one of them at share 1), a reader is trained as promises_classifier.py --save
trains the packaged one (those sets' clauses, the sentence sets and the class tests' sentences),
and the real extractor reads the --test sets with it (promises_mail.py): precision, recall, F1
and due exact over all of them, one line per share and seed, beside a reader taught only the
sentences. Training takes a few minutes per line. Used for issue 13 (bench/README.md, session 10).
"""

from __future__ import annotations

import argparse
import random

import promises_classifier as classifier
import promises_mail

from followup.promises.learned import ClauseModel


def reader(train: list[tuple[dict, bool, str, bool]], c: float = 2.0) -> ClauseModel:
    """A learned reader fitted to these examples, with the packaged model's weight floor."""
    vectors, model = classifier._fit(train, c, "l2")
    return ClauseModel(float(model.intercept_[0]), classifier.kept_weights(vectors, model))


def shares(pool: list[str], share: float, seed: int) -> list[str]:
    """`share` of the sets in `pool`, drawn with `seed` (all of them, in order, at share 1)."""
    return list(pool) if share >= 1 else random.Random(seed).sample(pool, round(len(pool) * share))


def figures(model: ClauseModel, tests: list[str]) -> str:
    tp = fp = fn = due = 0
    for name in tests:
        total = promises_mail.evaluate(classifier.DATA / name, model)[0]["all"]
        tp, fp, fn, due = tp + total.tp, fp + total.fp, fn + total.fn, due + total.due_exact
    p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return f"P {p:.3f}  R {r:.3f}  F1 {2 * p * r / max(p + r, 1e-9):.3f}  due {due / max(tp, 1):.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--test", nargs="+", default=[f"mail_blind{n}" for n in range(50, 54)],
                        choices=classifier.SETS, metavar="SET", help="sets read with each reader, never trained on")
    parser.add_argument("--shares", nargs="+", type=float, default=[0.25, 0.5, 1.0])
    parser.add_argument("--seeds", nargs="+", type=int, default=[1, 2])
    args = parser.parse_args()
    pool = [name for name in classifier.SETS if name not in args.test]
    by_set = {name: [ex for language, row in classifier._rows(name) for ex in classifier.clause_examples(row, language)]
              for name in pool}
    taught = classifier.class_examples() + classifier.sentence_examples()
    print(f"read with each reader: {', '.join(args.test)}; pool: {len(pool)} mail sets", flush=True)
    print(f"{'taught sentences only':<34} {figures(reader(taught), args.test)}", flush=True)
    for share in args.shares:
        for seed in args.seeds if share < 1 else [0]:
            names = shares(pool, share, seed)
            train = [ex for name in names for ex in by_set[name]] + taught
            label = f"{len(names)} sets" + (f" (seed {seed})" if share < 1 else " (all)")
            print(f"{label:<20} {len(train):>9,} clauses {figures(reader(train), args.test)}", flush=True)


if __name__ == "__main__":
    main()
