"""Find an owner's `#slipup` directives in a message's subject and new text.

Where a directive may stand:

- the subject: `#slipup` anywhere as a word; the words after it count as a directive
  only when the first one is a known verb or cadence/due keyword, because a subject is
  free prose ("#slipup Late delivery for ACME" is a plain tag, not an unknown directive);
- the new text: any line that starts with the tag after optional whitespace is a
  directive line, and a bare tag anywhere in the first five non-empty lines tags the case.
  Lines starting with `>` are quoted history and never count.

Forms (the tag is configurable and matched case-insensitively):

    #slipup [every CADENCE] [due DATE]   tag the thread; keywords per language in the tables below
    #slipup cadence CADENCE              change the cadence
    #slipup close | pause | resume [REASON]
    #slipup note: TEXT                   TEXT runs on to the end of the paragraph
    #slipup promise DATE: TEXT           likewise
    #slipup promise #ID DATE[: REASON]   a new due date for promise ID (kind "reschedule")

Dates and cadences stay raw phrases here; `promises` interprets them per language.
Anything else after the tag gives a Directive of kind "invalid" whose `text` is the
refusal to record. Texts are one line: line breaks and control characters become spaces.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from followup.mail.thread import strip_prefixes

Kind = Literal["tag", "close", "pause", "resume", "note", "promise", "reschedule", "cadence", "invalid"]

# The words that start a cadence phrase ("every 2 business days", "hver tirsdag").
# The keyword stays in cadence_text: it is part of the phrase's meaning ("varannan").
CADENCE_KEYWORDS: dict[str, tuple[str, ...]] = {
    "en": ("every",),
    "nb": ("hver", "hvert", "annenhver"),
    "da": ("hver", "hvert"),
    "sv": ("varje", "varannan", "vartannat"),
    "ca": ("cada",),
    "sk": ("každý", "každé", "každú", "každá"),
}

# The words that start a due phrase; they are dropped, only the date follows.
DUE_KEYWORDS: dict[str, tuple[str, ...]] = {
    "en": ("due",),
    "nb": ("innen", "senest"),
    "da": ("senest", "inden"),
    "sv": ("senast",),
    "ca": ("abans del", "abans de"),
    "sk": ("do",),
}

VERBS: tuple[str, ...] = ("close", "pause", "resume", "note", "promise", "cadence")
_TEXT_VERBS = ("note", "promise")  # these run on to the end of the paragraph
BARE_TAG_LINES = 5

# Bidirectional overrides could make a recorded note read differently than it was written.
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_PROMISE_SPLIT = re.compile(r":(?:\s|$)")
_PROMISE_REF = re.compile(r"#(\d{1,9})(?:\s+|$)")
_CLOSERS = {"[": "]", "(": ")", "{": "}"}
_VERB = re.compile(r"([^\W\d_]+)(?=[\s:.,;!?]|$)")


@dataclass(frozen=True)
class Directive:
    kind: Kind
    cadence_text: str | None = None
    due_text: str | None = None
    text: str | None = None
    line: str = ""  # the line as written (control characters and runs of spaces made one space)
    promise_id: int | None = None  # reschedule: which promise


def parse_directives(subject: str, new_text: str, *, tag: str = "slipup") -> list[Directive]:
    """Every directive in the subject, then in the new text, in order of appearance."""
    tag_re = _tag_pattern(tag)
    found = []
    subject_directive = _from_subject(_one_line(subject), tag_re)
    if subject_directive is not None:
        found.append(subject_directive)
    found.extend(_from_body(new_text, tag_re))
    return found


def quoted_directive_lines(text: str, new_text: str, *, tag: str = "slipup") -> list[str]:
    """Directive lines in the quoted history of `text` (not in `new_text`). They never steer
    a case; they are found only so the record can say why they were ignored."""
    tag_re = _tag_pattern(tag)
    written = {_one_line(raw) for raw in new_text.splitlines()}
    found = []
    for raw in text.splitlines():
        line = _one_line(raw)
        if line not in written and tag_re.match(line.lstrip("> ")):
            found.append(line)
    return found


def known_forms() -> str:
    """The list a refusal quotes, so the owner sees what would have worked."""
    return ", ".join((*VERBS, "every …", "due …"))


def _tag_pattern(tag: str) -> re.Pattern[str]:
    name = re.escape(tag.lstrip("#"))
    # A tag stands alone: not inside a word or URL (foo#slipup, /page#slipup), not a prefix (#slipupx).
    return re.compile(rf"(?<![^\s(\[{{\"'«“‘])#{name}(?![\w#@/-])", re.IGNORECASE)


def _one_line(text: str) -> str:
    if text.isprintable():  # the common case; spares a per-character look-up
        return " ".join(text.split())
    cleaned = "".join(" " if _is_break_or_control(ch) else ch for ch in text)
    return " ".join(cleaned.split())


def _is_break_or_control(ch: str) -> bool:
    return ch in _BIDI or unicodedata.category(ch) in ("Cc", "Zl", "Zp")


def _from_subject(subject: str, tag_re: re.Pattern[str]) -> Directive | None:
    match = tag_re.search(subject)
    if match is None:
        return None
    rest = subject[match.end():].lstrip(" :")
    opener = subject[match.start() - 1:match.start()]
    if opener in _CLOSERS:  # "[#slipup every 2d] Late delivery"
        rest = rest.split(_CLOSERS[opener], 1)[0]
    verb = _VERB.match(rest)
    if verb is None or _fold(verb[1]) not in _TEXT_VERBS:
        rest = rest.split(": ", 1)[0]  # "#slipup every tuesday: Quarterly report" — the rest is the subject
    if (verb is not None and _fold(verb[1]) in VERBS) or _keyword_at(_words(rest), 0) is not None:
        return _parse_args(rest, subject, [])
    return Directive("tag", line=subject)


def _from_body(new_text: str, tag_re: re.Pattern[str]) -> list[Directive]:
    lines = [_one_line(raw) for raw in new_text.splitlines()]
    found = []
    seen_nonempty = 0
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if not line or line.startswith(">"):
            continue
        seen_nonempty += 1
        match = tag_re.match(line)
        if match is not None:
            paragraph = _continuation(lines[index:], tag_re)
            directive = _parse_args(line[match.end():].lstrip(" :"), line, paragraph)
            found.append(directive)
            if directive.kind in _TEXT_VERBS:
                index += len(paragraph)
                seen_nonempty += len(paragraph)
        elif seen_nonempty <= BARE_TAG_LINES and tag_re.search(line):
            found.append(Directive("tag", line=line))
    return found


def _continuation(following: list[str], tag_re: re.Pattern[str]) -> list[str]:
    """The rest of the paragraph: up to a blank line, a quote or the next directive."""
    taken = []
    for line in following:
        if not line or line.startswith(">") or tag_re.match(line):
            break
        taken.append(line)
    return taken


def _words(text: str) -> list[str]:
    return [_fold(word) for word in text.split()]


def _fold(word: str) -> str:
    return unicodedata.normalize("NFC", word).casefold().strip(".,;:!?")


def _parse_args(rest: str, line: str, paragraph: list[str]) -> Directive:
    if not rest.strip():
        return Directive("tag", line=line)
    verb = _VERB.match(rest)
    if verb is not None and _fold(verb[1]) in VERBS:
        after = rest[verb.end():].lstrip(" :.,;!?")
        return _parse_verb(_fold(verb[1]), after.strip(), paragraph, line)
    return _parse_tag_phrases(rest, line)


def _parse_verb(verb: str, after: str, paragraph: list[str], line: str) -> Directive:
    if verb in _TEXT_VERBS:
        after = " ".join([after, *paragraph]).strip()
    if verb == "note":
        return Directive("note", text=after, line=line) if after else _invalid("note needs a text: '#slipup note: TEXT'", line)
    if verb == "promise":
        return _parse_promise(after, line)
    if verb == "cadence":
        return Directive("cadence", cadence_text=after, line=line) if after else _invalid("cadence needs a phrase: '#slipup cadence every 2 days'", line)
    return Directive(verb, text=after or None, line=line)  # type: ignore[arg-type]


def _parse_promise(after: str, line: str) -> Directive:
    ref = _PROMISE_REF.match(after)
    if ref is not None:
        return _parse_reschedule(int(ref[1]), after[ref.end():], line)
    parts = _PROMISE_SPLIT.split(after, maxsplit=1)
    if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
        return _invalid("promise needs a date and a text: '#slipup promise DATE: TEXT'", line)
    return Directive("promise", due_text=parts[0].strip(), text=parts[1].strip(), line=line)


def _parse_reschedule(promise_id: int, after: str, line: str) -> Directive:
    """`#ID DATE[: REASON]`: the date runs to the first ": ", the reason after it."""
    parts = _PROMISE_SPLIT.split(after, maxsplit=1)
    due = parts[0].strip()
    if not due:
        return _invalid(f"a new date for promise #{promise_id} is missing: '#slipup promise #{promise_id} 2026-12-01'", line)
    reason = parts[1].strip() if len(parts) == 2 and parts[1].strip() else None
    return Directive("reschedule", due_text=due, text=reason, line=line, promise_id=promise_id)


def _parse_tag_phrases(rest: str, line: str) -> Directive:
    """Split `every … due …` (in any order, any of the six languages) into raw phrases."""
    tokens = rest.split()
    folded = [_fold(token) for token in tokens]
    phrases: dict[str, list[str]] = {}
    current: str | None = None
    index = 0
    while index < len(tokens):
        hit = _keyword_at(folded, index)
        if hit is not None and hit[0] not in phrases:
            current, width = hit
            phrases[current] = tokens[index:index + width] if current == "cadence" else []
            index += width
            continue
        if current is None:
            return _invalid(f"unknown directive {tokens[index]!r}; known: {known_forms()}", line)
        phrases[current].append(tokens[index])
        index += 1
    return _tag_from_phrases(phrases, line)


def _tag_from_phrases(phrases: dict[str, list[str]], line: str) -> Directive:
    cadence = " ".join(phrases.get("cadence", [])) or None
    due = " ".join(phrases.get("due", [])) or None
    if "cadence" in phrases and (cadence is None or len(phrases["cadence"]) < 2):
        return _invalid(f"{cadence or 'every'!r} needs a cadence: '#slipup every 2 days'", line)
    if "due" in phrases and due is None:
        return _invalid("due needs a date: '#slipup due friday'", line)
    return Directive("tag", cadence_text=cadence, due_text=due, line=line)


def _keyword_at(folded: list[str], index: int) -> tuple[str, int] | None:
    """("cadence"|"due", number of words) when a keyword phrase starts at folded[index]."""
    for kind, phrases in _KEYWORD_PHRASES:
        for phrase in phrases:
            if tuple(folded[index:index + len(phrase)]) == phrase:
                return kind, len(phrase)
    return None


def _phrases(table: dict[str, tuple[str, ...]]) -> tuple[tuple[str, ...], ...]:
    # Longest first, so "abans del" wins over "abans de".
    unique = {tuple(_fold(w) for w in keyword.split()) for words in table.values() for keyword in words}
    return tuple(sorted(unique, key=len, reverse=True))


_KEYWORD_PHRASES = (("cadence", _phrases(CADENCE_KEYWORDS)), ("due", _phrases(DUE_KEYWORDS)))


def _invalid(reason: str, line: str) -> Directive:
    return Directive("invalid", text=reason, line=line)


def clean_subject(subject: str, tag: str) -> str:
    """The case's subject: the tag phrase and any "Re:"/"SV:" prefixes taken away."""
    return strip_prefixes(without_tag(subject, tag))[0]


def without_tag(subject: str, tag: str) -> str:
    """'#slipup every tuesday: Report' → 'Report'."""
    match = re.search(rf"(?i)#{re.escape(tag)}\b[^:\]]*[:\]]\s*", subject)
    if match:
        return (subject[:match.start()] + subject[match.end():]).strip()
    return re.sub(rf"(?i)#{re.escape(tag)}\b", "", subject).strip()


def without_directive_lines(text: str, tag: str) -> str:
    """The text without the lines that carry the tag: directives are not promises."""
    marker = f"#{tag}".casefold()
    return "\n".join(line for line in text.split("\n") if marker not in line.casefold())
