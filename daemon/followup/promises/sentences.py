"""Sentences of a message's own text, as (start, end) offsets (clauses.py cuts them into clauses).

A sentence ends at . ! ? followed by a capital (so "kl. 12", "1. desember" and "f.eks. noe"
stay whole), or by a lower-case word after ! ? or after a word of four letters or more (text
typed in lower case), unless the word before the full stop is an abbreviation of one of our
languages or an initial ("Dr. Smith", "Mt. Pleasant", "t.ex. Måndag", "J. Berg"); at a line
ending in punctuation, unless a day number the wrap cut goes on in lower case ("16.\nfebruára")
or after a lead-in's colon ("Kort sagt:\ndu skal …");
always at a blank line; and before a bulleted or numbered line or an inline "2) " ("kl.\n10. …"
with no item 9 before it is a clock time the wrap cut, not an item). A wrapped line without
punctuation does not end a sentence, except after a bullet: a bullet item without a full stop
ends where a line starts with a capital ("- la quota us serà abonada\nSi voleu …"), unless
another item follows ("- … performance by\nFriday\n- …").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from .rules import LANGUAGES, rules_for

_SENTENCE_END = re.compile(
    # An inline numbered list first: "… we agreed. 1) The page goes live … 2) …"
    r"(?<=[.!?:])\s+(?=\d{1,2}\)\s)"
    r"|(?<=[.!?…])\s+(?=[\"'«(]?(?P<next>\w))|(?<=[.!?…:;])[ \t]*\n\s*|\n\s*\n\s*"
    r"|[ \t]*\n(?=[ \t]*(?:[-*•]|\d{1,2}[.)])[ \t]+\S)"
)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_BULLET = re.compile(r"(?:[-*•]|\d{1,2}[.)])[ \t]+")
_ITEM = re.compile(r"\s*" + _BULLET.pattern)
_NUMBERED = re.compile(r"[ \t]*(\d{1,2})[.)][ \t]+\S")  # "2. The fee …", "3) …": a numbered item and its number
# Inside a bullet item: an unindented line starting with a capital is what follows the list
# (an item's own wrapped lines are indented, or go on in lower case).
_LETTER_ITEM = re.compile(r"[a-z]\)[ \t]")  # "a) en ny pumpe": an item of a lettered list
_AFTER_ITEM = re.compile(r"[ \t]*\n(?=[^\W\d_])")
_LAST_WORD = re.compile(r"(?:^|[\s(\"'«])([^\s(\"'«]+)\.$")
_SENTENCE_START = re.compile(r"(?:\A|[.!?]\s+|\n\s*)([^\W\d_])")
_NUMBER_BEFORE = re.compile(r"\d\.?[ \t]+(?:de[ \t]+)?[^\W\d_]{3,5}\.$")  # "28. nov.", "10 de febr."
_ALSO_WORDS = frozenset({"no", "av", "hon", "sat", "sun", "set", "man", "ned", "min", "co", "est", "mar"})
_CLOCK_TIME = r"\.?[ \t]*\d{1,2}(?:[.:]\d{2})?"  # after "kl", "at", …: "kl. 14", "at 9.30"
_CLOCK_WORDS = "kl|klokka|klockan"  # the words before an hour in every language; each pattern adds its own
_CLOCK_BEFORE = re.compile(rf"(?<!\w)(?:{_CLOCK_WORDS}|at|a les)" + _CLOCK_TIME + r"\.$", re.IGNORECASE)
_ORDINAL_WORD = re.compile(r"\d{1,2}\.[ \t]+[^\W\d_]{2,}")  # "4. klasse", "3. trinn"
_CLOCK_AT_END = re.compile(rf"(?<!\w)(?:{_CLOCK_WORDS}|at|a les|o)" + _CLOCK_TIME + "$", re.IGNORECASE)
_CLOCK_WORD = re.compile(rf"(?<!\w)(?:{_CLOCK_WORDS}|ca|cca|o)\.$", re.IGNORECASE)  # "kl." the wrap cut from "10."  # "kl. 14\nJan"
_CLOCK_SUFFIX = re.compile(r"\d[ \t]*[ap]\.m\.$", re.IGNORECASE)  # "7 a.m.", "5.30 p.m."
_NEXT_WORD = re.compile(r"([^\W\d_]+)(?!\w)(?! (?:is|are|was|were|would|suits?|works?)(?!\w))")  # not "Monday is fine"
_UNIT_AFTER_NUMBER = re.compile(r"\d[\s\u00a0]*[^\W\d_]{1,3}\.$")  # "500 kr.", "10 min.", "3 stk."
# Longer than this, a "sentence" is a pasted list, table or run-on text, not prose: it is read
# in pieces cut at line breaks (else spaces), so neither the quotes nor the formula checks
# grow with the square of its length (a 20 kB price list took 40 s, a run-on 100 kB made
# thousands of ever-longer quotes).
MAX_SENTENCE = 600


def split_sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) offsets of the sentences of `text`, whitespace and bullet markers trimmed."""
    position = 0
    lower_typed = _typed_in_lower_case(text)
    for boundary in _SENTENCE_END.finditer(text):
        following = boundary.group("next")
        paragraph = _BLANK_LINE.search(boundary.group(0)) is not None  # a blank line always ends a sentence
        if following is not None and not paragraph and (
                not (following.isupper() or _lower_case_start(text, boundary.start(), following, lower_typed)
                     or _ordinal_start(text, boundary.start(), boundary.end()))
                or _after_abbreviation(text, boundary.start()) or _clock_before_day(text, boundary)):
            if not ("\n" in boundary.group(0) and _ITEM.match(text, boundary.end())):
                continue  # … unless a numbered item starts the next line: "… late\nentry.\n2. The fee …"
        if following is None and text[boundary.start() - 1] == "." and _after_abbreviation(text, boundary.start()) \
                and "\n" not in boundary.group(0):
            continue  # "(quota núm. 2) es retornarà": a number after an abbreviation, not item 2)
        if _wrapped_ordinal(text, boundary.start(), boundary.end()) or _wrapped_number(text, boundary, paragraph) \
                or _wrapped_lead_in(text, boundary, paragraph) or _numbered_out_of_turn(text, boundary, paragraph):
            continue
        in_list = not paragraph and _ITEM.match(text, boundary.end()) is not None
        yield from _item_and_rest(text, position, boundary.start(), in_list)
        position = boundary.end()
    yield from _item_and_rest(text, position, len(text))


def _lower_case_start(text: str, end: int, following: str, lower_typed: bool) -> bool:
    """A sentence typed in lower case ("sorry!! we forgot his medicine. it's in the notes
    now") starts after ! or ?, or after a full stop that ends a word of four letters or more
    (not "ca.", "evt.", "kr.": abbreviations are short or listed; not a weekday or month cut
    short, "28. nov. om formiddagen"). In mail typed in lower case also after a word of two or
    three letters that is no abbreviation or short form of any of our languages and no unit
    after a number ("ungen ble syk. jeg tar deg fredag": not "o 14. hod. popoludní", "500 kr.
    billigere", nor a single letter, "t. j.")."""
    if not following.isalpha():
        return False
    if text[end - 1] in "!?…":
        return True
    if lower_typed and _CLOCK_BEFORE.search(text, max(0, end - 20), end):
        return True  # "…klar i morgen kl 9. kagen er gratis": a clock time ends the sentence
    word = _LAST_WORD.search(text, max(0, end - 40), end)
    if word is None or not word.group(1).isalpha() or _cut_short(text, end, word.group(1).casefold()):
        return False
    if len(word.group(1)) >= 4:
        return True
    if not lower_typed or len(word.group(1)) == 1:
        return False
    unit = _UNIT_AFTER_NUMBER.search(text, max(0, end - 40), end) is not None  # "500 kr. billigere"
    return not unit and not _after_abbreviation(text, end) and word.group(1).casefold() not in _short_forms()


def _ordinal_start(text: str, end: int, start: int) -> bool:
    """A sentence that opens with an ordinal and a word ("… via ForældreIntra. 4. klasse har
    svømning onsdag"), after a full stop that ends a word of four letters or more that is no
    abbreviation and no weekday or month cut short ("onsd. 25. november", "28. nov. 4. klasse"
    stay one), and is no date itself."""
    if _ORDINAL_WORD.match(text, start) is None or _ordinal_date().match(text, start):
        return False  # "onsd. 25. november": a date goes on with its day
    word = _LAST_WORD.search(text, max(0, end - 40), end)
    if word is None or not word.group(1).isalpha() or len(word.group(1)) < 4:
        return False
    # a weekday or month cut short ("onsd.", "nov.") is among the shortened names, listed or not
    return word.group(1).casefold() not in _shortened_day_names() and not _after_abbreviation(text, end)


def _typed_in_lower_case(text: str) -> bool:
    """Whether the writer starts sentences in lower case more often than not (a reply typed on
    a phone: "hei lene, ungen ble syk. jeg tar deg fredag")."""
    starts = [m.group(1) for m in _SENTENCE_START.finditer(text)]
    lower = sum(1 for letter in starts if letter.islower())
    return lower > len(starts) - lower


def _cut_short(text: str, end: int, word: str) -> bool:
    """A weekday or month cut short: a short form the rules list ("nov", "febr", "thurs"), or
    the start of any such name right after a number ("28. desem.")."""
    if word in _listed_short_day_names():
        return True
    return word in _shortened_day_names() and _NUMBER_BEFORE.search(text, max(0, end - 40), end) is not None


def _wrapped_number(text: str, boundary: re.Match[str], paragraph: bool) -> bool:
    """A line ending "v stredu 16." before a line going on in lower case ("februára …") is a
    date the wrap cut, not the end of a sentence."""
    start, end = boundary.start(), boundary.end()
    return (not paragraph and "\n" in boundary.group(0) and start >= 2 and text[start - 1] == "."
            and text[start - 2].isdigit() and end < len(text) and text[end].islower())


def _wrapped_lead_in(text: str, boundary: re.Match[str], paragraph: bool) -> bool:
    """A line ending in a colon before a line going on in lower case ("Kort sagt:\ndu skal
    ikke betale noe") is one sentence the wrap cut. A list after a colon starts with a bullet,
    a capital or a letter item ("a) en ny pumpe"); a semicolon ends its clause (what follows
    may be a condition of its own: "…on Friday;\nif you're not in, …")."""
    start, end = boundary.start(), boundary.end()
    return (not paragraph and start >= 1 and text[start - 1] == ":" and end < len(text)
            and text[end].islower() and not _LETTER_ITEM.match(text, end))


def _wrapped_ordinal(text: str, start: int, end: int) -> bool:
    """A line starting "6. april" or "26. 9." after a line ending mid-sentence, or in a weekday
    cut short ("innen fre.\n11. nov."), is a date the wrap cut, not item 6 or 26."""
    if start == 0 or not _ordinal_date().match(text, end):
        return False
    before = text[start - 1]
    return before.isalnum() or before == "," or (before == "." and _after_day_cut_short(text, start))


def _after_day_cut_short(text: str, end: int) -> bool:
    """Whether text[:end] ends in a weekday or month cut short ("fre.", "tors.", "nov.")."""
    word = _LAST_WORD.search(text, max(0, end - 40), end)
    return word is not None and word.group(1).casefold() in _shortened_day_names()


def _wrapped_month(text: str, start: int, end: int) -> bool:
    """A line ending in a day number before one starting with a month that goes on ("on 22\nAugust.",
    "3\nMarch 2044") is a date the wrap cut, not the end of a bullet item; a month alone on its
    line may be a name signing off ("kl. 14\nJan")."""
    return (start > 0 and text[start - 1].isdigit() and _month_start().match(text, end) is not None
            and not _CLOCK_AT_END.search(text, max(0, start - 20), start))


@functools.cache
def _month_start() -> re.Pattern[str]:
    # a month that goes on: not "9\nMay we ask", nor a last line
    return re.compile(_months() + r"(?=[ \t]*(?:[.,;:!?)]|\d|\n[ \t]*\S))", re.IGNORECASE)


@functools.cache
def _months() -> str:
    """Every month form of every language, as one alternation (longest first)."""
    months = sorted({m for language in LANGUAGES for m in rules_for(language).months}, key=len, reverse=True)
    return "(?:" + "|".join(map(re.escape, months)) + ")"


@functools.cache
def _ordinal_date() -> re.Pattern[str]:
    return re.compile(r"[ \t]*\d{1,2}\.[ \t]*(?:(?<=[ \t])" + _months() + r"(?![^\W\d_])|\d{1,2}\.(?!\d))", re.IGNORECASE)


def _numbered_out_of_turn(text: str, boundary: re.Match[str], paragraph: bool) -> bool:
    """A wrapped line that starts with a number and a full stop but continues no numbering ("syner
    den onsdag kl.\n10. Veteransyn …"): a list counts from 1, each item one more than the last."""
    number = _NUMBERED.match(text, boundary.end())
    if paragraph or number is None or int(number.group(1)) == 1 or "\n" not in boundary.group(0) \
            or not _CLOCK_WORD.search(text, max(0, boundary.start() - 10), boundary.start()):
        return False  # only "kl.\n10.", "ca.\n14.": a clock word the wrap cut from its hour
    return re.search(rf"(?m)^[ \t]*{int(number.group(1)) - 1}[.)][ \t]", text[: boundary.start()]) is None


def _item_and_rest(text: str, start: int, end: int, in_list: bool = False) -> Iterator[tuple[int, int]]:
    """text[start:end], cut where a bullet item without a full stop gives way to the text after
    the list; not while the list goes on after it (`in_list`): "- two free tickets for a
    performance by\nFriday\n- …" is one item the wrap cut before a capital."""
    if _ITEM.match(text, start, end) and not in_list:
        cut = next((c for c in _AFTER_ITEM.finditer(text, start, end)
                    if text[c.end()].isupper() and not _wrapped_month(text, c.start(), c.end())), None)
        if cut is not None:
            yield from _bounded(text, start, cut.start())
            start = cut.end()
    yield from _bounded(text, start, end)


def _bounded(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The sentence text[start:end], in pieces of at most MAX_SENTENCE characters."""
    while end - start > MAX_SENTENCE:
        limit = start + MAX_SENTENCE
        cut = text.rfind("\n", start + 1, limit)
        if cut <= start:
            cut = text.rfind(" ", start + 1, limit)
        if cut <= start:
            cut = limit
        yield from trimmed(text, start, cut)
        start = cut
    yield from trimmed(text, start, end)


def _clock_before_day(text: str, boundary: re.Match[str]) -> bool:
    """ "…sent for 7 a.m. Wednesday", "by 5 p.m. Friday 3 July": a clock time's "a.m." or "p.m."
    before a weekday or month name goes on to the day it is on (after it, a capital otherwise
    starts a sentence: "I'll be there at 9 a.m. The rest …", "… before 8 a.m. Tuesdays are
    harder", "… at 9 a.m. Monday is fine too")."""
    if "\n" in boundary.group(0) or _CLOCK_SUFFIX.search(text, max(0, boundary.start() - 12), boundary.start()) is None:
        return False
    word = _NEXT_WORD.match(text, boundary.end())
    # a plural ("Tuesdays are harder") or a short form ("Tues.") starts a sentence of its own
    return word is not None and not word.group(1).endswith("s") and word.group(1).casefold() in _day_names()


def _after_abbreviation(text: str, end: int) -> bool:
    match = _LAST_WORD.search(text, max(0, end - 40), end)
    if match is None:
        return False
    word = match.group(1)
    if len(word) == 1 and word.isupper():  # an initial: "J. Berg"
        return True
    lower, capitalised = _abbreviations_by_case()
    return word.casefold() in lower or word in capitalised


@functools.cache
def _day_names() -> frozenset[str]:
    """Every weekday and month form of every language, lower case."""
    return frozenset(name for language in LANGUAGES for name in rules_for(language).day_names)


@functools.cache
def _shortened_day_names() -> frozenset[str]:
    """The first three to five letters of any weekday or month name, shorter than it."""
    return frozenset(name[:n] for name in _day_names() for n in range(3, min(6, len(name))) if name[:n].isalpha())


@functools.cache
def _listed_short_day_names() -> frozenset[str]:
    """The weekday and month forms of up to five letters a rule file lists that start a longer
    name of its own language ("nov" of "november", "thurs" of "thursday", "febr" of "febrer"),
    but never one that is a whole name elsewhere ("juli" ends a Danish sentence though Catalan
    has "juliol"; "friday" though English lists "fridays")."""
    shortening, whole = set(), set()
    for names in (rules_for(language).day_names for language in LANGUAGES):
        for name in names:
            (shortening if any(other != name and other.startswith(name) for other in names) else whole).add(name)
    return frozenset(name for name in shortening - whole if name.isalpha() and len(name) <= 5)


@functools.cache
def _short_forms() -> frozenset[str]:
    """What is cut short in lower-case typing: every language's short forms and abbreviations,
    in any case ("mr. olsen", "el sr. puig"), but for those that are words as well."""
    words = {word.casefold() for language in LANGUAGES
             for word in (*rules_for(language).short_forms, *rules_for(language).abbreviations)}
    return frozenset(words - _ALSO_WORDS)


@functools.cache
def _abbreviations_by_case() -> tuple[frozenset[str], frozenset[str]]:
    """Abbreviations written in lower case match in any case ("t.ex", "bl.a"); one written with
    a capital matches only so ("Av." is an avinguda, "nå av." ends a Norwegian sentence; "Hon."
    is not the Swedish "hon.")."""
    words = [word for language in LANGUAGES for word in rules_for(language).abbreviations]
    return (frozenset(w.casefold() for w in words if not w[:1].isupper()),
            frozenset(w for w in words if w[:1].isupper()))


def without_abbreviations(sentence: str) -> str:
    """`sentence` with every abbreviation before a word dropped, for reading who acts.

    "Dr. Smith will call", "PharmDr. Kollárová vám zavolá", "som bl.a. har ansvar" read as
    a name or phrase without the full stop that would break a subject pattern; an
    abbreviation before a number ("kl. 15", "nr. 4") stays, the date reader needs it.
    """
    return _abbreviation_before_word().sub("", sentence)


@functools.cache
def _abbreviation_before_word() -> re.Pattern[str]:
    words = sorted(_abbreviations(), key=len, reverse=True)
    return re.compile(r"(?<![\w.])(?:" + "|".join(map(re.escape, words)) + r")\.\s+(?=[^\W\d_])", re.IGNORECASE)


@functools.cache
def _abbreviations() -> frozenset[str]:
    lower, capitalised = _abbreviations_by_case()
    return lower | {word.casefold() for word in capitalised}


def trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The piece text[start:end] without its surrounding blanks and a bullet opening it, when any
    text is left (sentences and their clauses are cut the same way)."""
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return
    offset = start + piece.index(stripped)
    bullet = _BULLET.match(stripped)
    if bullet and bullet.end() < len(stripped):
        offset, stripped = offset + bullet.end(), stripped[bullet.end() :]
    yield offset, offset + len(stripped)
