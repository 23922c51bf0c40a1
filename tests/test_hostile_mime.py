"""Hostile and broken mail through the real import: every message the internet can produce
is archived byte for byte (its stored bytes hash to its SHA-256) or quarantined with a
reason, and exported exactly as it came in. Nothing crashes, nothing is lost."""

from __future__ import annotations

import base64
import hashlib
import mailbox
import re
from datetime import datetime, timezone
from email.message import EmailMessage
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import corpora_dir
from followup.evidence.export import Target, gather, outbox_reader, raw_reader, write_bundle
from followup.storage.exports import Scope
from followup.storage.ingest import ingest
from followup.storage.raw import message_bytes
from followup.storage.store import Archive
from followup.cases.clients import ClientRules
from followup.cases.directives import parse_directives
from followup.errors import UnparseableMessage
from followup.mail.parse import parse_message
from followup.sources.base import RawMessage

NOW = datetime(2026, 11, 16, 12, 0, tzinfo=timezone.utc)
RULES = ClientRules(owners=frozenset({"me@agency.example"}))
BOUNDED = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


class Imported:
    """One archive; `take` runs the real import (parse + store) and says what became of each message."""

    def __init__(self, path: Path):
        self.archive = Archive.open(path, now=NOW)
        self.count = 0

    def take(self, *datas: bytes) -> list[str]:
        self.count += len(datas)
        raws = [RawMessage(d, "hostile", f"gen:{self.count}:{i}") for i, d in enumerate(datas)]
        counts = ingest(self.archive, raws, RULES, now=lambda: NOW, expected=len(raws))
        assert counts.messages == len(datas)
        return [self.outcome(d) for d in datas]

    def outcome(self, data: bytes) -> str:
        """"archived" or "quarantined: REASON"; fails when the message was lost or altered."""
        sha = hashlib.sha256(data).hexdigest()
        conn = self.archive.conn
        assert message_bytes(conn, sha) == data
        if conn.execute("SELECT 1 FROM messages WHERE sha256 = ?", (sha,)).fetchone():
            return "archived"
        (reason,) = conn.execute("SELECT reason FROM quarantine WHERE sha256 = ?", (sha,)).fetchone()
        assert reason and reason.strip()
        return f"quarantined: {reason}"


@pytest.fixture
def imported(tmp_path):
    imp = Imported(tmp_path / "archive.sqlite3")
    yield imp
    imp.archive.close()


@pytest.fixture(scope="module")
def shared_import(tmp_path_factory):
    """One archive for the hypothesis tests: examples dedupe by hash, as real imports do."""
    imp = Imported(tmp_path_factory.mktemp("hostile") / "archive.sqlite3")
    yield imp
    imp.archive.close()


# --- building blocks ------------------------------------------------------------------------

def good_message(body: str = "Hei Kari,\n\nVi sender rapporten fredag.\n") -> bytes:
    msg = EmailMessage()
    msg["From"] = "Mia Berg <me@agency.example>"
    msg["To"] = "Kari Nordmann <kari@acme.example>"
    msg["Subject"] = "Rapporten"
    msg["Date"] = "Mon, 16 Nov 2026 11:00:00 +0100"
    msg["Message-ID"] = "<good@agency.example>"
    msg.set_content(body)
    msg.add_attachment(b"%PDF-1.4 fake report\n" * 40, maintype="application", subtype="pdf", filename="rapport.pdf")
    msg.add_attachment("Tallene fra Bergen\n", filename="tall.txt")
    msg.set_boundary("==boundary==")  # fixed, so examples replay exactly
    return msg.as_bytes()


GOOD = good_message()


HEADERS = (b"From: Kari <kari@acme.example>", b"To: me@agency.example", b"Subject: Rapporten",
           b"Date: Mon, 16 Nov 2026 09:00:00 +0100", b"Message-ID: <h@acme.example>", b"MIME-Version: 1.0")


def assemble(headers, body: bytes, eol: bytes = b"\r\n") -> bytes:
    return eol.join(headers) + eol + eol + body


def nested(depth: int, leaf: bytes = b"deep inside\r\n") -> bytes:
    """`depth` multiparts, each holding the next; every level has its own boundary."""
    body = b"Content-Type: text/plain; charset=utf-8\r\n\r\n" + leaf
    for level in range(depth):
        boundary = f"b{level}".encode()
        body = (b"Content-Type: multipart/mixed; boundary=\"" + boundary + b"\"\r\n\r\n--" + boundary + b"\r\n"
                + body + b"\r\n--" + boundary + b"--\r\n")
    return b"\r\n".join(HEADERS[:5]) + b"\r\nMIME-Version: 1.0\r\n" + body


CHARSETS = ["utf-8", "x-unknown", "uft-8", "utf-7", "utf-16", "iso-2022-jp", "gb2312", "windows-1252",
            "koi8-r", "", "\"", "utf-8\"; x=\"", "latin-1'en'", "ebcdic-cp-us", "x" * 300]
ENCODED_WORDS = [
    "=?utf-8?B?{b64}?=", "=?utf-8?Q?{q}?=", "=?x-unknown?B?{b64}?=", "=?utf-8?B?***not base64***?=",
    "=?utf-8?Q?=ZZ=?=", "=?utf-8*en?B?{b64}?=", "=?utf-8?X?{q}?=", "=??B?{b64}?=", "=?utf-8?B?{b64}",
    "=?utf-8?B?{b64}?==?utf-8?B?{b64}?=", "=?utf-16?B?{b64}?=", "=?utf-8?B?" + "QUFB" * 400 + "?=",
]


@st.composite
def encoded_word_abuse(draw) -> bytes:
    text = draw(st.text(max_size=40))
    b64 = base64.b64encode(text.encode("utf-8", "surrogatepass")).decode()
    q = re.sub(r"[^A-Za-z0-9]", lambda m: "".join(f"={b:02X}" for b in m[0].encode("utf-8", "surrogatepass")), text)
    words = draw(st.lists(st.sampled_from(ENCODED_WORDS), min_size=1, max_size=30))
    value = " ".join(w.format(b64=b64, q=q) for w in words)
    name = draw(st.sampled_from([b"Subject", b"From", b"To", b"Cc", b"Content-Disposition: attachment; filename"]))
    line = name + (b"=\"" if b"filename" in name else b": ") + value.encode("ascii", "replace")
    return assemble([*HEADERS, line], b"body\r\n")


@st.composite
def wrong_charset(draw) -> bytes:
    charset = draw(st.sampled_from(CHARSETS))
    body = draw(st.binary(max_size=600))
    cte = draw(st.sampled_from([b"8bit", b"7bit", b"binary", b"quoted-printable", b"x-uuencode", b"7-bit", b""]))
    subtype = draw(st.sampled_from([b"plain", b"html"]))
    return assemble([*HEADERS, b"Content-Type: text/" + subtype + b"; charset=\"" + charset.encode("latin-1") + b"\"",
                     b"Content-Transfer-Encoding: " + cte], body)


@st.composite
def bad_base64(draw) -> bytes:
    junk = draw(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=!*\r\n \t-",
                        max_size=800))
    part = draw(st.sampled_from([b"text/plain; charset=utf-8", b"application/pdf; name=a.pdf", b"image/png"]))
    return assemble([*HEADERS, b"Content-Type: multipart/mixed; boundary=X"],
                    b"--X\r\nContent-Type: " + part + b"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                    + junk.encode() + b"\r\n--X--\r\n")


@st.composite
def mutilated(draw) -> bytes:
    """A good multipart message, truncated anywhere, with NUL bytes and headers dropped."""
    lines = GOOD.split(b"\n")
    header_end = lines.index(b"")
    dropped = draw(st.sets(st.integers(0, header_end - 1), max_size=header_end))
    lines = [line for i, line in enumerate(lines) if i not in dropped]
    data = b"\n".join(lines)
    for _ in range(draw(st.integers(0, 5))):
        at = draw(st.integers(0, len(data)))
        data = data[:at] + b"\0" * draw(st.integers(1, 3)) + data[at:]
    cut = draw(st.integers(1, len(data)))
    return data[:cut]


@st.composite
def deep(draw) -> bytes:
    return nested(draw(st.integers(0, 120)))


HOSTILE = st.one_of(mutilated(), wrong_charset(), bad_base64(), encoded_word_abuse(), deep(),
                    st.binary(max_size=400), st.binary(max_size=200).map(lambda b: assemble(HEADERS[:2], b)))


# --- generated malformed mail --------------------------------------------------------------

@BOUNDED
@given(data=HOSTILE)
def test_generated_malformed_mail_is_archived_or_quarantined_with_its_exact_bytes(shared_import, data):
    (outcome,) = shared_import.take(data)
    assert outcome == "archived" or outcome.startswith("quarantined: ")


@settings(max_examples=60, deadline=None)
@given(data=mutilated())
def test_truncated_mime_keeps_the_headers_that_survived(shared_import, data):
    shared_import.take(data)
    if b"Subject: Rapporten\n" in data.split(b"\n\n")[0] + b"\n" and b"\0" not in data:
        (subject,) = shared_import.archive.conn.execute(
            "SELECT subject FROM messages WHERE sha256 = ?", (hashlib.sha256(data).hexdigest(),)).fetchone()
        assert subject == "Rapporten"


def test_a_one_megabyte_header_line_is_archived(imported):
    long_subject = assemble([*HEADERS[:2], b"Subject: " + b"x" * 1_048_576, *HEADERS[3:]], b"body\r\n")
    long_refs = assemble([*HEADERS, b"References: " + b" ".join(b"<r%d@x>" % i for i in range(100_000))], b"body\r\n")
    many_to = assemble([*HEADERS, b"Cc: " + b", ".join(b"p%d@acme.example" % i for i in range(60_000))], b"body\r\n")
    assert imported.take(long_subject, long_refs, many_to) == ["archived"] * 3


def test_a_hundred_deep_nesting_is_archived_and_marked_too_deep(imported):
    assert imported.take(nested(100)) == ["archived"]
    (defects,) = imported.archive.conn.execute("SELECT defects_json FROM messages").fetchone()
    assert "mime-too-deep" in defects


def test_a_thousand_deep_nesting_does_not_overflow_the_stack(imported):
    (outcome,) = imported.take(nested(1000))
    assert outcome == "archived" or outcome.startswith("quarantined: ")


@pytest.mark.integration
def test_a_fifty_megabyte_attachment_is_archived_whole(imported):
    payload = hashlib.sha256(b"seed").digest() * (50 * 1024 * 1024 // 32)
    msg = EmailMessage()
    for name, value in (("From", "kari@acme.example"), ("To", "me@agency.example"), ("Subject", "Stor fil"),
                        ("Message-ID", "<big@acme.example>")):
        msg[name] = value
    msg.set_content("Vedlagt.\n")
    msg.add_attachment(payload, maintype="application", subtype="octet-stream", filename="big.bin")
    data = msg.as_bytes()
    assert imported.take(data) == ["archived"]
    (attachments,) = imported.archive.conn.execute("SELECT attachments_json FROM messages").fetchone()
    assert hashlib.sha256(payload).hexdigest() in attachments


def test_nul_bytes_in_headers_and_body_are_archived(imported):
    data = assemble([b"From: Kari\0 <kari@acme.example>", b"Subject: Rap\0porten", *HEADERS[3:]], b"te\0xt\r\n\0\0\0")
    assert imported.take(data) == ["archived"]


def test_no_headers_at_all_is_quarantined_with_a_reason(imported):
    (outcome,) = imported.take(b"Just some text someone saved.\r\nNo headers.\r\n")
    assert outcome.startswith("quarantined: ") and "header" in outcome


# --- fuzzing the parsers --------------------------------------------------------------------

@settings(max_examples=200, deadline=None)
@given(data=HOSTILE)
def test_parse_message_returns_a_message_or_says_unparseable(data):
    try:
        parsed = parse_message(data)
    except UnparseableMessage as exc:
        assert exc.reason
        return
    assert parsed.sha256 == hashlib.sha256(data).hexdigest()
    assert parsed.message_id and "\n" not in parsed.subject and "\r" not in parsed.subject


DIRECTIVE_WORDS = ["#slipup", "#SLIPUP", "#slipup:", "close", "note:", "promise", "2026-12-01:", "every", "due",
                   "cadence", "hver", "varannan", "abans del", "každý", ">", "\u202e", "\x00", "\r\n", "\n\n", " "]


@settings(max_examples=200, deadline=None)
@given(subject=st.lists(st.sampled_from(DIRECTIVE_WORDS) | st.text(max_size=8), max_size=12).map(" ".join),
       body=st.lists(st.sampled_from(DIRECTIVE_WORDS) | st.text(max_size=12), max_size=60).map("".join))
def test_parse_directives_gives_one_line_directives_of_known_kinds(subject, body):
    for directive in parse_directives(subject, body):
        assert directive.kind in ("tag", "close", "pause", "resume", "note", "promise", "reschedule", "cadence",
                                  "invalid")
        for text in (directive.line, directive.text or "", directive.cadence_text or "", directive.due_text or ""):
            assert "\n" not in text and "\r" not in text and "\x00" not in text and "\u202e" not in text


# --- the real-world corpora -----------------------------------------------------------------

def corpora_or_skip() -> Path:
    corpora = corpora_dir()
    if corpora is None:
        pytest.skip("../shared/corpora not found (set FOLLOWUP_CORPORA to run the real-world corpora tests)")
    return corpora


@pytest.mark.corpora
@pytest.mark.integration
def test_every_corpus_message_is_archived_or_quarantined_and_exports_byte_for_byte(cli, tmp_path):
    corpora = corpora_or_skip()
    folders = sorted(str(p) for p in corpora.iterdir() if p.is_dir())
    counts = cli.json("import", *folders)
    assert counts["unreadable"] == 0 and counts["new"] + counts["duplicate"] + counts["quarantined"] == counts["messages"]
    archive = Archive.open(cli.config.parent / "data" / "archive.sqlite3", now=NOW)
    try:
        conn = archive.conn
        locations = dict(conn.execute("SELECT location, sha256 FROM locations WHERE source = 'import'"))
        reasons = dict(conn.execute("SELECT sha256, reason FROM quarantine"))
        for path in (p for p in corpora.rglob("*") if p.is_file() and p.name != "SOURCES.md"):
            sha = locations.get(str(path))
            if sha is None:  # split as an mbox: each of its messages was recorded as PATH#N
                assert any(loc.startswith(f"{path}#") for loc in locations), f"{path} was lost"
                continue
            assert sha == hashlib.sha256(path.read_bytes()).hexdigest(), path
            assert sha in reasons or conn.execute("SELECT 1 FROM messages WHERE sha256 = ?", (sha,)).fetchone(), path
        assert all(reason.strip() for reason in reasons.values())
        bundle = gather(conn, Target("everything", None, (), Scope()), NOW)
        write_bundle(bundle, tmp_path / "bundle", raw=raw_reader(conn), outbox_raw=outbox_reader(conn), report_html="")
        exported = {hashlib.sha256(p.read_bytes()).hexdigest() for p in (tmp_path / "bundle" / "messages").iterdir()}
        archived = {sha for (sha,) in conn.execute("SELECT sha256 FROM messages")}
        assert exported == archived
        in_mbox = sum(1 for _ in mailbox.mbox(tmp_path / "bundle" / "messages.mbox"))
        assert in_mbox == len(archived)
    finally:
        archive.close()
    for sha in reasons:  # the quarantined ones come back out exactly too
        out = cli("cat", sha).stdout_bytes
        assert hashlib.sha256(out).hexdigest() == sha
