"""Only valid Unicode leaves the parser: the text SQLite stores as UTF-8 must encode.

Python strings can hold surrogate code points (UTF-7 and the escape codecs make them, and
compat32 smuggles undecodable header bytes as surrogates); UTF-8 cannot encode them, so one
such field once made the archive refuse a whole window of messages.
"""

from __future__ import annotations

from dataclasses import fields as dataclass_fields
from dataclasses import is_dataclass, replace

from followup.mail.model import ParsedMessage

def clean_text(text: str) -> tuple[str, list[str]]:
    """Valid Unicode only: surrogate pairs joined, lone surrogates (UTF-7 and UTF-16 can
    carry them) replaced by U+FFFD, so the text can always be stored as UTF-8."""
    if _encodes(text):
        return text, []
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace"), ["lone-surrogate"]


def valid_unicode(parsed: ParsedMessage) -> ParsedMessage:
    """The last net at the boundary: no lone surrogate leaves the parser, whatever path
    produced it (storage encodes UTF-8 and would refuse the whole message)."""
    texts = _texts(parsed)
    if all(map(str.isascii, texts)) or all(map(_encodes, texts)):
        return parsed  # the common case, checked without rebuilding anything
    found: list[str] = []
    cleaned = _cleaned(parsed, found)
    if not found:
        return parsed
    return replace(cleaned, defects=tuple(dict.fromkeys((*cleaned.defects, "unicode-cleaned"))))


def _encodes(text: str) -> bool:
    if text.isascii():
        return True
    try:
        text.encode("utf-8")  # C speed; a regex over a long non-ASCII body is several times slower
    except UnicodeEncodeError:
        return False
    return True


def _texts(m: ParsedMessage) -> list[str]:
    texts = [m.message_id, m.subject, m.text, m.new_text, *m.in_reply_to, *m.references, *m.defects]
    for address in (m.from_, *m.to, *m.cc):
        if address is not None:
            texts += (address.name, address.addr)
    texts += [a.filename for a in m.attachments if a.filename]
    texts += [value for _, value in m.headers]
    return texts


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
