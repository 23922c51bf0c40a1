"""Which IMAP flags count as keywords: flags without the system backslash (a `slipup`
keyword set in Thunderbird, Apple Mail or by Sieve) and Gmail's user labels
(X-GM-LABELS, in modified UTF-7)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# what else to FETCH from Gmail: its message id and its labels
GMAIL_ITEMS = [b"X-GM-MSGID", b"X-GM-LABELS"]


def keywords(data: Mapping[bytes, Any]) -> set[str]:
    """IMAP keywords (flags without the system backslash) and Gmail user labels."""
    words = {_text(flag) for flag in data.get(b"FLAGS", ()) if not _text(flag).startswith("\\")}
    words |= {_label(label) for label in data.get(b"X-GM-LABELS", ()) or ()}
    return {word for word in words if word and not word.startswith("\\")}


def _label(label: bytes | str) -> str:
    if isinstance(label, str):
        return label
    from imapclient.imap_utf7 import decode

    return decode(label)


def _text(value: bytes | str) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value
