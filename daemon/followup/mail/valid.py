"""Only valid Unicode leaves the parser: the text SQLite stores as UTF-8 must encode.

Python strings can hold surrogate code points (UTF-7 and the escape codecs make them, and
compat32 smuggles undecodable header bytes as surrogates); UTF-8 cannot encode them, so one
such field once made the archive refuse a whole window of messages.
"""

from __future__ import annotations

import re
from dataclasses import fields as dataclass_fields
from dataclasses import is_dataclass, replace

from followup.mail.model import ParsedMessage

_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> tuple[str, list[str]]:
    """Valid Unicode only: surrogate pairs joined, lone surrogates (UTF-7 and UTF-16 can
    carry them) replaced by U+FFFD, so the text can always be stored as UTF-8."""
    if text.isascii() or not _SURROGATE.search(text):
        return text, []
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace"), ["lone-surrogate"]


def valid_unicode(parsed: ParsedMessage) -> ParsedMessage:
    """The last net at the boundary: no lone surrogate leaves the parser, whatever path
    produced it (storage encodes UTF-8 and would refuse the whole message)."""
    found: list[str] = []
    cleaned = _cleaned(parsed, found)
    if not found:
        return parsed
    return replace(cleaned, defects=tuple(dict.fromkeys((*cleaned.defects, "unicode-cleaned"))))


def _cleaned(value, found: list[str]):
    if isinstance(value, str):
        text, defects = clean_text(value)
        found.extend(defects)
        return text
    if isinstance(value, tuple):
        return tuple(_cleaned(v, found) for v in value)
    if is_dataclass(value):
        changes = {f.name: _cleaned(getattr(value, f.name), found) for f in dataclass_fields(value)}
        return replace(value, **changes) if found else value
    return value
