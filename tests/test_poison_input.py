"""No poison: mail that once stopped an import or a daemon's mailbox (RFC 6532 ids, 8-bit
references, codecs that make lone surrogates, a character split across encoded words, a file
name that is not UTF-8) is archived beside the good mail in the same pass, through
`followup import` and through a daemon pass alike. Nothing is lost, no window is rolled back."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followup.storage.ingest import ingest
from followup.storage.store import Archive, Arrival
from followup.cases.clients import rules_from_config
from followup.config import load_config
from followup.mail.parse import parse_message
from followup.runtime.passes import Daemon
from followup.sources import open_sources
from followup.sources.base import RawMessage
from followup.transports.memory import MemoryTransport
from mailfactory import message, raw

NOW = datetime(2026, 11, 16, 12, 0, tzinfo=timezone.utc)


def head(*lines: bytes, body: bytes = b"Hello\r\n") -> bytes:
    return raw(b"From: Kari <kari@acme.example>", b"To: me@agency.example", b"Date: Mon, 16 Nov 2026 10:00:00 +0000",
               *lines, body=body)


# Each class: (name, bytes, what the archive must show for it)
EAI_ID = head("Message-ID: <bestilling-æøå@acme.example>".encode(), b"Subject: EAI id")
EIGHT_BIT_REFS = head(b"Message-ID: <refs@acme.example>", b"Subject: 8-bit refs",
                      b"In-Reply-To: <svar-\xe6@acme.example>", b"References: <a\xff@acme.example> <b@acme.example>")
UTF7_SUBJECT_BODY = head(b"Message-ID: <utf7@acme.example>", b"Subject: =?utf-7?Q?Hei_+2AA-_der?=",
                         b"Content-Type: text/plain; charset=utf-7", body=b"Lone +2AA- surrogate in the body\r\n")
UNICODE_ESCAPE = head(b"Message-ID: <escape@acme.example>", b"Subject: escape charset",
                      b"Content-Type: text/plain; charset=unicode_escape", body=b"Broken \\ud800 text\r\n")
SPLIT_WORD = head(b"Message-ID: <split@acme.example>",
                  b"Subject: =?UTF-8?Q?Forsinkelse_p=C3?= =?UTF-8?Q?=A5_leveransen?=")
CLASSES = {
    "eai-message-id": EAI_ID,
    "8bit-in-reply-to-references": EIGHT_BIT_REFS,
    "utf7-lone-surrogates": UTF7_SUBJECT_BODY,
    "unicode-escape-charset": UNICODE_ESCAPE,
    "encoded-word-split-mid-character": SPLIT_WORD,
}
NON_UTF8_NAME = os.fsdecode(b"rapport-\xe6\xf8\xe5.eml")  # latin-1 bytes, as a Windows zip leaves them


def good(n: int) -> bytes:
    return message(f"Good mail {n}\n", Message_ID=f"<good{n}@acme.example>", From="kari@acme.example",
                   To="me@agency.example").as_bytes()


# --- the parse boundary ----------------------------------------------------------------------


def test_an_rfc6532_message_id_is_read_as_utf8():
    assert parse_message(EAI_ID).message_id == "bestilling-æøå@acme.example"


def test_8bit_bytes_in_references_that_are_not_utf8_are_escaped_not_dropped():
    parsed = parse_message(EIGHT_BIT_REFS)
    assert parsed.in_reply_to == ("svar-\\xe6@acme.example",)
    assert parsed.references == ("a\\xff@acme.example", "b@acme.example")


def test_utf7_lone_surrogates_become_replacement_characters_in_subject_and_body():
    parsed = parse_message(UTF7_SUBJECT_BODY)
    assert parsed.subject == "Hei \ufffd der" and "Lone \ufffd surrogate" in parsed.text
    assert "subject:lone-surrogate" in parsed.defects


def test_an_escape_codec_label_is_refused_in_favour_of_the_fallback_chain():
    parsed = parse_message(UNICODE_ESCAPE)
    assert parsed.text == "Broken \\ud800 text\n" and "charset-refused:unicode_escape" in parsed.defects


def test_a_character_split_across_two_encoded_words_is_restored():
    assert parse_message(SPLIT_WORD).subject == "Forsinkelse på leveransen"


@pytest.mark.parametrize("data", list(CLASSES.values()), ids=list(CLASSES))
def test_every_text_field_encodes_as_utf8(data):
    parsed = parse_message(data)
    for text in (parsed.message_id, parsed.subject, parsed.text, *parsed.in_reply_to, *parsed.references):
        assert text.encode("utf-8").decode("utf-8") == text  # encode raises on a lone surrogate


# --- both paths: followup import, and a daemon pass -----------------------------------------


def stored(config_dir: Path, sql: str, *args) -> list:
    conn = sqlite3.connect(config_dir / "data" / "archive.sqlite3")
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def fill_maildir(box: Path, files: dict[str, bytes]) -> None:
    for sub in ("cur", "new", "tmp"):
        (box / sub).mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (box / "cur" / name).write_bytes(data)


def poisoned_window(name: str) -> dict[str, bytes]:
    """The class under test between two good messages (a non-UTF-8 name holds a good one)."""
    files = {"1.good:2,S": good(1), "3.good:2,S": good(3)}
    if name == "non-utf8-file-name":
        files[NON_UTF8_NAME] = good(2)
    else:
        files["2.poison:2,S"] = CLASSES[name]
    return files


def daemon_pass(config_file: Path):
    config = load_config(config_file)
    daemon = Daemon(config, transport=MemoryTransport(), sources=open_sources(config))
    try:
        return daemon.run_once(NOW)
    finally:
        daemon.close()


ALL_CLASSES = [*CLASSES, "non-utf8-file-name"]


@pytest.mark.parametrize("name", ALL_CLASSES)
def test_followup_import_archives_the_class_beside_good_mail(cli, tmp_path, name):
    fill_maildir(tmp_path / "box", poisoned_window(name))
    result = cli("import", str(tmp_path / "box"), "--json")
    assert result.exit_code == 0, result.output
    assert_all_archived(tmp_path, poisoned_window(name))


@pytest.mark.parametrize("name", ALL_CLASSES)
def test_a_daemon_pass_archives_the_class_beside_good_mail_and_moves_the_checkpoint(config_file, tmp_path, name):
    fill_maildir(tmp_path / "mail", poisoned_window(name))
    report = daemon_pass(config_file)
    assert report.source_errors == {}
    assert_all_archived(tmp_path, poisoned_window(name))
    assert stored(tmp_path, "SELECT checkpoint != 'null', last_error FROM sync_state WHERE source = 'local'") == [(1, None)]


def assert_all_archived(config_dir: Path, files: dict[str, bytes]) -> None:
    hashes = {hashlib.sha256(data).hexdigest() for data in files.values()}
    archived = {row[0] for row in stored(config_dir, "SELECT sha256 FROM messages")}
    assert archived == hashes  # nothing lost, nothing quarantined
    for sha, location in stored(config_dir, "SELECT sha256, location FROM locations"):
        location.encode("utf-8")


def test_a_non_utf8_file_name_is_stored_escaped_losslessly(cli, tmp_path):
    fill_maildir(tmp_path / "box", {NON_UTF8_NAME: good(1)})
    cli("import", str(tmp_path / "box"))
    [(location,)] = stored(tmp_path, "SELECT location FROM locations")
    assert location.endswith("rapport-\\xe6\\xf8\\xe5.eml")


def test_a_non_utf8_file_name_in_a_folder_of_eml_files_imports(cli, tmp_path):
    folder = tmp_path / "zip"
    folder.mkdir()
    (folder / NON_UTF8_NAME).write_bytes(good(1))
    (folder / "ok.eml").write_bytes(good(2))
    assert cli("import", str(folder), "--json").exit_code == 0
    assert len(stored(tmp_path, "SELECT 1 FROM messages")) == 2


def test_grep_finds_the_words_of_a_subject_split_mid_character(cli, tmp_path):
    fill_maildir(tmp_path / "box", {"1:2,S": SPLIT_WORD})
    cli("import", str(tmp_path / "box"))
    result = cli("grep", "-F", "på leveransen")
    assert result.exit_code == 0 and "Forsinkelse på leveransen" in result.stdout


# --- per-message isolation in the writer -----------------------------------------------------


def arrival(data: bytes, location: str, rules) -> Arrival:
    return Arrival.of(RawMessage(data, "test", location), rules)


@pytest.fixture
def archive_after_a_bad_middle_message(config_file):
    """An archive that stored one batch of three messages, the middle one unwritable as found."""
    config = load_config(config_file)
    rules = rules_from_config(config)
    archive = Archive.open(config.archive.path, now=NOW)
    batch = [arrival(good(1), "a", rules), arrival(good(2), "bad-\udcff-name", rules), arrival(good(3), "c", rules)]
    outcomes = archive.store(batch, now=NOW)
    yield archive, outcomes
    archive.close()


def test_a_message_that_cannot_be_written_is_quarantined_and_the_batch_is_kept(archive_after_a_bad_middle_message):
    archive, outcomes = archive_after_a_bad_middle_message
    assert outcomes == ["new", "quarantined", "new"]
    [(reason, location)] = archive.conn.execute("SELECT reason, location FROM quarantine").fetchall()
    assert reason.startswith("cannot store: UnicodeEncodeError") and location == "bad-\\xff-name"


def test_the_trigram_index_holds_exactly_the_messages_a_batch_wrote(archive_after_a_bad_middle_message):
    # the index rows go in after the batch's per-message savepoints (FTS5 writes a segment
    # at each one): a message rolled back to its savepoint must leave no index row
    conn = archive_after_a_bad_middle_message[0].conn
    written = conn.execute("SELECT id FROM messages WHERE text LIKE 'Good mail%' ORDER BY id").fetchall()
    indexed = conn.execute("SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? ORDER BY rowid",
                           ('"goo" AND "ood"',)).fetchall()
    assert len(written) == 2 and indexed == written


MESSAGES = st.lists(st.one_of(st.binary(max_size=300), st.sampled_from(list(CLASSES.values())),
                              st.integers(0, 5).map(good)), min_size=1, max_size=12)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(datas=MESSAGES)
def test_ingest_accounts_for_every_message_and_archives_every_good_one(config_file, datas):
    config = load_config(config_file)
    config.archive.path.unlink(missing_ok=True)
    archive = Archive.open(config.archive.path, now=NOW)
    try:
        messages = [RawMessage(d, "prop", f"m{i}") for i, d in enumerate(datas)]
        counts = ingest(archive, messages, rules_from_config(config), now=lambda: NOW, expected=len(messages))
        assert counts.new + counts.duplicate + counts.quarantined == counts.messages == len(messages)
        archived = {r[0] for r in archive.conn.execute("SELECT sha256 FROM messages")}
        kept = {r[0] for r in archive.conn.execute("SELECT sha256 FROM raw")}
        assert {hashlib.sha256(d).hexdigest() for d in datas} == kept  # nothing lost
        for n in range(6):
            if good(n) in datas:
                assert hashlib.sha256(good(n)).hexdigest() in archived
    finally:
        archive.close()
