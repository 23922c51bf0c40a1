"""`followup verify`: an archive built the real way verifies clean; any change made behind
followup's back (a flipped byte, an edited or deleted event, a missing message) is caught and
the first broken link is named with what it concerns."""

from __future__ import annotations

import json
import zlib

import evidence_archive
from followup.evidence import verify as verify_module
from followup.storage.db import connect
from followup.evidence.verify import verify_archive

built_archive, world = evidence_archive.built_archive, evidence_archive.world  # the shared fixtures


def flip_first_byte_of_body(world, sha256: str) -> None:
    """Change the message as received and store it packed the way followup does: only the
    hash can tell."""
    data = zlib.decompress(world.query("SELECT bytes FROM raw WHERE sha256 = ? AND codec = 'zlib'", (sha256,))[0][0])
    at = data.index(b"\n\n") + 2
    changed = data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1:]
    world.tamper(("UPDATE raw SET bytes = ? WHERE sha256 = ?", (zlib.compress(changed), sha256)))


def verify_after(world, *tampering):
    """`followup verify` after changing the archive behind followup's back: it must fail."""
    world.tamper(*tampering)
    result = world.cli("verify")
    assert result.exit_code == 1
    return result


def test_an_untouched_archive_is_intact(world):
    result = world.cli("verify")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("intact: 7 messages, 2 updates and ")


def test_the_json_report_of_an_intact_archive_counts_what_was_checked(world):
    result = world.cli("verify", "--json")
    report = json.loads(result.stdout)
    assert result.exit_code == 0
    assert report["intact"] is True and report["first"] is None and report["problems"] == []
    assert (report["messages"], report["updates"]) == (7, 2) and report["events"] > 10


def test_a_flipped_byte_in_a_raw_message_names_that_message_and_where_it_was_found(world):
    sha = world.sha_of("a2@agency.example")
    flip_first_byte_of_body(world, sha)
    result = world.cli("verify")
    assert result.exit_code == 1
    (line,) = result.stdout.splitlines()
    assert line.startswith(f"broken: message {sha} a2@agency.example: raw bytes hash to ")
    assert "; found at import:" in line and line.endswith("/mail/.Sent/cur/02:2,S")
    assert "1 raw blobs do not match their sha256" in result.stderr


def test_a_stored_blob_that_no_longer_inflates_is_named_as_damaged(world):
    sha = world.sha_of("a2@agency.example")
    result = verify_after(world, ("UPDATE raw SET bytes = substr(bytes, 1, length(bytes) / 2) WHERE sha256 = ?", (sha,)))
    assert result.stdout.startswith(f"broken: message {sha} a2@agency.example: raw bytes are damaged: ")
    assert "1 raw blobs do not match their sha256" in result.stderr


def test_cat_of_a_damaged_blob_is_one_line_naming_verify(world):
    sha = world.sha_of("a2@agency.example")
    world.tamper(("UPDATE raw SET bytes = x'00' WHERE sha256 = ?", (sha,)))
    result = world.cli("cat", sha[:12])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == f"followup: error: message {sha}: its stored bytes are damaged (fix: run `followup verify` and restore the archive from a backup)\n"


def test_cat_never_prints_stored_bytes_that_no_longer_hash_to_the_message(world):
    sha = world.sha_of("a2@agency.example")
    flip_first_byte_of_body(world, sha)  # inflates fine, but is not what was received
    result = world.cli("cat", sha[:12])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"followup: error: message {sha}: its stored bytes are damaged")


def test_an_edited_event_names_the_event_its_kind_and_its_case(world):
    (event_id,) = world.query("SELECT id FROM events WHERE kind = 'promise.recorded' ORDER BY id LIMIT 1")[0]
    world.tamper("DROP TRIGGER events_no_update",
                 ("UPDATE events SET data = replace(data, '20 November', '27 November') WHERE id = ?", (event_id,)))
    result = world.cli("verify")
    assert result.exit_code == 1
    assert result.stdout == (f"broken: event {event_id} promise.recorded (case 1): "
                             "hash does not match the event's content\n")


def test_a_deleted_event_breaks_the_link_to_the_next_one(world):
    (first, second) = world.query("SELECT id FROM events WHERE case_id = 1 ORDER BY id LIMIT 2")
    world.tamper("DROP TRIGGER events_no_delete", ("DELETE FROM events WHERE id = ?", first))
    report = json.loads(world.cli("verify", "--json").stdout)
    assert report["first"]["event_id"] == second[0]
    assert report["first"]["reason"] == "prev_hash does not match the previous event's hash"


def test_a_message_row_whose_raw_bytes_are_gone_is_named(world):
    sha = world.sha_of("a1@acme.example")
    result = verify_after(world, ("DELETE FROM raw WHERE sha256 = ?", (sha,)))
    assert result.stdout.startswith(f"broken: message {sha} a1@acme.example: message has no raw bytes")


def test_a_message_removed_completely_is_caught_through_the_event_that_archived_it(world):
    sha = world.sha_of("a4@agency.example")
    world.tamper(("DELETE FROM messages WHERE sha256 = ?", (sha,)), ("DELETE FROM raw WHERE sha256 = ?", (sha,)))
    report = json.loads(world.cli("verify", "--json").stdout)
    assert report["first"]["concerns"] == "event" and report["first"]["kind"] == "message.archived"
    assert report["first"]["sha256"] == sha and "is gone from the archive" in report["first"]["reason"]


def test_an_altered_update_in_the_outbox_is_named(world):
    world.tamper("UPDATE outbox SET raw = CAST(replace(CAST(raw AS TEXT), 'Kari', 'Karl') AS BLOB) WHERE kind = 'update'")
    result = world.cli("verify")
    assert result.exit_code == 1
    assert result.stdout.startswith("broken: update followup.") and "(case 1, sha256 " in result.stdout


def test_the_first_broken_link_is_reported_when_there_are_several(world):
    first, later = world.sha_of("a1@acme.example"), world.sha_of("a4@agency.example")
    flip_first_byte_of_body(world, later)
    flip_first_byte_of_body(world, first)
    report = json.loads(world.cli("verify", "--json").stdout)
    earlier = min((first, later), key=lambda s: world.query("SELECT id FROM raw WHERE sha256 = ?", (s,))[0][0])
    assert report["first"]["sha256"] == earlier
    assert report["problems"] == ["2 raw blobs do not match their sha256"]


def test_progress_counts_up_to_every_blob_and_event_in_chunks(world, monkeypatch):
    monkeypatch.setattr(verify_module, "CHUNK_ROWS", 2)
    seen: list[tuple[int, int]] = []
    conn = connect(world.archive, readonly=True)
    try:
        report = verify_archive(conn, lambda done, total: seen.append((done, total)))
    finally:
        conn.close()
    total = report.messages + report.events
    assert [done for done, _ in seen] == [2, 4, 6, 7, total]
    assert {t for _, t in seen} == {total}


def test_verify_without_an_archive_is_an_error_with_the_fix(cli):
    result = cli("verify")
    assert result.exit_code == 2 and "followup import" in result.stderr
