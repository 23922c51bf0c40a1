"""How far two people agree on what our side promised: the ceiling for the extractor's figures.

    python bench/promises_agreement.py [mail_blind44 mail_blind45 ...]

A mail set with a folder `second_labeller/` was labelled a second time, independently: its
`labels.jsonl` holds one line per e-mail, {"id", "promises": [{"anchor", "due"}]}, written by a
labeller who read the e-mails and the two labelling guides but never the set's own labels (the
folder's README.md says who, how and what they were told). For each such set this prints, per
language, the set's promises, the second labeller's, those both marked, the second labeller's
precision and recall against the set and the due dates they agree on, and beside them the
extractor's precision, recall and due exact on the same e-mails (promises_mail.py), so the
distance between the extractor and the labels reads against the distance between two people.

Two labels mark the same promise when their anchors overlap in the whitespace-collapsed body by
at least half of the shorter: each labeller picks 5-12 words of the clause, not always the same
ones. Due dates agree when they are equal, "no due date" on both sides included.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

import promises_mail
from promises_classifier import HONEST
from promises_mail import anchor_text, collapse

from followup.promises.learned import clause_model

DATA = Path(__file__).parent / "promises_eval"
SECOND = "second_labeller"


@dataclass
class Agreement:
    first: int = 0  # promises the set labels
    second: int = 0  # promises the second labeller marked
    both: int = 0  # promises both marked
    due: int = 0  # of those, due dates agreed

    def add(self, other: "Agreement") -> None:
        self.first, self.second = self.first + other.first, self.second + other.second
        self.both, self.due = self.both + other.both, self.due + other.due

    @property
    def figures(self) -> tuple[float, float, float]:
        """(precision, recall, due agreed) of the second labeller against the set."""
        return (self.both / self.second if self.second else 1.0, self.both / self.first if self.first else 1.0,
                self.due / self.both if self.both else 1.0)


def _span(body: str, anchor: str) -> tuple[int, int] | None:
    words = anchor_text(anchor)
    start = body.find(words)
    return (start, start + len(words)) if start >= 0 else None


def _same(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    if a is None or b is None:
        return False
    overlap = min(a[1], b[1]) - max(a[0], b[0])
    return overlap > 0 and overlap >= min(a[1] - a[0], b[1] - b[0]) / 2


def agree(row: dict, second: list[dict]) -> tuple[Agreement, list[str]]:
    """The agreement on one e-mail between its labels (row["promises"]) and a second labeller's
    promises, with a line for each difference."""
    body = collapse(row["body"])
    firsts = [(_span(body, p["anchor"]), p) for p in row["promises"]]
    tally, differences, taken = Agreement(first=len(firsts), second=len(second)), [], set()
    for promise in second:
        span = _span(body, promise["anchor"])
        hit = next((i for i, (s, _) in enumerate(firsts) if i not in taken and _same(s, span)), None)
        if hit is None:
            differences.append(f"ONLY SECOND {row['id']}: {promise['anchor']} (due {promise.get('due')})")
            continue
        taken.add(hit)
        tally.both += 1
        first = firsts[hit][1]
        if (first.get("due") or None) == (promise.get("due") or None):
            tally.due += 1
        else:
            differences.append(f"DUE {row['id']}: {first['anchor']}: {first.get('due')} / {promise.get('due')}")
    differences += [f"ONLY FIRST {row['id']} [{p['category']}]: {p['anchor']} (due {p.get('due')})"
                    for i, (_, p) in enumerate(firsts) if i not in taken]
    return tally, differences


def compare(data: Path) -> tuple[dict[str, Agreement], list[str]]:
    """(agreement per language plus "all", the differences) of a set and its second labelling."""
    seconds = {}
    for line in (data / SECOND / "labels.jsonl").read_text("utf-8").splitlines():
        if line.strip():
            labels = json.loads(line)
            seconds[labels["id"]] = labels["promises"]
    languages: dict[str, Agreement] = {}
    differences: list[str] = []
    for path in sorted(data.glob("*.jsonl")):
        language = languages.setdefault(path.stem, Agreement())
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if row["id"] not in seconds:
                    raise ValueError(f"{data / SECOND / 'labels.jsonl'} has no line for {row['id']}:"
                                     " the second labelling must cover every e-mail of the set")
                tally, lines = agree(row, seconds.pop(row["id"]))
                language.add(tally)
                differences += lines
    if seconds:
        raise ValueError(f"{data / SECOND / 'labels.jsonl'} labels e-mails the set does not have: {sorted(seconds)}")
    total = Agreement()
    for tally in languages.values():
        total.add(tally)
    return {**languages, "all": total}, differences


def report(data: Path, differences: bool = False, withheld: Collection[str] = HONEST) -> str:
    """The agreement table; the extractor's figures beside it unless the set is `withheld` (kept
    for a first run: printing them here would be that run, before the round is final)."""
    agreement, lines = compare(data)
    head = f"{'language':<9} {'set':>4} {'2nd':>4} {'both':>5} | {'2nd P':>6} {'2nd R':>6} {'2nd due':>8}"
    rows = {name: f"{name:<9} {tally.first:>4} {tally.second:>4} {tally.both:>5} | "
                  + " ".join(f"{figure:>{width}.3f}" for figure, width in zip(tally.figures, (6, 6, 8)))
            for name, tally in agreement.items()}
    if data.name in withheld:
        out = [f"{data.name}: the second labeller against the set's labels (the extractor's figures are"
               " withheld: the set is kept for a first run, promises_classifier.HONEST)", head, *rows.values()]
    else:
        extractor, _ = promises_mail.evaluate(data)
        out = [f"{data.name}: the second labeller against the set's labels, and the extractor against them",
               f"{head} | {'ext P':>6} {'ext R':>6} {'ext due':>8}"]
        out += [f"{row} | {_extractor_figures(extractor[name])}" for name, row in rows.items()]
        model = clause_model()
        if model is not None and data.name in model.trained_on:
            out.append("(the packaged learned reader was trained on this set, so the extractor's figures here are"
                       " not a first run; bench/README.md has the set's first run)")
    if differences:
        out += [""] + lines
    return "\n".join(out) + "\n"


def _extractor_figures(found: promises_mail.Tally) -> str:
    precision = found.tp / (found.tp + found.fp) if found.tp + found.fp else 1.0
    recall = found.tp / (found.tp + found.fn) if found.tp + found.fn else 1.0
    due = found.due_exact / found.tp if found.tp else 1.0
    return f"{precision:>6.3f} {recall:>6.3f} {due:>8.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", help=f"mail sets with a {SECOND}/ folder (default: every one)")
    parser.add_argument("--differences", action="store_true", help="list every promise the two labellings differ on")
    args = parser.parse_args()
    names = args.sets or sorted(p.parent.parent.name for p in DATA.glob(f"*/{SECOND}/labels.jsonl"))
    for name in names:
        if not (DATA / name / SECOND / "labels.jsonl").is_file():
            parser.error(f"{DATA / name} has no {SECOND}/labels.jsonl: name a set that was labelled twice")
        try:
            print(report(DATA / name, args.differences))
        except (ValueError, KeyError) as exc:  # a second labelling that does not fit its set
            parser.error(f"{name}: {exc}")


if __name__ == "__main__":
    main()
