"""Precision, recall and due-date accuracy of promise extraction on the labelled set.

    python bench/promises.py [--data bench/promises_eval] [--misses]

The mail sets (see promises_mail.py) are scored the way the product reads mail: mail/ was
written blind but the extractor was then tuned by class on its misses (a development set now);
mail_heldout/ and mail_blind3/ onward were each written blind by another hand (to
bench/promises_eval/LABELLING.md from mail_blind6 on) and run once on code that had never seen
them; their first-run figures, the honest ones, are in bench/README.md. All but mail_blind21
and 26-29 were then used as development sets of the rules by class (mail_blind22 and 23, written
to stress routines in the present, in rounds 21 and 22; 24 and 25 in round 23). 26, 27 and 29 are
the rules' closing figures of 2026-12-01, 28 the set the first blend was chosen on. Then the
learned reader (followup/promises/learned.py) came to decide: mail_blind30 is the validation
set its decision rule was chosen on, 31 its first honest figure, both then development sets of
round 24, whose closing figures are 32 and 33; those were round 25's development sets and 34
and 35 its closing figures, then round 26's, judged on 36 and 37, then round 27's, judged on
38 and 39, round 28's (38, 39), judged on 41 and 40, round 29's (40, 41), judged on 42 and
43, and round 30's (42, 43), judged on 44 and 45. The reader is trained on every mail set but those in
bench/promises_classifier.py HONEST (kept for the next round's closing figures), on the
sentence sets below and on the class tests' sentences. Never tune against a set in HONEST:
write a new blind
set instead, committed before its one run.

The held-out (heldout/), added (extra/) and blind (blind/, blind2/) sentence sets of the
same folder are scored too.
Each bench/promises_eval/<lang>.jsonl holds one labelled sentence a line (the first line
may carry defaults for sent_at and tz): text, promise (bool), due (local wall time or null),
cadence ("every:unit:weekdays" or absent). Every sentence is one message of our side,
written to a client whose locale is the file's language.
A found promise counts toward due accuracy when its due time equals the label exactly
(UTC) and its cadence equals the label (or both are absent).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "daemon"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from followup.promises import Cadence, extract_promises  # noqa: E402

import promises_mail  # noqa: E402

DATA = Path(__file__).resolve().parent / "promises_eval"
HELD_OUT = DATA / "heldout"  # written after the rules; never used to tune them
# Sentences added later to widen the labelled set (each row carries "source": "added").
EXTRA = DATA / "extra"


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    due_exact: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def due_accuracy(self) -> float:
        return self.due_exact / self.tp if self.tp else 1.0

    def add(self, other: "Score") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.due_exact += other.due_exact
        self.misses += other.misses


def load(path: Path) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    defaults = rows.pop(0)["defaults"] if rows and "defaults" in rows[0] else {}
    return [{**defaults, **row} for row in rows]


def _cadence(label: str | None) -> Cadence | None:
    if not label:
        return None
    every, unit, days = label.split(":")
    return Cadence(int(every), unit, tuple(int(d) for d in days.split(",") if d))


def score_row(row: dict, language: str) -> Score:
    zone = ZoneInfo(row["tz"])
    sent_at = datetime.fromisoformat(row["sent_at"]).replace(tzinfo=zone)
    found = extract_promises(row["text"], sent_at=sent_at, timezone=row["tz"], locale_hint=language)
    score = Score()
    if not row["promise"]:
        score.fp = len(found)
        score.misses += [f"FP {language}: {row['text']}"] if found else []
        return score
    if not found:
        score.fn = 1
        score.misses.append(f"FN {language}: {row['text']}")
        return score
    score.tp = 1
    due = row.get("due")
    want_due = datetime.fromisoformat(due).replace(tzinfo=zone).astimezone(timezone.utc) if due else None
    # A sentence labelled as one promise may be read as two clauses ("I'll talk to the supplier
    # and get back to you within three days"): its due is right when one of them has it
    # (since 2026-12-01, when a bare "and" before a new commitment began to split; before, the first).
    right = [f for f in found if f.due_at == want_due and f.cadence == _cadence(row.get("cadence"))]
    got = right[0] if right else found[0]
    if got.due_at == want_due and got.cadence == _cadence(row.get("cadence")):
        score.due_exact = 1
    else:
        score.misses.append(f"DUE {language}: {row['text']} -> {got.due_at} {got.cadence} (want {want_due})")
    return score


def evaluate(data: Path = DATA) -> dict[str, Score]:
    """Scores per language file, plus "all"."""
    scores: dict[str, Score] = {}
    total = Score()
    for path in sorted(data.glob("*.jsonl")):
        score = Score()
        for row in load(path):
            score.add(score_row(row, path.stem))
        scores[path.stem] = score
        total.add(score)
    scores["all"] = total
    return scores


def table(scores: dict[str, Score]) -> str:
    lines = [f"{'lang':<5} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>10} {'recall':>7} {'due exact':>10}"]
    for name, s in scores.items():
        lines.append(
            f"{name:<5} {s.tp:>4} {s.fp:>4} {s.fn:>4} {s.precision:>10.3f} {s.recall:>7.3f} {s.due_accuracy:>10.3f}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--misses", action="store_true", help="list every wrong answer")
    args = parser.parse_args()
    sets = (("labelled set", args.data), ("held-out set", args.data / "heldout"), ("extra set", args.data / "extra"),
            ("blind set", args.data / "blind"), ("second blind set", args.data / "blind2"))
    for title, data in sets:
        if not data.is_dir():
            continue
        scores = evaluate(data)
        print(f"{title} ({data})\n{table(scores)}\n")
        if args.misses and scores["all"].misses:
            print("\n".join(scores["all"].misses) + "\n")
    for folder in _mail_sets(args.data):
        print(promises_mail.report(folder, misses=args.misses))


def _mail_sets(data: Path) -> list[Path]:
    """mail/, mail_heldout/, then mail_blind3/, mail_blind4/, … in the order they were written."""
    blind = sorted(data.glob("mail_blind*"), key=lambda folder: int(folder.name.removeprefix("mail_blind")))
    return [folder for folder in (data / "mail", data / "mail_heldout", *blind) if folder.is_dir()]


if __name__ == "__main__":
    main()
