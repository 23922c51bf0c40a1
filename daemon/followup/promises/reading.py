"""Who acts in a sentence and how: the reading that decides whether it is our promise.

A sentence is our commitment only when our side acts (we, I, or a colleague or thing of
ours) and the modality is a commitment. Every other reading is named, so a miss can be
traced to the class that caused it:

- question:  ends in "?"
- request:   the client is asked to act ("I bedes sende…", "please sign…")
- offer:     the choice is left to the client ("either … or …, whichever you prefer")
- hedge:     we only try or hope ("vi vil forsøge", "confiem tenir-ho")
- condition: it holds only if something else happens ("if you send…")
- notice:    an absence, a closure, a formula, a declined commitment, the client's own word
- client:    the person acting is the client greeted at the top of the mail, or one of
             the client's people acting for us ("jeres vicevært låser os ind")
- third party: someone outside both sides acts ("the courier will…", "leverantören…")
- report:    what we usually do ("normalt leverer vi innen ti dager")

The per-language word lists for each reading are data in `rules/<language>.toml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .rules import Rules

COMMIT = "commit"
# The greeting line at the top of a mail names the client: "Hi Nina,", "Hei Kari!", "Dobrý deň, pán Novák,".
_GREETING = re.compile(r"\A\s*(?:[^\W\d_]+[ ,]+){0,3}?(?P<name>[^\W\d_][^\W\d_'-]+)\s*[,!]?[ \t]*\n")
_FIRST_WORD = re.compile(r"[^\W\d_][\w'-]*")


@dataclass(frozen=True)
class Reading:
    modality: str  # COMMIT or one of the names above
    strong: bool  # an explicit commitment cue of our side ("I will", "vi skal")
    weak: bool  # a cue that commits only with a due time or cadence ("Kari ringer deg")


def client_name(text: str) -> str | None:
    """The name on a short greeting line at the top of `text`, or None."""
    match = _GREETING.match(text)
    if match is None or len(match.group(0).split()) > 5:
        return None
    return match.group("name")


def read(sentence: str, rules: Rules, client: str | None = None) -> Reading:
    """The reading of one sentence (line breaks already folded to spaces)."""
    # A past-tense sentence with a day in it ("we sent it on Monday") is a report; an
    # explicit future cue ("I'll find out why it was sent twice") still wins over it.
    weak = _any(rules.weak, sentence) and not _any(rules.past, sentence)
    # Someone of ours acting ("our roofer, Dave, will start…", "montørene våre setter dem
    # opp") commits our side even without a date.
    strong = _any(rules.strong, sentence) or (weak and _any(rules.ours, sentence))
    modality = _modality(sentence, rules, client)
    if modality in (COMMIT, "notice") and _any(rules.waiver, sentence):
        # "We will not charge you for the visit" reads as a declined commitment, but it
        # is one in the client's favour.
        return Reading(COMMIT, True, weak)
    return Reading(modality, strong, weak)


def _modality(sentence: str, rules: Rules, client: str | None) -> str:
    if sentence.rstrip().endswith("?"):
        return "question"
    # A proviso on circumstances ("if the weather allows") leaves the commitment standing.
    conditional = () if _any(rules.proviso, sentence) else rules.conditional
    for name, group in (("request", rules.request), ("offer", rules.offer), ("hedge", rules.hedge),
                        ("condition", conditional), ("notice", rules.negative),
                        ("third party", rules.third_party), ("client", rules.client_side),
                        ("report", rules.habitual)):
        if _any(group, sentence):
            return name
    first = _FIRST_WORD.search(sentence)
    if client and first is not None and first.group(0) == client:
        return "client"
    return COMMIT


def _any(patterns, sentence: str) -> bool:
    return any(p.search(sentence) for p in patterns)
