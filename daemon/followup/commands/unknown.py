"""The one wording of "that name is unknown" for filters (stdlib only: grep uses it)."""

from __future__ import annotations

from collections.abc import Iterable


def unknown(what: str, name: object, known: Iterable[object]) -> str:
    """`no client named 'nobody' (known: acme, nordhem)`, `no case 7 (known: 1, 2)`: one line, the names to choose from."""
    listed = ", ".join(sorted({str(k) for k in known}, key=_natural)) or "none yet"
    named = str(name) if isinstance(name, int) else f"named {str(name)!r}"
    return f"no {what} {named} (known: {listed})"


def _natural(text: str) -> tuple:
    return (0, int(text), "") if text.isdigit() else (1, 0, text)
