"""Case folding that agrees with Python's `re.IGNORECASE`, one character at a time.

The full-text index stores folded text and grep folds its required literals the same way.
For the index to narrow candidates without ever losing a match, any two characters that
`re` treats as equal under IGNORECASE must fold to the same string, and folding must map
each character on its own (so "text contains literal" survives folding).

`str.lower()` is that per-character map for every code point but U+0130 (Python's full
lower-casing gives "i̇", re's simple lower-casing gives "i"); re also equates a few extra
pairs (`re._casefix`: ſ/s, ı/i, ς/σ, µ/μ ...), which we map to one representative.
tests/test_fold.py recomputes both facts from the running Python.
"""

from __future__ import annotations

import re

# re._casefix._EXTRA_CASES (CPython 3.11-3.13), each class mapped to its smallest member.
_EXTRA_CLASSES = (
    "\u0069\u0131",
    "\u0073\u017f",
    "\u00b5\u03bc",
    "\u0345\u03b9\u1fbe",
    "\u0390\u1fd3",
    "\u03b0\u1fe3",
    "\u03b2\u03d0",
    "\u03b5\u03f5",
    "\u03b8\u03d1",
    "\u03ba\u03f0",
    "\u03c0\u03d6",
    "\u03c1\u03f1",
    "\u03c2\u03c3",
    "\u03c6\u03d5",
    "\u0432\u1c80",
    "\u0434\u1c81",
    "\u043e\u1c82",
    "\u0441\u1c83",
    "\u0442\u1c84\u1c85",
    "\u044a\u1c86",
    "\u0463\u1c87",
    "\u1c88\ua64b",
    "\u1e61\u1e9b",
    "\ufb05\ufb06",
)
CANONICAL: dict[int, str] = {
    ord(ch): min(members) for members in _EXTRA_CLASSES for ch in members if ch != min(members)
}
# str.translate probes the dict once per character; most non-ASCII mail has none of these.
# Compiled at the first non-ASCII text: grep's start-up folds only its (mostly ASCII) literals.
_needs_canonical: re.Pattern[str] | None = None


def fold(text: str) -> str:
    """Fold text for the index and for grep literals (see the module docstring)."""
    global _needs_canonical
    if text.isascii():
        return text.lower()
    if _needs_canonical is None:
        _needs_canonical = re.compile("[" + "".join(map(chr, CANONICAL)) + "]")
    lowered = text.replace("\u0130", "i").lower()
    return lowered.translate(CANONICAL) if _needs_canonical.search(lowered) else lowered
