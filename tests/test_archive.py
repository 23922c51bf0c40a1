"""The evidence archive: bytes kept exactly once, threads linked, clients placed, events chained."""

from __future__ import annotations

import hashlib
import os
import stat
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import pytest

from followup.storage.events import verify_chain
from followup.storage.ingest import ingest
from followup.storage.raw import message_bytes
from followup.storage.schema import LATEST
from followup.storage.store import Archive
from followup.cases.clients import ClientRule, ClientRules
from followup.sources.base import RawMessage
from mailfactory import message

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
RULES = ClientRules(
    owners=frozenset({"me@agency.example"}),
    clients=(ClientRule("acme", ("acme.example",)),),
)


def clock():
    return NOW


@pytest.fixture
def archive(tmp_path: Path):
    a = Archive.open(tmp_path / "data" / "archive.sqlite3", now=NOW)
    yield a
    a.close()


def put(archive: Archive, *messages: bytes, rules: ClientRules = RULES) -> list[str]:
    raws = [RawMessage(m, "test", f"mem:{i}") for i, m in enumerate(messages)]
    counts = ingest(archive, raws, rules, now=clock)
    return counts


def mail(mid: str, *, frm="Kari <kari@acme.example>", to="me@agency.example", subject="Invoice", body="Hello\n", **h) -> bytes:
    return message(body, From=frm, To=to, Subject=subject, Message_ID=f"<{mid}>", **h).as_bytes()


def rows(archive: Archive, sql: str, *params) -> list[tuple]:
    return archive.conn.execute(sql, params).fetchall()


def thread_of(archive: Archive, mid: str) -> int:
    return rows(archive, "SELECT thread_id FROM messages WHERE message_id = ?", mid)[0][0]


def test_archive_file_is_private_from_the_start(tmp_path: Path):
    Archive.open(tmp_path / "data" / "archive.sqlite3", now=NOW).close()
    assert stat.S_IMODE(os.stat(tmp_path / "data" / "archive.sqlite3").st_mode) == 0o600
    assert stat.S_IMODE(os.stat(tmp_path / "data").st_mode) == 0o700


def test_stored_bytes_hash_to_their_recorded_sha256(archive):
    raw = mail("a@acme.example")
    put(archive, raw)
    (sha, size), = rows(archive, "SELECT sha256, size FROM raw")
    assert sha == hashlib.sha256(raw).hexdigest() and size == len(raw)
    assert message_bytes(archive.conn, sha) == raw


def test_raw_bytes_are_stored_deflated_and_read_back_byte_for_byte(archive):
    raw = mail("a@acme.example", body="We will send the revised invoice by Friday.\r\n" * 200)
    put(archive, raw)
    (sha, stored, codec), = rows(archive, "SELECT sha256, bytes, codec FROM raw")
    assert codec == "zlib" and len(stored) < len(raw) / 10
    assert message_bytes(archive.conn, sha) == raw


def test_the_same_message_twice_is_stored_once_and_counted_as_duplicate(archive):
    raw = mail("a@acme.example")
    first, second = put(archive, raw), put(archive, raw)
    assert (first.new, second.duplicate, second.new) == (1, 1, 0)
    assert rows(archive, "SELECT count(*) FROM messages") == [(1,)]


def test_a_duplicate_found_elsewhere_records_the_new_location(archive):
    raw = mail("a@acme.example")
    ingest(archive, [RawMessage(raw, "imap", "INBOX;UID=1")], RULES, now=clock)
    ingest(archive, [RawMessage(raw, "imap", "Archive;UID=9")], RULES, now=clock)
    assert sorted(r[0] for r in rows(archive, "SELECT location FROM locations")) == ["Archive;UID=9", "INBOX;UID=1"]


def test_unparseable_bytes_are_kept_raw_and_quarantined_with_a_reason(archive):
    counts = put(archive, b"just some words, no headers at all\n")
    assert counts.quarantined == 1
    (reason,), = rows(archive, "SELECT reason FROM quarantine")
    assert reason
    (sha,), = rows(archive, "SELECT sha256 FROM raw")
    assert message_bytes(archive.conn, sha) == b"just some words, no headers at all\n"


def test_a_reply_joins_its_parents_thread(archive):
    put(archive, mail("a@acme.example"), mail("b@agency.example", frm="me@agency.example", to="kari@acme.example",
                                               In_Reply_To="<a@acme.example>", References="<a@acme.example>"))
    assert thread_of(archive, "a@acme.example") == thread_of(archive, "b@agency.example")


def test_a_reply_that_arrives_before_its_parent_still_joins_it(archive):
    put(archive, mail("c@acme.example", References="<a@acme.example> <b@agency.example>"))
    put(archive, mail("a@acme.example"))
    assert thread_of(archive, "a@acme.example") == thread_of(archive, "c@acme.example")


def test_a_message_linking_two_threads_merges_them(archive):
    put(archive, mail("b@acme.example", In_Reply_To="<a@acme.example>"), mail("c@acme.example", In_Reply_To="<x@acme.example>"))
    assert thread_of(archive, "b@acme.example") != thread_of(archive, "c@acme.example")
    put(archive, mail("d@acme.example", References="<a@acme.example> <x@acme.example>"))
    assert len({thread_of(archive, m) for m in ("b@acme.example", "c@acme.example", "d@acme.example")}) == 1
    assert rows(archive, "SELECT kind FROM events WHERE kind = 'thread.merged'") == [("thread.merged",)]


def test_subject_joins_a_reply_only_when_it_has_no_threading_headers(archive):
    put(archive, mail("a@acme.example", subject="Delayed launch"),
        mail("b@acme.example", subject="SV: Delayed launch"),
        mail("c@acme.example", subject="Delayed launch"))
    assert thread_of(archive, "a@acme.example") == thread_of(archive, "b@acme.example")
    assert thread_of(archive, "c@acme.example") != thread_of(archive, "a@acme.example")


def test_mail_from_a_client_domain_belongs_to_that_client_inbound(archive):
    put(archive, mail("a@acme.example", frm="kari@sales.acme.example"))
    assert rows(archive, "SELECT client, direction FROM messages") == [("acme", "in")]


def test_an_owners_mail_belongs_to_the_client_it_was_sent_to(archive):
    put(archive, mail("a@agency.example", frm="me@agency.example", to="kari@acme.example"))
    assert rows(archive, "SELECT client, direction FROM messages") == [("acme", "out")]


def test_an_unknown_domain_becomes_a_client_named_after_it(archive):
    put(archive, mail("a@globex.example", frm="hank@globex.example"))
    assert rows(archive, "SELECT client FROM messages") == [("globex.example",)]


def test_unknown_domains_can_be_ignored(archive):
    rules = ClientRules(owners=RULES.owners, clients=RULES.clients, unknown_domains="ignore")
    put(archive, mail("a@globex.example", frm="hank@globex.example"), rules=rules)
    assert rows(archive, "SELECT client FROM messages") == [(None,)]


def test_mail_between_owners_only_is_internal(archive):
    put(archive, mail("n@agency.example", frm="me@agency.example", to="me@agency.example"))
    assert rows(archive, "SELECT client, direction FROM messages") == [(None, "internal")]


def test_every_archived_message_appends_a_chained_event(archive):
    put(archive, mail("a@acme.example"), mail("b@acme.example"))
    assert rows(archive, "SELECT count(*) FROM events WHERE kind = 'message.archived'") == [(2,)]
    assert verify_chain(archive.conn) is None


def test_an_edited_event_breaks_the_chain_at_that_event(archive):
    put(archive, mail("a@acme.example"), mail("b@acme.example"), mail("c@acme.example"))
    archive.conn.execute("DROP TRIGGER events_no_update")
    archive.conn.execute("UPDATE events SET data = '{}' WHERE id = 2")
    broken = verify_chain(archive.conn)
    assert broken is not None and broken.event_id == 2


def test_events_cannot_be_updated_or_deleted(archive):
    put(archive, mail("a@acme.example"))
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        archive.conn.execute("DELETE FROM events")


def test_reopening_an_archive_applies_no_migration_twice(tmp_path: Path):
    path = tmp_path / "a.sqlite3"
    Archive.open(path, now=NOW).close()
    again = Archive.open(path, now=NOW)
    assert rows(again, "SELECT count(*) FROM schema_migrations") == [(LATEST,)]
    again.close()


def test_a_large_batch_is_parsed_in_worker_processes_and_all_stored(archive):
    raws = [mail(f"m{i}@acme.example", body=f"message number {i}\n") for i in range(450)]
    counts = put(archive, *raws)
    assert (counts.messages, counts.new) == (450, 450)
    assert rows(archive, "SELECT count(*) FROM messages") == [(450,)]


def test_a_colleague_in_an_owners_domain_is_our_side_not_a_client(archive):
    rules = ClientRules(owners=RULES.owners, clients=RULES.clients, our_domains=frozenset({"agency.example"}))
    put(archive, mail("o@agency.example", frm="colleague@agency.example", to="kari@acme.example"), rules=rules)
    assert rows(archive, "SELECT client, direction FROM messages") == [("acme", "out")]
