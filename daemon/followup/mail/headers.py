"""Decoding of header fields as they arrive in the wild: raw 8-bit bytes, broken RFC 2047
encoded words, odd dates, sloppy addresses and message ids.

Every function here is total: it returns its best reading plus the defects it had to
repair (short strings for the record) and never raises.
"""

from __future__ import annotations

import binascii
import codecs
import re
from datetime import datetime, timedelta, timezone
from email.quoprimime import header_decode as _q_decode
from email.utils import getaddresses, parsedate_tz

from followup.mail.model import Address
from followup.mail.valid import clean_text

# Labels seen in real mail that Python does not know, or knows by a narrower table than
# the senders used (a mail declared iso-8859-1 is nearly always really windows-1252).
CHARSET_ALIASES: dict[str, str] = {
    "uft-8": "utf-8",
    "utf8": "utf-8",
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "ascii",
    "ansi_x3.4-1968": "ascii",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "ks_c_5601-1987": "cp949",
    "ks_c_5601": "cp949",
    "euc-kr": "cp949",
    "shift_jis": "cp932",
    "x-sjis": "cp932",
    "sjis": "cp932",
    "iso-2022-jp": "iso2022_jp_ext",
    "tis-620": "cp874",
    "windows-874": "cp874",
    "x-mac-roman": "mac_roman",
    "unicode-1-1-utf-7": "utf-7",
}
# Labels that say "I don't know": decode by guessing, without calling it unknown.
NO_CHARSET = frozenset({"", "none", "x-unknown", "unknown", "unknown-8bit", "default", "x-user-defined"})
# Tried in order when the declared charset fails or is absent: utf-8 is strict enough to
# be a good detector; cp1252 covers Western mail; latin-1 never fails.
FALLBACK_CODECS = ("utf-8", "cp1252", "latin-1")
# Python codecs that are not mail charsets: they turn escape sequences in the *text* into
# arbitrary code points (lone surrogates included). A label naming one is not trusted.
REFUSED_CODECS = frozenset({"unicode-escape", "raw-unicode-escape", "punycode", "idna", "undefined"})


def codec_for(charset: str | None) -> str | None:
    """The Python codec name for a MIME charset label, or None when there is none."""
    label = (charset or "").strip().strip("\"'").lower()
    if label in NO_CHARSET:
        return None
    label = CHARSET_ALIASES.get(label, label)
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None
    return None if info.name in REFUSED_CODECS or not info._is_text_encoding else info.name


def decode_bytes(data: bytes, charset: str | None) -> tuple[str, list[str]]:
    """Text from bytes in a declared charset, falling back to guesses when it lies."""
    label = (charset or "").strip().strip("\"'").lower()
    codec = codec_for(label)
    defects: list[str] = []
    if codec is not None:
        try:
            text, cleaned = clean_text(data.decode(codec))
            return text, cleaned
        except (UnicodeDecodeError, LookupError):
            defects.append(f"charset-mismatch:{label}")
    elif label not in NO_CHARSET:
        defects.append(f"charset-refused:{label}" if _is_refused(label) else f"charset-unknown:{label}")
    if data.isascii():
        return data.decode("ascii"), defects
    for fallback in FALLBACK_CODECS:
        try:
            return data.decode(fallback), defects
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte string")  # pragma: no cover


def _is_refused(label: str) -> bool:
    try:
        info = codecs.lookup(CHARSET_ALIASES.get(label, label))
    except LookupError:
        return False
    return info.name in REFUSED_CODECS or not info._is_text_encoding


_LINE_BREAK = re.compile(r"\r?\n|\r")


def _unfold(value: str) -> str:
    """The value without its line breaks (most values have none: no regex then)."""
    return _LINE_BREAK.sub("", value) if "\n" in value or "\r" in value else value


def raw_header_text(value: str) -> tuple[str, list[str]]:
    """Unfold a header value from compat32 and decode any raw 8-bit bytes in it.

    compat32 smuggles undecodable bytes as surrogates; turning them back into bytes lets
    us try utf-8 before the Western guesses.
    """
    value = _unfold(value)
    if value.isascii():
        return value.strip(), []
    try:
        data = value.encode("ascii", "surrogateescape")
    except UnicodeEncodeError:  # already real text (a str header from a caller)
        return clean_text(value.strip())
    text, defects = decode_bytes(data, None)
    return text.strip(), ["header-8bit", *defects]


_ENCODED_WORD = re.compile(r"=\?([^?\s]+)\?([qQbB])\?([^?]*?)\?=")
_BETWEEN_WORDS = re.compile(r"(\?=)\s+(=\?)")


def _word_bytes(encoding: str, payload: str) -> tuple[bytes, list[str]]:
    if encoding in "qQ":
        return _q_decode(payload).encode("latin-1", "replace"), []
    padded = payload + "=" * (-len(payload) % 4)
    try:
        return binascii.a2b_base64(padded, strict_mode=True), []
    except binascii.Error:
        data = _lenient_base64(padded)
        return data, ["encoded-word-bad-base64"]


def _lenient_base64(payload: str) -> bytes:
    try:
        return binascii.a2b_base64(payload)
    except binascii.Error:
        return b""


def decode_words(text: str) -> tuple[str, list[str]]:
    """Decode RFC 2047 encoded words wherever they are, tolerating the usual abuse.

    Adjacent words in one charset are decoded as one byte string: senders split a
    multi-byte character across two words (RFC 2047 forbids it, real list mail does it).
    """
    if "=?" not in text:
        return text, []
    defects: list[str] = []
    # Whitespace between two adjacent encoded words is not part of the text (RFC 2047 §6.2).
    text = _BETWEEN_WORDS.sub(r"\1\2", text)
    out: list[str] = []
    run: list[re.Match[str]] = []
    pos = 0
    for match in _ENCODED_WORD.finditer(text):
        if run and (match.start() != run[-1].end() or _charset(match) != _charset(run[0])):
            out.append(_decode_run(run, defects))
            run = []
        if not run:
            out.append(text[pos:match.start()])
        run.append(match)
        pos = match.end()
    if run:
        out.append(_decode_run(run, defects))
    out.append(text[pos:])
    decoded = "".join(out)
    if "=?" in decoded and "?=" not in decoded[decoded.index("=?") :]:
        defects.append("encoded-word-unterminated")
    return decoded, defects


def _charset(match: re.Match[str]) -> str:
    return match.group(1).partition("*")[0].lower()  # RFC 2231 language suffix dropped


def _decode_run(run: list[re.Match[str]], defects: list[str]) -> str:
    data = b""
    for match in run:
        chunk, found = _word_bytes(match.group(2), match.group(3))
        if not chunk and found:  # nothing readable: keep the word's text as written
            defects.extend(found)
            return "".join(m.group(3) for m in run)
        data += chunk
        defects.extend(found)
    text, found = decode_bytes(data, _charset(run[0]))
    defects.extend(found)
    return text


def decode_text(value: str) -> tuple[str, list[str]]:
    """A header value as a person would read it."""
    raw, defects = raw_header_text(value)
    text, word_defects = decode_words(raw)
    return text, defects + word_defects


# --- message ids ---------------------------------------------------------------------------

_BRACKETED_ID = re.compile(r"<\s*([^<>\s]+?)\s*>")
_BARE_ID = re.compile(r"[^\s<>(),;\"]+@[^\s<>(),;\"]+")


def id_header_text(value: str) -> tuple[str, list[str]]:
    """A Message-ID/In-Reply-To/References value as text: raw 8-bit bytes are UTF-8
    (RFC 6532), else each undecodable byte is escaped as \\xNN, so the same bytes always
    give the same id (threads still link) and nothing invalid reaches storage."""
    value = _unfold(value)
    if value.isascii():
        return value, []
    try:
        data = value.encode("ascii", "surrogateescape")
    except UnicodeEncodeError:
        return clean_text(value)
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        return data.decode("utf-8", "backslashreplace"), ["id-8bit-escaped"]


def message_ids(value: str) -> list[str]:
    """Every message id in a header, in order, without brackets; garbage between skipped."""
    found = _BRACKETED_ID.findall(value)
    if not found:
        found = _BARE_ID.findall(value)
    return list(dict.fromkeys(found))


# --- dates ---------------------------------------------------------------------------------

# Zones Python's parsedate does not know (it silently reads them as UTC).
ZONE_MINUTES: dict[str, int] = {
    "UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "WET": 0,
    "EST": -300, "EDT": -240, "CST": -360, "CDT": -300,
    "MST": -420, "MDT": -360, "PST": -480, "PDT": -420,
    "AKST": -540, "AKDT": -480, "HST": -600,
    "BST": 60, "WEST": 60, "CET": 60, "MET": 60, "CEST": 120, "MEST": 120, "MESZ": 120,
    "MEZ": 60, "EET": 120, "EEST": 180, "MSK": 180,
    "IST": 330, "SGT": 480, "HKT": 480, "JST": 540, "KST": 540,
    "AEST": 600, "AEDT": 660, "NZST": 720, "NZDT": 780,
}
_COMMENT = re.compile(r"\([^()]*\)")
_NUMERIC_ZONE = re.compile(r"^(?:GMT|UTC)?([+-])(\d\d):?(\d\d)$")


def _zone_minutes(token: str) -> int | None:
    numeric = _NUMERIC_ZONE.match(token)
    if numeric:
        sign, hours, minutes = numeric.groups()
        total = int(hours) * 60 + int(minutes)
        return -total if sign == "-" else total
    return ZONE_MINUTES.get(token.upper())


def parse_date(value: str) -> tuple[datetime | None, int | None, list[str]]:
    """(UTC datetime, written offset in minutes, defects) for a Date-like header value."""
    text = _COMMENT.sub(" ", value).strip()
    if not text:
        return None, None, ["date-empty"]
    parts = parsedate_tz(text)
    if parts is None or parts[0] is None:
        return _parse_iso(text)
    tokens = text.replace(",", " ").split()
    offset = _zone_minutes(tokens[-1]) if tokens else None
    defects = []
    if offset is None:
        defects.append("date-without-zone")
    try:
        local = datetime(*parts[:6])
    except (ValueError, TypeError, OverflowError):
        return None, None, ["date-unparseable"]
    return _to_utc(local, offset or 0), offset, defects


def _parse_iso(text: str) -> tuple[datetime | None, int | None, list[str]]:
    try:
        when = datetime.fromisoformat(text.replace(" Z", "Z").strip())
    except ValueError:
        return None, None, ["date-unparseable"]
    if when.tzinfo is None:
        return when.replace(tzinfo=timezone.utc), None, ["date-iso8601", "date-without-zone"]
    offset = when.utcoffset() or timedelta(0)
    return when.astimezone(timezone.utc), int(offset.total_seconds() // 60), ["date-iso8601"]


def _to_utc(local: datetime, offset_minutes: int) -> datetime | None:
    try:
        return (local - timedelta(minutes=offset_minutes)).replace(tzinfo=timezone.utc)
    except OverflowError:
        return None


def received_date(value: str) -> tuple[datetime | None, int | None, list[str]]:
    """The date stamp of a Received header: the text after its last semicolon."""
    _, semicolon, stamp = value.rpartition(";")
    if not semicolon:
        return None, None, ["received-without-date"]
    return parse_date(stamp)


# --- addresses -----------------------------------------------------------------------------

_ADDR_SPEC = re.compile(r"[^\s<>(),;:\"']+@[^\s<>(),;:\"']+")
# "Name <a@b>" or "a@b": most headers are a comma list of these, and the stdlib's general
# parser is the single slowest step of an import; anything fancier goes to it.
_SIMPLE_ADDRESS = re.compile(r"\s*(?:([^<>@]*?)\s*<([^<>\s@]+@[^<>\s@]+)>|([^<>\s@]+@[^<>\s@]+))\s*")
_NOT_SIMPLE = re.compile(r'["()\\:;]')


def _simple_pairs(raw: str) -> list[tuple[str, str]] | None:
    if _NOT_SIMPLE.search(raw):
        return None
    pairs = []
    for piece in raw.split(","):
        match = _SIMPLE_ADDRESS.fullmatch(piece)
        if match is None:
            return None if piece.strip() else pairs
        name, bracketed, bare = match.groups()
        pairs.append((name or "", bracketed or bare))
    return pairs


def parse_addresses(value: str) -> tuple[list[Address], list[str]]:
    """Addresses of a To/From/Cc header; groups flattened, names decoded."""
    raw, defects = raw_header_text(value)
    if not raw:
        return [], defects
    found: list[Address] = []
    try:
        pairs = _simple_pairs(raw)
        if pairs is None:
            pairs = getaddresses([raw])
    except RecursionError:  # the stdlib recurses once per comma; hostile headers exhaust it
        pairs = []
        defects.append("address-list-too-long")
    for name, addr in pairs:
        if not name and not addr:
            continue  # an empty group such as "undisclosed-recipients:;"
        address, address_defects = _address(name, addr)
        defects.extend(address_defects)
        found.append(address)
    if not found and "@" in raw:
        for addr in _ADDR_SPEC.findall(raw):
            found.append(_address("", addr)[0])
        defects.append("address-fallback")
    return found, defects


def _address(name: str, addr: str) -> tuple[Address, list[str]]:
    name, defects = decode_words(name)
    addr, addr_defects = decode_words(addr)
    defects += addr_defects
    if addr.count("@") != 1 or " " in addr or addr.endswith(":"):
        spec = _ADDR_SPEC.search(addr)
        if spec is None:
            return Address(name=(name or addr).strip(), addr=""), [*defects, "address-unparseable"]
        defects.append("address-repaired")
        name = name or addr[: spec.start()].strip(" \"'")
        addr = spec.group(0)
    local, _, domain = addr.partition("@")
    return Address(name=name.strip().strip('"').strip(), addr=f"{local}@{domain.lower()}"), defects
