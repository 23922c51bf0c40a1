"""What text must a regex match contain? An FTS5 query that narrows grep's candidates.

`required(pattern, flags)` walks the parsed regex and returns an AND/OR tree of literal
strings, at least one of which every match must contain, or None when nothing useful is
required (grep then scans every message). Only ever a weaker condition than the regex:
the regex decides, so dropping a requirement costs speed, never a result.
"""

from __future__ import annotations

import re

try:  # the parser moved in 3.11; it is the one `re` itself uses
    from re import _parser as sre_parse
    from re import _constants as sre_c
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as sre_c  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

from followup.storage.fold import fold

MIN_LITERAL = 3  # the trigram tokenizer cannot look up anything shorter


class _Parts:
    """Immutable, compared by kind and parts. (Not a dataclass: grep's start-up would pay ~9 ms
    for importing dataclasses.)"""

    __slots__ = ("parts",)

    def __init__(self, parts: tuple["Need", ...]):
        object.__setattr__(self, "parts", parts)

    def __setattr__(self, name, value):
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.parts == self.parts

    def __hash__(self) -> int:
        return hash((type(self).__name__, self.parts))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.parts!r})"


class All(_Parts):
    """Every part is required."""


class Any(_Parts):
    """At least one part is required."""


Need = "str | All | Any"  # str, or an All/Any of Needs


def required(pattern: str, flags: int = 0) -> Need | None:
    try:
        parsed = sre_parse.parse(pattern, flags)
    except (re.error, RecursionError):
        return None
    try:
        return _sequence(list(parsed))
    except RecursionError:
        return None


def literal_text(pattern: str) -> str | None:
    """The characters a regex that is a plain string matches ("a\\.b" -> "a.b"), else None.
    None too for a string under an inline (?i): it matches other characters than its own
    (grep searches for a literal's own characters, or under -i their case variants)."""
    try:
        parsed = sre_parse.parse(pattern)
    except (re.error, RecursionError):
        return None
    if not len(parsed) or not all(op is sre_c.LITERAL for op, _ in parsed):
        return None
    if parsed.state.flags & (sre_c.SRE_FLAG_IGNORECASE | sre_c.SRE_FLAG_LOCALE):
        return None
    return "".join(chr(arg) for _, arg in parsed)


def fts_query(need: Need) -> str:
    """Render as an FTS5 MATCH expression over folded text."""
    if isinstance(need, str):
        grams = _trigrams(fold(need))
        quoted = ['"' + g.replace('"', '""') + '"' for g in grams]
        return quoted[0] if len(quoted) == 1 else "(" + " AND ".join(quoted) + ")"
    joiner = " AND " if isinstance(need, All) else " OR "
    return "(" + joiner.join(fts_query(p) for p in need.parts) + ")"


MAX_TRIGRAMS = 12  # enough to narrow; each more is one more doclist to read


def _trigrams(text: str) -> list[str]:
    """Trigrams every text containing `text` contains: the index keeps no positions
    (detail=none, a third of the size), so a literal is looked up as its trigrams, the
    regex then decides. Every trigram up to MAX_TRIGRAMS: the ones spanning a word break
    ("n p" in "man page") narrow far more than the words' own (real 13k: 3,074 candidates
    for "man page" instead of 5,599 with every third trigram only, for the same look-up
    time). A longer literal: every third one first (they cover it), the last, then the rest
    in order."""
    if len(text) < 3:
        return [text]
    every = list(dict.fromkeys(text[i:i + 3] for i in range(len(text) - 2)))
    if len(every) <= MAX_TRIGRAMS:
        return every
    starts = list(range(0, len(text) - 2, 3))
    if starts[-1] != len(text) - 3:
        starts.append(len(text) - 3)
    covering = list(dict.fromkeys(text[i:i + 3] for i in starts))[:MAX_TRIGRAMS - 1] + [text[-3:]]
    return list(dict.fromkeys(covering + every))[:MAX_TRIGRAMS]


def _sequence(items: list) -> Need | None:
    """Adjacent literal characters form one run; other items add their own needs."""
    needs: list[Need] = []
    run: list[str] = []

    def flush() -> None:
        if len(run) >= MIN_LITERAL:
            needs.append("".join(run))
        run.clear()

    for op, arg in items:
        if op is sre_c.LITERAL:
            run.append(chr(arg))
            continue
        if op is sre_c.AT:  # anchors consume nothing: the run goes on
            continue
        flush()
        need = _item(op, arg)
        if need is not None:
            needs.append(need)
    flush()
    return _all(needs)


def _item(op, arg) -> Need | None:
    if op is sre_c.SUBPATTERN:
        return _sequence(list(arg[-1]))  # (group, add_flags, del_flags, items)
    if op is sre_c.BRANCH:
        branches = [_sequence(list(b)) for b in arg[1]]
        if any(b is None for b in branches):
            return None
        return Any(tuple(branches))
    if op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, getattr(sre_c, "POSSESSIVE_REPEAT", None)):
        low, _high, sub = arg
        return _sequence(list(sub)) if low >= 1 else None
    if op is getattr(sre_c, "ATOMIC_GROUP", None):
        return _sequence(list(arg))
    return None  # classes, ANY, lookarounds, backreferences: no literal requirement


def _all(needs: list[Need]) -> Need | None:
    if not needs:
        return None
    if len(needs) == 1:
        return needs[0]
    return All(tuple(needs))
