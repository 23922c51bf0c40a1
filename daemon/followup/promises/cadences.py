"""Update cadences ("every 2 business days", "hver tirsdag", "každý utorok") from text."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .model import Cadence
from .language import language_of
from .rules import LANGUAGES, Rules, rules_for

# The directive shorthand ("#slipup every 2d") is the same in every language.
_SHORTHAND = re.compile(r"(?<!\w)every\s+(\d+)\s*(bd|d|w|m)(?!\w)", re.IGNORECASE)
_SHORT_UNITS = {"d": "day", "bd": "business_day", "w": "week", "m": "month"}


@dataclass(frozen=True)
class CadenceMatch:
    start: int
    end: int
    cadence: Cadence


def parse_cadence(text: str, languages: Sequence[str]) -> Cadence | None:
    """The first update cadence stated in `text`, trying each language's rules in order
    (language codes or the client's locale, "nb_NO"; one we have no rules for is passed over)."""
    found = find_cadence(text, None)
    if found is not None:
        return found.cadence
    for language in dict.fromkeys(language_of(hint) for hint in languages):
        if language not in LANGUAGES:
            continue
        found = find_cadence(text, rules_for(language))
        if found is not None:
            return found.cadence
    return None


def find_cadence(text: str, rules: Rules | None) -> CadenceMatch | None:
    """The cadence phrase in `text` with its offsets; `rules=None` reads only the shorthand."""
    match = _SHORTHAND.search(text)
    if match:
        unit = _SHORT_UNITS[match.group(2).lower()]
        return _found(match, Cadence(int(match.group(1)), unit, (), match.group(0)))
    if rules is None:
        return None
    for finder in (_fixed, _with_unit, _on_days, _adverb):
        found = finder(text, rules)
        if found is not None:
            return found
    return None


def _found(match: re.Match[str], cadence: Cadence) -> CadenceMatch:
    return CadenceMatch(match.start(), match.end(), cadence)


def _fixed(text: str, rules: Rules) -> CadenceMatch | None:
    for pattern, every, unit in rules.cadence_fixed:
        match = pattern.search(text)
        if match:
            return _found(match, Cadence(every, unit, (), match.group(0)))
    return None


def _with_unit(text: str, rules: Rules) -> CadenceMatch | None:
    match = rules.cadence_units.search(text) if rules.cadence_units else None
    if match is None:
        return None
    unit = rules.units.get(match.group("unit").lower())
    if unit is None or unit == "hour":
        return None
    n_word = match.group("n")
    every = 1 if n_word is None else rules.number(n_word)
    if every is None or every < 1:
        return None
    if unit == "fortnight":  # a due-date unit ("within a fortnight"); a cadence counts it in weeks
        every, unit = 2 * every, "week"
    days = _weekdays(match.groupdict().get("days") or "", rules)
    return _found(match, Cadence(every, "week" if days else unit, days, match.group(0)))


def _on_days(text: str, rules: Rules) -> CadenceMatch | None:
    match = rules.cadence_days.search(text) if rules.cadence_days else None
    if match is None:
        return None
    days = _weekdays(match.group(0), rules)
    return _found(match, Cadence(1, "week", days, match.group(0))) if days else None


def _adverb(text: str, rules: Rules) -> CadenceMatch | None:
    for pattern, unit in rules.cadence_adverbs:
        match = pattern.search(text)
        if match:
            return _found(match, Cadence(1, unit, (), match.group(0)))
    return None


def _weekdays(words: str, rules: Rules) -> tuple[int, ...]:
    # Each weekday form is searched on its own so "Monday and Thursday" gives (0, 3).
    hits = []
    for weekday, pattern in enumerate(rules.weekdays):
        for match in pattern.finditer(words):
            hits.append((match.start(), weekday))
    return tuple(sorted({d for _, d in hits}))
