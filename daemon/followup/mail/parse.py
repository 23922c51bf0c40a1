"""Raw RFC 5322 bytes → ParsedMessage, repairing what real mail gets wrong.

Structure comes from the stdlib parser with the compat32 policy (about three times faster
than policy.default, and it does not choke on address groups); every field is then decoded
here with fallbacks that record what they repaired in `defects`. Only bytes that are not an
email at all raise UnparseableMessage.
"""

from __future__ import annotations

import binascii
import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime
from email.errors import InvalidBase64LengthDefect
from email.message import Message
from email.parser import BytesParser

from followup.errors import UnparseableMessage
from followup.mail import headers as h
from followup.mail.fastparse import parse_fast
from followup.mail.model import Address, Attachment, ParsedMessage
from followup.mail.quotes import split_new_text
from followup.mail.valid import valid_unicode

# Headers kept (decoded) for later stages: authentication, auto-reply and list detection,
# our own update marker.
KEPT_HEADERS = frozenset({
    "authentication-results", "auto-submitted", "precedence", "list-id", "x-autoreply",
    "x-auto-response-suppress", "return-path", "content-type", "x-followup-update",
    "delivered-to", "from", "sender", "x-autorespond", "list-unsubscribe",
})
# At least one of these must be present for the bytes to count as an email.
_EMAIL_HEADERS = frozenset({
    "from", "to", "cc", "bcc", "subject", "date", "message-id", "received", "return-path",
    "mime-version", "content-type", "content-transfer-encoding", "in-reply-to", "references",
    "delivered-to", "sender", "reply-to", "dkim-signature", "x-mailer", "user-agent",
    "list-id", "authentication-results", "resent-from", "resent-date", "x-original-to",
})
_MAX_DEPTH = 40  # deeper MIME nesting is an attack or a bug, not a message body
_BINARY_SAMPLE = 4096
_BINARY_SHARE = 0.10
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\f\x1b")
_MBOX_FROM = re.compile(rb"\AFrom [^\r\n]*\r?\n")
_BOM = b"\xef\xbb\xbf"
# Obsolete RFC 822 syntax allowed blanks before the colon ("Subject : hi"); compat32 then
# sees no headers at all.
_OBS_FIELD = re.compile(rb"^([!-9;-~]+)[ \t]+:", re.MULTILINE)
_HEADER_END = re.compile(rb"\r?\n\r?\n|\r\r")
_PARSER = BytesParser()  # policy compat32 by default; email.policy is a slow import


def parse_message(raw: bytes, *, fast: bool = True) -> ParsedMessage:
    """Parse one message; raises UnparseableMessage only when `raw` is not an email.

    `fast`: try the native parser first (mail/fastparse.py); it hands back whatever it
    cannot vouch for, and the archived row is the same either way."""
    _reject_non_email(raw)
    sha256 = hashlib.sha256(raw).hexdigest()
    raw, defects = _strip_envelope(raw)
    if b"\r" in raw and b"\n" not in raw:
        defects.append("cr-line-endings")
    msg = (fast and parse_fast(raw)) or _parse_structure(raw)
    if not _looks_like_email(msg):
        repaired = _repair_obsolete_fields(raw)
        if repaired is None or not _looks_like_email(msg := _parse_structure(repaired)):
            raise UnparseableMessage("no header block: no From/To/Subject/Date/Message-ID-like header")
        defects.append("header-blank-before-colon")
    try:
        return valid_unicode(_build(msg, sha256, defects))
    except Exception as exc:  # noqa: BLE001 - a decoding bug must quarantine, not stop an import
        raise UnparseableMessage(f"parser bug: {type(exc).__name__}: {exc}") from exc


def _strip_envelope(raw: bytes) -> tuple[bytes, list[str]]:
    """Drop what files add around a message: a UTF-8 BOM, an mbox "From " line."""
    defects = []
    if raw.startswith(_BOM):
        raw = raw[len(_BOM):]
        defects.append("byte-order-mark")
    envelope = _MBOX_FROM.match(raw)
    if envelope:
        raw = raw[envelope.end():]
        defects.append("mbox-from-line")
    return raw, defects


def _parse_structure(raw: bytes) -> Message:
    try:
        return _PARSER.parsebytes(raw)
    except Exception as exc:  # noqa: BLE001 - the stdlib parser is lenient; this is a bug net
        raise UnparseableMessage(f"parser failed: {type(exc).__name__}: {exc}") from exc


def _looks_like_email(msg: Message) -> bool:
    return any(name.lower() in _EMAIL_HEADERS for name, _ in msg.raw_items())


def _repair_obsolete_fields(raw: bytes) -> bytes | None:
    end = _HEADER_END.search(raw)
    head = raw[: end.start()] if end else raw
    fixed = _OBS_FIELD.sub(rb"\1:", head)
    return None if fixed == head else fixed + raw[len(head):]


def _reject_non_email(raw: bytes) -> None:
    if not raw.strip():
        raise UnparseableMessage("empty")
    if _starts_with_email_header(raw):
        return  # control bytes in header values are damage to repair, not a binary file
    sample = raw[:_BINARY_SAMPLE]
    control = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if control > len(sample) * _BINARY_SHARE:
        raise UnparseableMessage(f"binary data: {control} control bytes in the first {len(sample)}")


def _starts_with_email_header(raw: bytes) -> bool:
    name, colon, _ = raw.lstrip()[:100].partition(b":")
    return bool(colon) and name.strip().lower().decode("latin-1") in _EMAIL_HEADERS


def _build(msg: Message, sha256: str, defects: list[str]) -> ParsedMessage:
    fields = _HeaderFields(msg)
    message_id, synthetic = _message_id(fields.id_text("message-id"), sha256, fields.defects)
    date, offset = _date(fields)
    body = _Body()
    body.visit(msg, "body", 0)
    text = body.text()
    return ParsedMessage(
        sha256=sha256,
        message_id=message_id,
        message_id_synthetic=synthetic,
        in_reply_to=_id_list(fields.id_texts("in-reply-to"), message_id),
        references=_id_list(fields.id_texts("references"), message_id),
        subject=fields.text("subject"),
        from_=next(iter(fields.addresses("from")), None),
        to=tuple(fields.addresses("to")),
        cc=tuple(fields.addresses("cc")),
        date=date,
        date_offset_minutes=offset,
        text=text,
        new_text=split_new_text(text),
        attachments=tuple(body.attachments),
        defects=tuple(dict.fromkeys(defects + fields.defects + body.defects + _mime_defects(msg))),
        headers=fields.kept(),
    )


class _HeaderFields:
    """The message's raw headers, decoded on demand; repairs go to `defects`."""

    def __init__(self, msg: Message):
        self.items = [(name.lower(), value) for name, value in msg.raw_items()]
        self.defects: list[str] = []
        self._by_name: dict[str, list[str]] = {}  # a list mail has ~40 headers; asked ~9 times
        for key, value in self.items:
            self._by_name.setdefault(key, []).append(value)

    def all(self, name: str) -> list[str]:
        return [str(value) for value in self._by_name.get(name, ())]

    def first(self, name: str) -> str:
        values = self.all(name)
        return values[0] if values else ""

    def id_texts(self, name: str) -> list[str]:
        """Message-id headers: 8-bit bytes read as UTF-8 (RFC 6532) or escaped."""
        found = []
        for value in self.all(name):
            text, defects = h.id_header_text(value)
            found.append(text)
            self.defects.extend(f"{name}:{d}" for d in defects)
        return found

    def id_text(self, name: str) -> str:
        return next(iter(self.id_texts(name)), "")

    def text(self, name: str) -> str:
        text, defects = h.decode_text(self.first(name))
        self.defects.extend(f"{name}:{d}" for d in defects)
        return text

    def addresses(self, name: str) -> list[Address]:
        found: list[Address] = []
        for value in self.all(name):
            addresses, defects = h.parse_addresses(value)
            found.extend(addresses)
            self.defects.extend(f"{name}:{d}" for d in defects)
        return found

    def kept(self) -> tuple[tuple[str, str], ...]:
        kept = []
        for name, value in self.items:
            if name in KEPT_HEADERS:
                text, _ = h.decode_text(str(value))
                kept.append((name, text))
        return tuple(kept)


def _message_id(value: str, sha256: str, defects: list[str]) -> tuple[str, bool]:
    ids = h.message_ids(value)
    if ids:
        if "<" not in value:
            defects.append("message-id:without-brackets")
        return ids[0], False
    bare = value.strip()
    if bare and " " not in bare and bare.isprintable() and len(bare) >= 3:
        defects.append("message-id:without-brackets")
        return bare, False
    defects.append("message-id:missing" if not bare else "message-id:unparseable")
    return f"sha256-{sha256[:32]}@followup.invalid", True


def _id_list(values: list[str], message_id: str) -> tuple[str, ...]:
    ids: dict[str, None] = {}
    for value in values:
        ids.update(dict.fromkeys(h.message_ids(value)))
    ids.pop(message_id, None)
    return tuple(ids)


def _date(fields: _HeaderFields) -> tuple[datetime | None, int | None]:
    value = fields.first("date")
    if value.strip():
        date, offset, defects = h.parse_date(h.raw_header_text(value)[0])
        fields.defects.extend(f"date:{d}" for d in defects)
        return date, offset
    received = fields.all("received")
    if received:
        date, offset, defects = h.received_date(h.raw_header_text(received[-1])[0])
        if date is not None:
            fields.defects.append("date:missing-used-received")
            return date, offset
    fields.defects.append("date:missing")
    return None, None


def _mime_defects(msg: Message) -> list[str]:
    found: list[str] = []
    stack = [msg]
    while stack:
        part = stack.pop()
        found.extend(f"mime:{type(defect).__name__}" for defect in part.defects)
        payload = part.get_payload()
        if isinstance(payload, list) and len(found) < 100:
            stack.extend(p for p in payload if isinstance(p, Message))
    return found


@dataclass
class _Body:
    """Walks the MIME tree once: which leaves make the body, which are attachments."""

    plain: list[str] = field(default_factory=list)
    html: list[str] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    defects: list[str] = field(default_factory=list)

    def text(self) -> str:
        if self.plain:
            text = "\n".join(self.plain)
        elif self.html:
            text = "\n".join(self._html_to_text(html) for html in self.html)
        else:
            text = ""
        return text.replace("\r\n", "\n").replace("\r", "\n")

    def _html_to_text(self, html: str) -> str:
        from inscriptis import get_text  # heavy: only when a message has no text/plain

        try:
            return get_text(html)
        except Exception as exc:  # noqa: BLE001 - third-party HTML parser on hostile input
            self.defects.append(f"html-to-text-failed:{type(exc).__name__}")
            return re.sub(r"<[^>]*>", " ", html)

    # mode: "body" (may supply the body), "rest" (a rejected alternative: only attachments)
    def visit(self, part: Message, mode: str, depth: int) -> None:
        if depth > _MAX_DEPTH:
            self.defects.append("mime-too-deep")
            return
        try:
            if part.get_content_maintype() == "message" and part.is_multipart():
                self._attach_message(part)
            elif part.is_multipart():
                self._visit_multipart(part, mode, depth)
            else:
                self._visit_leaf(part, mode)
        except (RecursionError, LookupError, ValueError, TypeError, AttributeError) as exc:
            self.defects.append(f"part-unreadable:{type(exc).__name__}")

    def _visit_multipart(self, part: Message, mode: str, depth: int) -> None:
        children = [c for c in part.get_payload() if isinstance(c, Message)]
        subtype = part.get_content_subtype()
        if subtype == "alternative" and mode == "body":
            chosen = _choose_alternative(children)
            for child in children:
                self.visit(child, "body" if child is chosen else "rest", depth + 1)
        elif subtype in ("related", "signed"):
            for index, child in enumerate(children):
                self.visit(child, mode if index == 0 else "rest", depth + 1)
        else:
            for child in children:
                self.visit(child, mode, depth + 1)

    def _visit_leaf(self, part: Message, mode: str) -> None:
        maintype, subtype = part.get_content_maintype(), part.get_content_subtype()
        if maintype == "multipart":  # declared multipart without usable boundaries
            self.defects.append("multipart-without-parts")
            maintype, subtype = "text", "plain"
        is_text_body = maintype == "text" and subtype in ("plain", "html") and not _is_attachment(part)
        if is_text_body:
            if mode == "body":
                self._add_text(part, subtype)
            return
        self._attach(part)

    def _add_text(self, part: Message, subtype: str) -> None:
        data = _payload_bytes(part)
        text, defects = h.decode_bytes(data, part.get_content_charset())
        self.defects.extend(defects)
        (self.plain if subtype == "plain" else self.html).append(text)

    def _attach(self, part: Message) -> None:
        data = _payload_bytes(part)
        self.attachments.append(Attachment(
            filename=_filename(part, self.defects),
            content_type=part.get_content_type(),
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
        ))

    def _attach_message(self, part: Message) -> None:
        # The stdlib keeps no raw bytes for an enclosed message; the regenerated bytes are
        # what its size and hash describe.
        inner = part.get_payload(0)
        try:
            data = inner.as_bytes()
        except Exception:  # noqa: BLE001 - the generator on broken input; keep a stable form
            data = str(inner).encode("utf-8", "surrogateescape")
            self.defects.append("enclosed-message-regenerated-loosely")
        self.attachments.append(Attachment(
            filename=_filename(part, self.defects),
            content_type=part.get_content_type(),
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
        ))


def _choose_alternative(children: list[Message]) -> Message | None:
    """text/plain if any alternative offers it, else the last (richest) one."""
    for child in children:
        if any(p.get_content_type() == "text/plain" for p in child.walk()):
            return child
    return children[-1] if children else None


def _is_attachment(part: Message) -> bool:
    return part.get_content_disposition() == "attachment" or part.get_param("name") is not None or (
        part.get_param("filename", header="content-disposition") is not None
    )


def _payload_bytes(part: Message) -> bytes:
    data = part.get_payload(decode=True)
    if any(isinstance(d, InvalidBase64LengthDefect) for d in part.defects):
        return _repair_base64(part.get_payload())  # the stdlib gave up and returned the base64
    if isinstance(data, bytes):
        return data
    payload = part.get_payload()
    return payload.encode("ascii", "surrogateescape") if isinstance(payload, str) else b""


_NOT_BASE64 = re.compile(r"[^A-Za-z0-9+/]")


def _repair_base64(payload: object) -> bytes:
    """Decode what can be decoded of a damaged base64 body: junk dropped, last quantum padded."""
    if not isinstance(payload, str):
        return b""
    clean = _NOT_BASE64.sub("", payload)
    clean = clean[: len(clean) - (len(clean) % 4 == 1)]  # one stray char cannot encode a byte
    return binascii.a2b_base64(clean + "=" * (-len(clean) % 4))


def _filename(part: Message, defects: list[str]) -> str | None:
    name = part.get_filename()
    if name is None:
        return None
    text, found = h.decode_text(str(name))
    defects.extend(f"filename:{d}" for d in found)
    return text
