"""The clauses of one sentence, each read on its own, as (start, end, quote_start) offsets.

A sentence (sentences.py) is cut after a formula before a dash or colon, at a rule file's
clause join, and between two commitments that each stand on their own (a bare conjunction, a
comma splice, a dash): see `clauses`. What counts as a formula or a commitment is the caller's
(extract.py passes its readings in), so this module only cuts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from .sentences import trimmed

# A dash or colon between two clauses: spaced hyphen, en dash, em dash, "…: ".
_DASH = re.compile(r"\s+[-–—]\s+|\s*[–—]\s*|:\s+")


def clauses(
    text: str,
    start: int,
    end: int,
    is_formula: Callable[[str, str], bool],
    join: re.Pattern[str],
    conjunction: re.Pattern[str] | None = None,
    commits: Callable[..., bool] | None = None,
) -> Iterator[tuple[int, int, int]]:
    """The clauses of one sentence, each read on its own, as (start, end, quote_start).

    A sentence splits after a formula before a dash or colon ("Let me know if anything is
    unclear – I'll call you on Friday.": the formula's cue does not swallow the commitment)
    and at a comma followed by a conjunction ("…on 13 March, and we will cover the charge"),
    so a hedge or offer in one clause does not sink the commitment in the other.
    `is_formula(before, after)` sees the words on both sides of a dash. Every clause is
    quoted from the start of its sentence to its own end: the formula, condition or first
    clause before it is part of what was said ("Nye glas bestiller vi i dag, og de er klar…"),
    only not part of what is read for the commitment; two clauses of one sentence still get
    two quotes (the ledger keeps one promise per message and quote).
    A bare `conjunction` ("… by Friday and Tom, our lead developer, will walk you through it"),
    a comma splice where the rule file has one ("The repair is on me, I'll send someone …")
    or a dash ("Vi kommer mandag – det koster dig ikke noget") splits too where
    `commits(words, role[, before])` reads each side as a commitment of its own: role "first",
    "and" (the words after a bare conjunction; `before`, the words before it) or "dated" (before
    a dash, only a dated commitment). A comma before the conjunction is the clause join's.
    """
    for piece_start, piece_end in _joined(text, start, end, is_formula, join):
        for part_start, part_end in _two_commitments(text, piece_start, piece_end, conjunction, commits, is_formula):
            yield part_start, part_end, start


def _two_commitments(
    text: str,
    start: int,
    end: int,
    conjunction: re.Pattern[str] | None,
    commits: Callable[..., bool] | None,
    is_formula: Callable[[str, str], bool],
) -> Iterator[tuple[int, int]]:
    position = start
    if conjunction is not None and commits is not None:
        boundaries = sorted([*conjunction.finditer(text, start, end), *_DASH.finditer(text, start, end)],
                            key=lambda b: b.start())
        for index, boundary in enumerate(boundaries):
            bare = boundary.re is conjunction
            after = text[boundary.end() : end]
            before = text[position : boundary.start()]
            joined = bare and not boundary.group(0).startswith(",")  # ", and" is the clause join's
            previous = text[boundary.start() - 1]
            if joined and (previous == "," or previous.isdigit()
                           and (after[:1].isdigit() or not commits(before, "report"))):
                continue  # "between 8 and 10", "… on Friday at 8 and redo it free": one clause
            following = text[boundary.end() : boundaries[index + 1].start()] if index + 1 < len(boundaries) else after
            if joined and _gift_apart(before, following, after, commits):
                yield from trimmed(text, position, boundary.start())
                position = boundary.end()
                continue
            # before a dash, only a dated commitment: "Here's what we'll do – …" announces
            first, second = ("first", "and") if bare else ("dated", "first")
            # "… we'll fit on Wednesday at 8:30 - please drop the van off": the request after a
            # dash does not swallow the dated commitment before it
            request = not bare and is_formula(after, "")
            if commits(before, first) and (request or commits(after, second, before)):
                yield from trimmed(text, position, boundary.start())
                position = boundary.end()
    yield from trimmed(text, position, end)


def _gift_apart(before: str, following: str, after: str, commits: Callable[..., bool]) -> bool:
    """Whether a gift beside a bare "and" is a commitment of its own, without the other side's
    day: after a commitment or a rescheduling already done ("ill be back thurs 8am and the extra
    trip wont cost you anything", "t'he passat a dimecres i el tractament te'l regalo"; after a
    time only such a report: "flyttet dig til onsdag kl 10 og lakken er gratis"), or before a
    commitment ("els passejos no us els cobro i dimecres li compro …"). `following` is the gift's
    side up to the next conjunction."""
    if commits(following, "gift", before) and (commits(before, "report") or commits(before, "first")):
        return True
    return commits(before, "gift") and commits(after, "and", before)


def _joined(
    text: str, start: int, end: int, is_formula: Callable[[str, str], bool], join: re.Pattern[str]
) -> Iterator[tuple[int, int]]:
    for clause_start, clause_end in _after_formulas(text, start, end, is_formula):
        position = clause_start
        for boundary in join.finditer(text, clause_start, clause_end):
            # "If it doesn't suit, let me know and we'll find another day", "Just reply and we'll
            # do the rest": a bare "and" after a condition or instruction joins what depends on it.
            after = text[boundary.end() : clause_end]
            if "," not in text[boundary.start() - 1 : boundary.end()] and (
                is_formula(text[position : boundary.start()], after) or is_formula(text[position:clause_end], after)
            ):
                continue
            yield from trimmed(text, position, boundary.start())
            position = boundary.end()
        yield from trimmed(text, position, clause_end)


def _after_formulas(
    text: str, start: int, end: int, is_formula: Callable[[str, str], bool]
) -> Iterator[tuple[int, int]]:
    position = start
    for dash in _DASH.finditer(text, start, end):
        if is_formula(text[position : dash.start()], text[dash.end() : end]):
            yield from trimmed(text, position, dash.start())
            position = dash.end()
    yield from trimmed(text, position, end)
