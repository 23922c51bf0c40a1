"""Who acts in a clause and how: the reading that decides whether it is our promise.

A clause is read in two independent steps, each driven by the cue lists of its language
(`rules/<language>.toml`), before any date is looked at:

**Who acts** (the actor):
- we:          our side in the first person ("I will", "vi sender"), an agentless passive
               whose implied agent is us ("the invoice will be corrected", "fakturaen
               krediteres", "faktúra bude opravená"), or a receipt the client gets from us
               ("you will have", "du har varerne senest…", "tindreu", "budete mať")
- colleague:   a person or team of ours ("our roofer", "montørene våre", "Anna from our…")
- client:      the client greeted at the top of the mail, or the client's people acting
               for us ("jeres vicevært låser os ind")
- third party: someone outside both sides ("the courier will…", "leverantören…", "the
               loss adjuster…")
- unknown:     none of these; a weak cue may still commit together with a date
               ("Nina will bring the badges tomorrow")

**Modality**: question ("?"), request (the client is asked to act), offer (the choice is
left to the client), hedge (we only try or hope), condition (it holds only if something
else happens), notice (an absence, closure, formula, a declined commitment), report (what
we usually do, or what is going on now), past (an apology or an account of what already
happened, with no explicit future cue), or commit.

Only a commit by we, a colleague or an unknown actor can be our promise; extract.py then
asks for a strong cue, or a weak one together with a due time or cadence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .rules import Rules

COMMIT = "commit"
WE, COLLEAGUE, CLIENT, THIRD_PARTY, UNKNOWN = "we", "colleague", "client", "third party", "unknown"
OUR_SIDE = (WE, COLLEAGUE, UNKNOWN)
# The greeting line at the top of a mail names the client: "Hi Nina,", "Hei Kari!", "Dobrý deň, pán Novák,".
_GREETING = re.compile(r"\A\s*(?:[^\W\d_]+[ ,]+){0,3}?(?P<name>[^\W\d_][^\W\d_'-]+)\s*[,!]?[ \t]*\n")
_FIRST_WORD = re.compile(r"[^\W\d_][\w'-]*")
# A few words and a colon before the clause ("Til gengæld:", "Kort sagt:"): not read for who acts.
_LEAD_IN = re.compile(r"^[^:.!?]{1,40}:\s+")


@dataclass(frozen=True)
class Reading:
    actor: str  # WE, COLLEAGUE, CLIENT, THIRD_PARTY or UNKNOWN
    modality: str  # COMMIT or one of the names above
    strong: bool  # an explicit commitment of our side ("I will", "vi skal", an agentless passive)
    weak: bool  # a cue that commits only with a due time or cadence ("Kari ringer deg")
    # a lead-in that pledges or announces the clause ("I can promise you: …", "Vi løser det slik: …")
    pledged: bool = False

    @property
    def commits(self) -> bool:
        """Our side commits here (whether it is a promise still depends on strength and time)."""
        return self.modality == COMMIT and self.actor in OUR_SIDE and (self.strong or self.weak)


def client_name(text: str) -> str | None:
    """The name on a short greeting line at the top of `text`, or None."""
    match = _GREETING.match(text)
    if match is None or len(match.group(0).split()) > 5:
        return None
    return match.group("name")


def read(sentence: str, rules: Rules, client: str | None = None, lead: str = "") -> Reading:
    """The reading of one clause (line breaks already folded to spaces).

    `lead` is what its sentence says before it, when a formula before a dash or colon was
    split off ("Som kompensation: ni får …"): a pledge there binds the clause.
    """
    said = sentence  # an apposition may still say whose the actor is: "Anna, from our support team, …"
    for apposition in rules.apposition:  # "Jenny, your account manager, will…" reads as "Jenny will…"
        sentence = apposition.sub(r"\1", sentence)
    for concessive in rules.concessive:  # "Whatever you decide, I'll ring you" leaves the choice open, not the commitment
        sentence = concessive.sub("", sentence).lstrip()
    sentence, pledged = _without_pledge(sentence, lead, rules)
    lead_in = _LEAD_IN.match(sentence)  # "Til gengæld: vi betaler …", "Short version: …"
    announced = False
    if lead_in is not None and sentence[lead_in.end() :].strip():
        # one that commits itself makes what follows ours: "Vi lover dere dette: neste tur …"
        rest = sentence[lead_in.end() :]
        announced = _any(rules.strong, lead_in.group(0)) and _modality(lead_in.group(0), rules) == COMMIT \
            and not _any(rules.past, lead_in.group(0)) and not _reports_past(rest, rules)
        sentence = rest
    past = _reports_past(sentence, rules)
    pledged = pledged and not past  # "I promise you, we checked every seal yesterday" reports
    first_person = _any(rules.strong, sentence)
    passive = not past and _any(rules.passive, sentence)
    receipt = not past and _any(rules.receipt, sentence)
    # A past-tense clause with a day in it ("we sent it on Monday") is a report; an
    # explicit future cue ("I'll find out why it was sent twice") still wins over it.
    acts = not past and _any(rules.weak, sentence)
    weak = acts or receipt or pledged
    # A receipt commits only with a date, even from someone of ours ("du modtager en kreditnota fra vores bogholderi").
    ours = acts and _any(rules.ours, said)
    actor = _actor(sentence, rules, client, first_person or passive or receipt or pledged or announced, ours)
    # A pledge makes a clause that already acts ("får dere et gavekort") a firm commitment;
    # one with no verb cue of its own commits only with a date ("the survey reaches you by Friday").
    strong = first_person or passive or ours or announced or (pledged and (acts or receipt))
    bound = pledged or announced
    modality = _modality(sentence, rules)
    if modality in (COMMIT, "notice", "request") and _any(rules.waiver, sentence):
        # "We will not charge you for the visit" reads as a declined commitment, and "Please
        # keep the spare cable, no charge" as a request, but each is one in the client's favour.
        return Reading(WE if actor == UNKNOWN else actor, COMMIT, True, weak, bound)
    if modality in (COMMIT, "notice", "request", "offer") and not past and _any(rules.lending, sentence) \
            and not _any(rules.habitual, sentence):
        # "Indtil da kan du låne en affugter" reads as a choice left to the client, and has the
        # client as its subject, but what we lend them until it is fixed binds us (LABELLING.md);
        # a condition still holds it back, and a term for everyone ("to sykler om gangen") is no loan to them.
        return Reading(WE if actor in (UNKNOWN, CLIENT) else actor, COMMIT, True, weak, bound)
    if modality == COMMIT and past and not strong:
        modality = "past"
    return Reading(actor, modality, strong, weak, bound)


def _reports_past(sentence: str, rules: Rules) -> bool:
    """Whether the clause tells of the past. The past of a trailing reason does not count:
    "You'll have the book within a week, as we have ordered it from …" still commits."""
    if not _any(rules.past, sentence):
        return False
    main = sentence
    for reason in rules.reason:
        main = reason.sub("", main)
    return main == sentence or _any(rules.past, main)


def _without_pledge(sentence: str, lead: str, rules: Rules) -> tuple[str, bool]:
    """The clause without a lead-in that pledges it, and whether one did (in it or in `lead`).

    "Rest assured, …", "Det här kan jag lova: …", "As compensation: …" make what follows our
    commitment however it is worded; the lead-in itself is not read, and alone pledges nothing.
    """
    pledged = _any(rules.pledge, lead)
    for pledge in rules.pledge:
        sentence, found = pledge.subn("", sentence, count=1)
        pledged = pledged or found > 0
    sentence = sentence.lstrip()
    return sentence, pledged and bool(sentence.strip(" ,.:;–-"))


def _actor(sentence: str, rules: Rules, client: str | None, we: bool, ours: bool) -> str:
    first = _FIRST_WORD.search(sentence)
    # The greeted client named as the subject is the client whatever they do, even sending us
    # something ("Kari sender oss skjemaet"), which would otherwise read as a third party's act.
    if client and first is not None and first.group(0) == client:
        return CLIENT
    if _any(rules.third_party, sentence):
        return THIRD_PARTY
    if _any(rules.client_side, sentence):
        return CLIENT
    if we:
        return WE
    return COLLEAGUE if ours else UNKNOWN


def _modality(sentence: str, rules: Rules) -> str:
    # "I'll come round at 10 if that's ok?": the question mark closes a courtesy check, not the statement
    if sentence.rstrip().endswith("?") and not _any(rules.courtesy, sentence):
        return "question"
    # A proviso on circumstances ("if the weather allows", "or sooner if the lab is quicker")
    # leaves the commitment standing; a condition beside it still binds ("If you approve, …").
    unconditioned = _without(rules.proviso, sentence)
    for name, group, words in (("request", rules.request, sentence), ("offer", rules.offer, sentence),
                               ("hedge", rules.hedge, sentence), ("condition", rules.conditional, unconditioned),
                               ("notice", rules.negative, sentence), ("report", rules.habitual, sentence)):
        if _any(group, words):
            return name
    return COMMIT


def _without(patterns, sentence: str) -> str:
    for pattern in patterns:
        sentence = pattern.sub(" ", sentence)
    return sentence


def _any(patterns, sentence: str) -> bool:
    return any(p.search(sentence) for p in patterns)
