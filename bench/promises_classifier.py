"""Would a learned per-clause classifier find commitments better than the cue rules?

    pip install scikit-learn    # only this experiment needs it
    python bench/promises_classifier.py [--test mail_blind5] [--C 1.0] [--penalty l2]

Every clause the extractor reads in the mail sets (bench/promises_eval/mail*/) becomes one
example: features are the reading stage's actor, modality and cue groups, whether a due
time or cadence was found, and the clause's words and word pairs per language; the label is
whether a labelled commitment's anchor lies in the clause. A logistic regression is trained
on every set but --test and scored on --test with promises_mail's own matching, beside the
cue rules' figure on the same set. The rules' own decision is left out of the features: the
rules were fitted to the training sets, so a model given their verdict only copies it.
Used once for issue 13 (bench/README.md: a gain of ~0.03 in precision, not adopted).
"""

from __future__ import annotations

import argparse
import re
from collections import defaultdict
from pathlib import Path

import promises_mail
from promises_mail import anchor_text, as_email, collapse

from followup.mail.parse import parse_message
from followup.promises.extract import read_clauses
from followup.promises.language import detect_language
from followup.promises.reading import _any, client_name, read
from followup.promises.rules import _CUE_GROUPS, rules_for
from followup.promises.sentences import without_abbreviations

DATA = Path(__file__).parent / "promises_eval"
SETS = ("mail", "mail_heldout", "mail_blind3", "mail_blind4", "mail_blind5", "mail_blind6", "mail_blind7", "mail_blind8", "mail_blind9", "mail_blind10", "mail_blind11")
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?|\d+")


def clause_examples(row: dict, language: str) -> list[tuple[dict, bool, str, bool]]:
    """(features, rules found it, quote, labelled) for every clause of one email."""
    parsed = parse_message(as_email(row))
    text = parsed.new_text
    language = detect_language(text, language)
    rules, client = rules_for(language), client_name(text)
    anchors = [anchor_text(p["anchor"]) for p in row["promises"]]
    examples = []
    for clause in read_clauses(text, sent_at=parsed.date, timezone=row["tz"], locale_hint=language):
        quote, before = collapse(text[clause.quote_start:clause.end]), collapse(clause.lead)
        labelled = any(a in quote and a not in before for a in anchors)
        features = _features(clause.dated.sentence, clause.lead, language, rules, client, clause.dated)
        examples.append((features, clause.commitment is not None, quote, labelled))
    return examples


def _features(clause: str, lead: str, language: str, rules, client, dated) -> dict[str, int]:
    plain = without_abbreviations(clause)
    reading = read(plain, rules, client, lead)
    features = {f"lang={language}": 1, f"actor={reading.actor}": 1, f"modality={reading.modality}": 1,
                "strong": int(reading.strong), "weak": int(reading.weak), "due": int(dated.due is not None),
                "cadence": int(dated.cadence is not None), "question": int(clause.rstrip().endswith("?"))}
    features.update({f"cue={group}": 1 for group in ("strong",) + _CUE_GROUPS if _any(getattr(rules, group), plain)})
    words = [w.lower() for w in _WORD.findall(plain)]
    features.update({f"{language}:w={w}": 1 for w in words})
    features.update({f"{language}:b={a}_{b}": 1 for a, b in zip(words, words[1:])})
    return features


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
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--test", default="mail_blind5", choices=SETS)
    parser.add_argument("--C", type=float, default=1.0)
    parser.add_argument("--penalty", default="l2", choices=("l1", "l2"))
    args = parser.parse_args()
    examples = defaultdict(list)
    for name in SETS:
        for language, row in _rows(name):
            examples[name].append((row, clause_examples(row, language)))
    train = [ex for name in SETS if name != args.test for _, clauses_ in examples[name] for ex in clauses_]
    vectors = DictVectorizer()
    x = vectors.fit_transform([f for f, *_ in train]).tocsr()
    x.indices, x.indptr = x.indices.astype("int32"), x.indptr.astype("int32")
    model = LogisticRegression(C=args.C, penalty=args.penalty, solver="liblinear", max_iter=3000)
    model.fit(x, [labelled for *_, labelled in train])
    test = examples[args.test]
    by_rules = [(row, [(q, found) for _, found, q, _ in cl]) for row, cl in test]
    by_model = []
    for row, cl in test:
        p = model.predict_proba(vectors.transform([f for f, *_ in cl]))[:, 1] if cl else []
        by_model.append((row, [(q, keep >= 0.5) for (_, _, q, _), keep in zip(cl, p)]))
    print(f"{args.test}: rules P {_score(by_rules)[0]:.3f} R {_score(by_rules)[1]:.3f}; "
          f"classifier ({args.penalty}, C={args.C}, {int((model.coef_ != 0).sum())} weights) "
          f"P {_score(by_model)[0]:.3f} R {_score(by_model)[1]:.3f}")


if __name__ == "__main__":
    main()
