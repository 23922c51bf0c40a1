"""Migration 6 deflates the raw bytes of an existing archive: every message still reads back
byte for byte with its sha256, `followup verify` finds it intact, and the file shrinks."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from email.message import EmailMessage

import pytest

from followup.errors import FollowupError
from followup.evidence.verify import verify_archive
from followup.storage import raw as raw_storage
from followup.storage import schema
from followup.storage.search import Query, grep
from followup.storage.store import Archive, Arrival
from followup.cases.clients import ClientRules
from followup.sources.base import RawMessage
from mailfactory import message
from old_archives import downgrade

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
RULES = ClientRules(owners=frozenset({"me@agency.example"}))


def _with_attachment() -> bytes:
    msg = message("The signed contract is attached.\n", Message_ID="<pdf@x>")
    msg.add_attachment(bytes(range(256)) * 40, maintype="application", subtype="pdf", filename="kontrakt-ø.pdf")
    return msg.as_bytes()


MAILS = (
    message("We will send the revised invoice by Friday.\n" * 3000, Message_ID="<long@x>").as_bytes(),
    message("Vi sender den reviderte fakturaen innen fredag.\n", Message_ID="<nb@x>").as_bytes(),
    _with_attachment(),
    b"just some words, no headers at all\n",  # quarantined: its bytes are archived all the same
    b"From: a@x\r\nSubject: crlf\r\n\r\nbinary \x00\xff\xfe tail\r\n",
)


@pytest.fixture
def upgraded(tmp_path):
    """(archive opened after an archive of schema 5 was upgraded, its size before)."""
    path = tmp_path / "archive.sqlite3"
    old = Archive.open(path, now=NOW)
    old.store([Arrival.of(RawMessage(data, "import", f"/mail/{i}"), RULES) for i, data in enumerate(MAILS)], now=NOW)
    old.close()
    downgrade(path, 5)
    with closing(sqlite3.connect(path)) as conn:
        stored = dict(conn.execute("SELECT sha256, bytes FROM raw"))
    assert sorted(stored.values()) == sorted(MAILS)  # the old archive kept them as received
    size_before = path.stat().st_size
    archive = Archive.open(path, now=NOW)
    yield archive, size_before
    archive.close()


def test_every_message_of_an_old_archive_reads_back_byte_for_byte_with_its_hash(upgraded):
    archive, _ = upgraded
    rows = archive.conn.execute("SELECT sha256, size, codec FROM raw").fetchall()
    assert schema.current_version(archive.conn) == schema.LATEST
    assert len(rows) == len(MAILS) and {codec for _, _, codec in rows} == {raw_storage.CODEC}
    for sha256, size, _ in rows:
        data = raw_storage.message_bytes(archive.conn, sha256)
        assert hashlib.sha256(data).hexdigest() == sha256 and len(data) == size and data in MAILS


def test_an_upgraded_archive_verifies_intact(upgraded):
    archive, _ = upgraded
    report = verify_archive(archive.conn, lambda done, total: None)
    assert report.first is None and report.mismatched == 0 and report.messages == len(MAILS)


def test_an_upgraded_archive_is_compacted_to_a_smaller_file(upgraded):
    archive, size_before = upgraded
    assert archive.conn.execute("PRAGMA freelist_count").fetchone()[0] == 0
    received = sum(len(data) for data in MAILS)
    assert archive.path.stat().st_size <= size_before - received / 2  # the mail here deflates to under half


def test_grep_finds_the_same_messages_after_the_upgrade(upgraded):
    archive, _ = upgraded
    hits = [h.message_id for h in grep(archive.conn, Query("revised invoice", fixed=True))]
    assert hits == ["long@x"]


def test_a_writer_that_finds_a_migration_applied_while_it_waited_skips_it(tmp_path, monkeypatch):
    # The daemon and `followup import` started together after an upgrade: both saw schema 5,
    # one migrated while the other waited for the write lock.
    path = tmp_path / "archive.sqlite3"
    Archive.open(path, now=NOW).close()  # migrated to the latest schema by the first writer
    real, calls = schema.current_version, []

    def seen_before_waiting(conn):  # the check outside the transaction is stale; inside, true
        calls.append(1)
        return 5 if len(calls) % 2 else real(conn)

    monkeypatch.setattr(schema, "current_version", seen_before_waiting)
    with closing(sqlite3.connect(path)) as conn:
        assert schema.migrate(conn, NOW.isoformat()) == []
        assert [v for (v,) in conn.execute("SELECT version FROM schema_migrations")] == list(
            range(1, schema.LATEST + 1))


def test_a_raw_value_stored_as_text_reads_as_damaged_not_as_a_crash():
    assert raw_storage.unpack("some text", None) is None
    assert raw_storage.unpack("some text", raw_storage.CODEC) is None


def test_a_compaction_cut_short_is_done_at_the_next_open(tmp_path, monkeypatch):
    path = tmp_path / "archive.sqlite3"
    old = Archive.open(path, now=NOW)
    old.store([Arrival.of(RawMessage(data, "import", f"/mail/{i}"), RULES) for i, data in enumerate(MAILS)], now=NOW)
    old.close()
    downgrade(path, 5)
    with monkeypatch.context() as patched:  # the disk filled up (or the process was killed) during VACUUM
        patched.setattr(schema, "_much_free", lambda conn: (_ for _ in ()).throw(sqlite3.OperationalError("disk full")))
        with pytest.raises(FollowupError, match="disk"):
            Archive.open(path, now=NOW)
    size_cut_short = path.stat().st_size
    archive = Archive.open(path, now=NOW)
    try:
        assert archive.conn.execute("PRAGMA freelist_count").fetchone()[0] == 0
        assert archive.path.stat().st_size < size_cut_short
        assert archive.conn.execute("SELECT count(*) FROM maintenance").fetchone()[0] == 0
    finally:
        archive.close()
