"""Threading keys (JWZ): the Message-IDs that tie a message to its thread, and the subject key
used only when a reply carries no threading headers at all."""

from __future__ import annotations

import re

from followup.mail.model import ParsedMessage

# Reply and forward prefixes in the languages our users write (en, no, da, sv, de, ca, sk, fr, es, …)
_PREFIX = re.compile(
    r"^\s*(?:(?:re|aw|sv|vs|antw|odp|fw|fwd|tr|wg|rv|enc|r|i|vl|fs|rif|res|odg|ynt|trs)"
    r"\s*(?:\[\d+\]|\(\d+\))?\s*[:：]\s*|\[[^\]]{1,40}\]\s*)",
    re.IGNORECASE,
)
_SPACE = re.compile(r"\s+")


def link_ids(msg: ParsedMessage) -> tuple[str, ...]:
    """The message's own id and every id it points at: each ties it to one thread."""
    return (msg.message_id, *msg.in_reply_to, *msg.references)


def has_thread_headers(msg: ParsedMessage) -> bool:
    return bool(msg.in_reply_to or msg.references)


def strip_prefixes(subject: str) -> tuple[str, bool]:
    """The subject without reply/forward prefixes and list tags, and whether it had any."""
    rest, stripped = subject, False
    while True:
        match = _PREFIX.match(rest)
        if not match or match.end() == 0:
            break
        rest, stripped = rest[match.end():], True
    return rest.strip(), stripped


def subject_key(subject: str) -> tuple[str, bool]:
    """The stripped subject, folded for comparison, and whether it had a prefix."""
    rest, stripped = strip_prefixes(subject)
    return _SPACE.sub(" ", rest).lower(), stripped
