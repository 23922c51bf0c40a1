"""Commitments our side made, sentence by sentence, with due time and cadence.

Each sentence (see sentences.py; a polite formula or apology before a dash or colon is
its own clause) is read for who acts and how (see reading.py). Only a commitment of our
side counts: not a question, a request to the client, an offer that leaves the choice to
the client, a hedge, a condition, a notice, or the greeted client's own action. It must
carry a commitment cue of its language ("I will", "vi sender", "jag återkommer",
"t'enviaré", "pošleme"). Weak cues ("expect", "you'll get", and in most languages a
present-tense or third-person verb: "vi sender", "Kari ringer deg", "Nina will bring",
"el tècnic passarà") count only together with a due time or a cadence, and not in a
sentence marked as past or as an apology ("we sent it on Monday").

Confidence: a strong cue alone 0.75, with a due time or cadence 0.9; a weak cue with a
due time or cadence 0.65. The caller treats < 0.6 as "proposed".
"""

from __future__ import annotations

import functools
import re
from datetime import datetime, timedelta

from .cadences import find_cadence
from .dates import find_due
from .language import detect_language
from .model import Commitment
from .rules import Rules, rules_for
from .reading import COMMIT, client_name, read
from .sentences import clauses, split_sentences

_BREAKS = re.compile(r"\s*\n\s*")

STRONG, STRONG_DATED, WEAK_DATED = 0.75, 0.9, 0.65
# A due date outside this window of the message date is a misreading (or a date that is not
# a deadline): the words are kept as due text, the date is dropped.
HORIZON_BEFORE, HORIZON_AFTER = timedelta(days=1), timedelta(days=400)


def extract_promises(text: str, *, sent_at: datetime, timezone: str, locale_hint: str) -> list[Commitment]:
    """Every commitment in our side's newly written `text` of one message.

    `sent_at` is the message's Date (aware), `timezone` the IANA zone its due times are
    read in, `locale_hint` the client's locale ("nb_NO", "sk", ...) used for short texts.
    """
    language = detect_language(text, locale_hint)
    rules = rules_for(language)
    found = []
    is_formula = functools.partial(_is_formula, rules=rules)
    client = client_name(text)
    for sentence_start, sentence_end in split_sentences(text):
        for start, end in clauses(text, sentence_start, sentence_end, is_formula, rules.clause_join):
            commitment = _commitment(text, start, end, rules, sent_at, timezone, client)
            if commitment is not None:
                found.append(commitment)
    return found


def _any(patterns, sentence: str) -> bool:
    return any(p.search(sentence) for p in patterns)


def _is_formula(clause: str, rules: Rules) -> bool:
    # A polite formula ("let me know if…", "si fra hvis…"), notice or apology that carries
    # no commitment of its own.
    formula = _any(rules.negative, clause) or _any(rules.request, clause) or _any(rules.past, clause)
    return formula and not _any(rules.strong, clause)


def _commitment(
    text: str, start: int, end: int, rules: Rules, sent_at: datetime, zone: str, client: str | None
) -> Commitment | None:
    sentence = _BREAKS.sub(" ", text[start:end])
    reading = read(sentence, rules, client)
    strong, weak = reading.strong, reading.weak
    if reading.modality != COMMIT or not (strong or weak):
        return None
    cadence_match = find_cadence(sentence, None) or find_cadence(sentence, rules)
    # A weekday inside "every Tuesday" is the cadence, not a due day.
    searched = sentence
    if cadence_match is not None:
        gap = " " * (cadence_match.end - cadence_match.start)
        searched = sentence[: cadence_match.start] + gap + sentence[cadence_match.end :]
    due = find_due(searched, rules, sent_at, zone)
    due_at = due.due_at if due is not None else None
    if due_at is not None and not sent_at - HORIZON_BEFORE <= due_at <= sent_at + HORIZON_AFTER:
        due_at = None
    dated = due is not None or cadence_match is not None
    if not strong and not dated:
        return None
    confidence = (STRONG_DATED if dated else STRONG) if strong else WEAK_DATED
    return Commitment(
        quote=text[start:end],
        due_at=due_at,
        due_text=due.text if due else None,
        cadence=cadence_match.cadence if cadence_match else None,
        confidence=confidence,
        language=rules.language,
        span=(start, end),
    )
