"""Promise extraction scored on whole emails, read the way the product reads mail.

Each line of bench/promises_eval/mail/<lang>.jsonl is one email of our side to a client:
id, sent_at (local wall time), tz, from_name, subject, body (with quoted client text,
hard wraps and signature), promises [{anchor, due, category}] and negatives [{anchor,
category}]. For each row a real message is built with the stdlib `email` package (From
with from_name, Date from sent_at in tz, Subject, body), parsed by followup's own parser
(which splits off quoted history and signature) and its new text handed to the extractor
with the file's language as the client's locale.

- A found promise matches a labelled one when its quote, whitespace collapsed, contains
  the anchor (whitespace collapsed, a trailing comma, semicolon or colon dropped: since
  2026-12-01 07:31, when mail_blind11 ended 58 anchors on the comma before "and"). Each label is matched once; when a quote holds several
  unmatched anchors (a second clause is quoted from the start of its sentence), it matches one
  whose due it got right, else the one ending last (since 2026-12-01; before, the first in
  label order). The counts of TP, FP and FN do not depend on this choice.
- A found promise that matches no label is a false positive, attributed to a negative's
  category when its quote contains that negative's anchor, else to "other".
- Due exact: the found local date equals the label's (and the time, when the label has
  one); a label without a due date is exact when nothing was found either. A cadence
  promise ("every Friday") is recorded with its cadence and no due date; it is judged by
  its first slot, which the product computes as the next update's due time from the
  message (schedule.cadence.due_after), against the label's due date (the convention of
  mail_blind3/ and mail_blind4/: the first occurrence); where a set labels a cadence
  promise without a due date (mail/), recording none is exact. Decided before mail_blind4
  was run.

Precision, recall and due exact are printed per language and per category; "neg" is the
number of labelled look-alikes (hard negatives) of a category, so a negative category's FP
column reads against it.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from followup.mail.parse import parse_message
from followup.promises import Commitment, extract_promises
from followup.promises.extract import PACKAGED
from followup.schedule.cadence import due_after

OTHER = "other"
_SPACE = re.compile(r"\s+")


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    due_exact: int = 0
    misses: list[str] = field(default_factory=list)
    negatives: int = 0  # labelled look-alikes of this category

    def add(self, other: "Tally") -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn
        self.due_exact += other.due_exact
        self.misses += other.misses
        self.negatives += other.negatives

    def row(self, name: str) -> str:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        due = self.due_exact / self.tp if self.tp else 1.0
        return (f"{name:<24} {self.tp:>4} {self.fp:>4} {self.fn:>4} {precision:>10.3f} {recall:>7.3f} {due:>10.3f}"
                f" {self.negatives:>5}")


def collapse(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def anchor_text(anchor: str) -> str:
    """An anchor as it is matched: whitespace collapsed, a trailing comma, semicolon or colon
    dropped (it belongs to the clause boundary, which a clause's quote never includes)."""
    return collapse(anchor).rstrip(",;: ")


def as_email(row: dict) -> bytes:
    """The row as the raw bytes of a real message of our side."""
    sent = datetime.fromisoformat(row["sent_at"]).replace(tzinfo=ZoneInfo(row["tz"]))
    msg = EmailMessage()
    msg["From"] = Address(display_name=row["from_name"], addr_spec="owner@agency.example")
    msg["To"] = "client@client.example"
    msg["Subject"] = row["subject"]
    msg["Date"] = format_datetime(sent)
    msg["Message-ID"] = f"<{row['id']}@agency.example>"
    msg.set_content(row["body"])
    return msg.as_bytes(policy=SMTP)


def found_in(row: dict, language: str, model: object = PACKAGED) -> list[Commitment]:
    parsed = parse_message(as_email(row))
    return extract_promises(parsed.new_text, sent_at=parsed.date, timezone=row["tz"], locale_hint=language,
                            model=model)


def score_mail(row: dict, language: str, model: object = PACKAGED) -> dict[str, Tally]:
    """Tallies of one email per category, plus "all"."""
    tallies: dict[str, Tally] = defaultdict(Tally)
    labels = [(anchor_text(p["anchor"]), p) for p in row["promises"]]
    matched: set[int] = set()
    for found in found_in(row, language, model):
        quote = collapse(found.quote)
        hit = _own_label(found, quote, labels, matched, row)
        if hit is None:
            category = next((n["category"] for n in row["negatives"] if anchor_text(n["anchor"]) in quote), OTHER)
            _count(tallies, category, Tally(fp=1, misses=[f"FP {row['id']} [{category}]: {quote}"]))
            continue
        matched.add(hit)
        label = labels[hit][1]
        exact = _due_exact(found, label, row)
        miss = [] if exact else [f"DUE {row['id']} [{label['category']}]: {quote} -> {_local(found, row)}"
                                 f" (want {label['due']})"]
        _count(tallies, label["category"], Tally(tp=1, due_exact=int(exact), misses=miss))
    for negative in row["negatives"]:
        _count(tallies, negative["category"], Tally(negatives=1))
    for i, (anchor, label) in enumerate(labels):
        if i not in matched:
            _count(tallies, label["category"], Tally(fn=1, misses=[f"FN {row['id']} [{label['category']}]: {anchor}"]))
    return tallies


def _own_label(found: Commitment, quote: str, labels: list[tuple[str, dict]], matched: set[int], row: dict) -> int | None:
    """The unmatched label a found quote stands for, of those whose anchor it contains: one
    whose due date it got right if any, else the one ending last. A clause is quoted from the
    start of its sentence, so a second clause's quote also holds the first clause's anchor, and
    one finding may cover two labelled clauses; the count is the same whichever it stands for,
    so it stands for the one that agrees with it."""
    inside = [i for i, (anchor, _) in enumerate(labels) if i not in matched and anchor in quote]
    return max(inside, key=lambda i: (_due_exact(found, labels[i][1], row),
                                      quote.rfind(labels[i][0]) + len(labels[i][0])), default=None)


def _count(tallies: dict[str, Tally], category: str, tally: Tally) -> None:
    tallies[category].add(tally)
    tallies["all"].add(Tally(tally.tp, tally.fp, tally.fn, tally.due_exact, list(tally.misses), tally.negatives))


def _local(found: Commitment, row: dict, first_slot: bool = True) -> str | None:
    zone = row["tz"]
    due = found.due_at
    if due is None and found.cadence is not None and first_slot:
        sent = datetime.fromisoformat(row["sent_at"]).replace(tzinfo=ZoneInfo(zone))
        due = due_after(found.cadence, sent, timezone=zone)
    if due is None:
        return None
    return due.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%dT%H:%M")


def _due_exact(found: Commitment, label: dict, row: dict) -> bool:
    want = label.get("due")
    got = _local(found, row, first_slot=want is not None)
    if want is None or got is None:
        return want is None and got is None
    return got == want if "T" in want else got[:10] == want


def evaluate(data: Path, model: object = PACKAGED) -> tuple[dict[str, Tally], dict[str, Tally]]:
    """(tallies per language plus "all", tallies per category over all languages); `model` is
    the learned reader the extractor uses (extract.read_clauses), by default the packaged one."""
    languages: dict[str, Tally] = {}
    categories: dict[str, Tally] = defaultdict(Tally)
    total = Tally()
    for path in sorted(data.glob("*.jsonl")):
        language = Tally()
        for line in path.read_text("utf-8").splitlines():
            if not line.strip():
                continue
            for category, tally in score_mail(json.loads(line), path.stem, model).items():
                if category == "all":
                    language.add(tally)
                else:
                    categories[category].add(tally)
        languages[path.stem] = language
        total.add(language)
    languages["all"] = total
    return languages, dict(sorted(categories.items()))


def report(data: Path, misses: bool = False) -> str:
    languages, categories = evaluate(data)
    head = f"{'':<24} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>10} {'recall':>7} {'due exact':>10} {'neg':>5}"
    lines = [f"mail set ({data})", head.replace(" " * 24, f"{'language':<24}", 1)]
    lines += [t.row(name) for name, t in languages.items()]
    lines += ["", head.replace(" " * 24, f"{'category':<24}", 1)]
    lines += [t.row(name) for name, t in categories.items()]
    if misses:
        lines += [""] + languages["all"].misses
    return "\n".join(lines) + "\n"
