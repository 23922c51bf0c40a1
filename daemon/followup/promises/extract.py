"""Commitments our side made, sentence by sentence, with due time and cadence.

Each clause of each sentence (see sentences.py and clauses.py; a polite formula or apology
before a dash or colon is its own clause, quoted with the whole sentence) is read for who
acts and how (see reading.py), with abbreviations before a word left out ("Dr. Smith"). Only a commitment of
our side counts: the actor is we, a colleague or unknown, never the client or a third
party, and the modality is a commitment: not a question, a request to the client, an offer
that leaves the choice to the client, a hedge, a condition, a notice, a report or the past.
It must carry a strong cue of its language ("I will", "vi sender", "jag återkommer",
"t'enviaré", "pošleme", an agentless passive such as "will be credited"). Weak cues ("expect", "you'll get", and in most languages a
present-tense or third-person verb: "vi sender", "Kari ringer deg", "Nina will bring",
"el tècnic passarà") count only together with a due time or a cadence, and not in a
sentence marked as past or as an apology ("we sent it on Monday").

Confidence: a strong cue alone 0.75, with a due time or cadence 0.9; a weak cue with a
due time or cadence 0.65. The caller treats < 0.6 as "proposed".

The learned reader (learned.py, features.py) then decides, with the rules' analysis among
its features and their class-test sentences in its training: a clause is a promise when
the model gives it DECIDE or more. The rules' knowledge guards it: a find with an explicit
cue of theirs and a due time or cadence (0.9) stands, one without (0.75) is dropped only
below VETO_EXPLICIT; a predicate they keep by structure (sharing a commitment's subject,
"from now on", the one clause a lead-in pledges: "Vi løser det slik: …") stays; a question,
a request, the client or a third party acting, a routine is never a promise; any other
clause they refuse (a hedge, a condition, a notice, a report, a lead-in) needs the model
surer, at SURER. A find the rules made too keeps their
confidence; one the model makes alone is proposed (PROPOSED), for an owner to confirm. Due
time and cadence are always the rules'.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from .business_days import region_for
from .cadences import CadenceMatch, find_cadence
from .dates import DueMatch, find_due, month_a_cadence_starts
from .features import clause_features
from .language import detect_language
from .learned import Reader, clause_model
from .model import Commitment
from .reading import COMMIT, OUR_SIDE, Reading, client_name, read
from .rules import Rules, rules_for
from .clauses import clauses
from .sentences import split_sentences, without_abbreviations

_BREAKS = re.compile(r"\s*\n\s*")

STRONG, STRONG_DATED, WEAK_DATED = 0.75, 0.9, 0.65
# The learned reader decides at DECIDE; never over an explicit dated find of the rules, over an
# undated one only below VETO_EXPLICIT, over a refusal only at SURER (and never over a question,
# a request, someone else acting or a routine). DECIDE and SURER were chosen by F1 on the
# validation set mail_blind30; what is never overruled after a review found explicit dated
# promises ("Vi skal sende fakturaen den 25. november.") and requests overruled, on
# mail_blind30, 31 and the sentence sets together (the model still gives that one 0.06).
# VETO_EXPLICIT was raised from 0.2 to 0.5 for precision at little recall, chosen on eighteen
# sets neither the rules nor the reader had seen (mail_blind62-79 on the code of 3f17dcb,
# bench/README.md "Session 12"): P 0.944 -> 0.953, R 0.914 -> 0.910. DECIDE was raised from
# 0.45 to 0.6 for the targets (precision 0.95, with recall 0.9 to spare) on the eight sets
# mail_blind104-111, each read by a reader never trained on it, over a grid of the bars
# (bench/README.md "Session 15"): P 0.950 -> 0.956, R 0.948 -> 0.942. A veto of explicit dated
# finds gained little more there, and would drop the 0.06 one above.
DECIDE, SURER, VETO_EXPLICIT = 0.6, 0.7, 0.5
NEVER_OURS = ("question", "request")  # modalities no model overrules (nor someone else acting, nor a routine)
PACKAGED = "packaged"  # read_clauses(model=...): the model shipped in the package
SECOND_VERB_WORDS = 5  # a predicate beside "and" shorter than this is part of one commitment (LABELLING.md)
PROPOSED = 0.55  # a find the model adds on its own is proposed, for an owner to confirm (< 0.6)
# A due date outside this window of the message date is a misreading (or a date that is not
# a deadline): the words are kept as due text, the date is dropped.
HORIZON_BEFORE, HORIZON_AFTER = timedelta(days=1), timedelta(days=400)


def extract_promises(text: str, *, sent_at: datetime, timezone: str, locale_hint: str,
                     model: Reader | None | Literal["packaged"] = PACKAGED) -> list[Commitment]:
    """Every commitment in our side's newly written `text` of one message.

    `sent_at` is the message's Date (aware), `timezone` the IANA zone its due times are
    read in, `locale_hint` the client's locale ("nb_NO", "sk", ...) used for short texts.
    `model` is the learned reader blended with the rules (the packaged one by default;
    None: the rules alone).
    """
    found = read_clauses(text, sent_at=sent_at, timezone=timezone, locale_hint=locale_hint, model=model)
    return [clause.commitment for clause in found if clause.commitment is not None]


@dataclass(frozen=True)
class ReadClause:
    """One clause of the text as it was read: where it stands, what it dates, what it commits."""

    quote_start: int  # its sentence's start: a clause is quoted from there
    start: int
    end: int
    lead: str  # what its sentence says before it, line breaks folded
    dated: _Dated
    commitment: Commitment | None  # the blend of the rules and the learned reader
    by_rules: Commitment | None = None  # what the rules alone decided
    probability: float | None = None  # the learned reader's, when one was used


def read_clauses(text: str, *, sent_at: datetime, timezone: str, locale_hint: str,
                 model: Reader | None | Literal["packaged"] = PACKAGED) -> Iterator[ReadClause]:
    """Every clause of `text` with its reading, promise or not (extract_promises keeps the
    promises; bench/promises_classifier.py studies the rest). Arguments as extract_promises."""
    model = clause_model() if model == PACKAGED else model
    language = detect_language(text, locale_hint)
    rules = rules_for(language)
    region = region_for(locale_hint, language, rules.holidays)  # whose public holidays business days skip
    is_formula = functools.partial(_is_formula, rules=rules)
    client = client_name(text)
    commits = functools.partial(_commits_alone, rules=rules, client=client, sent_at=sent_at, zone=timezone)
    earlier: datetime | None = None  # the last day named, for "the same day", "the morning after"
    for sentence_start, sentence_end in split_sentences(text):
        before: tuple[int, _Dated] | None = None  # the sentence's previous clause: where it ended, what it dated
        committed = kept = False  # whether the rules read that clause as a commitment; whether it stayed one
        any_kept = False  # whether any clause of the sentence so far is a promise
        parts = list(clauses(text, sentence_start, sentence_end, is_formula, rules.clause_join,
                             rules.conjunction, commits))
        for index, (start, end, quote_start) in enumerate(parts):
            dated = _dated(_BREAKS.sub(" ", text[start:end]), rules, sent_at, timezone, earlier, region)
            shares_commitment = before is not None and _shares_commitment(
                dated.sentence, before[1], text[before[0] : start], rules, committed=committed, kept=kept)
            if before is not None:
                dated = _shared_time(dated, before[1], gap=text[before[0] : start], rules=rules)
            before = (end, dated)
            if dated.due is not None:
                earlier = dated.due.due_at
            lead = _BREAKS.sub(" ", text[quote_start:start])
            reading = read(without_abbreviations(dated.sentence), rules, client, lead)
            by_rules = _commitment(text, quote_start, end, rules, dated, client, lead, shares_commitment, reading)
            probability = None
            commitment = by_rules
            if model is not None:
                probability = model.probability(clause_features(dated.sentence, lead, rules, client, dated, reading))
                # a lead-in pledges one commitment: the sentence's last clause, when none before it was one
                pledged = reading.pledged and index == len(parts) - 1 and not any_kept
                commitment = _blend(by_rules, probability, text, quote_start, end, rules, dated, reading, lead,
                                    shares_commitment or pledged)
            committed, kept = by_rules is not None, commitment is not None
            any_kept = any_kept or kept
            yield ReadClause(quote_start, start, end, lead, dated, commitment, by_rules, probability)


def _any(patterns, sentence: str) -> bool:
    return any(p.search(sentence) for p in patterns)


def _favours_client(sentence: str, rules: Rules) -> bool:
    """A cost waived or a thing of ours lent: in the client's favour, with no date of its own."""
    return _any(rules.waiver, sentence) or _any(rules.lending, sentence)


def _commits_alone(
    clause: str, role: str, before: str = "", *, rules: Rules, client: str | None, sent_at: datetime, zone: str
) -> bool:
    """Whether a piece of a sentence is a firm commitment of ours read on its own (role and
    before: see clauses.clauses)."""
    clause, before = _BREAKS.sub(" ", clause), _BREAKS.sub(" ", before)
    if role == "gift":  # a gift with a subject of its own, not "… and redo it free of charge"
        return _favours_client(clause, rules) and not (before and _shares_subject(clause, before, rules))
    if role == "report":
        return read(without_abbreviations(clause), rules, client).modality == "past"
    if role == "and" and _any(rules.hedge, " ".join(clause.split()[:2])):
        return True  # "… posted today and should arrive by Wednesday": a hedge opening it is read apart
    if role == "and" and _shares_subject(clause, before, rules):
        return _second_commitment(clause, before, rules,
                                  dated=find_due(before, rules, sent_at, zone, None) is not None)
    dated = role != "and" and find_due(clause, rules, sent_at, zone, None) is not None
    if role == "dated" and not dated:
        return False
    reading = read(without_abbreviations(clause), rules, client)
    return reading.commits and (reading.strong or dated)


def _second_commitment(clause: str, before: str, rules: Rules, *, dated: bool, verb: bool = True,
                       cadence: bool = True) -> bool:
    """Whether a predicate sharing the subject of the clause `before` it may be a commitment of
    its own (clauses.clauses then reads it apart): a second verb of five words or more ("I'll
    fix it by 5 pm today and test it on both phones", two promises as LABELLING.md labels them;
    "… and call you" is one), or, after a dated clause, a cadence the first lacks ("I'll run a
    backup this evening and send you a report every Monday"); two things on one cadence stay one.
    `verb` and `cadence` say whether each kind may count."""
    if not _shares_subject(clause, before, rules):
        return False
    return verb and _second_verb(clause, before, rules) or cadence and dated and _own_cadence(clause, before, rules)


def _shares_commitment(clause: str, before: _Dated, gap: str, rules: Rules, *, committed: bool, kept: bool) -> bool:
    """Whether a predicate read apart after "and" (the `gap` from the clause before it) is its
    subject's commitment as that clause was: a second verb after a commitment that stands, or a
    recurring predicate after a dated commitment of the rules (whether or not the model kept
    it: the cadence is the structure's)."""
    if rules.conjunction is None or not rules.conjunction.fullmatch(gap.lstrip(",")):
        return False  # ", so by Tuesday at the latest": not a predicate of the same subject
    return _second_commitment(clause, before.sentence, rules, dated=before.due is not None, verb=kept,
                              cadence=committed)


def _second_verb(clause: str, before: str, rules: Rules) -> bool:
    # Either side under five words is labelled once ("Vi kommer og skifter begge ruder"), the
    # second counted up to a comma that starts a sentence of its own ("… og flytter dem, det
    # tager max en time", not "… og hører, hvordan han har det"); and "will be printed and
    # delivered on Friday" is one verb: two participles of one passive.
    if min(len(before.split()), len(_own_words(clause, rules).split())) < SECOND_VERB_WORDS:
        return False
    end = len(before.rstrip(" ,"))
    return not any(match.end() >= end for pattern in rules.passive for match in pattern.finditer(before))


def _own_words(clause: str, rules: Rules) -> str:
    """A predicate up to the first comma after which a new sentence starts."""
    for comma in re.finditer(",", clause):
        if rules.subordinate is None or not rules.subordinate.match(clause, comma.end()):
            return clause[: comma.start()]
    return clause


def _own_cadence(clause: str, before: str, rules: Rules) -> bool:
    return _cadence(clause, rules) is not None and _cadence(before, rules) is None


def _cadence(sentence: str, rules: Rules) -> CadenceMatch | None:
    return find_cadence(sentence, None) or find_cadence(sentence, rules)


def _shares_subject(clause: str, before: str, rules: Rules) -> bool:
    if rules.shares_subject is None or not rules.shares_subject.match(clause):
        return False
    return rules.first_person is None or rules.first_person.search(before) is not None


def _is_formula(clause: str, after: str, rules: Rules) -> bool:
    # A polite formula ("let me know if…", "si fra hvis…"), notice or apology that carries
    # no commitment of its own; or a condition ("if it looks right, we start at once – …"),
    # which binds only the words before the dash unless what follows is its consequent
    # ("if the link fails, write again – then our support will call you").
    clause = _BREAKS.sub(" ", clause)  # a hard wrap inside "let me\nknow" is a space
    if _any(rules.conditional, clause):
        return not _any(rules.consequent, after)
    formula = _any(rules.negative, clause) or _any(rules.request, clause) or _any(rules.past, clause)
    return formula and not _any(rules.strong, clause)


def _shared_time(dated: _Dated, previous: _Dated, gap: str, rules: Rules) -> _Dated:
    """ "V piatok prídeme a dvierka vymeníme": a time the first of two clauses joined by a bare
    conjunction opens with covers the second as well; one at its end ("I'll send the list
    tomorrow and we'll email them") stays with its own clause, unless the second says it is
    done at the same time ("…on Tuesday, and we'll take the damp logs away at the same time")."""
    due = previous.due
    if dated.due is not None or dated.cadence is not None or due is None:
        return dated
    if _favours_client(dated.sentence, rules):  # "… and the swap is free": what is waived or lent has no date
        return dated
    if _any(rules.at_once, dated.sentence):
        return _Dated(dated.sentence, due, previous.due_at, None)
    if "," in gap:
        return dated
    # fronted: before the verb, at most a word ("Og i morgen …") after any lead-in ("En resum:")
    head = previous.sentence[: due.start].rsplit(":", 1)[-1]
    fronted = len(head.split()) <= 1 and previous.sentence[due.end :].strip(" .,;:!")
    if not fronted:
        return dated
    return _Dated(dated.sentence, due, previous.due_at, None)


_WEEK_KINDS = ("this_week", "next_week", "start_next_week")


def _first_slot(start: DueMatch, cadence: CadenceMatch, rules: Rules, zone: str) -> DueMatch:
    """ "From next week, every Tuesday": the due phrase says when the cadence starts, so the
    promise is due at its first slot on or after that day (a week phrase starts on its Monday)."""
    local = start.due_at.astimezone(ZoneInfo(zone))
    day = local.date()
    if any(kind in _WEEK_KINDS and pattern.fullmatch(start.text) for kind, pattern in rules.due_kinds):
        day -= timedelta(days=day.weekday())
    weekdays = cadence.cadence.weekdays
    while weekdays and day.weekday() not in weekdays:
        day += timedelta(days=1)
    slot = local.replace(year=day.year, month=day.month, day=day.day)
    return DueMatch(start.start, start.end, start.text, slot.astimezone(start.due_at.tzinfo))


@dataclass(frozen=True)
class _Dated:
    sentence: str
    due: DueMatch | None
    due_at: datetime | None  # None when outside the horizon
    cadence: CadenceMatch | None


def _dated(sentence: str, rules: Rules, sent_at: datetime, zone: str, earlier: datetime | None,
           region: str | None) -> _Dated:
    cadence = _cadence(sentence, rules)
    # A weekday inside "every Tuesday" is the cadence, not a due day.
    searched = sentence
    if cadence is not None:
        searched = sentence[: cadence.start] + " " * (cadence.end - cadence.start) + sentence[cadence.end :]
    due = find_due(searched, rules, sent_at, zone, earlier, clock_alone=cadence is None, region=region)
    if cadence is not None and due is not None and rules.cadence_start and rules.cadence_start.search(sentence[: due.start]):
        due = _first_slot(due, cadence, rules, zone)
    elif cadence is not None and due is None:
        begun = month_a_cadence_starts(searched, rules, sent_at, zone)
        due = None if begun is None else _first_slot(begun, cadence, rules, zone)
    due_at = due.due_at if due is not None else None
    if due_at is not None and not sent_at - HORIZON_BEFORE <= due_at <= sent_at + HORIZON_AFTER:
        due_at = None
    return _Dated(sentence, due, due_at, cadence)


def _routine(dated: _Dated, lead: str, rules: Rules) -> bool:
    """A standing routine told in the present ("Vi sender fakturaer ud hver mandag for den
    foregående uge", "P12 tränar tisdag och torsdag"): a recurring time, no future, nothing
    that ties it to this case (from now on, until it is fixed, a status report, the client as
    object, a pledge before it). A routine is how things run, not a commitment to this client."""
    sentence = dated.sentence
    if dated.cadence is None and not _any(rules.routine_times, sentence):
        return False
    for tail in rules.routine_tail:  # "…hver nat, så du skal ikke selv indsende noget": its "skal" is not ours
        sentence = tail.sub("", sentence)
    if _any(rules.pledge, lead) or _any(rules.pledge, sentence):
        return False
    if rules.routine_present and not _any(rules.routine_present, sentence):
        return False
    onward = rules.cadence_onward is not None and rules.cadence_onward.search(sentence) is not None
    return not onward and not _any(rules.routine_future, sentence) and not _any(rules.routine_change, sentence)


def _commitment(
    text: str, start: int, end: int, rules: Rules, dated: _Dated, client: str | None, lead: str,
    shares_commitment: bool = False, reading: Reading | None = None,
) -> Commitment | None:
    if reading is None:
        reading = read(without_abbreviations(dated.sentence), rules, client, lead)
    if reading.modality == COMMIT and reading.actor in OUR_SIDE:
        if shares_commitment:
            reading = dataclasses.replace(reading, strong=True)
        elif _onward(dated, rules):
            reading = dataclasses.replace(reading, weak=True)  # "From now on they'll do yours every Wednesday"
    if not reading.commits or (not shares_commitment and _routine(dated, lead, rules)):
        return None
    has_time = dated.due is not None or dated.cadence is not None
    if not reading.strong and not has_time:
        return None
    if not has_time and _announces(dated):
        return None
    confidence = (STRONG_DATED if has_time else STRONG) if reading.strong else WEAK_DATED
    return _found(text, start, end, rules, dated, confidence)


def _blend(by_rules: Commitment | None, probability: float, text: str, start: int, end: int, rules: Rules,
           dated: _Dated, reading: Reading, lead: str, by_structure: bool) -> Commitment | None:
    """The learned reader's decision, guarded by the rules' knowledge.

    A find with an explicit cue of the rules and a date stands; without a date it falls only
    when the model is fairly sure it is none; a predicate they keep by structure stays whatever the
    model says (`by_structure`: it shares the subject of a commitment, which the model reads
    without, or is the one clause a lead-in pledges, "Vi løser det slik: …"; or it is a new
    arrangement "from now on"). A question, a request, the client or a third party acting,
    or a routine, is never added; another clause they refuse (a hedge, a condition, a notice, a
    report, a lead-in announcing what follows) only at SURER."""
    if by_rules is not None:
        if by_structure or _onward(dated, rules) or by_rules.confidence >= STRONG_DATED:
            return by_rules
        bar = VETO_EXPLICIT if by_rules.confidence >= STRONG else DECIDE
        return by_rules if probability >= bar else None
    if probability < DECIDE:
        return None
    if reading.modality in NEVER_OURS or reading.actor not in OUR_SIDE \
            or (not by_structure and _routine(dated, lead, rules)):
        return None
    if (reading.modality != COMMIT or _announces(dated)) and probability < SURER:
        return None
    return _found(text, start, end, rules, dated, PROPOSED)  # no cue the rules know: an owner confirms it


def _announces(dated: _Dated) -> bool:
    """A lead-in ("Og det lover jeg dig:", "Here is what we'll do:") announces what follows."""
    return dated.sentence.rstrip().endswith(":")


def _onward(dated: _Dated, rules: Rules) -> bool:
    """A cadence "from now on": a new arrangement of ours ([cadence] onward)."""
    return dated.cadence is not None and rules.cadence_onward is not None \
        and rules.cadence_onward.search(dated.sentence) is not None


def _found(text: str, start: int, end: int, rules: Rules, dated: _Dated, confidence: float) -> Commitment:
    return Commitment(
        quote=text[start:end],
        due_at=dated.due_at,
        due_text=dated.due.text if dated.due else None,
        cadence=dated.cadence.cadence if dated.cadence else None,
        confidence=confidence,
        language=rules.language,
        span=(start, end),
    )
