"""The evidence archive: one SQLite file, written by one writer.

Raw bytes are stored once per SHA-256, so storing the same message again only records the
new place it was found. Each batch is one transaction: a caller may move its source
checkpoint only after `store` returns.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Iterator

from followup.storage.events import EventLog
from followup.storage.rows import COLUMNS, MessageRow, row_or_reason
from followup.storage.db import connect, transaction, translate
from followup.storage.raw import CODEC, pack
from followup.storage.schema import migrate
from followup.cases.clients import ClientRules
from followup.errors import ArchiveError
from followup.sources.base import RawMessage, escaped

NEW, DUPLICATE, QUARANTINED = "new", "duplicate", "quarantined"
BULK_WAL_PAGES = 16000  # ~64 MB of WAL between checkpoints during an import


@dataclass(frozen=True)
class Arrival:
    """A message on its way into the archive: its row, or the reason it could not be parsed."""

    raw: RawMessage
    sha256: str
    row: MessageRow | None
    reason: str | None = None
    packed: bytes | None = None  # raw.data as stored (storage/raw.py:pack) when a worker packed it

    @classmethod
    def of(cls, raw: RawMessage, rules: ClientRules) -> "Arrival":
        """Parse in this process (the daemon's way; imports parse in workers)."""
        sha256 = hashlib.sha256(raw.data).hexdigest()
        return cls(raw, sha256, *row_or_reason(raw.data, rules))


_INSERT_MESSAGE = (
    f"INSERT INTO messages ({', '.join(COLUMNS)}, thread_id, archived_at)"
    f" VALUES ({', '.join('?' * (len(COLUMNS) + 2))})"
)
_INSERT_LOCATION = ("INSERT OR IGNORE INTO locations (sha256, source, location, first_seen, folder, keywords, from_sent)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)")


class Archive:
    def __init__(self, conn: sqlite3.Connection, path: Path):
        self.conn = conn
        self.path = path
        self.events = EventLog(conn)
        self._unindexed: list[tuple[int, str]] = []  # (rowid, index text) of this batch's new messages

    @classmethod
    def open(cls, path: Path, *, now: datetime) -> "Archive":
        try:
            _create_private(path)
            conn = connect(path)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA cache_size = -65536")  # 64 MB: the trigram index's pages stay hot on big imports
            migrate(conn, now.isoformat())
        except sqlite3.Error as exc:
            raise translate(exc, path, "open") from exc
        return cls(conn, path)

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def bulk(self) -> Iterator[None]:
        """A bulk import: few fsyncs, one durable end.

        In WAL mode with synchronous=NORMAL a commit is not synced; the WAL is synced only
        when it is copied into the database file (a checkpoint), and that is never torn. A
        killed process loses nothing committed, a power cut at most the last windows. The
        import lets the WAL grow to BULK_WAL_PAGES before copying it (sixteen times fewer
        fsyncs than the default), then copies and syncs it once at the end."""
        self.conn.execute(f"PRAGMA wal_autocheckpoint = {BULK_WAL_PAGES}")
        try:
            yield
        finally:
            self.conn.execute("PRAGMA wal_autocheckpoint = 1000")
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def known_among(self, hashes: list[str]) -> set[str]:
        """Which of these hashes are archived already (asked per window: a set of every
        hash in a 300k archive held 42 MB for the whole import)."""
        marks = ",".join("?" * len(hashes))
        return {row[0] for row in self.conn.execute(f"SELECT sha256 FROM raw WHERE sha256 IN ({marks})", hashes)}

    def store(self, batch: list[Arrival], *, now: datetime) -> list[str]:
        """Archive a batch in one transaction; returns each arrival's outcome.

        Each message is written under its own savepoint: one that cannot be written is
        quarantined (raw bytes kept, the reason recorded) and the others stay. Only a fault
        of the archive itself (full, read-only, locked) fails the batch, storing nothing."""
        at = now.isoformat()
        self._unindexed.clear()
        with transaction(self.conn, self.path, on_rollback=self.events.forget,
                         doing=f"store {len(batch)} message(s) in"):
            outcomes = [self._isolated(arrival, at) for arrival in batch]
            self._index_batch()
            return outcomes

    def _index_batch(self) -> None:
        """The batch's trigram index rows, after its last savepoint: FTS5 writes its pending
        terms to disk as a new segment at every SAVEPOINT, so indexing inside the
        per-message savepoints made one segment per message and merges without end (3.5x
        the writer's time). The text is the same as in the messages row just written, so
        this insert has no input of its own that could fail."""
        self.conn.executemany("INSERT INTO messages_fts (rowid, body) VALUES (?, ?)", self._unindexed)
        self._unindexed.clear()

    def _isolated(self, arrival: Arrival, at: str) -> str:
        self.conn.execute("SAVEPOINT message")
        unindexed = len(self._unindexed)
        try:
            outcome = self._store_one(arrival, at)
        except sqlite3.Error as exc:
            if _archive_fault(exc):
                raise
            del self._unindexed[unindexed:]
            outcome = self._instead(arrival, at, exc)
        except (ValueError, TypeError, OverflowError) as exc:  # e.g. text SQLite cannot encode
            del self._unindexed[unindexed:]
            outcome = self._instead(arrival, at, exc)
        self.conn.execute("RELEASE message")
        return outcome

    def _instead(self, arrival: Arrival, at: str, exc: Exception) -> str:
        """The message could not be written as read: keep its bytes in quarantine, with
        every text field made safe to store."""
        self.conn.execute("ROLLBACK TO message")
        self.events.forget()
        raw = arrival.raw
        safe = RawMessage(raw.data, escaped(raw.source), escaped(raw.location),
                          escaped(raw.folder) if raw.folder is not None else None,
                          frozenset(escaped(k) for k in raw.keywords), raw.from_sent)
        reason = escaped(f"cannot store: {type(exc).__name__}: {exc}")[:500]
        return self._store_one(Arrival(safe, arrival.sha256, None, reason, arrival.packed), at)

    def _store_one(self, arrival: Arrival, at: str) -> str:
        raw = arrival.raw
        moved = self._place(arrival, at)
        if not self._keep_bytes(arrival):
            if moved:  # a known message in a new folder or with new keywords: the case pass looks again
                self.conn.execute("INSERT OR IGNORE INTO revisits (message_id) SELECT id FROM messages WHERE sha256 = ?",
                                  (arrival.sha256,))
            return DUPLICATE
        where = {"source": raw.source, "location": raw.location}
        if arrival.row is None:
            self.conn.execute(
                "INSERT INTO quarantine (sha256, reason, source, location, at) VALUES (?, ?, ?, ?, ?)",
                (arrival.sha256, arrival.reason, raw.source, raw.location, at),
            )
            self.events.append(at, "message.quarantined", {**where, "reason": arrival.reason}, sha256=arrival.sha256)
            return QUARANTINED
        self._insert_message(arrival.row, at)
        self.events.append(at, "message.archived", {**where, "message_id": arrival.row.message_id}, sha256=arrival.sha256)
        return NEW

    def _keep_bytes(self, arrival: Arrival) -> bool:
        """Store the raw bytes unless they are archived already; True when stored now."""
        data, packed = arrival.raw.data, arrival.packed
        if packed is None:  # not packed by an import worker: may well be known, so ask before packing
            if self.conn.execute("SELECT 1 FROM raw WHERE sha256 = ?", (arrival.sha256,)).fetchone():
                return False
            packed = pack(data)
        return self.conn.execute("INSERT OR IGNORE INTO raw (sha256, size, bytes, codec) VALUES (?, ?, ?, ?)",
                                 (arrival.sha256, len(data), packed, CODEC)).rowcount == 1

    def _place(self, arrival: Arrival, at: str) -> bool:
        """Record where the message was found, and its keywords there; True when that is news."""
        raw = arrival.raw
        keywords = json.dumps(sorted(raw.keywords))
        place = (arrival.sha256, raw.source, raw.location)
        # Bytes an import worker packed were not archived when their window was cut, so their
        # place is new (but for the same bytes twice in a window): insert with no look-up first.
        if arrival.packed is not None and self.conn.execute(
                _INSERT_LOCATION, (*place, at, raw.folder, keywords, int(raw.from_sent))).rowcount:
            return True
        known = self.conn.execute("SELECT keywords FROM locations WHERE sha256 = ? AND source = ? AND location = ?",
                                  place).fetchone()
        if known is None:
            self.conn.execute(_INSERT_LOCATION, (*place, at, raw.folder, keywords, int(raw.from_sent)))
            return True
        if known[0] != keywords:
            self.conn.execute("UPDATE locations SET keywords = ? WHERE sha256 = ? AND source = ? AND location = ?",
                              (keywords, *place))
            return True
        return False

    def _insert_message(self, row: MessageRow, at: str) -> None:
        thread_id = self._thread_for(row, at)
        cursor = self.conn.execute(_INSERT_MESSAGE, (*row.values, thread_id, at))
        self._unindexed.append((cursor.lastrowid, row.index_text))
        if row.date:
            self.conn.execute(
                "UPDATE threads SET first_date = min(coalesce(first_date, ?1), ?1),"
                " last_date = max(coalesce(last_date, ?1), ?1) WHERE id = ?2", (row.date, thread_id))

    def _thread_for(self, row: MessageRow, at: str) -> int:
        ids = row.link_ids
        marks = ",".join("?" * len(ids))
        found = sorted({r[0] for r in self.conn.execute(
            f"SELECT thread_id FROM msgids WHERE message_id IN ({marks})", ids)})
        if not found and row.reply_without_headers and row.subject_key:
            found = [r[0] for r in self.conn.execute(
                "SELECT id FROM threads WHERE subject_key = ? AND client IS ? AND merged_into IS NULL"
                " ORDER BY id LIMIT 1", (row.subject_key, row.client))]
        if not found:
            thread_id = self.conn.execute(
                "INSERT INTO threads (subject, subject_key, client) VALUES (?, ?, ?)",
                (row.values[COLUMNS.index("subject")], row.subject_key, row.client),
            ).lastrowid
        else:
            thread_id = found[0]
            if len(found) > 1:
                self._merge_threads(thread_id, found[1:], at)
        own = ids[:1] if row.synthetic_id else ids
        # Most of these ids are known and already point to this thread (they were just looked
        # up, and merged into it): an upsert leaves those rows alone, where INSERT OR REPLACE
        # deleted and rewrote each one (and its index entry) for every reply.
        self.conn.executemany(
            "INSERT INTO msgids (message_id, thread_id) VALUES (?, ?) ON CONFLICT (message_id)"
            " DO UPDATE SET thread_id = excluded.thread_id WHERE thread_id != excluded.thread_id",
            [(i, thread_id) for i in own])
        return thread_id

    def _merge_threads(self, keep: int, others: list[int], at: str) -> None:
        """A message that links two threads (it arrived after replies to it) joins them."""
        marks = ",".join("?" * len(others))
        for table in ("msgids", "messages", "cases"):
            self.conn.execute(f"UPDATE {table} SET thread_id = ? WHERE thread_id IN ({marks})", (keep, *others))
        self.conn.execute(f"UPDATE threads SET merged_into = ? WHERE id IN ({marks})", (keep, *others))
        self.events.append(at, "thread.merged", {"into": keep, "merged": others})


# Faults of the archive file itself: no single message is to blame, the batch is retried.
_ARCHIVE_FAULTS = ("SQLITE_FULL", "SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_IOERR", "SQLITE_READONLY",
                   "SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_CANTOPEN", "SQLITE_NOMEM", "SQLITE_INTERRUPT")


def _archive_fault(exc: sqlite3.Error) -> bool:
    name = getattr(exc, "sqlite_errorname", "") or ""
    if name:
        return name.startswith(_ARCHIVE_FAULTS)
    return isinstance(exc, sqlite3.OperationalError)


def _create_private(path: Path) -> None:
    """The archive holds client mail: owner-only from the first byte."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    except OSError as exc:
        raise ArchiveError(f"{path}: cannot create the archive ({exc.strerror}) (fix: check [archive] path and its folder's permissions)") from exc
    os.close(fd)

