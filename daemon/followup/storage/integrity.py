"""What `followup verify` recomputes, read as stored: raw blobs with their sha256 and size,
the outbox's copies of sent mail, and the links between messages, events and locations.
(The events chain itself is checked by storage/events.py:verify_chain.)"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import NamedTuple

from followup.storage.raw import unpack

_COUNTED = frozenset({"raw", "events", "outbox"})


class Blob(NamedTuple):
    sha256: str
    size: int
    data: bytes | None  # as received; None when the stored blob no longer inflates


class SentCopy(NamedTuple):
    kind: str
    case_id: int | None
    message_id: str
    sha256: str
    data: bytes


class Orphan(NamedTuple):
    """An archiving event whose message has no raw bytes any more."""

    event_id: int
    kind: str
    case_id: int | None
    sha256: str


def count(conn: sqlite3.Connection, table: str) -> int:
    """Rows in `table`: one of raw, events, outbox."""
    if table not in _COUNTED:
        raise ValueError(f"not a counted table: {table}")
    return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def blobs(conn: sqlite3.Connection, chunk_rows: int) -> Iterator[list[Blob]]:
    """Every raw blob in archive order, `chunk_rows` at a time (memory stays at one chunk)."""
    cursor = conn.execute("SELECT sha256, size, bytes, codec FROM raw ORDER BY id")
    while rows := cursor.fetchmany(chunk_rows):
        yield [Blob(sha256, size, unpack(blob, codec)) for sha256, size, blob, codec in rows]


def without_raw(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(sha256, "message" or "quarantined message") for each one whose raw bytes are gone."""
    return conn.execute(
        "SELECT sha256, 'message' FROM messages WHERE sha256 NOT IN (SELECT sha256 FROM raw)"
        " UNION ALL SELECT sha256, 'quarantined message' FROM quarantine WHERE sha256 NOT IN (SELECT sha256 FROM raw)"
    ).fetchall()


def sent_copies(conn: sqlite3.Connection) -> Iterator[SentCopy]:
    for row in conn.execute("SELECT kind, case_id, message_id, sha256, raw FROM outbox ORDER BY id"):
        yield SentCopy(*row)


def orphans(conn: sqlite3.Connection) -> list[Orphan]:
    rows = conn.execute(
        "SELECT id, kind, case_id, sha256 FROM events WHERE kind IN ('message.archived', 'message.quarantined')"
        " AND sha256 NOT IN (SELECT sha256 FROM raw) ORDER BY id").fetchall()
    return [Orphan(*row) for row in rows]


def event_refs(conn: sqlite3.Connection, event_id: int) -> tuple[int | None, str | None]:
    """The case and message an event names ((None, None) when there is no such event)."""
    row = conn.execute("SELECT case_id, sha256 FROM events WHERE id = ?", (event_id,)).fetchone()
    return (row[0], row[1]) if row else (None, None)


def message_id_of(conn: sqlite3.Connection, sha256: str) -> str | None:
    row = conn.execute("SELECT message_id FROM messages WHERE sha256 = ?", (sha256,)).fetchone()
    return row[0] if row else None


def locations(conn: sqlite3.Connection, sha256: str) -> list[tuple[str, str]]:
    """(source, location) where the message was seen, first seen first."""
    return conn.execute("SELECT source, location FROM locations WHERE sha256 = ? ORDER BY first_seen, location",
                        (sha256,)).fetchall()
