"""Where the learned reader's bars buy precision and what they cost in recall, on mail sets.

    python bench/promises_bars.py mail_blind62 ... mail_blind79 --bars 0.45,0.7,0.2 0.45,0.7,0.5

(with `followup` importable: installed, or PYTHONPATH=daemon)

Each --bars is DECIDE,SURER,VETO_EXPLICIT (followup/promises/extract.py): the model's bar for a
clause the rules pass over, for one they refuse, and for dropping an explicit undated find of
theirs. For each, every named set is scored as promises_mail.py scores it and the sums are
printed: found, false, missed, precision, recall, due exact, and precision / recall per language.
The bars are the module's constants, set in each worker process before it scores (a bench
shortcut: the product never changes them), so the same run can compare them side by side.

Bars chosen on sets the rules or the reader were fitted to flatter them. Choose them on sets the
code has never seen: run this from a worktree of an older commit (its `daemon/` first on the
path, as below) on sets written after it, e.g. session 12's choice of VETO_EXPLICIT on
mail_blind62-79 with the code of 3f17dcb (bench/README.md, "Session 12"):

    git worktree add /tmp/old 3f17dcb
    PYTHONPATH=/tmp/old/daemon python bench/promises_bars.py --data bench/promises_eval \\
        mail_blind62 ... mail_blind79 --bars 0.45,0.7,0.2 0.45,0.7,0.5

Or keep today's code and give it the reader of an older commit with --model, one never trained
on the named sets (session 15's choice of DECIDE on mail_blind104-111, run once per reader):

    git show a143530:daemon/followup/promises/data/clauses.json.gz > /tmp/to103.json.gz
    python bench/promises_bars.py mail_blind104 ... mail_blind107 --model /tmp/to103.json.gz \\
        --bars 0.45,0.7,0.5 0.6,0.7,0.5
"""

from __future__ import annotations

import argparse
import functools
from collections import defaultdict
from multiprocessing import Pool
from pathlib import Path

import promises_mail

import followup.promises.extract as extract
from followup.promises import learned

LANGUAGES = ("ca", "da", "en", "nb", "sk", "sv")
_DATA = Path(promises_mail.__file__).parent / "promises_eval"


def _score(job: tuple[Path, tuple[float, float, float], Path | None]) -> tuple[tuple[float, float, float],
                                                                              dict[str, list[float]]]:
    """(bars, {language: [found, false, missed, due exact among found]}) for one set."""
    folder, bars, model_file = job
    extract.DECIDE, extract.SURER, extract.VETO_EXPLICIT = bars
    model = promises_mail.PACKAGED if model_file is None else _reader(model_file)
    languages, _ = promises_mail.evaluate(folder, model)
    return bars, {language: [tally.tp, tally.fp, tally.fn, tally.due_exact]
                  for language, tally in languages.items() if language != "all"}


@functools.cache
def _reader(model_file: Path) -> learned.ClauseModel | None:
    """The weights in `model_file`, read once per worker (None when damaged)."""
    with model_file.open("rb") as raw:
        return learned.load(raw)


def _bars(text: str) -> tuple[float, float, float]:
    decide, surer, veto = (float(part) for part in text.split(","))
    return decide, surer, veto


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="+", help="mail set folders under --data")
    parser.add_argument("--bars", nargs="+", type=_bars, required=True, metavar="DECIDE,SURER,VETO_EXPLICIT")
    parser.add_argument("--data", type=Path, default=_DATA)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--model", type=Path, help="a reader's weights (clauses.json.gz) instead of the packaged one")
    args = parser.parse_args()
    if args.model is not None and _reader(args.model) is None:  # else each set would be scored by the rules alone
        parser.error(f"--model {args.model}: not a reader's weights (clauses.json.gz)")
    print(f"extractor: {Path(extract.__file__).parent}")
    print(f"reader: {args.model or 'packaged'}")
    jobs = [(args.data / name, bars, args.model) for bars in args.bars for name in args.sets]
    totals: dict[tuple, dict[str, list[float]]] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0, 0.0]))
    with Pool(args.jobs) as pool:
        for bars, sums in pool.imap_unordered(_score, jobs):
            for language, values in sums.items():
                totals[bars][language] = [a + b for a, b in zip(totals[bars][language], values)]
    print(f"{'DECIDE,SURER,VETO':<18} {'found':>6} {'false':>6} {'missed':>6}  P       R       due     per language P / R")
    for bars in args.bars:
        per = totals[bars]
        found, false, missed, due = (sum(v[i] for v in per.values()) for i in range(4))
        languages = " ".join(f"{lang} {v[0] / max(v[0] + v[1], 1):.3f}/{v[0] / max(v[0] + v[2], 1):.3f}"
                             for lang, v in sorted(per.items()))
        print(f"{','.join(map(str, bars)):<18} {found:>6} {false:>6} {missed:>6}  {found / max(found + false, 1):.4f}  "
              f"{found / max(found + missed, 1):.4f}  {due / max(found, 1):.4f}  {languages}")


if __name__ == "__main__":
    main()
