"""Builders for test messages: well-formed ones via the stdlib, broken ones as literal bytes."""

from __future__ import annotations

from email.message import EmailMessage

DEFAULT_HEADERS = {
    "From": "Ann Owner <ann@ourfirm.example>",
    "To": "Bob Client <bob@client.example>",
    "Subject": "Status of your order",
    "Date": "Mon, 03 Nov 2026 10:00:00 +0100",
    "Message-ID": "<m1@ourfirm.example>",
}


def message(body: str = "Hello Bob,\n\nWe will ship on Friday.\n", **headers: str) -> EmailMessage:
    """A well-formed text/plain message; keyword headers override the defaults
    (underscores become dashes; a value of None drops the header)."""
    msg = EmailMessage()
    merged = {**DEFAULT_HEADERS, **{k.replace("_", "-"): v for k, v in headers.items()}}
    for name, value in merged.items():
        if value is not None:
            msg[name] = value
    msg.set_content(body)
    return msg


def as_bytes(msg: EmailMessage) -> bytes:
    return msg.as_bytes()


def raw(*header_lines: bytes | str, body: bytes | str = b"Hello\r\n", eol: bytes = b"\r\n") -> bytes:
    """Literal message bytes: header lines as given (nothing repaired), a blank line, the body."""
    def to_bytes(part: bytes | str) -> bytes:
        return part.encode("utf-8") if isinstance(part, str) else part

    return eol.join(to_bytes(line) for line in header_lines) + eol + eol + to_bytes(body)


def minimal(*header_lines: bytes | str, body: bytes | str = b"Hello\r\n") -> bytes:
    """`raw` with a From and a Message-ID in front, so only the lines under test vary."""
    return raw(b"From: ann@ourfirm.example", b"Message-ID: <x1@ourfirm.example>", *header_lines, body=body)


def with_text_part(body: bytes, content_type: str, cte: str = "8bit") -> bytes:
    """A single-part message whose body is `body` exactly, under the given headers."""
    return minimal(f"Content-Type: {content_type}", f"Content-Transfer-Encoding: {cte}", body=body)
