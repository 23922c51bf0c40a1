"""Build an outgoing message (an update, a closing summary) as the exact bytes to send.

Pure: the same arguments give the same bytes (the MIME boundary is derived from the
Message-ID, not drawn at random), so the outbox can rebuild and compare a pending update.

Header injection: text that reaches a header (subject, display names, extra header values)
has every line break folded to a space, so a subject such as "Hi\\r\\nBcc: x@y" stays one
Subject line. Addresses and message ids are not folded but refused (ValueError): a line
break there is a bug upstream, not text to repair.

The output is 7-bit clean (UTF-8 bodies in quoted-printable, headers in RFC 2047 encoded
words, internationalised domains in punycode), so any relay can carry it, and uses CRLF.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

UPDATE_MARKER = "X-Followup-Update"  # value: the case id; lets us recognise our own updates
AUTO_SUBMITTED = "auto-generated"  # RFC 3834: automatic mail; auto-responders must stay quiet

# Headers compose() writes itself; extra_headers may not set them (a second From or
# Content-Type would make the message ambiguous). Auto-Submitted may be overridden.
_RESERVED = frozenset(
    name.lower()
    for name in (
        "From", "Sender", "To", "Cc", "Bcc", "Reply-To", "Subject", "Date", "Message-ID",
        "In-Reply-To", "References", "MIME-Version", "Content-Type",
        "Content-Transfer-Encoding", "Content-Disposition",
    )
)
# Everything str.splitlines() treats as a line end (a mail client may, too), plus NUL.
_LINE_BREAKS = re.compile(r"[ \t]*[\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029\x00]+[ \t]*")
_FIELD_NAME = re.compile(r"[!-9;-~]+")  # RFC 5322 ftext: printable ASCII except ':'
_ID_PART = re.compile(r"[^\s<>()\[\]\\,;:@\"]+")


def compose(
    *,
    sender: str,
    sender_name: str | None,
    to: Sequence[str],
    subject: str,
    text: str,
    html: str | None,
    in_reply_to: str | None,
    references: Sequence[str],
    message_id: str,
    date: datetime,
    extra_headers: Mapping[str, str],
) -> bytes:
    """The message as CRLF bytes: text/plain, or multipart/alternative with `html`.

    Addresses are bare (`me@agency.example`); message ids are given without angle brackets
    (as make_message_id returns them; brackets are tolerated). `date` must be aware.
    Raises ValueError for an unusable address, message id, date or extra header name."""
    msg = EmailMessage(policy=policy.SMTP)
    msg["From"] = _address(sender, sender_name)
    if not to:
        raise ValueError("compose: at least one recipient is needed")
    msg["To"] = [_address(addr, None) for addr in to]
    msg["Subject"] = one_line(subject)
    msg["Date"] = _date(date)
    msg["Message-ID"] = f"<{_bare_id(message_id)}>"
    _thread_headers(msg, in_reply_to, references)
    msg["MIME-Version"] = "1.0"
    _extra_headers(msg, extra_headers)
    _body(msg, text, html, message_id)
    return msg.as_bytes()


def make_message_id(domain: str) -> str:
    """A fresh, globally unique message id for `domain`, without angle brackets."""
    host = _ascii_domain(domain.strip().rstrip("."))
    if not _ID_PART.fullmatch(host):
        raise ValueError(f"make_message_id: {domain!r} cannot be the right side of a message id")
    return f"followup.{uuid.uuid4().hex}@{host}"


def one_line(value: str) -> str:
    """`value` with every run of line breaks (and the blanks around it) folded to one space."""
    return _LINE_BREAKS.sub(" ", value)


def _address(addr_spec: str, name: str | None) -> Address:
    local, at, domain = addr_spec.strip().rpartition("@")
    if not at or not local or not domain:
        raise ValueError(f"compose: {addr_spec!r} is not a bare address such as me@agency.example")
    try:
        return Address(display_name=one_line(name or "").strip(), addr_spec=f"{local}@{_ascii_domain(domain)}")
    except ValueError as bad:  # the header registry's *Defect classes are ValueErrors too
        raise ValueError(f"compose: {addr_spec!r} is not a usable address ({bad})") from None


def _ascii_domain(domain: str) -> str:
    try:
        return domain.encode("idna").decode("ascii")
    except UnicodeError:
        raise ValueError(f"compose: {domain!r} is not a usable domain name") from None


def _date(value: datetime) -> str:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("compose: date must be timezone-aware (pass the clock's aware datetime)")
    return format_datetime(value)


def _bare_id(value: str) -> str:
    bare = value.strip()
    if bare.startswith("<") and bare.endswith(">"):
        bare = bare[1:-1]
    left, at, right = bare.partition("@")
    if not at or not _ID_PART.fullmatch(left) or not _ID_PART.fullmatch(right):
        raise ValueError(f"compose: {value!r} is not a message id such as abc123@agency.example")
    return bare


def _thread_headers(msg: EmailMessage, in_reply_to: str | None, references: Sequence[str]) -> None:
    if in_reply_to:
        msg["In-Reply-To"] = f"<{_bare_id(in_reply_to)}>"
    chain = list(dict.fromkeys(_bare_id(ref) for ref in references))
    if in_reply_to and _bare_id(in_reply_to) not in chain:
        chain.append(_bare_id(in_reply_to))  # RFC 5322 3.6.4: References ends with the parent
    if chain:
        msg["References"] = " ".join(f"<{ref}>" for ref in chain)


def _extra_headers(msg: EmailMessage, extra: Mapping[str, str]) -> None:
    values = {"Auto-Submitted": AUTO_SUBMITTED}
    for name, value in extra.items():
        if not _FIELD_NAME.fullmatch(name) or name.lower() in _RESERVED:
            raise ValueError(f"compose: {name!r} cannot be an extra header")
        canonical = "Auto-Submitted" if name.lower() == "auto-submitted" else name
        values[canonical] = one_line(str(value)).strip()
    for name, value in values.items():
        msg[name] = value


def _body(msg: EmailMessage, text: str, html: str | None, message_id: str) -> None:
    msg.set_content(text, charset="utf-8", cte="quoted-printable")
    if html is None:
        return
    msg.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    for part in msg.iter_parts():
        del part["MIME-Version"]  # add_alternative copies it into the part; it belongs on top only
    # "=_" never occurs in quoted-printable text, so this boundary cannot clash with a body.
    msg.set_boundary("=_" + hashlib.sha256(message_id.encode("utf-8")).hexdigest()[:40])
