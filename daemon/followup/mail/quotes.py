"""The text a sender actually wrote: a body minus quoted history and signature.

Rules are data (quote_rules.toml, one table per language), so a language is added by
adding a table. The text is cut at the first line that starts quoted history (an
attribution such as "On … wrote:", an Outlook header block, an original/forwarded-message
separator) or a signature; `>` lines elsewhere (inline replies) are dropped and the
answers between them kept.
"""

from __future__ import annotations

import re
import tomllib
from importlib import resources


def _load_rules() -> dict[str, dict[str, tuple[str, ...]]]:
    """Each kind of rule with every language's entries merged (the cut does not depend on
    the mail's language: a reply often quotes a message written in another)."""
    by_language = tomllib.loads(resources.files(__package__).joinpath("quote_rules.toml").read_text("utf-8"))
    merged: dict[str, dict[str, None]] = {}
    for rules in by_language.values():
        for kind, entries in rules.items():
            merged.setdefault(kind, {}).update(dict.fromkeys(entries))
    return {kind: tuple(entries) for kind, entries in merged.items()}


_RULES = _load_rules()  # quote_rules.toml: one table per language

_HEADER_LOOKAHEAD = 4  # lines between "From:" and "Sent:" (To:, Cc: may sit between)
_ATTRIBUTION_SPAN = 3  # lines an attribution may be wrapped over


def _alternation(kind: str, escape: bool = False) -> str:
    return "|".join(re.escape(w) if escape else w for w in _RULES[kind])


_WRAPPED = re.compile(rf"(?:{_alternation('attributions_wrapped')})\s*", re.IGNORECASE)
# Every wrapped pattern opens with its fixed word ("On\\b", "Dňa\\b"): a cheap first test.
_WRAPPED_START = re.compile(
    "|".join(dict.fromkeys(p.partition(r"\b")[0] + r"\b" for p in _RULES["attributions_wrapped"])),
    re.IGNORECASE,
)
_ONE_LINE = re.compile(rf"(?:{_alternation('attributions_one_line')})\s*", re.IGNORECASE)
_SEPARATOR = re.compile(
    rf"[-_=* ]*(?:{_alternation('separators', escape=True)})[-_=* ]*", re.IGNORECASE
)
_FROM_LINE = re.compile(rf"\*?(?:{_alternation('from_words', escape=True)})\s?:\*?\s+\S", re.IGNORECASE)
_SENT_LINE = re.compile(rf"\*?(?:{_alternation('sent_words', escape=True)})\s?:\*?\s+\S", re.IGNORECASE)
# A footer is a short phrase ("Sent from my Samsung Galaxy smartphone."), not a sentence.
_FOOTER = re.compile(rf"(?:{_alternation('mobile_footers')})\b[\w ®.-]{{0,40}}", re.IGNORECASE)
_LIST_FOOTER = re.compile(r".{1,80} mailing list\s*", re.IGNORECASE)
_SIGNATURE = re.compile(r"--\s*|_{5,}\s*|-{5,}\s*")
_QUOTED = re.compile(r"\s*>")


def split_new_text(text: str) -> str:
    """The newly written part of a plain-text body (quotes, history and signature removed)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if _QUOTED.match(line):
            index += 1
            continue
        span = _attribution_span(lines, index)
        if span:
            # Followed by ">" lines it only introduces a quote, and an answer may come
            # below it; followed by plain text it starts unquoted history.
            if not _quote_follows(lines, index + span):
                break
            index += span
            continue
        if line.strip() and _starts_history(lines, index):
            break
        kept.append(line)
        index += 1
    return "\n".join(kept).strip("\n").rstrip()


def _starts_history(lines: list[str], index: int) -> bool:
    stripped = lines[index].strip()
    return bool(
        _SEPARATOR.fullmatch(stripped) and _looks_like_rule(stripped)
        or _SIGNATURE.fullmatch(stripped) and _signature_follows(lines, index)
        or _FOOTER.fullmatch(stripped)
        or _FROM_LINE.match(stripped) and _sent_line_follows(lines, index)
    )


def _looks_like_rule(line: str) -> bool:
    # "Original message" alone may be prose; "-----Original Message-----" is not.
    return line.endswith(":") or any(rule in line for rule in ("--", "__", "==", "**"))


def _next_nonblank(lines: list[str], start: int, limit: int) -> list[str]:
    return [line.strip() for line in lines[start : start + limit] if line.strip()]


def _signature_follows(lines: list[str], index: int) -> bool:
    # "-- " is the signature marker; a long dash or underscore rule only ends the text
    # before an Outlook header block or a mailing-list footer (elsewhere it is a table).
    line = lines[index]
    if line.rstrip() == "--" or line == "-- ":
        return True
    following = _next_nonblank(lines, index + 1, _HEADER_LOOKAHEAD)
    return bool(following) and bool(
        _FROM_LINE.match(following[0]) or _LIST_FOOTER.fullmatch(following[0])
    )


def _sent_line_follows(lines: list[str], index: int) -> bool:
    window = lines[index + 1 : index + 1 + _HEADER_LOOKAHEAD]
    return any(_SENT_LINE.match(line.strip().lstrip("> ")) for line in window)


def _quote_follows(lines: list[str], start: int) -> bool:
    following = [line for line in lines[start : start + _HEADER_LOOKAHEAD] if line.strip()]
    return bool(following) and _QUOTED.match(following[0]) is not None


def _attribution_span(lines: list[str], index: int) -> int:
    """How many lines the attribution starting at `index` takes; 0 when there is none."""
    first = lines[index].strip()
    if not first:
        return 0
    if first.endswith(":") and (_WRAPPED.fullmatch(first) or _ONE_LINE.fullmatch(first)):
        return 1
    if _WRAPPED_START.match(first):
        return _wrapped_span(lines, index, _WRAPPED)
    # A one-line attribution the mail client wrapped ("tir. 14. mars 2028 kl. 19:05 skrev Kari"
    # / "<kari@…>:") is taken only as a paragraph of its own, not ending a sentence on its first
    # line, and directly followed by ">" lines, so that it cannot swallow our text.
    if index and lines[index - 1].strip() or first.endswith((".", "!", "?")):
        return 0
    span = _wrapped_span(lines, index, _ONE_LINE)
    return span if span and _quote_follows(lines, index + span) else 0


def _wrapped_span(lines: list[str], index: int, attribution: re.Pattern[str]) -> int:
    """How many lines (2 to _ATTRIBUTION_SPAN) starting at `index`, joined, make an
    `attribution` ending in a colon; 0 when none do before a blank line."""
    for span in range(2, _ATTRIBUTION_SPAN + 1):
        window = [line.strip() for line in lines[index : index + span]]
        if len(window) < span or not all(window):
            return 0
        if window[-1].endswith(":") and attribution.fullmatch(" ".join(window)):
            return span
    return 0
