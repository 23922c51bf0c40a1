"""Would a learned per-clause classifier find commitments better than the cue rules?

    pip install .[bench]    # scikit-learn: only this experiment needs it
    python bench/promises_classifier.py [--test mail_blind25 ...] [--C 2.0] [--penalty l2]
                                        [--veto 0.2]

Every clause the extractor reads in the development mail sets (bench/promises_eval/mail*/, all
but the sets kept for honest figures and validation, HONEST below) becomes one example: features are
those of followup/promises/features.py (the reading stage's actor, modality and cue groups,
whether a due time or cadence was found, the clause's words, word pairs, stems and endings,
and its lead-in, per language); the label is whether a labelled
commitment's anchor lies in the clause. The labelled sentence sets (promises.py) and the
sentences of the promise class tests (class_sentences.py) are examples too, the latter
labelled by the cue rules' reading that the tests hold them to. For each --test set, a logistic regression is trained
on every other development set and scored on the test set beside the cue rules: as a reader
of its own (a clause is a promise at p >= 0.5), and as a veto on the rules' finds (a find is
dropped when p < --veto). The rules' own decision is left out of the features: the rules
were fitted to the training sets, so a model given their verdict only copies it. Scoring is
this script's own (a quote matches a label whose anchor it contains), close to
promises_mail's but not the same, so compare the columns of one run only.
Used for issue 13 (bench/README.md: a gain of ~0.03 in precision at 2,000 mails, not adopted;
again at ~6,000 mails, blended with the rules; at ~7,300 mails with the class tests' sentences
it decides, 2026-12-01).
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import promises_mail
from promises_mail import anchor_text, as_email, collapse

from followup.mail.parse import parse_message
from followup.promises.extract import read_clauses
from followup.promises.features import clause_features
from followup.promises.language import detect_language
from followup.promises.learned import MODEL_FILE
from followup.promises.reading import client_name
from followup.promises.rules import rules_for

DATA = Path(__file__).parent / "promises_eval"
# Never trained on (bench/promises.py): the sets kept for closing figures. A new blind set must
# be added here before it is run, or --save would train on it. Sets that served so (mail_blind21,
# 26-155) are training data once their figures are on record.
HONEST = {"mail_blind156", "mail_blind157", "mail_blind158", "mail_blind159"}
SETS = tuple(folder.name for folder in sorted(DATA.glob("mail*"), key=lambda f: (len(f.name), f.name))
             if folder.is_dir() and folder.name not in HONEST)


def _featured(text: str, sent_at: datetime, zone: str, locale: str) -> list[tuple]:
    """(clause, features) for every clause of `text` as the rules alone read it."""
    rules, client = rules_for(detect_language(text, locale)), client_name(text)
    return [(clause, clause_features(clause.dated.sentence, clause.lead, rules, client, clause.dated))
            for clause in read_clauses(text, sent_at=sent_at, timezone=zone, locale_hint=locale, model=None)]


def clause_examples(row: dict, language: str) -> list[tuple[dict, bool, str, bool]]:
    """(features, the rules found it, quote, labelled) for every clause of one email."""
    parsed = parse_message(as_email(row))
    text = parsed.new_text
    anchors = [anchor_text(p["anchor"]) for p in row["promises"]]
    examples = []
    for clause, features in _featured(text, parsed.date, row["tz"], detect_language(text, language)):
        quote, before = collapse(text[clause.quote_start:clause.end]), collapse(clause.lead)
        labelled = any(a in quote and a not in before for a in anchors)
        examples.append((features, clause.commitment is not None, quote, labelled))
    return examples


def class_examples() -> list[tuple[dict, bool, str, bool]]:
    """The clauses of the class tests' sentences, labelled by what the rules find in them."""
    from class_sentences import class_sentences

    examples = []
    for row in class_sentences():
        text = row["text"]
        for clause, features in _featured(text, datetime.fromisoformat(row["sent_at"]), row["tz"], row["language"]):
            found = clause.commitment is not None
            examples.append((features, found, text[clause.quote_start:clause.end], found))
    return examples


SENTENCE_SETS = ("", "heldout", "extra", "blind", "blind2")  # promises_eval/<lang>.jsonl and its folders


def sentence_examples() -> list[tuple[dict, bool, str, bool]]:
    """The clauses of the labelled sentence sets (bench/promises.py): a sentence that is no
    promise gives negatives; one that is, its clauses the rules find (all, where they find none)."""
    from promises import load

    examples = []
    for folder in SENTENCE_SETS:
        for path in sorted((DATA / folder).glob("*.jsonl")):
            for row in load(path):
                sent_at = datetime.fromisoformat(row["sent_at"]).replace(tzinfo=ZoneInfo(row["tz"]))
                read = _featured(row["text"], sent_at, row["tz"], path.stem)
                any_found = any(clause.commitment for clause, _ in read)
                for clause, features in read:
                    found = clause.commitment is not None
                    label = bool(row["promise"]) and (found or not any_found)
                    examples.append((features, found, row["text"][clause.quote_start:clause.end], label))
    return examples


def _rows(name: str):
    for path in sorted((DATA / name).glob("*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                yield path.stem, promises_mail.json.loads(line)


def _score(emails: list[tuple[dict, list[tuple[str, bool]]]]) -> tuple[float, float]:
    """Precision and recall of the chosen quotes, matched to labels as promises_mail does."""
    tp = fp = fn = 0
    for row, chosen in emails:
        labels, matched = [collapse(p["anchor"]) for p in row["promises"]], set()
        for quote, keep in chosen:
            if not keep:
                continue
            hit = next((i for i, a in enumerate(labels) if i not in matched and a in quote), None)
            tp, fp = (tp + 1, fp) if hit is not None else (tp, fp + 1)
            matched |= {hit} - {None}
        fn += len(labels) - len(matched)
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--test", nargs="+", choices=SETS + tuple(sorted(HONEST)),
                        help="a set kept for honest figures is only tested on, never trained on")
    parser.add_argument("--C", type=float, default=2.0)
    parser.add_argument("--penalty", default="l2", choices=("l1", "l2"))
    parser.add_argument("--veto", type=float, default=0.2, help="drop a rules' find below this probability")
    parser.add_argument("--save", type=Path, help=f"train on every development set and write the weights here"
                        f" (the package's: daemon/followup/promises/data/{MODEL_FILE}), then stop")
    args = parser.parse_args()
    if args.save:
        if args.test:
            parser.error("--save trains on every development set; --test sets are for the comparison runs")
        save(args.save, args.C, args.penalty)
        return
    tests = args.test or ["mail_blind25"]
    examples = defaultdict(list)
    for name in {*SETS, *tests}:
        for language, row in _rows(name):
            examples[name].append((row, clause_examples(row, language)))
    taught = class_examples() + sentence_examples()
    for test_name in tests:
        trained_on = [name for name in SETS if name != test_name]
        train = [ex for name in trained_on for _, clauses_ in examples[name] for ex in clauses_] + taught
        vectors, model = _fit(train, args.C, args.penalty)
        test = examples[test_name]
        by_rules, by_model, by_veto = [], [], []
        for row, cl in test:
            p = model.predict_proba(vectors.transform([f for f, *_ in cl]))[:, 1] if cl else []
            by_rules.append((row, [(q, found) for _, found, q, _ in cl]))
            by_model.append((row, [(q, keep >= 0.5) for (_, _, q, _), keep in zip(cl, p)]))
            by_veto.append((row, [(q, found and keep >= args.veto) for (_, found, q, _), keep in zip(cl, p)]))
        figures = "; ".join(f"{label} P {_score(chosen)[0]:.3f} R {_score(chosen)[1]:.3f}"
                            for label, chosen in (("rules", by_rules), ("classifier", by_model),
                                                  (f"rules with veto < {args.veto}", by_veto)))
        print(f"{test_name} (trained on {len(train):,} clauses of {len(trained_on)} mail sets, the sentence sets and the class tests): {figures}", flush=True)


def _fit(train: list[tuple[dict, bool, str, bool]], c: float, penalty: str):
    """(vectoriser, logistic regression) fitted to the clauses' features and labels."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectors = DictVectorizer()
    x = vectors.fit_transform([f for f, *_ in train]).tocsr()
    x.indices, x.indptr = x.indices.astype("int32"), x.indptr.astype("int32")  # liblinear wants 32-bit indices
    # l2 is the default; naming it warns on scikit-learn 1.8 and later
    model = LogisticRegression(C=c, solver="liblinear", max_iter=3000, **({} if penalty == "l2" else {"penalty": penalty}))
    model.fit(x, [labelled for *_, labelled in train])
    return vectors, model


def kept_weights(vectors, model, smallest: float = 0.01) -> dict[str, float]:
    """The fitted model's weights by feature name, those under `smallest` left out (the
    packaged model's floor: they change no decision)."""
    return {name: float(w) for name, w in zip(vectors.get_feature_names_out(), model.coef_[0]) if abs(w) >= smallest}


def save(path: Path, c: float, penalty: str = "l2", smallest: float = 0.01) -> None:
    """Train on every development set and write the model the extractor reads (learned.py):
    weights under `smallest` are left out (65k of 213k features carry the model)."""
    import gzip
    import json

    train = [ex for name in SETS for language, row in _rows(name) for ex in clause_examples(row, language)]
    train += class_examples() + sentence_examples()
    vectors, model = _fit(train, c, penalty)
    weights = {name: round(w, 4) for name, w in kept_weights(vectors, model, smallest).items()}
    document = {"bias": round(float(model.intercept_[0]), 4), "trained_on": [*SETS, "sentence sets", "class tests"], "C": c,
                "penalty": penalty,
                "weights": dict(sorted(weights.items()))}
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as out:
        json.dump(document, out, ensure_ascii=False, separators=(",", ":"))
    print(f"{path}: {len(weights):,} weights from {len(train):,} clauses of {len(SETS)} mail sets, the sentence sets and the class tests")


if __name__ == "__main__":
    main()
