"""Tell machine-written mail from a person's, so followup never answers a robot (RFC 3834).

An automatic message must not trigger an update, count as the owner's manual reply, or
count as the client speaking. The checks run cheapest first; the first hit is the reason.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from email.message import Message
from email.utils import parseaddr

from followup.mail.model import ParsedMessage

MARKER_HEADER = "x-followup-update"  # set on every update we send

BULK_PRECEDENCE = frozenset({"bulk", "junk", "list", "auto_reply"})
SUPPRESS_TOKENS = frozenset({"all", "oof", "autoreply"})
ROBOT_MAILBOXES = frozenset({"mailer-daemon", "postmaster"})
PRESENCE_HEADERS = ("x-autoreply", "x-autorespond", "list-id", "list-unsubscribe")

# Subjects of out-of-office and automatic replies, per language. A subject counts only when
# it starts with one of these followed by ':' or '-' or nothing, so "Out of office party?"
# written by a person does not.
AUTO_REPLY_SUBJECTS: dict[str, tuple[str, ...]] = {
    "en": ("out of office", "out of the office", "out of office autoreply", "automatic reply",
           "auto reply", "auto-reply", "autoreply", "auto response", "vacation reply"),
    "nb": ("fravær", "fraværsmelding", "automatisk svar", "autosvar", "ikke på kontoret"),
    "da": ("fravær", "fraværsmeddelelse", "automatisk svar", "autosvar", "ikke på kontoret"),
    "sv": ("frånvaro", "frånvaromeddelande", "automatiskt svar", "autosvar", "ej på kontoret"),
    "ca": ("resposta automàtica", "fora de l'oficina", "fora de l’oficina", "absència"),
    "sk": ("automatická odpoveď", "neprítomný", "neprítomná", "neprítomnosť", "mimo kancelárie"),
}


def is_automatic(msg: ParsedMessage) -> str | None:
    """Why this message was written by a machine, or None for a person's mail."""
    headers = _header_map(msg)
    for check in _CHECKS:
        reason = check(msg, headers)
        if reason is not None:
            return reason
    return None


Headers = dict[str, list[str]]


def _header_map(msg: ParsedMessage) -> Headers:
    found: Headers = {}
    for name, value in msg.headers:
        found.setdefault(name.lower(), []).append(value)
    return found


def _our_update(msg: ParsedMessage, headers: Headers) -> str | None:
    return "our own update (X-Followup-Update)" if MARKER_HEADER in headers else None


def _auto_submitted(msg: ParsedMessage, headers: Headers) -> str | None:
    for value in headers.get("auto-submitted", []):
        keyword = _first_word(value)
        if keyword != "no":
            return f"Auto-Submitted: {keyword or 'empty'}"
    return None


def _precedence(msg: ParsedMessage, headers: Headers) -> str | None:
    for value in headers.get("precedence", []):
        if _first_word(value) in BULK_PRECEDENCE:
            return f"Precedence: {_first_word(value)}"
    return None


def _present(msg: ParsedMessage, headers: Headers) -> str | None:
    for name in PRESENCE_HEADERS:
        if name in headers:
            return f"has {_title(name)}"
    return None


def _suppress(msg: ParsedMessage, headers: Headers) -> str | None:
    for value in headers.get("x-auto-response-suppress", []):
        tokens = {token.strip().casefold() for token in value.split(",")}
        hit = sorted(tokens & SUPPRESS_TOKENS)
        if hit:
            return f"X-Auto-Response-Suppress: {', '.join(hit)}"
    return None


def _report(msg: ParsedMessage, headers: Headers) -> str | None:
    for value in headers.get("content-type", [])[:1]:
        parsed = Message()
        parsed["Content-Type"] = value
        report_type = parsed.get_param("report-type")
        if parsed.get_content_type() == "multipart/report" or report_type == "delivery-status":
            return f"a report (multipart/report, report-type={report_type or 'unknown'})"
    if any(a.content_type.lower() == "message/delivery-status" for a in msg.attachments):
        return "a delivery status notification (message/delivery-status part)"
    return None


def _robot_sender(msg: ParsedMessage, headers: Headers) -> str | None:
    for value in headers.get("return-path", []):
        if value.strip().replace(" ", "") in ("<>", ""):
            return "empty Return-Path <>"
        if _local_part(parseaddr(value)[1]) in ROBOT_MAILBOXES:
            return f"Return-Path {parseaddr(value)[1]}"
    if msg.from_ is not None and _local_part(msg.from_.addr) in ROBOT_MAILBOXES:
        return f"From {msg.from_.addr}"
    return None


def _auto_reply_subject(msg: ParsedMessage, headers: Headers) -> str | None:
    match = _SUBJECT_PATTERN.match(unicodedata.normalize("NFC", msg.subject).strip())
    return f"an automatic-reply subject ({match[1]!r})" if match else None


def _subject_pattern() -> re.Pattern[str]:
    phrases = {unicodedata.normalize("NFC", p) for ps in AUTO_REPLY_SUBJECTS.values() for p in ps}
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"({alternatives})\s*(?:[:\-–]|$)", re.IGNORECASE)


_SUBJECT_PATTERN = _subject_pattern()

_CHECKS: tuple[Callable[[ParsedMessage, Headers], str | None], ...] = (
    _our_update, _auto_submitted, _precedence, _present, _suppress, _report, _robot_sender,
    _auto_reply_subject,
)


def _first_word(value: str) -> str:
    """The keyword of a header like `auto-replied; owner-email=...` or `bulk (comment)`."""
    head = re.split(r"[;(\s]", value.strip(), maxsplit=1)[0]
    return head.casefold()


def _local_part(address: str) -> str:
    return address.rpartition("@")[0].casefold() if "@" in address else address.casefold()


def _title(name: str) -> str:
    return "-".join(part.capitalize() for part in name.split("-"))
