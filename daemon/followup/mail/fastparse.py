"""The fast path of mail/parse.py: the MIME body from fast-mail-parser (Rust), or None.

The stdlib feedparser spends most of a multipart message's parse time splitting lines and
compiling a regex per boundary. Here the native parser finds the parts and undoes their
transfer encodings; header blocks are split here exactly as compat32 splits them (tests
compare the two on every corpus message), so every header reaches the same decoding code
either way. Each part
becomes a stdlib `Message` holding its headers and decoded bytes, so parse.py's body walk
(which part is the text, which are attachments, charsets, file names) runs unchanged.

Anything this path cannot vouch for returns None and the caller uses the stdlib path:
a repair the native parser reports, a MIME shape the stdlib would flag as a defect or treat
differently (missing boundaries, enclosed messages, digests), a transfer encoding other
than the stdlib's own, or a header block that does not end with a clean blank line. Part
headers are read from the part's own bytes as compat32 reads them (the native parser
decodes RFC 2047 in its copy), and a quoted-printable part is decoded from its own bytes
as the stdlib decodes it (the native decoder rewrites line breaks and blanks).
"""

from __future__ import annotations

import quopri
import re
from email.message import Message

try:
    import fast_mail_parser as _native
except ImportError:  # pragma: no cover - a dependency; the stdlib path still works without it
    _native = None

# After a delimiter: the rest of its line (blanks only), then the part's header block.
_BLANK_LINE = re.compile(rb"\n\r?\n")  # the first empty line ends the header block
_FIELD_START = re.compile(r"\n(?![ \t])")  # a line break not followed by a continuation line
_BARE_CR = re.compile(r"\r(?!\n)")
_PART_HEAD = re.compile(rb"[ \t]*\r?\n(?:[!-9;-~]+:[^\r\n]*\r?\n(?:[ \t][^\r\n]*\r?\n)*)*\r?\n")
# Content-Transfer-Encoding values as Message.get_payload compares them (lower-cased, not
# stripped): the native parser decodes these as the stdlib does, quoted-printable aside.
_ENCODINGS = frozenset({"", "7bit", "8bit", "binary", "base64", "quoted-printable"})
_NO_HEADER = object()


class Part(Message):
    """A stdlib Message whose header look-ups are a dict probe: the body walk asks the
    same few Content-* questions many times, and a list mail has forty headers. Its
    headers never change after parsing, so their parameters are parsed once."""

    def __init__(self, headers: list[tuple[str, str]]):
        super().__init__()
        self._headers = headers
        self._first: dict[str, str] = {}
        self._params: dict[str, object] = {}
        self._content_type: str | None = None
        for name, value in reversed(headers):
            self._first[name.lower()] = value

    def __contains__(self, name):  # the stdlib lower-cases every header name on each call
        return name.lower() in self._first

    def get_content_type(self):  # asked ~12 times per part by the body walk
        if self._content_type is None:
            self._content_type = super().get_content_type()
        return self._content_type

    def _get_params_preserve(self, failobj, header):
        key = header.lower()
        if key not in self._params:
            self._params[key] = super()._get_params_preserve(_NO_HEADER, header)
        params = self._params[key]
        return failobj if params is _NO_HEADER else params

    def get(self, name, failobj=None):
        value = self._first.get(name.lower())
        if value is None:
            return failobj
        return value if value.isascii() else super().get(name, failobj)


class DecodedPart(Part):
    """A MIME leaf whose payload the native parser already transfer-decoded."""

    def __init__(self, headers: list[tuple[str, str]], content: bytes):
        super().__init__(headers)
        self._decoded = content
        self._payload = content.decode("ascii", "surrogateescape")

    def get_payload(self, i=None, decode=False):  # noqa: D401 - the stdlib's signature
        if decode and i is None:
            return self._decoded
        return super().get_payload(i, decode)


def available() -> bool:
    return _native is not None


def parse_fast(raw: bytes) -> Message | None:
    """The message as a stdlib Message tree whose leaves are already decoded, or None."""
    if _native is None:
        return None
    head = header_fields(raw)
    if head is None:
        return None
    try:
        tree = _native.parse_email_tree(raw)
    except Exception:  # noqa: BLE001 - any native complaint: let the stdlib path judge the message
        return None
    fields, body = head
    return _part(fields, tree, raw[body:])


def header_fields(raw: bytes) -> tuple[list[tuple[str, str]], int] | None:
    """The fields of a clean header block and where the body starts, or None.

    Clean: only "Name: value" lines (Name printable ASCII without blanks) and their
    continuation lines, no bare CR, ended by an empty line."""
    end = _BLANK_LINE.search(raw)
    if end is None:
        return None
    fields = _fields(raw[: end.start() + 1])
    return None if fields is None else (fields, end.end())


def _fields(block: bytes) -> list[tuple[str, str]] | None:
    """The fields of header lines (each ended by a line break), or None when one is not clean.

    Each field is split as compat32's header_source_parse splits it: blanks after the
    colon dropped, continuation lines kept with their line breaks, the last break dropped.
    Cut into fields (a line and its continuation lines) by one regex, then str methods:
    a loop over lines took half again as long on list mail's long headers."""
    text = block.decode("ascii", "surrogateescape")
    if text[:1] in (" ", "\t") or "\r" in text and _BARE_CR.search(text):
        return None  # a continuation with no field, or a bare CR inside a line: not clean
    fields = []
    for field in _FIELD_START.split(text[:-1]) if text else ():
        name, colon, value = field.partition(":")
        if not (colon and name and name.isascii() and name.isprintable() and " " not in name):
            return None
        value = value.lstrip(" \t")
        fields.append((name, value[:-1] if value.endswith("\r") else value))
    return fields


def _part(headers: list[tuple[str, str]], node, body: bytes) -> Message | None:
    """The native node as a stdlib part, or None when the stdlib might see it otherwise.

    `body` is the part's own bytes after its header block: the native parser does not
    say where a part sits, so the boundaries are found here again to check that the
    stdlib would cut the message into the same parts."""
    part = Part(headers)
    maintype = part.get_content_maintype()
    if node.is_message or maintype == "message":
        return None
    if maintype != "multipart":
        if node.children or node.content is None:
            return None
        content = _content(part, node.content, body)
        return None if content is None else DecodedPart(headers, content)
    boundary = part.get_boundary()
    if not boundary or part.get_content_subtype() == "digest" or not _multipart_encoding(part):
        return None
    pieces = _split(body, b"--" + boundary.encode("ascii", "surrogateescape"))
    if pieces is None or len(pieces) != len(node.children):
        return None
    children = []
    for child, (child_headers, child_body) in zip(node.children, pieces):
        sub = _part(child_headers, child, child_body)
        if sub is None:
            return None
        children.append(sub)
    part.set_payload(children)
    return part


def _multipart_encoding(part: Message) -> bool:
    """Whether the feedparser takes the multipart's transfer encoding without recording a
    defect (it allows only these three)."""
    return str(part.get("content-transfer-encoding", "8bit")).lower() in ("7bit", "8bit", "binary")


def _split(body: bytes, delimiter: bytes) -> list[tuple[list[tuple[str, str]], bytes]] | None:
    """(header fields, body) of each part between delimiter lines, or None when a delimiter
    line, a part's header block or the close delimiter is not clean."""
    pieces = (b"\n" + body).split(b"\n" + delimiter)
    if len(pieces) < 3:
        return None
    parts = []
    for piece in pieces[1:-1]:
        head = _PART_HEAD.match(piece)
        if head is None:
            return None
        block = piece[piece.index(b"\n") + 1 : head.end()]  # header lines and the blank line
        fields = _fields(block[: -2 if block.endswith(b"\r\n") else -1])
        if fields is None:
            return None
        parts.append((fields, piece[head.end():].removesuffix(b"\r")))
    return parts if pieces[-1].startswith(b"--") else None


def _content(part: Message, content: bytes, body: bytes) -> bytes | None:
    """The decoded bytes as the stdlib gives them, or None when they might differ.

    `body` is the part's bytes as the stdlib keeps them as its payload (compat32: read as
    ASCII with surrogate escapes, so the same bytes): quoted-printable is decoded from
    them with the stdlib's own decoder, the other encodings are the native parser's."""
    encoding = str(part.get("content-transfer-encoding", "")).lower()  # as Message.get_payload reads it
    if encoding not in _ENCODINGS:
        return None
    return quopri.decodestring(body) if encoding == "quoted-printable" else content
